"""Months as the board and the duty roster page through them: ``?month=2026-12``, previous and next, weekday names."""

from datetime import date

from django.utils.translation import gettext_lazy as _

WEEKDAYS = [_("一"), _("二"), _("三"), _("四"), _("五"), _("六"), _("日")]


def parse_month(value: str, today: date) -> date:
    """``2026-12`` → 2026-12-01; anything else (or out of range) → this month."""
    try:
        year, month = (int(part) for part in value.split("-", 1))
        return date(year, month, 1) if 2000 <= year <= 2100 else today.replace(day=1)
    except (TypeError, ValueError):
        return today.replace(day=1)


def add_months(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
