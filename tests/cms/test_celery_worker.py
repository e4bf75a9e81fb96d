"""A real Celery worker process, fed through Redis, does the core's scheduled publishing against the real database."""

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from cms.celery import app
from cms.tasks import publish_scheduled_pages

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not settings.REDIS_URL, reason="REDIS_URL is unset: no broker for a real Celery worker"),
]


def database_url_for_worker() -> str:
    """The URL of the test database, which a separate worker process can open (not SQLite's in-memory one)."""
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("the worker needs a database another process can reach: run with DATABASE_URL=postgres://...")
    host = db["HOST"] or "127.0.0.1"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker():
    """Start ``celery worker`` on a queue of its own; stop it after the test."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DATABASE_URL": database_url_for_worker(), "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "cms", "worker", "-Q", queue, "--pool", "solo", "-l", "warning"]
        + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield queue
    process.terminate()
    output, _ = process.communicate(timeout=30)
    print(output)  # noqa: T201 -- shown by pytest only when the test fails


@pytest.fixture
def eager_off():
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


@pytest.mark.django_db(transaction=True)
def test_worker_publishes_a_scheduled_page(home_page, worker, eager_off):
    page = home_page.add_child(instance=Page(title="定时发布的页面", slug="scheduled", live=False))
    page.title = "定时发布的页面(已上线)"
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save(update_fields=["approved_go_live_at"])
    assert not Page.objects.get(pk=page.pk).live

    publish_scheduled_pages.apply_async(queue=worker)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not Page.objects.get(pk=page.pk).live:
        time.sleep(0.5)
    page = Page.objects.get(pk=page.pk)
    assert page.live
    assert page.title == "定时发布的页面(已上线)"
