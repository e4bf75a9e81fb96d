"""The booking rules of the function rooms: the one place that decides whether a booking may hold a slot.

The public request form, the staff admin, the JSON API and other plugins (through ``events.services``) all call
the functions below. Each write runs in one transaction holding the check and the insert together: on SQLite the
settings make it IMMEDIATE (writers are serialised), on PostgreSQL the exclusion constraint
``events_booking_no_overlap`` rejects whatever slips between the check and the insert. Mail goes out after commit.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from cms.outbox import send_after_commit
from cms.plugins import public_content_changed
from events.bookings.availability import (
    Slot,
    blocked_range,
    closure_on,
    free_intervals,
    holding_bookings,
    opening_intervals,
    rooms_with_rules,
)
from events.ical.cache import invalidate_rooms
from events.models import Booking, BookingSeries, BookingStatus, FunctionRoom, RoomEquipment

OVERLAP_CONSTRAINT = "events_booking_no_overlap"
SUGGESTION_DAYS = 14


class RoomUnavailable(Exception):  # noqa: N818  (the name callers read: "the room is unavailable")
    """The requested time overlaps another booking; ``suggestions`` are the nearest free slots of the same length."""

    def __init__(self, room: FunctionRoom, slot: Slot, suggestions: list[Slot]):
        self.room = room
        self.slot = slot
        self.suggestions = suggestions
        if suggestions:
            message = _("%(room)s 在 %(slot)s 已被预约。最近的空闲时段:%(free)s。") % {
                "room": room,
                "slot": slot,
                "free": "、".join(str(s) for s in suggestions),
            }
        else:
            message = _("%(room)s 在 %(slot)s 已被预约,近期没有同样长度的空闲时段。") % {"room": room, "slot": slot}
        self.message = message
        super().__init__(message)


# --- the rules -------------------------------------------------------------------------------------------------


def time_rule_errors(room: FunctionRoom, start: datetime, end: datetime, now: datetime) -> list[str]:
    """Everything about *when* that does not depend on other bookings: hours, closures, duration, notice, horizon."""
    errors = []
    if timezone.is_naive(start) or timezone.is_naive(end):
        return [_("请提供带时区的时间。")]
    if end <= start:
        return [_("结束时间必须晚于开始时间。")]
    # Out-of-window times return early: nothing below needs to run, and far-off dates could overflow.
    if start > now + timedelta(days=room.horizon_days):
        return [_("最多只能预约 %(n)d 天以内的时段。") % {"n": room.horizon_days}]
    if start < now + timedelta(hours=room.min_notice_hours):
        return [_("请至少提前 %(n)d 小时预约。") % {"n": room.min_notice_hours}]
    minutes = (end - start).total_seconds() / 60
    if minutes < room.min_duration_minutes:
        errors.append(_("每次预约至少 %(n)d 分钟。") % {"n": room.min_duration_minutes})
    if minutes > room.max_duration_minutes:
        errors.append(_("每次预约最长 %(n)d 分钟。") % {"n": room.max_duration_minutes})
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    closure = closure_on(room, local_start.date())
    if closure is not None:
        errors.append(_("%(day)s 闭馆:%(reason)s。") % {"day": local_start.date(), "reason": closure.reason})
    elif not any(
        interval.start <= start and end <= interval.end for interval in opening_intervals(room, local_start.date())
    ):
        hours = "、".join(
            f"{time_format(timezone.localtime(i.start))}–{time_format(timezone.localtime(i.end))}"
            for i in opening_intervals(room, local_start.date())
        )
        if hours:
            errors.append(_("预约须在开放时间内:当天 %(hours)s。") % {"hours": hours})
        else:
            errors.append(_("%(day)s 不开放。") % {"day": local_start.date()})
    if local_end.date() != local_start.date() and not errors:
        errors.append(_("预约不能跨天。"))
    return errors


def validate_booking(
    room: FunctionRoom,
    *,
    start: datetime,
    end: datetime,
    purpose: str,
    attendees: int,
    equipment: Iterable[RoomEquipment] = (),
    now: datetime | None = None,
) -> None:
    """Raise ``ValidationError`` (a dict of field errors) unless the booking obeys every rule except the overlap."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if not room.is_active:
        errors.setdefault("room", []).append(_("该功能室暂不开放预约。"))
    time_errors = time_rule_errors(room, start, end, now)
    if time_errors:
        errors["start"] = time_errors
    if purpose not in room.purposes:
        errors["purpose"] = [_("该功能室不能用于此用途。")]
    if attendees is None or attendees < 1:
        errors["attendees"] = [_("预计人数至少为 1 人。")]
    elif attendees > room.capacity:
        errors["attendees"] = [_("预计人数超过容纳人数(%(n)d 人)。") % {"n": room.capacity}]
    for item in equipment:
        if item.room_id != room.pk:
            errors.setdefault("equipment", []).append(_("%(item)s 不属于该功能室。") % {"item": item})
        elif not item.is_available:
            errors.setdefault("equipment", []).append(_("%(item)s 暂时不可用。") % {"item": item})
    if errors:
        raise ValidationError(errors)


