"""The activity board: month/week/today views, filters, print version, the activity page, the home panel, the API."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.activities import occurrences as activities
from events.models import ActivityPage, ActivityStatus
from tests.events.activities_fixtures import add_activity, bulk_activities, publish, today
from tests.factories import TeamFactory, TownshipFactory

STATION_TZ = timezone.get_default_timezone()

pytestmark = pytest.mark.django_db


def month_param(days=0):
    return f"{today() + timedelta(days=days):%Y-%m}"


def test_board_shows_the_month_with_cancelled_and_moved_marked(client, board, category, team):
    first = today().replace(day=1)
    add_activity(board, "重阳敬老探访", start_date=first + timedelta(days=2), category=category, team=team)
    add_activity(board, "垃圾分类讲座", start_date=first + timedelta(days=3), status=ActivityStatus.CANCELLED)
    moved = add_activity(board, "亲子共读会", start_date=first + timedelta(days=4))
    moved.start_date = first + timedelta(days=5)
    publish(moved)
    add_activity(board, "下个月的活动", start_date=first + timedelta(days=40))

    response = client.get(f"/activities/?month={first:%Y-%m}")
    body = response.content.decode()
    assert response.status_code == 200
    assert "重阳敬老探访" in body and "垃圾分类讲座" in body and "下个月的活动" not in body
    assert "已取消" in body and "已改期" in body
    assert f"{first.year}年{first.month}月" in body
    assert f"?month={(first + timedelta(days=40)):%Y-%m}" in body  # next month link
    assert "board-grid" in body and "board-list" in body  # grid for wide screens, list for phones

    body = client.get(f"/activities/?month={(first + timedelta(days=40)):%Y-%m}").content.decode()
    assert "下个月的活动" in body and "重阳敬老探访" not in body


def test_bad_month_falls_back_to_this_month(client, board):
    for value in ["2026-13", "abc", "1900-01", ""]:
        response = client.get(f"/activities/?month={value}")
        assert response.status_code == 200
        assert f"{today().year}年{today().month}月" in response.content.decode()


def test_filters_by_category_team_and_township(client, board, category, other_category, team):
    other_team = TeamFactory(
        name="石湾镇青年志愿服务队", slug="shiwan", township=TownshipFactory(slug="shiwan", name="石湾镇")
    )
    add_activity(board, "敬老探访", days=1, category=category, team=team)
    add_activity(board, "净山行动", days=1, category=other_category, team=other_team)
    month = f"month={today() + timedelta(days=1):%Y-%m}"

    body = client.get(f"/activities/?{month}&category=zhulao").content.decode()
    assert "敬老探访" in body and "净山行动" not in body
    assert "/events/feeds/activities/zhulao.ics" in body  # the page's feed follows the filter
    body = client.get(f"/activities/?{month}&team=shiwan").content.decode()
    assert "净山行动" in body and "敬老探访" not in body
    assert "/events/feeds/teams/shiwan.ics" in body
    body = client.get(f"/activities/?{month}&township=luoyang").content.decode()
    assert "敬老探访" in body and "净山行动" not in body
    body = client.get(f"/activities/?{month}&category=unknown").content.decode()
    assert "敬老探访" in body and "净山行动" in body  # an unknown filter is ignored


def test_week_and_today_views(client, board):
    add_activity(board, "今天的活动", days=0, start=time(23), end=time(23, 30))
    add_activity(board, "八天后的活动", days=8)
    body = client.get("/activities/?range=today").content.decode()
    assert "今天的活动" in body and "八天后的活动" not in body
    body = client.get("/activities/?range=week").content.decode()
    assert "今天的活动" in body and "八天后的活动" not in body


def test_print_version_is_a_plain_a4_sheet(client, board, series):
    body = client.get(f"/activities/?month={series.start_date:%Y-%m}&print=1").content.decode()
    assert "print.css" in body and "site-header" not in body
    assert body.count("长者饭堂助餐") >= 1


def test_recurring_series_expands_with_skip_and_move(series):
    occurrences = activities.expand(series)
    starts = [o.local_start for o in occurrences]
    monday = series.start_date
    assert starts == [
        datetime.combine(monday, time(10, 30), STATION_TZ),
        datetime.combine(monday + timedelta(weeks=2), time(10, 30), STATION_TZ),
        datetime.combine(monday + timedelta(weeks=3, days=1), time(15), STATION_TZ),
        datetime.combine(monday + timedelta(weeks=4), time(10, 30), STATION_TZ),
        datetime.combine(monday + timedelta(weeks=5), time(10, 30), STATION_TZ),
    ]
    assert occurrences[2].moved and occurrences[2].note == "改到周二下午"
    assert occurrences[2].local_end.time() == time(16, 30)


def test_monthly_recurrence_and_all_day_spans(board):
    page = add_activity(
        board,
        "每月志愿者例会",
        start_date=today().replace(day=15),
        recurrence="monthly",
        recurrence_until=today().replace(day=15) + timedelta(days=95),
    )
    assert len(activities.expand(page)) == 4
    fair = add_activity(board, "志愿服务集市", days=3, start=None, end_date=today() + timedelta(days=5))
    (occurrence,) = activities.expand(fair)
    assert occurrence.days == [today() + timedelta(days=n) for n in (3, 4, 5)]


def test_activity_page_shows_the_dates_signup_and_subscribe_box(client, series):
    body = client.get(series.url).content.decode()
    assert "长者饭堂助餐" in body and "每周一次" in body and "改到周二下午" in body and "检修" in body
    assert "webcal://testserver/events/feeds/activities/zhulao.ics" in body
    assert "<svg" in body and "复制地址" in body


def test_cancelled_activity_stays_visible_and_marked(client, board):
    page = add_activity(board, "垃圾分类讲座", days=2, status=ActivityStatus.CANCELLED, status_note="因台风预警取消")
    body = client.get(page.url).content.decode()
    assert "本活动已取消" in body and "因台风预警取消" in body and "到市志愿服务平台报名" not in body


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"end_date": "yesterday"}, "end_date"),
        ({"end_time": time(8)}, "end_time"),
        ({"recurrence": "weekly"}, "recurrence_until"),
        ({"start_time": None, "end_time": time(10)}, "start_time"),
    ],
)
def test_validation(board, fields, field):
    values = {"start_date": today(), "start_time": time(9), "end_time": time(11)} | fields
    if values.get("end_date") == "yesterday":
        values["end_date"] = today() - timedelta(days=1)
    page = ActivityPage(title="x", slug="x", **values)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert field in error.value.message_dict


def test_home_page_panel_shows_the_next_activities(client, board, home_page):
    add_activity(board, "明天的活动", days=1)
    add_activity(board, "取消的活动", days=1, status=ActivityStatus.CANCELLED)
    add_activity(board, "昨天的活动", days=-1)
    body = client.get("/").content.decode()
    assert "近期活动" in body and "明天的活动" in body
    assert "取消的活动" not in body and "昨天的活动" not in body


def test_home_panels_are_on_the_screen_too():
    from events.panels import DutyTodayPanel, UpcomingActivitiesPanel

    assert UpcomingActivitiesPanel.on_screen and DutyTodayPanel.on_screen


def test_api_lists_occurrences_with_filters(client, board, category, team, series):
    add_activity(board, "净山行动", days=2)
    start = series.start_date
    response = client.get(f"/api/activities?start={start}&end={start + timedelta(weeks=6)}&category=zhulao")
    data = response.json()
    assert response.status_code == 200
    assert [item["title"] for item in data] == ["长者饭堂助餐"] * 5
    assert data[2]["moved"] and data[2]["start"].startswith(f"{start + timedelta(weeks=3, days=1)}T15:00:00+08:00")
    assert data[0]["team_slug"] == "hongmian" and data[0]["url"].endswith("/activities/zhangzhe-fantang/")
    everything = client.get(f"/api/activities?start={today()}&end={today() + timedelta(days=60)}").json()
    assert {item["title"] for item in everything} == {"长者饭堂助餐", "净山行动"}


@pytest.mark.parametrize(
    "query",
    [
        "start=2026-12-10&end=2026-12-01",
        "start=not-a-date",
        "start=9999-12-31",
        "end=0001-01-01",
        "start=2026-01-01&end=2027-06-01",
        "category=" + "x" * 50,
    ],
)
def test_api_refuses_bad_input_with_422(client, board, query):
    assert client.get(f"/api/activities?{query}").status_code == 422


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_board_and_api_queries_do_not_grow_with_activities(client, board, category, team):
    first = today().replace(day=1)
    api = f"/api/activities?start={first}&end={first + timedelta(days=27)}"
    urls = [f"/activities/?month={first:%Y-%m}", f"/activities/?month={first:%Y-%m}&category=zhulao", api]
    bulk_activities(board, 10, category=category, team=team, first_day=first)
    for url in urls:  # warm the per-process caches (site root paths, content types)
        client.get(url)
    small = [count_queries(client, url) for url in urls]
    # 990 more, 30 a day: a crowded month
    from events.models import ActivityPage as Page

    bulk_activities(board, 990, category=category, team=team, first_day=first)
    Page.objects.filter(start_date__gt=first + timedelta(days=27)).update(
        start_date=first, starts_at=datetime.combine(first, time(9), STATION_TZ)
    )
    large = [count_queries(client, url) for url in urls]
    assert small == large
    assert client.get(urls[0]).content.decode().count("批量活动") >= 1000 // 10


def test_the_admin_can_add_activities_and_edit_categories(client, board, category):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "x")
    client.force_login(admin)
    assert client.get(f"/admin/pages/add/events/activitypage/{board.pk}/").status_code == 200
    assert client.get("/admin/snippets/events/activitycategory/").status_code == 200
    assert client.get("/admin/events_duty_shifts/").status_code == 200
    response = client.post(
        f"/admin/pages/add/events/activitypage/{board.pk}/",
        {
            "title": "社区义诊",
            "slug": "yizhen",
            "start_date": (today() + timedelta(days=3)).isoformat(),
            "start_time": "09:00",
            "end_time": "11:30",
            "location": "龙华镇文化室",
            "category": category.pk,
            "status": "confirmed",
            "recurrence": "",
            "recurrence_interval": "1",
            "occurrence_changes-TOTAL_FORMS": "0",
            "occurrence_changes-INITIAL_FORMS": "0",
            "occurrence_changes-MIN_NUM_FORMS": "0",
            "occurrence_changes-MAX_NUM_FORMS": "1000",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ActivityPage.objects.get(slug="yizhen")
    assert page.live and page.starts_at == datetime.combine(today() + timedelta(days=3), time(9), STATION_TZ)


@pytest.mark.slow
def test_activities_api_never_answers_500_to_schema_driven_input(board, series):
    """Schemathesis against the OpenAPI schema of GET /api/activities (the WSGI app, as the rooms API fuzz does)."""
    import schemathesis
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections
    from hypothesis import HealthCheck, given, settings

    from cms.wsgi import application

    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)  # keep the test's connection open across WSGI requests
    try:
        operation = schemathesis.openapi.from_wsgi("/api/openapi.json", application)["/api/activities"]["GET"]
        seen: set[int] = set()

        @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call()
            seen.add(response.status_code)
            assert response.status_code in {200, 422}, (case.formatted_path, case.query, response.text[:300])

        check()
        assert 422 in seen, seen
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def test_upcoming_reads_the_first_few_activities_not_the_next_sixty_days(board):
    bulk_activities(board, 40, first_day=today() + timedelta(days=1))
    expected = activities.occurrences_between(timezone.now(), timezone.now() + timedelta(days=60))[:5]
    with CaptureQueriesContext(connection) as captured:
        found = activities.upcoming(limit=5)
    assert [(o.activity.pk, o.start) for o in found] == [(o.activity.pk, o.start) for o in expected]
    page_queries = [q["sql"] for q in captured if "starts_at" in q["sql"] and "events_activitypage" in q["sql"]]
    assert len(page_queries) == 1 and "LIMIT 10" in page_queries[0], page_queries


def test_upcoming_reads_on_while_earlier_occurrences_may_still_come(board, series):
    """A weekly series that began before today still yields its coming dates among the first few."""
    bulk_activities(board, 25, first_day=today() + timedelta(days=1))
    now = timezone.now()
    coming = [o for o in activities.occurrences_between(now, now + timedelta(days=60)) if not o.cancelled]
    assert [(o.activity.pk, o.start) for o in activities.upcoming(limit=12)] == [
        (o.activity.pk, o.start) for o in coming[:12]
    ]


def test_the_board_selects_its_month_by_time_before_the_boards_pages(board, home_page):
    from events.models import ActivityIndexPage

    other = home_page.add_child(instance=ActivityIndexPage(title="乡镇活动", slug="towns"))
    here = add_activity(board, "本站活动", days=3)
    add_activity(other, "乡镇的活动", days=3)
    start, end = timezone.now(), timezone.now() + timedelta(days=30)
    with CaptureQueriesContext(connection) as captured:
        found = activities.occurrences_between(start, end, within=board)
    assert [o.activity.pk for o in found] == [here.pk]
    assert not [q["sql"] for q in captured if "LIKE" in q["sql"] and "events_activitypage" in q["sql"]]


def test_the_api_refuses_control_characters_in_filters_with_a_422(client, board):
    for params in ({"team": "\x00"}, {"category": "a\x00b"}):
        assert client.get("/api/activities", params).status_code == 422
