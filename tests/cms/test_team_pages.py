"""The public team pages: directory with filters, profiles (live only), the map with near-me, and the API filter."""

import json
import math
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page
from wagtail_factories import ImageFactory

from cms.demo.teams import ensure_team_index_page
from cms.geo import GCJ02, WGS84, Point, convert
from cms.models import Team, TeamIndexPage, Township
from tests.factories import TeamFactory, TownshipFactory


@pytest.fixture
def team_index(home_page):
    return ensure_team_index_page(home_page)


@pytest.fixture
def luoyang(home_page):
    return Township.objects.get(slug="luoyang")


def bulk_teams(count, township, logo=None, start=0):
    """Many published teams at once, some with a logo, spread around the township centre."""
    Team.objects.bulk_create(
        Team(
            name=f"批量志愿服务队{n}",
            slug=f"bulk-{n}",
            speciality=["助老", "环保", "助学"][n % 3],
            township=township,
            latitude=township.latitude + Decimal(n % 50) / 1000,
            longitude=township.longitude,
            logo=logo if n % 2 else None,
            live=True,
        )
        for n in range(start, start + count)
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


class TestTeamIndexPage:
    def test_can_be_created_under_the_home_page_only_once(self, home_page, team_index):
        assert TeamIndexPage.can_create_at(home_page) is False  # max_count = 1, one exists
        assert TeamIndexPage.parent_page_types == ["cms.HomePage"]
        assert not TeamIndexPage.can_create_at(Page.get_first_root_node())

    def test_creating_one_through_the_model(self, home_page):
        page = home_page.add_child(instance=TeamIndexPage(title="志愿团队", slug="teams"))
        assert page.url == "/teams/"

    def test_directory_lists_published_teams_only(self, client, team_index, luoyang):
        TeamFactory(name="红棉志愿服务队", township=luoyang)
        TeamFactory(name="草稿队", live=False)
        response = client.get("/teams/")
        assert response.status_code == 200
        html = response.content.decode()
        assert "红棉志愿服务队" in html
        assert "草稿队" not in html
        assert "共 1 支队伍" in html

    def test_filters_by_township_and_speciality(self, client, team_index, luoyang):
        other_town = Township.objects.get(slug="shiwan")
        TeamFactory(name="罗阳助老队", township=luoyang, speciality="助老")
        TeamFactory(name="罗阳环保队", township=luoyang, speciality="环保")
        TeamFactory(name="石湾助老队", township=other_town, speciality="助老")

        html = client.get("/teams/", {"township": "luoyang"}).content.decode()
        assert "罗阳助老队" in html and "罗阳环保队" in html and "石湾助老队" not in html

        html = client.get("/teams/", {"township": "luoyang", "speciality": "助老"}).content.decode()
        assert "罗阳助老队" in html and "罗阳环保队" not in html and "石湾助老队" not in html

    def test_unknown_filter_values_are_ignored(self, client, team_index, luoyang):
        TeamFactory(name="罗阳助老队", township=luoyang)
        response = client.get("/teams/", {"township": "nowhere", "speciality": "<script>", "page": "x"})
        assert response.status_code == 200
        assert "罗阳助老队" in response.content.decode()

    def test_paginates(self, client, team_index, luoyang):
        bulk_teams(30, luoyang)
        first = client.get("/teams/").content.decode()
        second = client.get("/teams/", {"page": 2}).content.decode()
        assert first.count('class="team-card"') == 24
        assert second.count('class="team-card"') == 6
        assert "第 2 / 2 页" in second

    @pytest.mark.parametrize("url", ["/teams/", "/teams/map/", "/teams/map/?township=luoyang"])
    def test_query_count_does_not_grow_with_teams(self, client, team_index, luoyang, url):
        logo = ImageFactory()
        bulk_teams(10, luoyang, logo=logo)
        client.get(url)  # warm up: site root paths cached, logo rendition created
        with_10 = count_queries(client, url)
        bulk_teams(490, luoyang, logo=logo, start=10)
        with_500 = count_queries(client, url)
        # Near a place, a few teams make the search try each box before the whole table: fewer queries at 500.
        assert with_500 <= with_10
        assert with_500 <= 20  # Wagtail routing and the site chrome take about ten of these


class TestTeamProfile:
    def test_shows_the_volunteer_card(self, client, team_index, luoyang):
        TeamFactory(
            name="博罗县红棉志愿服务队",
            slug="hongmian",
            platform_name="博罗县红棉志愿服务队(惠州志愿服务网)",
            uniform_colour="#C8102E",
            contact_phone="0752-6011111",
            township=luoyang,
        )
        response = client.get("/teams/hongmian/")
        assert response.status_code == 200
        html = response.content.decode()
        assert '<h1 id="team-name">博罗县红棉志愿服务队</h1>' in html
        assert "平台登记名称" in html and "惠州志愿服务网" in html
        assert "--team-colour: #C8102E" in html
        assert 'href="tel:0752-6011111"' in html
        assert "/teams/map/?township=luoyang" in html

    def test_unicode_slug(self, client, team_index):
        team = TeamFactory(slug="红棉")
        assert client.get(team.get_url()).status_code == 200

    def test_draft_team_is_not_found(self, client, team_index):
        TeamFactory(slug="draft-team", live=False)
        assert client.get("/teams/draft-team/").status_code == 404
        assert client.get("/teams/no-such-team/").status_code == 404

    def test_unpublished_changes_wait_for_an_editor(self, client, team_index):
        team = TeamFactory(name="原来的名字", slug="waiting")
        team.save_revision().publish()
        team.name = "草稿里的新名字"
        team.save_revision()  # a draft, as the admin's "save draft" does

        html = client.get("/teams/waiting/").content.decode()
        assert "原来的名字" in html
        assert "草稿里的新名字" not in html
        assert Team.objects.get(pk=team.pk).has_unpublished_changes

    def test_get_url(self, home_page, team_index):
        assert TeamFactory(slug="a-team").get_url() == "/teams/a-team/"
        assert TeamFactory(slug="b-team", live=False).get_url() is None

    def test_get_url_without_a_directory(self, home_page):
        assert TeamFactory().get_url() is None

    def test_preview_renders_the_profile(self, rf, team_index):
        team = TeamFactory(name="预览中的队伍", live=False)
        request = rf.get("/")
        request.user = AnonymousUser()
        response = team.serve_preview(request, team.default_preview_mode)
        assert "预览中的队伍" in response.render().content.decode()


class TestTeamMap:
    @pytest.fixture
    def teams(self, team_index, luoyang):
        far_town = Township.objects.get(slug="gongzhuang")
        return {
            "walk": TeamFactory(name="步行可达队", township=luoyang, latitude="23.176000", longitude="114.289000"),
            "ride": TeamFactory(name="骑行可达队", township=luoyang, latitude="23.190000", longitude="114.289000"),
            "far": TeamFactory(name="公庄远方队", township=far_town, latitude="23.623000", longitude="114.402000"),
            "approx": TeamFactory(name="无坐标队", township=far_town),
            "draft": TeamFactory(
                name="草稿队", township=luoyang, latitude="23.173000", longitude="114.289000", live=False
            ),
        }

    def test_lists_every_published_team_without_a_point(self, client, teams):
        response = client.get("/teams/map/")
        assert response.status_code == 200
        html = response.content.decode()
        for name in ["步行可达队", "骑行可达队", "公庄远方队", "无坐标队"]:
            assert name in html
        assert "草稿队" not in html
        assert "全部 4 支队伍" in html

    def test_near_a_township_sorts_by_distance_and_marks_the_circle(self, client, teams):
        response = client.get("/teams/map/", {"township": "luoyang"})
        assert response.status_code == 200
        html = response.content.decode()
        order = [html.index(name) for name in ["步行可达队", "骑行可达队", "公庄远方队"]]
        assert order == sorted(order)
        assert "离罗阳街道最近的队伍" in html
        assert "步行10分钟内(约800米)1 支,骑行10分钟内(约3公里)2 支" in html
        assert re.search(
            r"步行可达队</a>\s*<span class=\"team-list__distance\">330 米</span>\s*<span class=\"tag tag--walk\">", html
        )
        assert '<option value="luoyang" selected>' in html

    def test_near_a_point(self, client, teams):
        html = client.get("/teams/map/", {"lat": "23.623", "lng": "114.402"}).content.decode()
        assert html.index("公庄远方队") < html.index("步行可达队")
        assert "离您的位置最近的队伍" in html

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"lat": "999", "lng": "114.3"}, "纬度必须在 -90 到 90 之间"),
            ({"lat": "abc", "lng": "114.3"}, "纬度不是有效的数字"),
            ({"lat": "23.1"}, "请提供经度"),
            ({"township": "atlantis"}, "找不到这个镇街"),
        ],
    )
    def test_bad_input_is_a_clear_error_not_a_crash(self, client, teams, params, message):
        response = client.get("/teams/map/", params)
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html
        assert "全部 4 支队伍" in html  # the list still works

    def test_markers_and_tiles_for_the_script(self, client, teams, settings):
        settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
        settings.MAP_TILE_ATTRIBUTION = "© 测试地图"
        response = client.get("/teams/map/", {"township": "luoyang"})
        markers = json.loads(
            re.search(r'id="team-map-markers"[^>]*>(.*?)</script>', response.content.decode()).group(1)
        )
        map_settings = response.context["map_settings"]
        assert map_settings["tileUrl"] == "https://tiles.example/{z}/{x}/{y}.png"
        assert map_settings["attribution"] == "© 测试地图"
        assert map_settings["origin"]["label"] == "罗阳街道"
        by_name = {marker["name"]: marker for marker in markers}
        assert set(by_name) == {"步行可达队", "骑行可达队", "公庄远方队", "无坐标队"}
        assert by_name["步行可达队"]["reach"] == "walk"
        assert by_name["无坐标队"]["approximate"] is True
        assert by_name["步行可达队"]["url"] == "/teams/" + teams["walk"].slug + "/"

    def test_map_controls_are_labelled_in_the_page_language(self, client, teams):
        labels = client.get("/teams/map/").context["map_settings"]["labels"]
        assert (labels["zoomIn"], labels["zoomOut"], labels["closePopup"]) == ("放大", "缩小", "关闭")
        english = client.get("/teams/map/", HTTP_ACCEPT_LANGUAGE="en").context["map_settings"]["labels"]
        assert (english["zoomIn"], english["zoomOut"], english["mapLibrary"]) == ("Zoom in", "Zoom out", "Map: Leaflet")

    def test_leaflet_is_served_from_our_static_files(self, client, teams):
        html = client.get("/teams/map/").content.decode()
        assert "/static/vendor/leaflet/leaflet.js" in html
        assert "unpkg" not in html and "cdn" not in html.lower()


