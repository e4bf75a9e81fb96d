"""The team map's "near me" mode: where the visitor is, which teams are closest, which are within the 10-minute circle.

Works on teams and townships handed in by the caller (it makes no query), so the map view, the API and the tests
share one set of rules.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cms import geo

DARK_INK = "#1F2328"


@dataclass(frozen=True)
class Origin:
    """The point the visitor measures from: their own location or a township's centre."""

    point: geo.Point
    label: str
    township_slug: str = ""


@dataclass(frozen=True)
class NearbyTeam:
    team: object
    distance: float
    reach: str
    approximate: bool

    @property
    def distance_label(self) -> str:
        return geo.format_distance(self.distance)


def team_point(team) -> tuple[geo.Point | None, bool]:
    """The team's own coordinates, else its township's centre (``approximate`` is then True), else None."""
    if team.latitude is not None and team.longitude is not None:
        return geo.Point(float(team.latitude), float(team.longitude)), False
    if team.township is not None:
        return geo.Point(float(team.township.latitude), float(team.township.longitude)), True
    return None, False


def site_datum(settings) -> str:
    """The datum of the map's tiles, hence of every coordinate the site stores (teams, townships).

    ``MAP_DATUM`` when set; else GCJ-02 for AutoNavi's (Gaode's) tiles and WGS-84 for any other tile server.
    """
    return getattr(settings, "MAP_DATUM", "") or (geo.GCJ02 if "autonavi" in settings.MAP_TILE_URL else geo.WGS84)


def origin_from_query(params, townships, datum: str = geo.GCJ02) -> Origin | None:
    """The origin asked for by ``?township=<slug>`` or ``?lat=&lng=``; None when neither is given.

    ``datum`` is the site's (``site_datum``): a point given with ``&datum=wgs84|gcj02|bd09`` is converted to it, a
    point without one is taken as already in it. Raises ``geo.InvalidPoint`` (with a message for the visitor) for an
    unknown township, a bad coordinate or an unknown datum.
    """
    slug = (params.get("township") or "").strip()
    if slug:
        township = next((t for t in townships if t.slug == slug), None)
        if township is None:
            raise geo.InvalidPoint(_("找不到这个镇街,请从列表中选择"))
        return Origin(geo.parse_point(township.latitude, township.longitude), township.name, township.slug)
    if params.get("lat") or params.get("lng"):
        point = geo.parse_point(params.get("lat"), params.get("lng"))
        point = geo.convert(point, geo.parse_datum(params.get("datum"), datum), datum)
        return Origin(point, str(_("您的位置")))
    return None


def sort_by_distance(teams, origin: geo.Point) -> list[NearbyTeam]:
    """Teams nearest first (ties by name), each with its distance and reach; teams without any location are left out."""
    nearby = []
    for team in teams:
        point, approximate = team_point(team)
        if point is None:
            continue
        distance = geo.distance_m(origin, point)
        nearby.append(NearbyTeam(team, distance, geo.reach(distance), approximate))
    return sorted(nearby, key=lambda item: (item.distance, item.team.name))


def reach_counts(nearby: list[NearbyTeam]) -> dict[str, int]:
    return {
        geo.WALK: sum(1 for item in nearby if item.reach == geo.WALK),
        geo.RIDE: sum(1 for item in nearby if item.reach in (geo.WALK, geo.RIDE)),
    }


def map_markers(teams, nearby: list[NearbyTeam]) -> list[dict]:
    """The markers the map script draws (JSON-ready); the same teams the list shows, with their ``profile_url``."""
    reach_by_team = {item.team.pk: (item.reach, item.distance_label) for item in nearby}
    markers = []
    for team in teams:
        point, approximate = team_point(team)
        if point is None:
            continue
        reach, distance = reach_by_team.get(team.pk, ("", ""))
        markers.append(
            {
                "id": team.pk,
                "name": team.name,
                "url": team.profile_url,
                "lat": point.latitude,
                "lng": point.longitude,
                "colour": team.display_colour,
                "speciality": team.speciality,
                "township": team.township.name if team.township else "",
                "approximate": approximate,
                "reach": reach,
                "distance": str(distance),
            }
        )
    return markers


def map_settings(settings, origin: Origin | None) -> dict:
    """What the map script needs: tiles, the origin and the two circle radii."""
    autonavi = "autonavi" in settings.MAP_TILE_URL
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        # AutoNavi's tile servers are webrd01..04; Leaflet's own default is a/b/c.
        "subdomains": getattr(settings, "MAP_TILE_SUBDOMAINS", "") or ("1234" if autonavi else "abc"),
        # AutoNavi's tiles use China's GCJ-02 datum; the script shifts the browser's WGS-84 position to match.
        "datum": site_datum(settings),
        "origin": {"lat": origin.point.latitude, "lng": origin.point.longitude, "label": str(origin.label)}
        if origin
        else None,
        "walkRadius": geo.WALK_RADIUS_M,
        "rideRadius": geo.RIDE_RADIUS_M,
        "labels": {
            "origin": str(_("出发点")),
            "walk": str(_("步行10分钟")),
            "ride": str(_("骑行10分钟")),
            "locating": str(_("正在获取您的位置……")),
            "locateFailed": str(_("无法获取位置,请从列表中选择镇街")),
            # Leaflet's own controls speak English; these replace their titles and labels.
            "zoomIn": str(_("放大")),
            "zoomOut": str(_("缩小")),
            "closePopup": str(_("关闭")),
            "mapLibrary": str(_("地图:Leaflet")),
        },
    }


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ink_on(hex_colour: str) -> str:
    """White or near-black, whichever reads better on ``hex_colour`` (WCAG contrast), e.g. for a yellow uniform."""
    background = _luminance(hex_colour)
    on_white = 1.05 / (background + 0.05)
    on_dark = (background + 0.05) / (_luminance(DARK_INK) + 0.05)
    return "#FFFFFF" if on_white >= on_dark else DARK_INK


def badge_text(name: str, township_name: str = "") -> str:
    """The character on a team's badge when it has no logo: the first that tells teams apart.

    "博罗县红棉志愿服务队" → "红", "石湾镇青年志愿服务队" → "青", "“小篮球、大梦想”助学志愿服务队" → "小".
    """
    short = name
    for prefix in ("博罗县", "博罗", township_name):
        if prefix and short.startswith(prefix) and len(short) > len(prefix):
            short = short[len(prefix) :]
    return next((char for char in short if char.isalnum()), name[:1])
