"""An applicant withdraws from the private status link in a real browser: the page keeps its link private
(``Referrer-Policy``) and its form still passes Django's CSRF origin check."""

import pytest
from playwright.sync_api import expect

from cms.demo.site import ensure_home_page, ensure_townships
from incubator.workflow import State
from tests.factories import ensure_wagtail_roots
from tests.incubator import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_applicant_withdraws_from_the_status_link(live_server, phone_page, screenshot):
    ensure_wagtail_roots()
    ensure_townships()
    ensure_home_page()
    application = factories.ApplicationFactory(organisation_name="泰美镇“邻里相助”志愿服务队")

    response = phone_page.goto(live_server.url + application.get_status_url())
    assert response.headers["referrer-policy"] == "same-origin"  # never sent to another site
    phone_page.get_by_role("link", name="撤回申请").click()
    phone_page.get_by_role("button", name="确认撤回").click()
    expect(phone_page.locator("body")).to_contain_text("已撤回")
    screenshot(phone_page, "incubator-withdrawn-phone")
    application.refresh_from_db()
    assert application.state == State.WITHDRAWN
