"""The 点单 journey at phone width: a resident orders, staff dispatch, a team leader accepts and completes on a phone,
the resident rates from the private link, and the wall and the team's profile show it."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from PIL import Image
from playwright.sync_api import expect

from cms.demo.site import ensure_home_page, ensure_townships
from needs.models import Need, TeamLeader
from tests.factories import TeamFactory, UserFactory, ensure_wagtail_roots

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def station(transactional_db):
    ensure_wagtail_roots()  # an earlier live-server test may have flushed what the migrations made
    ensure_townships()
    home = ensure_home_page()
    from cms.demo.teams import ensure_team_index_page

    ensure_team_index_page(home)
    team = TeamFactory(name="罗阳街道“银龄”志愿服务队", slug="yinling", speciality="助老")
    get_user_model().objects.create_superuser("admin", "admin@example.com", "e2e-admin-password", first_name="周派单")
    leader = UserFactory(username="leader", first_name="张队长", password="e2e-leader-password")
    leader.user_permissions.add(
        Permission.objects.get(content_type__app_label="needs", codename="lead_team_needs"),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    TeamLeader.objects.create(user=leader, team=team)
    return team


def log_in(page, base_url, username, password):
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name=re.compile("登录")).click()


def test_a_need_from_order_to_rating(live_server, station, phone_page, desktop_page, browser, screenshot, tmp_path):
    base = live_server.url
    resident = phone_page
    resident.goto(base + "/needs/order/")
    resident.get_by_role("button", name="提交点单").click()
    expect(resident.locator(".form-errors")).to_contain_text("提交未成功")
    resident.get_by_label("需要哪类服务").select_option("助老")
    resident.get_by_label("需要什么帮助").fill("独居老人需要每周上门陪伴、打扫卫生")
    resident.get_by_label("个人").check()
    resident.get_by_label("所在镇街").select_option(label="罗阳街道")
    resident.get_by_label("详细地址").fill("罗阳街道幸福路 8 号")
    resident.get_by_label("联系人").fill("黄阿姨")
    resident.get_by_label("联系电话").fill("13912345678")
    resident.locator("#id_wanted_on").fill("2099-01-05")
    resident.get_by_label(re.compile("我同意总站")).check()
    screenshot(resident, "needs-order-phone")
    resident.get_by_role("button", name="提交点单").click()
    expect(resident.locator("h1")).to_have_text("点单已提交")
    resident.get_by_test_id("status-link").click()
    expect(resident.get_by_test_id("state")).to_have_text("待派单")
    status_url = resident.url

    staff = desktop_page
    log_in(staff, base, "admin", "e2e-admin-password")
    staff.goto(base + "/admin/needs/")
    expect(staff.get_by_test_id("needs-queue")).to_contain_text(station.name)  # suggested
    screenshot(staff, "needs-admin-queue-desktop")
    staff.get_by_role("link", name=re.compile("助老 · 罗阳街道")).click()
    form = staff.locator('form[data-action="dispatch"]')
    form.get_by_label("派给队伍").select_option(label=station.name)
    form.get_by_label("给队伍的留言").fill("请本周内联系")
    form.get_by_role("button").click()
    expect(staff.get_by_test_id("state")).to_have_text("已派单")

    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 390, "height": 844})
    leader = context.new_page()
    log_in(leader, base, "leader", "e2e-leader-password")
    leader.goto(base + "/admin/needs/")
    screenshot(leader, "needs-admin-leader-queue-phone")
    leader.get_by_role("link", name=re.compile("助老 · 罗阳街道")).click()
    expect(leader.locator("body")).not_to_contain_text("13912345678")
    leader.locator('form[data-action="accept"]').get_by_role("button").click()
    expect(leader.get_by_test_id("contact")).to_contain_text("13912345678")
    done = leader.locator('form[data-action="complete"]')
    done.get_by_label("服务日期").fill("2026-12-01")
    done.get_by_label("参与志愿者人数").fill("2")
    done.get_by_label("服务时长(小时)").fill("4")
    photo = tmp_path / "现场.jpg"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(photo, "JPEG")
    done.get_by_label("服务照片").set_input_files(photo)
    done.get_by_role("button", name="完成服务").click()
    expect(leader.get_by_test_id("state")).to_have_text("已完成")
    admin_photos = "[...document.querySelectorAll('.needs-admin__photos img')]"
    leader.wait_for_function(f"() => {admin_photos}.length === 1 && {admin_photos}.every(img => img.naturalWidth > 0)")
    screenshot(leader, "needs-admin-leader-done-phone")
    context.close()

    resident.goto(status_url)
    expect(resident.get_by_test_id("photos").locator("img")).to_have_count(1)
    resident.wait_for_function("() => document.querySelector('[data-testid=photos] img').naturalWidth === 64")
    screenshot(resident, "needs-status-photos-phone")
    resident.get_by_label("★★★★★", exact=True).check()
    resident.get_by_label("评价(可选)").fill("队员很耐心")
    resident.get_by_role("button", name="提交评价").click()
    expect(resident.get_by_test_id("state")).to_have_text("已评价")
    screenshot(resident, "needs-status-phone")
    assert Need.objects.get().rating == 5

    resident.goto(base + "/needs/")
    expect(resident.get_by_test_id("wall")).to_contain_text(station.name)
    expect(resident.locator("body")).not_to_contain_text("13912345678")
    screenshot(resident, "needs-wall-phone")
    staff.goto(base + "/needs/")
    screenshot(staff, "needs-wall-desktop")
    resident.goto(base + f"/teams/{station.slug}/")
    expect(resident.get_by_test_id("team-needs")).to_contain_text("已完成群众点单 1 件")
