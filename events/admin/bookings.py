"""Staff side of the room bookings (Wagtail admin): rooms, bookings with requests first, approve/decline, week calendar.

Every change of a booking goes through ``events.bookings.rules``, exactly as the public form and the API do.
"""

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import Button, HeaderButton

from cms.exports import IndexView as ExportingIndexView
from events.bookings import rules as service
from events.models import Booking, BookingStatus, FunctionRoom, Purpose

STATUS_COLOURS = {
    BookingStatus.REQUESTED: "warning",
    BookingStatus.CONFIRMED: "success",
    BookingStatus.DECLINED: "critical",
    BookingStatus.CANCELLED: "secondary",
    BookingStatus.EXPIRED: "secondary",
}


# --- rooms -----------------------------------------------------------------------------------------------------


class FunctionRoomViewSet(ModelViewSet):
    model = FunctionRoom
    name = "events_room"
    url_prefix = "events/rooms"
    icon = "home"
    menu_label = _("功能室")
    add_to_admin_menu = False
    list_display = ["name", "capacity", "buffer_minutes", "is_active"]
    search_fields = ["name", "location"]
    inspect_view_enabled = True
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("location"),
                FieldPanel("description"),
                FieldPanel("capacity"),
            ],
            heading=_("基本信息"),
        ),
        MultiFieldPanel(
            [FieldPanel("allows_incubation"), FieldPanel("allows_training"), FieldPanel("allows_exchange")],
            heading=_("用途"),
        ),
        InlinePanel("equipment", heading=_("设备"), label=_("设备")),
        InlinePanel("opening_hours", heading=_("开放时间"), label=_("开放时段")),
        InlinePanel("closed_periods", heading=_("闭馆时段"), label=_("闭馆时段")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("min_duration_minutes"), FieldPanel("max_duration_minutes")]),
                FieldRowPanel([FieldPanel("buffer_minutes"), FieldPanel("slot_minutes")]),
                FieldRowPanel([FieldPanel("min_notice_hours"), FieldPanel("horizon_days")]),
                FieldPanel("request_expiry_hours"),
            ],
            heading=_("预约规则"),
        ),
        FieldPanel("is_active"),
        FieldPanel("sort_order"),
    ]


# --- bookings --------------------------------------------------------------------------------------------------


