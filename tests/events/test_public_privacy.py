"""Bookers' names, phones and e-mail addresses never reach a public page, a public feed or the public API.

A booking made through the API without a team used to publish its contact person's name as the organiser.
"""

import json

import pytest

from events.bookings import rules as service
from tests.events.booking_support import at, booking_request, make_room

pytestmark = pytest.mark.django_db

BOOKERS = [
    # through the API: no team, no organiser
    {"contact_name": "陈晓", "contact_phone": "13600001234", "contact_email": "chenxiao@example.com"},
    # through the form: the booker typed their own name as organiser
    {"contact_name": "王小明", "contact_phone": "13900002222", "contact_email": "xiaoming@example.com"},
    # an organiser holding the booker's phone number
    {"contact_name": "李芳", "contact_phone": "13800138000", "contact_email": "lifang@example.com"},
]


@pytest.fixture
def bookings(client, home_page):
    room = make_room()
    api_booking = {
        "start": at(3, 9).isoformat(),
        "end": at(3, 10).isoformat(),
        "purpose": "exchange",
        "title": "志愿服务经验交流会",
        "attendees": 12,
    } | BOOKERS[0]
    response = client.post(f"/api/rooms/{room.slug}/bookings", json.dumps(api_booking), content_type="application/json")
    assert response.status_code == 201, response.content
    service.request_booking(booking_request(room, at(3, 14), at(3, 15), organiser_name="个人:王小明", **BOOKERS[1]))
    service.request_booking(booking_request(room, at(4, 9), at(4, 10), organiser_name="李芳 13800138000", **BOOKERS[2]))
    service.request_booking(booking_request(room, at(4, 14), at(4, 15), organiser_name="博罗义工联"))
    return room


def public_answers(client, room) -> dict[str, str]:
    day = at(3, 0).date().isoformat()
    urls = [
        "/",
        "/events/room/",
        f"{room.get_absolute_url()}?day={day}",
        f"{room.get_absolute_url()}?day={at(4, 0).date().isoformat()}",
        f"/events/feeds/rooms/{room.slug}.ics",
        "/events/feeds/activities.ics",
        "/events/feeds/duty.ics",
        "/api/rooms",
        f"/api/rooms/{room.slug}/availability?start={day}&days=3",
        "/api/activities",
    ]
    answers = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        answers[url] = response.content.decode()
    return answers


def test_no_booker_is_named_or_reachable_on_public_pages_feeds_or_api(client, bookings):
    answers = public_answers(client, bookings)
    for url, body in answers.items():
        for booker in BOOKERS:
            for value in booker.values():
                assert value not in body, (url, value)
    week = answers[f"{bookings.get_absolute_url()}?day={at(3, 0).date().isoformat()}"]
    assert week.count("个人预约") >= 2
    assert "博罗义工联" in answers[f"/events/feeds/rooms/{bookings.slug}.ics"]
    availability = json.loads(
        answers[f"/api/rooms/{bookings.slug}/availability?start={at(3, 0).date().isoformat()}&days=3"]
    )
    organisers = [busy["organiser"] for day in availability["days"] for busy in day["busy"]]
    assert organisers == ["个人预约", "个人预约", "个人预约", "博罗义工联"]


def test_the_public_label_follows_the_readers_language(client, bookings):
    body = client.get(f"/events/feeds/rooms/{bookings.slug}.ics", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "陈晓" not in body and "Private booking" in body


def test_staff_still_see_who_booked(client, bookings):
    from tests.events.factories import FeedTokenFactory

    body = client.get(FeedTokenFactory().get_absolute_url()).content.decode()
    assert all(booker["contact_phone"] in body and booker["contact_name"] in body for booker in BOOKERS)
