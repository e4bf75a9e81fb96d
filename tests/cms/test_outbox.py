"""The outbox: work queued after a commit is kept until it has run, runs once, and waits out a broker that is away."""

from datetime import timedelta

import pytest
from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms.models import OutboxEntry
from cms.outbox import ENTRY_KWARG, MAX_ATTEMPTS, OutboxTask, hand_over, send_after_commit, sweep
from cms.tasks import publish_scheduled_pages
from tests.outbox_support import broker_back_and_sweep

pytestmark = pytest.mark.django_db

RAN: list[tuple] = []


@shared_task(name="tests.cms.test_outbox.note", base=OutboxTask)
def note(*args):
    RAN.append(args)
    return len(RAN)


@pytest.fixture(autouse=True)
def _forget_runs():
    RAN.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a block queues after its commit, as a real commit would (the test's own transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_the_task_runs_once_after_the_commit_and_the_entry_is_done(committed):
    with committed(), transaction.atomic():
        entry = send_after_commit(note, 7, "zh-hans")
        assert RAN == []  # not before the commit
    assert RAN == [(7, "zh-hans")]
    entry.refresh_from_db()
    assert entry.done_at is not None


def test_nothing_is_kept_or_run_when_the_transaction_rolls_back(committed):
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        send_after_commit(note, 1)
        raise RuntimeError("the change failed")
    assert RAN == []
    assert not OutboxEntry.objects.exists()


def test_an_entry_handed_over_twice_runs_once(committed):
    with committed():
        entry = send_after_commit(note, 1)
    assert hand_over(entry) is True
    assert RAN == [(1,)]


def test_a_task_that_fails_leaves_its_entry_waiting(monkeypatch, committed):
    def broken(*args):
        raise OSError("mail server away")

    monkeypatch.setattr(note, "run", broken)
    with committed():
        entry = send_after_commit(note, 3)  # on_commit is robust: the caller does not see the failure
    entry.refresh_from_db()
    assert entry.done_at is None


def test_only_outbox_tasks_may_be_queued():
    with pytest.raises(TypeError, match="base=OutboxTask"):
        send_after_commit(publish_scheduled_pages)


def test_with_the_broker_away_the_entry_waits_and_the_sweep_delivers_it_once(broker_away, committed):
    with committed():
        entry = send_after_commit(note, 5)
    assert RAN == []
    entry.refresh_from_db()
    assert entry.done_at is None

    assert sweep() == 0  # too early: the commit's own hand-over may still be on its way
    assert broker_back_and_sweep() == 1
    assert RAN == [(5,)]
    assert broker_back_and_sweep() == 0  # done: never twice
    assert RAN == [(5,)]


def test_the_sweep_stops_at_the_first_refusal_and_counts_attempts(broker_away):
    first, second = send_after_commit(note, 1), send_after_commit(note, 2)
    later = timezone.now() + timedelta(seconds=settings.OUTBOX_RETRY_SECONDS)
    assert sweep(now=later) == 0
    assert OutboxEntry.objects.get(pk=first.pk).attempts == 1
    assert OutboxEntry.objects.get(pk=second.pk).attempts == 0


def test_the_sweep_gives_up_after_many_attempts_and_forgets_old_done_entries():
    stuck = OutboxEntry.objects.create(task=note.name, args=[1], attempts=MAX_ATTEMPTS)
    old = OutboxEntry.objects.create(task=note.name, args=[2], done_at=timezone.now() - timedelta(days=31))
    unknown = OutboxEntry.objects.create(task="removed.plugin.task", args=[])
    assert sweep(now=timezone.now() + timedelta(seconds=settings.OUTBOX_RETRY_SECONDS)) == 0
    assert RAN == []
    assert OutboxEntry.objects.filter(pk=stuck.pk).exists()
    assert not OutboxEntry.objects.filter(pk=old.pk).exists()
    assert OutboxEntry.objects.get(pk=unknown.pk).done_at is None


def test_the_sweep_is_on_beats_schedule():
    from cms.celery import app

    assert app.conf.beat_schedule["sweep-outbox"]["task"] == "cms.tasks.sweep_outbox"


@pytest.fixture
def worker_mode():
    """Run tasks as a worker does (a message's request, ``task_always_eager`` off): the row-lock path."""
    from cms.celery import app

    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = saved


def test_in_a_worker_an_entry_runs_under_its_row_lock_once(worker_mode):
    entry = OutboxEntry.objects.create(task=note.name, args=[9])
    assert note.apply([9], {ENTRY_KWARG: entry.pk}).get() == 1
    assert note.apply([9], {ENTRY_KWARG: entry.pk}).get() is None  # handed over twice: runs once
    assert RAN == [(9,)]
    entry.refresh_from_db()
    assert entry.done_at is not None


def test_in_a_worker_a_failing_task_leaves_its_entry_waiting(worker_mode, monkeypatch):
    def broken(*args):
        raise OSError("mail server away")

    monkeypatch.setattr(note, "run", broken)
    entry = OutboxEntry.objects.create(task=note.name, args=[9])
    with pytest.raises(OSError, match="mail server away"):
        note.apply([9], {ENTRY_KWARG: entry.pk})
    entry.refresh_from_db()
    assert entry.done_at is None
