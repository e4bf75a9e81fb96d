"""A mentor sees only the organisations assigned to them, through every door of the staff side; coordinators see all."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from openpyxl import load_workbook

from incubator.models import Application, ApplicationEvent
from incubator.workflow import State
from tests.incubator import factories

pytestmark = pytest.mark.django_db

INDEX = "/admin/incubator/applications/"


@pytest.fixture
def mine(mentor, home_page):
    application = factories.ApplicationFactory(
        organisation_name="我辅导的志愿队", contact_phone="13800000001", state=State.MENTORED, mentor=mentor
    )
    application.charter.save("mine.pdf", ContentFile(b"%PDF-1.4 mine"))
    return application


@pytest.fixture
def theirs(other_mentor, home_page):
    application = factories.ApplicationFactory(
        organisation_name="别人辅导的志愿队",
        contact_phone="13900000002",
        contact_email="secret@example.com",
        mentor=other_mentor,
    )
    application.charter.save("theirs.pdf", ContentFile(b"%PDF-1.4 theirs"))
    return application


@pytest.fixture
def unassigned(home_page):
    return factories.ApplicationFactory(organisation_name="尚未指派的志愿队", contact_phone="13700000003")


def url(name, application, *args):
    return reverse(f"incubator_applications:{name}", args=[application.pk, *args])


def test_the_listing_and_its_counts_show_a_mentor_only_their_organisations(
    staff_client, mentor, mine, theirs, unassigned
):
    response = staff_client(mentor).get(INDEX)
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [mine]
    html = response.content.decode()
    assert "别人辅导的志愿队" not in html and "尚未指派的志愿队" not in html
    assert response.context["state_total"] == 1
    # Searching by another organisation's phone finds nothing either.
    assert list(staff_client(mentor).get(INDEX, {"q": theirs.contact_phone}).context["object_list"]) == []


def test_the_coordinator_lists_every_application(staff_client, coordinator, mine, theirs, unassigned):
    response = staff_client(coordinator).get(INDEX)
    assert set(response.context["object_list"]) == {mine, theirs, unassigned}
    assert response.context["state_total"] == 3


def test_the_exports_hold_only_a_mentors_organisations(staff_client, mentor, mine, theirs, unassigned):
    client = staff_client(mentor)
    csv = b"".join(client.get(INDEX, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert "我辅导的志愿队" in csv
    assert "13900000002" not in csv and "secret@example.com" not in csv and "13700000003" not in csv
    sheet = load_workbook(io.BytesIO(b"".join(client.get(INDEX, {"export": "xlsx"}).streaming_content))).active
    assert sheet.max_row == 2
    assert sheet["A2"].value == "我辅导的志愿队"


@pytest.mark.parametrize("door", ["inspect", "charter"])
def test_a_mentor_opens_their_own_application(staff_client, mentor, mine, door):
    assert staff_client(mentor).get(url(door, mine)).status_code == 200


@pytest.mark.parametrize("door", ["inspect", "edit", "delete", "history", "usage", "charter"])
def test_a_mentor_cannot_open_another_mentors_application(staff_client, mentor, theirs, unassigned, door):
    # Even with the model's change and delete permissions, the scope holds.
    for codename in ("change_application", "delete_application"):
        mentor.user_permissions.add(Permission.objects.get(codename=codename))
    client = staff_client(mentor)
    for application in (theirs, unassigned):
        response = client.get(url(door, application))
        assert response.status_code == 404
        assert b"secret@example.com" not in response.content and b"theirs" not in response.content


def test_a_mentor_cannot_delete_or_edit_another_application_by_post(staff_client, mentor, theirs):
    for codename in ("change_application", "delete_application"):
        mentor.user_permissions.add(Permission.objects.get(codename=codename))
    client = staff_client(mentor)
    assert client.post(url("delete", theirs)).status_code == 404
    assert client.post(url("edit", theirs), {"organisation_name": "改掉"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.organisation_name == "别人辅导的志愿队"


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("comment", {"comment": "偷看", "visibility": "staff"}),
        ("session", {"topic": "偷偷辅导", "starts_at": "2026-12-01 10:00", "ends_at": "2026-12-01 11:00"}),
        ("transition", {}),
    ],
)
def test_a_mentor_cannot_act_on_another_application(staff_client, mentor, theirs, unassigned, action, data):
    client = staff_client(mentor)
    for application in (theirs, unassigned):
        args = ("withdraw",) if action == "transition" else ()
        assert client.post(url(action, application, *args), data).status_code == 404
    assert not ApplicationEvent.objects.filter(comment__contains="偷").exists()
    assert Application.objects.filter(state=State.WITHDRAWN).count() == 0


def test_the_coordinator_opens_every_application_and_charter(staff_client, coordinator, theirs, unassigned):
    client = staff_client(coordinator)
    for door in ("inspect", "edit", "history", "usage"):
        assert client.get(url(door, unassigned)).status_code == 200
    assert b"".join(client.get(url("charter", theirs)).streaming_content) == b"%PDF-1.4 theirs"


def test_the_dashboard_panel_shows_a_mentor_only_their_organisations(staff_client, mentor, mine, theirs, unassigned):
    Application.objects.update(state_changed_at=mine.state_changed_at.replace(year=2020))
    html = staff_client(mentor).get("/admin/").content.decode()
    panel = html[html.index('id="incubator-dashboard-section"') :]
    assert "我辅导的志愿队" in panel
    assert "别人辅导的志愿队" not in panel and "尚未指派的志愿队" not in panel


def test_someone_without_the_role_sees_nothing(staff_client, mine):
    editor = factories.UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = staff_client(editor)
    # Wagtail answers a refused admin page by a redirect to the dashboard.
    assert client.get(INDEX).status_code == 302
    assert client.get(url("charter", mine)).status_code == 302
