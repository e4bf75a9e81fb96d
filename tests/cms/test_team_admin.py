"""Teams, role models and townships in the Wagtail admin: listing, filters, search, export, drafts, permissions."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from openpyxl import load_workbook

from cms.models import RoleModel, Team, Township
from tests.factories import TeamFactory

TEAMS_URL = "/admin/snippets/cms/team/"


@pytest.fixture
def admin_client(client, home_page):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def teams(home_page):
    luoyang = Township.objects.get(slug="luoyang")
    shiwan = Township.objects.get(slug="shiwan")
    return [
        TeamFactory(name="博罗县红棉志愿服务队", township=luoyang, speciality="助老助残", on_duty_rota=True),
        TeamFactory(name="石湾镇青年志愿服务队", township=shiwan, speciality="社区服务"),
        TeamFactory(name="泰美镇邻里守望志愿服务队", status=Team.Status.INCUBATING, speciality="社区服务"),
        TeamFactory(name="草稿中的队伍", live=False, speciality="环保"),
    ]


def listed_names(response):
    html = response.content.decode()
    return {team.name for team in Team.objects.all() if team.name in html}


class TestTeamListing:
    def test_lists_all_teams_with_their_state(self, admin_client, teams):
        response = admin_client.get(TEAMS_URL)
        assert response.status_code == 200
        assert listed_names(response) == {team.name for team in teams}
        assert "孵化中" in response.content.decode()
        assert "草稿" in response.content.decode()

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"status": "incubating"}, {"泰美镇邻里守望志愿服务队"}),
            ({"speciality": "社区服务"}, {"石湾镇青年志愿服务队", "泰美镇邻里守望志愿服务队"}),
            ({"live": "false"}, {"草稿中的队伍"}),
            ({"on_duty_rota": "true"}, {"博罗县红棉志愿服务队"}),
        ],
    )
    def test_filters(self, admin_client, teams, params, expected):
        assert listed_names(admin_client.get(TEAMS_URL, params)) == expected

    def test_filter_by_township(self, admin_client, teams):
        shiwan = Township.objects.get(slug="shiwan")
        assert listed_names(admin_client.get(TEAMS_URL, {"township": shiwan.pk})) == {"石湾镇青年志愿服务队"}

    def test_search_finds_chinese_inside_a_name(self, admin_client, teams):
        assert listed_names(admin_client.get(TEAMS_URL, {"q": "红棉"})) == {"博罗县红棉志愿服务队"}
        assert listed_names(admin_client.get(TEAMS_URL, {"q": "青年"})) == {"石湾镇青年志愿服务队"}

    def test_inspect_view(self, admin_client, teams):
        response = admin_client.get(f"{TEAMS_URL}inspect/{teams[0].pk}/")
        assert response.status_code == 200
        assert "博罗县红棉志愿服务队" in response.content.decode()


class TestTeamExport:
    def test_csv_has_chinese_headings_and_names(self, admin_client, teams):
        response = admin_client.get(TEAMS_URL, {"export": "csv"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert "volunteer-teams.csv" in response["Content-Disposition"]
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0][:3] == ["队伍名称", "志愿者平台登记名称", "所在镇街"]
        names = {row[0] for row in rows[1:]}
        assert {"博罗县红棉志愿服务队", "草稿中的队伍"} <= names
        hongmian = next(row for row in rows if row[0] == "博罗县红棉志愿服务队")
        assert hongmian[2] == "罗阳街道"
        assert "活跃" in hongmian

    def test_export_respects_the_filters(self, admin_client, teams):
        response = admin_client.get(TEAMS_URL, {"export": "csv", "status": "incubating"})
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        assert "泰美镇邻里守望志愿服务队" in body
        assert "博罗县红棉志愿服务队" not in body

    def test_xlsx(self, admin_client, teams):
        response = admin_client.get(TEAMS_URL, {"export": "xlsx"})
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert "石湾镇青年志愿服务队" in names


class TestDraftAndPublish:
    def form_data(self, **overrides):
        data = {
            "name": "新成立的志愿服务队",
            "slug": "new-team",
            "platform_name": "",
            "speciality": "助学",
            "status": "incubating",
            "summary": "",
            "uniform_colour": "#123456",
            "founded_on": "",
            "member_count": "12",
            "contact_name": "",
            "contact_phone": "",
            "contact_email": "",
            "township": "",
            "address": "",
            "latitude": "",
            "longitude": "",
            "duty_order": "0",
        }
        data.update(overrides)
        return data

    def test_save_draft_then_publish(self, admin_client, client, home_page):
        from cms.demo.teams import ensure_team_index_page

        ensure_team_index_page(home_page)
        response = admin_client.post(f"{TEAMS_URL}add/", self.form_data())
        assert response.status_code == 302
        team = Team.objects.get(slug="new-team")
        assert team.live is False
        assert admin_client.get("/teams/new-team/").status_code == 404
        assert "新成立的志愿服务队" not in admin_client.get("/api/teams").content.decode()

        response = admin_client.post(f"{TEAMS_URL}edit/{team.pk}/", self.form_data(**{"action-publish": "1"}))
        assert response.status_code == 302
        team.refresh_from_db()
        assert team.live is True
        assert admin_client.get("/teams/new-team/").status_code == 200

    def test_slug_of_the_map_is_reserved(self, admin_client, home_page):
        response = admin_client.post(f"{TEAMS_URL}add/", self.form_data(slug="map"))
        assert response.status_code == 200
        assert "已被团队分布图使用" in response.content.decode()
        assert not Team.objects.filter(slug="map").exists()

    def test_bad_colour_is_refused(self, admin_client, home_page):
        response = admin_client.post(f"{TEAMS_URL}add/", self.form_data(uniform_colour="red"))
        assert response.status_code == 200
        assert "请填写形如 #C8102E 的颜色值" in response.content.decode()
        assert not Team.objects.filter(slug="new-team").exists()


class TestPermissions:
    def test_anonymous_is_sent_to_login(self, client, teams):
        response = client.get(TEAMS_URL)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]

    def test_non_staff_user_cannot_reach_the_admin(self, client, teams):
        user = get_user_model().objects.create_user("citizen", "citizen@example.com", "pw")
        client.force_login(user)
        for url in [TEAMS_URL, f"{TEAMS_URL}?export=csv", f"{TEAMS_URL}edit/{teams[0].pk}/"]:
            response = client.get(url)
            assert response.status_code in (302, 403)
            assert "博罗县红棉志愿服务队" not in response.content.decode()

    def test_editor_without_team_permissions_is_refused(self, client, teams):
        user = get_user_model().objects.create_user("writer", "writer@example.com", "pw")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)
        response = client.get(TEAMS_URL)
        assert response.status_code in (302, 403)

    def test_editors_group_with_change_permission_can_list(self, client, teams):
        group = Group.objects.create(name="团队资料编辑")
        group.permissions.add(
            Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="change_team")
        )
        user = get_user_model().objects.create_user("teams-editor", "t@example.com", "pw")
        user.groups.add(group)
        client.force_login(user)
        assert client.get(TEAMS_URL).status_code == 200


class TestOtherViewsets:
    def test_role_models_and_townships(self, admin_client, teams):
        RoleModel.objects.create(name="陈丽萍", slug="chen-liping", honour="博罗好人", team=teams[0])
        response = admin_client.get("/admin/snippets/cms/rolemodel/", {"q": "丽萍"})
        assert response.status_code == 200
        assert "陈丽萍" in response.content.decode()
        response = admin_client.get("/admin/snippets/cms/township/")
        assert "罗阳街道" in response.content.decode()
        body = b"".join(admin_client.get("/admin/snippets/cms/rolemodel/", {"export": "csv"}).streaming_content)
        assert "陈丽萍" in body.decode("utf-8-sig")
