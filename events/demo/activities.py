"""Demo content for part 2: the activity board with a month of activities around today, and the duty rota.

Idempotent: pages are found by slug and left alone once they exist; the rota generator changes nothing on a second
run. Dates are relative to the day of the first run.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from django.utils import timezone

from cms.demo.pages import ensure_child_page
from cms.models import Team
from events.demo.content import (
    ACTIVITIES,
    BOARD_PAGE,
    BODY,
    CANCELLED_ACTIVITY,
    CANCELLED_NOTE,
    CATEGORIES,
    FALLBACK_DUTY_TEAMS,
    SIGNUP_TEXT,
    WEEKLY_ACTIVITY,
    WEEKLY_MOVED_NOTE,
    WEEKLY_SKIPPED_NOTE,
)
from events.duty import rota as duty
from events.models import (
    ActivityCategory,
    ActivityIndexPage,
    ActivityPage,
    ActivityStatus,
    FunctionRoom,
    OccurrenceChange,
    Recurrence,
)
from events.models.activities import CITY_PLATFORM_URL


def ensure_categories() -> dict[str, ActivityCategory]:
    for order, (name, slug, colour) in enumerate(CATEGORIES):
        ActivityCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "colour": colour, "sort_order": order}
        )
    return {category.slug: category for category in ActivityCategory.objects.all()}


def ensure_board(home) -> ActivityIndexPage:
    return ensure_child_page(home, ActivityIndexPage, lambda: ActivityIndexPage(**BOARD_PAGE))


def ensure_duty_teams() -> None:
    """The core's demo adds the seven featured duty teams; on a database without them, add a minimal rota."""
    if Team.objects.filter(on_duty_rota=True).exists():
        return
    for order, (slug, name) in enumerate(FALLBACK_DUTY_TEAMS, 1):
        Team.objects.get_or_create(
            slug=slug, defaults={"name": name, "on_duty_rota": True, "duty_order": order, "live": True}
        )


def _clock(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def _with_offset(spec: tuple, offset: int) -> tuple:
    """An activity row whose day (its fifth field) is only known at load time."""
    return (*spec[:4], offset, *spec[5:])


def _add_activity(board, today: date, categories, teams, rooms, spec, **extra) -> ActivityPage | None:
    slug, title, category, team, offset, start, end, place, volunteers, summary = spec
    if ActivityPage.objects.filter(slug=slug).exists():
        return None
    page = ActivityPage(
        title=title,
        slug=slug,
        start_date=today + timedelta(days=offset),
        start_time=_clock(start),
        end_time=_clock(end),
        location=place,
        room=rooms[0] if not place and rooms else None,
        category=categories.get(category),
        team=teams.get(team) or next(iter(teams.values()), None),
        summary=summary,
        volunteers_wanted=volunteers,
        signup_text=SIGNUP_TEXT,
        signup_url=CITY_PLATFORM_URL,
        body=BODY.format(summary=summary),
        **extra,
    )
    board.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_activity_demo(home, stdout) -> None:
    """The board, categories, a month of activities (recurring, cancelled, all-day included) and the duty rota."""
    today = timezone.localdate()
    categories = ensure_categories()
    board = ensure_board(home)
    ensure_duty_teams()
    teams = {team.slug: team for team in Team.objects.filter(live=True)}
    rooms = list(FunctionRoom.objects.filter(is_active=True)[:1])
    created = sum(_add_activity(board, today, categories, teams, rooms, spec) is not None for spec in ACTIVITIES)
    cancelled = _add_activity(
        board,
        today,
        categories,
        teams,
        rooms,
        CANCELLED_ACTIVITY,
        status=ActivityStatus.CANCELLED,
        status_note=CANCELLED_NOTE,
    )
    first_wednesday = today - timedelta(days=(today.weekday() - 2) % 7) - timedelta(days=14)
    series = _add_activity(
        board,
        today,
        categories,
        teams,
        rooms,
        _with_offset(WEEKLY_ACTIVITY, (first_wednesday - today).days),
        recurrence=Recurrence.WEEKLY,
        recurrence_until=first_wednesday + timedelta(weeks=9),
    )
    if series is not None:
        series.occurrence_changes.add(
            OccurrenceChange(
                original_date=first_wednesday + timedelta(weeks=3),
                action=OccurrenceChange.Action.SKIP,
                note=WEEKLY_SKIPPED_NOTE,
            ),
            OccurrenceChange(
                original_date=first_wednesday + timedelta(weeks=5),
                action=OccurrenceChange.Action.MOVE,
                new_date=first_wednesday + timedelta(weeks=5, days=1),
                note=WEEKLY_MOVED_NOTE,
            ),
        )
        series.save_revision().publish()
    result = duty.generate_rota(today.replace(day=1), duty.end_of_next_month(today))
    created += (cancelled is not None) + (series is not None)
    stdout.write(f"Activities: {created} new; duty rota: {result.created} new shifts.")
