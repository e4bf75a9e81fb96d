"""Distances for the team map's "near me" mode and the 10-minute volunteer-service circle (10分钟志愿服务圈).

Pure functions, no database: a point is parsed from untrusted input, distances are great-circle distances, and a
distance is classed as within a ten-minute walk or a ten-minute ride.
"""

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

EARTH_RADIUS_M = 6_371_000
# Ten minutes on foot at about 4.8 km/h, and ten minutes on an e-bike at about 18 km/h.
WALK_RADIUS_M = 800
RIDE_RADIUS_M = 3_000

WALK = "walk"
RIDE = "ride"


class InvalidPoint(ValueError):
    """The given latitude/longitude cannot be a point on Earth; ``str(error)`` is a message for the visitor."""


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def parse_point(latitude, longitude) -> Point:
    """A ``Point`` from two untrusted values (query-string text, numbers or decimals).

    Raises ``InvalidPoint`` with a message for the visitor when a value is missing, not a finite number, or out of
    range (latitude -90..90, longitude -180..180).
    """
    lat = _parse_coordinate(latitude, _("纬度"))
    lng = _parse_coordinate(longitude, _("经度"))
    if not -90 <= lat <= 90:
        raise InvalidPoint(_("纬度必须在 -90 到 90 之间"))
    if not -180 <= lng <= 180:
        raise InvalidPoint(_("经度必须在 -180 到 180 之间"))
    return Point(lat, lng)


def _parse_coordinate(value, label) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidPoint(_("请提供%(label)s") % {"label": label})
    if isinstance(value, bool):
        raise InvalidPoint(_("%(label)s不是有效的数字") % {"label": label})
    try:
        number = float(Decimal(str(value).strip()))
    except (InvalidOperation, ValueError):
        raise InvalidPoint(_("%(label)s不是有效的数字") % {"label": label}) from None
    if not math.isfinite(number):
        raise InvalidPoint(_("%(label)s不是有效的数字") % {"label": label})
    return number


def distance_m(a: Point, b: Point) -> float:
    """The great-circle (haversine) distance between two points, in metres."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlng = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlng / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def reach(distance: float) -> str:
    """``WALK`` within a ten-minute walk, ``RIDE`` within a ten-minute ride, else an empty string."""
    if distance <= WALK_RADIUS_M:
        return WALK
    if distance <= RIDE_RADIUS_M:
        return RIDE
    return ""


def format_distance(distance: float) -> str:
    """``"350 米"`` under a kilometre, ``"2.4 公里"`` above."""
    if distance < 1000:
        return _("%(metres)d 米") % {"metres": round(distance / 10) * 10}
    return _("%(km).1f 公里") % {"km": distance / 1000}
