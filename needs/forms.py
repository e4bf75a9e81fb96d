"""Forms of the requester's pages (order, cancel, rate) and of the staff's and leaders' pages."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import Team, Township
from needs.models import Beneficiary, Need

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
# Categories offered before any team has named its speciality (a fresh site).
DEFAULT_CATEGORIES = ["助老", "助残", "助学", "环保", "社区服务", "应急救援", "医疗卫生", "文明宣传"]


def normalise_phone(value: str) -> str:
    value = re.sub(r"[\s()()]", "", value or "").replace("+86", "", 1)
    return value if LANDLINE.match(value) else value.replace("-", "")


def categories() -> list[str]:
    """What a need can be about: the specialities of the published teams, so every category has a team to take it."""
    return Team.objects.published().specialities() or DEFAULT_CATEGORIES


class NeedForm(forms.ModelForm):
    """The public order form (群众点单); ``website`` is a honeypot people never see."""

    category = forms.ChoiceField(label=_("需要哪类服务"))
    agree = forms.BooleanField(
        label=_("我同意总站和接单队伍为办理本次服务使用以上联系信息;这些信息不会公开"),
        error_messages={"required": _("请勾选同意后再提交。")},
    )
    website = forms.CharField(label=_("请勿填写"), required=False)

    class Meta:
        model = Need
        fields = [
            "category",
            "description",
            "beneficiary",
            "township",
            "address",
            "wanted_on",
            "wanted_until",
            "volunteers_needed",
            "contact_name",
            "contact_phone",
            "contact_email",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "beneficiary": forms.RadioSelect,
            "wanted_on": forms.DateInput(attrs={"type": "date"}),
            "wanted_until": forms.DateInput(attrs={"type": "date"}),
            "volunteers_needed": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 50}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
        }
        help_texts = {
            "description": _("例如:独居老人需要每周上门陪伴、打扫卫生"),
            "address": _("只给接单的队伍看,不会公开"),
            "wanted_until": _("可选:在一段时间内都可以"),
            "contact_phone": _("队伍接单后会打这个电话联系您"),
            "contact_email": _("可选:填写后进度链接会发到这个邮箱"),
        }
        error_messages = {
            "description": {"required": _("请写下需要什么帮助。")},
            "beneficiary": {"required": _("请选择服务对象。")},
            "township": {"required": _("请选择所在镇街。")},
            "address": {"required": _("请填写详细地址。")},
            "wanted_on": {"required": _("请选择希望服务的日期。"), "invalid": _("日期格式不正确。")},
            "wanted_until": {"invalid": _("日期格式不正确。")},
            "volunteers_needed": {"required": _("请填写需要的志愿者人数。"), "invalid": _("人数请填写数字。")},
            "contact_name": {"required": _("请填写联系人。")},
            "contact_phone": {"required": _("请填写联系电话。")},
            "contact_email": {"invalid": _("邮箱格式不正确。")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("请选择")), *((name, name) for name in categories())]
        self.fields["category"].error_messages["required"] = _("请选择需要哪类服务。")
        self.fields["beneficiary"].choices = Beneficiary.choices  # radio buttons need no empty "---------" choice
        self.fields["township"].queryset = Township.objects.all()
        self.fields["township"].empty_label = _("请选择")
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_contact_phone(self):
        phone = normalise_phone(self.cleaned_data["contact_phone"])
        if not (MOBILE.match(phone) or LANDLINE.match(phone)):
            raise forms.ValidationError(_("请填写 11 位手机号或带区号的固定电话,例如 13800138000 或 0752-6123456。"))
        return phone

    def clean_wanted_on(self):
        wanted_on = self.cleaned_data["wanted_on"]
        if wanted_on < timezone.localdate():
            raise forms.ValidationError(_("希望服务的日期不能早于今天。"))
        return wanted_on

    def clean(self):
        cleaned = super().clean()
        wanted_on, wanted_until = cleaned.get("wanted_on"), cleaned.get("wanted_until")
        if wanted_on and wanted_until and wanted_until < wanted_on:
            self.add_error("wanted_until", _("最晚日期不能早于希望服务日期。"))
        return cleaned

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("取消原因(可选)"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("服务评分"),
        coerce=int,
        choices=[(n, "★" * n) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择评分。")},
    )
    comment = forms.CharField(
        label=_("评价(可选)"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
