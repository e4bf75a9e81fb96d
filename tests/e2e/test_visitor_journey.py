"""A citizen on a phone (inside WeChat) walks the whole showroom: home → hall → a team profile → the map → search."""

import re

import pytest
from playwright.sync_api import expect

from cms.demo.showroom import ensure_showroom
from cms.demo.site import ensure_home_page, ensure_townships
from cms.demo.teams import ensure_teams
from tests.e2e.conftest import OFFLINE_TILE_URL
from tests.factories import ensure_wagtail_roots

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def station(transactional_db, settings):
    ensure_wagtail_roots()
    settings.MAP_TILE_URL = OFFLINE_TILE_URL  # no tile server in tests; markers still draw
    ensure_townships()
    home = ensure_home_page()
    ensure_teams(home)
    ensure_showroom(home)
    return home


def test_home_hall_team_profile_map_and_search_on_a_phone(live_server, station, phone_page, screenshot):
    page = phone_page
    nav = page.get_by_role("navigation", name="主导航")
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_contain_text("博罗志愿服务总站")
    screenshot(page, "journey-1-home-phone")

    nav.get_by_role("link", name="展示厅").click()
    expect(page).to_have_url(re.compile(r"/hall/$"))
    expect(page.locator(".card--section")).to_have_count(12)
    screenshot(page, "journey-2-hall-phone")

    nav.get_by_role("link", name="志愿团队").click()
    page.get_by_role("link", name="博罗县红棉志愿服务队").click()
    expect(page.locator("h1")).to_have_text("博罗县红棉志愿服务队")
    screenshot(page, "journey-3-team-profile-phone")

    page.get_by_role("link", name="在分布图上查看附近队伍").click()
    expect(page.locator("h1")).to_have_text("志愿团队分布图")
    expect(page.locator(".team-list__item").first).to_contain_text("博罗县红棉志愿服务队")
    screenshot(page, "journey-4-map-phone")

    nav.get_by_role("link", name="搜索").click()
    page.get_by_label("关键词").fill("书吧")
    page.get_by_label("关键词").press("Enter")
    expect(page.locator(".search-results")).to_contain_text("博闻公益书吧")
    screenshot(page, "journey-5-search-phone")
