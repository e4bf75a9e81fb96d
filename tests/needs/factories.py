"""Factories for the needs plugin."""

import factory
from django.utils import timezone

from needs.models import Beneficiary, Need, TeamLeader
from needs.workflow import DISPATCHERS_GROUP, LEADERS_GROUP
from tests.factories import TeamFactory, TownshipFactory, UserFactory


def dispatcher(**kwargs):
    return UserFactory(groups=[DISPATCHERS_GROUP], **kwargs)


def leader(team, **kwargs):
    user = UserFactory(groups=[LEADERS_GROUP], **kwargs)
    TeamLeader.objects.get_or_create(user=user, team=team)
    return user


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    category = "助老"
    description = "独居老人家中需要打扫卫生、陪伴聊天。"
    beneficiary = Beneficiary.PERSON
    township = factory.SubFactory(TownshipFactory)
    address = factory.Sequence(lambda n: f"幸福路{n}号 3 栋 201")
    wanted_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=3))
    volunteers_needed = 2
    contact_name = "黄阿姨"
    contact_phone = factory.Sequence(lambda n: f"139{n:08d}")
    contact_email = factory.Sequence(lambda n: f"requester{n}@example.net")


__all__ = ["NeedFactory", "TeamFactory", "dispatcher", "leader"]
