"""The staff side in the Wagtail admin: the applications listing, an application's page and its actions.

Views parse the form and call ``workflow.perform_transition`` or a function of ``services``; those decide who may do
what, so every rule is enforced on the server whatever the page shows.
"""

from functools import wraps
from operator import itemgetter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import DeleteView, EditView, HistoryView, InspectView, UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.exports import EXPORT_CHUNK, local_time_formatter
from cms.exports import IndexView as ExportingIndexView
from cms.listing import DeferredJoinPaginator
from cms.models import Township
from incubator import diagram, services
from incubator.forms import (
    ORGANISATION_FIELDS,
    ActivitiesForm,
    AssignMentorForm,
    CommentForm,
    GrantForm,
    SessionForm,
    TransitionForm,
    mentor_choices,
)
from incubator.models import Application, ApplicationEvent, FieldOfService, Grant, MentoringSession, Support
from incubator.workflow import State, TransitionError, available_actions, perform_transition, transitions_of

VIEWSET_NAME = "incubator_applications"
_CONDITION_LABELS = {
    "has_mentor": gettext_lazy("已指派导师"),
    "has_mentoring_session": gettext_lazy("至少一次辅导"),
    "has_grant": gettext_lazy("已登记扶持资金"),
    "grant_reports_received": gettext_lazy("资金使用报告已收齐"),
    "enough_mentoring_sessions": gettext_lazy("辅导次数达到设置要求"),
    "enough_activities_held": gettext_lazy("活动次数达到设置要求"),
}


def detail_url(application) -> str:
    from django.urls import reverse

    return reverse(f"{VIEWSET_NAME}:inspect", args=[application.pk])


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Applications arrive through the public form only (with its receipt and audit entry), never added by hand."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Application, ApplicationPermissionPolicy(Application), exact_class=True)


class ApplicationFilterSet(WagtailFilterSet):
    state = ChoiceFilter(label=gettext_lazy("状态"), choices=State.choices)
    mentor = ModelChoiceFilter(label=gettext_lazy("辅导导师"), queryset=lambda request: mentor_choices())
    township = ModelChoiceFilter(label=gettext_lazy("所在镇街"), queryset=Township.objects.all())
    field_of_service = ChoiceFilter(label=gettext_lazy("服务领域"), choices=FieldOfService.choices)

    class Meta:
        model = Application
        fields = ["state", "mentor", "township", "field_of_service"]


class AssignedApplicationsOnly:
    """A view of one application answers 404 unless the user may see it (``services.applications_for``)."""

    def get_object(self, *args, **kwargs):
        application = super().get_object(*args, **kwargs)
        if not services.applications_for(self.request.user).filter(pk=application.pk).exists():
            raise Http404
        return application


class ApplicationEditView(AssignedApplicationsOnly, EditView):
    pass


class ApplicationDeleteView(AssignedApplicationsOnly, DeleteView):
    pass


class ApplicationHistoryView(AssignedApplicationsOnly, HistoryView):
    pass


class ApplicationUsageView(AssignedApplicationsOnly, UsageView):
    pass


