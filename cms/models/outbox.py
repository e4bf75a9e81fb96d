"""The outbox: work (mostly mail) to run once after a commit, kept here until it has run."""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class OutboxEntry(models.Model):
    """One task to run with its arguments (ids and short strings, as a Celery message would carry them).

    Written in the transaction that made the work necessary, so the work exists exactly when the change does;
    ``done_at`` is set in the transaction the task runs in (``cms.outbox.OutboxTask``).
    """

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(default=timezone.now)  # when last handed to the broker
    attempts = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at"], name="cms_outbox_pending", condition=Q(done_at__isnull=True))]

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"