class TestTeamMapAtScale:
    """The map page costs what it shows (issue 10): a bounded list and its markers; the rest by area, from the API."""

    def test_two_thousand_teams_make_a_small_page(self, client, team_index, luoyang):
        bulk_teams(2000, luoyang)
        response = client.get("/teams/map/")
        assert response.status_code == 200
        html = response.content.decode()
        assert len(response.content) <= 150 * 1024
        assert "全部 2000 支队伍" in html
        assert html.count('class="team-list__item"') == 30
        assert '<a href="/teams/">查看全部队伍</a>' in html
        markers = json.loads(re.search(r'id="team-map-markers"[^>]*>(.*?)</script>', html).group(1))
        assert len(markers) == 30
        map_settings = response.context["map_settings"]
        assert map_settings["markersUrl"] == "/api/teams/markers"
        (south, west), (north, east) = map_settings["bounds"]
        assert (round(south, 3), round(north, 3)) == (23.173, 23.222) and west == east == pytest.approx(114.289)

    def test_near_me_lists_the_nearest_thirty(self, client, team_index, luoyang):
        bulk_teams(500, luoyang)
        response = client.get("/teams/map/", {"lat": "23.173", "lng": "114.289"})
        nearby = response.context["nearby"]
        assert len(nearby) == 30
        assert [item.distance for item in nearby] == sorted(item.distance for item in nearby)
        assert nearby[0].distance < 1 and len(response.context["markers"]) == 30

    def test_a_few_teams_are_all_listed_without_the_link(self, client, team_index, luoyang):
        bulk_teams(3, luoyang)
        html = client.get("/teams/map/").content.decode()
        assert "全部 3 支队伍" in html and "查看全部队伍" not in html

    def test_the_page_makes_the_same_queries_for_70_and_500_teams(self, client, team_index, luoyang):
        bulk_teams(70, luoyang)
        client.get("/teams/map/")  # warm up: site root paths cached
        few = count_queries(client, "/teams/map/")
        bulk_teams(430, luoyang, start=70)
        assert count_queries(client, "/teams/map/") == few


