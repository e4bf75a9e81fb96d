"""``/api/teams``: the published volunteer teams, for the mini-program and the city platform's sync, a page at a time.

``/api/teams/near``: the same teams sorted by distance from a point or a township (the 10-minute circle).
"""

import math
from datetime import date
from decimal import Decimal
from typing import Annotated

from django.db.models import F, FloatField
from django.db.models.functions import Cast, Coalesce
from django.http import HttpResponse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status

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


PAGE_SIZE = 100


@router.get("/teams", response=list[TeamOut])
def list_teams(
    request,
    response: HttpResponse,
    township: str = "",
    speciality: str = "",
    limit: Annotated[int, Query(ge=1, le=PAGE_SIZE, description="teams per page (at most 100)")] = PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, description="how many teams to skip: 0, then 100, 200, ...")] = 0,
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


# Half-sides of the boxes tried around the origin, in kilometres: a neighbourhood, the county, the province.
NEAR_BOXES_KM = (5, 40, 300)
KM_PER_DEGREE_OF_LATITUDE = 111.2


def nearest_first(teams, origin, count: int) -> list:
    """Of ``teams``, the ``count`` nearest to ``origin`` by a flat-earth distance the database computes (its own
    coordinates, else its township's centre): only these are loaded and measured exactly by the caller.

    The database first looks inside a box around the origin (a range on each coordinate), then a larger one, and the
    whole table only when no box holds enough teams. A box's answer is kept only when its farthest team lies within
    the circle the box encloses, so no team outside the box can be nearer. Over a county or a province the flat
    distance orders teams as the great-circle one does, bar near-ties at hundreds of kilometres; asking for more than
    needed leaves room for those.
    """
    lat = Cast(Coalesce("latitude", "township__latitude"), FloatField())
    lng = Cast(Coalesce("longitude", "township__longitude"), FloatField())
    squeeze = math.cos(math.radians(origin.latitude)) ** 2  # a degree of longitude is shorter away from the equator
    flat = (lat - origin.latitude) * (lat - origin.latitude) + (lng - origin.longitude) * (
        lng - origin.longitude
    ) * squeeze
    located = teams.annotate(flat=flat).filter(flat__isnull=False).order_by(F("flat").asc(), "name")
    for km in NEAR_BOXES_KM:
        half_lat = km / KM_PER_DEGREE_OF_LATITUDE
        half_lng = half_lat / max(math.sqrt(squeeze), 0.01)
        boxed = located.alias(box_lat=lat, box_lng=lng).filter(
            box_lat__range=(origin.latitude - half_lat, origin.latitude + half_lat),
            box_lng__range=(origin.longitude - half_lng, origin.longitude + half_lng),
        )
        found = list(boxed[:count])
        enclosed = min(half_lat, half_lng * math.sqrt(squeeze))  # the radius of the circle inside the box
        if len(found) == count and found[-1].flat <= enclosed * enclosed:
            return found
    return list(located[:count])


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
    limit = max(1, min(limit, 100))
    teams = nearest_first(Team.objects.published().select_related("township"), origin.point, 2 * limit + 20)
    nearby = team_map.sort_by_distance(teams, origin.point)[:limit]
    for item in nearby:
        item.team.distance_m, item.team.reach, item.team.approximate = (
            round(item.distance),
            item.reach,
            item.approximate,
        )
    return Status(200, [item.team for item in nearby])
