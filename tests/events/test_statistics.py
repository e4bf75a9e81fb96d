"""The events plugin's figures: activities per month and category (recurrences expanded) and room use by month."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from cms.statistics import month_after, recent_months
from events.figures import activities_figure, events_figures, room_use_figure
from events.models import ActivityPage, ActivityStatus, Booking, BookingStatus, ClosedPeriod, Recurrence
from tests.events.activities_fixtures import add_activity, bulk_activities
from tests.events.booking_support import make_room

TZ = timezone.get_default_timezone()


@pytest.fixture(autouse=True)
def _in_chinese():
    """The figures' labels are in the active language; another test may have left English active."""
    with translation.override("zh-hans"):
        yield


def local(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), TZ)


def book(room, start, end, purpose="training", status=BookingStatus.CONFIRMED, **fields):
    return Booking(
        room=room,
        start=start,
        end=end,
        blocked_start=start,
        blocked_end=end,
        purpose=purpose,
        title="新志愿者培训",
        organiser_name="红棉志愿服务队",
        contact_name="李芳",
        contact_phone="13800138000",
        contact_email="lifang@example.com",
        attendees=20,
        status=status,
        **fields,
    )


@pytest.fixture
def months():
    return recent_months()


def test_activities_per_month_and_category_expand_recurrences(board, category, months):
    previous, current = months[-2], months[-1]
    weekly = ActivityPage(
        title="长者饭堂助餐",
        slug="fantang",
        start_date=previous,
        start_time=time(10),
        end_time=time(11),
        category=category,
        recurrence=Recurrence.WEEKLY,
        recurrence_until=previous + timedelta(days=14),
    )
    board.add_child(instance=weekly)
    weekly.save_revision().publish()
    add_activity(board, title="社区清洁", start_date=current, slug="qingjie")
    add_activity(board, title="已取消的活动", start_date=current, slug="quxiao", status=ActivityStatus.CANCELLED)
    add_activity(board, title="一年多以前", start_date=months[0] - timedelta(days=3), slug="long-ago")

    figure = activities_figure(months)
    assert figure.columns == ("助老", "未分类")
    rows = dict(figure.rows)
    assert rows[f"{previous:%Y-%m}"] == (3, 0)
    assert rows[f"{current:%Y-%m}"] == (0, 1)
    assert sum(sum(values) for values in rows.values()) == 4
    assert figure.key_figures[0].value == 4


def test_room_use_is_confirmed_hours_over_open_hours(db, months):
    room = make_room()  # open 11 hours every day
    previous, current = months[-2], months[-1]
    Booking.objects.bulk_create(
        [
            book(room, local(current, 9), local(current, 11)),
            book(room, local(current, 14), local(current, 17), status=BookingStatus.DECLINED),
            book(
                room, local(previous + timedelta(days=9), 14), local(previous + timedelta(days=9), 15, 30), "exchange"
            ),
            book(room, local(months[0] - timedelta(days=5), 9), local(months[0] - timedelta(days=5), 12)),
        ]
    )
    ClosedPeriod.objects.create(room=room, start_date=current, end_date=current + timedelta(days=1), reason="检修")

    figure = room_use_figure(months)
    assert figure.columns == ("孵化", "培训", "交流", "开放时长", "使用率(%)")
    rows = dict(figure.rows)
    days_current = (month_after(current) - current).days
    days_previous = (current - previous).days
    assert rows[f"{current:%Y-%m}"] == (0, 2.0, 0, 11.0 * (days_current - 2), round(200 / (11 * (days_current - 2)), 1))
    assert rows[f"{previous:%Y-%m}"] == (0, 0, 1.5, 11.0 * days_previous, round(150 / (11 * days_previous), 1))
    assert figure.key_figures[0].value == 4  # 3.5 hours, rounded


def test_query_count_does_not_grow_with_activities_and_bookings(board, category, months):
    room = make_room()

    def add(count, offset):
        bulk_activities(board, count, category=category, first_day=months[0])
        Booking.objects.bulk_create(
            book(
                room,
                local(months[0] + timedelta(days=n // 10), 8 + n % 10),
                local(months[0] + timedelta(days=n // 10), 9 + n % 10),
            )
            for n in range(offset, offset + count)
        )

    add(10, 0)
    with CaptureQueriesContext(connection) as with_10:
        events_figures(None)
    add(990, 10)
    with CaptureQueriesContext(connection) as with_1000:
        figures = events_figures(None)
    assert len(with_1000) == len(with_10)
    assert sum(figures[0].rows[n][1][0] for n in range(12)) == 1000
    assert sum(sum(values[:3]) for _label, values in figures[1].rows) == 1000


def test_public_data_page_shows_activity_and_room_figures_without_contacts(client, db, board, months):
    room = make_room()
    Booking.objects.bulk_create([book(room, local(months[-1], 9), local(months[-1], 11))])
    html = client.get("/data/").content.decode()
    assert "每月活动" in html and "功能室使用" in html
    assert "13800138000" not in html and "李芳" not in html