class TestTeamMarkersApi:
    URL = "/api/teams/markers"

    def test_the_markers_inside_the_box_only(self, client, team_index, luoyang):
        far_town = Township.objects.get(slug="gongzhuang")
        TeamFactory(name="框内队", township=luoyang, latitude="23.176000", longitude="114.289000")
        TeamFactory(name="框外队", township=luoyang, latitude="23.623000", longitude="114.402000")
        TeamFactory(name="框内草稿队", township=luoyang, latitude="23.176000", longitude="114.289000", live=False)
        TeamFactory(name="按镇街中心的队", township=luoyang)
        TeamFactory(name="远方镇街的队", township=far_town)
        box = {"south": 23.1, "west": 114.2, "north": 23.3, "east": 114.4}
        response = client.get(self.URL, box)
        assert response.status_code == 200
        body = response.json()
        assert body["truncated"] is False
        by_name = {marker["name"]: marker for marker in body["markers"]}
        assert set(by_name) == {"框内队", "按镇街中心的队"}
        assert by_name["按镇街中心的队"]["approximate"] is True
        assert by_name["框内队"]["url"].startswith("/teams/") and by_name["框内队"]["approximate"] is False
        assert "contact_phone" not in by_name["框内队"]

    def test_at_most_500_markers_and_says_so(self, client, team_index, luoyang):
        bulk_teams(501, luoyang)
        body = client.get(self.URL, {"south": 23, "west": 114, "north": 24, "east": 115}).json()
        assert len(body["markers"]) == 500 and body["truncated"] is True

    @pytest.mark.parametrize(
        ("box", "status"),
        [
            ({"south": 24, "west": 114, "north": 23, "east": 115}, 400),
            ({"south": 23, "west": 115, "north": 24, "east": 114}, 400),
            ({"south": -91, "west": 114, "north": 23, "east": 115}, 422),
            ({"south": "x", "west": 114, "north": 23, "east": 115}, 422),
            ({"south": 23, "west": 114, "north": 24}, 422),
        ],
    )
    def test_a_bad_box_is_a_clear_error(self, client, home_page, box, status):
        response = client.get(self.URL, box)
        assert response.status_code == status


