"""The applicant's side: the form and its unhappy paths, spam defences, the status page, withdrawing, resending links."""

from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cms.models import OutboxEntry
from incubator.forms import ApplicationForm
from incubator.models import Application, ApplicationEvent
from incubator.workflow import State, perform_transition
from tests.factories import TownshipFactory
from tests.form_checks import assert_accessible_form
from tests.incubator import factories
from tests.outbox_support import broker_back_and_sweep

pytestmark = pytest.mark.django_db

APPLY = "/incubator/apply/"


@pytest.fixture
def township(home_page):
    return TownshipFactory(name="石湾镇", slug="shiwan")


@pytest.fixture
def form_data(township):
    return {
        "organisation_name": "石湾镇“银龄互助”志愿服务队",
        "founder_name": "张桂芳",
        "contact_phone": "138 0013 8000",
        "contact_email": "zhang@example.com",
        "township": township.pk,
        "field_of_service": "elderly",
        "member_count": "15",
        "founded_on": "2026-03-01",
        "introduction": "退休教师发起,关爱独居老人。",
        "planned_projects": "每周上门探访。",
        "support_needed": ["team_building", "funding"],
        "agree": "on",
        "website": "",
    }


def test_the_form_is_in_chinese_and_accessible(client, township):
    response = client.get(APPLY)
    assert response.status_code == 200
    html = response.content.decode()
    assert "申请孵化" in html
    assert 'for="id_organisation_name"' in html
    assert "石湾镇" in html
    assert 'class="hp" aria-hidden="true"' in html


def test_a_valid_application_is_saved_and_the_applicant_gets_the_private_link(
    client, form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, form_data)
    assert response.status_code == 302
    assert response["Location"] == reverse("incubator:apply_done")

    application = Application.objects.get()
    assert application.state == State.APPLIED
    assert application.contact_phone == "13800138000"
    assert application.support_needed == ["team_building", "funding"]
    assert len(application.status_token) >= 40
    assert list(application.events.values_list("kind", "visibility")) == [("submitted", "applicant")]

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zhang@example.com"]
    assert f"/incubator/status/{application.status_token}/" in mail.outbox[0].body

    done = client.get(response["Location"])
    assert application.get_status_url() in done.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"organisation_name": ""}, "请填写组织名称。"),
        ({"organisation_name": "爱心"}, "组织名称太短"),
        ({"contact_phone": "12345"}, "请填写 11 位手机号或带区号的固定电话"),
        ({"contact_email": "not-an-email"}, "邮箱格式不正确。"),
        ({"township": ""}, "请选择所在镇街。"),
        ({"member_count": "2"}, "至少需要 3 名成员"),
        ({"member_count": "十五"}, "成员人数请填写数字。"),
        ({"support_needed": []}, "请至少选择一项需要的支持。"),
        ({"agree": ""}, "请勾选同意后再提交。"),
        ({"introduction": ""}, "请简单介绍您的组织。"),
    ],
)
def test_invalid_applications_are_explained_in_chinese(client, form_data, changes, message):
    response = client.post(APPLY, {**form_data, **changes})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "提交未成功" in response.content.decode()
    assert not Application.objects.exists()


