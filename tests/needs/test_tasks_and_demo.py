"""Beat tasks (recall unaccepted needs, remind overdue ones), the demo loader, and a privacy crawl of the public site."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.utils import timezone

from cms.demo.teams import ensure_teams
from needs import tasks
from needs.demo import NEEDS, load_demo
from needs.models import Need, NeedsSettings
from needs.workflow import State, perform_transition
from tests.needs import factories

pytestmark = pytest.mark.django_db


def dispatched_hours_ago(need, hours):
    Need.objects.filter(pk=need.pk).update(dispatched_at=timezone.now() - timezone.timedelta(hours=hours))


def test_a_need_nobody_accepted_in_time_returns_to_the_station(dispatcher, team):
    settings = NeedsSettings.load()
    settings.accept_within_hours = 24
    settings.save()
    late, recent = factories.NeedFactory(), factories.NeedFactory()
    for need in (late, recent):
        perform_transition(need, "dispatch", dispatcher, team=team, notify=False)
    dispatched_hours_ago(late, 25)
    dispatched_hours_ago(recent, 23)
    assert tasks.recall_unaccepted() == 1
    late.refresh_from_db()
    recent.refresh_from_db()
    assert (late.state, late.team, recent.state) == (State.SUBMITTED, None, State.DISPATCHED)
    assert late.events.get(action="recall").actor_name == "系统"
    assert tasks.recall_unaccepted() == 0  # safe to run twice


def test_the_default_waits_48_hours(dispatcher, team):
    need = factories.NeedFactory()
    perform_transition(need, "dispatch", dispatcher, team=team, notify=False)
    dispatched_hours_ago(need, 47)
    assert tasks.recall_unaccepted() == 0
    dispatched_hours_ago(need, 49)
    assert tasks.recall_unaccepted() == 1


def test_leaders_are_reminded_of_accepted_needs_past_their_date(dispatcher, team, leader):
    past = factories.NeedFactory(wanted_on=timezone.localdate() - timezone.timedelta(days=1))
    future = factories.NeedFactory()
    for need in (past, future):
        perform_transition(need, "dispatch", dispatcher, team=team, notify=False)
        perform_transition(need, "accept", leader, notify=False)
    mail.outbox.clear()
    assert tasks.remind_overdue() == 1
    assert [message.to for message in mail.outbox] == [[leader.email]]
    assert past.township.name in mail.outbox[0].body
    assert past.contact_phone not in mail.outbox[0].body


@pytest.fixture
def demo(home_page):
    ensure_teams(home_page)
    load_demo(home_page, io.StringIO())
    return home_page


def test_the_demo_has_needs_in_every_state_and_loads_twice_the_same(demo):
    assert set(Need.objects.values_list("state", flat=True)) == set(State.values)
    count = Need.objects.count()
    load_demo(demo, io.StringIO())
    assert Need.objects.count() == count == len(NEEDS)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href and href.startswith("/") and not href.startswith("//"):
            self.links.append(href.split("#")[0])


def test_no_public_page_feed_or_api_response_shows_a_requester(client, demo):
    private = set()
    for need in Need.objects.all():
        private |= {need.contact_phone, need.address, need.contact_email, need.contact_name, need.description}
    start = ["/", "/needs/", "/needs/order/", "/api/needs", "/api/openapi.json", "/sitemap.xml", "/teams/"]
    seen, queue, crawled = set(), list(start), 0
    while queue and crawled < 250:
        url = queue.pop(0)
        if url in seen or url.startswith(("/admin", "/django-admin", "/static", "/media", "/needs/status")):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or response.streaming:
            continue
        crawled += 1
        body = response.content.decode("utf-8", "replace")
        leaked = [value for value in private if value and value in body]
        assert not leaked, f"{url} shows {leaked}"
        if "html" in response.get("Content-Type", ""):
            parser = Links()
            parser.feed(body)
            queue.extend(parser.links)
        queue.extend(re.findall(r"https?://testserver(/[^<\s\"]*)", body))
    assert crawled > 20
    assert {"/", "/needs/", "/api/needs"} <= seen
