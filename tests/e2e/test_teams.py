"""Journeys: home → team directory → a team profile → the team map and "near me", on a phone; the station's screen."""

import re

import pytest
from playwright.sync_api import expect

from cms.demo.site import ensure_home_page, ensure_townships
from cms.demo.teams import ensure_screen_page, ensure_teams
from tests.e2e.conftest import OFFLINE_TILE_URL
from tests.factories import ensure_wagtail_roots


@pytest.fixture
def demo_teams(transactional_db, settings):
    """The demo home page and teams, committed for the live server."""
    ensure_wagtail_roots()
    # No tile server in the test run: tiles come from a local path that answers 404, the markers still draw.
    settings.MAP_TILE_URL = OFFLINE_TILE_URL  # no tile server in tests; markers still draw
    ensure_townships()
    home = ensure_home_page()
    ensure_teams(home)
    return home


def test_find_a_team_near_me_on_a_phone(live_server, demo_teams, phone_page, screenshot):
    page = phone_page
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="志愿团队").click()
    expect(page.locator("h1")).to_have_text("志愿团队")
    expect(page.locator(".team-card")).to_have_count(15)
    screenshot(page, "teams-directory-phone")

    page.get_by_label("所在镇街").select_option(label="罗阳街道")
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(r"township=luoyang"))
    expect(page.locator(".team-card")).to_have_count(5)

    page.get_by_role("link", name="博罗县红棉志愿服务队").click()
    expect(page.locator("h1")).to_have_text("博罗县红棉志愿服务队")
    expect(page.get_by_text("平台登记名称")).to_be_visible()
    expect(page.get_by_role("link", name="0752-6011111")).to_be_visible()
    screenshot(page, "team-profile-phone")

    page.get_by_role("link", name="在分布图上查看附近队伍").click()
    expect(page.locator("h1")).to_have_text("志愿团队分布图")
    expect(page.locator("#team-map")).to_be_visible()  # the script drew the map
    expect(page.locator("#team-map .leaflet-interactive").first).to_be_attached()
    items = page.locator(".team-list__item")
    expect(items.first).to_be_visible()
    expect(items.first).to_contain_text("步行10分钟")

    # Choose another township: the list is re-sorted, its nearest team first.
    page.get_by_label("选择所在镇街").select_option(label="长宁镇")
    page.get_by_role("button", name="查看附近队伍").click()
    expect(page.get_by_role("heading", name="离长宁镇最近的队伍")).to_be_visible()
    expect(items.first).to_contain_text("罗浮山绿色环保志愿服务队")
    expect(items.first).to_contain_text("步行10分钟")
    screenshot(page, "team-map-near-me-phone")


def test_map_list_works_without_javascript(live_server, demo_teams, browser, screenshot):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(live_server.url + "/teams/map/?township=shiwan")
        expect(page.locator("#team-map")).to_be_hidden()
        expect(page.locator(".team-list__item").first).to_contain_text("石湾镇青年志愿服务队")
        expect(page.locator("[data-locate]")).to_be_hidden()  # "use my location" needs the script
    finally:
        context.close()


def test_map_on_a_desktop(live_server, demo_teams, desktop_page, screenshot):
    desktop_page.goto(live_server.url + "/teams/map/?township=luoyang")
    expect(desktop_page.locator("#team-map")).to_be_visible()
    expect(desktop_page.locator(".team-list__item").first).to_be_visible()
    expect(desktop_page.locator(".leaflet-control-attribution")).to_contain_text("地图:Leaflet")
    # Leaflet's controls speak the page's language, not their built-in English.
    expect(desktop_page.get_by_role("button", name="放大", exact=True)).to_have_attribute("title", "放大")
    expect(desktop_page.get_by_role("button", name="缩小", exact=True)).to_be_visible()
    desktop_page.locator(".team-list__item").first.hover()
    expect(desktop_page.locator(".leaflet-popup-close-button")).to_have_attribute("aria-label", "关闭")
    screenshot(desktop_page, "team-map-desktop")


def test_use_my_location(live_server, demo_teams, desktop_page, settings):
    settings.MAP_DATUM = "gcj02"  # as with the default AutoNavi tiles
    page = desktop_page
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 23.3805, "longitude": 114.1882})  # at the foot of 罗浮山 (WGS-84)
    page.goto(live_server.url + "/teams/map/")
    page.get_by_role("button", name="使用我的位置").click()
    expect(page.get_by_role("heading", name="离您的位置最近的队伍")).to_be_visible()
    expect(page.locator(".team-list__item").first).to_contain_text("罗浮山绿色环保志愿服务队")
    lat, lng = (float(value) for value in re.search(r"lat=([\d.]+)&lng=([\d.]+)", page.url).groups())
    # Shifted to GCJ-02: in Guangdong a few hundred metres, south and east.
    assert 23.3805 - 0.005 < lat < 23.3805 and 114.1882 < lng < 114.1882 + 0.008


def test_station_screen_loops_and_refreshes(live_server, demo_teams, desktop_page, screenshot):
    screen = ensure_screen_page(demo_teams)
    page = desktop_page
    page.emulate_media(reduced_motion="reduce")  # no cross-fade: the screenshots show one slide
    page.goto(live_server.url + "/screen/")
    active = page.locator(".slide.is-active")
    expect(active).to_have_count(1)
    expect(active).to_contain_text("奉献、友爱、互助、进步")
    screenshot(page, "screen-first-slide")

    page.evaluate("window.screenMode.next()")
    expect(active.locator("img.slide__image")).to_be_visible()
    expect(active).to_contain_text("总站位于罗阳街道")
    screenshot(page, "screen-poster")

    page.evaluate("window.screenMode.next()")
    expect(active).to_contain_text("每日值班的7支特色志愿服务队伍")
    screenshot(page, "screen-duty-teams")

    screen.slides = [("notice", {"heading": "欢迎参加今晚的志愿者培训", "text": "", "duration": 10})]
    screen.save_revision().publish()
    page.evaluate("window.screenMode.refresh().then(() => window.screenMode.next())")
    expect(active).to_contain_text("欢迎参加今晚的志愿者培训")
