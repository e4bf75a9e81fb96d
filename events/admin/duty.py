"""Staff side of the duty roster: the shifts' viewset and the rota page (generate a range, swap two days)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from cms.exports import IndexView as ExportingIndexView
from events.duty import rota
from events.ical.links import feed_links
from events.models import DutyShift


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
    """Generate the rota for a date range, or swap two days; both through ``events.duty.rota``."""
    if not request.user.has_perms(["events.add_dutyshift", "events.change_dutyshift"]):
        raise PermissionDenied
    today = timezone.localdate()
    generate = GenerateRotaForm(prefix="generate", initial={"start": today, "end": rota.end_of_next_month(today)})
    swap = SwapShiftsForm(prefix="swap")
    if request.method == "POST":
        try:
            if "generate" in request.POST:
                generate = GenerateRotaForm(request.POST, prefix="generate")
                if generate.is_valid():
                    result = rota.generate_rota(generate.cleaned_data["start"], generate.cleaned_data["end"])
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
                    rota.swap_shifts(swap.cleaned_data["first"], swap.cleaned_data["second"])
                    messages.success(request, _("已交换两天的值班队伍"))
                    return redirect("events_duty_rota")
        except rota.RotaError as error:
            messages.error(request, str(error))
    return render(
        request,
        "events/duty_admin_rota.html",
        {"generate": generate, "swap": swap, "teams": rota.duty_teams(), "feed": feed_links(request, "feed_duty")},
    )


class DutyShiftViewSet(ModelViewSet):
    model = DutyShift
    index_view_class = ExportingIndexView
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
