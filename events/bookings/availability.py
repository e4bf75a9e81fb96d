"""When a room is open and when it is free: opening hours, closures, busy ranges and free intervals.

Read-only arithmetic shared by the booking rules (``events.bookings.rules``), the week view and the JSON API. Rooms must
come with their ``opening_hours`` and ``closed_periods`` prefetched (``rooms_with_rules()``), so nothing here
queries per day.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import date_format, time_format

from events.models import Booking, FunctionRoom


@dataclass(frozen=True, order=True)
class Slot:
    start: datetime
    end: datetime

    def __str__(self):
        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        return f"{date_format(start, 'MONTH_DAY_TIME_FORMAT')}–{time_format(end)}"


def rooms_with_rules():
    """Rooms with what the rules read prefetched (opening hours, closures, equipment)."""
    return FunctionRoom.objects.prefetch_related("opening_hours", "closed_periods", "equipment")


def blocked_range(room: FunctionRoom, start: datetime, end: datetime) -> tuple[datetime, datetime]:
    """The time the room is unavailable to others: the booking plus the buffer after it (cleaning, set-up)."""
    return start, end + room.buffer


def opening_intervals(room: FunctionRoom, day: date) -> list[Slot]:
    """The room's opening intervals on ``day`` (empty when it is closed that day). Uses prefetched relations."""
    if any(period.start_date <= day <= period.end_date for period in room.closed_periods.all()):
        return []
    tz = timezone.get_default_timezone()
    return sorted(
        Slot(datetime.combine(day, hours.opens, tz), datetime.combine(day, hours.closes, tz))
        for hours in room.opening_hours.all()
        if hours.weekday == day.weekday()
    )


def closure_on(room: FunctionRoom, day: date):
    return next((p for p in room.closed_periods.all() if p.start_date <= day <= p.end_date), None)


def holding_bookings(room: FunctionRoom, start: datetime, end: datetime):
    """Holding bookings of ``room`` whose blocked range meets [start, end)."""
    return Booking.objects.filter(room=room).holding().blocking(start, end).order_by("blocked_start")


def free_intervals(room: FunctionRoom, day: date, busy: Iterable[Booking]) -> list[Slot]:
    """The times on ``day`` in which a booking can hold the room: opening hours minus others' blocked ranges.

    A new booking ending at ``t`` blocks the room until ``t + buffer``, so each busy range also pushes the free time
    before it back by the room's buffer.
    """
    free = opening_intervals(room, day)
    for booking in busy:
        taken = Slot(booking.blocked_start - room.buffer, booking.blocked_end)
        free = [part for interval in free for part in _subtract(interval, taken)]
    return free


def _subtract(interval: Slot, taken: Slot) -> list[Slot]:
    if taken.end <= interval.start or taken.start >= interval.end:
        return [interval]
    parts = []
    if taken.start > interval.start:
        parts.append(Slot(interval.start, taken.start))
    if taken.end < interval.end:
        parts.append(Slot(taken.end, interval.end))
    return parts


@dataclass
class DayAvailability:
    day: date
    closed_reason: str
    opening: list[Slot]
    busy: list[Booking]
    free: list[Slot]


def availability(
    room: FunctionRoom, first_day: date, days: int, *, now: datetime | None = None
) -> list[DayAvailability]:
    """Free and busy times of ``room`` day by day; free means bookable now (notice and horizon honoured).

    ``room`` must come with ``opening_hours`` and ``closed_periods`` prefetched; one query for the bookings.
    """
    now = now or timezone.now()
    tz = timezone.get_default_timezone()
    window_start = datetime.combine(first_day, time.min, tz)
    window_end = datetime.combine(first_day + timedelta(days=days), time.min, tz)
    busy = list(holding_bookings(room, window_start - room.buffer, window_end + room.buffer).select_related("team"))
    bookable = Slot(now + timedelta(hours=room.min_notice_hours), now + timedelta(days=room.horizon_days))
    result = []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        closure = closure_on(room, day)
        free = []
        for interval in free_intervals(room, day, busy):
            start, end = max(interval.start, bookable.start), min(interval.end, bookable.end)
            if end - start >= timedelta(minutes=room.min_duration_minutes):
                free.append(Slot(start, end))
        result.append(
            DayAvailability(
                day=day,
                closed_reason=closure.reason if closure else "",
                opening=opening_intervals(room, day),
                busy=[b for b in busy if timezone.localtime(b.start).date() == day],
                free=free,
            )
        )
    return result