def test_a_landline_is_accepted(client, form_data):
    client.post(APPLY, {**form_data, "contact_phone": "0752-6123456"})
    assert Application.objects.get().contact_phone == "0752-6123456"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("charter.exe", b"MZ...", "章程只能是 PDF、Word 或图片文件"),
        ("charter.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024 + 1), "不能超过"),
    ],
)
def test_charter_uploads_are_limited(client, form_data, name, content, message):
    response = client.post(APPLY, {**form_data, "charter": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_a_charter_is_stored_under_a_random_name(client, form_data):
    client.post(APPLY, {**form_data, "charter": SimpleUploadedFile("我们的章程.PDF", b"%PDF-1.4 test")})
    charter = Application.objects.get().charter
    assert charter.name.startswith("incubator/charters/")
    assert charter.name.endswith(".pdf")
    assert "章程" not in charter.name


def test_a_charter_is_kept_outside_the_public_media_folder(client, form_data, settings):
    client.post(APPLY, {**form_data, "charter": SimpleUploadedFile("charter.pdf", b"%PDF-1.4 private")})
    path = Path(Application.objects.get().charter.path)
    assert path.read_bytes() == b"%PDF-1.4 private"
    assert path.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)


def test_the_honeypot_shows_success_and_saves_nothing(client, form_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, {**form_data, "website": "http://spam.example.com"})
    assert response.status_code == 302
    assert not Application.objects.exists()
    assert mail.outbox == []


def test_too_many_submissions_from_one_address_get_a_friendly_429(client, form_data, settings):
    settings.INCUBATOR_FORM_RATE = "2/h"
    for n in range(2):
        client.post(APPLY, {**form_data, "organisation_name": f"第{n}支测试志愿服务队"})
    response = client.post(APPLY, {**form_data, "organisation_name": "第三支测试志愿服务队"})
    assert response.status_code == 429
    assert "提交太频繁了" in response.content.decode()
    assert Application.objects.count() == 2
    assert client.get(APPLY).status_code == 200  # reading the form is never limited


def test_a_duplicate_open_application_is_refused_kindly(client, form_data):
    client.post(APPLY, form_data)
    response = client.post(APPLY, {**form_data, "contact_email": "other@example.com"})
    assert response.status_code == 200
    assert "已有一份申请正在办理" in response.content.decode()
    assert Application.objects.count() == 1


def test_an_organisation_may_apply_again_after_a_rejection(client, form_data):
    client.post(APPLY, form_data)
    perform_transition(Application.objects.get(), "reject", factories.coordinator(), comment="材料不全")
    assert client.post(APPLY, form_data).status_code == 302
    assert Application.objects.count() == 2


# --- the status page ---


@pytest.fixture
def mentored(home_page, mentor, coordinator):
    application = factories.ApplicationFactory(mentor=mentor)
    application.events.create(kind="submitted", to_state="applied", actor_name="王小明", visibility="applicant")
    perform_transition(application, "start_mentoring", mentor, comment="约好周六在志愿客厅见面")
    application.events.create(kind="comment", actor_name="李协调", comment="内部:发起人经验不足", visibility="staff")
    factories.SessionFactory(
        application=application, starts_at=timezone.now() + timezone.timedelta(days=3), topic="项目书修改"
    )
    factories.SessionFactory(application=application, topic="已经过去的辅导")
    return application


def test_the_status_page_shows_the_public_stage_timeline_next_step_and_sessions(client, mentored):
    response = client.get(mentored.get_status_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "导师辅导" in html  # the public name of "mentored"
    assert "约好周六在志愿客厅见面" in html
    assert "内部:发起人经验不足" not in html  # staff-only comments stay in the admin
    assert "项目书修改" in html
    assert "已经过去的辅导" not in html
    assert "请按约定参加辅导" in html  # the next step
    assert 'aria-current="step"' in html
    assert reverse("incubator:withdraw", args=[mentored.status_token]) in html
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_an_unknown_token_is_not_found(client, mentored):
    assert client.get("/incubator/status/not-a-real-token/").status_code == 404
    assert client.post("/incubator/status/not-a-real-token/withdraw/").status_code == 404


def test_the_status_page_queries_do_not_grow_with_the_timeline(client, mentored, django_assert_max_num_queries):
    client.get(mentored.get_status_url())  # the site's settings are created on the first request
    with django_assert_max_num_queries(20) as small:
        client.get(mentored.get_status_url())
    for n in range(20):
        mentored.events.create(kind="comment", actor_name="李协调", comment=f"进展{n}", visibility="applicant")
        factories.SessionFactory(application=mentored, starts_at=timezone.now() + timezone.timedelta(days=n + 5))
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(mentored.get_status_url()).content.decode()
    assert all(f"进展{n}" in html for n in range(20))  # every entry the applicant may see is rendered


def test_the_applicant_withdraws_after_confirming(client, mentored, django_capture_on_commit_callbacks):
    url = reverse("incubator:withdraw", args=[mentored.status_token])
    confirm = client.get(url)
    assert "确定要撤回申请吗" in confirm.content.decode()
    assert Application.objects.get(pk=mentored.pk).state == State.MENTORED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "发起人工作调动"}, follow=True)
    mentored.refresh_from_db()
    assert mentored.state == State.WITHDRAWN
    assert "申请已撤回" in response.content.decode()
    event = mentored.events.filter(kind=ApplicationEvent.Kind.TRANSITION).latest("pk")
    assert (event.action, event.actor, event.actor_name, event.comment) == (
        "withdraw",
        None,
        "申请人",
        "发起人工作调动",
    )
    assert [message.to for message in mail.outbox] == [[mentored.contact_email]]
    assert "撤回申请" not in response.content.decode().split("办理记录")[1]  # no withdraw button any more