class ApplicationIndexView(ExportingIndexView):
    paginator_class = DeferredJoinPaginator  # the last page of 10,000 applications as fast as the first

    @cached_property
    def custom_field_preprocess(self):
        local_time = local_time_formatter()
        return {field: {"csv": local_time, "xlsx": local_time} for field in ("submitted_at", "state_changed_at")}

    def get_base_queryset(self):
        # Not the model's manager: a mentor lists (and exports) only the applications assigned to them.
        return services.applications_for(self.request.user).select_related("township", "mentor")

    def export_rows(self, queryset):
        """Plain values, not model instances, with every choice label translated once per export rather than once
        per row: Django's ``get_FOO_display`` rebuilds a dict of lazy translations on every call, and building
        10,000 applications with their township and mentor cost most of a large export's time (issue 10)."""
        states = {value: str(label) for value, label in State.choices}
        fields = {value: str(label) for value, label in FieldOfService.choices}
        supports = {value: str(label) for value, label in Support.choices}

        def mentor(row):
            name = f"{row['mentor__first_name']} {row['mentor__last_name']}".strip()
            return name or (row["mentor__username"] or "")

        # One formatter per exported column, reading the values() row.
        columns = {
            "get_state_display": lambda row: states.get(row["state"], row["state"]),
            "township": lambda row: row["township__name"],
            "get_field_of_service_display": lambda row: fields.get(row["field_of_service"], row["field_of_service"]),
            "get_support_needed_display": lambda row: "、".join(
                supports.get(value, value) for value in row["support_needed"] or ()
            ),
            "get_mentor_display": mentor,
        }
        plain = [field for field in self.list_export if field not in columns]
        formatters = [(field, columns.get(field, itemgetter(field))) for field in self.list_export]
        rows = queryset.values(
            *plain,
            "state",
            "township__name",
            "field_of_service",
            "support_needed",
            "mentor__first_name",
            "mentor__last_name",
            "mentor__username",
        )
        for row in rows.iterator(chunk_size=EXPORT_CHUNK):
            yield {field: formatter(row) for field, formatter in formatters}

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The organisation's name leads to its page (timeline and actions), not to the edit form.
        return self._get_custom_column(
            field_name, self._get_title_column_class(column_class), get_url=self.get_inspect_url, **kwargs
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = dict(self.get_base_queryset().values_list("state").annotate(n=Count("pk")).order_by())
        context["state_counts"] = [(value, label, counts.get(value, 0)) for value, label in State.choices]
        context["state_total"] = sum(counts.values())
        return context


class ApplicationDetailView(InspectView):
    """One application: details and documents, the actions this user may take, sessions, grants and the timeline."""

    template_name = "incubator/admin/application_detail.html"

    def get_object(self, queryset=None):
        queryset = services.applications_for(self.request.user).select_related("township", "mentor", "team")
        queryset = queryset.prefetch_related(
            Prefetch("sessions", MentoringSession.objects.select_related("mentor")),
            "grants",
            Prefetch("events", ApplicationEvent.objects.select_related("actor")),
        )
        return get_object_or_404(queryset, pk=self.pk)

    def get_page_title(self):
        return _("孵化申请")

    def get_actions(self):
        application, user = self.object, self.request.user
        actions = []
        for action in available_actions(application, user):
            found = transitions_of(action).get_transition(application.state)
            actions.append(
                {
                    "name": action,
                    "label": found.custom["label"],
                    "danger": found.custom.get("danger", False),
                    "comment_required": found.custom.get("comment_required", False),
                    "unmet": [str(check.explain(application)) for check in found.conditions if not check(application)],
                    "form": TransitionForm(prefix=action),
                }
            )
        return actions

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application, user = self.object, self.request.user
        can_manage = services.can_manage(user)
        context.update(
            {
                "application": application,
                "actions": self.get_actions(),
                "can_manage": can_manage,
                "can_log_session": services.can_log_session(application, user),
                "assign_form": AssignMentorForm(initial={"mentor": application.mentor_id}) if can_manage else None,
                "activities_form": ActivitiesForm(initial={"activities_held": application.activities_held})
                if can_manage
                else None,
                "comment_form": CommentForm(),
                "session_form": SessionForm(can_reserve_room=services.room_booking_available()),
                "grant_form": GrantForm() if can_manage else None,
                "team_edit_url": application.team and AdminURLFinder(user).get_edit_url(application.team),
            }
        )
        return context


# --- the actions posted from an application's page ---


def _application_for(request, pk):
    if not request.user.has_perm("incubator.view_application"):
        raise PermissionDenied
    return get_object_or_404(services.applications_for(request.user), pk=pk)


def _form_errors(request, form):
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@require_POST
def transition_view(request, pk, action):
    application = _application_for(request, pk)
    form = TransitionForm(request.POST, prefix=action)
    form.is_valid()
    try:
        perform_transition(
            application,
            action,
            request.user,
            comment=form.cleaned_data.get("comment", ""),
            notify=form.cleaned_data.get("notify", False),
        )
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("“%(name)s”已变更为“%(state)s”。")
            % {"name": application.organisation_name, "state": application.get_state_display()},
        )
    return redirect(detail_url(application))


def form_action(make_form):
    """A POST-only action of an application's page: bind ``make_form(request, application)``; when it is valid run
    the action (which returns the success message), otherwise show the form's errors; back to the page either way."""

    def decorate(act):
        @require_POST
        @wraps(act)
        def view(request, pk):
            application = _application_for(request, pk)
            form = make_form(request, application)
            if form.is_valid():
                if done := act(request, application, form):
                    messages.success(request, done)
            else:
                _form_errors(request, form)
            return redirect(detail_url(application))

        return view

    return decorate


@form_action(lambda request, application: AssignMentorForm(request.POST))
def assign_mentor_view(request, application, form):
    services.assign_mentor(application, form.cleaned_data["mentor"], request.user)
    return _("已更新辅导导师。")


@form_action(lambda request, application: ActivitiesForm(request.POST))
def activities_view(request, application, form):
    services.update_activities_held(application, form.cleaned_data["activities_held"], request.user)
    return _("已更新活动次数。")


@form_action(lambda request, application: CommentForm(request.POST))
def comment_view(request, application, form):
    data = form.cleaned_data
    services.add_comment(application, request.user, data["comment"], data["visibility"], notify=data["notify"])
    return _("备注已添加。")


