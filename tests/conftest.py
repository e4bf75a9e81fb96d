"""Fixtures shared by every test package, and the rule for tests that need a service (PostgreSQL, Redis, a worker).

A service test carries a marker: ``requires_postgresql``, ``requires_redis`` or ``requires_worker`` (Redis as the
broker and PostgreSQL, which a worker process can reach). Without the service it skips with a reason on a developer's
machine, but on CI (``CI`` set) it fails: a CI that stopped passing ``DATABASE_URL`` or ``REDIS_URL`` through must not
stay green with skips. CI's embedded run, which has no services on purpose, says so with ``CI_EMBEDDED=1``: there
the service tests are deselected (and counted in the summary), not skipped.
"""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from wagtail.models import Site

from tests.factories import ensure_wagtail_roots
from tests.outbox_support import broker_away, redis_away  # noqa: F401  (fixtures for every package)
from tests.redis_server import redis_server  # noqa: F401
from tests.worker import celery_worker, smtp_server  # noqa: F401  (fixtures for every package)

SERVICE_MARKERS = ("requires_postgresql", "requires_redis", "requires_worker")
DESELECTED_SERVICE_TESTS = pytest.StashKey[int]()


def missing_service(marker_name: str) -> str | None:
    """Why the service a marker names is not available in this run, or None when it is."""
    postgresql = connection.vendor == "postgresql"
    if marker_name == "requires_postgresql" and not postgresql:
        return "needs PostgreSQL: run with DATABASE_URL=postgres://..."
    if marker_name == "requires_redis" and not settings.REDIS_URL:
        return "needs Redis: run with REDIS_URL=redis://..."
    if marker_name == "requires_worker" and not (settings.REDIS_URL and postgresql):
        return (
            "a real Celery worker needs Redis as its broker and a database it can reach: set REDIS_URL and DATABASE_URL"
        )
    return None


def embedded_ci_run() -> bool:
    return bool(os.environ.get("CI")) and os.environ.get("CI_EMBEDDED") == "1"


def pytest_collection_modifyitems(config, items):
    if not embedded_ci_run():
        return
    needs_services = [item for item in items if any(item.get_closest_marker(name) for name in SERVICE_MARKERS)]
    if needs_services:
        config.hook.pytest_deselected(items=needs_services)
        items[:] = [item for item in items if item not in needs_services]
        config.stash[DESELECTED_SERVICE_TESTS] = len(needs_services)


def pytest_runtest_setup(item):
    for name in SERVICE_MARKERS:
        if item.get_closest_marker(name) and (reason := missing_service(name)):
            if os.environ.get("CI"):
                pytest.fail(f"{item.nodeid} {reason} (CI is set: a service test must run there, not skip)")
            pytest.skip(reason)


def pytest_terminal_summary(terminalreporter, config):
    if count := config.stash.get(DESELECTED_SERVICE_TESTS, 0):
        terminalreporter.write_line(
            f"embedded CI run: {count} tests that need PostgreSQL, Redis or a worker deselected"
        )


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (rate limits, cached pages and feeds), also on a shared Redis."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(params=["any", pytest.param("postgresql", marks=pytest.mark.requires_postgresql)])
def each_database(request):
    """Runs a test on the database at hand and once more as a PostgreSQL test, which the PostgreSQL run must not skip
    (for behaviour that each database implements its own way, such as full-text search)."""
    assert request.param == "any" or connection.vendor == request.param
    return request.param


@pytest.fixture
def home_page(db):
    """The demo site's home page, as load_initial_data builds it (without plugin demo content)."""
    from cms.demo.site import ensure_home_page, ensure_townships

    ensure_wagtail_roots()
    ensure_townships()
    return ensure_home_page()


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


def skip_or_fail(reason: str):
    """Skip a test whose service is missing, with the reason; on CI (CI=true) fail instead, so nothing is skipped unseen."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason} (CI must provide it)")
    pytest.skip(reason)
