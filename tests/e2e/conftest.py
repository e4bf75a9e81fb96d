"""Browser journeys: Playwright driving Debian's Chromium (no browser download) against pytest-django's live server.

Where no Chromium is installed (a new user's machine) the journeys skip with a reason; on CI (CI=true) a missing
browser is a failure, so the journeys always run there.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Mobile/15E148 MicroMessenger/8.0.47 NetType/WIFI Language/zh_CN"
    ),
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make around it are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# The map's tiles in tests: one grey PNG for every tile, so no request leaves the machine and none fails (a failed
# tile is a console error, which fails a journey). Leaflet fills in {z}/{x}/{y} only where the template has them.
OFFLINE_TILE_URL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGN4+vw1AAVsArjSAflTAAAAAElFTkSuQmCC"
)


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"no Chromium at {CHROMIUM}: install Debian's chromium package to run the browser journeys"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_page(browser, options):
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai", **options)
    context.set_default_timeout(15_000)
    return context, context.new_page()


def _javascript_errors(page) -> list[str]:
    """Collect the page's uncaught exceptions and console errors (nothing is tolerated: there is no allow-list)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"pageerror at {page.url}: {error}"))
    page.on(
        "console",
        lambda message: (
            errors.append(f"console.error at {page.url}: {message.text} ({message.location})")
            if message.type == "error"
            else None
        ),
    )
    return errors


def _journey_page(browser, options):
    context, page = _new_page(browser, options)
    errors = _javascript_errors(page)
    yield page
    context.close()
    if errors:
        pytest.fail("JavaScript errors during the journey:\n" + "\n".join(errors))


@pytest.fixture
def desktop_page(browser):
    yield from _journey_page(browser, DESKTOP)


@pytest.fixture
def phone_page(browser):
    yield from _journey_page(browser, PHONE)


@pytest.fixture
def screenshot():
    """``screenshot(page, "name")`` saves a full-page PNG under tests/e2e/screenshots/ for people to look at."""

    def take(page, name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
