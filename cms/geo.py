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


# Datums. Browsers, GPS and WeChat's wx.getLocation (by default) report WGS-84; Chinese map tiles (Gaode/AutoNavi,
# Tencent) and the points editors pick on them are in GCJ-02, shifted by a few hundred metres; Baidu's BD-09 shifts
# GCJ-02 by about another kilometre. Points are converted through GCJ-02; the shift applies inside China only.
WGS84 = "wgs84"
GCJ02 = "gcj02"
BD09 = "bd09"
DATUMS = (WGS84, GCJ02, BD09)

_KRASOVSKY_A = 6378245.0
_KRASOVSKY_EE = 0.00669342162296594323
_BD_X_PI = math.pi * 3000 / 180


def parse_datum(value, default: str) -> str:
    """``value`` as one of ``DATUMS`` (case-insensitive), ``default`` when empty; else ``InvalidPoint``."""
    datum = (value or "").strip().lower().replace("-", "")
    if not datum:
        return default
    if datum not in DATUMS:
        raise InvalidPoint(_("坐标系必须是 wgs84、gcj02 或 bd09"))
    return datum


def convert(point: Point, source: str, target: str) -> Point:
    """``point`` given in datum ``source``, expressed in datum ``target`` (both from ``DATUMS``)."""
    if source == target:
        return point
    lat, lng = _TO_GCJ02[source](point.latitude, point.longitude)
    return Point(*_FROM_GCJ02[target](lat, lng))


def _outside_china(lat: float, lng: float) -> bool:
    return not (72.004 <= lng <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _wgs84_to_gcj02(lat: float, lng: float) -> tuple[float, float]:
    if _outside_china(lat, lng):
        return lat, lng
    x, y = lng - 105.0, lat - 35.0
    waves = (20 * math.sin(6 * x * math.pi) + 20 * math.sin(2 * x * math.pi)) * 2 / 3
    dlat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x)) + waves
    dlat += (20 * math.sin(y * math.pi) + 40 * math.sin(y / 3 * math.pi)) * 2 / 3
    dlat += (160 * math.sin(y / 12 * math.pi) + 320 * math.sin(y * math.pi / 30)) * 2 / 3
    dlng = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x)) + waves
    dlng += (20 * math.sin(x * math.pi) + 40 * math.sin(x / 3 * math.pi)) * 2 / 3
    dlng += (150 * math.sin(x / 12 * math.pi) + 300 * math.sin(x / 30 * math.pi)) * 2 / 3
    rad_lat = math.radians(lat)
    magic = 1 - _KRASOVSKY_EE * math.sin(rad_lat) ** 2
    dlat = dlat * 180 / (_KRASOVSKY_A * (1 - _KRASOVSKY_EE) / (magic * math.sqrt(magic)) * math.pi)
    dlng = dlng * 180 / (_KRASOVSKY_A / math.sqrt(magic) * math.cos(rad_lat) * math.pi)
    return lat + dlat, lng + dlng


def _gcj02_to_wgs84(lat: float, lng: float) -> tuple[float, float]:
    # No closed form: walk back until the forward shift lands on the given point (centimetres after a few steps).
    wgs_lat, wgs_lng = lat, lng
    for _step in range(8):
        shifted_lat, shifted_lng = _wgs84_to_gcj02(wgs_lat, wgs_lng)
        wgs_lat, wgs_lng = wgs_lat + lat - shifted_lat, wgs_lng + lng - shifted_lng
    return wgs_lat, wgs_lng


def _gcj02_to_bd09(lat: float, lng: float) -> tuple[float, float]:
    z = math.hypot(lng, lat) + 0.00002 * math.sin(lat * _BD_X_PI)
    theta = math.atan2(lat, lng) + 0.000003 * math.cos(lng * _BD_X_PI)
    return z * math.sin(theta) + 0.006, z * math.cos(theta) + 0.0065


def _bd09_to_gcj02(lat: float, lng: float) -> tuple[float, float]:
    x, y = lng - 0.0065, lat - 0.006
    z = math.hypot(x, y) - 0.00002 * math.sin(y * _BD_X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * _BD_X_PI)
    return z * math.sin(theta), z * math.cos(theta)


def _same(lat: float, lng: float) -> tuple[float, float]:
    return lat, lng


_TO_GCJ02 = {WGS84: _wgs84_to_gcj02, GCJ02: _same, BD09: _bd09_to_gcj02}
_FROM_GCJ02 = {WGS84: _gcj02_to_wgs84, GCJ02: _same, BD09: _gcj02_to_bd09}
