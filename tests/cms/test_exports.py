"""The admin's CSV exports open correctly in Excel on Chinese Windows and never run a cell as a formula (issue 11),
and a large export starts at once (issue 10)."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.admin.viewsets import viewsets

from cms.exports import BYTE_ORDER_MARK, SafeExportMixin, neutralise_formula
from tests.factories import TeamFactory, TownshipFactory

TEAMS_URL = "/admin/snippets/cms/team/"
TOWNSHIPS_URL = "/admin/snippets/cms/township/"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example","点我")', '\'=HYPERLINK("http://evil.example","点我")'),
        ("+86 138 0013 8000", "'+86 138 0013 8000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("红棉志愿服务队", "红棉志愿服务队"),
        ("a=b", "a=b"),
        ("", ""),
        (-3, -3),  # numbers are numbers, not text a spreadsheet would parse
        (None, None),
    ],
)
def test_cells_that_a_spreadsheet_would_run_as_a_formula_are_made_text(value, expected):
    assert neutralise_formula(value) == expected


def test_every_export_of_the_admin_is_a_safe_one():
    """Every listing with an export, the core's and the plugins', writes its CSV through the core's helper."""
    reverse("wagtailadmin_home")  # the admin's URLs register the viewsets
    exporting = [viewset for viewset in viewsets.viewsets if isinstance(getattr(viewset, "list_export", None), list)]
    assert {viewset.name for viewset in exporting} >= {"team", "township", "incubator_applications", "events_booking"}
    unsafe = [viewset.name for viewset in exporting if not issubclass(viewset.index_view_class, SafeExportMixin)]
    assert unsafe == []


@pytest.fixture
def admin_client(client, home_page):
    client.force_login(get_user_model().objects.create_superuser("staff", "staff@example.com", "pw"))
    return client


def read_csv(response) -> tuple[bytes, list[list[str]]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content)
    return body, list(csv.reader(io.StringIO(body.decode("utf-8"))))


def test_team_export_starts_with_a_byte_order_mark_and_neutralises_formulas(admin_client):
    TeamFactory(name='=HYPERLINK("http://evil.example")', contact_name="@张三", contact_phone="+8613800138000")
    TeamFactory(name="红棉志愿服务队", contact_name="李芳", contact_phone="13800138000")
    body, rows = read_csv(admin_client.get(f"{TEAMS_URL}?export=csv"))
    assert body.startswith(BYTE_ORDER_MARK.encode())
    assert body.count(BYTE_ORDER_MARK.encode()) == 1
    header, *lines = rows
    assert header[0] == BYTE_ORDER_MARK + "名称" or header[0].startswith(BYTE_ORDER_MARK)
    by_name = {line[0]: line for line in lines}
    assert set(by_name) == {'\'=HYPERLINK("http://evil.example")', "红棉志愿服务队"}
    evil = by_name['\'=HYPERLINK("http://evil.example")']
    assert "'@张三" in evil and "'+8613800138000" in evil
    assert "李芳" in by_name["红棉志愿服务队"]


def test_an_export_of_nothing_is_a_header_with_its_byte_order_mark(admin_client):
    body, rows = read_csv(admin_client.get(f"{TOWNSHIPS_URL}?export=csv&q=无此镇街"))
    assert body.startswith(BYTE_ORDER_MARK.encode())
    assert len(rows) == 1


def test_the_export_follows_the_search_and_the_xlsx_export_still_works(admin_client):
    TownshipFactory(name="石湾镇", slug="shiwan")
    TownshipFactory(name="福田镇", slug="futian")
    _, rows = read_csv(admin_client.get(f"{TOWNSHIPS_URL}?export=csv&q=石湾"))
    assert [row[0] for row in rows[1:]] == ["石湾镇"]
    response = admin_client.get(f"{TOWNSHIPS_URL}?export=xlsx")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_an_export_needs_the_permission_to_see_the_listing(client, home_page):
    client.force_login(get_user_model().objects.create_user("nobody", "nobody@example.com", "pw", is_staff=True))
    response = client.get(f"{TEAMS_URL}?export=csv")
    assert response.status_code in (302, 403)
    assert not response.get("Content-Type", "").startswith("text/csv")
