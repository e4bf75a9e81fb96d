"""``/api/teams``: the published volunteer teams, for the mini-program and the city platform's sync."""

from datetime import date
from decimal import Decimal

from ninja import Router, Schema

from cms.models import Team

router = Router(tags=["teams"])


class TeamOut(Schema):
    slug: str
    name: str
    speciality: str
    status: str
    member_count: int
    founded_on: date | None
    township: str | None
    township_slug: str | None
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    platform_name: str
    uniform_colour: str

    @staticmethod
    def resolve_township(team):
        return team.township.name if team.township else None

    @staticmethod
    def resolve_township_slug(team):
        return team.township.slug if team.township else None


@router.get("/teams", response=list[TeamOut])
def list_teams(request, township: str = "", speciality: str = ""):
    """Published teams; ``?township=<slug>`` and ``?speciality=`` narrow the list."""
    teams = Team.objects.published().select_related("township")
    if township:
        teams = teams.filter(township__slug=township)
    if speciality:
        teams = teams.filter(speciality=speciality)
    return teams