class TestTeamsApi:
    def test_filters_by_township_and_hides_drafts(self, client, home_page, luoyang):
        TeamFactory(name="罗阳队", township=luoyang)
        TeamFactory(name="石湾队", township=Township.objects.get(slug="shiwan"))
        TeamFactory(name="罗阳草稿队", township=luoyang, live=False)
        names = {team["name"] for team in client.get("/api/teams", {"township": "luoyang"}).json()}
        assert names == {"罗阳队"}
        assert {team["name"] for team in client.get("/api/teams").json()} == {"罗阳队", "石湾队"}

    def test_filters_by_speciality(self, client, home_page):
        TeamFactory(name="助学队", speciality="助学")
        TeamFactory(name="助老队", speciality="助老")
        assert [team["name"] for team in client.get("/api/teams", {"speciality": "助学"}).json()] == ["助学队"]

    def test_pages_of_at_most_a_hundred_with_a_link_to_the_next(self, client, home_page, luoyang):
        bulk_teams(150, luoyang)
        first = client.get("/api/teams")
        assert len(first.json()) == 100
        assert 'rel="next"' in first["Link"] and "offset=100" in first["Link"]
        rest = client.get("/api/teams", {"offset": 100})
        assert len(rest.json()) == 50 and "Link" not in rest
        names = [team["name"] for team in first.json() + rest.json()]
        assert len(set(names)) == 150
        assert client.get("/api/teams", {"limit": 101}).status_code == 422
        assert client.get("/api/teams", {"limit": 10, "township": "luoyang"})["Link"].count("township=luoyang") == 1

    def test_paging_is_documented(self, client, home_page):
        parameters = client.get("/api/openapi.json").json()["paths"]["/api/teams"]["get"]["parameters"]
        assert {"limit", "offset"} <= {parameter["name"] for parameter in parameters}


