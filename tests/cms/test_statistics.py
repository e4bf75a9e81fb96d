"""The station's figures: the extension point, the core's team figures, the charts, the staff page and its XLSX
export, the public "数据" page and the home page's computed figures."""

import io
import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook
from wagtail import hooks

from cms import charts
from cms.models import HomePage, HomePageFigure, Team, Township
from cms.plugins import STATISTICS_HOOK, FigureSet, KeyFigure, statistics
from cms.statistics import month_after, recent_months, team_figures
from tests.factories import TeamFactory

ADMIN_URL = "/admin/statistics/"
EXPORT_URL = "/admin/statistics/export.xlsx"


@pytest.fixture(autouse=True)
def _in_chinese():
    """The figures' labels are in the active language; another test may have left English active."""
    with translation.override("zh-hans"):
        yield


def figure(key, figures):
    return next(found for found in figures if found.key == key)


@pytest.fixture
def teams(home_page):
    luoyang = Township.objects.get(slug="luoyang")
    shiwan = Township.objects.get(slug="shiwan")
    TeamFactory(
        name="红棉志愿服务队", township=luoyang, speciality="助老", member_count=40, contact_phone="13912345678"
    )
    TeamFactory(name="青年志愿服务队", township=luoyang, speciality="环保", member_count=25)
    TeamFactory(name="邻里守望志愿服务队", township=shiwan, speciality="助老", member_count=10)
    TeamFactory(name="无镇街的队伍", township=None, speciality="", member_count=5)
    TeamFactory(name="草稿中的队伍", township=shiwan, speciality="助老", member_count=99, live=False)


@pytest.fixture
def staff_client(client, home_page):
    user = get_user_model().objects.create_superuser("staff", "staff@example.com", "pw")
    client.force_login(user)
    return client


def staff_only_figures(request):
    return [
        FigureSet(
            key="staff-only",
            title="仅内部的数字",
            label_heading="项",
            columns=("数量",),
            rows=(("内部项", (7,)),),
            public=False,
        )
    ]


class TestTeamFigures:
    def test_published_teams_and_members_by_township_and_speciality(self, teams):
        figures = team_figures(None)
        by_township = figure("teams-by-township", figures)
        assert by_township.rows == (("罗阳街道", (2, 65)), ("石湾镇", (1, 10)), ("未填镇街", (1, 5)))
        assert by_township.chart_columns == (0,)
        assert figure("teams-by-speciality", figures).rows == (("助老", (2,)), ("环保", (1,)), ("未填领域", (1,)))
        assert [(key.value, key.label) for key in by_township.key_figures] == [(4, "志愿团队"), (80, "团队队员")]

    def test_query_count_does_not_grow_with_teams(self, home_page):
        township = Township.objects.get(slug="luoyang")

        def add(count, start):
            Team.objects.bulk_create(
                Team(name=f"队伍{n}", slug=f"t-{n}", township=township, speciality=f"领域{n % 7}", live=True)
                for n in range(start, start + count)
            )

        add(10, 0)
        with CaptureQueriesContext(connection) as with_10:
            team_figures(None)
        add(990, 10)
        with CaptureQueriesContext(connection) as with_1000:
            figures = team_figures(None)
        assert len(with_1000) == len(with_10) == 2
        assert figure("teams-by-township", figures).rows[0][1][0] == 1000


class TestExtensionPoint:
    def test_figures_come_in_their_order_and_public_drops_staff_only_ones(self, teams):
        with hooks.register_temporarily(STATISTICS_HOOK, staff_only_figures):
            everything = [found.key for found in statistics(None)]
            public = [found.key for found in statistics(None, public=True)]
        assert everything[:2] == ["teams-by-township", "teams-by-speciality"]
        assert "staff-only" in everything
        assert "staff-only" not in public

    def test_a_row_needs_a_value_per_column(self):
        with pytest.raises(ValueError, match="one value per column"):
            FigureSet(key="x", title="x", label_heading="x", columns=("a", "b"), rows=(("x", (1,)),))

    def test_recent_months_end_with_the_current_month(self):
        months = recent_months(today=date(2026, 2, 17))
        assert months[0] == date(2025, 3, 1)
        assert months[-1] == date(2026, 2, 1)
        assert len(months) == 12
        assert month_after(date(2025, 12, 1)) == date(2026, 1, 1)


