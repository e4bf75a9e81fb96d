"""The overlap queries read what they return, not the room's whole history: the plans use an index.

A room booked six times a day for ten years has 20,000 bookings; the availability of one week, the conflict check of
one request and the feeds must not read them all. On PostgreSQL the overlap is the range operator on the exclusion
constraint's own expression, so its GiST index serves it; on SQLite the ``(room, blocked_end)`` btree does.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F

from events.bookings import rules
from events.bookings.availability import holding_bookings
from events.ical.calendars import Window
from events.models import DROPPED_STATUSES, Booking, BookingStatus
from tests.events.booking_support import at, make_room

pytestmark = pytest.mark.django_db

HISTORY = 5000  # enough rows that a sequential scan costs more than the index in the planner's eyes


def make_history(room, days=HISTORY // 4):
    """Four bookings a day going back ``days`` days (a few of them cancelled), stored straight as rows."""
    rows = []
    for day in range(-days, 0):
        for hour in (9, 11, 15, 18):
            start = at(day, hour)
            rows.append(
                Booking(
                    room=room,
                    start=start,
                    end=start + timedelta(hours=1),
                    blocked_start=start,
                    blocked_end=start + timedelta(hours=1, minutes=15),
                    status=BookingStatus.CANCELLED if day % 17 == 0 else BookingStatus.CONFIRMED,
                    purpose="training",
                    title="培训",
                    organiser_name="红棉志愿服务队",
                    contact_name="李芳",
                    contact_phone="13800138000",
                    contact_email="lifang@example.com",
                    attendees=10,
                )
            )
    Booking.objects.bulk_create(rows, batch_size=1000)
    Booking.objects.filter(room=room).update(updated_at=F("start"))  # each changed last when it took place
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE events_booking")


def plan(queryset) -> str:
    return queryset.explain()


def overlap_queries(room):
    window = Window(at(0, 0), at(7, 0))
    return {
        "availability": holding_bookings(room, at(1, 0), at(8, 0)),
        "conflicts": rules.conflicts(room, at(3, 9), at(3, 10)),
        "room feed": Booking.objects.filter(room=room).holding().blocking(window.start, window.end),
        "admin calendar": Booking.objects.holding().blocking(at(0, 0), at(7, 0)),
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only")
def test_postgresql_answers_overlaps_from_the_exclusion_constraints_index():
    room = make_room()
    make_history(room)
    for name, queryset in overlap_queries(room).items():
        text = plan(queryset)
        assert "events_booking_no_overlap" in text, f"{name}:\n{text}"
        assert "Seq Scan" not in text, f"{name}:\n{text}"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own plan")
def test_sqlite_answers_overlaps_from_the_blocked_end_btree():
    room = make_room()
    make_history(room)
    for name in ("availability", "conflicts", "room feed"):
        text = plan(overlap_queries(room)[name])
        assert "events_booking_room_blk_end" in text, f"{name}:\n{text}"
        assert "blocked_end>?" in text.replace(" ", ""), f"{name}:\n{text}"


def test_feed_rows_find_recently_dropped_bookings_by_their_own_index():
    room = make_room()
    make_history(room)
    text = plan(Booking.objects.filter(room=room, status__in=DROPPED_STATUSES, updated_at__gte=at(-30, 0)))
    assert "events_booking_status_changed" in text, text


def test_overlap_answers_are_unchanged_at_the_edges():
    """Touching ranges ('[)') do not overlap; a booking whose buffer reaches into the window does."""
    room = make_room()
    before = Booking.objects.create(
        room=room,
        start=at(3, 9),
        end=at(3, 10),
        blocked_start=at(3, 9),
        blocked_end=at(3, 10, 15),
        purpose="training",
        title="甲",
        organiser_name="甲",
        contact_name="甲",
        contact_phone="1",
        contact_email="a@example.com",
        attendees=1,
    )
    assert list(holding_bookings(room, at(3, 10, 15), at(3, 11))) == []
    assert list(holding_bookings(room, at(3, 10), at(3, 11))) == [before]
    assert list(holding_bookings(room, at(3, 8), at(3, 9))) == []
    assert list(holding_bookings(room, at(3, 8), at(3, 9, 1))) == [before]
    before.status = BookingStatus.CANCELLED
    before.save()
    assert list(holding_bookings(room, at(3, 9), at(3, 10))) == []
