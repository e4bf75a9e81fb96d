"""The staff side: listing, filters, search, export, the application page, its actions and who may take them."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from incubator.models import Application, ApplicationEvent, Grant, MentoringSession
from incubator.workflow import ACTIONS, State, perform_transition
from tests.factories import TownshipFactory
from tests.incubator import factories

pytestmark = pytest.mark.django_db

INDEX = "/admin/incubator/applications/"


def detail(application):
    return reverse("incubator_applications:inspect", args=[application.pk])


def action_url(application, name, *args):
    return reverse(f"incubator_applications:{name}", args=[application.pk, *args])


@pytest.fixture
def some_applications(home_page, mentor, other_mentor):
    shiwan = TownshipFactory(name="石湾镇", slug="shiwan")
    futian = TownshipFactory(name="福田镇", slug="futian")
    return {
        "applied": factories.ApplicationFactory(organisation_name="石湾镇“银龄互助”志愿服务队", township=shiwan),
        "mentored": factories.ApplicationFactory(
            organisation_name="福田镇“乡村守护”应急救援志愿队",
            township=futian,
            state=State.MENTORED,
            mentor=mentor,
            field_of_service="emergency",
        ),
        "funded": factories.ApplicationFactory(
            organisation_name="园洲镇“小候鸟”助学志愿队", state=State.FUNDED, mentor=other_mentor
        ),
    }


# --- listing ---


def test_the_listing_shows_applications_and_counts_per_state(staff_client, coordinator, some_applications):
    response = staff_client(coordinator).get(INDEX)
    html = response.content.decode()
    assert response.status_code == 200
    for application in some_applications.values():
        assert application.organisation_name in html
    assert 'data-state="mentored">辅导中 <strong>1</strong>' in html
    assert 'data-state="mature">已成熟 <strong>0</strong>' in html
    assert detail(some_applications["applied"]) in html  # the name leads to the application's page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=funded", ["funded"]),
        ("township={shiwan}", ["applied"]),
        ("mentor={mentor}", ["mentored"]),
        ("field_of_service=emergency", ["mentored"]),
        ("q=小候鸟", ["funded"]),
    ],
)
def test_filters_and_search(staff_client, coordinator, mentor, some_applications, query, expected):
    shiwan = some_applications["applied"].township_id
    response = staff_client(coordinator).get(f"{INDEX}?{query.format(shiwan=shiwan, mentor=mentor.pk)}")
    assert response.status_code == 200
    assert set(response.context["object_list"]) == {some_applications[key] for key in expected}


def test_export_csv_and_xlsx(staff_client, coordinator, some_applications):
    client = staff_client(coordinator)
    response = client.get(f"{INDEX}?export=csv&state=mentored")
    rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0].startswith("组织名称,状态,发起人,联系电话")
    assert len(rows) == 2
    assert rows[1].startswith("福田镇“乡村守护”应急救援志愿队,辅导中,王小明")
    assert "陈导师" in rows[1]

    response = client.get(f"{INDEX}?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 4
    assert sheet["B1"].value == "状态"


def test_the_export_resolves_choice_labels_once_not_per_row(staff_client, coordinator, some_applications, monkeypatch):
    """Django's ``get_FOO_display`` rebuilds a dict of lazy translations on every call: most of the time of a large
    export (issue 10). The export reads the labels once; each row is a dictionary lookup."""

    def per_row(self):
        raise AssertionError("a label was resolved per row")

    for name in ("get_state_display", "get_field_of_service_display", "get_support_needed_display"):
        monkeypatch.setattr(Application, name, per_row)
    Application.objects.filter(pk=some_applications["mentored"].pk).update(support_needed=["funding", "team_building"])
    response = staff_client(coordinator).get(f"{INDEX}?export=csv&state=mentored")
    rows = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[1].startswith("福田镇“乡村守护”应急救援志愿队,辅导中,王小明")
    assert "应急救援" in rows[1] and "资金扶持、队伍建设" in rows[1]


def test_the_export_opens_in_excel_and_runs_no_formula_from_the_public(staff_client, coordinator, some_applications):
    """An application's fields are typed by anyone: the CSV carries a byte-order mark and keeps them text."""
    Application.objects.filter(pk=some_applications["mentored"].pk).update(
        organisation_name="=1+2", founder_name="-王小明", contact_phone="+8613800138000", support_needed=[]
    )
    response = staff_client(coordinator).get(f"{INDEX}?export=csv&state=mentored")
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode()) and not body[3:].startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[1][:4] == ["'=1+2", "辅导中", "'-王小明", "'+8613800138000"]
    assert rows[1][8] == ""  # no support asked for


