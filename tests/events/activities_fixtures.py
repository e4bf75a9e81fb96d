"""Test data for the activity board, the duty roster and the feeds: real Wagtail pages, and a fast bulk maker
(thousands of pages through two bulk inserts) for the query-count and timing tests."""

from datetime import date, time, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from events.activities.occurrences import record_changes
from events.models import ActivityIndexPage, ActivityPage, OccurrenceChange, Recurrence
from tests.events.factories import ActivityCategoryFactory
from tests.factories import TeamFactory, TownshipFactory


def today() -> date:
    return timezone.localdate()


def publish(page):
    page.save_revision().publish()
    return ActivityPage.objects.get(pk=page.pk)


def add_activity(board, title="敬老院探访", days=1, start=time(9), end=time(11), **fields) -> ActivityPage:
    """A published activity ``days`` from today (``start=None`` makes it all-day)."""
    page = ActivityPage(
        title=title,
        slug=fields.pop("slug", None) or f"a-{ActivityPage.objects.count() + 1}-{days}",
        start_date=fields.pop("start_date", today() + timedelta(days=days)),
        start_time=start,
        end_time=end if start else None,
        **fields,
    )
    board.add_child(instance=page)
    return publish(page)


def bulk_activities(board, count: int, *, category=None, team=None, first_day: date | None = None) -> None:
    """``count`` live activities under ``board`` on consecutive days, with two inserts (no save() per page)."""
    first_day = first_day or today()
    content_type = ContentType.objects.get_for_model(ActivityPage)
    board.refresh_from_db()
    now = timezone.now()
    pages = []
    for n in range(count):
        slug = f"bulk-{board.numchild + n + 1}"
        pages.append(
            Page(
                title=f"批量活动 {n}",
                draft_title=f"批量活动 {n}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(board.path, board.depth + 1, board.numchild + n + 1),
                depth=board.depth + 1,
                numchild=0,
                url_path=f"{board.url_path}{slug}/",
                live=True,
                first_published_at=now,
                last_published_at=now,
                locale_id=board.locale_id,
            )
        )
    Page.objects.bulk_create(pages)
    activities = []
    for n, page in enumerate(pages):
        activity = ActivityPage(
            page_ptr_id=page.pk,
            start_date=first_day + timedelta(days=n % 300),
            start_time=time(9 + n % 8),
            end_time=time(10 + n % 8),
            location="罗阳街道文化广场",
            summary="志愿服务活动,欢迎报名参加。",
            category=category,
            team=team,
            volunteers_wanted=10,
            signup_text="在市志愿服务平台报名",
        )
        record_changes(activity)
        activities.append(activity)
    fields = list(ActivityPage._meta.local_concrete_fields)
    ActivityPage.objects.all()._batched_insert(activities, fields, batch_size=500)
    Page.objects.filter(pk=board.pk).update(numchild=board.numchild + count)
    board.refresh_from_db()


@pytest.fixture
def board(home_page):
    board = home_page.add_child(instance=ActivityIndexPage(title="活动资讯", slug="activities"))
    board.save_revision().publish()
    return ActivityIndexPage.objects.get(pk=board.pk)


@pytest.fixture
def category(db):
    return ActivityCategoryFactory(name="助老", slug="zhulao")


@pytest.fixture
def other_category(db):
    return ActivityCategoryFactory(name="环保", slug="huanbao", sort_order=1)


@pytest.fixture
def team(db):
    township = TownshipFactory(slug="luoyang", name="罗阳街道")
    return TeamFactory(name="博罗县红棉志愿服务队", slug="hongmian", township=township, on_duty_rota=True, duty_order=1)


@pytest.fixture
def series(board, category, team):
    """A weekly activity for six weeks from next Monday: week 2 skipped, week 4 moved to the Tuesday at 15:00."""
    monday = today() + timedelta(days=7 - today().weekday())
    page = ActivityPage(
        title="长者饭堂助餐",
        slug="zhangzhe-fantang",
        start_date=monday,
        start_time=time(10, 30),
        end_time=time(12),
        location="罗阳街道长者饭堂",
        category=category,
        team=team,
        recurrence=Recurrence.WEEKLY,
        recurrence_until=monday + timedelta(weeks=5),
    )
    board.add_child(instance=page)
    page.occurrence_changes.add(
        OccurrenceChange(original_date=monday + timedelta(weeks=1), action=OccurrenceChange.Action.SKIP, note="检修"),
        OccurrenceChange(
            original_date=monday + timedelta(weeks=3),
            action=OccurrenceChange.Action.MOVE,
            new_date=monday + timedelta(weeks=3, days=1),
            new_start_time=time(15),
            new_end_time=time(16, 30),
            note="改到周二下午",
        ),
    )
    return publish(page)