@form_action(
    lambda request, application: SessionForm(
        request.POST,
        instance=MentoringSession(application=application),
        can_reserve_room=services.room_booking_available(),
    )
)
def session_view(request, application, form):
    session = services.log_session(form.save(commit=False), request.user)
    messages.success(request, _("辅导记录已保存。"))
    if form.cleaned_data.get("reserve_room"):
        try:
            services.reserve_function_room(session, request.user)
        except services.RoomNotReserved as error:
            messages.warning(request, str(error))
        else:
            return _("已预约志愿客厅。")
    return None


@form_action(lambda request, application: GrantForm(request.POST, instance=Grant(application=application)))
def grant_view(request, application, form):
    services.record_grant(form.save(commit=False), request.user)
    return _("扶持资金已登记。")


@require_POST
def grant_report_view(request, pk, grant_pk):
    application = _application_for(request, pk)
    grant = get_object_or_404(Grant, pk=grant_pk, application=application)
    grant.report_received_on = timezone.localdate()
    services.record_grant(grant, request.user)
    messages.success(request, _("已登记收到资金使用报告。"))
    return redirect(detail_url(application))


def charter_view(request, pk):
    """The uploaded charter, for staff only (it is not linked from any public page)."""
    application = _application_for(request, pk)
    if not application.charter:
        raise Http404
    return FileResponse(application.charter.open("rb"), as_attachment=True, filename=application.charter.name)


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "group"
    menu_label = gettext_lazy("孵化申请")
    menu_order = 100
    add_to_admin_menu = False
    index_view_class = ApplicationIndexView
    edit_view_class = ApplicationEditView
    delete_view_class = ApplicationDeleteView
    history_view_class = ApplicationHistoryView
    usage_view_class = ApplicationUsageView
    inspect_view_class = ApplicationDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_template_name = "incubator/admin/application_index.html"
    filterset_class = ApplicationFilterSet
    search_fields = ["organisation_name", "founder_name", "contact_phone", "contact_email"]
    search_backend_name = None
    list_per_page = 30
    list_display = [
        "organisation_name",
        Column("state", label=gettext_lazy("状态"), accessor="get_state_display"),
        "township",
        Column("field_of_service", label=gettext_lazy("服务领域"), accessor="get_field_of_service_display"),
        Column("mentor", label=gettext_lazy("辅导导师"), accessor="get_mentor_display"),
        DateColumn("submitted_at", label=gettext_lazy("提交时间")),
        DateColumn("state_changed_at", label=gettext_lazy("状态更新时间")),
    ]
    list_export = [
        "organisation_name",
        "get_state_display",
        "founder_name",
        "contact_phone",
        "contact_email",
        "township",
        "get_field_of_service_display",
        "member_count",
        "get_support_needed_display",
        "get_mentor_display",
        "activities_held",
        "submitted_at",
        "state_changed_at",
    ]
    export_headings = {
        "get_state_display": gettext_lazy("状态"),
        "get_field_of_service_display": gettext_lazy("服务领域"),
        "get_support_needed_display": gettext_lazy("需要的支持"),
        "get_mentor_display": gettext_lazy("辅导导师"),
    }

    export_filename = "incubator-applications"
    # Not activities_held: a maturity condition changes only through its audited action (services.update_activities_held).
    form_fields = ORGANISATION_FIELDS

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/transition/<str:action>/", transition_view, name="transition"),
            path("<int:pk>/mentor/", assign_mentor_view, name="assign_mentor"),
            path("<int:pk>/activities/", activities_view, name="activities"),
            path("<int:pk>/comment/", comment_view, name="comment"),
            path("<int:pk>/sessions/", session_view, name="session"),
            path("<int:pk>/grants/", grant_view, name="grant"),
            path("<int:pk>/grants/<int:grant_pk>/report/", grant_report_view, name="grant_report"),
            path("<int:pk>/charter/", charter_view, name="charter"),
        ]


application_viewset = ApplicationViewSet(VIEWSET_NAME, url_prefix="incubator/applications")


def workflow_view(request):
    """The workflow picture and table, drawn from the transition definitions."""
    if not request.user.has_perm("incubator.view_application"):
        raise PermissionDenied
    labels = dict(State.choices)
    edges = [
        {**vars(edge), "source_label": labels[edge.source], "target_label": labels[edge.target]}
        for edge in diagram.edges()
    ]
    for edge in edges:
        edge["conditions"] = [_CONDITION_LABELS.get(name, name) for name in edge["conditions"]]
    return TemplateResponse(
        request,
        "incubator/admin/workflow.html",
        {"svg": diagram.svg(), "edges": edges, "header_title": _("孵化流程图"), "page_title": _("孵化流程图")},
    )
