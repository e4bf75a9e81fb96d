"""Factories for the core's models and for users, shared by every test package."""

from decimal import Decimal
from importlib import import_module

import factory
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page

from cms.models import Team, Township


def ensure_wagtail_roots() -> None:
    """What Wagtail's, Django's and the plugins' migrations and post-migrate handlers create: content types and
    permissions, the default locale, the root page and the root collection, the plugins' staff groups.

    A live-server (transactional) test ends with a flush that empties them too (serialized_rollback cannot restore
    them under Playwright's event loop); the next test puts them back here.
    """
    emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    locale, _ = Locale.objects.get_or_create(language_code=language)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    for module in ("incubator.migrations.0002_roles", "needs.migrations.0002_roles"):  # the plugins' staff groups
        if apps.is_installed(module.split(".")[0]):
            import_module(module).create_roles(apps, None)


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


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"工作人员{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("pw-for-tests")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get(name=name))
