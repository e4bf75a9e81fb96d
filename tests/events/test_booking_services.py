"""The public service for other plugins, the mail tasks (once per kind, reminders, expiry) and the beat schedule."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.celery import app
from events import services
from events.bookings import rules as service
from events.bookings.mail import send_notice
from events.models import Booking, BookingNotice, BookingStatus
from events.tasks import expire_booking_requests, send_booking_notice, send_booking_reminders
from tests.events.booking_support import at, booking_request, make_room
from tests.factories import TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    return make_room()


def reserve(**overrides):
    values = {
        "room_slug": "living-room",
        "start": at(3, 9),
        "end": at(3, 10),
        "purpose": "incubation",
        "title": "孵化辅导:项目策划",
        "contact_name": "罗志明",
        "contact_phone": "13902760123",
        "contact_email": "luo@example.com",
        "attendees": 6,
    }
    return services.reserve_room(**values | overrides)


def test_reserve_room_links_what_it_was_booked_for(room, admin_user):
    team = TeamFactory()  # any model instance: the incubator passes its mentoring session
    booking = reserve(booked_for=team, created_by=admin_user, confirm=True, equipment=["whiteboard"])
    booking.refresh_from_db()
    assert booking.booked_for == team
    assert booking.booked_for_type == ContentType.objects.get_for_model(team)
    assert (booking.status, booking.created_by) == (BookingStatus.CONFIRMED, admin_user)
    assert [e.slug for e in booking.equipment.all()] == ["whiteboard"]


def test_reserve_room_errors(room):
    reserve()
    with pytest.raises(services.RoomUnavailable) as excinfo:
        reserve(start=at(3, 9, 30), end=at(3, 10, 30))
    assert excinfo.value.suggestions
    with pytest.raises(ValidationError) as excinfo:
        reserve(room_slug="nope")
    assert "room" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        reserve(start=at(4, 9), end=at(4, 10), equipment=["jukebox"])
    assert "equipment" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        reserve(start=at(4, 9), end=at(4, 10), attendees=100)


def test_rooms_for_choice(room):
    make_room(slug="closed-room", is_active=False)
    assert services.rooms_for_choice() == [("living-room", "志愿客厅 living-room")]


def test_a_notice_is_sent_once_per_kind(room):
    booking = service.request_booking(booking_request(room, at(3, 9), at(3, 10)), notify=False)
    assert send_booking_notice.delay(booking.pk, "requested").get() is True
    assert send_booking_notice.delay(booking.pk, "requested").get() is False
    assert send_notice(booking.pk, "nonsense") is False
    assert send_notice(123456, "requested") is False
    assert len(mail.outbox) == 1
    assert BookingNotice.objects.filter(booking=booking).count() == 1


def test_a_failed_mail_is_sent_again_on_retry(room, monkeypatch):
    booking = service.request_booking(booking_request(room, at(3, 9), at(3, 10)), notify=False)

    def broken(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("events.bookings.mail.send_mail", broken)
    with pytest.raises(OSError):
        send_notice(booking.pk, "requested")
    assert not BookingNotice.objects.exists()
    monkeypatch.undo()
    assert send_notice(booking.pk, "requested") is True


def test_reminders_for_tomorrow_once(room):
    due = service.request_booking(booking_request(room, at(3, 9), at(3, 10)), confirm=True, notify=False)
    waiting = service.request_booking(booking_request(room, at(3, 14), at(3, 15)), notify=False)
    later = service.request_booking(booking_request(room, at(4, 9), at(4, 10)), confirm=True, notify=False)
    tomorrow = timezone.now() + timedelta(days=2)  # "today" is two days before the bookings
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            timezone, "localdate", lambda *a, **k: (tomorrow).astimezone(timezone.get_current_timezone()).date()
        )
        assert send_booking_reminders.delay().get() == 1
        assert send_booking_reminders.delay().get() == 0
    assert [m.to for m in mail.outbox] == [[due.contact_email]]
    assert "明天" in mail.outbox[0].subject
    assert not waiting.notices.exists() and not later.notices.exists()


def test_expiry_task_releases_stale_requests(room):
    stale = service.request_booking(booking_request(room, at(3, 9), at(3, 10)), notify=False)
    fresh = service.request_booking(booking_request(room, at(3, 14), at(3, 15)), notify=False)
    Booking.objects.filter(pk=stale.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert expire_booking_requests.delay().get() == 1
    assert expire_booking_requests.delay().get() == 0
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, fresh.status) == (BookingStatus.EXPIRED, BookingStatus.REQUESTED)


def test_the_plugin_adds_its_beat_schedule():
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"events.tasks.send_booking_reminders", "events.tasks.expire_booking_requests"} <= tasks
