"""``/api/rooms``: rooms, their free/busy availability, and booking requests (for the WeChat mini-program).

Bad input never gives a 500: ninja's own validation answers 422, the booking rules answer 422 with field-level
messages, a taken time answers 409 with the nearest free slots, too many requests answer 429, a body that is not JSON 415.
"""

from datetime import date, datetime, timedelta
from typing import Annotated

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from pydantic import field_validator

from cms.i18n import reader_language
from cms.models import Team
from events.api.media import json_body_only
from events.bookings import availability
from events.bookings import rules as service
from events.bookings.ratelimits import booking_rate_limited
from events.models import Purpose

Slug = Annotated[str, Path(pattern=r"^[-a-zA-Z0-9_]{1,50}$")]
AVAILABILITY_WINDOW_DAYS = 366

router = Router(tags=["events"])


class EquipmentOut(Schema):
    slug: str
    name: str
    is_available: bool


class OpeningHoursOut(Schema):
    weekday: int = Field(description="0 = Monday … 6 = Sunday")
    opens: str
    closes: str

    @staticmethod
    def resolve_opens(hours):
        return f"{hours.opens:%H:%M}"

    @staticmethod
    def resolve_closes(hours):
        return f"{hours.closes:%H:%M}"


class RoomOut(Schema):
    slug: str
    name: str
    location: str
    description: str
    capacity: int
    purposes: list[str]
    equipment: list[EquipmentOut]
    opening_hours: list[OpeningHoursOut]
    buffer_minutes: int
    min_duration_minutes: int
    max_duration_minutes: int
    min_notice_hours: int
    horizon_days: int

    @staticmethod
    def resolve_equipment(room):
        return list(room.equipment.all())

    @staticmethod
    def resolve_opening_hours(room):
        return list(room.opening_hours.all())


class Interval(Schema):
    start: datetime
    end: datetime


class BusyInterval(Interval):
    purpose: str
    organiser: str


class DayOut(Schema):
    date: date
    closed_reason: str = Field(description="why the room is closed that day; empty when open")
    opening: list[Interval]
    busy: list[BusyInterval]
    free: list[Interval] = Field(description="bookable times, buffers, notice and horizon honoured")


class AvailabilityOut(Schema):
    room: str
    days: list[DayOut]


class BookingIn(Schema):
    start: datetime = Field(description="ISO 8601 with an offset, e.g. 2026-12-01T09:00:00+08:00")
    end: datetime
    purpose: Purpose
    title: str = Field(min_length=1, max_length=120)
    contact_name: str = Field(min_length=1, max_length=50)
    contact_phone: str = Field(min_length=5, max_length=30)
    contact_email: str = Field(min_length=3, max_length=254)
    attendees: int = Field(ge=1, le=10_000)
    team: str | None = Field(None, max_length=100, description="slug of a published team (GET /api/teams)")
    equipment: list[str] = Field(default_factory=list, max_length=20, description="equipment slugs of the room")
    notes: str = Field("", max_length=2000)

    @field_validator("title", "contact_name", "contact_phone", "contact_email", "team", "notes", "equipment")
    @classmethod
    def no_control_characters(cls, value):
        for text in value if isinstance(value, list) else [value or ""]:
            if any(ord(char) < 32 and char not in "\n\r\t" for char in text):
                raise ValueError("control characters are not allowed")
        return value


class BookingCreated(Schema):
    id: int
    status: str
    start: datetime
    end: datetime
    manage_url: str


class Suggestion(Interval):
    pass


class ConflictOut(Schema):
    detail: str
    suggestions: list[Suggestion]


class FieldError(Schema):
    loc: list[str]
    msg: str
    type: str = "value_error"


class InvalidOut(Schema):
    detail: list[FieldError]


class MessageOut(Schema):
    detail: str


def interval(start: datetime, end: datetime) -> dict:
    """Times go out in the station's time zone (+08:00), as people there read them."""
    return {"start": timezone.localtime(start), "end": timezone.localtime(end)}