def conflicts(room: FunctionRoom, start: datetime, end: datetime, *, exclude: Booking | None = None):
    """Holding bookings that a new booking [start, end) would overlap, buffers included."""
    blocked_start, blocked_end = blocked_range(room, start, end)
    bookings = holding_bookings(room, blocked_start, blocked_end)
    if exclude is not None and exclude.pk:
        bookings = bookings.exclude(pk=exclude.pk)
    return bookings


def suggest_free_slots(
    room: FunctionRoom, start: datetime, end: datetime, *, limit: int = 3, now: datetime | None = None
) -> list[Slot]:
    """The free slots of the same length nearest to [start, end), that obey every time rule; one query."""
    now = now or timezone.now()
    length = end - start
    step = timedelta(minutes=room.slot_minutes)
    first_day = max(timezone.localtime(start).date() - timedelta(days=SUGGESTION_DAYS // 2), timezone.localdate(now))
    last_day = first_day + timedelta(days=SUGGESTION_DAYS)
    window_start = datetime.combine(first_day, time.min, timezone.get_default_timezone())
    window_end = datetime.combine(last_day, time.max, timezone.get_default_timezone())
    busy = list(holding_bookings(room, window_start - room.buffer, window_end + room.buffer))
    candidates = []
    day = first_day
    while day <= last_day:
        for interval in free_intervals(room, day, busy):
            candidate = Slot(interval.start, interval.start + length)
            while candidate.end <= interval.end:
                if not time_rule_errors(room, candidate.start, candidate.end, now):
                    candidates.append(candidate)
                candidate = Slot(candidate.start + step, candidate.end + step)
        day += timedelta(days=1)
    candidates.sort(key=lambda slot: (abs(slot.start - start), slot.start))
    return sorted(candidates[:limit])


# --- writing bookings ------------------------------------------------------------------------------------------


def expire_stale_requests(*, room: FunctionRoom | None = None, now: datetime | None = None) -> int:
    """Requests nobody confirmed in time stop holding their slot. Returns how many expired."""
    stale = Booking.objects.filter(status=BookingStatus.REQUESTED, expires_at__lte=now or timezone.now())
    if room is not None:
        stale = stale.filter(room=room)
        rooms = [room.pk]
    else:
        rooms = list(stale.order_by().values_list("room_id", flat=True).distinct())
    expired = stale.update(status=BookingStatus.EXPIRED, updated_at=timezone.now())
    if expired:  # an update sends no signals: the rooms' feeds and the cached pages learn of it here
        invalidate_rooms(rooms)
        public_content_changed()
    return expired


def _is_overlap_violation(error: IntegrityError) -> bool:
    return OVERLAP_CONSTRAINT in str(error)


def hold(booking: Booking, *, now: datetime, update_fields: list[str] | None = None) -> None:
    """Check the overlap and save, inside the caller's transaction; raise ``RoomUnavailable`` on a conflict."""
    room = booking.room
    slot = Slot(booking.start, booking.end)
    if conflicts(room, booking.start, booking.end, exclude=booking).exists():
        raise RoomUnavailable(room, slot, suggest_free_slots(room, booking.start, booking.end, now=now))
    booking.blocked_start, booking.blocked_end = blocked_range(room, booking.start, booking.end)
    try:
        with transaction.atomic():  # a savepoint, so the caller's transaction survives a constraint violation
            booking.save(update_fields=update_fields)
    except IntegrityError as error:
        if not _is_overlap_violation(error):
            raise
        raise RoomUnavailable(room, slot, suggest_free_slots(room, booking.start, booking.end, now=now)) from error


def equipment_by_slugs(room: FunctionRoom, slugs: Iterable[str]) -> list[RoomEquipment]:
    """The room's equipment named by ``slugs``; an unknown slug is a ``ValidationError`` on ``equipment``."""
    slugs = set(slugs)
    items = [item for item in room.equipment.all() if item.slug in slugs]
    unknown = slugs - {item.slug for item in items}
    if unknown:
        raise ValidationError({"equipment": [_("该功能室没有设备:%(s)s") % {"s": "、".join(sorted(unknown))}]})
    return items


def prefetched_room(room: FunctionRoom) -> FunctionRoom:
    return rooms_with_rules().get(pk=room.pk)


@dataclass
class BookingRequest:
    """What a caller asks for; the service decides whether it may be held."""

    room: FunctionRoom
    start: datetime
    end: datetime
    purpose: str
    title: str
    contact_name: str
    contact_phone: str
    contact_email: str
    attendees: int
    organiser_name: str = ""
    team: object = None
    equipment: list[RoomEquipment] = field(default_factory=list)
    notes: str = ""
    created_by: object = None
    booked_for: object = None
    language: str = ""  # the requester's, so their mail speaks it (the public form and API pass it); else the default

    @classmethod
    def from_data(cls, room: FunctionRoom, data: dict, **overrides) -> "BookingRequest":
        """A request from a form's or a payload's cleaned data (extra keys are ignored)."""
        names = {f.name for f in fields(cls)} - {"room"}
        return cls(room=room, **({name: data[name] for name in names if name in data} | overrides))

    def build(self, *, status: str, now: datetime, series: BookingSeries | None = None) -> Booking:
        booking = Booking(
            room=self.room,
            series=series,
            start=self.start,
            end=self.end,
            purpose=self.purpose,
            title=self.title,
            team=self.team,
            organiser_name=self.organiser_name or (self.team.name if self.team else self.contact_name),
            contact_name=self.contact_name,
            contact_phone=self.contact_phone,
            contact_email=self.contact_email,
            attendees=self.attendees,
            notes=self.notes,
            status=status,
            created_by=self.created_by,
            language=self.language or settings.LANGUAGE_CODE,
        )
        if self.booked_for is not None:
            booking.booked_for = self.booked_for
        if status == BookingStatus.REQUESTED:
            booking.expires_at = now + timedelta(hours=self.room.request_expiry_hours)
        else:
            booking.decided_at, booking.decided_by = now, self.created_by
        booking.full_clean(
            exclude=["blocked_start", "blocked_end", "room", "series", "team", "created_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        return booking

    def validate(self, now: datetime) -> None:
        validate_booking(
            self.room,
            start=self.start,
            end=self.end,
            purpose=self.purpose,
            attendees=self.attendees,
            equipment=self.equipment,
            now=now,
        )


def request_booking(
    request: BookingRequest, *, confirm: bool = False, notify: bool = True, now: datetime | None = None
) -> Booking:
    """Hold the slot for a new booking: ``requested`` (waits for staff) or, with ``confirm``, ``confirmed``.

    Raises ``ValidationError`` when a rule is broken and ``RoomUnavailable`` when the time is taken.
    ``notify=False`` sends no mail (imports, demo content); ``now`` lets an import apply the rules as of then.
    """
    now = now or timezone.now()
    request.room = prefetched_room(request.room)
    request.validate(now)
    status = BookingStatus.CONFIRMED if confirm else BookingStatus.REQUESTED
    with transaction.atomic():
        expire_stale_requests(room=request.room)
        booking = request.build(status=status, now=now)
        hold(booking, now=now)
        if request.equipment:
            booking.equipment.set(request.equipment)
        if notify:
            queue_notice(booking, status)
    return booking


def queue_notice(booking: Booking, kind: str) -> None:
    from events.tasks import send_booking_notice

    # Kept in the outbox until sent: a broker or (embedded, eager) mail server failing after the commit neither
    # turns the visitor's answer into a 500 nor loses the mail.
    send_after_commit(send_booking_notice, booking.pk, kind)


# --- decisions and changes -------------------------------------------------------------------------------------


def _locked(booking: Booking) -> Booking:
    return Booking.objects.select_for_update().select_related("room").get(pk=booking.pk)


def confirm_booking(booking: Booking, *, by=None, message: str = "", now: datetime | None = None) -> Booking:
    """Staff approve a request. A request past its expiry time expires instead and cannot be confirmed."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status == BookingStatus.REQUESTED and booking.expires_at and booking.expires_at <= now:
            raise ValidationError(_("该申请已超过保留时间,已失效,无法确认。"))
        if booking.status != BookingStatus.REQUESTED:
            raise ValidationError(_("只有待审核的预约可以确认(当前状态:%(s)s)。") % {"s": booking.get_status_display()})
        _decide(booking, BookingStatus.CONFIRMED, by=by, message=message, now=now)
    return booking


def decline_booking(booking: Booking, *, by=None, message: str = "", now: datetime | None = None) -> Booking:
    """Staff decline a request, with a message for the requester; the slot is released."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if booking.status != BookingStatus.REQUESTED:
            raise ValidationError(_("只有待审核的预约可以拒绝(当前状态:%(s)s)。") % {"s": booking.get_status_display()})
        _decide(booking, BookingStatus.DECLINED, by=by, message=message, now=now)
    return booking


def _decide(booking: Booking, status: str, *, by, message: str, now: datetime) -> None:
    booking.status, booking.decided_by, booking.decided_at, booking.decision_message = status, by, now, message
    booking.save(update_fields=["status", "decided_by", "decided_at", "decision_message", "updated_at"])
    queue_notice(booking, status)


def cancel_booking(booking: Booking, *, by=None, message: str = "", now: datetime | None = None) -> Booking:
    """Cancel a requested or confirmed booking (by its requester or staff); the slot is released."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if not booking.is_holding:
            raise ValidationError(_("该预约已是“%(s)s”状态,无法取消。") % {"s": booking.get_status_display()})
        booking.status, booking.cancelled_at = BookingStatus.CANCELLED, now
        if message:
            booking.decision_message = message
        booking.save(update_fields=["status", "cancelled_at", "decision_message", "updated_at"])
        queue_notice(booking, BookingStatus.CANCELLED)
    return booking


def move_booking(booking: Booking, *, start: datetime, end: datetime, now: datetime | None = None) -> Booking:
    """Move one holding booking (e.g. one occurrence of a series) to a new time, under the same rules."""
    now = now or timezone.now()
    with transaction.atomic():
        booking = _locked(booking)
        if not booking.is_holding:
            raise ValidationError(_("该预约已是“%(s)s”状态,无法改期。") % {"s": booking.get_status_display()})
        room = prefetched_room(booking.room)
        validate_booking(
            room,
            start=start,
            end=end,
            purpose=booking.purpose,
            attendees=booking.attendees,
            equipment=booking.equipment.all(),
            now=now,
        )
        expire_stale_requests(room=room)
        booking.room, booking.start, booking.end = room, start, end
        hold(booking, now=now, update_fields=["start", "end", "blocked_start", "blocked_end", "updated_at"])
    return booking
