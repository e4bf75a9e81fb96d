"""Property tests (hypothesis): the booking service against an in-memory model of the room; the database's own guard."""

from collections import Counter
from datetime import time, timedelta
from itertools import combinations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from events.bookings import rules as service
from events.models import HOLDING_STATUSES, Booking
from tests.events.booking_support import at, booking_request, make_room
from tests.events.factories import BookingFactory

pytestmark = pytest.mark.django_db

QUARTER = timedelta(minutes=15)
OPENING = [(8, 12), (14, 21)]  # the test room's hours, every day (tests/events/factories.py)
MIN_MINUTES, MAX_MINUTES = 30, 240
slot = st.tuples(st.integers(3, 4), st.integers(0, 52), st.integers(1, 18))  # day, quarter from 08:00, quarters long
OUTCOMES: Counter = Counter()  # over the whole run: the model must see bookings held as well as refused


def slot_time(day: int, quarter: int, quarters: int):
    begin = at(day, 8) + quarter * QUARTER
    return begin, begin + quarters * QUARTER


def assert_no_overlap(room):
    holding = list(Booking.objects.filter(room=room, status__in=HOLDING_STATUSES))
    for a, b in combinations(holding, 2):
        assert a.blocked_end <= b.blocked_start or b.blocked_end <= a.blocked_start, (a.pk, b.pk)
        # the buffer really is kept between the bookings themselves
        assert a.end + room.buffer <= b.start or b.end + room.buffer <= a.start
    for booking in holding:
        assert (booking.blocked_start, booking.blocked_end) == (booking.start, booking.end + room.buffer)


class RoomModel(RuleBasedStateMachine):
    """The room as an in-memory set of intervals, compared with the service after every step.

    The model predicts each answer: a time rule broken (length, opening hours) → ``ValidationError``; the time
    overlapping a held booking, buffers included → ``RoomUnavailable``; otherwise the booking is held. Any
    disagreement, in either direction, fails: a service that refused everything fails as surely as one that
    double-booked.
    """

    held: dict[int, tuple]

    def __init__(self):
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()  # each example runs in a transaction rolled back at teardown
        self.room = None
        self.held = {}

    @initialize(buffer=st.sampled_from([0, 15, 30]))
    def open_the_room(self, buffer):
        self.room = make_room(slug="model-room", buffer_minutes=buffer)

    def obeys_time_rules(self, start, end) -> bool:
        minutes = (end - start).total_seconds() / 60
        local_start, local_end = timezone.localtime(start), timezone.localtime(end)
        inside = local_start.date() == local_end.date() and any(
            time(a) <= local_start.time() and (local_end.time() <= time(b)) for a, b in OPENING
        )
        return MIN_MINUTES <= minutes <= MAX_MINUTES and inside

    def taken(self, start, end, *, ignore=None) -> bool:
        buffer = self.room.buffer
        return any(s < end + buffer and start < e + buffer for pk, (s, e) in self.held.items() if pk != ignore)

    def expected(self, start, end, *, ignore=None) -> str:
        if not self.obeys_time_rules(start, end):
            return "invalid"
        return "taken" if self.taken(start, end, ignore=ignore) else "held"

    def attempt(self, action, *, ignore=None) -> tuple[str, object]:
        try:
            return "held", action()
        except service.RoomUnavailable as conflict:
            for suggestion in conflict.suggestions:  # what we suggest instead is really free
                assert not self.taken(suggestion.start, suggestion.end, ignore=ignore)
            return "taken", None
        except ValidationError:
            return "invalid", None

    @rule(when=slot)
    def request(self, when):
        start, end = slot_time(*when)
        expected = self.expected(start, end)
        outcome, booking = self.attempt(lambda: service.request_booking(booking_request(self.room, start, end)))
        OUTCOMES[f"request {outcome}"] += 1
        assert outcome == expected, (start, end, self.held)
        if booking is not None:
            self.held[booking.pk] = (start, end)

    @precondition(lambda self: self.held)
    @rule(data=st.data())
    def cancel(self, data):
        pk = data.draw(st.sampled_from(sorted(self.held)))
        service.cancel_booking(Booking.objects.get(pk=pk))
        OUTCOMES["cancel"] += 1
        del self.held[pk]

    @precondition(lambda self: self.held)
    @rule(data=st.data(), when=slot)
    def move(self, data, when):
        pk = data.draw(st.sampled_from(sorted(self.held)))
        start, end = slot_time(*when)
        expected = self.expected(start, end, ignore=pk)
        outcome, _ = self.attempt(
            lambda: service.move_booking(Booking.objects.get(pk=pk), start=start, end=end), ignore=pk
        )
        OUTCOMES[f"move {outcome}"] += 1
        assert outcome == expected, (pk, start, end, self.held)
        if outcome == "held":
            self.held[pk] = (start, end)

    @invariant()
    def the_database_holds_what_the_model_holds(self):
        if self.room is None:
            return
        holding = Booking.objects.filter(room=self.room, status__in=HOLDING_STATUSES)
        assert {b.pk: (b.start, b.end) for b in holding} == self.held
        assert_no_overlap(self.room)

    def teardown(self):
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)


def test_the_service_behaves_like_an_interval_model():
    OUTCOMES.clear()
    run_state_machine_as_test(
        RoomModel,
        settings=settings(
            max_examples=40,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture],
            database=None,
        ),
    )
    # a service refusing everything, or never refusing, would not pass the comparison; these show it was exercised
    assert OUTCOMES["request held"] >= 5, OUTCOMES
    assert OUTCOMES["request taken"] >= 1 and OUTCOMES["request invalid"] >= 1, OUTCOMES
    assert OUTCOMES["move held"] >= 1 and OUTCOMES["cancel"] >= 1, OUTCOMES


@pytest.mark.requires_postgresql  # the exclusion constraint exists on PostgreSQL only
def test_the_database_itself_refuses_an_overlap():
    room = make_room()
    first = service.request_booking(booking_request(room, at(3, 9), at(3, 10)))
    assert first.blocked_end == at(3, 10, 15)  # the room's 15 minutes buffer
    with pytest.raises(IntegrityError, match="events_booking_no_overlap"), transaction.atomic():
        BookingFactory(room=room, start=at(3, 10), end=at(3, 11), blocked_start=at(3, 9, 59))
    touching = BookingFactory(room=room, start=at(3, 10, 15), end=at(3, 11))
    assert touching.pk
    BookingFactory(room=room, start=at(3, 9), end=at(3, 10), status="cancelled")


@pytest.mark.requires_postgresql  # the exclusion constraint exists on PostgreSQL only
def test_a_check_that_missed_still_ends_as_a_conflict(monkeypatch):
    """If the Python check misses a concurrent insert, the constraint's error still becomes ``RoomUnavailable``."""
    room = make_room()
    service.request_booking(booking_request(room, at(3, 9), at(3, 10)))
    monkeypatch.setattr(service, "conflicts", lambda *args, **kwargs: Booking.objects.none())
    with pytest.raises(service.RoomUnavailable):
        service.request_booking(booking_request(room, at(3, 9, 30), at(3, 10, 30)))
    assert Booking.objects.count() == 1
