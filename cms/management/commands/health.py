from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from cms.health import last_beat_heartbeat, run_checks

PING_TIMEOUT_SECONDS = 2.0
BEAT_STALE_SECONDS = 5 * 60


class Command(BaseCommand):
    help = (
        "Print what /readyz checks (database, cache, broker, migrations), the Celery workers' answer to a ping and "
        "the last heartbeat of beat; exits non-zero when something is wrong."
    )

    def handle(self, *args, **options):
        results = run_checks()
        results["worker"], worker_detail = self.ping_workers()
        results["beat"], beat_detail = self.beat()
        details = {"worker": worker_detail, "beat": beat_detail}
        for name, result in results.items():
            line = f"{name:<11} {result}"
            if details.get(name):
                line += f"  ({details[name]})"
            self.stdout.write(line)
        failed = [name for name, result in results.items() if result == "failed"]
        if failed:
            raise CommandError(f"not healthy: {', '.join(failed)}")

    def ping_workers(self) -> tuple[str, str]:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            return "ok", "tasks run in-process (no REDIS_URL): no worker needed"
        from celery import Celery

        # A Celery app of the ping's own: a broadcast publishes through its app's producer pool, whatever connection
        # it is given, and the site's app would keep a pool bound to this URL for the rest of the process.
        probe = Celery("health-probe", broker=settings.CELERY_BROKER_URL, set_as_current=False)
        try:
            replies = probe.control.inspect(timeout=PING_TIMEOUT_SECONDS).ping() or {}
        except Exception as error:  # noqa: BLE001 - an unreachable broker is a failed check, reported as such
            return "failed", f"no answer: {type(error).__name__}"
        finally:
            probe.pool.force_close_all()
            probe.close()
        if not replies:
            return "failed", f"no worker answered within {PING_TIMEOUT_SECONDS:g} s"
        return "ok", ", ".join(sorted(replies))

    def beat(self) -> tuple[str, str]:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            return "ok", "no beat in the embedded set-up"
        heartbeat = last_beat_heartbeat()
        if not heartbeat:
            return "failed", "no heartbeat recorded yet"
        age = (timezone.now() - parse_datetime(heartbeat)).total_seconds()
        detail = f"last heartbeat {heartbeat}, {age:.0f} s ago"
        return ("ok" if age < BEAT_STALE_SECONDS else "failed"), detail
