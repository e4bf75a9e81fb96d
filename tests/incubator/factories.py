"""Factories for the incubator's models."""

from decimal import Decimal

import factory
from django.utils import timezone

from incubator.models import Application, FieldOfService, Grant, MentoringSession, Support
from incubator.workflow import COORDINATORS_GROUP, MENTORS_GROUP
from tests.factories import TownshipFactory, UserFactory


def coordinator(**kwargs):
    return UserFactory(groups=[COORDINATORS_GROUP], **kwargs)


def mentor(**kwargs):
    return UserFactory(groups=[MENTORS_GROUP], **kwargs)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    organisation_name = factory.Sequence(lambda n: f"测试镇“同心”志愿服务队{n}")
    founder_name = "王小明"
    contact_phone = factory.Sequence(lambda n: f"138{n:08d}")
    contact_email = factory.Sequence(lambda n: f"founder{n}@example.com")
    township = factory.SubFactory(TownshipFactory)
    field_of_service = FieldOfService.ELDERLY
    member_count = 12
    introduction = "由退休教师发起,关爱社区独居老人。"
    planned_projects = "每周上门探访独居老人,每月一次健康讲座。"
    support_needed = [Support.TEAM_BUILDING, Support.FUNDING]


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentoringSession

    application = factory.SubFactory(ApplicationFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=3))
    topic = "队伍建设与分工"


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    application = factory.SubFactory(ApplicationFactory)
    amount = Decimal("5000.00")
    source = "县文明办志愿服务专项资金"
