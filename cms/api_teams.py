"""``/api/teams``: the published volunteer teams, for the mini-program and the city platform's sync.

``/api/teams/near``: the same teams sorted by distance from a point or a township (the 10-minute circle).
"""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from cms import team_map
from cms.geo import InvalidPoint
from cms.models import Team, Township

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


class NearbyTeamOut(TeamOut):
    distance_m: int
    reach: str
    approximate: bool


class ErrorOut(Schema):
    detail: str


@router.get("/teams/near", response={200: list[NearbyTeamOut], 400: ErrorOut})
def near_teams(request, lat: str = "", lng: str = "", township: str = "", limit: int = 20):
    """Published teams nearest first from ``?lat=&lng=`` or ``?township=<slug>``.

    ``reach`` is ``walk`` (about 800 m), ``ride`` (about 3 km) or empty.
    """
    townships = list(Township.objects.all())
    try:
        origin = team_map.origin_from_query(request.GET, townships)
    except InvalidPoint as invalid:
        return Status(400, {"detail": str(invalid)})
    if origin is None:
        return Status(400, {"detail": str(_("请提供 lat 和 lng,或 township"))})
    teams = Team.objects.published().select_related("township")
    nearby = team_map.sort_by_distance(teams, origin.point)[: max(1, min(limit, 100))]
    for item in nearby:
        item.team.distance_m, item.team.reach, item.team.approximate = (
            round(item.distance),
            item.reach,
            item.approximate,
        )
    return Status(200, [item.team for item in nearby])
