"""Every rule of ``events.bookings.rules``: when a booking may hold the room, and what happens to it afterwards."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.bookings import availability, series
from events.bookings import rules as service
from events.models import Booking, BookingStatus, ClosedPeriod, RoomEquipment
from tests.events.booking_support import at, booking_request, make_room

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    return make_room()


def book(room, start, end, **overrides):
    return service.request_booking(booking_request(room, start, end, **overrides))


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_a_request_holds_the_slot_and_waits_for_approval(room, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(room, at(3, 9), at(3, 11), equipment=list(room.equipment.all()))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED
    assert (booking.blocked_start, booking.blocked_end) == (at(3, 9), at(3, 11, 15))
    assert booking.expires_at == pytest.approx(timezone.now() + timedelta(hours=48), abs=timedelta(seconds=5))
    assert booking.organiser_name == "李芳"
    assert {e.slug for e in booking.equipment.all()} == {"projector", "whiteboard"}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lifang@example.com"]
    assert booking.manage_token in mail.outbox[0].body


def test_confirm_directly_for_staff(room, admin_user):
    booking = service.request_booking(booking_request(room, at(3, 9), at(3, 11), created_by=admin_user), confirm=True)
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.decided_by == admin_user
    assert booking.expires_at is None


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (at(3, 7, 30), at(3, 9), "开放时间"),
        (at(3, 11), at(3, 14, 30), "开放时间"),  # across the lunch closure
        (at(3, 20), at(3, 22), "开放时间"),
        (at(3, 9), at(3, 9, 15), "至少 30 分钟"),
        (at(3, 8), at(3, 12, 0) + timedelta(hours=9), "最长 240 分钟"),
        (at(0, 20), at(0, 21), "提前 24 小时"),
        (at(61, 9), at(61, 10), "60 天以内"),
        (at(3, 10), at(3, 9), "结束时间必须晚于开始时间"),
    ],
)
def test_time_rules(room, start, end, message):
    with pytest.raises(ValidationError) as excinfo:
        book(room, start, end)
    assert message in " ".join(errors_of(excinfo)["start"])
    assert not Booking.objects.exists()


def test_closed_period_names_the_reason(room):
    day = timezone.localdate() + timedelta(days=5)
    ClosedPeriod.objects.create(room=room, start_date=day, end_date=day + timedelta(days=2), reason="国庆节放假")
    with pytest.raises(ValidationError) as excinfo:
        book(room, at(6, 9), at(6, 10))
    assert "国庆节放假" in " ".join(errors_of(excinfo)["start"])
    assert book(room, at(8, 9), at(8, 10)).pk


def test_day_without_opening_hours(room):
    room.opening_hours.filter(weekday=(timezone.localdate() + timedelta(days=4)).weekday()).delete()
    with pytest.raises(ValidationError) as excinfo:
        book(room, at(4, 9), at(4, 10))
    assert "不开放" in " ".join(errors_of(excinfo)["start"])


def test_capacity_purpose_and_equipment(room):
    other = make_room(slug="second-room")
    broken = RoomEquipment.objects.create(room=room, name="音响", slug="speakers", is_available=False)
    room.allows_exchange = False
    room.save()
    with pytest.raises(ValidationError) as excinfo:
        book(room, at(3, 9), at(3, 10), attendees=41, purpose="exchange", equipment=[broken, other.equipment.first()])
    errors = errors_of(excinfo)
    assert "容纳人数" in errors["attendees"][0]
    assert "不能用于此用途" in errors["purpose"][0]
    assert len(errors["equipment"]) == 2
    assert book(room, at(3, 9), at(3, 10), attendees=40).pk


def test_inactive_room_takes_no_bookings(room):
    room.is_active = False
    room.save()
    with pytest.raises(ValidationError) as excinfo:
        book(room, at(3, 9), at(3, 10))
    assert "room" in errors_of(excinfo)


def test_bad_contact_fields_are_field_errors(room):
    with pytest.raises(ValidationError) as excinfo:
        book(room, at(3, 9), at(3, 10), contact_email="not-an-email", title="")
    assert {"contact_email", "title"} <= set(errors_of(excinfo))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (at(3, 9), at(3, 11)),  # the same time
        (at(3, 10), at(3, 11)),  # inside
        (at(3, 8), at(3, 9, 30)),  # overlapping the start
        (at(3, 10, 30), at(3, 11, 30)),  # overlapping the end
        (at(3, 11), at(3, 12)),  # inside the 15-minute buffer after the first booking
        (at(3, 8), at(3, 8, 50)),  # its own buffer would run into the first booking
    ],
)
def test_overlaps_are_refused_with_the_nearest_free_slots(room, start, end):
    first = book(room, at(3, 9), at(3, 11))
    with pytest.raises(service.RoomUnavailable) as excinfo:
        book(room, start, end)
    assert Booking.objects.get() == first
    suggestions = excinfo.value.suggestions
    assert suggestions and all(s.end - s.start == end - start for s in suggestions)
    for slot in suggestions:
        assert not service.conflicts(room, slot.start, slot.end).exists()
    assert str(suggestions[0]) in excinfo.value.message


def slots(suggestions) -> list[tuple]:
    return [(s.start, s.end) for s in suggestions]


def test_nearest_suggestion_is_right_after_the_buffer(room):
    book(room, at(3, 9), at(3, 10))
    with pytest.raises(service.RoomUnavailable) as excinfo:
        book(room, at(3, 9, 30), at(3, 10, 30))
    suggestions = excinfo.value.suggestions
    nearest = min(suggestions, key=lambda slot: abs(slot.start - at(3, 9, 30)))
    assert (nearest.start, nearest.end) == (at(3, 10, 15), at(3, 11, 15))  # the booking's end plus its buffer
    # 08:00 is refused (its own buffer would reach 09:15), 11:15–12:15 runs into the lunch closure
    assert slots(suggestions) == [
        (at(3, 10, 15), at(3, 11, 15)),
        (at(3, 10, 45), at(3, 11, 45)),
        (at(3, 14), at(3, 15)),
    ]


def test_when_the_morning_is_taken_the_nearest_suggestions_are_that_afternoon(room):
    book(room, at(3, 9), at(3, 11))
    with pytest.raises(service.RoomUnavailable) as excinfo:
        book(room, at(3, 10), at(3, 11))
    # 11:15–12:15 would run past the 12:00 lunch closure; 08:00–09:00 plus the buffer would reach into the booking;
    # the same hour the day before is further away than the afternoon
    assert slots(excinfo.value.suggestions) == [
        (at(3, 14), at(3, 15)),
        (at(3, 14, 30), at(3, 15, 30)),
        (at(3, 15), at(3, 16)),
    ]


def test_buffer_boundaries_and_touching_bookings(room):
    book(room, at(3, 9), at(3, 10))
    assert book(room, at(3, 10, 15), at(3, 11)).pk  # exactly the buffer after
    assert book(room, at(3, 8), at(3, 8, 45)).pk  # its buffer ends exactly when the first starts
    room.buffer_minutes = 0
    room.save()
    book(room, at(4, 9), at(4, 10))
    assert book(room, at(4, 10), at(4, 11)).pk  # touching bookings are allowed without a buffer


def test_released_statuses_free_the_slot(room, admin_user):
    first = book(room, at(3, 9), at(3, 10))
    service.decline_booking(first, by=admin_user, message="当天有县里的会议")
    second = book(room, at(3, 9), at(3, 10))
    service.cancel_booking(second)
    third = book(room, at(3, 9), at(3, 10))
    assert third.status == BookingStatus.REQUESTED
    assert Booking.objects.filter(status__in=["requested", "confirmed"]).count() == 1


def test_unconfirmed_requests_expire_and_release_the_slot(room):
    stale = book(room, at(3, 9), at(3, 10))
    Booking.objects.filter(pk=stale.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    fresh = book(room, at(3, 9), at(3, 10))
    stale.refresh_from_db()
    assert stale.status == BookingStatus.EXPIRED
    assert fresh.status == BookingStatus.REQUESTED
    with pytest.raises(ValidationError):
        service.confirm_booking(stale)


def test_an_expired_request_cannot_be_confirmed(room):
    booking = book(room, at(3, 9), at(3, 10))
    with pytest.raises(ValidationError, match="失效"):
        service.confirm_booking(booking, now=timezone.now() + timedelta(hours=49))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED
    assert service.expire_stale_requests(now=timezone.now() + timedelta(hours=49)) == 1


def test_decisions_and_their_mail(room, admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(room, at(3, 9), at(3, 10))
        service.confirm_booking(booking, by=admin_user, message="请提前十分钟到场")
    booking.refresh_from_db()
    assert (booking.status, booking.decided_by, booking.decision_message) == (
        "confirmed",
        admin_user,
        "请提前十分钟到场",
    )
    assert "请提前十分钟到场" in mail.outbox[-1].body
    with pytest.raises(ValidationError):
        service.decline_booking(booking, by=admin_user)
    with pytest.raises(ValidationError):
        service.confirm_booking(booking, by=admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        service.cancel_booking(booking, message="活动改期")
    booking.refresh_from_db()
    assert booking.status == "cancelled" and booking.cancelled_at
    with pytest.raises(ValidationError):
        service.cancel_booking(booking)
    assert [m.subject.split(":")[0] for m in mail.outbox] == [
        "已收到您的功能室预约申请",
        "您的功能室预约已确认",
        "您的功能室预约已取消",
    ]


def test_move_keeps_the_rules(room):
    booking = book(room, at(3, 9), at(3, 10))
    other = book(room, at(3, 15), at(3, 16))
    service.move_booking(booking, start=at(3, 9, 30), end=at(3, 10, 30))  # overlaps only itself
    booking.refresh_from_db()
    assert (booking.start, booking.blocked_end) == (at(3, 9, 30), at(3, 10, 45))
    with pytest.raises(service.RoomUnavailable):
        service.move_booking(booking, start=at(3, 15, 30), end=at(3, 16, 30))
    with pytest.raises(ValidationError):
        service.move_booking(booking, start=at(3, 11, 30), end=at(3, 12, 30))
    service.cancel_booking(other)
    with pytest.raises(ValidationError):
        service.move_booking(other, start=at(4, 9), end=at(4, 10))


def test_weekly_series_books_every_occurrence(room, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = series.request_series(booking_request(room, at(2, 19), at(2, 20, 30)), count=4)
    assert [b.start for b in result.booked] == [at(2 + 7 * n, 19) for n in range(4)]
    assert result.skipped == []
    assert result.series.occurrences.count() == 4
    assert len(mail.outbox) == 4


def test_series_conflict_refuses_everything_or_skips(room):
    book(room, at(9, 19), at(9, 20))
    with pytest.raises(ValidationError) as excinfo:
        series.request_series(booking_request(room, at(2, 19), at(2, 20, 30)), count=4)
    assert len(excinfo.value.messages) == 1 and "已被预约" in excinfo.value.messages[0]
    assert Booking.objects.count() == 1
    result = series.request_series(booking_request(room, at(2, 19), at(2, 20, 30)), count=4, skip_conflicts=True)
    assert [b.start for b in result.booked] == [at(2, 19), at(16, 19), at(23, 19)]
    assert [slot.start for slot, _reason in result.skipped] == [at(9, 19)]


def test_series_occurrences_cancel_and_move_alone_and_cancel_from_a_date(room):
    result = series.request_series(booking_request(room, at(2, 19), at(2, 20)), count=5)
    first, second, *_rest = result.booked
    service.cancel_booking(first)
    service.move_booking(second, start=at(10, 9), end=at(10, 10))
    assert series.cancel_series_from(result.series, at(16, 0).date()) == 3
    statuses = dict(result.series.occurrences.values_list("start", "status"))
    assert statuses == {
        at(2, 19): "cancelled",
        at(10, 9): "requested",
        at(16, 19): "cancelled",
        at(23, 19): "cancelled",
        at(30, 19): "cancelled",
    }


def test_occurrence_slots_keep_local_time():
    slots = series.occurrence_slots(at(1, 19), at(1, 20), frequency="daily", interval=2, count=3)
    assert [s.start for s in slots] == [at(1, 19), at(3, 19), at(5, 19)]


def test_free_intervals_leave_room_for_buffers(room):
    book(room, at(3, 9), at(3, 10))
    busy = list(availability.holding_bookings(room, at(3, 0), at(4, 0)))
    free = availability.free_intervals(service.prefetched_room(room), at(3, 0).date(), busy)
    assert [
        (timezone.localtime(s.start).strftime("%H:%M"), timezone.localtime(s.end).strftime("%H:%M")) for s in free
    ] == [
        ("08:00", "08:45"),
        ("10:15", "12:00"),
        ("14:00", "21:00"),
    ]


def test_closed_days_have_no_free_time(room):
    ClosedPeriod.objects.create(room=room, start_date=date(2030, 1, 1), end_date=date(2030, 1, 3), reason="元旦")
    assert availability.free_intervals(service.prefetched_room(room), date(2030, 1, 2), []) == []


def test_plain_text_mail_shows_titles_and_names_as_typed_not_html_escaped(room, django_capture_on_commit_callbacks):
    typed = 'O\'Brien <"张"> & Co'
    with django_capture_on_commit_callbacks(execute=True):
        book(room, at(3, 9), at(3, 10), title=typed, contact_name=typed)
    body = mail.outbox[-1].body
    assert body.count(typed) >= 2
    assert not [entity for entity in ("&lt;", "&amp;", "&quot;", "&#x27;") if entity in body]
