"""Which public pages the bench loads, and how many SQL queries each costs (first request, then the next one)."""

from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from cms.models import ExhibitionHallPage, HallSectionPage, NewsIndexPage, Team, TeamIndexPage

PAGE_NAMES = (
    "home",
    "hall",
    "hall section",
    "teams",
    "team profile",
    "board",
    "news",
    "roster",
    "room week",
    "api activities",
)


def _first_url(model) -> str | None:
    page = model.objects.live().public().order_by("path").first()
    return page.url if page else None


def _team_profile() -> str | None:
    team = Team.objects.filter(live=True).order_by("pk").first()
    return team.get_url() if team else None


def _room_week() -> str | None:
    if not apps.is_installed("events"):
        return None
    room = apps.get_model("events", "FunctionRoom").objects.order_by("pk").first()
    return reverse("events:room_week", args=[room.slug]) if room else None


def _plugin_page(app_label: str, url: str) -> str | None:
    return url if apps.is_installed(app_label) else None


def page_paths() -> dict[str, str]:
    """Each bench page's path on this site's content (the demo's), leaving out what the site lacks."""
    home = Page.objects.filter(depth=2).live().first()
    found = {
        "home": home.url if home else None,
        "hall": _first_url(ExhibitionHallPage),
        "hall section": _first_url(HallSectionPage),
        "teams": _first_url(TeamIndexPage),
        "team profile": _team_profile(),
        "board": _plugin_page("events", "/activities/"),
        "news": _first_url(NewsIndexPage),
        "roster": reverse("events:duty_roster") if apps.is_installed("events") else None,
        "room week": _room_week(),
        "api activities": _plugin_page("events", "/api/activities"),
    }
    return {name: path for name, path in found.items() if path}


def query_counts(paths: dict[str, str]) -> dict[str, tuple[int, int]]:
    """The SQL queries of a first and a second anonymous request for each path, through the whole stack."""
    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
    counts = {}
    for name, path in paths.items():
        runs = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            runs.append(len(queries))
        counts[name] = (runs[0], runs[1])
    return counts
