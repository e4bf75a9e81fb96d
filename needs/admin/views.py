"""The dispatch queue (station staff) and a team's own needs (its leaders), in the Wagtail admin.

Views parse the form and call ``workflow.perform_transition``, which decides who may do what; a leader reaches only
the needs of the teams they lead, and sees a requester's contact details only once their team accepted.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.coreutils import multigetattr

from cms.models import Team
from needs import services
from needs.models import MAX_PHOTOS, Need, NeedPhoto
from needs.workflow import (
    State,
    TransitionError,
    action_label,
    available_actions,
    is_dispatcher,
    perform_transition,
    sees_contact,
)

QUEUE_SIZE = 50


def local_datetime(value) -> str:
    return date_format(timezone.localtime(value), "NUMERIC_DATETIME_FORMAT") if value else ""


class DispatchForm(forms.Form):
    team = forms.ModelChoiceField(label=gettext_lazy("派给队伍"), queryset=Team.objects.published())
    comment = forms.CharField(label=gettext_lazy("给队伍的留言"), required=False, widget=forms.Textarea({"rows": 2}))


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.ImageField):
    """Up to ``MAX_PHOTOS`` images, each checked by Pillow, by extension and by size."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(validators=NeedPhoto._meta.get_field("image").validators, **kwargs)

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        if len(uploads) > MAX_PHOTOS:
            raise forms.ValidationError(_("最多上传 %(n)d 张照片。") % {"n": MAX_PHOTOS}, code="too_many_photos")
        return [super(PhotosField, self).clean(upload, initial) for upload in uploads]


class CompleteForm(forms.Form):
    served_on = forms.DateField(label=gettext_lazy("服务日期"), widget=forms.DateInput(attrs={"type": "date"}))
    volunteers_served = forms.IntegerField(label=gettext_lazy("参与志愿者人数"), min_value=1, max_value=500)
    hours = forms.DecimalField(label=gettext_lazy("服务时长(小时)"), min_value=0.5, max_digits=6, decimal_places=1)
    comment = forms.CharField(label=gettext_lazy("服务情况"), required=False, widget=forms.Textarea({"rows": 2}))
    photos = PhotosField(
        label=gettext_lazy("服务照片"),
        required=False,
        help_text=gettext_lazy("可选,最多 4 张,每张不超过 5 MB;只给点单人和总站看,不会公开"),
    )


class CommentForm(forms.Form):
    comment = forms.CharField(label=gettext_lazy("说明"), required=False, widget=forms.Textarea({"rows": 2}))


FORMS = {"dispatch": DispatchForm, "complete": CompleteForm}


def _visible_needs(user):
    if is_dispatcher(user):
        return Need.objects.select_related("township", "team")
    if user.has_perm("needs.lead_team_needs"):
        return services.needs_of_teams_led_by(user)
    raise PermissionDenied


# What the queue's search box looks in: staff also find a need by its requester; a leader, who must not learn a
# requester's contact details before accepting, only by what the need is and where.
SEARCHED_BY_ANYONE = ("category", "description", "township__name", "team__name")
SEARCHED_BY_DISPATCHERS = ("contact_name", "contact_phone", "contact_email", "address")


def search_needs(needs, query: str, *, dispatcher: bool):
    """The needs whose searchable fields contain every word of ``query``."""
    fields = SEARCHED_BY_ANYONE + (SEARCHED_BY_DISPATCHERS if dispatcher else ())
    for word in query.split():
        needs = needs.filter(Q.create([(f"{field}__icontains", word) for field in fields], connector=Q.OR))
    return needs


