"""Every public page type, with the demo content, at phone and desktop width: axe-core finds no WCAG 2 A/AA violation
and no heading that skips a level.

The demo content is loaded once and every page is checked in one test: a live-server test ends with a flush, so a
second test would have to load it all again.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from cms.models import HallSectionPage, NewsPage, ProjectPage, ScreenPage, Team, TeamIndexPage
from events.models import ActivityIndexPage, ActivityPage
from tests.e2e.axe import axe_violations
from tests.e2e.conftest import OFFLINE_TILE_URL
from tests.factories import ensure_wagtail_roots

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_site(transactional_db, settings, tmp_path):
    """The site as ``make run`` shows it: ``load_initial_data`` with every plugin's demo content."""
    settings.VAR_DIR = tmp_path  # the generated admin password goes there, not into the checkout
    settings.MAP_TILE_URL = OFFLINE_TILE_URL  # no tile server in tests; markers still draw
    ensure_wagtail_roots()
    call_command("load_initial_data", stdout=io.StringIO())


def public_pages() -> dict[str, str]:
    """One URL of each public page type (name → path), looked up in the demo content."""
    team_index = TeamIndexPage.objects.live().get()
    team = Team.objects.filter(slug="hongmian").first() or Team.objects.order_by("pk").first()
    room = reverse("events:room_index")
    pages = {
        "home": "/",
        "hall": HallSectionPage.objects.live().first().get_parent().url,
        "teams": team_index.url,
        "team profile": team_index.url + team_index.reverse_subpage("team", args=[team.slug]),
        "team map": team_index.url + "map/",
        "news index": NewsPage.objects.live().first().get_parent().url,
        "news page": NewsPage.objects.live().first().url,
        "projects": ProjectPage.objects.live().first().get_parent().url,
        "project": ProjectPage.objects.live().first().url,
        "search results": reverse("search") + "?q=%E4%B9%A6%E5%90%A7",  # 书吧
        "incubator apply": reverse("incubator:apply"),
        "incubator resend link": reverse("incubator:resend_link"),
        "room index": room,
        "room week": reverse("events:room_week", args=["living-room"]),
        "booking form": reverse("events:booking_request", args=["living-room"]),
        "activity board": ActivityIndexPage.objects.live().get().url,
        "activity": ActivityPage.objects.live().filter(category__slug="wenming-jiaotong").first().url,
        "duty roster": reverse("events:duty_roster"),
        "screen": ScreenPage.objects.live().get().url,
    }
    # The role models, and then each hall section that brings a block type no section before it had.
    covered = set()
    for section in HallSectionPage.objects.live().order_by("path"):
        types = {block.block_type for block in section.body}
        if section.slug == "role-models" or not types <= covered:
            pages[f"hall section {section.slug}"] = section.url
            covered |= types
    return pages


# Pages people look at after a change to the shared components: saved under tests/e2e/screenshots/.
SCREENSHOTS = {
    "news index": "news",
    "hall section role-models": "role-models",
    "activity board": "board",
    "team map": "map",
}


def test_every_public_page_type_passes_axe_on_a_phone_and_a_desktop(
    live_server, demo_site, phone_page, desktop_page, screenshot
):
    failures = []
    for name, path in public_pages().items():
        for width, page in (("phone", phone_page), ("desktop", desktop_page)):
            # Still pages: a slide or a count-up caught mid-fade would be measured at a contrast nobody reads it at.
            page.emulate_media(reduced_motion="reduce")
            response = page.goto(live_server.url + path)
            assert response.ok, f"{name}: {path} answered {response.status}"
            page.wait_for_load_state("load")
            failures += [f"{name} ({width}, {path}): {line}" for line in axe_violations(page)]
            if name in SCREENSHOTS:
                screenshot(page, f"a11y-{SCREENSHOTS[name]}-{width}")
    assert not failures, "axe found:\n" + "\n".join(failures)
