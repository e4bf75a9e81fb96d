"""The page cache in a real browser: a new visitor gets the page another visitor's request put in the cache, and its
forms still work for them (the language menu on every page; the room's request form behind a cached week)."""

import re

from playwright.sync_api import expect

from tests.e2e.booking_steps import fill_booking_request
from tests.events.booking_support import at, make_room


def test_a_cached_page_s_forms_work_for_a_new_visitor(live_server, site, settings, browser, phone_page, desktop_page):
    settings.PAGE_CACHE_TIMEOUT = 600
    room = make_room(name="志愿客厅(三合一功能室)", location="博罗志愿服务总站")
    day = at(3, 0).date()
    week = f"{live_server.url}{room.get_absolute_url()}?day={day.isoformat()}"
    desktop_page.goto(f"{live_server.url}/")  # the very first render creates the site's settings row: a change
    desktop_page.goto(f"{live_server.url}/")
    first = desktop_page.goto(week)
    assert first.headers.get("x-page-cache") == "miss"

    # Another visitor (no cookies of theirs) switches the cached home page to English with its language menu.
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    reader = context.new_page()
    assert reader.goto(f"{live_server.url}/").headers.get("x-page-cache") == "hit"
    reader.get_by_label("语言").select_option("en")
    expect(reader.locator("html")).to_have_attribute("lang", "en")
    expect(reader.get_by_role("link", name="Skip to content")).to_be_attached()
    context.close()

    # ... and a third one gets the week from the cache...
    visitor = phone_page
    answer = visitor.goto(week)
    assert answer.headers.get("x-page-cache") == "hit"
    assert "set-cookie" not in answer.headers
    # ... books from the cached week: the request form itself is never cached, so its CSRF token is the visitor's.
    visitor.locator("section.day.is-chosen").get_by_role("link", name=re.compile("08:00")).click()
    expect(visitor.locator("h1")).to_contain_text("申请预约")
    fill_booking_request(visitor)
    visitor.get_by_role("button", name="提交申请").click()
    expect(visitor.locator(".status")).to_contain_text("待审核")

    # The first visitor's next look at the week shows the slot taken (the booking started the cache afresh).
    desktop_page.goto(week)
    expect(desktop_page.locator("section.day.is-chosen")).to_contain_text("罗阳街道志愿服务队")
