"""Demo volunteer teams of Boluo county (the seven featured duty teams and a few others), their directory and the
station's screen. Idempotent: existing teams and pages, perhaps edited since, are left alone.
"""

from decimal import Decimal

from cms.demo.content import (
    DUTY_TEAMS,
    OTHER_TEAMS,
    SCREEN_PAGE,
    SCREEN_POSTER,
    SCREEN_POSTER_SLIDE,
    SCREEN_SLIDES,
    TEAM_INDEX_PAGE,
)
from cms.demo.images import demo_image
from cms.demo.pages import ensure_child_page
from cms.models import ScreenPage, Team, TeamIndexPage, Township

DUTY_TEAM_SLUGS = [row["slug"] for row in DUTY_TEAMS]


def _create_team(row: dict, township: Township | None, **extra) -> None:
    """Save a new demo team and publish it, so its history starts with a revision like an editor's would."""
    fields = {
        **row,
        **extra,
        "township": township,
        "latitude": Decimal(row["latitude"]),
        "longitude": Decimal(row["longitude"]),
        "platform_name": row["name"],
        "live": False,
    }
    team = Team.objects.create(**fields)
    team.save_revision().publish()


def _on_duty(order: int) -> dict:
    """What a featured team has besides its row: a desk phone, and its turn on the duty rota."""
    phone = f"0752-6{order:02d}{order * 1111 % 10000:04d}"
    return {"contact_phone": phone, "status": Team.Status.ACTIVE, "on_duty_rota": True}


def ensure_teams(home=None) -> list[Team]:
    """The demo teams, created once. Returns all of them; given the home page, also the directory and the screen."""
    townships = {township.slug: township for township in Township.objects.all()}
    slugs = [row["slug"] for row in DUTY_TEAMS + OTHER_TEAMS]
    existing = set(Team.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    for order, row in enumerate(DUTY_TEAMS + OTHER_TEAMS, start=1):
        if row["slug"] in existing:
            continue
        on_duty = _on_duty(order) if order <= len(DUTY_TEAMS) else {}
        _create_team(row, townships.get(row["township"]), duty_order=order, **on_duty)
    if home is not None:
        ensure_team_index_page(home)
        ensure_screen_page(home)
    return list(Team.objects.filter(slug__in=slugs))


def ensure_team_index_page(home) -> TeamIndexPage:
    return ensure_child_page(home, TeamIndexPage, lambda: TeamIndexPage(**TEAM_INDEX_PAGE))


def _new_screen_page() -> ScreenPage:
    """The screen's loop: the slides of the content, with the welcome poster second."""
    poster = demo_image(**SCREEN_POSTER)
    slides = [SCREEN_SLIDES[0], ("image", {"image": poster, **SCREEN_POSTER_SLIDE}), *SCREEN_SLIDES[1:]]
    return ScreenPage(**SCREEN_PAGE, slides=slides)


def ensure_screen_page(home) -> ScreenPage:
    return ensure_child_page(home, ScreenPage, _new_screen_page)