def test_the_export_streams_from_the_first_rows(staff_client, coordinator, some_applications):
    """No application is read before the response starts: Wagtail's listing context counted the rows with ``len()``,
    loading every application (and the listing's figures) before the first byte of a 10,000-row export."""
    client = staff_client(coordinator)
    with CaptureQueriesContext(connection) as before_the_first_byte:
        response = client.get(f"{INDEX}?export=csv")
    assert not [query for query in before_the_first_byte.captured_queries if "organisation_name" in query["sql"]]
    chunks = iter(response.streaming_content)
    assert next(chunks).decode("utf-8-sig").startswith("组织名称,状态,发起人,联系电话")
    assert len(b"".join(chunks).decode().splitlines()) == len(some_applications)


def test_the_listing_does_not_query_per_row(
    staff_client, coordinator, some_applications, django_assert_max_num_queries
):
    client = staff_client(coordinator)
    client.get(INDEX)
    with django_assert_max_num_queries(40) as few:
        html = client.get(INDEX).content.decode()
    assert all(application.organisation_name in html for application in some_applications.values())
    added = [factories.ApplicationFactory(mentor=factories.mentor(username=f"m{n}")) for n in range(15)]
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(INDEX).content.decode()
    assert all(application.organisation_name in html for application in [*some_applications.values(), *added])


def test_applications_cannot_be_added_by_hand(staff_client, coordinator, home_page):
    response = staff_client(coordinator).get(f"{INDEX}new/")
    assert response.status_code in (302, 403)
    assert not Application.objects.exists()


def test_people_without_a_role_see_nothing(staff_client, home_page, some_applications):
    editor = factories.UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = staff_client(editor)
    assert client.get(INDEX).status_code in (302, 403)
    assert client.get(detail(some_applications["applied"])).status_code in (302, 403, 404)
    assert client.get("/admin/incubator/workflow/").status_code in (302, 403)


# --- the application's page: the buttons follow the user ---


def action_forms(html):
    return {action for action in ACTIONS if f'data-action="{action}"' in html}


def test_a_coordinator_sees_every_transition_open_from_the_state(staff_client, coordinator, some_applications):
    html = staff_client(coordinator).get(detail(some_applications["applied"])).content.decode()
    assert action_forms(html) == {"start_mentoring", "reject", "withdraw"}
    assert "请先为该组织指派一位辅导导师" in html  # start_mentoring is shown with what is missing


def test_the_assigned_mentor_sees_only_what_mentors_may_do(staff_client, mentor, some_applications):
    application = some_applications["mentored"]
    html = staff_client(mentor).get(detail(application)).content.decode()
    assert action_forms(html) == set()  # grant_funding is for coordinators
    assert "记录一次辅导" in html
    assert action_url(application, "grant") not in html
    assert action_url(application, "assign_mentor") not in html

    applied = factories.ApplicationFactory(mentor=mentor)
    assert action_forms(staff_client(mentor).get(detail(applied)).content.decode()) == {"start_mentoring"}


def test_another_mentor_may_look_but_not_act(staff_client, other_mentor, some_applications):
    html = staff_client(other_mentor).get(detail(some_applications["mentored"])).content.decode()
    assert action_forms(html) == set()
    assert "记录一次辅导" not in html


