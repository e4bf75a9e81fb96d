"""Demo content of the function room: the station's 志愿客厅 and a realistic month of bookings around today.

Idempotent: when the room exists nothing is touched, so a second ``load_initial_data`` changes nothing.
Bookings go through ``events.bookings.rules`` like any other (as of a few days before each one), without mail.
"""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from cms.models import Team
from events.bookings.rules import BookingRequest, RoomUnavailable, request_booking
from events.demo.content import (
    BOOKING_CONTACT,
    BOOKING_CONTACT_NAMES,
    EQUIPMENT,
    EVENING,
    FALLBACK_ORGANISERS,
    MAINTENANCE_CLOSURE,
    NEW_YEAR_CLOSURE,
    ROOM,
    ROOM_SLUG,
    SATURDAY_HOURS,
    WEEK_PLAN,
    WEEKDAY_HOURS,
)
from events.models import BookingStatus, ClosedPeriod, FunctionRoom, OpeningHours, RoomEquipment


def load_room_demo(home_page, stdout) -> None:
    if FunctionRoom.objects.filter(slug=ROOM_SLUG).exists():
        return
    room = create_room()
    created = book_a_month(room, timezone.localdate())
    stdout.write(f"Created the function room {room.name} with {created} bookings")


def create_room() -> FunctionRoom:
    room = FunctionRoom.objects.create(slug=ROOM_SLUG, **ROOM)
    for order, (name, slug) in enumerate(EQUIPMENT):
        RoomEquipment.objects.create(room=room, name=name, slug=slug, sort_order=order)
    for weekday in range(5):
        hours = WEEKDAY_HOURS + ([EVENING] if weekday in (1, 3) else [])
        for opens, closes in hours:
            OpeningHours.objects.create(room=room, weekday=weekday, opens=opens, closes=closes)
    for opens, closes in SATURDAY_HOURS:
        OpeningHours.objects.create(room=room, weekday=5, opens=opens, closes=closes)
    today = timezone.localdate()
    new_year = date(today.year + 1, 1, 1)
    ClosedPeriod.objects.create(
        room=room, start_date=new_year, end_date=new_year + timedelta(days=2), reason=NEW_YEAR_CLOSURE
    )
    maintenance = today + timedelta(days=(3 - today.weekday()) % 7 + 14)  # a Thursday two weeks on
    ClosedPeriod.objects.create(room=room, start_date=maintenance, end_date=maintenance, reason=MAINTENANCE_CLOSURE)
    return room


def organisers() -> list[tuple[Team | None, str]]:
    teams = list(Team.objects.filter(live=True).order_by("duty_order", "name")[:8])
    if teams:
        return [(team, team.name) for team in teams]
    return [(None, name) for name in FALLBACK_ORGANISERS]


def book_a_month(room: FunctionRoom, today: date) -> int:
    """The week plan from a week ago to four weeks on: past and near ones confirmed, later ones waiting."""
    tz = timezone.get_default_timezone()
    people = organisers()
    created = 0
    for offset in range(-7, 29):
        day = today + timedelta(days=offset)
        for n, (weekday, start, end, purpose, title) in enumerate(WEEK_PLAN):
            if weekday != day.weekday() or (offset + n) % 5 == 4:  # leave some of the usual slots free
                continue
            team, organiser = people[(offset + n) % len(people)]
            starts = datetime.combine(day, start, tz)
            request = BookingRequest(
                room=room,
                start=starts,
                end=datetime.combine(day, end, tz),
                purpose=purpose,
                title=title,
                team=team,
                organiser_name=organiser,
                contact_name=BOOKING_CONTACT_NAMES[n % 2],
                **BOOKING_CONTACT,
                attendees=12 + (n * 7) % 28,
                equipment=list(room.equipment.all()[: 1 + n % 2]),
            )
            waiting = offset > 10 and n % 3 == 0
            try:
                booking = request_booking(
                    request, confirm=not waiting, notify=False, now=None if waiting else starts - timedelta(days=3)
                )
            except (ValidationError, RoomUnavailable):
                continue  # closed that day
            created += 1
            if offset > 5 and n % 7 == 3:
                booking.status = BookingStatus.CANCELLED
                booking.cancelled_at = starts - timedelta(days=1)
                booking.save(update_fields=["status", "cancelled_at"])
    return created
