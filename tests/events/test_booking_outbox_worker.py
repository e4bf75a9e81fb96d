"""Redis killed mid-run: a booking made while it is away is answered, and mailed once when Redis, a worker and the
beat's sweep are back; never twice.

The test starts its own ``redis-server`` (cache and broker of both the site and the worker), kills it, books through
the API, starts Redis again on the same port and runs the sweep beat would run. The worker sends over SMTP to a test
server, so a mail received there was sent by the worker.
"""

import os
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from cms.celery import app
from cms.models import OutboxEntry
from cms.outbox import hand_over, sweep
from events.models import BookingNotice
from tests.events.booking_support import make_room
from tests.events.test_booking_worker import request_booking
from tests.outbox_support import reset_broker_connections
from tests.worker import WORKER_START_SECONDS, Worker, database_url_for_worker

pytestmark = [
    pytest.mark.slow,
    pytest.mark.requires_worker,
    pytest.mark.requires_redis,
    pytest.mark.requires_postgresql,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def worker_on_own_redis(redis_server, smtp_server):
    """A worker whose broker and cache are the test's own Redis; this process sends its tasks there too."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_worker(),
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "REDIS_URL": redis_server.url,
        "TEST_WORKER_EMAIL_URL": f"smtp://127.0.0.1:{smtp_server.port}",
    }
    worker = Worker(env)
    if not worker.wait_for_log("ready.", timeout=WORKER_START_SECONDS):
        pytest.fail(f"the worker did not start in {WORKER_START_SECONDS} s:\n{worker.stop()}")
    saved = app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url
    app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url = False, worker.queue, redis_server.url
    reset_broker_connections()
    cache = {"default": {"BACKEND": "cms.cache.ResilientRedisCache", "LOCATION": redis_server.url}}
    with override_settings(CACHES=cache):
        yield worker
    app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url = saved
    reset_broker_connections()
    print(worker.stop())  # noqa: T201 -- shown by pytest only when the test fails


def test_a_booking_made_while_redis_is_down_is_mailed_once_when_it_is_back(
    client, home_page, redis_server, smtp_server, worker_on_own_redis
):
    make_room()
    redis_server.stop()

    booking = request_booking(client)  # answered 201
    assert client.get("/").status_code == 200  # the cache is away too: pages are still served
    [entry] = OutboxEntry.objects.all()
    assert entry.done_at is None
    assert smtp_server.received == []

    redis_server.start()
    reset_broker_connections()
    # What beat's sweep does once the entry has waited OUTBOX_RETRY_SECONDS.
    assert sweep(now=timezone.now() + timedelta(seconds=settings.OUTBOX_RETRY_SECONDS)) == 1

    received = smtp_server.wait_for(1, timeout=120)
    assert [m.recipients for m in received] == [["chenxiao@example.com"]]
    assert worker_on_own_redis.wait_for_log("succeeded", timeout=30)
    entry.refresh_from_db()
    assert entry.done_at is not None

    # Handed over once more (a sweep racing the first run): the worker runs it and sends nothing.
    assert hand_over(entry) is True
    assert worker_on_own_redis.wait_for_log("succeeded", count=2, timeout=60)
    assert len(smtp_server.received) == 1
    assert BookingNotice.objects.filter(booking=booking).count() == 1
    assert mail.outbox == []  # the test process sent nothing itself
