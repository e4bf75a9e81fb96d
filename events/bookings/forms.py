"""The public booking request form: collects the fields, combines date and times; the rules stay in the service."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.i18n import reader_language
from cms.models import Team
from events.bookings.rules import BookingRequest
from events.models import FunctionRoom, Purpose

# Service error keys that have no field of their own in this form go to the time fields or the top of the form.
FIELD_FOR_SERVICE_ERROR = {"start": "start_time", "end": "end_time", "room": None}


class BookingRequestForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start_time = forms.TimeField(
        label=_("开始时间"), widget=forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("结束时间"), widget=forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M")
    )
    purpose = forms.ChoiceField(label=_("用途"), choices=Purpose.choices, widget=forms.RadioSelect)
    title = forms.CharField(
        label=_("活动主题"), max_length=120, help_text=_("公开显示的是用途和组织者,主题仅工作人员可见")
    )
    team = forms.ModelChoiceField(
        label=_("志愿团队"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("(个人或其他组织)"),
    )
    organiser_name = forms.CharField(
        label=_("组织者名称"), max_length=100, required=False, help_text=_("未选择团队时填写,公开显示")
    )
    contact_name = forms.CharField(
        label=_("联系人"), max_length=50, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_phone = forms.RegexField(
        label=_("联系电话"),
        regex=r"^[0-9+\- ]{5,30}$",
        error_messages={"invalid": _("请填写有效的电话号码")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    contact_email = forms.EmailField(label=_("联系邮箱"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    attendees = forms.IntegerField(label=_("预计人数"), min_value=1, max_value=1000)
    equipment = forms.ModelMultipleChoiceField(
        label=_("所需设备"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    repeat_weeks = forms.IntegerField(
        label=_("连续预约周数"),
        min_value=1,
        max_value=12,
        initial=1,
        required=False,
        help_text=_("每周同一时间的系列活动(例如十周的培训)可一次申请,最多 12 周"),
    )
    skip_conflicts = forms.BooleanField(
        label=_("跳过已被占用的日期"), required=False, help_text=_("不勾选时,只要有一周被占用,整个系列都不预约")
    )
    notes = forms.CharField(label=_("备注"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    # A honeypot: hidden from people, filled in by bots.
    website = forms.CharField(label=_("请勿填写此项"), required=False)
    # The order of the page, which the error summary at the top of the form follows.
    field_order = [
        "date",
        "start_time",
        "end_time",
        "repeat_weeks",
        "skip_conflicts",
        "purpose",
        "title",
        "attendees",
        "equipment",
        "team",
        "organiser_name",
        "contact_name",
        "contact_phone",
        "contact_email",
        "notes",
    ]

    def __init__(self, *args, room: FunctionRoom, **kwargs):
        super().__init__(*args, **kwargs)
        self.room = room
        self.fields["purpose"].choices = [(value, label) for value, label in Purpose.choices if value in room.purposes]
        self.fields["team"].queryset = Team.objects.filter(live=True).order_by("name")
        self.fields["equipment"].queryset = room.equipment.filter(is_available=True)
        self.fields["attendees"].max_value = room.capacity
        self.fields["attendees"].widget.attrs["max"] = room.capacity
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        data = super().clean()
        if not data.get("team") and not data.get("organiser_name") and "organiser_name" not in self.errors:
            self.add_error("organiser_name", _("请选择志愿团队或填写组织者名称"))
        return data

    def booking_request(self, created_by=None) -> BookingRequest:
        data = self.cleaned_data
        tz = timezone.get_default_timezone()
        return BookingRequest.from_data(
            self.room,
            data,
            start=datetime.combine(data["date"], data["start_time"], tz),
            end=datetime.combine(data["date"], data["end_time"], tz),
            equipment=list(data["equipment"]),
            created_by=created_by,
            language=reader_language(),
        )

    def add_service_errors(self, error) -> None:
        """Show the booking rules' ``ValidationError`` next to the fields it is about."""
        by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
        for name, messages in by_field.items():
            field = FIELD_FOR_SERVICE_ERROR.get(name, name)
            for message in messages:
                self.add_error(field if field in self.fields else None, message)


class CancelBookingForm(forms.Form):
    reason = forms.CharField(label=_("取消原因(可选)"), required=False, max_length=500)
    scope = forms.ChoiceField(
        label=_("取消范围"),
        choices=[("one", _("只取消这一次")), ("following", _("取消这一次及以后的全部"))],
        initial="one",
        required=False,
        widget=forms.RadioSelect,
    )
