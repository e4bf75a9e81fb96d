"""Mentoring sessions reserve the function room through the events plugin's public service, when it is installed."""

import pytest
from django.apps import apps
from django.urls import reverse

from incubator import services
from incubator.models import MentoringSession
from incubator.workflow import State
from tests.incubator import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not apps.is_installed("events"), reason="the events plugin is not installed"),
]


@pytest.fixture
def room():
    from tests.events.booking_support import make_room

    return make_room()


def post_session(client, application, start, reserve=True):
    data = {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "90",
        "topic": "项目策划",
        "notes": "",
        "next_steps": "",
    }
    if reserve:
        data["reserve_room"] = "on"
    url = reverse("incubator_applications:session", args=[application.pk])
    return client.post(url, data, follow=True)


def test_a_session_books_the_function_room(client, coordinator, mentor, room, home_page):
    from events.models import Booking
    from tests.events.booking_support import at

    application = factories.ApplicationFactory(state=State.MENTORED, mentor=mentor)
    client.force_login(coordinator)
    response = post_session(client, application, at(3, 9))

    assert "已预约志愿客厅" in response.content.decode()
    session = MentoringSession.objects.get()
    booking = Booking.objects.get(pk=session.room_booking_id)
    assert (booking.room, booking.start, booking.end) == (room, session.starts_at, session.ends_at)
    assert "志愿客厅" in client.get(application.get_status_url()).content.decode()


def test_a_taken_room_is_explained_and_the_session_is_still_logged(client, coordinator, mentor, room, home_page):
    from tests.events.booking_support import at

    first = factories.ApplicationFactory(state=State.MENTORED, mentor=mentor)
    second = factories.ApplicationFactory(state=State.MENTORED, mentor=mentor)
    client.force_login(coordinator)
    post_session(client, first, at(3, 9))
    response = post_session(client, second, at(3, 9))

    assert "已被预约" in response.content.decode()
    assert MentoringSession.objects.filter(application=second, room_booking_id__isnull=True).count() == 1


def test_without_the_events_plugin_there_is_no_room_choice(client, coordinator, mentor, home_page, monkeypatch):
    monkeypatch.setattr(services, "room_booking_available", lambda: False)
    application = factories.ApplicationFactory(state=State.MENTORED, mentor=mentor)
    client.force_login(coordinator)
    html = client.get(reverse("incubator_applications:inspect", args=[application.pk])).content.decode()
    assert "记录一次辅导" in html
    assert "reserve_room" not in html
