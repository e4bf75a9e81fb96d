"""The iCalendar feeds: four strict parsers accept every feed; UIDs, SEQUENCE, STATUS, recurrence, caching, tokens."""

import time as clock
from datetime import datetime, time, timedelta

import icalendar
import pytest
import recurring_ical_events
import vobject
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from ical.calendar_stream import IcsCalendarStream

from events.duty.rota import generate_rota
from events.ical.writer import fold
from events.models import ActivityPage, ActivityStatus, Booking, BookingStatus, FeedToken
from tests.events.activities_fixtures import add_activity, bulk_activities, publish, today
from tests.events.booking_support import at, make_room
from tests.events.factories import BookingFactory, FeedTokenFactory

STATION_TZ = timezone.get_default_timezone()

pytestmark = pytest.mark.django_db


def make_booking(room, start, end, status, **fields):
    return BookingFactory(room=room, start=start, end=end, status=status, **fields)


@pytest.fixture
def content(board, category, other_category, team, series):
    """One of everything a feed can hold."""
    add_activity(board, "重阳敬老探访", days=2, category=category, team=team, location="北门社区")
    add_activity(
        board, "文明交通宣传日", days=3, start=None, end_date=today() + timedelta(days=4), category=other_category
    )
    add_activity(board, "垃圾分类讲座", days=5, category=other_category, status=ActivityStatus.CANCELLED)
    generate_rota(today(), today() + timedelta(days=13))
    room = make_room("living-room", name="志愿客厅")
    make_booking(room, at(3, 9), at(3, 11), BookingStatus.CONFIRMED)
    make_booking(room, at(4, 14), at(4, 16), BookingStatus.REQUESTED, organiser_name="个人:王小明")
    make_booking(room, at(5, 14), at(5, 16), BookingStatus.CANCELLED)
    return {"room": room, "token": FeedTokenFactory(user__username="staff", label="办公室")}


def feed_urls(content):
    return [
        "/events/feeds/activities.ics",
        "/events/feeds/activities/zhulao.ics",
        "/events/feeds/activities/huanbao.ics",
        "/events/feeds/teams/hongmian.ics",
        "/events/feeds/duty.ics",
        "/events/feeds/rooms/living-room.ics",
        f"/events/feeds/private/{content['token'].token}.ics",
    ]


def parse_with_all(body: bytes):
    """Every parser must accept the feed; returns icalendar's calendar."""
    text = body.decode()
    calendar = icalendar.Calendar.from_ical(body)
    for event in calendar.walk("VEVENT"):
        assert event.get("UID") and event.get("DTSTAMP") and event.get("DTSTART")
    parsed = vobject.readOne(text)
    for event in getattr(parsed, "vevent_list", []):
        assert event.dtstart.value
    IcsCalendarStream.calendar_from_ics(text)
    window = (datetime.now(STATION_TZ) - timedelta(weeks=10), datetime.now(STATION_TZ) + timedelta(days=400))
    recurring_ical_events.of(calendar).between(*window)
    return calendar


def test_every_parser_accepts_every_feed(client, content):
    for url in feed_urls(content):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = parse_with_all(response.content)
        assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
        for name in ("X-WR-CALNAME", "X-WR-TIMEZONE", "REFRESH-INTERVAL", "X-PUBLISHED-TTL"):
            assert name in calendar, (url, name)
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
        assert calendar.walk("VEVENT"), url
        assert all(len(line.encode()) <= 75 for line in response.content.decode().split("\r\n")), url


def test_an_empty_feed_still_has_its_time_zone(client, board, category):
    response = client.get("/events/feeds/activities/zhulao.ics")
    calendar = parse_with_all(response.content)
    assert calendar.walk("VEVENT") == []
    assert calendar.walk("VTIMEZONE")
    assert "Last-Modified" not in response


def test_unknown_slugs_are_404(client, board):
    for url in ["/events/feeds/activities/nope.ics", "/events/feeds/teams/nope.ics", "/events/feeds/rooms/nope.ics"]:
        assert client.get(url).status_code == 404


def test_output_and_uids_are_stable_and_byte_identical(client, content):
    from django.core.cache import cache

    for url in feed_urls(content):
        first = client.get(url).content
        cache.clear()  # rebuilt from the database, not just served from the cache
        second = client.get(url).content
        assert first == second, url
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(first).walk("VEVENT")]
    assert all(uid.endswith("@boluo-volunteer-station") for uid in uids)


