"""The requester's side: order without an account, the private status link, cancel, rate; spam and floods refused."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms.models import OutboxEntry
from needs.models import Need
from needs.workflow import State, perform_transition
from tests.needs import factories
from tests.outbox_support import broker_back_and_sweep

pytestmark = pytest.mark.django_db


@pytest.fixture
def township(db):
    return factories.TownshipFactory(name="罗阳街道", slug="luoyang")


def order_data(township, **changes):
    return {
        "category": "助老",
        "description": "独居老人需要每周上门陪伴",
        "beneficiary": "person",
        "township": township.pk,
        "address": "罗阳街道幸福路 8 号",
        "wanted_on": (timezone.localdate() + timezone.timedelta(days=2)).isoformat(),
        "volunteers_needed": "2",
        "contact_name": "黄阿姨",
        "contact_phone": "139 1234 5678",
        "contact_email": "huang@example.net",
        "agree": "on",
        **changes,
    }


def test_a_resident_orders_and_gets_the_private_link(client, township, team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("needs:order"), order_data(township))
    assert response.status_code == 302
    need = Need.objects.get()
    assert (need.state, need.contact_phone, need.category) == (State.SUBMITTED, "13912345678", "助老")
    done = client.get(response["Location"])
    assert need.get_status_url() in done.content.decode()
    assert done["X-Robots-Tag"] == "noindex, nofollow"
    assert need.get_status_url() in mail.outbox[0].body


def test_the_categories_are_the_teams_specialities(client, township, team, other_team):
    content = client.get(reverse("needs:order")).content.decode()
    assert 'value="助老"' in content and 'value="环保"' in content
    assert "---------" not in content  # the beneficiary's radio buttons have no empty choice
    response = client.post(reverse("needs:order"), order_data(township, category="算命"))
    assert response.status_code == 200
    assert not Need.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"contact_phone": "12345"}, "contact_phone"),
        ({"agree": ""}, "agree"),
        ({"wanted_on": "2000-01-01"}, "wanted_on"),
        ({"wanted_until": "2000-01-01"}, "wanted_until"),
        ({"volunteers_needed": "0"}, "volunteers_needed"),
    ],
)
def test_invalid_orders_are_explained(client, township, team, changes, field):
    response = client.post(reverse("needs:order"), order_data(township, **changes))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Need.objects.exists()


def test_the_honeypot_saves_nothing(client, township, team):
    response = client.post(reverse("needs:order"), order_data(township, website="http://spam.example"))
    assert response.status_code == 302
    assert not Need.objects.exists()


def test_a_flood_of_orders_is_limited(client, township, team, settings):
    settings.NEEDS_FORM_RATE = "2/h"
    for _ in range(2):
        client.post(reverse("needs:order"), order_data(township))
    response = client.post(reverse("needs:order"), order_data(township))
    assert response.status_code == 429
    assert Need.objects.count() == 2


def test_the_status_page_is_private_and_shows_the_team(client, dispatcher, team):
    need = factories.NeedFactory()
    perform_transition(need, "dispatch", dispatcher, team=team, notify=False)
    response = client.get(need.get_status_url())
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert team.name in response.content.decode()
    assert client.get(reverse("needs:status", args=["not-a-token"])).status_code == 404


def test_the_requester_cancels_from_the_link(client):
    need = factories.NeedFactory()
    response = client.post(reverse("needs:cancel", args=[need.status_token]), {"reason": "已经解决了"})
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.state == State.CANCELLED
    assert need.events.get(action="cancel").comment == "已经解决了"


def test_the_requester_rates_a_done_service_once(client, dispatcher, team, leader):
    need = factories.NeedFactory()
    perform_transition(need, "dispatch", dispatcher, team=team, notify=False)
    perform_transition(need, "accept", leader, notify=False)
    perform_transition(
        need, "complete", leader, served_on=timezone.localdate(), volunteers_served=2, hours=4, notify=False
    )
    page = client.get(need.get_status_url()).content.decode()
    assert reverse("needs:rate", args=[need.status_token]) in page
    client.post(reverse("needs:rate", args=[need.status_token]), {"rating": "5", "comment": "队员很耐心"})
    need.refresh_from_db()
    assert (need.state, need.rating, need.rating_comment) == (State.RATED, 5, "队员很耐心")
    again = client.post(reverse("needs:rate", args=[need.status_token]), {"rating": "1"}, follow=True)
    need.refresh_from_db()
    assert need.rating == 5
    assert "不能执行" in again.content.decode()


def test_a_rating_out_of_range_is_refused(client, dispatcher, team, leader):
    need = factories.NeedFactory()
    perform_transition(need, "dispatch", dispatcher, team=team, notify=False)
    perform_transition(need, "accept", leader, notify=False)
    perform_transition(
        need, "complete", leader, served_on=timezone.localdate(), volunteers_served=2, hours=4, notify=False
    )
    client.post(reverse("needs:rate", args=[need.status_token]), {"rating": "9"})
    need.refresh_from_db()
    assert need.state == State.DONE


def test_an_order_made_while_redis_is_away_is_mailed_once_it_is_back(
    client, township, team, redis_away, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("needs:order"), order_data(township))
    assert response.status_code == 302
    need = Need.objects.get()
    assert mail.outbox == []
    assert OutboxEntry.objects.filter(done_at__isnull=True).count() == 1

    assert broker_back_and_sweep() == 1
    assert need.get_status_url() in mail.outbox[0].body
    broker_back_and_sweep()
    assert len(mail.outbox) == 1  # never twice
