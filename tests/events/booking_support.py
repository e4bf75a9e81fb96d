"""Test helpers for room bookings: a room like the station's, and times relative to today (Asia/Shanghai)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from events.bookings.rules import BookingRequest
from events.models import FunctionRoom
from tests.events.factories import FunctionRoomFactory


def make_room(slug="living-room", **overrides) -> FunctionRoom:
    """A room open 08:00–12:00 and 14:00–21:00 every day, 15 minutes buffer, 30–240 minutes, 40 people."""
    return FunctionRoomFactory(slug=slug, **overrides)


def at(days: int, hour: int, minute: int = 0) -> datetime:
    """An aware datetime ``days`` from today at hour:minute, Shanghai time."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), timezone.get_default_timezone())


def booking_request(room, start, end, **overrides) -> BookingRequest:
    values = {
        "purpose": "training",
        "title": "新志愿者培训",
        "contact_name": "李芳",
        "contact_phone": "13800138000",
        "contact_email": "lifang@example.com",
        "attendees": 20,
    } | overrides
    return BookingRequest(room=room, start=start, end=end, **values)
