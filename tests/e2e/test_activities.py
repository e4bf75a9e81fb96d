"""The activity board journey: a phone visitor browses the month, moves to next month, filters, opens an activity
and copies the calendar feed address; a desktop visitor sees the month grid, the print sheet and the duty roster."""

import re
from datetime import time, timedelta

import pytest
from playwright.sync_api import expect

from events.duty.rota import generate_rota
from events.models import ActivityStatus
from tests.events.activities_fixtures import add_activity, today
from tests.events.factories import ActivityCategoryFactory
from tests.factories import TeamFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def activity_board(home_page):
    from events.models import ActivityIndexPage

    board = home_page.add_child(instance=ActivityIndexPage(title="活动资讯", slug="activities"))
    board.save_revision().publish()
    zhulao = ActivityCategoryFactory(name="助老", slug="zhulao", colour="#C8102E")
    huanbao = ActivityCategoryFactory(name="环保", slug="huanbao", colour="#2E7D32", sort_order=1)
    hongmian = TeamFactory(name="博罗县红棉志愿服务队", slug="hongmian", on_duty_rota=True, duty_order=1)
    lvse = TeamFactory(name="罗浮山绿色环保志愿服务队", slug="lvse", on_duty_rota=True, duty_order=2)
    first = today().replace(day=1)
    add_activity(
        board,
        "重阳敬老上门探访",
        start_date=first + timedelta(days=3),
        category=zhulao,
        team=hongmian,
        location="罗阳街道北门社区",
        volunteers_wanted=20,
        summary="走访独居老人,送上慰问品。",
        signup_text="在市志愿服务平台报名",
        signup_url="https://www.gdzyz.cn/",
    )
    add_activity(
        board,
        "罗浮山净山行动",
        start_date=first + timedelta(days=9),
        category=huanbao,
        team=lvse,
        location="罗浮山景区东门",
        start=time(8, 30),
        end=time(12),
    )
    add_activity(
        board,
        "垃圾分类讲座",
        start_date=first + timedelta(days=12),
        category=huanbao,
        team=lvse,
        status=ActivityStatus.CANCELLED,
        status_note="因台风预警取消",
    )
    add_activity(board, "文明交通宣传日", start_date=first + timedelta(days=16), start=None, category=huanbao)
    next_month = (first + timedelta(days=32)).replace(day=1)
    add_activity(board, "新年志愿者交流会", start_date=next_month + timedelta(days=4), category=zhulao, team=hongmian)
    generate_rota(first, next_month - timedelta(days=1))
    return board, next_month


def test_board_on_a_phone(live_server, activity_board, phone_page, screenshot):
    board, next_month = activity_board
    page = phone_page
    page.goto(live_server.url + "/activities/")
    expect(page.locator("h1")).to_have_text("活动资讯")
    phone_list = page.locator(".board-list")
    expect(phone_list).to_be_visible()
    expect(page.locator(".board-grid")).to_be_hidden()  # the grid is for wide screens
    expect(phone_list).to_contain_text("重阳敬老上门探访")
    expect(phone_list.locator(".board-item--cancelled")).to_contain_text("垃圾分类讲座")
    screenshot(page, "activities-board-phone")

    page.get_by_role("link", name=re.compile("下个月")).click()
    expect(page).to_have_url(re.compile(f"month={next_month:%Y-%m}"))
    expect(phone_list).to_contain_text("新年志愿者交流会")
    expect(phone_list).not_to_contain_text("重阳敬老上门探访")
    page.get_by_role("link", name=re.compile("上个月")).click()
    expect(phone_list).to_contain_text("重阳敬老上门探访")

    page.get_by_label("类别").select_option("huanbao")
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile("category=huanbao"))
    expect(phone_list).to_contain_text("罗浮山净山行动")
    expect(phone_list).not_to_contain_text("重阳敬老上门探访")
    expect(page.locator("#feed-url")).to_have_value(re.compile(r"/events/feeds/activities/huanbao\.ics$"))
    screenshot(page, "activities-board-filtered-phone")

    page.get_by_role("link", name=re.compile("罗浮山净山行动")).first.click()
    expect(page.locator("h1")).to_have_text("罗浮山净山行动")
    expect(page.locator(".activity__facts")).to_contain_text("罗浮山景区东门")
    subscribe = page.get_by_role("link", name="订阅到日历")
    expect(subscribe).to_have_attribute("href", re.compile(r"^webcal://.+/events/feeds/activities/huanbao\.ics$"))
    page.get_by_role("button", name="复制地址").click()
    expect(page.locator(".feed-subscribe__status")).to_have_text("已复制")
    expect(page.locator(".feed-subscribe__qr svg")).to_be_visible()
    screenshot(page, "activity-page-phone")


def test_board_month_grid_print_and_roster_on_a_desktop(live_server, activity_board, desktop_page, screenshot):
    page = desktop_page
    page.goto(live_server.url + "/activities/")
    grid = page.locator(".board-grid")
    expect(grid).to_be_visible()
    expect(page.locator(".board-list--phone")).to_be_hidden()
    expect(grid).to_contain_text("重阳敬老上门探访")
    expect(grid.locator("td.is-today")).to_have_count(1)
    screenshot(page, "activities-board-desktop")

    page.get_by_role("link", name="打印版(A4)").click()
    expect(page.locator("h1")).to_contain_text("活动资讯")
    expect(page.locator("table")).to_contain_text("罗浮山净山行动")
    screenshot(page, "activities-print")

    page.goto(live_server.url + "/events/duty/")
    expect(page.locator(".duty-table .is-today")).to_contain_text("志愿服务队")
    screenshot(page, "duty-roster-desktop")

    page.goto(live_server.url + "/")
    expect(page.locator(".panel--duty")).to_contain_text("今日值班")
    expect(page.locator(".panel--activities")).to_contain_text("近期活动")
    screenshot(page, "home-panels-desktop")
