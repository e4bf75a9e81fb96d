"""Test helpers for room bookings: a room like the station's, and times relative to today (Asia/Shanghai)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from events.booking import BookingRequest
from events.models import FunctionRoom, OpeningHours, RoomEquipment


def make_room(slug="living-room", **overrides) -> FunctionRoom:
    """A room open 08:00–12:00 and 14:00–21:00 every day, 15 minutes buffer, 30–240 minutes, 40 people."""
    values = {
        "name": f"志愿客厅 {slug}",
        "capacity": 40,
        "buffer_minutes": 15,
        "min_duration_minutes": 30,
        "max_duration_minutes": 240,
        "slot_minutes": 30,
        "min_notice_hours": 24,
        "horizon_days": 60,
        "request_expiry_hours": 48,
    } | overrides
    room = FunctionRoom.objects.create(slug=slug, **values)
    for weekday in range(7):
        OpeningHours.objects.create(room=room, weekday=weekday, opens=time(8), closes=time(12))
        OpeningHours.objects.create(room=room, weekday=weekday, opens=time(14), closes=time(21))
    RoomEquipment.objects.create(room=room, name="投影仪", slug="projector")
    RoomEquipment.objects.create(room=room, name="红外电子白板", slug="whiteboard")
    return room


def at(days: int, hour: int, minute: int = 0) -> datetime:
    """An aware datetime ``days`` from today at hour:minute, Shanghai time."""
    day = timezone.localdate() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute), timezone.get_current_timezone())


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
