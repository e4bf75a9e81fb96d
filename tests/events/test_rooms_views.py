"""The public room pages: week view, request form (honeypot, rate limit, conflicts), private manage page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.bookings import rules as service
from events.models import Booking, BookingStatus
from tests.events.booking_support import at, booking_request, make_room
from tests.factories import TeamFactory
from tests.form_checks import assert_accessible_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    return make_room()


def form_data(day=3, start="09:00", end="10:30", **overrides):
    return {
        "date": at(day, 0).date().isoformat(),
        "start_time": start,
        "end_time": end,
        "purpose": "training",
        "title": "新志愿者岗前培训",
        "organiser_name": "罗阳街道志愿服务队",
        "contact_name": "王磊",
        "contact_phone": "13900001111",
        "contact_email": "wanglei@example.com",
        "attendees": "25",
        "equipment": [],
        "notes": "",
        "website": "",
    } | overrides


def test_single_room_index_redirects_to_its_week(client, room):
    response = client.get(reverse("events:room_index"))
    assert response.status_code == 302 and response["Location"] == room.get_absolute_url()
    make_room(slug="second")
    assert "second" in client.get(reverse("events:room_index")).content.decode()


def test_week_view_shows_busy_without_contacts_and_free_links(client, room):
    service.request_booking(booking_request(room, at(3, 9), at(3, 11), organiser_name="博罗义工联"))
    response = client.get(room.get_absolute_url(), {"day": at(3, 0).date().isoformat()})
    html = response.content.decode()
    assert response.status_code == 200
    assert "博罗义工联" in html and "培训" in html
    assert "13800138000" not in html and "lifang@example.com" not in html and "新志愿者培训" not in html
    assert "09:00–11:00" in html
    assert "11:15–12:00" in html  # free again after the 15-minute buffer
    assert reverse("events:booking_request", args=[room.slug]) + "?start=" in html


def test_week_view_query_count_does_not_grow_with_bookings(client, room):
    def week_queries() -> list[str]:
        with CaptureQueriesContext(connection) as context:
            assert client.get(room.get_absolute_url(), {"week": at(7, 0).date().isoformat()}).status_code == 200
        return [query["sql"] for query in context.captured_queries]

    week_queries()  # the site's own first-request work (settings rows) out of the way
    few = week_queries()
    for day in range(7, 14):
        service.request_booking(booking_request(room, at(day, 9), at(day, 10), team=TeamFactory()))
        service.request_booking(booking_request(room, at(day, 15), at(day, 16)))
    many = week_queries()
    assert len(many) == len(few)
    assert len([sql for sql in many if '"events_' in sql.split("FROM")[1 if "FROM" in sql else 0]]) == 5


def test_week_view_survives_bad_parameters(client, room):
    for query in ({"week": "garbage"}, {"day": "2026-02-30"}, {"week": "9999-12-31"}):
        assert client.get(room.get_absolute_url(), query).status_code == 200
    assert client.get(reverse("events:room_week", args=["nope"])).status_code == 404


def test_request_form_prefills_a_picked_slot(client, room):
    response = client.get(
        reverse("events:booking_request", args=[room.slug]),
        {"start": at(3, 14).isoformat(), "end": at(3, 15).isoformat()},
    )
    html = response.content.decode()
    assert at(3, 0).date().isoformat() in html and 'value="14:00' in html


def test_request_form_creates_a_request_and_redirects_to_the_manage_page(
    client, room, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:booking_request", args=[room.slug]), form_data())
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"] == booking.get_absolute_url()
    assert (booking.start, booking.end, booking.status) == (at(3, 9), at(3, 10, 30), BookingStatus.REQUESTED)
    assert booking.organiser_name == "罗阳街道志愿服务队"
    assert mail.outbox[0].to == ["wanglei@example.com"]
    page = client.get(response["Location"]).content.decode()
    assert "待审核" in page and "新志愿者岗前培训" in page


def test_team_is_the_organiser(client, room):
    team = TeamFactory(name="博罗县青年志愿者协会")
    client.post(reverse("events:booking_request", args=[room.slug]), form_data(team=team.pk, organiser_name=""))
    assert Booking.objects.get().organiser_name == "博罗县青年志愿者协会"


def test_form_shows_rule_errors_next_to_fields(client, room):
    response = client.post(
        reverse("events:booking_request", args=[room.slug]),
        form_data(start="11:00", end="14:30", attendees="41", organiser_name=""),
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "请选择志愿团队或填写组织者名称" in html
    assert not Booking.objects.exists()
    response = client.post(reverse("events:booking_request", args=[room.slug]), form_data(start="11:00", end="14:30"))
    assert response.status_code == 422 and "开放时间" in response.content.decode()


def test_conflict_names_free_slots(client, room):
    service.request_booking(booking_request(room, at(3, 9), at(3, 10, 30)))
    response = client.post(reverse("events:booking_request", args=[room.slug]), form_data())
    html = response.content.decode()
    assert response.status_code == 409
    assert "已被预约" in html and "最近的空闲时段" in html
    assert Booking.objects.count() == 1


def test_honeypot_creates_nothing(client, room):
    response = client.post(reverse("events:booking_request", args=[room.slug]), form_data(website="http://spam"))
    assert response.status_code == 200 and not Booking.objects.exists()


def test_rate_limit_per_contact(client, room, settings):
    settings.EVENTS_BOOKING_RATE_PER_CONTACT = "2/h"
    url = reverse("events:booking_request", args=[room.slug])
    assert client.post(url, form_data(day=3)).status_code == 302
    assert client.post(url, form_data(day=4)).status_code == 302
    response = client.post(url, form_data(day=5))
    assert response.status_code == 429 and "过于频繁" in response.content.decode()
    assert Booking.objects.count() == 2
    assert (
        client.post(url, form_data(day=5, contact_phone="13700000000", contact_email="x@example.com")).status_code
        == 302
    )


def test_manage_page_cancel_and_calendar(client, room):
    booking = service.request_booking(booking_request(room, at(3, 9), at(3, 10)))
    url = booking.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex"
    ics = client.get(reverse("events:booking_ics", args=[booking.manage_token]))
    assert ics["Content-Type"].startswith("text/calendar") and b"BEGIN:VEVENT" in ics.content
    assert b"DTSTART;TZID=Asia/Shanghai" in ics.content
    assert client.get(reverse("events:booking_cancel", args=[booking.manage_token])).status_code == 405
    response = client.post(
        reverse("events:booking_cancel", args=[booking.manage_token]), {"reason": "改期"}, follow=True
    )
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.decision_message == "改期"
    assert "已取消" in response.content.decode()
    response = client.post(reverse("events:booking_cancel", args=[booking.manage_token]), follow=True)
    assert "无法取消" in response.content.decode()


def test_unknown_token_is_404(client, room):
    assert client.get(reverse("events:booking_manage", args=["nope"])).status_code == 404
    assert client.post(reverse("events:booking_cancel", args=["nope"])).status_code == 404


def test_past_bookings_cannot_be_cancelled_from_the_page(client, room):
    booking = service.request_booking(booking_request(room, at(3, 9), at(3, 10)))
    shift = timedelta(days=10)
    Booking.objects.filter(pk=booking.pk).update(
        start=F("start") - shift,
        end=F("end") - shift,
        blocked_start=F("blocked_start") - shift,
        blocked_end=F("blocked_end") - shift,
    )
    assert "cancel-form" not in client.get(booking.get_absolute_url()).content.decode()


def test_weekly_series_from_the_form_and_cancel_the_rest(client, room):
    service.request_booking(booking_request(room, at(10, 9), at(10, 10, 30)))  # the second week is taken
    url = reverse("events:booking_request", args=[room.slug])
    response = client.post(url, form_data(repeat_weeks="4"))
    assert response.status_code == 422 and "已被预约" in response.content.decode()
    assert Booking.objects.count() == 1
    response = client.post(url, form_data(repeat_weeks="4", skip_conflicts="on"), follow=True)
    html = response.content.decode()
    assert "已跳过" in html and "共 3 次" in html
    first = Booking.objects.filter(series__isnull=False).order_by("start").first()
    assert [b.start for b in first.series.occurrences.order_by("start")] == [at(3, 9), at(17, 9), at(24, 9)]
    client.post(
        reverse("events:booking_cancel", args=[first.series.occurrences.get(start=at(17, 9)).manage_token]),
        {"scope": "following"},
    )
    statuses = dict(first.series.occurrences.values_list("start", "status"))
    assert statuses == {at(3, 9): "requested", at(17, 9): "cancelled", at(24, 9): "cancelled"}


def test_errors_and_help_are_tied_to_their_inputs(client, room):
    html = client.post(
        reverse("events:booking_request", args=[room.slug]), form_data(contact_phone="abc")
    ).content.decode()
    assert 'aria-invalid="true"' in html
    assert (
        'id="id_contact_phone_error"' in html
        and "id_contact_phone_error" in html.split('name="contact_phone"')[1][:300]
    )
    assert 'id="id_title_helptext"' in html


def test_the_request_form_with_errors_ties_every_error_to_its_field(client, room):
    response = client.post(reverse("events:booking_request", args=[room.slug]), {"website": ""})
    assert response.status_code == 422
    assert assert_accessible_form(response.content.decode()) == {
        "date",
        "start_time",
        "end_time",
        "purpose",
        "title",
        "contact_name",
        "contact_phone",
        "contact_email",
        "attendees",
        "organiser_name",  # neither a team nor an organiser's name
    }


def test_the_cancel_form_of_a_series_is_labelled(client, room):
    url = reverse("events:booking_request", args=[room.slug])
    html = client.post(url, form_data(repeat_weeks="2"), follow=True).content.decode()
    assert 'name="scope"' in html
    assert assert_accessible_form(html, "form.cancel-form") == set()


def test_week_view_offers_the_rooms_public_calendar_feed(client, room):
    html = client.get(room.get_absolute_url()).content.decode()
    feed_path = reverse("events:feed_room", args=[room.slug])
    assert f'value="http://testserver{feed_path}"' in html
    assert f'href="webcal://testserver{feed_path}"' in html
    assert "events/feed-subscribe.css" in html


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_down_after_the_commit_still_shows_the_visitor_the_booking(client, room, settings, caplog):
    """Embedded mode runs the mail task inside the request, after the commit: its failure must not become a 500."""
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingEmailBackend"
    client.raise_request_exception = False  # a 500 is what the visitor would see
    response = client.post(reverse("events:booking_request", args=[room.slug]), form_data())
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"] == booking.get_absolute_url()
    assert booking.status == BookingStatus.REQUESTED
    # the mail is not lost: no notice is recorded as sent, so sending it again is still possible
    assert not booking.notices.exists()
    assert any("Connection refused" in record.getMessage() or record.exc_info for record in caplog.records)
