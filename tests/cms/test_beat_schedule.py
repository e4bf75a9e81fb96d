"""Celery beat's schedule: the core's entries and every installed plugin's, merged by ``cms.plugins``."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.celery import app
from cms.plugins import register_periodic_tasks

EXPECTED = {
    "publish-scheduled-pages": "cms.tasks.publish_scheduled_pages",
    "incubator-stale-digest": "incubator.tasks.send_stale_digest",
    "events-booking-reminders": "events.tasks.send_booking_reminders",
    "events-expire-booking-requests": "events.tasks.expire_booking_requests",
    "events-extend-duty-rota": "events.tasks.extend_duty_rota",
    "needs-recall-unaccepted": "needs.tasks.recall_unaccepted",
    "needs-remind-overdue": "needs.tasks.remind_overdue",
}


def test_the_merged_schedule_holds_every_core_and_plugin_entry():
    schedule = app.conf.beat_schedule
    assert {name: schedule[name]["task"] for name in EXPECTED} == EXPECTED
    app.loader.import_default_modules()  # what a worker does at start: autodiscover every app's tasks
    assert set(app.tasks) >= set(EXPECTED.values())  # each entry names a task that exists


@pytest.fixture
def restore_schedule():
    saved = dict(app.conf.beat_schedule)
    yield
    app.conf.beat_schedule = saved


def test_a_plugin_cannot_replace_another_entry(restore_schedule):
    with pytest.raises(ImproperlyConfigured, match="publish-scheduled-pages"):
        register_periodic_tasks({"publish-scheduled-pages": {"task": "myplugin.tasks.other", "schedule": 60}})
    assert app.conf.beat_schedule["publish-scheduled-pages"]["task"] == "cms.tasks.publish_scheduled_pages"


def test_registering_the_same_entry_again_changes_nothing(restore_schedule):
    before = dict(app.conf.beat_schedule)
    register_periodic_tasks({"events-extend-duty-rota": before["events-extend-duty-rota"]})
    assert app.conf.beat_schedule == before