def test_withdrawing_twice_is_refused_with_a_message(client, mentored):
    url = reverse("incubator:withdraw", args=[mentored.status_token])
    client.post(url)
    response = client.post(url, follow=True)
    assert "不能执行" in response.content.decode()
    assert mentored.events.filter(kind=ApplicationEvent.Kind.TRANSITION, action="withdraw").count() == 1


def test_resending_links_mails_the_known_address_and_says_the_same_to_everyone(
    client, mentored, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/incubator/status/resend/", {"email": mentored.contact_email.upper()}, follow=True)
        unknown = client.post("/incubator/status/resend/", {"email": "nobody@example.com"}, follow=True)
    message = "如果该邮箱提交过申请,进度链接已发送到这个邮箱"
    assert message in known.content.decode()
    assert message in unknown.content.decode()
    assert len(mail.outbox) == 1
    assert mentored.get_status_url() in mail.outbox[0].body


def test_the_home_page_invites_applications(client, home_page):
    response = client.get("/")
    assert "组织孵化:征集中" in response.content.decode()
    assert APPLY in response.content.decode()


def test_an_empty_post_is_validated_not_ignored(client, township):
    response = client.post(APPLY, {})
    assert response.status_code == 200
    assert "请填写组织名称。" in response.content.decode()


def test_the_public_forms_with_errors_tie_every_error_to_its_field(client, township, mentored):
    html = client.post(APPLY, {"website": ""}).content.decode()
    required = {name for name, field in ApplicationForm.base_fields.items() if field.required}
    assert assert_accessible_form(html) == required

    html = client.post("/incubator/status/resend/", {"email": ""}).content.decode()
    assert assert_accessible_form(html) == {"email"}

    url = reverse("incubator:withdraw", args=[mentored.status_token])
    html = client.post(url, {"reason": "太" * 501}).content.decode()
    assert assert_accessible_form(html) == {"reason"}
    assert not mentored.events.filter(action="withdraw").exists()


def test_an_application_and_a_resend_made_while_redis_is_away_are_mailed_once_it_is_back(
    client, form_data, redis_away, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        applied = client.post(APPLY, form_data)
        resent = client.post("/incubator/status/resend/", {"email": form_data["contact_email"]})
    assert (applied.status_code, resent.status_code) == (302, 302)
    application = Application.objects.get()
    assert mail.outbox == []
    assert OutboxEntry.objects.filter(done_at__isnull=True).count() == 2

    assert broker_back_and_sweep() == 2
    assert len(mail.outbox) == 2
    assert all(application.get_status_url() in message.body for message in mail.outbox)
    assert application.events.get().notified_at is not None
    broker_back_and_sweep()
    assert len(mail.outbox) == 2  # never twice
