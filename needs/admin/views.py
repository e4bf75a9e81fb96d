"""The dispatch queue (station staff) and a team's own needs (its leaders), in the Wagtail admin.

Views parse the form and call ``workflow.perform_transition``, which decides who may do what; a leader reaches only
the needs of the teams they lead, and sees a requester's contact details only once their team accepted.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.models import Team
from needs import services
from needs.models import Need
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


class DispatchForm(forms.Form):
    team = forms.ModelChoiceField(label=gettext_lazy("派给队伍"), queryset=Team.objects.published())
    comment = forms.CharField(label=gettext_lazy("给队伍的留言"), required=False, widget=forms.Textarea({"rows": 2}))


class CompleteForm(forms.Form):
    served_on = forms.DateField(label=gettext_lazy("服务日期"), widget=forms.DateInput(attrs={"type": "date"}))
    volunteers_served = forms.IntegerField(label=gettext_lazy("参与志愿者人数"), min_value=1, max_value=500)
    hours = forms.DecimalField(label=gettext_lazy("服务时长(小时)"), min_value=0.5, max_digits=6, decimal_places=1)
    comment = forms.CharField(label=gettext_lazy("服务情况"), required=False, widget=forms.Textarea({"rows": 2}))


class CommentForm(forms.Form):
    comment = forms.CharField(label=gettext_lazy("说明"), required=False, widget=forms.Textarea({"rows": 2}))


FORMS = {"dispatch": DispatchForm, "complete": CompleteForm}


def _visible_needs(user):
    if is_dispatcher(user):
        return Need.objects.select_related("township", "team")
    if user.has_perm("needs.lead_team_needs"):
        return services.needs_of_teams_led_by(user)
    raise PermissionDenied


def queue(request):
    """Staff: the needs in one state (new ones first), with suggested teams; leaders: their teams' needs."""
    needs = _visible_needs(request.user)
    dispatcher = is_dispatcher(request.user)
    state = request.GET.get("state") or (State.SUBMITTED if dispatcher else "")
    if state in State.values:
        needs = needs.filter(state=state)
    needs = list(needs.order_by("submitted_at")[:QUEUE_SIZE])
    suggestions = services.suggest_teams(needs) if dispatcher and state == State.SUBMITTED else {}
    rows = [{"need": need, "suggestions": suggestions.get(need.pk, [])} for need in needs]
    return TemplateResponse(
        request,
        "needs/admin/queue.html",
        {
            "page_title": _("点单派单") if dispatcher else _("本队点单"),
            "header_title": _("点单派单") if dispatcher else _("本队点单"),
            "rows": rows,
            "states": State.choices,
            "state": state,
            "dispatcher": dispatcher,
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
        },
    )


@require_POST
def transition(request, pk, action):
    need = get_object_or_404(_visible_needs(request.user), pk=pk)
    form = FORMS.get(action, CommentForm)(request.POST, prefix=action)
    if not form.is_valid():
        messages.error(
            request, _("请检查填写的内容:") + " ".join(str(e) for errors in form.errors.values() for e in errors)
        )
        return redirect("needs_admin:detail", pk=need.pk)
    details = dict(form.cleaned_data)
    comment = details.pop("comment", "")
    try:
        perform_transition(need, action, request.user, comment=comment, **details)
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已完成“%(action)s”。") % {"action": action_label(action)})
    return redirect("needs_admin:detail", pk=need.pk)
