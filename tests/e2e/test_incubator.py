"""The incubation journey: a new organisation applies on a phone and follows its private status link while staff move
it through all four stages in the admin; at the end an editor publishes the team the workflow left as a draft."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import expect

from cms.demo.site import ensure_home_page, ensure_townships
from cms.models import Team
from incubator.models import Application, IncubatorSettings
from incubator.workflow import MENTORS_GROUP, State
from tests.factories import ensure_wagtail_roots
from tests.incubator import factories

pytestmark = pytest.mark.django_db(transaction=True)

ORGANISATION = "泰美镇“邻里相助”志愿服务队"


@pytest.fixture
def station(transactional_db):
    ensure_wagtail_roots()  # an earlier live-server test may have flushed what the migrations made
    mentors, _ = Group.objects.get_or_create(name=MENTORS_GROUP)
    mentors.permissions.add(Permission.objects.get(content_type__app_label="incubator", codename="mentor_incubation"))
    ensure_townships()
    home = ensure_home_page()
    try:  # the showroom's team directory, when the core has it, so the published team has a public page
        from cms.demo.teams import ensure_team_index_page
    except ImportError:
        pass
    else:
        ensure_team_index_page(home)
    criteria = IncubatorSettings.load()
    criteria.min_sessions, criteria.min_activities = 1, 1
    criteria.save()
    get_user_model().objects.create_superuser("admin", "admin@example.com", "e2e-admin-password", first_name="管理员")
    factories.UserFactory(username="mentor-chen", first_name="陈导师", groups=[MENTORS_GROUP])
    return home


def apply_on_a_phone(page, base_url, screenshot):
    page.goto(base_url + "/")
    page.get_by_role("link", name="申请孵化").first.click()
    expect(page.locator("h1")).to_have_text("申请孵化")
    page.get_by_role("button", name="提交申请").click()  # empty: every required field explains itself
    expect(page.locator(".form-errors")).to_contain_text("提交未成功")
    expect(page.locator("#form-errors")).to_be_focused()  # by static/js/site.js: no inline script under the CSP
    expect(page.get_by_text("请填写组织名称。", exact=True)).to_be_visible()  # next to the field
    expect(page.locator(".form-errors").get_by_role("link", name="组织名称")).to_have_attribute(
        "href", "#id_organisation_name"
    )
    screenshot(page, "incubator-apply-errors-phone")

    page.get_by_label("组织名称").fill(ORGANISATION)
    page.get_by_label("所在镇街").select_option(label="泰美镇")
    page.get_by_label("服务领域").select_option(label="社区服务")
    page.get_by_label("成员人数").fill("12")
    page.get_by_label("组织简介").fill("泰美镇几位退休干部发起,帮助邻里老人和留守儿童。")
    page.get_by_label("发起人").fill("罗志明")
    page.get_by_label("联系电话").fill("13902760123")
    page.get_by_label("联系邮箱").fill("luo@example.com")
    page.get_by_label("计划开展的项目").fill("每周末邻里互助日;寒暑假“四点半课堂”。")
    page.get_by_label("队伍建设").check()
    page.get_by_label("资金扶持").check()
    page.get_by_label("我同意总站为办理孵化申请使用以上信息").check()
    screenshot(page, "incubator-apply-phone")
    page.get_by_role("button", name="提交申请").click()

    expect(page.locator("h1")).to_have_text("申请已提交,谢谢!")
    screenshot(page, "incubator-apply-done-phone")
    page.get_by_role("link", name="查看办理进度").click()
    expect(page.get_by_test_id("stage")).to_have_text("申请已提交")
    return page.url


def act(page, action, comment=""):
    form = page.locator(f'form[data-action="{action}"]')
    if comment:
        form.get_by_role("textbox").fill(comment)
    form.get_by_role("button").click()


def test_an_organisation_is_incubated_from_application_to_showroom(
    live_server, station, phone_page, desktop_page, screenshot
):
    status_url = apply_on_a_phone(phone_page, live_server.url, screenshot)
    screenshot(phone_page, "incubator-status-applied-phone")
    application = Application.objects.get(organisation_name=ORGANISATION)
    assert status_url.endswith(application.get_status_url())

    admin = desktop_page
    admin.goto(live_server.url + "/admin/login/")
    admin.locator("#id_username").fill("admin")
    admin.locator("#id_password").fill("e2e-admin-password")
    admin.get_by_role("button", name=re.compile("登录")).click()
    expect(admin.locator("#incubator-dashboard-section")).to_contain_text("已申请 1")

    admin.goto(live_server.url + "/admin/incubator/workflow/")
    expect(admin.locator(".incubator-workflow svg")).to_be_visible()
    screenshot(admin, "incubator-admin-workflow-desktop")
    admin.goto(live_server.url + "/admin/incubator/applications/")
    screenshot(admin, "incubator-admin-listing-desktop")
    admin.get_by_role("link", name=ORGANISATION).click()
    expect(admin.get_by_test_id("state")).to_have_text("已申请")
    admin.get_by_label("辅导导师").select_option(label="陈导师")
    admin.get_by_role("button", name="指派").click()
    expect(admin.locator(".messages")).to_contain_text("已更新辅导导师")

    act(admin, "start_mentoring", "第一次辅导约在周六上午,志愿客厅。")
    expect(admin.get_by_test_id("state")).to_have_text("辅导中")
    screenshot(admin, "incubator-admin-mentored-desktop")
    admin.set_viewport_size({"width": 390, "height": 844})  # a coordinator on a phone
    screenshot(admin, "incubator-admin-mentored-phone")
    admin.set_viewport_size({"width": 1280, "height": 900})
    phone_page.reload()
    expect(phone_page.get_by_test_id("stage")).to_have_text("导师辅导")
    expect(phone_page.get_by_text("第一次辅导约在周六上午,志愿客厅。")).to_be_visible()

    admin.get_by_text("记录一次辅导").click()
    admin.get_by_label("辅导时间").fill("2026-12-05T09:30")
    admin.get_by_label("辅导主题").fill("队伍建设与分工")
    admin.get_by_role("button", name="保存辅导记录").click()
    expect(admin.locator(".messages")).to_contain_text("辅导记录已保存")
    admin.get_by_text("登记扶持资金", exact=True).click()
    admin.get_by_label("金额(元)").fill("6000")
    admin.get_by_label("资金来源").fill("县文明办志愿服务专项资金")
    admin.get_by_role("button", name="保存", exact=True).click()
    expect(admin.locator(".messages")).to_contain_text("扶持资金已登记")

    act(admin, "grant_funding", "项目书通过评审,给予首期扶持。")
    expect(admin.get_by_test_id("state")).to_have_text("已获扶持")
    phone_page.reload()
    expect(phone_page.get_by_test_id("stage")).to_have_text("资金扶持")
    screenshot(phone_page, "incubator-status-funded-phone")

    expect(admin.locator('form[data-action="certify_mature"] button')).to_be_disabled()  # report and activities missing
    admin.get_by_role("button", name="登记已收到报告").click()
    admin.get_by_label("已开展活动次数").fill("3")
    admin.get_by_role("button", name="更新次数").click()
    act(admin, "certify_mature", "辅导、活动和资金报告均已达标。")
    expect(admin.get_by_test_id("state")).to_have_text("已成熟")
    expect(admin.locator(".incubator-admin__status")).to_contain_text("草稿,待编辑发布")
    screenshot(admin, "incubator-admin-mature-desktop")
    phone_page.reload()
    expect(phone_page.get_by_test_id("stage")).to_have_text("孵化完成")
    screenshot(phone_page, "incubator-status-mature-phone")

    team = Team.objects.get(name=ORGANISATION)
    assert (team.live, team.status) == (False, Team.Status.ACTIVE)
    assert Application.objects.get(pk=application.pk).state == State.MATURE

    # An editor reviews the draft in the Team snippet admin and publishes it.
    admin.locator(".incubator-admin__status").get_by_role("link", name=ORGANISATION).click()
    expect(admin.locator("#id_name")).to_have_value(ORGANISATION)
    admin.locator("footer [data-w-dropdown-target='toggle']").last.click()
    admin.get_by_role("button", name=re.compile("发布")).click()
    expect(admin.locator(".messages")).to_contain_text(ORGANISATION)
    team.refresh_from_db()
    assert team.live
    team_url = team.get_url()
    assert team_url, "the published team has no public URL"
    phone_page.goto(live_server.url + team_url)
    expect(phone_page.locator("h1")).to_have_text(ORGANISATION)
    screenshot(phone_page, "incubator-team-published-phone")
