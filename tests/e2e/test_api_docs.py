"""The API's documentation page (Swagger UI, served from the site's own static files) runs under the public Content
Security Policy without a console error."""

from playwright.sync_api import expect


def test_api_docs_render(live_server, home_page, desktop_page):
    desktop_page.goto(f"{live_server.url}/api/docs")
    expect(desktop_page.get_by_text("/api/teams/near").first).to_be_visible()
