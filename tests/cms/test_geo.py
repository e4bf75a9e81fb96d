"""The near-me rules: distances, the 10-minute circle, sorting and untrusted input."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.http import QueryDict

from cms import geo
from cms.team_map import badge_text, ink_on, map_settings, origin_from_query, reach_counts, sort_by_distance

LUOYANG = geo.Point(23.173, 114.289)


def make_team(name, lat=None, lng=None, township=None, pk=None):
    return SimpleNamespace(
        pk=pk or name,
        name=name,
        latitude=None if lat is None else Decimal(lat),
        longitude=None if lng is None else Decimal(lng),
        township=township,
    )


class TestDistance:
    def test_same_point_is_zero(self):
        assert geo.distance_m(LUOYANG, LUOYANG) == 0

    def test_one_degree_of_latitude_is_about_111_km(self):
        north = geo.Point(LUOYANG.latitude + 1, LUOYANG.longitude)
        assert geo.distance_m(LUOYANG, north) == pytest.approx(111_195, rel=1e-3)

    def test_known_distance_between_boluo_and_huizhou(self):
        huizhou = geo.Point(23.1115, 114.4152)  # 惠州市区
        assert geo.distance_m(LUOYANG, huizhou) == pytest.approx(14_700, rel=0.03)

    def test_is_symmetric(self):
        other = geo.Point(23.377, 114.196)
        assert geo.distance_m(LUOYANG, other) == pytest.approx(geo.distance_m(other, LUOYANG))

    def test_antipodes_do_not_fail(self):
        assert geo.distance_m(geo.Point(0, 0), geo.Point(0, 180)) == pytest.approx(20_015_087, rel=1e-3)


class TestReach:
    @pytest.mark.parametrize(
        ("metres", "expected"),
        [(0, geo.WALK), (800, geo.WALK), (801, geo.RIDE), (3000, geo.RIDE), (3001, ""), (50_000, "")],
    )
    def test_thresholds(self, metres, expected):
        assert geo.reach(metres) == expected

    def test_format_distance(self):
        assert geo.format_distance(347) == "350 米"
        assert geo.format_distance(2412) == "2.4 公里"


class TestParsePoint:
    def test_accepts_text_numbers_and_decimals(self):
        assert geo.parse_point(" 23.17 ", "114.29") == geo.Point(23.17, 114.29)
        assert geo.parse_point(Decimal("-90"), 180) == geo.Point(-90.0, 180.0)

    @pytest.mark.parametrize(
        ("lat", "lng", "message"),
        [
            ("999", "114", "纬度必须在 -90 到 90 之间"),
            ("23", "-181", "经度必须在 -180 到 180 之间"),
            ("abc", "114", "纬度不是有效的数字"),
            ("23", "1e999", "经度不是有效的数字"),
            ("nan", "114", "纬度不是有效的数字"),
            ("23", "", "请提供经度"),
            (None, "114", "请提供纬度"),
            (True, "114", "纬度不是有效的数字"),
        ],
    )
    def test_rejects_bad_input_with_a_message(self, lat, lng, message):
        with pytest.raises(geo.InvalidPoint) as error:
            geo.parse_point(lat, lng)
        assert str(error.value) == message


class TestSortByDistance:
    def test_nearest_first_with_reach_and_ties_by_name(self):
        far = make_team("远队", "23.377", "114.196")
        walk = make_team("乙队", "23.1765", "114.289")  # ~390 m north
        walk_tie = make_team("甲队", "23.1765", "114.289")
        ride = make_team("骑行队", "23.19", "114.289")  # ~1.9 km north
        result = sort_by_distance([far, ride, walk, walk_tie], LUOYANG)
        assert [item.team.name for item in result] == ["乙队", "甲队", "骑行队", "远队"]
        assert [item.reach for item in result] == [geo.WALK, geo.WALK, geo.RIDE, ""]
        assert reach_counts(result) == {geo.WALK: 2, geo.RIDE: 3}

    def test_team_without_coordinates_uses_its_township_centre_and_is_approximate(self):
        township = SimpleNamespace(latitude=Decimal("23.173"), longitude=Decimal("114.289"))
        result = sort_by_distance([make_team("无坐标队", township=township)], LUOYANG)
        assert result[0].distance == 0
        assert result[0].approximate is True

    def test_team_without_any_location_is_left_out(self):
        assert sort_by_distance([make_team("无处可寻队")], LUOYANG) == []


class TestOriginFromQuery:
    townships = [
        SimpleNamespace(slug="luoyang", name="罗阳街道", latitude=Decimal("23.173"), longitude=Decimal("114.289"))
    ]

    def test_township(self):
        origin = origin_from_query(QueryDict("township=luoyang"), self.townships)
        assert origin.point == LUOYANG
        assert origin.label == "罗阳街道"
        assert origin.township_slug == "luoyang"

    def test_coordinates(self):
        origin = origin_from_query(QueryDict("lat=23.2&lng=114.3"), self.townships)
        assert origin.point == geo.Point(23.2, 114.3)

    def test_nothing_asked(self):
        assert origin_from_query(QueryDict(""), self.townships) is None
        assert origin_from_query(QueryDict("township=&lat=&lng="), self.townships) is None

    def test_unknown_township(self):
        with pytest.raises(geo.InvalidPoint, match="找不到这个镇街"):
            origin_from_query(QueryDict("township=atlantis"), self.townships)

    def test_half_a_point(self):
        with pytest.raises(geo.InvalidPoint, match="请提供经度"):
            origin_from_query(QueryDict("lat=23.2"), self.townships)

    def test_a_wgs84_position_is_converted_to_the_sites_datum(self):
        # At the foot of 罗浮山: a phone's GPS position lands about 580 m away on Gaode's GCJ-02 map.
        gps = geo.Point(23.3805, 114.1882)
        origin = origin_from_query(QueryDict("lat=23.3805&lng=114.1882&datum=wgs84"), self.townships, geo.GCJ02)
        assert 550 < geo.distance_m(gps, origin.point) < 620
        assert origin.point == geo.convert(gps, geo.WGS84, geo.GCJ02)

    def test_a_point_in_the_sites_datum_is_kept(self):
        origin = origin_from_query(QueryDict("lat=23.2&lng=114.3&datum=GCJ02"), self.townships, geo.GCJ02)
        assert origin.point == geo.Point(23.2, 114.3)
        assert origin_from_query(QueryDict("lat=23.2&lng=114.3&datum=wgs84"), self.townships, geo.WGS84).point == (
            geo.Point(23.2, 114.3)
        )

    def test_a_township_centre_is_never_converted(self):
        origin = origin_from_query(QueryDict("township=luoyang&datum=bd09"), self.townships, geo.GCJ02)
        assert origin.point == LUOYANG

    def test_unknown_datum(self):
        with pytest.raises(geo.InvalidPoint, match="坐标系必须是"):
            origin_from_query(QueryDict("lat=23.2&lng=114.3&datum=osgb36"), self.townships, geo.GCJ02)


class TestDatums:
    GPS = geo.Point(23.3805, 114.1882)

    @pytest.mark.parametrize(("source", "target"), [(a, b) for a in geo.DATUMS for b in geo.DATUMS if a != b])
    def test_round_trips_within_a_metre(self, source, target):
        there = geo.convert(self.GPS, source, target)
        assert geo.distance_m(self.GPS, geo.convert(there, target, source)) < 1

    def test_known_offsets_near_boluo(self):
        gcj = geo.convert(self.GPS, geo.WGS84, geo.GCJ02)
        bd = geo.convert(self.GPS, geo.WGS84, geo.BD09)
        assert gcj.latitude < self.GPS.latitude and gcj.longitude > self.GPS.longitude  # shifted south-east here
        assert 550 < geo.distance_m(self.GPS, gcj) < 620
        assert 850 < geo.distance_m(gcj, bd) < 1000

    def test_no_shift_between_wgs84_and_gcj02_outside_china(self):
        paris = geo.Point(48.8566, 2.3522)
        assert geo.convert(paris, geo.WGS84, geo.GCJ02) == paris
        assert geo.convert(paris, geo.GCJ02, geo.WGS84) == paris

    @pytest.mark.parametrize(
        ("value", "datum"), [("", "gcj02"), (None, "gcj02"), (" WGS84 ", "wgs84"), ("bd-09", "bd09")]
    )
    def test_parse_datum(self, value, datum):
        assert geo.parse_datum(value, geo.GCJ02) == datum


class TestMapSettings:
    def test_autonavi_tiles_use_gcj02_and_their_subdomains(self):
        config = SimpleNamespace(
            MAP_TILE_URL="https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}",
            MAP_TILE_ATTRIBUTION="© 高德地图",
        )
        result = map_settings(config, None)
        assert (result["datum"], result["subdomains"], result["origin"]) == ("gcj02", "1234", None)
        assert (result["walkRadius"], result["rideRadius"]) == (800, 3000)

    def test_other_tiles_use_wgs84_unless_told(self):
        config = SimpleNamespace(MAP_TILE_URL="https://tile.example/{z}/{x}/{y}.png", MAP_TILE_ATTRIBUTION="")
        assert map_settings(config, None)["datum"] == "wgs84"
        config.MAP_DATUM = "gcj02"
        assert map_settings(config, None)["datum"] == "gcj02"


class TestInk:
    @pytest.mark.parametrize(
        ("colour", "ink"),
        [("#C8102E", "#FFFFFF"), ("#1F4E9E", "#FFFFFF"), ("#F2B705", "#1F2328"), ("#FFFFFF", "#1F2328")],
    )
    def test_readable_text_on_a_uniform_colour(self, colour, ink):
        assert ink_on(colour) == ink


@pytest.mark.parametrize(
    ("name", "township", "text"),
    [
        ("博罗县红棉志愿服务队", "", "红"),
        ("石湾镇青年志愿服务队", "石湾镇", "青"),
        ("“小篮球、大梦想”助学志愿服务队", "罗阳街道", "小"),
        ("罗浮山绿色环保志愿服务队", "长宁镇", "罗"),
        ("博罗", "", "博"),
    ],
)
def test_badge_text(name, township, text):
    assert badge_text(name, township) == text