class BookingAdminForm(WagtailAdminModelForm):
    """Staff create and move bookings here; the rules run in ``save_instance`` through the service."""

    confirm_now = forms.BooleanField(
        label=_("直接确认"), required=False, initial=True, help_text=_("工作人员代为预约时可直接确认,无需再审核")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a booking's room, purpose and size stay; its time can be moved
            for name in ("confirm_now", "room", "purpose", "attendees", "equipment"):
                self.fields.pop(name, None)


class BookingFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("状态"), choices=BookingStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    room = django_filters.ModelChoiceFilter(label=_("功能室"), queryset=FunctionRoom.objects.all())
    purpose = django_filters.ChoiceFilter(label=_("用途"), choices=Purpose.choices)
    start = django_filters.DateFromToRangeFilter(label=_("日期"), field_name="start__date")

    class Meta:
        model = Booking
        fields = ["status", "room", "purpose", "team"]


def booking_time(booking: Booking) -> str:
    start, end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    return f"{date_format(start, 'NUMERIC_DATETIME_FORMAT')}–{time_format(end)}"


def add_service_errors(form, error) -> None:
    if isinstance(error, service.RoomUnavailable):
        form.add_error(None, error.message)
        return
    for name, messages_ in getattr(error, "message_dict", {"__all__": error.messages}).items():
        for message in messages_:
            form.add_error(name if name in form.fields else None, message)


class BookingIndexView(ExportingIndexView):
    default_ordering = ["waiting", "start"]

    def get_base_queryset(self):
        # Requests waiting for a decision come first, then the rest by time.
        return (
            super()
            .get_base_queryset()
            .select_related("room", "team")
            .annotate(
                waiting=Case(
                    When(status=BookingStatus.REQUESTED, then=Value(0)), default=Value(1), output_field=IntegerField()
                )
            )
        )

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(_("周历"), url=reverse("events_booking:calendar"), icon_name="date"),
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.permission_policy.user_has_permission(self.request.user, "change"):
            return buttons
        shown = {"approve": "check", "decline": "cross"} if instance.status == BookingStatus.REQUESTED else {}
        if instance.is_holding:
            shown["cancel"] = "bin"
        labels = {"approve": _("批准"), "decline": _("拒绝"), "cancel": _("取消预约")}
        return buttons + [
            Button(labels[name], url=reverse(f"events_booking:{name}", args=[instance.pk]), icon_name=icon, priority=n)
            for n, (name, icon) in enumerate(shown.items(), start=1)
        ]


class ThroughTheRulesMixin:
    """Create and edit views save through the booking service; a broken rule shows on the form like any error."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (ValidationError, service.RoomUnavailable) as error:
            add_service_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class BookingCreateView(ThroughTheRulesMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        request = service.BookingRequest.from_data(
            data["room"], data, equipment=list(data.get("equipment") or []), created_by=self.request.user
        )
        return service.request_booking(request, confirm=data.get("confirm_now", False))


class BookingEditView(ThroughTheRulesMixin, generic.EditView):
    DETAIL_FIELDS = ("title", "team", "organiser_name", "contact_name", "contact_phone", "contact_email", "notes")

    def save_instance(self):
        changed = self.form.instance
        booking = Booking.objects.get(pk=changed.pk)
        if (changed.start, changed.end) != (booking.start, booking.end):
            booking = service.move_booking(booking, start=changed.start, end=changed.end)
        for name in self.DETAIL_FIELDS:
            setattr(booking, name, getattr(changed, name))
        booking.save(update_fields=[*self.DETAIL_FIELDS, "updated_at"])
        return booking


class DecisionForm(forms.Form):
    message = forms.CharField(
        label=_("给申请人的留言"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=1000
    )


class BookingPageMixin(generic.base.WagtailAdminTemplateMixin):
    """Breadcrumbs of the extra booking pages: home › bookings › this page."""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("events_booking:index"), "label": Booking._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title()},
        ]


# What each staff decision does: the service function, the page title, the button, and the message after it.
DECISIONS = {
    "approve": (service.confirm_booking, _("批准预约申请"), _("批准并通知申请人"), _("已批准:%(b)s")),
    "decline": (service.decline_booking, _("拒绝预约申请"), _("拒绝并通知申请人"), _("已拒绝:%(b)s")),
    "cancel": (service.cancel_booking, _("取消预约"), _("取消并通知申请人"), _("已取消:%(b)s")),
}


class BookingDecisionView(BookingPageMixin, generic.base.BaseObjectMixin, generic.base.View):
    """Approve, decline or cancel one booking, with a message for the requester (mailed to them)."""

    model = Booking
    template_name = "events/admin/booking_decision.html"
    decision = "approve"
    permission_policy = None
    header_icon = "calendar"

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return DECISIONS[self.decision][1]

    def get_page_subtitle(self):
        return str(self.object)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=DecisionForm()))

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST)
        if form.is_valid():
            decide, _title, _button, done = DECISIONS[self.decision]
            try:
                decide(self.object, by=request.user, message=form.cleaned_data["message"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, done % {"b": self.object})
            return redirect("events_booking:index")
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(booking=self.object, decision=self.decision, button=DECISIONS[self.decision][2])
        return context


class BookingCalendarView(BookingPageMixin, generic.base.View):
    """Every room's bookings of one week, requests included, for staff planning."""

    template_name = "events/admin/booking_calendar.html"
    page_title = _("预约周历")
    header_icon = "date"
    permission_policy = None

    def get(self, request):
        if not self.permission_policy.user_has_any_permission(request.user, ["view", "change"]):
            raise PermissionDenied
        try:
            chosen = date.fromisoformat(request.GET.get("week", ""))
        except ValueError:
            chosen = timezone.localdate()
        monday = chosen - timedelta(days=chosen.weekday())
        tz = timezone.get_default_timezone()
        week_start = datetime.combine(monday, time.min, tz)
        week_end = datetime.combine(monday + timedelta(days=7), time.min, tz)
        bookings = (
            Booking.objects.holding()
            .blocking(week_start, week_end)  # the index's way in; the start bounds below are the rule
            .filter(start__gte=week_start, start__lt=week_end)
            .select_related("room")
            .order_by("start")
        )
        days = {monday + timedelta(days=n): [] for n in range(7)}
        for booking in bookings:
            days[timezone.localtime(booking.start).date()].append(booking)
        context = self.get_context_data(
            days=days.items(),
            previous_week=monday - timedelta(days=7),
            next_week=monday + timedelta(days=7),
            today=timezone.localdate(),
        )
        return self.render_to_response(context)


class BookingViewSet(ModelViewSet):
    model = Booking
    icon = "calendar"
    menu_label = _("功能室预约")
    url_prefix = "events/bookings"
    name = "events_booking"
    index_view_class = BookingIndexView
    add_view_class = BookingCreateView
    edit_view_class = BookingEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = BookingFilterSet
    search_fields = ["title", "organiser_name", "contact_name", "contact_phone", "contact_email"]
    list_display = [
        "title",
        "room",
        Column("start", label=_("时间"), accessor=booking_time, sort_key="start"),
        Column("get_purpose_display", label=_("用途")),
        Column("organiser_name", label=_("组织者")),
        StatusTagColumn("get_status_display", label=_("状态"), primary=lambda b: b.status == BookingStatus.REQUESTED),
    ]
    list_export = [
        "id", "room", "start", "end", "purpose", "title", "organiser_name", "contact_name", "contact_phone",
        "contact_email", "attendees", "status", "decision_message", "created_at",
    ]  # fmt: skip
    export_filename = "room-bookings"
    inspect_view_fields = [
        "room", "start", "end", "purpose", "title", "team", "organiser_name", "contact_name", "contact_phone",
        "contact_email", "attendees", "equipment", "notes", "status", "expires_at", "decision_message", "decided_by",
        "decided_at", "cancelled_at", "series", "created_by", "created_at",
    ]  # fmt: skip
    edit_handler = ObjectList(
        [
            FieldPanel("room"),
            FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            FieldPanel("purpose"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("team"), FieldPanel("organiser_name")]),
            FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")]),
            FieldPanel("attendees"),
            FieldPanel("equipment", widget=forms.CheckboxSelectMultiple),
            FieldPanel("notes"),
            FieldPanel("confirm_now"),
        ],
        base_form_class=BookingAdminForm,
    )

    def get_urlpatterns(self):
        decisions = [
            path(
                f"{name}/<int:pk>/",
                BookingDecisionView.as_view(decision=name, permission_policy=self.permission_policy),
                name=name,
            )
            for name in DECISIONS
        ]
        return [
            *super().get_urlpatterns(),
            *decisions,
            path("calendar/", BookingCalendarView.as_view(permission_policy=self.permission_policy), name="calendar"),
        ]


class RoomBookingGroup(ModelViewSetGroup):
    menu_label = _("功能室预约")
    menu_icon = "calendar"
    menu_order = 250
    items = (BookingViewSet, FunctionRoomViewSet)


class BookingRequestsPanel(Component):
    """Admin dashboard: the room requests waiting for a decision, soonest first."""

    name = "events-booking-requests"
    order = 140
    template_name = "events/admin/booking_dashboard_panel.html"
    shown = 8

    def get_context_data(self, parent_context=None):
        waiting = Booking.objects.filter(status=BookingStatus.REQUESTED, start__gte=timezone.now()).select_related(
            "room"
        )
        return {"waiting": list(waiting.order_by("start")[: self.shown]), "count": waiting.count()}
