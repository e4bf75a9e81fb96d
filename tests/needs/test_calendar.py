"""Needs in the staff's private calendar feed: scoped to who may see them, contacts only after acceptance."""

import icalendar
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import FeedToken
from needs.models import Need
from needs.workflow import State, perform_transition
from tests.needs import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _feed(client, user) -> str:
    token = FeedToken.objects.create(user=user)
    response = client.get(token.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _need_uids(body):
    events = icalendar.Calendar.from_ical(body.encode()).walk("VEVENT")
    return {str(event["UID"]).split("@")[0] for event in events if str(event["UID"]).startswith("need-")}


def test_a_leader_sees_their_teams_scheduled_needs_and_the_contact_only_after_accepting(
    client, dispatcher, team, leader, other_team
):
    ours = factories.NeedFactory(category="助老", contact_phone="13911112222", address="幸福路 99 号")
    theirs = factories.NeedFactory(category="环保")
    waiting = factories.NeedFactory()
    perform_transition(ours, "dispatch", dispatcher, team=team, notify=False)
    perform_transition(theirs, "dispatch", dispatcher, team=other_team, notify=False)
    body = _feed(client, leader)
    assert _need_uids(body) == {f"need-{ours.pk}"}
    assert "13911112222" not in body and "幸福路" not in body
    event = next(e for e in icalendar.Calendar.from_ical(body.encode()).walk("VEVENT") if "need-" in str(e["UID"]))
    assert event["DTSTART"].dt == ours.wanted_on
    assert f"/admin/needs/{ours.pk}/" in str(event["URL"])
    perform_transition(ours, "accept", leader, notify=False)
    body = client.get(FeedToken.objects.filter(user=leader).first().get_absolute_url()).content.decode()
    assert "13911112222" in body and "幸福路 99 号" in body.replace("\r\n ", "")
    assert f"need-{waiting.pk}" not in body


def test_a_dispatcher_sees_every_dispatched_need_with_contacts(client, dispatcher, team, other_team):
    first = factories.NeedFactory(contact_phone="13911112222")
    second = factories.NeedFactory()
    perform_transition(first, "dispatch", dispatcher, team=team, notify=False)
    perform_transition(second, "dispatch", dispatcher, team=other_team, notify=False)
    body = _feed(client, dispatcher)
    assert _need_uids(body) == {f"need-{first.pk}", f"need-{second.pk}"}
    assert "13911112222" in body


def test_other_staff_get_no_needs_and_a_dismissed_leader_loses_them(client, dispatcher, team, leader):
    need = factories.NeedFactory()
    perform_transition(need, "dispatch", dispatcher, team=team, notify=False)
    # Neither a dispatcher, a leader nor a reader of bookings: the link opens nothing at all.
    editor_token = FeedToken.objects.create(user=factories.UserFactory(username="editor", is_staff=True))
    assert client.get(editor_token.get_absolute_url()).status_code == 404
    token = FeedToken.objects.create(user=leader)
    assert _need_uids(client.get(token.get_absolute_url()).content.decode()) == {f"need-{need.pk}"}
    leader.led_teams.all().delete()
    assert _need_uids(client.get(token.get_absolute_url()).content.decode()) == set()


def test_a_change_to_a_need_reaches_the_cached_feed(client, dispatcher, team, leader):
    need = factories.NeedFactory()
    perform_transition(need, "dispatch", dispatcher, team=team, notify=False)
    token = FeedToken.objects.create(user=leader)
    assert "已派单" in client.get(token.get_absolute_url()).content.decode()
    perform_transition(need, "accept", leader, notify=False)
    assert "已接单" in client.get(token.get_absolute_url()).content.decode()


def test_the_feed_makes_the_same_queries_for_10_and_1000_needs(client, dispatcher, team):
    township = factories.TownshipFactory()
    token = FeedToken.objects.create(user=dispatcher)
    counts, sizes = [], []
    for size in (10, 1000):
        missing = size - Need.objects.count()
        Need.objects.bulk_create(
            factories.NeedFactory.build_batch(missing, township=township, state=State.ACCEPTED, team=team)
        )
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            body = client.get(token.get_absolute_url()).content.decode()
        counts.append(len(queries))
        sizes.append(len(_need_uids(body)))
    assert sizes == [10, 1000]
    assert counts[0] == counts[1], counts
