"""Helpers for the outbox tests: Redis away (as broker and cache), and beat's sweep run once it is back."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from cms.celery import app
from cms.outbox import sweep
from tests.redis_server import free_port


def reset_broker_connections() -> None:
    """Forget the Celery app's broker connections, so the next task is sent with the broker_url set now."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_away():
    """Tasks are sent (not run eagerly) to a Redis broker on a port where nothing listens; eager again after."""
    saved = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = f"redis://127.0.0.1:{free_port()}/0"
    reset_broker_connections()
    yield
    app.conf.task_always_eager, app.conf.broker_url = saved
    reset_broker_connections()


def broker_back_and_sweep() -> int:
    """Tasks run eagerly again (a broker and a worker are back), and beat's sweep runs once its interval has passed."""
    app.conf.task_always_eager = True
    return sweep(now=timezone.now() + timedelta(seconds=settings.OUTBOX_RETRY_SECONDS))


@pytest.fixture
def redis_away(broker_away):
    """Redis stopped: the broker is away, and so is the site's cache (a port where nothing listens)."""
    cache = {
        "default": {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
    with override_settings(CACHES=cache):
        yield
