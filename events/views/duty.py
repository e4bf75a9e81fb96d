"""The duty roster: the printable monthly roster, the "on duty today" panel, and the admin's generate and swap forms."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from cms.plugins import HomePagePanel, register_home_page_panel
from events import duty
from events.models import DutyShift
from events.views.activities import WEEKDAYS, add_months, parse_month
from events.views.feeds import feed_links


def roster(request):
    """``/events/duty/?month=2026-12``: the month's roster, printable on one A4 page for the duty window."""
    today = timezone.localdate()
    month = parse_month(request.GET.get("month", ""), today)
    return render(
        request,
        "events/duty_roster.html",
        {
            "month": month,
            "rows": duty.month_roster(month),
            "weekdays": WEEKDAYS,
            "today": today,
            "prev_url": f"?month={add_months(month, -1):%Y-%m}",
            "next_url": f"?month={add_months(month, 1):%Y-%m}",
            "feed": feed_links(request, "feed_duty", title=_("订阅值班表")),
        },
    )


@register_home_page_panel
class DutyTodayPanel(HomePagePanel):
    """Which team is on duty at the station today (and tomorrow), on the home page and the station's screen."""

    name = "duty-today"
    order = 20
    on_screen = True
    template_name = "events/duty_home_panel.html"

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        today = timezone.localdate()
        shifts = {
            shift.date: shift
            for shift in DutyShift.objects.select_related("team").filter(date__in=[today, today + timedelta(days=1)])
        }
        context.update(today=today, shift=shifts.get(today), tomorrow=shifts.get(today + timedelta(days=1)))
        return context


# -- admin ---------------------------------------------------------------------------------------------------------
class DutyShiftForm(WagtailAdminModelForm):
    """Editing a shift in the admin marks it as hand-edited, so the rota generator keeps it."""

    def save(self, commit=True):
        self.instance.edited_by_hand = True
        return super().save(commit=commit)


class GenerateRotaForm(forms.Form):
    start = forms.DateField(label=_("开始日期"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("结束日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and (data["end"] - data["start"]).days > 366:
            raise forms.ValidationError(_("一次最多排一年"))
        return data


class SwapShiftsForm(forms.Form):
    first = forms.DateField(label=_("日期一"), widget=forms.DateInput(attrs={"type": "date"}))
    second = forms.DateField(label=_("日期二"), widget=forms.DateInput(attrs={"type": "date"}))


def rota_admin(request):
    """Generate the rota for a date range, or swap two days; both through ``events.duty``."""
    if not request.user.has_perms(["events.add_dutyshift", "events.change_dutyshift"]):
        raise PermissionDenied
    today = timezone.localdate()
    generate = GenerateRotaForm(prefix="generate", initial={"start": today, "end": duty.end_of_next_month(today)})
    swap = SwapShiftsForm(prefix="swap")
    if request.method == "POST":
        try:
            if "generate" in request.POST:
                generate = GenerateRotaForm(request.POST, prefix="generate")
                if generate.is_valid():
                    result = duty.generate_rota(generate.cleaned_data["start"], generate.cleaned_data["end"])
                    messages.success(
                        request,
                        _(
                            "排班完成:新增 %(created)d 天,调整 %(updated)d 天,保留人工调整 %(kept)d 天,闭馆移除 %(removed)d 天"
                        )
                        % vars(result),
                    )
                    return redirect("events_duty_rota")
            else:
                swap = SwapShiftsForm(request.POST, prefix="swap")
                if swap.is_valid():
                    duty.swap_shifts(swap.cleaned_data["first"], swap.cleaned_data["second"])
                    messages.success(request, _("已交换两天的值班队伍"))
                    return redirect("events_duty_rota")
        except duty.RotaError as error:
            messages.error(request, str(error))
    return render(
        request,
        "events/duty_admin_rota.html",
        {"generate": generate, "swap": swap, "teams": duty.duty_teams(), "feed": feed_links(request, "feed_duty")},
    )


class DutyShiftViewSet(ModelViewSet):
    model = DutyShift
    icon = "date"
    menu_label = _("值班表")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["date", "team", "people", "edited_by_hand"]
    list_filter = ["team", "edited_by_hand"]
    search_fields = ["people", "notes", "team__name"]
    ordering = ["-date"]
    list_export = ["date", "team", "people", "notes", "edited_by_hand"]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [FieldRowPanel([FieldPanel("date"), FieldPanel("team")]), FieldPanel("people"), FieldPanel("notes")],
        base_form_class=DutyShiftForm,
    )
