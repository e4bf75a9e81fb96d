"""Forms of the applicant's pages and of the staff's application page."""

import re
from pathlib import Path

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.models import Township
from incubator.models import CHARTER_EXTENSIONS, Application, ApplicationEvent, Grant, MentoringSession, Support
from incubator.validators import MAX_CHARTER_SIZE
from incubator.workflow import COORDINATE_PERMISSION, MENTOR_PERMISSION

# What an organisation tells about itself; staff can correct the same fields in the admin.
ORGANISATION_FIELDS = [
    "organisation_name",
    "founder_name",
    "contact_phone",
    "contact_email",
    "township",
    "field_of_service",
    "member_count",
    "founded_on",
    "introduction",
    "planned_projects",
]
MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")


def normalise_phone(value: str) -> str:
    value = re.sub(r"[\s()()]", "", value or "").replace("+86", "", 1)
    return value if LANDLINE.match(value) else value.replace("-", "")


class ApplicationForm(forms.ModelForm):
    """The public application form; ``website`` is a honeypot people never see."""

    support_needed = forms.MultipleChoiceField(
        label=_("需要的支持"), choices=Support.choices, widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(
        label=_("我同意总站为办理孵化申请使用以上信息"),
        error_messages={"required": _("请勾选同意后再提交。")},
    )
    website = forms.CharField(label=_("请勿填写"), required=False)
    # The order of the page, which the error summary at the top of the form follows.
    field_order = [
        "organisation_name",
        "township",
        "field_of_service",
        "member_count",
        "founded_on",
        "introduction",
        "founder_name",
        "contact_phone",
        "contact_email",
        "planned_projects",
        "support_needed",
        "charter",
        "agree",
    ]

    class Meta:
        model = Application
        fields = [*ORGANISATION_FIELDS, "support_needed", "charter"]
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}),
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "planned_projects": forms.Textarea(attrs={"rows": 4}),
            "contact_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "founder_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "charter": forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx,.jpg,.jpeg,.png"}),
        }
        help_texts = {
            "organisation_name": _("例如:石湾镇“银龄互助”志愿服务队"),
            "contact_phone": _("手机号或带区号的固定电话"),
            "contact_email": _("进度链接会发送到这个邮箱"),
            "member_count": _("目前的固定成员人数(至少 3 人)"),
            "planned_projects": _("准备开展哪些志愿服务项目,面向谁,多久一次"),
            "charter": _("可选。PDF、Word 或图片,不超过 %(size)s MB") % {"size": MAX_CHARTER_SIZE // (1024 * 1024)},
        }
        error_messages = {
            "organisation_name": {"required": _("请填写组织名称。")},
            "founder_name": {"required": _("请填写发起人姓名。")},
            "contact_phone": {"required": _("请填写联系电话。")},
            "contact_email": {"required": _("请填写联系邮箱。"), "invalid": _("邮箱格式不正确。")},
            "township": {"required": _("请选择所在镇街。")},
            "field_of_service": {"required": _("请选择服务领域。")},
            "member_count": {"required": _("请填写成员人数。"), "invalid": _("成员人数请填写数字。")},
            "introduction": {"required": _("请简单介绍您的组织。")},
            "planned_projects": {"required": _("请写下计划开展的项目。")},
            "founded_on": {"invalid": _("日期格式不正确。")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = Township.objects.all()
        self.fields["township"].empty_label = _("请选择")
        self.fields["field_of_service"].choices = [("", _("请选择")), *self.fields["field_of_service"].choices[1:]]
        self.fields["support_needed"].error_messages["required"] = _("请至少选择一项需要的支持。")
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_organisation_name(self):
        name = " ".join(self.cleaned_data["organisation_name"].split())
        if len(name) < 4:
            raise forms.ValidationError(_("组织名称太短,请填写完整名称。"))
        return name

    def clean_contact_phone(self):
        phone = normalise_phone(self.cleaned_data["contact_phone"])
        if not (MOBILE.match(phone) or LANDLINE.match(phone)):
            raise forms.ValidationError(_("请填写 11 位手机号或带区号的固定电话,例如 13800138000 或 0752-6123456。"))
        return phone

    def clean_charter(self):
        charter = self.cleaned_data.get("charter")
        if charter and Path(charter.name).suffix.lower().lstrip(".") not in CHARTER_EXTENSIONS:
            raise forms.ValidationError(
                _("章程只能是 PDF、Word 或图片文件(%(allowed)s)。") % {"allowed": "、".join(CHARTER_EXTENSIONS)}
            )
        return charter

    def clean_member_count(self):
        count = self.cleaned_data["member_count"]
        if count < 3:
            raise forms.ValidationError(_("志愿服务组织至少需要 3 名成员。"))
        return count

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class ResendLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("申请时填写的邮箱"),
        error_messages={"required": _("请填写邮箱。"), "invalid": _("邮箱格式不正确。")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回原因(可选)"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


# --- staff forms on the application's admin page ---


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    notify = forms.BooleanField(label=_("邮件通知申请人"), required=False, initial=True)


def mentor_choices():
    users = get_user_model().objects.filter(is_active=True)
    granted = Q()
    for permission in (MENTOR_PERMISSION, COORDINATE_PERMISSION):
        app_label, codename = permission.split(".")
        granted |= Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label)
    return users.filter(granted).distinct().order_by("first_name", "username")


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class AssignMentorForm(forms.Form):
    mentor = MentorChoiceField(label=_("辅导导师"), queryset=None, required=False, empty_label=_("(未指派)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentor_choices()


class CommentForm(forms.ModelForm):
    notify = forms.BooleanField(label=_("同时邮件通知申请人"), required=False)

    class Meta:
        model = ApplicationEvent
        fields = ["comment", "visibility"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2}), "visibility": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = True
        self.fields["comment"].label = _("备注")


class SessionForm(forms.ModelForm):
    reserve_room = forms.BooleanField(label=_("同时预约志愿客厅(功能室)"), required=False)

    class Meta:
        model = MentoringSession
        fields = ["starts_at", "duration_minutes", "topic", "notes", "next_steps"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "next_steps": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, can_reserve_room=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_reserve_room:
            del self.fields["reserve_room"]


class GrantForm(forms.ModelForm):
    class Meta:
        model = Grant
        fields = ["amount", "source", "disbursed_on", "report_due_on", "report_received_on", "note"]
        widgets = {
            "disbursed_on": forms.DateInput(attrs={"type": "date"}),
            "report_due_on": forms.DateInput(attrs={"type": "date"}),
            "report_received_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {"amount": {"min_value": _("金额必须大于 0 元。")}}


class ActivitiesForm(forms.Form):
    activities_held = forms.IntegerField(label=_("已开展活动次数"), min_value=0)
