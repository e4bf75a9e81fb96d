"""The events plugin's figures for the station's statistics: activities per month and category, and room use.

Both cover the last twelve months (the current one included) in the station's time zone, with a fixed number of
queries. Activities are counted per occurrence, recurrences expanded (``events.activities.occurrences.occurrences_between``
reads the window's pages and their exceptions in two queries; the counting is done over those occurrences), cancelled
ones left out. Room use compares the hours of confirmed bookings (one aggregate query by month of start and purpose)
with the hours the rooms were open (weekly opening hours, minus closed days).

(The module is ``figures``, not ``statistics``: run from inside the plugin's folder, as ``makemessages`` is, a
top-level ``statistics`` module would hide the standard library's.)
"""

from collections import Counter, defaultdict
from datetime import datetime, time, timedelta

from django.db.models import DurationField, ExpressionWrapper, F, Sum
from django.db.models.functions import TruncMonth
from django.utils.timezone import get_default_timezone
from django.utils.translation import gettext as _

from cms.plugins import FigureSet, KeyFigure
from cms.statistics import month_after, recent_months
from events.activities.occurrences import occurrences_between
from events.models import ActivityCategory, Booking, BookingStatus, ClosedPeriod, OpeningHours, Purpose

STATION_TIME_ZONE = get_default_timezone()  # Asia/Shanghai


def _month_label(first_day) -> str:
    return f"{first_day:%Y-%m}"


def _window(months):
    return (
        datetime.combine(months[0], time.min, STATION_TIME_ZONE),
        datetime.combine(month_after(months[-1]), time.min, STATION_TIME_ZONE),
    )


def activities_figure(months) -> FigureSet:
    """Occurrences per month of their start, one column per category that had any (and 未分类 when needed)."""
    start, end = _window(months)
    counts = Counter()
    for occurrence in occurrences_between(start, end):
        day = occurrence.local_start.date()
        if occurrence.cancelled or not start.date() <= day < end.date():
            continue
        category = occurrence.activity.category.name if occurrence.activity.category_id else None
        counts[(day.replace(day=1), category)] += 1
    used = {category for _month, category in counts}
    columns = [name for name in ActivityCategory.objects.values_list("name", flat=True) if name in used]
    if None in used:
        columns.append(None)
    headings = tuple(name or _("未分类") for name in columns) or (_("活动"),)
    rows = tuple(
        (_month_label(month), tuple(counts[(month, category)] for category in columns) or (0,)) for month in months
    )
    return FigureSet(
        key="activities-by-month",
        title=_("每月活动(按类别)"),
        label_heading=_("月份"),
        columns=headings,
        rows=rows,
        chart="stacked",
        note=_("近12个月开始的活动场次,重复活动按每一次计算,已取消的不计"),
        order=30,
        key_figures=(KeyFigure(sum(counts.values()), _("近12个月的活动"), order=30),),
    )


def open_hours_by_month(months) -> dict:
    """Hours the rooms were open per month: each day's weekly opening hours, unless the room was closed that day."""
    first, last = months[0], month_after(months[-1])
    weekly = defaultdict(float)  # (room, weekday) -> hours
    for room, weekday, opens, closes in OpeningHours.objects.values_list("room_id", "weekday", "opens", "closes"):
        weekly[(room, weekday)] += (datetime.combine(first, closes) - datetime.combine(first, opens)).seconds / 3600
    closed = defaultdict(set)
    periods = ClosedPeriod.objects.filter(end_date__gte=first, start_date__lt=last)
    for room, start_date, end_date in periods.values_list("room_id", "start_date", "end_date"):
        day = max(start_date, first)
        while day <= min(end_date, last - timedelta(days=1)):
            closed[room].add(day)
            day += timedelta(days=1)
    hours = Counter()
    day = first
    while day < last:
        for (room, weekday), open_hours in weekly.items():
            if weekday == day.weekday() and day not in closed[room]:
                hours[day.replace(day=1)] += open_hours
        day += timedelta(days=1)
    return hours


def room_use_figure(months) -> FigureSet:
    """Booked hours (confirmed bookings, by month of start and purpose) against opening hours, per month."""
    start, end = _window(months)
    booked = (
        Booking.objects.filter(status=BookingStatus.CONFIRMED, start__gte=start, start__lt=end)
        .annotate(month=TruncMonth("start", tzinfo=STATION_TIME_ZONE))
        .values("month", "purpose")
        .annotate(length=Sum(ExpressionWrapper(F("end") - F("start"), output_field=DurationField())))
        .order_by()
    )
    hours = Counter()
    for row in booked:
        month = (
            row["month"].astimezone(STATION_TIME_ZONE).date() if isinstance(row["month"], datetime) else row["month"]
        )
        hours[(month, row["purpose"])] += row["length"].total_seconds() / 3600
    opening = open_hours_by_month(months)
    rows = []
    for month in months:
        by_purpose = tuple(round(hours[(month, purpose)], 1) for purpose in Purpose.values)
        used = sum(by_purpose)
        rate = round(100 * used / opening[month], 1) if opening[month] else None
        rows.append((_month_label(month), (*by_purpose, round(opening[month], 1), rate)))
    total = round(sum(hours.values()))
    return FigureSet(
        key="room-use-by-month",
        title=_("功能室使用(按月份和用途)"),
        label_heading=_("月份"),
        columns=(*(str(label) for label in Purpose.labels), _("开放时长"), _("使用率(%)")),
        rows=tuple(rows),
        unit=_("小时"),
        chart="stacked",
        charted=tuple(range(len(Purpose.values))),
        note=_("已确认预约的小时数(按开始月份)与开放小时数(每周开放时间减去闭馆日)之比"),
        order=40,
        key_figures=(KeyFigure(total, _("近12个月功能室使用(小时)"), order=50),),
    )


def events_figures(request) -> list[FigureSet]:
    months = recent_months()
    return [activities_figure(months), room_use_figure(months)]
