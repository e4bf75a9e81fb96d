"""The events plugin's models: one module per area: rooms and bookings, activities, duty, feed tokens."""

from .activities import ActivityCategory, ActivityIndexPage, ActivityPage, ActivityStatus, OccurrenceChange, Recurrence
from .duty import DutyShift
from .feeds import FeedToken
from .rooms import (
    DROPPED_STATUSES,
    HOLDING_STATUSES,
    Booking,
    BookingNotice,
    BookingSeries,
    BookingStatus,
    ClosedPeriod,
    FunctionRoom,
    OpeningHours,
    Purpose,
    RoomEquipment,
    Weekday,
)

__all__ = [
    "ActivityCategory",
    "ActivityIndexPage",
    "ActivityPage",
    "ActivityStatus",
    "DutyShift",
    "FeedToken",
    "OccurrenceChange",
    "Recurrence",
    "DROPPED_STATUSES",
    "HOLDING_STATUSES",
    "Booking",
    "BookingNotice",
    "BookingSeries",
    "BookingStatus",
    "ClosedPeriod",
    "FunctionRoom",
    "OpeningHours",
    "Purpose",
    "RoomEquipment",
    "Weekday",
]
