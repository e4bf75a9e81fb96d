"""Factories for the core's models, shared by every test package."""

from decimal import Decimal

import factory

from cms.models import Team, Township


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
