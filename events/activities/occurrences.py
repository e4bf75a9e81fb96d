"""Activities: what counts as a change, recurrence, and the occurrences in a window.

The board, the home-page panel and the JSON API all read activities through ``occurrences_between``; the calendar
feeds write the same series as RRULE/EXDATE/RECURRENCE-ID so that clients expand them to the same dates.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.rrule import MONTHLY, WEEKLY, rrule
from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from events.models.activities import ActivityPage, ActivityStatus, OccurrenceChange, Recurrence, moved_bounds

# A change to any of these moves, relocates or cancels the activity: calendar clients must replace their copy.
SCHEDULE_FIELDS = (
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "location",
    "room_id",
    "status",
    "recurrence",
    "recurrence_interval",
    "recurrence_until",
)
# Everything else a feed or the board shows; a change here refreshes LAST-MODIFIED but keeps SEQUENCE.
CONTENT_FIELDS = ("title", "slug", "summary", "team_id", "category_id", "volunteers_wanted", "signup_text")
CONTENT_FIELDS += ("signup_url", "status_note")


def _changes_key(changes) -> list[tuple]:
    return sorted(
        (c.original_date, c.action, c.new_date, c.new_start_time, c.new_end_time, c.note or "") for c in changes
    )


def record_changes(page: ActivityPage) -> None:
    """Derive the stored window of ``page`` and, against the saved row, bump ``sequence`` and ``changed_at``.

    Called by ``ActivityPage.save`` on every full save (creation, publishing). SEQUENCE only moves once the page has
    been published: before that no calendar holds a copy.
    """
    page.starts_at, page.ends_at = page.local_bounds(page.start_date)
    page.series_ends_at = series_end(page)
    now = timezone.now()
    old = None
    if page.pk:
        old = ActivityPage.objects.filter(pk=page.pk).values(*SCHEDULE_FIELDS, *CONTENT_FIELDS, "starts_at").first()
        old_first_published = ActivityPage.objects.filter(pk=page.pk).values_list("first_published_at", flat=True)
    if old is None:
        page.sequence, page.changed_at = 0, now
        return
    old_changes = _changes_key(OccurrenceChange.objects.filter(activity_id=page.pk))
    new_changes = _changes_key(page.occurrence_changes.all())
    schedule_changed = old_changes != new_changes or any(old[f] != getattr(page, f) for f in SCHEDULE_FIELDS)
    content_changed = schedule_changed or any(old[f] != getattr(page, f) for f in CONTENT_FIELDS)
    if content_changed or page.changed_at is None:
        page.changed_at = now
    if schedule_changed and old_first_published[0] is not None:
        page.sequence += 1
        if old["starts_at"] != page.starts_at:
            page.moved_from = page.moved_from or old["starts_at"]
            if page.moved_from == page.starts_at:  # moved back to where it was
                page.moved_from = None


def series_end(page: ActivityPage) -> datetime:
    """The end of the last occurrence (an upper bound for recurring series, including moved dates)."""
    last_start = page.recurrence_until if page.recurrence and page.recurrence_until else page.start_date
    end = page.local_bounds(max(last_start, page.start_date))[1]
    moved = [c.new_date for c in page.occurrence_changes.all() if c.action == OccurrenceChange.Action.MOVE]
    moved_ends = [page.local_bounds(d)[1] + timedelta(days=1) for d in moved if d]
    return max([end, *moved_ends])


def recurrence_dates(page: ActivityPage) -> list[date]:
    """The start dates of every occurrence of ``page`` (just its start date when it does not repeat)."""
    if not page.recurrence or not page.recurrence_until:
        return [page.start_date]
    freq = WEEKLY if page.recurrence == Recurrence.WEEKLY else MONTHLY
    rule = rrule(
        freq,
        interval=max(page.recurrence_interval, 1),
        dtstart=datetime.combine(page.start_date, time.min),
        until=datetime.combine(page.recurrence_until, time.min),
    )
    return [moment.date() for moment in rule]


@dataclass(frozen=True)
class Occurrence:
    """One dated occurrence of an activity, as the board and the API show it."""

    activity: ActivityPage
    start: datetime
    end: datetime
    original_start: datetime
    cancelled: bool
    moved: bool
    note: str

    @property
    def all_day(self) -> bool:
        return self.activity.all_day

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(timezone.get_default_timezone())

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(timezone.get_default_timezone())

    @property
    def days(self) -> list[date]:
        """The local dates this occurrence covers (all-day ends are exclusive)."""
        first = self.local_start.date()
        last = (self.local_end - timedelta(seconds=1)).date() if self.all_day else self.local_end.date()
        return [first + timedelta(days=n) for n in range((max(last, first) - first).days + 1)]


def expand(page: ActivityPage) -> list[Occurrence]:
    """Every occurrence of ``page`` with its exceptions applied (skipped dates dropped, moved ones moved)."""
    changes = {change.original_date: change for change in page.occurrence_changes.all()}
    cancelled = page.status == ActivityStatus.CANCELLED
    occurrences = []
    for day in recurrence_dates(page):
        original_start, _ = page.local_bounds(day)
        change = changes.get(day) if page.recurrence else None
        if change is None:
            start, end = page.local_bounds(day)
            occurrences.append(Occurrence(page, start, end, original_start, cancelled, False, ""))
        elif change.action == OccurrenceChange.Action.MOVE:
            start, end = moved_occurrence(page, change)
            occurrences.append(Occurrence(page, start, end, original_start, cancelled, True, change.note))
    return occurrences


def moved_occurrence(page: ActivityPage, change: OccurrenceChange) -> tuple[datetime, datetime]:
    """Start and end of a moved occurrence: the new date and/or new times, the rest (its length too) as the series."""
    return moved_bounds(
        change.original_date,
        page.start_time,
        page.end_time,
        page.last_date - page.start_date,
        new_date=change.new_date,
        new_start_time=change.new_start_time,
        new_end_time=change.new_end_time,
    )


def dates_off_the_series(series, original_dates: Iterable[date]) -> list[date]:
    """The dates among ``original_dates`` that are no occurrence of ``series`` (anything with ``start_date`` and the
    ``recurrence`` fields): a change there would be kept and silently never applied. Every date, if it does not repeat.
    """
    original_dates = sorted({day for day in original_dates if day})
    if not original_dates or not series.recurrence or not series.recurrence_until or not series.start_date:
        return original_dates
    dates = set(recurrence_dates(series))
    return [day for day in original_dates if day not in dates]


def off_the_series_message(series, day: date) -> str:
    if not series.recurrence:
        return _("只有重复活动才能设置单次变更")
    return _("%s 不是这个重复活动的日期") % formats.date_format(day, "DATE_FORMAT")


def activities_between(start: datetime, end: datetime, *, category="", team="", township="", within=None):
    """The live, public activities (under the board ``within``, if given) that may overlap ``[start, end)``."""
    pages = ActivityPage.objects.live().public().filter(starts_at__lt=end, series_ends_at__gt=start)
    if category:
        pages = pages.filter(category__slug=category)
    if team:
        pages = pages.filter(team__slug=team)
    if township:
        pages = pages.filter(team__township__slug=township)
    if within is not None:
        # The window first, by the indexed time columns; the board second, on what the window holds. Asked in SQL
        # (``descendant_of``) the board's path drives the plan, and the board keeps every past activity as a page.
        in_window = pages.values_list("pk", "path")
        pages = pages.filter(pk__in=[pk for pk, path in in_window if path.startswith(within.path)])
    return (
        pages.select_related("category", "team", "team__township", "room")
        .prefetch_related(Prefetch("occurrence_changes", queryset=OccurrenceChange.objects.order_by("original_date")))
        .order_by("starts_at", "pk")
    )


def occurrences_between(start: datetime, end: datetime, **filters) -> list[Occurrence]:
    """The occurrences overlapping ``[start, end)``, in time order; a constant number of queries."""
    found = [
        occurrence
        for page in activities_between(start, end, **filters)
        for occurrence in expand(page)
        if occurrence.start < end and occurrence.end > start
    ]
    return sorted(found, key=lambda o: (o.start, o.activity.pk))


def upcoming(limit: int = 5, now: datetime | None = None) -> list[Occurrence]:
    """The next few occurrences that are not cancelled, for the home page.

    Activities come in the order of their first start, a few at a time; once ``limit`` occurrences are found and the
    next activity starts after the last of them, no later activity can come before it, and the rest is never read.
    (An occurrence moved to before its series' first date may be missed here; the board still shows it.)
    """
    now = now or timezone.now()
    end = now + timedelta(days=60)
    pages, batch, found = activities_between(now, end), max(limit * 2, 10), []
    for offset in itertools.count(0, batch):
        chunk = list(pages[offset : offset + batch])
        for page in chunk:
            if len(found) >= limit and page.starts_at > found[limit - 1].start:
                return found[:limit]
            found += [o for o in expand(page) if o.start < end and o.end > now and not o.cancelled]
            found.sort(key=lambda o: (o.start, o.activity.pk))
        if len(chunk) < batch:
            break
    return found[:limit]
