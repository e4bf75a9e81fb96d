"""``/api/rooms``: every status code of the booking API, and the shapes the mini-program relies on."""

import json

import pytest
from django.contrib.auth import get_user_model

from events.bookings import rules as service
from events.models import Booking
from tests.events.booking_support import at, booking_request, make_room
from tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    return make_room()


def payload(**overrides):
    return {
        "start": at(3, 9).isoformat(),
        "end": at(3, 10, 30).isoformat(),
        "purpose": "exchange",
        "title": "志愿服务经验交流会",
        "contact_name": "陈晓",
        "contact_phone": "13600001234",
        "contact_email": "chenxiao@example.com",
        "attendees": 30,
    } | overrides


def post(client, body, slug="living-room", **extra):
    return client.post(f"/api/rooms/{slug}/bookings", json.dumps(body), content_type="application/json", **extra)


def test_rooms_list(client, room, django_assert_num_queries):
    with django_assert_num_queries(4):  # rooms, opening hours, closures, equipment
        response = client.get("/api/rooms")
    assert response.status_code == 200
    data, *others = response.json()
    assert others == []
    make_room(slug="second")
    with django_assert_num_queries(4):
        assert len(client.get("/api/rooms").json()) == 2
    assert data["slug"] == "living-room" and data["capacity"] == 40
    assert data["purposes"] == ["incubation", "training", "exchange"]
    assert {e["slug"] for e in data["equipment"]} == {"projector", "whiteboard"}
    assert {"weekday": 0, "opens": "08:00", "closes": "12:00"} in data["opening_hours"]


def test_availability_shows_free_and_busy_without_contacts(client, room):
    service.request_booking(booking_request(room, at(3, 9), at(3, 10), organiser_name="博罗义工联"))
    day = at(3, 0).date().isoformat()
    response = client.get(f"/api/rooms/{room.slug}/availability", {"start": day, "days": 2})
    assert response.status_code == 200
    first = response.json()["days"][0]
    assert first["date"] == day and first["closed_reason"] == ""
    assert first["busy"] == [
        {"start": at(3, 9).isoformat(), "end": at(3, 10).isoformat(), "purpose": "training", "organiser": "博罗义工联"}
    ]
    assert "lifang" not in response.content.decode()
    free = [(f["start"], f["end"]) for f in first["free"]]
    assert free == [
        (at(3, 8).isoformat(), at(3, 8, 45).isoformat()),
        (at(3, 10, 15).isoformat(), at(3, 12).isoformat()),
        (at(3, 14).isoformat(), at(3, 21).isoformat()),
    ]


def test_availability_query_count_is_constant(client, room, django_assert_num_queries):
    for size in (0, 10):
        for day in range(size):
            service.request_booking(booking_request(room, at(5 + day, 15), at(5 + day, 16)))
        with django_assert_num_queries(5):
            assert client.get(f"/api/rooms/{room.slug}/availability", {"days": 31}).status_code == 200


@pytest.mark.parametrize(
    "query",
    [{"days": 0}, {"days": 32}, {"start": "yesterday"}, {"start": "9999-12-31"}, {"start": "2026-02-30"}],
)
def test_availability_bad_input_is_422(client, room, query):
    assert client.get(f"/api/rooms/{room.slug}/availability", query).status_code == 422


def test_unknown_room_is_404(client, room):
    assert client.get("/api/rooms/nope/availability").status_code == 404
    assert post(client, payload(), slug="nope").status_code == 404


def test_201_with_manage_url(client, room):
    team = TeamFactory(slug="boluo-youth")
    response = post(client, payload(team="boluo-youth", equipment=["projector"]))
    assert response.status_code == 201
    body = response.json()
    booking = Booking.objects.get(pk=body["id"])
    assert body["status"] == "requested"
    assert body["manage_url"] == "http://testserver" + booking.get_absolute_url()
    assert booking.team == team and booking.organiser_name == team.name
    assert [e.slug for e in booking.equipment.all()] == ["projector"]


