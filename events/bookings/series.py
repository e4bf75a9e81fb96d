"""Recurring bookings (e.g. a weekly training for ten weeks): a series stored as one ``Booking`` per occurrence.

Every occurrence is held under the same rules as a single booking (``events.bookings.rules``); conflicts are reported per
occurrence, and the caller chooses to skip them or to refuse the whole series.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from events.bookings.availability import Slot
from events.bookings.rules import (
    BookingRequest,
    RoomUnavailable,
    cancel_booking,
    expire_stale_requests,
    hold,
    prefetched_room,
    queue_notice,
)
from events.models import HOLDING_STATUSES, Booking, BookingSeries, BookingStatus


@dataclass
class SeriesResult:
    series: BookingSeries | None
    booked: list[Booking]
    skipped: list[tuple[Slot, str]]


def occurrence_slots(start: datetime, end: datetime, *, frequency: str, interval: int, count: int) -> list[Slot]:
    """The occurrences of a series, keeping the local wall-clock time across daylight-saving changes."""
    step = timedelta(days=interval * (7 if frequency == BookingSeries.Frequency.WEEKLY else 1))
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    tz = timezone.get_default_timezone()
    slots = []
    for n in range(count):
        day = local_start.date() + step * n
        slots.append(
            Slot(
                datetime.combine(day, local_start.time(), tz),
                datetime.combine(day + (local_end.date() - local_start.date()), local_end.time(), tz),
            )
        )
    return slots


def request_series(
    request: BookingRequest,
    *,
    frequency: str = BookingSeries.Frequency.WEEKLY,
    interval: int = 1,
    count: int,
    skip_conflicts: bool = False,
    confirm: bool = False,
    now: datetime | None = None,
) -> SeriesResult:
    """Book every occurrence of a recurring booking, all or nothing unless ``skip_conflicts``.

    Without ``skip_conflicts`` a single unavailable occurrence refuses the whole series: ``ValidationError`` with
    one message per occurrence. With it, the unavailable occurrences are reported in ``skipped``.
    """
    now = now or timezone.now()
    room = request.room = prefetched_room(request.room)
    slots = occurrence_slots(request.start, request.end, frequency=frequency, interval=interval, count=count)
    status = BookingStatus.CONFIRMED if confirm else BookingStatus.REQUESTED
    booked, skipped = [], []
    with transaction.atomic():
        expire_stale_requests(room=room)
        series = BookingSeries.objects.create(
            room=room, title=request.title, frequency=frequency, interval=interval, count=count,
            created_by=request.created_by,
        )  # fmt: skip
        for slot in slots:
            request.start, request.end = slot.start, slot.end
            try:
                request.validate(now)
                booking = request.build(status=status, now=now, series=series)
                hold(booking, now=now)
            except ValidationError as error:
                skipped.append((slot, " ".join(error.messages)))
                continue
            except RoomUnavailable as error:
                skipped.append((slot, error.message))
                continue
            if request.equipment:
                booking.equipment.set(request.equipment)
            booked.append(booking)
        if skipped and not skip_conflicts:
            raise ValidationError([f"{slot}:{reason}" for slot, reason in skipped])
        if not booked:
            transaction.set_rollback(True)
            return SeriesResult(None, [], skipped)
        for booking in booked:
            queue_notice(booking, status)
    return SeriesResult(series, booked, skipped)


def cancel_series_from(series: BookingSeries, day: date, *, by=None, now: datetime | None = None) -> int:
    """Cancel every holding occurrence of ``series`` on or after ``day``; earlier ones stay. Returns how many."""
    now = now or timezone.now()
    tz = timezone.get_default_timezone()
    occurrences = series.occurrences.filter(
        Q(start__gte=datetime.combine(day, time.min, tz)), status__in=HOLDING_STATUSES
    )
    cancelled = 0
    with transaction.atomic():
        for booking in occurrences:
            cancel_booking(booking, by=by, now=now)
            cancelled += 1
    return cancelled
