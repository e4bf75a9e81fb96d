"""What the page cache must know about the events plugin: which models public pages show, and when they change by
themselves (an activity starting or ending moves it on the home page and the board; an expiring request frees a slot)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Min

from cms.plugins import register_next_public_change, register_public_models


def watch_public_models() -> None:
    """Called from ``EventsConfig.ready``: bookings, duty shifts, rooms and categories show on public pages."""
    from events.models import (
        ActivityCategory,
        Booking,
        BookingSeries,
        ClosedPeriod,
        DutyShift,
        FunctionRoom,
        OccurrenceChange,
        OpeningHours,
        RoomEquipment,
    )

    register_public_models(
        ActivityCategory,
        OccurrenceChange,
        DutyShift,
        FunctionRoom,
        RoomEquipment,
        OpeningHours,
        ClosedPeriod,
        BookingSeries,
        Booking,
    )


@register_next_public_change
def next_activity_or_request_change(now: datetime, until: datetime) -> datetime | None:
    """The first start or end of an occurrence, or expiry of a booking request, in ``(now, until)``."""
    from events.activities.occurrences import occurrences_between
    from events.models import Booking, BookingStatus

    moments = [
        moment
        for occurrence in occurrences_between(now, until)
        for moment in (occurrence.start, occurrence.end)
        if now < moment < until
    ]
    expiry = Booking.objects.filter(status=BookingStatus.REQUESTED, expires_at__gt=now, expires_at__lt=until).aggregate(
        first=Min("expires_at")
    )["first"]
    return min([*moments, *([expiry] if expiry else [])], default=None)
