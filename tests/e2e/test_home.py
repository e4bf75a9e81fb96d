"""The first journey: the home page and the Chinese admin login, at phone and desktop width."""

import re

from playwright.sync_api import expect


def test_home_page_and_admin_login(live_server, home_page, phone_page, desktop_page, screenshot):
    phone_page.goto(live_server.url + "/")
    expect(phone_page.locator("h1")).to_contain_text("博罗志愿服务总站")
    screenshot(phone_page, "home-phone")

    desktop_page.goto(live_server.url + "/admin/login/")
    expect(desktop_page).to_have_title(re.compile("登录"))
    expect(desktop_page.get_by_role("button", name=re.compile("登录"))).to_be_visible()
    screenshot(desktop_page, "admin-login-desktop")
