"""Background work of the core, run by Celery workers and beat."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="cms.tasks.publish_scheduled_pages")
def publish_scheduled_pages() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones (safe to run twice)."""
    call_command("publish_scheduled", verbosity=0)


@shared_task(name="cms.tasks.beat_heartbeat")
def beat_heartbeat() -> None:
    """Record that beat is alive: `manage.py health` reports how long ago it last sent this task."""
    from cms.health import record_beat_heartbeat

    record_beat_heartbeat()