def test_409_with_suggestions(client, room):
    assert post(client, payload()).status_code == 201
    response = post(client, payload(start=at(3, 10).isoformat(), end=at(3, 11).isoformat()))
    assert response.status_code == 409
    body = response.json()
    assert "已被预约" in body["detail"]
    assert body["suggestions"] and all(set(s) == {"start", "end"} for s in body["suggestions"])
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start": at(3, 7).isoformat()}, "start"),  # before opening
        ({"attendees": 41}, "attendees"),
        ({"contact_email": "no-at-sign"}, "contact_email"),
        ({"team": "no-such-team"}, "team"),
        ({"equipment": ["jukebox"]}, "equipment"),
        ({"start": "2026-12-01T09:00:00"}, "start"),  # no offset
        ({"start": "9999-12-31T23:59:59+14:00"}, "start"),
        ({"purpose": "party"}, "purpose"),
        ({"attendees": "many"}, "attendees"),
        ({"title": ""}, "title"),
        ({"title": "a\x00b"}, "title"),
    ],
)
def test_422_names_the_field(client, room, overrides, field):
    response = post(client, payload(**overrides))
    assert response.status_code == 422
    assert field in {loc for error in response.json()["detail"] for loc in error["loc"]}
    assert not Booking.objects.exists()


def test_422_for_a_broken_body(client, room):
    response = client.post(f"/api/rooms/{room.slug}/bookings", "{not json", content_type="application/json")
    assert response.status_code in (400, 422)
    response = post(client, {"start": at(3, 9).isoformat()})
    assert response.status_code == 422


def test_429_when_rate_limited(client, room, settings):
    settings.EVENTS_BOOKING_RATE_PER_IP = "3/h"
    assert _posts_from(client, ["127.0.0.1"] * 4) == [201, 201, 201, 429]
    other_client = payload(start=at(9, 9).isoformat(), end=at(9, 10).isoformat())
    assert post(client, other_client, REMOTE_ADDR="10.0.0.9").status_code == 201
    assert Booking.objects.count() == 4


def _posts_from(client, addresses, **meta):
    return [
        post(
            client,
            payload(
                start=at(3 + n, 9).isoformat(),
                end=at(3 + n, 10).isoformat(),
                contact_phone=f"1360000000{n}",
                contact_email=f"c{n}@example.com",
            ),
            REMOTE_ADDR=address,
            **meta,
        ).status_code
        for n, address in enumerate(addresses)
    ]


def test_a_client_rotating_through_its_ipv6_64_is_rate_limited_as_one(client, room, settings):
    settings.EVENTS_BOOKING_RATE_PER_IP = "3/h"
    settings.CLIENT_IP_HEADER = ""
    addresses = [f"2001:db8:1:2::{n + 1:x}" for n in range(4)]
    assert _posts_from(client, addresses) == [201, 201, 201, 429]


@pytest.mark.parametrize("header", ["1.2.3.4:5678", "unknown", "[2001:db8::1]:443", "1.2.3.4, forged", "_hidden"])
def test_an_odd_client_address_header_is_never_a_500(client, room, settings, header):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert _posts_from(client, ["10.0.0.2"], HTTP_X_FORWARDED_FOR=header) == [201]


def test_openapi_documents_the_booking_responses(client, room):
    schema = client.get("/api/openapi.json").json()
    responses = schema["paths"]["/api/rooms/{slug}/bookings"]["post"]["responses"]
    assert {"201", "409", "422", "429"} <= set(responses)
    assert client.get("/api/docs").status_code == 200


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data", ""],
)
def test_a_body_that_is_not_json_is_415_and_books_nothing(client, room, content_type):
    """A plain cross-site HTML form can send these without a preflight, with a staff member's session cookie."""
    staff = get_user_model().objects.create_user("staff", "staff@example.com", "x", is_staff=True)
    client.force_login(staff)
    response = client.generic(
        "POST", f"/api/rooms/{room.slug}/bookings", json.dumps(payload()), content_type=content_type
    )
    assert response.status_code == 415
    assert response["Content-Type"] == "application/json"
    assert "application/json" in response.json()["detail"]
    assert not Booking.objects.exists()


def test_json_media_types_are_accepted(client, room):
    response = post(client, payload(), CONTENT_TYPE="application/json; charset=utf-8")
    assert response.status_code == 201
    english = client.post(
        f"/api/rooms/{room.slug}/bookings", "{}", content_type="text/plain", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.json() == {"detail": "Please send JSON (Content-Type: application/json)."}
