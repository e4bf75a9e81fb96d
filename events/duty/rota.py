"""The duty roster's rules: who is on duty, the rota generator, swaps, and what counts as a change.

Every day the station is open, one of the featured duty teams (``Team.on_duty_rota``, in ``duty_order``) staffs the
duty desk. The generator fills a date range in turn, skips the days the station is closed and never touches a shift
somebody edited by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import Team
from events.models import FunctionRoom
from events.models.duty import DutyShift

TRACKED_FIELDS = ("date", "team_id")  # a change here moves the shift in people's calendars (SEQUENCE)
CONTENT_FIELDS = ("people", "notes", "edited_by_hand")


class RotaError(Exception):
    """A roster operation that cannot be done, with a message for the person who asked."""


def record_changes(shift: DutyShift) -> None:
    """Called by ``DutyShift.save``: bump ``sequence`` when the team or date changes, ``changed_at`` on any change."""
    now = timezone.now()
    old = DutyShift.objects.filter(pk=shift.pk).values(*TRACKED_FIELDS, *CONTENT_FIELDS).first() if shift.pk else None
    if old is None:
        shift.changed_at = shift.changed_at or now
        return
    if any(old[field] != getattr(shift, field) for field in TRACKED_FIELDS):
        shift.sequence += 1
        shift.changed_at = now
    elif any(old[field] != getattr(shift, field) for field in CONTENT_FIELDS):
        shift.changed_at = now


def end_of_next_month(day: date) -> date:
    """The last day of the month after ``day``'s: how far ahead the rota is kept filled."""
    return (day.replace(day=1) + timedelta(days=62)).replace(day=1) - timedelta(days=1)


def duty_teams() -> list[Team]:
    """The featured teams taking turns, in rota order."""
    return list(Team.objects.filter(on_duty_rota=True, live=True).exclude(status=Team.Status.INACTIVE))


def days(start: date, end: date) -> list[date]:
    """Every date from ``start`` to ``end``, both included."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def station_closed_days(start: date, end: date) -> set[date]:
    """Days in ``[start, end]`` on which the station is closed: every active room has a closed period covering them.

    The station's closures are the rooms' ``ClosedPeriod`` (public holidays, maintenance) of its rooms. A room's
    weekly opening hours are not closures: they limit bookings, while the duty desk is staffed every day
    (值班制: 每天轮流值班). With no room configured the station counts as open every day.
    """
    rooms = list(FunctionRoom.objects.filter(is_active=True).prefetch_related("closed_periods"))
    if not rooms:
        return set()

    def room_closed(room, day: date) -> bool:
        return any(period.start_date <= day <= period.end_date for period in room.closed_periods.all())

    return {day for day in days(start, end) if all(room_closed(room, day) for room in rooms)}


@dataclass
class RotaResult:
    created: int = 0
    updated: int = 0
    kept: int = 0
    removed: int = 0


@transaction.atomic
def generate_rota(start: date, end: date) -> RotaResult:
    """Fill ``[start, end]`` with the duty teams in turn, continuing after the last shift before ``start``.

    Days the station is closed get no shift (a generated one there is removed); hand-edited shifts are kept and
    still take their turn, so the teams after them stay where they were. Running it twice changes nothing.
    """
    if end < start:
        raise RotaError(_("结束日期不能早于开始日期"))
    teams = duty_teams()
    if not teams:
        raise RotaError(_("还没有参与值班的队伍:请在志愿团队中勾选“参与总站值班”"))
    existing = {shift.date: shift for shift in DutyShift.objects.select_for_update().filter(date__range=(start, end))}
    closed = station_closed_days(start, end)
    position = _next_position(start, teams)
    result = RotaResult()
    for day in days(start, end):
        shift = existing.get(day)
        if day in closed:
            if shift and not shift.edited_by_hand:
                shift.delete()
                result.removed += 1
            elif shift:
                result.kept += 1
            continue
        team = teams[position % len(teams)]
        position += 1
        if shift is None:
            DutyShift.objects.create(date=day, team=team)
            result.created += 1
        elif shift.edited_by_hand:
            result.kept += 1
        elif shift.team_id != team.pk:
            shift.team = team
            shift.save()
            result.updated += 1
    return result


def _next_position(start: date, teams: list[Team]) -> int:
    """Where the rotation continues: after the team of the last shift before ``start`` (or the first team)."""
    previous = DutyShift.objects.filter(date__lt=start).order_by("-date").values_list("team_id", flat=True).first()
    order = [team.pk for team in teams]
    return order.index(previous) + 1 if previous in order else 0


@transaction.atomic
def swap_shifts(first: date, second: date) -> tuple[DutyShift, DutyShift]:
    """Swap the teams (and their people) of two days; both shifts become hand-edited so the rota keeps them."""
    if first == second:
        raise RotaError(_("请选择两个不同的日期"))
    shifts = {shift.date: shift for shift in DutyShift.objects.select_for_update().filter(date__in=[first, second])}
    if len(shifts) != 2:
        raise RotaError(_("两个日期都必须已有值班安排"))
    a, b = shifts[first], shifts[second]
    a.team_id, b.team_id = b.team_id, a.team_id
    a.people, b.people = b.people, a.people
    for shift in (a, b):
        shift.edited_by_hand = True
        shift.save()
    return a, b


def shift_on(day: date | None = None) -> DutyShift | None:
    """The shift of ``day`` (today by default), with its team."""
    day = day or timezone.localdate()
    return DutyShift.objects.select_related("team").filter(date=day).first()


def month_roster(month_start: date) -> list[tuple[date, DutyShift | None, bool]]:
    """Every day of the month with its shift (or None) and whether the station is closed: the printable roster."""
    next_month = (month_start.replace(day=28) + timedelta(days=4)).replace(day=1)
    month_days = days(month_start, next_month - timedelta(days=1))
    shifts = {s.date: s for s in DutyShift.objects.select_related("team").filter(date__range=(month_start, next_month))}
    closed = station_closed_days(month_days[0], month_days[-1])
    return [(day, shifts.get(day), day in closed) for day in month_days]