def test_conditional_requests_get_304(client, content):
    response = client.get("/events/feeds/activities.ics")
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get("/events/feeds/activities.ics", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/events/feeds/activities.ics", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get("/events/feeds/activities.ics", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def event_by_uid(body: bytes, uid_prefix: str, recurrence_id=False):
    for event in icalendar.Calendar.from_ical(body).walk("VEVENT"):
        if str(event["UID"]).startswith(uid_prefix) and (("RECURRENCE-ID" in event) == recurrence_id):
            return event
    raise AssertionError(f"no {uid_prefix}")


def test_sequence_bumps_on_a_time_change_not_on_a_title_change(client, board, category):
    page = add_activity(board, "重阳敬老探访", days=2, category=category)
    uid = f"activity-{page.pk}@"
    first = client.get("/events/feeds/activities.ics")
    assert event_by_uid(first.content, uid)["SEQUENCE"] == 0

    page.title = "重阳敬老探访(第二批)"
    page = publish(page)
    second = client.get("/events/feeds/activities.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200  # the change is seen at once: the cache was invalidated
    event = event_by_uid(second.content, uid)
    assert event["SEQUENCE"] == 0 and "第二批" in str(event["SUMMARY"])

    page.start_time = time(14)
    page.end_time = time(16)
    page = publish(page)
    event = event_by_uid(client.get("/events/feeds/activities.ics").content, uid)
    assert event["SEQUENCE"] == 1
    assert event["DTSTART"].dt == datetime.combine(page.start_date, time(14), STATION_TZ)
    assert event["LAST-MODIFIED"].dt == page.changed_at.replace(microsecond=0)
    assert page.moved_from == datetime.combine(page.start_date, time(9), STATION_TZ)

    page.location = "县老年活动中心"
    page.status = ActivityStatus.CANCELLED
    page = publish(page)
    event = event_by_uid(client.get("/events/feeds/activities.ics").content, uid)
    assert event["SEQUENCE"] == 2
    assert event["STATUS"] == "CANCELLED" and "已取消" in str(event["SUMMARY"])


def test_drafts_change_nothing_until_published(client, board):
    page = add_activity(board, "周末亲子共读", days=2)
    before = client.get("/events/feeds/activities.ics").content
    page.start_time = time(10)
    page.save_revision()
    assert client.get("/events/feeds/activities.ics").content == before
    assert ActivityPage.objects.get(pk=page.pk).sequence == 0


def test_all_day_and_recurring_expand_to_the_right_dates(client, board, series):
    all_day = add_activity(board, "文明交通宣传日", days=3, start=None, end_date=today() + timedelta(days=4))
    body = client.get("/events/feeds/activities.ics").content
    calendar = icalendar.Calendar.from_ical(body)
    assert "DTEND;VALUE=DATE:" + (today() + timedelta(days=5)).strftime("%Y%m%d") in body.decode()

    start = datetime.combine(today(), time.min, STATION_TZ)
    found = recurring_ical_events.of(calendar).between(start, start + timedelta(days=60))
    by_uid = {}
    for event in found:
        by_uid.setdefault(str(event["UID"]), []).append(event["DTSTART"].dt)

    assert by_uid[f"activity-{all_day.pk}@boluo-volunteer-station"] == [today() + timedelta(days=3)]
    monday = series.start_date
    expected = [
        datetime.combine(monday, time(10, 30), STATION_TZ),
        datetime.combine(monday + timedelta(weeks=2), time(10, 30), STATION_TZ),
        datetime.combine(monday + timedelta(weeks=3, days=1), time(15), STATION_TZ),  # moved
        datetime.combine(monday + timedelta(weeks=4), time(10, 30), STATION_TZ),
        datetime.combine(monday + timedelta(weeks=5), time(10, 30), STATION_TZ),
    ]
    assert sorted(by_uid[f"activity-{series.pk}@boluo-volunteer-station"]) == expected
    moved = event_by_uid(body, f"activity-{series.pk}@", recurrence_id=True)
    assert moved["RECURRENCE-ID"].dt == datetime.combine(monday + timedelta(weeks=3), time(10, 30), STATION_TZ)
    assert moved["DTEND"].dt == datetime.combine(monday + timedelta(weeks=3, days=1), time(16, 30), STATION_TZ)


def test_room_feed_is_public_occupancy_without_contacts(client, content):
    body = client.get("/events/feeds/rooms/living-room.ics").content.decode()
    assert "13800138000" not in body and "lifang@example.com" not in body and "李芳" not in body
    statuses = sorted(str(e["STATUS"]) for e in icalendar.Calendar.from_ical(body.encode()).walk("VEVENT"))
    assert statuses == ["CANCELLED", "CONFIRMED", "TENTATIVE"]
    assert "培训:红棉志愿服务队" in body


def test_private_feed_shows_everything_and_refuses_revoked_tokens(client, content):
    token = content["token"]
    response = client.get(f"/events/feeds/private/{token.token}.ics")
    assert response.status_code == 200
    assert "13800138000" in response.content.decode()
    token.refresh_from_db()
    assert token.last_used_at is not None

    token.revoked_at = timezone.now()
    token.save()
    assert client.get(f"/events/feeds/private/{token.token}.ics").status_code == 404
    assert client.get("/events/feeds/private/not-a-token.ics").status_code == 404


def test_team_feed_holds_its_activities_and_duty_shifts(client, content, team):
    body = client.get("/events/feeds/teams/hongmian.ics").content
    uids = {str(e["UID"]).split("-")[0] for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}
    assert uids == {"activity", "duty"}


def test_fold_never_splits_a_character():
    line = "SUMMARY:" + "志愿服务" * 40
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


FEEDS = [
    "/events/feeds/activities.ics",
    "/events/feeds/activities/zhulao.ics",
    "/events/feeds/teams/hongmian.ics",
    "/events/feeds/duty.ics",
    "/events/feeds/rooms/living-room.ics",
    "private",
]


@pytest.mark.parametrize("url", FEEDS)
def test_feed_queries_do_not_grow_with_items(client, board, category, team, url):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    room = make_room("living-room")
    if url == "private":
        url = FeedTokenFactory(user__username="staff").get_absolute_url()
    counts, events = [], []
    for size in (10, 1000):
        existing = ActivityPage.objects.count()
        bulk_activities(board, size - existing, category=category, team=team)
        if "duty" in url or "teams" in url:
            generate_rota(today(), today() + timedelta(days=size - 1 if size < 400 else 365))
        for n in range(Booking.objects.count(), size if size < 400 else 400) if "activities" not in url else ():
            make_booking(
                room, at(1 + n // 4, 8 + (n % 4) * 3), at(1 + n // 4, 9 + (n % 4) * 3), BookingStatus.CONFIRMED
            )
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            assert response.status_code == 200
        counts.append(len(queries))
        events.append(response.content.decode().count("BEGIN:VEVENT"))
    assert counts[0] == counts[1], counts
    # the items are in the feed: a handful at the small size, hundreds more at the large one (bookings stop at 400)
    assert events[0] >= 5 and events[1] >= events[0] + 300, events


@pytest.mark.slow
def test_ten_thousand_activities_render_well_under_a_second(client, board, category, team):
    from django.core.cache import cache

    from events.ical import calendars

    bulk_activities(board, 10_000, category=category, team=team, first_day=today() - timedelta(days=30))
    urls = calendars.UrlMaker("http://testserver")
    timings = []
    for _ in range(3):  # the best of three: the machine is shared
        began = clock.perf_counter()
        feed = calendars.activities_feed(urls, "活动")
        timings.append(clock.perf_counter() - began)
    assert feed.body.count(b"BEGIN:VEVENT") == 10_000
    print(f"\n10,000 activities: {len(feed.body):,} bytes, built in {min(timings):.3f} s (best of 3)")  # noqa: T201
    assert min(timings) < 1.0

    cache.clear()
    began = clock.perf_counter()
    response = client.get("/events/feeds/activities.ics")
    print(f"first request (build + cache): {clock.perf_counter() - began:.3f} s")  # noqa: T201
    began = clock.perf_counter()
    assert client.get("/events/feeds/activities.ics", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    print(f"conditional request (304 from the cache): {clock.perf_counter() - began:.3f} s")  # noqa: T201
    assert clock.perf_counter() - began < 0.5


def test_dates_in_window_only(client, board):
    add_activity(board, "很久以前", days=-120)
    add_activity(board, "明年以后", days=400)
    add_activity(board, "下周", days=7)
    body = client.get("/events/feeds/activities.ics").content.decode()
    assert "下周" in body and "很久以前" not in body and "明年以后" not in body


def test_feed_tokens_are_created_renewed_and_revoked_in_the_admin(client, board):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.com", "x")
    client.force_login(admin)
    assert client.get("/admin/events_feed_tokens/").status_code == 200
    response = client.post(reverse("events_feed_tokens:add"), {"user": admin.pk, "label": "办公室电脑"})
    assert response.status_code == 302
    token = FeedToken.objects.get(label="办公室电脑")
    old = token.token
    assert client.get(f"/events/feeds/private/{old}.ics").status_code == 200

    edit = reverse("events_feed_tokens:edit", args=[token.pk])
    client.post(edit, {"user": admin.pk, "label": "办公室电脑", "renew": "on"})
    token.refresh_from_db()
    assert token.token != old and token.is_active
    assert client.get(f"/events/feeds/private/{old}.ics").status_code == 404
    assert client.get(f"/events/feeds/private/{token.token}.ics").status_code == 200

    client.post(edit, {"user": admin.pk, "label": "办公室电脑", "revoke": "on"})
    token.refresh_from_db()
    assert not token.is_active
    assert client.get(f"/events/feeds/private/{token.token}.ics").status_code == 404


def test_duty_and_booking_changes_reach_the_cached_feeds_at_once(client, content):
    from tests.factories import TeamFactory

    TeamFactory(name="蓝天应急救援队", on_duty_rota=True, duty_order=2)
    generate_rota(today(), today() + timedelta(days=1))
    duty_body = client.get("/events/feeds/duty.ics").content
    from events.duty.rota import swap_shifts

    swap_shifts(today(), today() + timedelta(days=1))
    assert client.get("/events/feeds/duty.ics").content != duty_body

    room_body = client.get("/events/feeds/rooms/living-room.ics").content
    booking = Booking.objects.get(status=BookingStatus.REQUESTED)
    booking.status = BookingStatus.CONFIRMED
    booking.save()
    new_body = client.get("/events/feeds/rooms/living-room.ics").content
    assert new_body != room_body
    event = event_by_uid(new_body, f"booking-{booking.pk}@")
    assert event["STATUS"] == "CONFIRMED" and event["SEQUENCE"] > 0


def test_moving_a_page_refreshes_the_feed_urls(client, board, home_page):
    from events.models import ActivityIndexPage

    page = add_activity(board, "周末亲子共读", days=2, slug="gongdu")
    assert "/activities/gongdu/" in client.get("/events/feeds/activities.ics").content.decode()
    other = home_page.add_child(instance=ActivityIndexPage(title="乡镇活动", slug="towns"))
    page.move(other, pos="last-child")
    body = client.get("/events/feeds/activities.ics").content.decode()
    assert "/towns/gongdu/" in body and "/activities/gongdu/" not in body


def test_a_room_feed_holds_weeks_back_to_its_horizon_not_the_whole_history(client):
    room = make_room("living-room", name="志愿客厅")  # 60 days' horizon: the feed reaches at least three months ahead
    make_booking(room, at(-100, 9), at(-100, 10), BookingStatus.CONFIRMED, title="long ago", organiser_name="往年")
    make_booking(room, at(-20, 9), at(-20, 10), BookingStatus.CONFIRMED, organiser_name="上月")
    make_booking(room, at(80, 9), at(80, 10), BookingStatus.CONFIRMED, organiser_name="八十天后")
    make_booking(room, at(200, 9), at(200, 10), BookingStatus.CONFIRMED, organiser_name="半年后")
    body = client.get("/events/feeds/rooms/living-room.ics").content.decode()
    assert "上月" in body and "八十天后" in body
    assert "往年" not in body and "半年后" not in body


def test_feed_rows_are_the_holding_bookings_in_the_window_and_the_lately_dropped(client):
    from events.ical.calendars import Window, booking_rows

    room = make_room("living-room", name="志愿客厅")
    holding = make_booking(room, at(3, 9), at(3, 10), BookingStatus.CONFIRMED)
    dropped = make_booking(room, at(3, 14), at(3, 15), BookingStatus.CANCELLED)
    long_dropped = make_booking(room, at(3, 16), at(3, 17), BookingStatus.DECLINED)
    Booking.objects.filter(pk=long_dropped.pk).update(updated_at=timezone.now() - timedelta(days=40))
    make_booking(room, at(9, 9), at(9, 10), BookingStatus.CONFIRMED)  # outside the window
    rows = booking_rows(Window(at(2, 0), at(4, 0)), room=room)
    assert [row["pk"] for row in rows] == [holding.pk, dropped.pk]


def test_a_booking_change_leaves_other_rooms_and_the_activity_feeds_cached(client, board):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add_activity(board, "重阳敬老探访", days=2)
    first, second = make_room("living-room", name="志愿客厅"), make_room("hall", name="展示厅")
    booking = make_booking(first, at(3, 9), at(3, 11), BookingStatus.REQUESTED)
    make_booking(second, at(3, 9), at(3, 11), BookingStatus.CONFIRMED)
    urls = ["/events/feeds/rooms/living-room.ics", "/events/feeds/rooms/hall.ics", "/events/feeds/activities.ics"]
    for url in urls:
        client.get(url)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    cached = {url: queries(url) for url in urls}
    booking.status = BookingStatus.CONFIRMED
    booking.save()
    assert queries(urls[0]) > cached[urls[0]]  # built again: room A's booking changed
    assert queries(urls[1]) == cached[urls[1]]  # room B's feed is still the cached one
    assert queries(urls[2]) == cached[urls[2]]  # and so is the activities feed
    assert "CONFIRMED" in client.get(urls[0]).content.decode()


def test_a_booking_moved_to_another_room_refreshes_both_rooms(client):
    first, second = make_room("living-room", name="志愿客厅"), make_room("hall", name="展示厅")
    booking = make_booking(first, at(3, 9), at(3, 11), BookingStatus.CONFIRMED, organiser_name="红棉志愿服务队")
    assert "红棉" in client.get("/events/feeds/rooms/living-room.ics").content.decode()
    assert "红棉" not in client.get("/events/feeds/rooms/hall.ics").content.decode()
    booking = Booking.objects.get(pk=booking.pk)
    booking.room = second
    booking.save()
    assert "红棉" not in client.get("/events/feeds/rooms/living-room.ics").content.decode()
    assert "红棉" in client.get("/events/feeds/rooms/hall.ics").content.decode()


def test_expired_requests_leave_the_room_feed_at_once(client):
    from events.bookings.rules import expire_stale_requests

    room = make_room("living-room", name="志愿客厅")
    make_booking(room, at(3, 9), at(3, 11), BookingStatus.REQUESTED, expires_at=timezone.now() - timedelta(hours=1))
    assert "STATUS:TENTATIVE" in client.get("/events/feeds/rooms/living-room.ics").content.decode()
    assert expire_stale_requests() == 1
    body = client.get("/events/feeds/rooms/living-room.ics").content.decode()
    assert "STATUS:TENTATIVE" not in body and "STATUS:CANCELLED" in body


def test_plugins_add_entries_to_the_private_feed_per_staff_member(client, db):
    """``cms.plugins.register_staff_calendar_source``: entries for the token's holder, cached under their version."""
    from django.core.cache import cache
    from wagtail import hooks

    from cms.plugins import STAFF_CALENDAR_HOOK, CalendarEntry, StaffCalendarSource

    state = {"version": "1"}

    class Reminders(StaffCalendarSource):
        def serves(self, user):
            return True  # holders without the right to read bookings: their feed lives for these entries alone

        def version(self, user):
            return f"{user.pk}:{state['version']}"

        def entries(self, user):
            return [
                CalendarEntry(
                    uid=f"reminder-{user.pk}",
                    summary=f"提醒 {user.username} v{state['version']}",
                    start=today(),
                    end=today() + timedelta(days=1),
                    changed_at=timezone.now(),
                    url="/",
                )
            ]

    cache.clear()
    users = [get_user_model().objects.create_user(name, f"{name}@example.com", "x") for name in ("ann", "bob")]
    urls = [FeedToken.objects.create(user=user).get_absolute_url() for user in users]
    with hooks.register_temporarily(STAFF_CALENDAR_HOOK, Reminders):
        ann, bob = (client.get(url).content.decode() for url in urls)
        assert "提醒 ann v1" in ann and "bob" not in ann
        assert "提醒 bob v1" in bob
        state["version"] = "2"
        assert "提醒 ann v2" in client.get(urls[0]).content.decode()
    cache.clear()
    assert "提醒" not in client.get(urls[0]).content.decode()
