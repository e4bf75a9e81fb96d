"""What the activity board and an activity page show: the context their templates render.

``ActivityIndexPage.get_context`` and ``ActivityPage.get_context`` call these; Wagtail serves the pages (month, week and
today views, filters, the printable sheet). The occurrences themselves come from ``events.activities.occurrences``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import Team, Township
from events.activities.occurrences import expand, occurrences_between
from events.ical.links import feed_links
from events.models import ActivityCategory, ActivityIndexPage
from events.months import WEEKDAYS, add_months, parse_month

RANGES = ("month", "week", "today")


@dataclass
class BoardDay:
    day: date
    in_month: bool
    is_today: bool
    occurrences: list = field(default_factory=list)


def _at_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, timezone.get_default_timezone())


def board_context(request, index: ActivityIndexPage) -> dict:
    """Everything the board templates need: the window, the days with their occurrences, filters and links."""
    today = timezone.localdate()
    view = request.GET.get("range", "month")
    view = view if view in RANGES else "month"
    month = parse_month(request.GET.get("month", ""), today)
    if view == "today":
        first, last = today, today
    elif view == "week":
        first = today - timedelta(days=today.weekday())
        last = first + timedelta(days=6)
    else:
        first = month
        last = add_months(month, 1) - timedelta(days=1)

    categories = list(ActivityCategory.objects.all())
    teams = list(Team.objects.filter(live=True).order_by("name").only("pk", "name", "slug"))
    townships = list(Township.objects.all())
    filters = {
        "category": _known(request.GET.get("category", ""), categories),
        "team": _known(request.GET.get("team", ""), teams),
        "township": _known(request.GET.get("township", ""), townships),
    }
    occurrences = occurrences_between(
        _at_midnight(first), _at_midnight(last + timedelta(days=1)), within=index, **filters
    )
    days = _days(first, last, view, today, month)
    by_day = {board_day.day: board_day for board_day in days}
    for occurrence in occurrences:
        for day in occurrence.days:
            if day in by_day:
                by_day[day].occurrences.append(occurrence)

    def link(**changes) -> str:
        params = {"range": view, "month": f"{month:%Y-%m}", **filters, **changes}
        return "?" + urlencode({key: value for key, value in params.items() if value and value != "month"})

    if filters["category"]:
        feed = feed_links(request, "feed_category", filters["category"], title=_("订阅该类别的活动"))
    elif filters["team"]:
        feed = feed_links(request, "feed_team", filters["team"], title=_("订阅该队伍的活动和值班"))
    else:
        feed = feed_links(request, "feed_activities", title=_("订阅全部活动"))
    return {
        "view": view,
        "month": month,
        "first": first,
        "last": last,
        "today": today,
        "weekdays": WEEKDAYS,
        "weeks": [days[n : n + 7] for n in range(0, len(days), 7)] if view == "month" else [],
        "days": days,
        "list_days": [board_day for board_day in days if board_day.occurrences and board_day.in_month],
        "occurrence_count": len(occurrences),
        "filters": filters,
        "categories": categories,
        "teams": teams,
        "townships": townships,
        "prev_url": link(month=f"{add_months(month, -1):%Y-%m}", range=""),
        "next_url": link(month=f"{add_months(month, 1):%Y-%m}", range=""),
        "this_month_url": link(month=f"{today:%Y-%m}", range=""),
        "week_url": link(range="week", month=""),
        "today_url": link(range="today", month=""),
        "print_url": link(print="1"),
        "screen_url": link(),
        "feed": feed,
    }


def _known(slug: str, options) -> str:
    return slug if any(option.slug == slug for option in options) else ""


def _days(first: date, last: date, view: str, today: date, month: date) -> list[BoardDay]:
    """The days to draw: whole weeks (Monday first) around the month in month view, else just the range."""
    if view == "month":
        first = first - timedelta(days=first.weekday())
        last = last + timedelta(days=6 - last.weekday())
    count = (last - first).days + 1
    days = [first + timedelta(days=n) for n in range(count)]
    return [BoardDay(day, view != "month" or day.month == month.month, day == today) for day in days]


def activity_context(request, page) -> dict:
    """The activity page: its coming dates (for a series) and the feed of its category."""
    now = timezone.now()
    occurrences = expand(page)
    if page.category_id:
        feed = feed_links(request, "feed_category", page.category.slug, title=_("订阅同类活动"))
    else:
        feed = feed_links(request, "feed_activities", title=_("订阅全部活动"))
    return {
        "occurrences": occurrences,
        "coming": [occurrence for occurrence in occurrences if occurrence.end > now][:12],
        "skipped": [change for change in page.occurrence_changes.all() if change.action == "skip"],
        "feed": feed,
    }