def test_the_detail_page_does_not_query_per_timeline_entry(
    staff_client, coordinator, some_applications, django_assert_max_num_queries
):
    application = some_applications["mentored"]
    client = staff_client(coordinator)
    client.get(detail(application))
    with django_assert_max_num_queries(60) as few:
        client.get(detail(application))
    for n in range(10):
        factories.SessionFactory(application=application, mentor=factories.mentor(username=f"s{n}"))
        factories.GrantFactory(application=application)
        application.events.create(kind="comment", actor=coordinator, actor_name="李协调", comment=f"备注{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(detail(application)).content.decode()
    assert all(f"备注{n}" in html for n in range(10))  # every timeline entry is rendered


# --- actions, enforced on the server ---


def test_a_mentor_cannot_grant_funding_even_by_posting(staff_client, mentor, ready):
    application = ready(State.MENTORED)
    response = staff_client(mentor).post(
        action_url(application, "transition", "grant_funding"), {"grant_funding-comment": "x"}, follow=True
    )
    assert "没有权限" in response.content.decode()
    assert Application.objects.get(pk=application.pk).state == State.MENTORED
    assert not application.events.filter(kind="transition").exists()


def test_a_coordinator_moves_an_application_and_may_skip_the_mail(
    staff_client, coordinator, ready, django_capture_on_commit_callbacks
):
    application = ready(State.MENTORED)
    client = staff_client(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            action_url(application, "transition", "grant_funding"), {"grant_funding-comment": "首期扶持"}, follow=True
        )
    assert "已变更为“已获扶持”" in response.content.decode()
    assert Application.objects.get(pk=application.pk).state == State.FUNDED
    assert mail.outbox == []  # "notify applicant" was not ticked

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            action_url(application, "transition", "certify_mature"),
            {"certify_mature-comment": "达标", "certify_mature-notify": "on"},
        )
    assert Application.objects.get(pk=application.pk).state == State.MATURE
    assert len(mail.outbox) == 1


def test_a_refused_transition_is_explained(staff_client, coordinator, ready):
    application = ready(State.APPLIED)
    response = staff_client(coordinator).post(action_url(application, "transition", "reject"), {}, follow=True)
    assert "需要填写原因" in response.content.decode()
    assert Application.objects.get(pk=application.pk).state == State.APPLIED


def test_assigning_a_mentor_tells_the_mentor(
    staff_client, coordinator, mentor, home_page, django_capture_on_commit_callbacks
):
    application = factories.ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client(coordinator).post(action_url(application, "assign_mentor"), {"mentor": mentor.pk})
    application.refresh_from_db()
    assert application.mentor == mentor
    assert [message.to for message in mail.outbox] == [[mentor.email]]
    assert application.organisation_name in mail.outbox[0].subject
    assert application.events.filter(kind=ApplicationEvent.Kind.ASSIGNMENT).count() == 1


def test_a_mentor_cannot_assign_mentors(staff_client, mentor, home_page):
    application = factories.ApplicationFactory()
    staff_client(mentor).post(action_url(application, "assign_mentor"), {"mentor": mentor.pk})
    assert Application.objects.get(pk=application.pk).mentor is None


def test_the_assigned_mentor_logs_a_session_and_another_mentor_cannot(staff_client, mentor, other_mentor, home_page):
    application = factories.ApplicationFactory(state=State.MENTORED, mentor=mentor)
    data = {
        "starts_at": "2026-12-05T09:30",
        "duration_minutes": "90",
        "topic": "队伍建设",
        "notes": "",
        "next_steps": "整理名单",
    }
    staff_client(other_mentor).post(action_url(application, "session"), data)
    assert not MentoringSession.objects.exists()
    staff_client(mentor).post(action_url(application, "session"), data)
    session = MentoringSession.objects.get()
    assert (session.mentor, session.topic) == (mentor, "队伍建设")
    assert application.events.filter(kind=ApplicationEvent.Kind.SESSION, visibility="applicant").count() == 1


def test_grants_are_for_coordinators_and_must_be_positive(staff_client, coordinator, mentor, home_page):
    application = factories.ApplicationFactory(state=State.MENTORED, mentor=mentor)
    data = {"amount": "5000", "source": "县文明办志愿服务专项资金"}
    staff_client(mentor).post(action_url(application, "grant"), data)
    assert not Grant.objects.exists()

    response = staff_client(coordinator).post(action_url(application, "grant"), {**data, "amount": "0"}, follow=True)
    assert "金额必须大于 0 元" in response.content.decode()
    assert not Grant.objects.exists()

    staff_client(coordinator).post(action_url(application, "grant"), data)
    grant = Grant.objects.get()
    staff_client(coordinator).post(action_url(application, "grant_report", grant.pk))
    grant.refresh_from_db()
    assert grant.report_received_on is not None