class TestCharts:
    def make(self, chart, rows=(("罗阳街道", (3, 2)), ("石湾镇", (1, 0)))):
        return FigureSet(key="k", title="标题", label_heading="镇街", columns=("甲", "乙"), rows=rows, chart=chart)

    @pytest.mark.parametrize("kind", ["bar", "stacked", "line"])
    def test_chart_is_a_labelled_image(self, kind):
        svg = str(charts.chart(self.make(kind)))
        assert svg.startswith('<svg class="chart" role="img" aria-labelledby="chart-k-title"')
        assert '<title id="chart-k-title">标题</title>' in svg
        assert "甲" in svg and "乙" in svg  # the legend

    def test_bars_are_proportional(self):
        svg = str(charts.chart(self.make("bar", rows=(("a", (4, 2)),))))
        widths = [
            float(width) for width in re.findall(rf'<rect x="{charts.LABEL_WIDTH}" y="[\d.]+" width="([\d.]+)"', svg)
        ]
        assert widths[0] == pytest.approx(2 * widths[1])

    def test_labels_are_escaped(self):
        svg = str(charts.chart(self.make("bar", rows=(("<script>", (1, 1)),))))
        assert "<script>" not in svg

    def test_an_empty_figure_has_no_chart(self):
        assert charts.chart(self.make("bar", rows=())) == ""


class TestStaffPage:
    def test_requires_login(self, client, home_page):
        for url in (ADMIN_URL, EXPORT_URL):
            response = client.get(url)
            assert response.status_code == 302
            assert "/admin/login/" in response["Location"]

    def test_requires_admin_access(self, client, home_page):
        user = get_user_model().objects.create_user("visitor", "v@example.com", "pw")
        client.force_login(user)
        assert client.get(ADMIN_URL).status_code in (302, 403)
        assert client.get(EXPORT_URL).status_code in (302, 403)
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        assert client.get(ADMIN_URL).status_code == 200

    def test_shows_every_figure_with_chart_and_table_and_menu_item(self, staff_client, teams):
        with hooks.register_temporarily(STATISTICS_HOOK, staff_only_figures):
            html = staff_client.get(ADMIN_URL).content.decode()
        assert "各镇街的志愿团队" in html
        assert 'role="img"' in html
        assert '<th scope="row">罗阳街道</th>' in html
        assert "仅内部的数字" in html
        assert EXPORT_URL in html
        assert ADMIN_URL in staff_client.get("/admin/").content.decode()  # the menu item

    def test_xlsx_export_has_one_sheet_per_figure(self, staff_client, teams):
        response = staff_client.get(EXPORT_URL)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        book = load_workbook(io.BytesIO(response.content))
        keys = [found.title for found in statistics(None)]
        assert book.sheetnames == keys
        rows = list(book["各镇街的志愿团队"].iter_rows(values_only=True))
        assert rows[1] == ("镇街", "团队数", "队员人数")
        assert ("罗阳街道", 2, 65) in rows


class TestPublicPage:
    def test_renders_charts_and_tables_without_personal_data(self, client, teams):
        with hooks.register_temporarily(STATISTICS_HOOK, staff_only_figures):
            response = client.get("/data/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "<svg" in html and 'role="img"' in html
        assert "<table" in html and '<th scope="row">罗阳街道</th>' in html
        assert "仅内部的数字" not in html
        assert "13912345678" not in html  # a team's contact phone
        assert "红棉志愿服务队" not in html  # figures are totals, not lists of teams

    def test_is_cached_for_a_while(self, client, teams):
        client.get("/data/")
        TeamFactory(name="新队伍", township=Township.objects.get(slug="luoyang"))
        html = client.get("/data/").content.decode()
        assert '<th scope="row">罗阳街道</th><td>2</td>' in html


class TestHomeFigures:
    def test_edited_figures_by_default(self, client, home_page, teams):
        HomePageFigure.objects.create(page=home_page, value=55000, suffix="+", label="实名注册志愿者")
        html = client.get("/").content.decode()
        assert "55,000+" in html
        assert "志愿团队" not in html.split('id="figures-heading"')[1].split("</section>")[0]

    def test_computed_figures_when_the_editor_chooses_them(self, client, home_page, teams):
        HomePageFigure.objects.create(page=home_page, value=55000, suffix="+", label="实名注册志愿者")
        HomePage.objects.filter(pk=home_page.pk).update(figures_source=HomePage.FiguresSource.COMPUTED)
        html = client.get("/").content.decode()
        figures_html = html.split('id="figures-heading"')[1].split("</section>")[0]
        assert "55,000+" not in figures_html
        assert 'data-count-to="4"' in figures_html and "志愿团队" in figures_html
        assert 'data-count-to="80"' in figures_html and "团队队员" in figures_html

    def test_key_figure_display(self):
        assert KeyFigure(12345, "x", "人").display_value == "12,345人"
