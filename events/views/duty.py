"""The duty roster's public page: the month's roster, printable on one A4 page for the duty window."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.plugins import public_page
from events.duty import rota
from events.ical.links import feed_links
from events.months import WEEKDAYS, add_months, parse_month


@public_page
def roster(request):
    """``/events/duty/?month=2026-12``: the month's roster, printable on one A4 page for the duty window."""
    today = timezone.localdate()
    month = parse_month(request.GET.get("month", ""), today)
    return render(
        request,
        "events/duty_roster.html",
        {
            "month": month,
            "rows": rota.month_roster(month),
            "weekdays": WEEKDAYS,
            "today": today,
            "prev_url": f"?month={add_months(month, -1):%Y-%m}",
            "next_url": f"?month={add_months(month, 1):%Y-%m}",
            "feed": feed_links(request, "feed_duty", title=_("订阅值班表")),
        },
    )
