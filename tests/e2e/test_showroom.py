"""The showroom journey on a phone: home → hall → a section → news → an article → search (书吧)."""

import re

import pytest
from playwright.sync_api import expect

from cms.demo.showroom import ensure_showroom
from cms.demo.site import ensure_home_page, ensure_townships
from tests.factories import ensure_wagtail_roots

pytestmark = pytest.mark.django_db(transaction=True)


def snap(page, screenshot, name):
    """A full-page screenshot with every lazy image loaded (a real visitor would scroll them into view)."""
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })")
    page.wait_for_load_state("networkidle")
    page.wait_for_function("Array.from(document.images).every(img => img.complete)")
    screenshot(page, name)


@pytest.fixture
def showroom(transactional_db):
    """The showroom's demo content (after an earlier live-server test's flush, Wagtail's roots are put back first)."""
    ensure_wagtail_roots()
    ensure_townships()
    home = ensure_home_page()
    ensure_showroom(home)
    return home


def test_showroom_journey_on_a_phone(live_server, showroom, phone_page, screenshot):
    page = phone_page
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_contain_text("博罗志愿服务总站")
    expect(page.locator(".key-figures")).to_contain_text("实名注册志愿者")
    page.wait_for_timeout(1500)  # let the counters finish counting up
    expect(page.locator(".key-figures")).to_contain_text("55,000+")
    snap(page, screenshot, "showroom-home-phone")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="展示厅").click()
    expect(page).to_have_url(re.compile(r"/hall/$"))
    expect(page.locator(".card--section")).to_have_count(12)
    snap(page, screenshot, "showroom-hall-phone")

    page.get_by_role("link", name="志愿榜样").first.click()  # the table of contents jumps to the anchor
    expect(page).to_have_url(re.compile(r"/hall/#role-models$"))
    page.locator("#role-models").get_by_role("link", name=re.compile("志愿榜样")).click()
    expect(page.locator("h1")).to_contain_text("志愿榜样")
    expect(page.locator(".person").first).to_be_visible()
    page.locator(".person__story summary").first.click()
    expect(page.locator(".person__story").first).to_have_attribute("open", "")
    snap(page, screenshot, "showroom-section-phone")

    page.get_by_role("link", name=re.compile("下一栏目")).click()
    expect(page.locator("h1")).to_contain_text("重点项目展示")
    expect(page.locator(".card--project")).to_have_count(7)
    snap(page, screenshot, "showroom-projects-section-phone")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="志愿服务动态").click()
    expect(page.locator(".card--news").first).to_contain_text("博罗县搭建“八个一”志愿服务平台")
    snap(page, screenshot, "showroom-news-phone")
    page.locator(".card--news").first.get_by_role("link").first.click()
    expect(page.locator("h1")).to_contain_text("八个一")
    snap(page, screenshot, "showroom-article-phone")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="搜索").click()
    page.get_by_label("关键词").fill("书吧")
    page.get_by_label("关键词").press("Enter")
    expect(page.locator(".search-summary")).to_contain_text("找到")
    expect(page.locator(".search-results")).to_contain_text("博闻公益书吧")
    snap(page, screenshot, "showroom-search-phone")

    page.locator(".search-results").get_by_role("link", name="博闻公益书吧", exact=True).click()
    expect(page.locator("h1")).to_have_text("博闻公益书吧")


def test_showroom_on_a_desktop(live_server, showroom, desktop_page, screenshot):
    desktop_page.goto(live_server.url + "/")
    expect(desktop_page.locator(".figures__value").first).to_have_text("55,000+")  # the counters have counted up
    snap(desktop_page, screenshot, "showroom-home-desktop")
    desktop_page.goto(live_server.url + "/hall/")
    snap(desktop_page, screenshot, "showroom-hall-desktop")
    desktop_page.goto(live_server.url + "/hall/federation-structure/")
    expect(desktop_page.locator(".org-chart")).to_contain_text("会员代表大会")
    snap(desktop_page, screenshot, "showroom-org-chart-desktop")
