"""Factories for the core's models, shared by every test package."""

from decimal import Decimal

import factory
from django.conf import settings
from django.utils.translation import get_supported_language_variant
from wagtail.models import Collection, Locale, Page

from cms.models import Team, Township


def ensure_wagtail_roots() -> None:
    """The root page, locale and collection that Wagtail's migrations create.

    A live-server (transactional) test ends with a flush that removes them too; the next test restores them here.
    """
    locale, _ = Locale.objects.get_or_create(language_code=get_supported_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"测试镇{n}")
    slug = factory.Sequence(lambda n: f"town-{n}")
    latitude = Decimal("23.173000")
    longitude = Decimal("114.289000")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"测试志愿服务队{n}")
    slug = factory.Sequence(lambda n: f"team-{n}")
    speciality = "助老"
    township = factory.SubFactory(TownshipFactory)
    status = Team.Status.ACTIVE
    live = True
    member_count = 30
