"""The activity page's editor form: the checks that need the page and its inline single-date changes together."""

from types import SimpleNamespace

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

SERIES_FIELDS = ("start_date", "recurrence", "recurrence_interval", "recurrence_until")


class ActivityPageForm(WagtailAdminPageForm):
    """Rejects a change (skip or move) for a date that is not an occurrence of the series as edited."""

    def clean(self):
        from events.activities.occurrences import dates_off_the_series, off_the_series_message

        data = super().clean()
        formset = self.formsets.get("occurrence_changes")
        if formset is None or any(name in self.errors for name in SERIES_FIELDS):
            return data
        changes = [
            form
            for form in formset.forms
            if form.is_valid() and form.cleaned_data.get("original_date") and not form.cleaned_data.get("DELETE")
        ]
        series = SimpleNamespace(**{name: data.get(name) for name in SERIES_FIELDS})
        stray = set(dates_off_the_series(series, [form.cleaned_data.get("original_date") for form in changes]))
        for form in changes:
            if form.cleaned_data.get("original_date") in stray:
                form.add_error("original_date", off_the_series_message(series, form.cleaned_data["original_date"]))
        if stray:
            self.add_error(None, _("单次变更的原定日期须是重复日程中的一天,请检查“单次变更”"))
        return data
