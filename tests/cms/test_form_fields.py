"""The theme's one form-field component: every widget variant is labelled, and its help and errors are tied to it."""

from django import forms
from django.template import Context, Template
from django.utils import translation

from tests.form_checks import assert_accessible_form


class EveryVariantForm(forms.Form):
    name = forms.CharField(label="组织名称", help_text="填写完整名称")
    phone = forms.CharField(label="联系电话", widget=forms.TextInput(attrs={"type": "tel"}))
    township = forms.ChoiceField(label="所在镇街", choices=[("", "请选择"), ("shiwan", "石湾镇")])
    introduction = forms.CharField(label="组织简介", widget=forms.Textarea)
    purpose = forms.ChoiceField(
        label="用途", choices=[("training", "培训"), ("exchange", "交流")], widget=forms.RadioSelect
    )
    support = forms.MultipleChoiceField(
        label="需要的支持",
        choices=[("funding", "资金扶持"), ("mentoring", "导师辅导")],
        widget=forms.CheckboxSelectMultiple,
        help_text="可多选",
    )
    charter = forms.FileField(label="组织章程")
    agree = forms.BooleanField(label="我同意", help_text="只用于办理申请")
    notes = forms.CharField(label="备注", required=False)


def render(form):
    with translation.override("zh-hans"):
        return Template('<form class="form">{% include "components/forms/errors.html" %}{{ form }}</form>').render(
            Context({"form": form})
        )


def test_every_variant_with_errors_is_labelled_described_and_invalid():
    html = render(EveryVariantForm(data={}))
    required = {name for name, field in EveryVariantForm.base_fields.items() if field.required}
    assert assert_accessible_form(html) == required


def test_the_fields_use_the_theme_component_not_djangos_default():
    form = EveryVariantForm(data={"name": ""})
    html = form["name"].as_field_group()
    assert 'class="field field--text field--error"' in html
    assert '<ul class="field__errors" id="id_name_error"><li>' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    group = form["support"].as_field_group()
    assert '<fieldset class="field__group" aria-describedby="id_support_helptext id_support_error">' in group
    assert '<span class="visually-hidden">' in group  # the group says "required" in words, not only with a "*"


def test_an_empty_form_is_labelled_and_shows_no_error():
    html = render(EveryVariantForm())
    assert "form-errors" not in html and "aria-invalid" not in html and "field__errors" not in html
    assert_accessible_form(html)


def test_the_summary_lists_the_form_errors_and_links_each_field_in_error():
    form = EveryVariantForm(data={"name": "石湾镇志愿服务队", "phone": "1"})
    form.add_error(None, "该时段已被预约")
    html = render(form)
    summary = html[html.index('id="form-errors"') : html.index("</div>")]
    assert "提交未成功" in summary and "该时段已被预约" in summary
    assert 'href="#id_township"' in summary and 'href="#id_purpose"' in summary
    assert 'href="#id_name"' not in summary
