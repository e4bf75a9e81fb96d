"""Work to do after a commit, kept in the database until it has run once: no mail is lost while Redis is away.

A plugin queues its mail with ``send_after_commit(task, *ids)`` inside the transaction that made the mail
necessary. The ``OutboxEntry`` is written in that transaction; after the commit the task is handed to the broker. If
the broker is away (Redis stopped), the visitor's request still succeeds and the entry waits: the beat task
``cms.tasks.sweep_outbox`` hands it over again once the broker is back, and every ``OUTBOX_RETRY_SECONDS`` after that
until it has run (at most ``MAX_ATTEMPTS`` times). The task, declared with ``base=OutboxTask``, runs an entry under a
row lock and marks it done in the same transaction, so an entry handed over twice (by the commit and by a sweep)
still runs once.
"""

import logging
from datetime import timedelta

from celery import Task, current_app
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError

from cms.models import OutboxEntry

logger = logging.getLogger(__name__)

ENTRY_KWARG = "_outbox_entry"
MAX_ATTEMPTS = 20
SWEEP_BATCH = 200
KEEP_DONE = timedelta(days=30)  # entries carry e-mail addresses: done ones are deleted after a while


class OutboxTask(Task):
    """A task that may be queued through the outbox: run with an entry, it runs once and marks the entry done.

    Called without an entry (directly, by beat, by ``delay``), it runs as any task does. The entry comes as a
    keyword argument the task's own function does not take, so Celery's check of the arguments is off.
    """

    typing = False

    def __call__(self, *args, **kwargs):
        entry_id = kwargs.pop(ENTRY_KWARG, None)
        if entry_id is None:
            return super().__call__(*args, **kwargs)
        # Celery's worker (or eager apply) has pushed this message's request: the body runs under it, so that the
        # task's own retry (a mail server away) sends the message again.
        if self.app.conf.task_always_eager:
            return self._run_in_process(entry_id, args, kwargs)
        with transaction.atomic():
            entry = OutboxEntry.objects.select_for_update().filter(pk=entry_id, done_at__isnull=True).first()
            if entry is None:
                return None  # ran already: handed over twice
            # The task's exception (its retry included) rolls the entry back with the task's work.
            result = self.run(*args, **kwargs)
            entry.done_at = timezone.now()
            entry.save(update_fields=["done_at"])
        return result

    def _run_in_process(self, entry_id, args, kwargs):
        """Eager tasks: no other process delivers entries, and a retry runs at once, nested in this call; a lock
        held around the body would roll back the nested run's success together with this attempt's failure."""
        if OutboxEntry.objects.filter(pk=entry_id, done_at__isnull=False).exists():
            return None
        result = self.run(*args, **kwargs)
        OutboxEntry.objects.filter(pk=entry_id, done_at__isnull=True).update(done_at=timezone.now())
        return result


def send_after_commit(task: OutboxTask, *args) -> OutboxEntry:
    """Run ``task(*args)`` once after the current transaction commits, whether or not the broker is there now."""
    if not isinstance(task, OutboxTask):
        raise TypeError(f"{task.name} must be declared with base=OutboxTask to be sent through the outbox")
    entry = OutboxEntry.objects.create(task=task.name, args=list(args))
    # robust: the visitor's change is committed; nothing that fails now may turn their answer into a 500.
    transaction.on_commit(lambda: hand_over(entry), robust=True)
    return entry


def hand_over(entry: OutboxEntry) -> bool:
    """Give the entry's task to the broker (run it at once when tasks are eager). False when the broker is away."""
    task = current_app.tasks.get(entry.task)
    if task is None:
        logger.warning("outbox entry %s names no known task %s: kept", entry.pk, entry.task)
        return False
    try:
        # No publish retries: a broker that is away must not hold up the visitor's request; the sweep tries again.
        task.apply_async(entry.args, {ENTRY_KWARG: entry.pk}, retry=False)
    except (OperationalError, OSError) as error:
        logger.warning("broker away, outbox entry %s kept for the next sweep: %s", entry.pk, error)
        return False
    return True


def sweep(now=None) -> int:
    """Hand over again every entry not done and not handed over for ``OUTBOX_RETRY_SECONDS``; forget old done ones.

    Returns how many entries were handed over. Stops at the first refusal of the broker (the next sweep goes on).
    """
    now = now or timezone.now()
    OutboxEntry.objects.filter(done_at__lt=now - KEEP_DONE).delete()
    due = OutboxEntry.objects.filter(
        done_at__isnull=True,
        attempts__lt=MAX_ATTEMPTS,
        sent_at__lte=now - timedelta(seconds=settings.OUTBOX_RETRY_SECONDS),
    ).order_by("pk")[:SWEEP_BATCH]
    handed = 0
    for entry in due:
        OutboxEntry.objects.filter(pk=entry.pk).update(attempts=F("attempts") + 1, sent_at=now)
        if not hand_over(entry):
            break
        handed += 1
    return handed
