"""Property tests (hypothesis): whatever people do, two holding bookings of a room never overlap, buffers included."""

from datetime import timedelta
from itertools import combinations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.bookings import rules as service
from events.models import HOLDING_STATUSES, Booking
from tests.events.booking_support import at, booking_request, make_room
from tests.events.factories import BookingFactory

pytestmark = pytest.mark.django_db

QUARTER = timedelta(minutes=15)
slot_start = st.tuples(st.integers(0, 2), st.integers(0, 52))  # day, quarter-hour from 08:00 to 21:00
duration = st.integers(1, 18)  # 15 minutes to 4.5 hours (some break the duration rules on purpose)
operation = st.one_of(
    st.tuples(st.just("create"), slot_start, duration),
    st.tuples(st.just("cancel"), st.integers(0, 20)),
    st.tuples(st.just("move"), st.integers(0, 20), slot_start, duration),
)


def when(start, quarters):
    day, quarter = start
    begin = at(3 + day, 8) + quarter * QUARTER
    return begin, begin + quarters * QUARTER


def assert_no_overlap(room):
    holding = list(Booking.objects.filter(room=room, status__in=HOLDING_STATUSES))
    for a, b in combinations(holding, 2):
        assert a.blocked_end <= b.blocked_start or b.blocked_end <= a.blocked_start, (a.pk, b.pk)
        # the buffer really is kept between the bookings themselves
        assert a.end + room.buffer <= b.start or b.end + room.buffer <= a.start
    for booking in holding:
        assert (booking.blocked_start, booking.blocked_end) == (booking.start, booking.end + room.buffer)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(operation, min_size=1, max_size=25), buffer=st.sampled_from([0, 15, 30]))
def test_random_create_cancel_move_never_double_books(operations, buffer):
    with transaction.atomic():
        room = make_room(slug="property-room", buffer_minutes=buffer)
        created: list[Booking] = []
        for op in operations:
            try:
                if op[0] == "create":
                    start, end = when(op[1], op[2])
                    created.append(service.request_booking(booking_request(room, start, end)))
                elif op[0] == "cancel" and created:
                    service.cancel_booking(created[op[1] % len(created)])
                elif op[0] == "move" and created:
                    start, end = when(op[2], op[3])
                    service.move_booking(created[op[1] % len(created)], start=start, end=end)
            except service.RoomUnavailable as conflict:
                for slot in conflict.suggestions:  # what we suggest instead is really free
                    assert not service.conflicts(room, slot.start, slot.end).exists()
            except ValidationError:
                pass
            assert_no_overlap(room)
        transaction.set_rollback(True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only")
def test_the_database_itself_refuses_an_overlap():
    room = make_room()
    first = service.request_booking(booking_request(room, at(3, 9), at(3, 10)))
    assert first.blocked_end == at(3, 10, 15)  # the room's 15 minutes buffer
    with pytest.raises(IntegrityError, match="events_booking_no_overlap"), transaction.atomic():
        BookingFactory(room=room, start=at(3, 10), end=at(3, 11), blocked_start=at(3, 9, 59))
    touching = BookingFactory(room=room, start=at(3, 10, 15), end=at(3, 11))
    assert touching.pk
    BookingFactory(room=room, start=at(3, 9), end=at(3, 10), status="cancelled")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only")
def test_a_check_that_missed_still_ends_as_a_conflict(monkeypatch):
    """If the Python check misses a concurrent insert, the constraint's error still becomes ``RoomUnavailable``."""
    room = make_room()
    service.request_booking(booking_request(room, at(3, 9), at(3, 10)))
    monkeypatch.setattr(service, "conflicts", lambda *args, **kwargs: Booking.objects.none())
    with pytest.raises(service.RoomUnavailable):
        service.request_booking(booking_request(room, at(3, 9, 30), at(3, 10, 30)))
    assert Booking.objects.count() == 1