class TestNearTeamsApi:
    def test_only_the_nearest_are_loaded_and_the_order_is_exact(self, client, home_page, luoyang):
        from cms.geo import Point

        bulk_teams(200, luoyang)
        far = TeamFactory(name="最远队", township=luoyang, latitude="25.000000", longitude="116.000000")
        teams = client.get("/api/teams/near", {"lat": "23.17", "lng": "114.29", "limit": 5}).json()
        assert len(teams) == 5 and far.name not in [team["name"] for team in teams]
        distances = [team["distance_m"] for team in teams]
        assert distances == sorted(distances)
        every = client.get("/api/teams/near", {"lat": "23.17", "lng": "114.29", "limit": 100}).json()
        assert [team["distance_m"] for team in every[:5]] == distances
        # The database hands over the 2 × 5 + 20 nearest by a flat distance; only these are measured exactly.
        with CaptureQueriesContext(connection) as queries:
            candidates = Team.objects.published().nearest(Point(23.17, 114.29), 30)
        assert far not in candidates and len(candidates) == 30
        # A box around the origin first: the database reads the teams in the neighbourhood, not the whole table.
        [query] = queries.captured_queries
        assert "LIMIT 30" in query["sql"] and query["sql"].count("BETWEEN") == 2

    @pytest.mark.parametrize("count", [1, 3, 8, 20, 40])
    @pytest.mark.parametrize("origin", [(23.17, 114.29), (23.62, 114.40), (24.5, 113.0), (30.0, 120.0)])
    def test_the_boxes_find_what_a_search_of_every_team_finds(self, home_page, luoyang, origin, count):
        """Teams a few hundred metres to hundreds of kilometres away, on every side, some with only their township's
        centre: whichever box answers, the nearest are the ones an exhaustive search finds, in the same order."""
        from cms.geo import Point

        far_town = TownshipFactory(name="远方镇", slug="far-town", latitude="23.900000", longitude="115.100000")
        offsets = [0.002, -0.01, 0.03, -0.06, 0.2, -0.35, 1.1, -2.5, 4.0]
        for n, (dlat, dlng) in enumerate((a, b) for a in offsets for b in offsets[::2]):
            TeamFactory(
                name=f"方位队{n}",
                township=luoyang,
                latitude=Decimal("23.173000") + Decimal(str(dlat)),
                longitude=Decimal("114.289000") + Decimal(str(dlng)),
            )
        TeamFactory(name="只有镇街的队", township=far_town)
        point = Point(*origin)
        found = Team.objects.published().select_related("township").nearest(point, count)

        squeeze = math.cos(math.radians(point.latitude)) ** 2

        def flat(team):  # the database's own measure, computed here over every team
            located = team if team.latitude is not None else far_town
            lat, lng = float(located.latitude), float(located.longitude)
            return (lat - point.latitude) ** 2 + (lng - point.longitude) ** 2 * squeeze

        every = sorted(Team.objects.published(), key=lambda team: (flat(team), team.name))
        assert [team.name for team in found] == [team.name for team in every[:count]]

    def test_sorted_by_distance_with_reach(self, client, home_page, luoyang):
        TeamFactory(name="远队", township=luoyang, latitude="23.300000", longitude="114.289000")
        TeamFactory(name="近队", township=luoyang, latitude="23.176000", longitude="114.289000")
        TeamFactory(name="近处草稿队", township=luoyang, latitude="23.173000", longitude="114.289000", live=False)
        response = client.get("/api/teams/near", {"township": "luoyang"})
        assert response.status_code == 200
        teams = response.json()
        assert [team["name"] for team in teams] == ["近队", "远队"]
        assert teams[0]["reach"] == "walk" and 300 <= teams[0]["distance_m"] <= 360
        assert teams[1]["reach"] == ""

    def test_a_wechat_position_in_wgs84_is_converted_to_the_maps_datum(self, client, home_page, luoyang, settings):
        settings.MAP_DATUM = "gcj02"
        # A team 300 m north of the visitor on the GCJ-02 map; the visitor's phone reports WGS-84 (wx.getLocation).
        gps = Point(23.3805, 114.1882)
        here = convert(gps, WGS84, GCJ02)
        TeamFactory(
            name="山脚队", township=luoyang, latitude=f"{here.latitude + 0.0027:.6f}", longitude=f"{here.longitude:.6f}"
        )
        query = {"lat": str(gps.latitude), "lng": str(gps.longitude)}
        converted = client.get("/api/teams/near", query | {"datum": "wgs84"}).json()[0]
        assert converted["reach"] == "walk" and 280 <= converted["distance_m"] <= 320
        as_is = client.get("/api/teams/near", query).json()[0]  # taken as GCJ-02: about 600 m off
        assert as_is["distance_m"] > 500
        assert client.get("/api/teams/near", query | {"datum": "osgb36"}).status_code == 422

    def test_editors_coordinate_fields_name_the_datum(self):
        for model in (Team, Township):
            for name in ("latitude", "longitude"):
                help_text = str(model._meta.get_field(name).help_text)
                assert "GCJ-02" in help_text and "BD-09" in help_text

    def test_the_datum_is_documented(self, client, home_page):
        schema = client.get("/api/openapi.json").json()
        datum = next(p for p in schema["paths"]["/api/teams/near"]["get"]["parameters"] if p["name"] == "datum")
        assert datum["schema"]["anyOf"][0]["enum"] == ["wgs84", "gcj02", "bd09"]
        assert "wx.getLocation" in datum["description"]

    def test_limit(self, client, home_page, luoyang):
        bulk_teams(5, luoyang)
        assert len(client.get("/api/teams/near", {"lat": "23.17", "lng": "114.29", "limit": 2}).json()) == 2

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"lat": "999", "lng": "114"}, "纬度必须在 -90 到 90 之间"),
            ({"lat": "x", "lng": "114"}, "纬度不是有效的数字"),
            ({"township": "atlantis"}, "找不到这个镇街"),
            ({}, "请提供 lat 和 lng,或 township"),
        ],
    )
    def test_bad_input_is_a_400_with_a_message(self, client, home_page, params, message):
        response = client.get("/api/teams/near", params)
        assert response.status_code == 400
        assert message in response.json()["detail"]

    def test_query_count_does_not_grow_with_teams(self, client, home_page, luoyang, django_assert_max_num_queries):
        """A few teams make the search try every box before the whole table (the most queries it ever makes);
        many teams around the origin fill the first box."""
        bulk_teams(10, luoyang)
        with CaptureQueriesContext(connection) as with_10:
            client.get("/api/teams/near", {"township": "luoyang"})
        bulk_teams(490, luoyang, start=10)
        with django_assert_max_num_queries(len(with_10)):
            assert len(client.get("/api/teams/near", {"township": "luoyang", "limit": 100}).json()) == 100


def test_sitemap_lists_team_profiles_and_not_the_screen(client, team_index):
    from cms.demo.teams import ensure_screen_page

    ensure_screen_page(team_index.get_parent().specific)
    TeamFactory(slug="in-sitemap")
    TeamFactory(slug="draft-not-in-sitemap", live=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "/teams/</loc>" in xml
    assert "/teams/map/</loc>" in xml
    assert "/teams/in-sitemap/</loc>" in xml
    assert "draft-not-in-sitemap" not in xml
    assert "/screen/" not in xml


@pytest.mark.parametrize("field", ["township", "speciality"])
def test_the_team_list_refuses_control_characters_with_422(client, home_page, field):
    """PostgreSQL refuses a NUL in a query (a 500 before): a filter with a control character is refused first."""
    assert client.get("/api/teams", {field: "助老\x00"}).status_code == 422
    assert client.get("/api/teams", {field: "助老\x0b"}).status_code == 422
    assert client.get("/api/teams", {field: "助老"}).status_code == 200
