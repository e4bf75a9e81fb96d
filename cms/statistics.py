"""The core's own figures (teams by township and by speciality), and the station's figures as the pages use them.

The core computes none of a plugin's figures: plugins contribute theirs through ``cms.plugins.register_statistics``.
Every figure here is one aggregate query (``values`` + ``annotate``), whatever the number of teams.
"""

from datetime import date
from io import BytesIO

from django.core.cache import cache
from django.db.models import Count, F, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from cms.models import Team
from cms.plugins import FigureSet, KeyFigure, register_statistics, statistics

PUBLIC_CACHE_SECONDS = 600
MAX_HOME_FIGURES = 6


@register_statistics
def team_figures(request) -> list[FigureSet]:
    """Published teams and their members by township, and teams by speciality."""
    teams = Team.objects.published()
    by_township = (
        teams.values("township__name", "township__sort_order")
        .annotate(teams=Count("pk"), members=Sum("member_count"))
        .order_by(F("township__sort_order").asc(nulls_last=True), "township__name")
    )
    township_rows = tuple(
        (row["township__name"] or _("未填镇街"), (row["teams"], row["members"] or 0)) for row in by_township
    )
    by_speciality = sorted(
        teams.values("speciality").annotate(teams=Count("pk")).order_by(),
        key=lambda row: (not row["speciality"], -row["teams"], row["speciality"]),
    )
    speciality_rows = tuple((row["speciality"] or _("未填领域"), (row["teams"],)) for row in by_speciality)
    team_count = sum(values[0] for _label, values in township_rows)
    member_count = sum(values[1] for _label, values in township_rows)
    return [
        FigureSet(
            key="teams-by-township",
            title=_("各镇街的志愿团队"),
            label_heading=_("镇街"),
            columns=(_("团队数"), _("队员人数")),
            rows=township_rows,
            charted=(0,),
            note=_("已发布的团队;队员人数为各团队填报的人数之和"),
            order=10,
            key_figures=(
                KeyFigure(team_count, _("志愿团队"), order=10),
                KeyFigure(member_count, _("团队队员"), order=20),
            ),
        ),
        FigureSet(
            key="teams-by-speciality",
            title=_("各服务领域的志愿团队"),
            label_heading=_("服务领域"),
            columns=(_("团队数"),),
            rows=speciality_rows,
            order=20,
        ),
    ]


def public_statistics() -> list[FigureSet]:
    """The public figures, computed at most every ten minutes per language (the page is public and cheap to ask for)."""
    key = f"cms:statistics:public:{get_language()}"
    figures = cache.get(key)
    if figures is None:
        figures = statistics(None, public=True)
        cache.set(key, figures, PUBLIC_CACHE_SECONDS)
    return figures


def computed_key_figures() -> list[KeyFigure]:
    """The headline numbers of the public figures, for a home page whose editor chose computed figures."""
    found = [key_figure for figure in public_statistics() for key_figure in figure.key_figures]
    return sorted(found, key=lambda key_figure: key_figure.order)[:MAX_HOME_FIGURES]


def _sheet_title(title: str, taken: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of ``[]:*?/\\``, unique in the workbook."""
    base = "".join(" " if char in "[]:*?/\\" else char for char in title)[:28] or "Sheet"
    name, number = base, 2
    while name in taken:
        name, number = f"{base[:26]}-{number}", number + 1
    taken.add(name)
    return name


def workbook(figures: list[FigureSet]) -> bytes:
    """An XLSX workbook with one sheet per figure: its title, the table's header row and its rows."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for figure in figures:
        sheet = book.create_sheet(_sheet_title(str(figure.title), taken))
        sheet.append([str(figure.title)])
        sheet["A1"].font = Font(bold=True)
        sheet.append([str(figure.label_heading), *(str(column) for column in figure.columns)])
        for label, values in figure.rows:
            sheet.append([str(label), *values])
        if figure.note:
            sheet.append([])
            sheet.append([str(figure.note)])
        sheet.column_dimensions["A"].width = 24
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def recent_months(count: int = 12, today: date | None = None) -> list[date]:
    """The first days of the last ``count`` months in the station's time zone, the current month last."""
    today = today or timezone.localdate()
    year, month = today.year, today.month
    months = []
    for _step in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def month_after(first_day: date) -> date:
    return date(first_day.year + first_day.month // 12, first_day.month % 12 + 1, 1)
