"""The events plugin's models: one module per area (rooms and bookings; activities and duty in part 2)."""

from .rooms import (
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