class QueueView(SpreadsheetExportMixin, View):
    """Staff: the needs in one state (new ones first), with suggested teams, searchable and exportable;
    leaders: their teams' needs, searchable."""

    list_export = [
        "pk",
        "get_state_display",
        "category",
        "get_beneficiary_display",
        "description",
        "volunteers_needed",
        "wanted_on",
        "wanted_until",
        "township.name",
        "address",
        "contact_name",
        "contact_phone",
        "contact_email",
        "team.name",
        "submitted_at",
        "dispatched_at",
        "accepted_at",
        "done_at",
        "served_on",
        "volunteers_served",
        "hours",
        "rating",
        "rating_comment",
    ]
    export_headings = {
        "pk": gettext_lazy("编号"),
        "get_state_display": gettext_lazy("状态"),
        "get_beneficiary_display": gettext_lazy("服务对象"),
        "township.name": gettext_lazy("所在镇街"),
        "team.name": gettext_lazy("接单队伍"),
    }
    custom_field_preprocess = {
        field: {"csv": local_datetime, "xlsx": local_datetime}
        for field in ("submitted_at", "dispatched_at", "accepted_at", "done_at")
    }
    export_filename = "needs"

    def to_row_dict(self, item):
        # A need not (or no longer) dispatched has no team: an empty cell, not a failed lookup.
        return {
            field: "" if field == "team.name" and item.team is None else multigetattr(item, field)
            for field in self.list_export
        }

    def get(self, request):
        needs = _visible_needs(request.user)
        dispatcher = is_dispatcher(request.user)
        state = request.GET.get("state") or (State.SUBMITTED if dispatcher else "")
        if state in State.values:
            needs = needs.filter(state=state)
        query = request.GET.get("q", "").strip()[:100]
        if query:
            needs = search_needs(needs, query, dispatcher=dispatcher)
        if self.is_export:
            if not dispatcher:  # the export carries every requester's contact details
                raise PermissionDenied
            return self.as_spreadsheet(needs.order_by("submitted_at", "pk"), request.GET["export"])
        needs = list(needs.order_by("submitted_at")[:QUEUE_SIZE])
        suggestions = services.suggest_teams(needs) if dispatcher and state == State.SUBMITTED else {}
        rows = [{"need": need, "suggestions": suggestions.get(need.pk, [])} for need in needs]
        title = _("点单派单") if dispatcher else _("本队点单")
        return TemplateResponse(
            request,
            "needs/admin/queue.html",
            {
                "page_title": title,
                "header_title": title,
                "rows": rows,
                "states": State.choices,
                "state": state,
                "query": query,
                "dispatcher": dispatcher,
                "export_urls": {"xlsx": self.xlsx_export_url, "csv": self.csv_export_url} if dispatcher else {},
            },
        )


def detail(request, pk):
    need = get_object_or_404(_visible_needs(request.user), pk=pk)
    actions = []
    for action in available_actions(need, request.user):
        if action == "recall":
            continue
        form = FORMS.get(action, CommentForm)(prefix=action)
        actions.append({"name": action, "label": action_label(action), "form": form})
    suggestions = (
        services.suggest_teams([need])[need.pk] if "dispatch" in dict.fromkeys(a["name"] for a in actions) else []
    )
    return TemplateResponse(
        request,
        "needs/admin/detail.html",
        {
            "page_title": str(need),
            "header_title": str(need),
            "need": need,
            "actions": actions,
            "suggestions": suggestions,
            "show_contact": sees_contact(need, request.user),
            "events": need.events.select_related("team"),
            "photos": need.photos.all(),
        },
    )


@require_POST
def transition(request, pk, action):
    need = get_object_or_404(_visible_needs(request.user), pk=pk)
    form = FORMS.get(action, CommentForm)(request.POST, request.FILES, prefix=action)
    if not form.is_valid():
        messages.error(
            request, _("请检查填写的内容:") + " ".join(str(e) for errors in form.errors.values() for e in errors)
        )
        return redirect("needs_admin:detail", pk=need.pk)
    details = dict(form.cleaned_data)
    comment = details.pop("comment", "")
    try:
        if action == "complete":
            services.complete_need(need, request.user, comment=comment, **details)
        else:
            perform_transition(need, action, request.user, comment=comment, **details)
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已完成“%(action)s”。") % {"action": action_label(action)})
    return redirect("needs_admin:detail", pk=need.pk)


def photo(request, pk, photo_pk):
    """A completion photo, for whoever may open the need in the admin (never cached by a shared cache)."""
    need = get_object_or_404(_visible_needs(request.user), pk=pk)
    return services.photo_response(get_object_or_404(NeedPhoto, pk=photo_pk, need=need))
