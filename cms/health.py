"""Health checks for load balancers and operators.

``/healthz`` says the process answers; ``/readyz`` says it can serve: the database, the cache and the Celery broker
answer and every migration is applied. Both are cheap enough to be called every few seconds: no session, no
template, no query beyond ``SELECT 1``, each check with a short timeout. A failing check is named, never explained:
the details go to the log, not to whoever calls the URL.
"""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 1
BEAT_HEARTBEAT_KEY = "health:beat-heartbeat"
_migrations_applied = False  # once true in a process, it stays true: migrations are not rolled back under us


def check_database() -> None:
    """``SELECT 1``; on PostgreSQL over a new connection with a short connect timeout.

    A separate connection, so that a server that went away fails within the timeout instead of the operating
    system's, without changing the timeout of the connections the site itself uses.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return
    params = {**connection.get_connection_params(), "connect_timeout": TIMEOUT_SECONDS}
    raw = connection.get_new_connection(params)
    try:
        with raw.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        raw.close()


def check_cache() -> None:
    if settings.REDIS_URL:
        _redis_ping(settings.REDIS_URL)
    else:
        cache.get(BEAT_HEARTBEAT_KEY)  # the in-process cache cannot be away, only broken


def check_broker() -> None:
    """The Celery broker, only where there is one (the embedded default runs tasks eagerly)."""
    broker = settings.CELERY_BROKER_URL
    if broker.startswith(("redis://", "rediss://")) and broker != settings.REDIS_URL:
        _redis_ping(broker)
    # Same URL as the cache: already pinged by check_cache.


def check_migrations() -> None:
    global _migrations_applied
    if _migrations_applied:
        return
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RuntimeError("unapplied migrations")
    _migrations_applied = True


def _redis_ping(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS)
    try:
        client.ping()
    finally:
        client.close()


READINESS_CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
    "migrations": check_migrations,
}


def run_checks(checks: dict[str, Callable[[], None]] | None = None) -> dict[str, str]:
    """Run each check and answer ``{name: "ok" | "failed"}``; a check that fails makes those after it still run."""
    results = {}
    for name, check in (checks or READINESS_CHECKS).items():
        started = time.monotonic()
        try:
            check()
        except Exception:  # noqa: BLE001 - any failure means "not ready", whatever raised it
            logger.warning("readiness check %s failed", name, exc_info=True)
            results[name] = "failed"
        else:
            results[name] = "ok"
        logger.debug("readiness check %s took %.0f ms", name, (time.monotonic() - started) * 1000)
    if results.get("database") == "failed" and results.get("migrations") == "failed":
        results["migrations"] = "unknown"  # not a second fault: it could not be asked
    return results


@never_cache
@csrf_exempt
@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@csrf_exempt
@require_GET
def readyz(request):
    checks = run_checks()
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)


class HealthCheckMiddleware:
    """Answer /healthz and /readyz before any other middleware.

    A load balancer calls them by address, over plain HTTP, every few seconds: they must not be redirected to HTTPS,
    refused for an unknown Host header, given a session or a language, or written to the request log.
    """

    VIEWS = {"/healthz": healthz, "/readyz": readyz}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = self.VIEWS.get(request.path_info.rstrip("/"))
        return view(request) if view else self.get_response(request)


def record_beat_heartbeat() -> None:
    cache.set(BEAT_HEARTBEAT_KEY, timezone.now().isoformat(), timeout=None)


def last_beat_heartbeat() -> str | None:
    return cache.get(BEAT_HEARTBEAT_KEY)
