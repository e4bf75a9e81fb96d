"""The Wagtail editor under the admin's Content Security Policy: the page editor, a StreamField block, the image
chooser and the live preview run without a single console error (a CSP violation is one)."""

import re

from playwright.sync_api import expect
from wagtail_factories import ImageFactory

from tests.cms.showroom import make_news, make_news_index


def test_edit_a_news_article(live_server, home_page, desktop_page, screenshot, django_user_model):
    django_user_model.objects.create_superuser("bianji", "editor@example.com", "e2e-pass-123")
    ImageFactory(title="志愿者合影")
    article = make_news(make_news_index(home_page), 1, title="志愿服务进社区")
    page = desktop_page
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("bianji")
    page.locator("#id_password").fill("e2e-pass-123")
    page.get_by_role("button", name=re.compile("登录")).click()

    response = page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    assert "'unsafe-eval'" not in response.headers["content-security-policy"]
    expect(page.locator("#id_title")).to_have_value("志愿服务进社区")

    # A new StreamField block.
    page.locator("button.c-sf-add-button").first.click()
    page.locator(".w-combobox__option").first.click()

    # The image chooser for the lead image: its modal lists the library.
    page.locator("[data-chooser-action-choose]").first.click()
    expect(page.get_by_text("志愿者合影").first).to_be_visible()
    page.locator('.modal [data-dismiss="modal"]').first.click()  # Escape races the modal's fade-in
    expect(page.locator(".modal-dialog")).to_have_count(0)

    # The live preview, in its same-origin frame.
    page.locator('[data-side-panel-toggle="preview"]').click()
    expect(page.frame_locator("iframe[title]").first.locator("h1")).to_contain_text("志愿服务进社区")
    screenshot(page, "admin-editor-desktop")
