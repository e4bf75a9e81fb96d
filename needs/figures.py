"""The needs plugin's figures for the station's statistics: needs ordered and done per month, and per service category.

Three aggregate queries whatever the number of needs: needs ordered by month of submission, needs done by month of
completion (both over the last twelve months, in the station's time zone), and per category the needs ordered, done and
their average rating. Nothing personal is read: only categories, states, dates and ratings.

(The module is ``figures``, not ``statistics``: run from inside the plugin's folder, as ``makemessages`` is, a
top-level ``statistics`` module would hide the standard library's.)
"""

from datetime import datetime, time

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils.timezone import get_default_timezone
from django.utils.translation import gettext as _

from cms.plugins import FigureSet, KeyFigure
from cms.statistics import recent_months
from needs.models import Need
from needs.workflow import COMPLETED_STATES, State

STATION_TIME_ZONE = get_default_timezone()


def _per_month(field: str, start, **filters) -> dict:
    rows = (
        Need.objects.filter(**{f"{field}__gte": start}, **filters)
        .annotate(month=TruncMonth(field, tzinfo=STATION_TIME_ZONE))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # SQLite gives the truncated moment as a date-time, PostgreSQL as an aware one; the month's first day is the key.
    return {(row["month"].date() if isinstance(row["month"], datetime) else row["month"]): row["n"] for row in rows}


def months_figure(months) -> FigureSet:
    """Needs ordered (by month of submission) and done (by month of completion) in each of the last twelve months."""
    start = datetime.combine(months[0], time.min, STATION_TIME_ZONE)
    ordered = _per_month("submitted_at", start)
    done = _per_month("done_at", start, state__in=COMPLETED_STATES)
    return FigureSet(
        key="needs-by-month",
        title=_("每月点单与完成"),
        label_heading=_("月份"),
        columns=(_("点单数"), _("已完成")),
        rows=tuple((f"{month:%Y-%m}", (ordered.get(month, 0), done.get(month, 0))) for month in months),
        note=_("近12个月群众点单的数量,以及当月完成服务的点单数"),
        order=60,
        key_figures=(KeyFigure(sum(done.values()), _("近12个月完成的点单服务"), order=45),),
    )


def categories_figure() -> FigureSet:
    """Per service category: needs ordered (rejected and cancelled ones left out), done, and their average rating."""
    rows = (
        Need.objects.exclude(state__in=(State.REJECTED, State.CANCELLED))
        .values("category")
        .annotate(
            ordered=Count("pk"),
            done=Count("pk", filter=Q(state__in=COMPLETED_STATES)),
            rating=Avg("rating"),
        )
        .order_by("-ordered", "category")
    )
    return FigureSet(
        key="needs-by-category",
        title=_("各服务类别的点单"),
        label_heading=_("服务类别"),
        columns=(_("点单数"), _("已完成"), _("平均分")),
        rows=tuple(
            (
                row["category"],
                (row["ordered"], row["done"], round(row["rating"], 1) if row["rating"] is not None else None),
            )
            for row in rows
        ),
        charted=(0, 1),
        note=_("全部点单,不含未受理和已取消的;评分为 1–5 分"),
        order=65,
    )


def needs_figures(request) -> list[FigureSet]:
    return [months_figure(recent_months()), categories_figure()]
