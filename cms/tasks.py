"""Background work of the core, run by Celery workers and beat."""

from celery import shared_task
from django.conf import settings
from django.core.management import call_command


@shared_task(name="cms.tasks.publish_scheduled_pages")
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones (safe to run twice)."""
    call_command("publish_scheduled", verbosity=0)


@shared_task(name="cms.tasks.nightly_backup")
def nightly_backup() -> str:
    """Write tonight's archive and keep only the newest BACKUP_KEEP, so the disk does not fill up unseen."""
    from cms.backup import create_backup, prune_backups

    archive = create_backup()
    prune_backups(settings.BACKUP_KEEP, archive.parent)
    return str(archive)


@shared_task(name="cms.tasks.beat_heartbeat")
def beat_heartbeat() -> None:
    """Record that beat is alive: `manage.py health` reports how long ago it last sent this task."""
    from cms.health import record_beat_heartbeat

    record_beat_heartbeat()


@shared_task(name="cms.tasks.sweep_outbox")
def sweep_outbox() -> int:
    """Hand the outbox's waiting entries (mail queued while the broker was away) to the broker again."""
    from cms.outbox import sweep

    return sweep()
