"""``/api/teams``: the published volunteer teams, for the mini-program and the city platform's sync, a page at a time.

``/api/teams/near``: the same teams sorted by distance from a point or a township (the 10-minute circle).
"""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from django.conf import settings
from django.http import HttpResponse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status

from cms import team_map
from cms.geo import DATUMS, InvalidPoint
from cms.models import Team, TeamIndexPage, Township

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


PAGE_SIZE = 100


# PostgreSQL refuses a NUL in a query: a control character in a filter is a 422, never a 500.
NO_CONTROL_CHARACTERS = r"^[^\x00-\x1f]*$"


@router.get("/teams", response=list[TeamOut])
def list_teams(
    request,
    response: HttpResponse,
    township: Annotated[str, Query(max_length=100, pattern=NO_CONTROL_CHARACTERS, description="township slug")] = "",
    speciality: Annotated[str, Query(max_length=100, pattern=NO_CONTROL_CHARACTERS, description="e.g. 助老")] = "",
    limit: Annotated[int, Query(ge=1, le=PAGE_SIZE, description="teams per page (at most 100)")] = PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="how many teams to skip: 0, then 100, 200, ...")] = 0,
):
    """Published teams, a page at a time (``limit``/``offset``); ``?township=<slug>`` and ``?speciality=`` narrow
    the list. When more teams follow, the ``Link`` header names the next page (``rel="next"``)."""
    teams = Team.objects.published().select_related("township")
    if township:
        teams = teams.filter(township__slug=township)
    if speciality:
        teams = teams.filter(speciality=speciality)
    page = list(teams.order_by(*Team._meta.ordering, "pk")[offset : offset + limit + 1])
    if len(page) > limit:
        query = urlencode({k: v for k, v in request.GET.items() if k != "offset"} | {"offset": offset + limit})
        response["Link"] = f'<{request.build_absolute_uri(request.path)}?{query}>; rel="next"'
    return page[:limit]


class NearbyTeamOut(TeamOut):
    distance_m: int
    reach: str
    approximate: bool


class ErrorOut(Schema):
    detail: str


DATUM_HELP = (
    "datum of lat/lng: wgs84 (GPS, browsers, WeChat wx.getLocation by default), gcj02 (Gaode/Tencent maps, "
    "wx.getLocation({type: 'gcj02'})) or bd09 (Baidu); default: the site's own datum (%s), the datum of every "
    "latitude/longitude the API returns"
)


@router.get("/teams/near", response={200: list[NearbyTeamOut], 400: ErrorOut})
def near_teams(
    request,
    lat: str = "",
    lng: str = "",
    township: str = "",
    limit: int = 20,
    datum: Annotated[
        Literal[DATUMS] | None,  # type: ignore[valid-type]
        Query(description=DATUM_HELP % team_map.site_datum(settings)),
    ] = None,
):
    """Published teams nearest first from ``?lat=&lng=`` (with ``&datum=``) or ``?township=<slug>``.

    ``reach`` is ``walk`` (about 800 m), ``ride`` (about 3 km) or empty. A position from GPS or WeChat's
    ``wx.getLocation`` is WGS-84: send ``datum=wgs84`` and it is converted to the map's datum before measuring
    (without it, about 570 m off on Gaode's GCJ-02 map, against an 800 m walking radius).
    """
    townships = list(Township.objects.all())
    try:
        origin = team_map.origin_from_query(request.GET, townships, team_map.site_datum(settings))
    except InvalidPoint as invalid:
        return Status(400, {"detail": str(invalid)})
    if origin is None:
        return Status(400, {"detail": str(_("请提供 lat 和 lng,或 township"))})
    limit = max(1, min(limit, 100))
    teams = Team.objects.published().select_related("township").nearest(origin.point, 2 * limit + 20)
    nearby = team_map.sort_by_distance(teams, origin.point)[:limit]
    for item in nearby:
        item.team.distance_m, item.team.reach, item.team.approximate = (
            round(item.distance),
            item.reach,
            item.approximate,
        )
    return Status(200, [item.team for item in nearby])


MAX_MARKERS = 500


class MarkerOut(Schema):
    id: int
    name: str
    url: str
    lat: float
    lng: float
    colour: str
    speciality: str
    township: str
    approximate: bool


class MarkersOut(Schema):
    markers: list[MarkerOut]
    truncated: bool


@router.get("/teams/markers", response={200: MarkersOut, 400: ErrorOut}, url_name="team_markers")
def team_markers(
    request,
    south: Annotated[float, Query(ge=-90, le=90)],
    west: Annotated[float, Query(ge=-180, le=180)],
    north: Annotated[float, Query(ge=-90, le=90)],
    east: Annotated[float, Query(ge=-180, le=180)],
):
    """The team map's markers inside a box (GCJ-02 on the default tiles, like the teams' coordinates), at most 500:
    the map asks for the area it shows. ``truncated`` says that more teams are in the box (zoom in to see them)."""
    if south > north or west > east:
        return Status(400, {"detail": str(_("south 不能大于 north,west 不能大于 east"))})
    teams = list(
        Team.objects.published()
        .located()
        .filter(lat__range=(south, north), lng__range=(west, east))
        .select_related("township")
        .only("pk", "name", "slug", "uniform_colour", "speciality", "latitude", "longitude", "township")
        .order_by("name")[: MAX_MARKERS + 1]
    )
    index_page = TeamIndexPage.objects.live().public().first()
    if index_page:
        index_page._with_profile_urls(teams, request)
    for team in teams:
        team.profile_url = getattr(team, "profile_url", "")
    markers = team_map.map_markers(teams[:MAX_MARKERS], [])
    return Status(200, {"markers": markers, "truncated": len(teams) > MAX_MARKERS})