def field_errors(error: ValidationError) -> dict:
    fields = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return {
        "detail": [{"loc": ["body", name], "msg": message} for name, messages in fields.items() for message in messages]
    }


@router.get("/rooms", response=list[RoomOut], tags=["rooms"])
def list_rooms(request):
    """The rooms open for booking, with their rules."""
    return list(availability.rooms_with_rules().filter(is_active=True))


@router.get(
    "/rooms/{slug}/availability", response={200: AvailabilityOut, 404: MessageOut, 422: InvalidOut}, tags=["rooms"]
)
def room_availability(
    request,
    slug: Slug,
    start: Annotated[date | None, Query(description="first day (YYYY-MM-DD), today when left out")] = None,
    days: Annotated[int, Query(ge=1, le=31)] = 7,
):
    """Free and busy times of a room, day by day; busy shows only the purpose and the organiser."""
    room = get_object_or_404(availability.rooms_with_rules(), slug=slug, is_active=True)
    today = timezone.localdate()
    start = start or today
    if abs((start - today).days) > AVAILABILITY_WINDOW_DAYS:
        return Status(422, {"detail": [{"loc": ["query", "start"], "msg": _("开始日期须在今天前后一年以内。")}]})
    return Status(
        200,
        {
            "room": room.slug,
            "days": [
                {
                    "date": day.day,
                    "closed_reason": day.closed_reason,
                    "opening": [interval(s.start, s.end) for s in day.opening],
                    "busy": [
                        interval(b.start, b.end) | {"purpose": b.purpose, "organiser": b.public_organiser}
                        for b in day.busy
                    ],
                    "free": [interval(s.start, s.end) for s in day.free],
                }
                for day in availability.availability(room, start, days)
            ],
        },
    )


@router.post(
    "/rooms/{slug}/bookings",
    response={
        201: BookingCreated,
        404: MessageOut,
        409: ConflictOut,
        415: MessageOut,
        422: InvalidOut,
        429: MessageOut,
    },
    tags=["rooms"],
)
@decorate_view(json_body_only)
def create_booking(request, slug: Slug, payload: BookingIn):
    """Request a booking. It holds the slot while staff review it; the manage URL lets the requester cancel."""
    room = get_object_or_404(availability.rooms_with_rules(), slug=slug, is_active=True)
    if booking_rate_limited(request, phone=payload.contact_phone, email=payload.contact_email):
        return Status(429, {"detail": _("预约请求过于频繁,请稍后再试。")})
    if payload.start.utcoffset() is None or payload.end.utcoffset() is None:
        return Status(422, {"detail": [{"loc": ["body", "start"], "msg": _("请提供带时区的时间,例如 +08:00。")}]})
    if abs(payload.start - timezone.now()) > timedelta(days=AVAILABILITY_WINDOW_DAYS):
        return Status(422, {"detail": [{"loc": ["body", "start"], "msg": _("最多只能预约一年以内的时段。")}]})
    team = None
    if payload.team:
        team = Team.objects.filter(slug=payload.team, live=True).first()
        if team is None:
            return Status(422, {"detail": [{"loc": ["body", "team"], "msg": _("没有这个志愿团队。")}]})
    user = request.user if request.user.is_authenticated else None
    try:
        equipment = service.equipment_by_slugs(room, payload.equipment)
        booking = service.request_booking(
            service.BookingRequest.from_data(
                room,
                payload.dict(),
                purpose=payload.purpose.value,
                team=team,
                equipment=equipment,
                created_by=user,
                language=reader_language(),
            )
        )
    except service.RoomUnavailable as conflict:
        return Status(
            409,
            {
                "detail": conflict.message,
                "suggestions": [interval(s.start, s.end) for s in conflict.suggestions],
            },
        )
    except ValidationError as error:
        return Status(422, field_errors(error))
    return Status(
        201,
        {
            "id": booking.pk,
            "status": booking.status,
            **interval(booking.start, booking.end),
            "manage_url": request.build_absolute_uri(booking.get_absolute_url()),
        },
    )