def test_comments_are_staff_only_or_shared_with_the_applicant(
    staff_client, coordinator, home_page, django_capture_on_commit_callbacks
):
    application = factories.ApplicationFactory()
    client = staff_client(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(action_url(application, "comment"), {"comment": "内部备注", "visibility": "staff", "notify": "on"})
        client.post(
            action_url(application, "comment"), {"comment": "请补充章程", "visibility": "applicant", "notify": "on"}
        )
    assert [message.to for message in mail.outbox] == [[application.contact_email]]  # staff notes are never mailed
    assert "请补充章程" in mail.outbox[0].body
    assert "留言" in mail.outbox[0].subject
    status = client.get(application.get_status_url()).content.decode()
    assert "请补充章程" in status
    assert "内部备注" not in status


def test_the_charter_is_downloaded_by_staff_only(staff_client, client, coordinator, home_page):
    from django.core.files.base import ContentFile

    application = factories.ApplicationFactory()
    application.charter.save("charter.pdf", ContentFile(b"%PDF-1.4 charter"))
    url = action_url(application, "charter")
    assert client.get(url).status_code == 302  # to the admin login
    response = staff_client(coordinator).get(url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 charter"


# --- dashboard and workflow picture ---


def test_the_dashboard_panel_shows_counts_stale_items_and_my_organisations(staff_client, mentor, criteria, home_page):
    mine = factories.ApplicationFactory(organisation_name="我辅导的志愿队", state=State.MENTORED, mentor=mentor)
    old = factories.ApplicationFactory(organisation_name="停留很久的志愿队", mentor=mentor)
    Application.objects.filter(pk=old.pk).update(state_changed_at=old.state_changed_at - timedelta(days=30))
    html = staff_client(mentor).get("/admin/").content.decode()
    assert "组织孵化" in html
    panel = html[html.index('id="incubator-dashboard-section"') :]
    assert "停留很久的志愿队" in panel.split("我辅导的组织")[0]
    assert mine.organisation_name in panel.split("我辅导的组织")[1]


def test_the_workflow_picture_is_drawn_from_the_transitions(staff_client, coordinator, home_page):
    html = staff_client(coordinator).get("/admin/incubator/workflow/").content.decode()
    assert "<svg" in html
    for transition in Application._meta.get_field("state").get_all_transitions(Application):
        assert (
            f'data-action="{transition.name}" data-source="{transition.source}" data-target="{transition.target}"'
            in html
        )


def test_the_dashboard_works_after_a_full_lifecycle(staff_client, coordinator, ready):
    application = ready(State.APPLIED)
    for action in ("start_mentoring", "grant_funding", "certify_mature"):
        perform_transition(application, action, coordinator)
    assert staff_client(coordinator).get("/admin/").status_code == 200


def test_the_generic_edit_form_cannot_change_the_activities_held(staff_client, coordinator, home_page):
    """A maturity condition changes only through its own action, which writes a timeline entry."""
    application = factories.ApplicationFactory(activities_held=1)
    client = staff_client(coordinator)
    url = reverse("incubator_applications:edit", args=[application.pk])
    form = client.get(url).context["form"]
    assert "activities_held" not in form.fields
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data["support_needed"] = application.support_needed
    response = client.post(url, {**data, "organisation_name": "改名后的志愿队", "activities_held": "99"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.organisation_name == "改名后的志愿队"
    assert application.activities_held == 1

    client.post(action_url(application, "activities"), {"activities_held": "3"})
    application.refresh_from_db()
    assert application.activities_held == 3
    assert application.events.filter(comment__contains="1 → 3").exists()


def test_the_csv_export_opens_in_excel_and_runs_no_formula(staff_client, coordinator, home_page):
    factories.ApplicationFactory(
        organisation_name='=HYPERLINK("http://evil.example","点我")', founder_name="+1+cmd|' /C calc'!A0"
    )
    response = staff_client(coordinator).get(f"{INDEX}?export=csv")
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # a BOM: Excel on a Chinese Windows reads it as UTF-8
    assert "charset=utf-8" in response["Content-Type"]
    row = body.decode("utf-8-sig").splitlines()[1]
    assert row.startswith('"\'=HYPERLINK(""http://evil.example"",""点我"")",')
    assert ",'+1+cmd|' /C calc'!A0," in row
