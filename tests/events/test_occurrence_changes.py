"""Single-date changes to a repeating activity: a moved occurrence keeps its length, a change must name a date of the
series (the editor says so instead of keeping a change that is never applied)."""

from datetime import time, timedelta

import icalendar
import pytest
from django.contrib.auth import get_user_model

from events.activities.occurrences import expand
from events.models import ActivityPage, OccurrenceChange
from tests.events.activities_fixtures import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def weekly(series):
    """Mondays 10:30–12:00 for six weeks from next Monday (week 2 skipped, week 4 moved: weeks 3, 5, 6 are free)."""
    return series


def moved(page, **change):
    page.occurrence_changes.add(OccurrenceChange(action=OccurrenceChange.Action.MOVE, **change))
    page.save()
    return publish(ActivityPage.objects.get(pk=page.pk))


def test_a_later_start_without_an_end_keeps_the_series_length(client, weekly):
    week3 = weekly.start_date + timedelta(weeks=2)
    page = moved(weekly, original_date=week3, new_start_time=time(15))
    occurrence = next(o for o in expand(page) if o.moved)
    assert occurrence.end - occurrence.start == timedelta(minutes=90)
    assert occurrence.local_start.time() == time(15) and occurrence.local_end.time() == time(16, 30)

    body = client.get("/events/feeds/activities.ics").content
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    override = next(e for e in events if "RECURRENCE-ID" in e and e["RECURRENCE-ID"].dt.date() == week3)
    assert override["DTEND"].dt - override["DTSTART"].dt == timedelta(minutes=90)


def test_a_new_day_alone_and_a_new_end_alone_behave_as_before(weekly):
    week5, week6 = weekly.start_date + timedelta(weeks=4), weekly.start_date + timedelta(weeks=5)
    moved(weekly, original_date=week5, new_date=week5 + timedelta(days=2))
    page = moved(weekly, original_date=week6, new_end_time=time(13))
    spans = {o.original_start.date(): (o.local_start, o.local_end) for o in expand(page) if o.moved}
    start, end = spans[week5]
    assert (start.date(), start.time(), end.time()) == (week5 + timedelta(days=2), time(10, 30), time(12))
    start, end = spans[week6]
    assert (start.time(), end.time()) == (time(10, 30), time(13))


def page_form(page, changes, **fields):
    """The page editor's form, bound as the admin would post it."""
    form_class = ActivityPage.get_edit_handler().get_form_class()
    data = {
        "title": page.title,
        "slug": page.slug,
        "start_date": page.start_date.isoformat(),
        "start_time": "10:30",
        "end_time": "12:00",
        "status": page.status,
        "recurrence": page.recurrence,
        "recurrence_interval": "1",
        "recurrence_until": page.recurrence_until.isoformat() if page.recurrence_until else "",
        "occurrence_changes-TOTAL_FORMS": str(len(changes)),
        "occurrence_changes-INITIAL_FORMS": "0",
        "occurrence_changes-MIN_NUM_FORMS": "0",
        "occurrence_changes-MAX_NUM_FORMS": "1000",
    } | fields
    for n, change in enumerate(changes):
        for name, value in ({"action": "skip", "ORDER": str(n)} | change).items():  # the posted set replaces the stored
            data[f"occurrence_changes-{n}-{name}"] = value
    user, _ = get_user_model().objects.get_or_create(username="editor", defaults={"is_superuser": True})
    return form_class(data, instance=page, parent_page=page.get_parent(), for_user=user)


def test_a_change_for_a_date_outside_the_series_is_refused_in_the_editor(weekly):
    tuesday = (weekly.start_date + timedelta(days=1)).isoformat()
    form = page_form(weekly, [{"original_date": tuesday}])
    assert not form.is_valid()
    change_errors = form.formsets["occurrence_changes"].forms[0].errors["original_date"]
    assert "不是这个重复活动的日期" in change_errors[0]
    assert "单次变更" in " ".join(form.non_field_errors())

    after_the_end = (weekly.recurrence_until + timedelta(weeks=1)).isoformat()
    assert not page_form(weekly, [{"original_date": after_the_end}]).is_valid()
    shortened = page_form(
        weekly,
        [{"original_date": (weekly.start_date + timedelta(weeks=4)).isoformat()}],
        recurrence_until=(weekly.start_date + timedelta(weeks=2)).isoformat(),
    )
    assert not shortened.is_valid()


def test_changes_on_an_activity_that_does_not_repeat_are_refused(weekly):
    form = page_form(weekly, [{"original_date": weekly.start_date.isoformat()}], recurrence="", recurrence_until="")
    assert not form.is_valid()
    assert "只有重复活动" in form.formsets["occurrence_changes"].forms[0].errors["original_date"][0]


def test_a_change_on_a_date_of_the_series_is_accepted(weekly):
    week3 = (weekly.start_date + timedelta(weeks=2)).isoformat()
    form = page_form(weekly, [{"original_date": week3, "action": "move", "new_start_time": "15:00"}])
    assert form.is_valid(), (form.errors, form.formsets["occurrence_changes"].errors)
    removed = page_form(weekly, [{"original_date": "2001-01-01", "DELETE": "on"}])
    assert removed.is_valid(), removed.formsets["occurrence_changes"].errors


def test_a_move_needs_something_new_and_an_end_after_its_start(weekly):
    week3 = (weekly.start_date + timedelta(weeks=2)).isoformat()
    nothing = page_form(weekly, [{"original_date": week3, "action": "move"}])
    assert not nothing.is_valid()
    backwards = page_form(
        weekly, [{"original_date": week3, "action": "move", "new_start_time": "15:00", "new_end_time": "14:00"}]
    )
    assert not backwards.is_valid()
    assert "new_end_time" in backwards.formsets["occurrence_changes"].forms[0].errors
