"""/healthz, /readyz and `manage.py health`: what a load balancer and an operator see when a service is away."""

import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import ConnectionHandler
from django.test import override_settings

from cms import health
from cms.management.commands.health import Command as HealthCommand
from tests.redis_server import free_port


@pytest.fixture
def migrations_unknown(monkeypatch):
    """Forget this process's "migrations applied" answer, so that the check asks the database again."""
    monkeypatch.setattr(health, "_migrations_applied", False)


def test_healthz_answers_without_touching_anything(client):
    """No db fixture: a query would raise here."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers


@override_settings(ALLOWED_HOSTS=["zyz.example.org"], SECURE_SSL_REDIRECT=True)
def test_a_load_balancer_calling_by_address_over_http_is_answered(client, db):
    """Not redirected to HTTPS, not refused for its Host header (it calls the backend's address)."""
    for url in ("/healthz", "/readyz"):
        response = client.get(url, HTTP_HOST="10.0.0.7:8000")
        assert response.status_code == 200, url


def test_readyz_is_ok_when_everything_answers(client, db, migrations_unknown):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok", "migrations": "ok"},
    }


def test_readyz_says_which_check_failed_when_a_migration_is_missing(client, db, migrations_unknown):
    MigrationRecorder.Migration.objects.filter(app="cms").order_by("-id").first().delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok", "migrations": "failed"}


def test_the_migrations_answer_is_kept_once_true(client, db, migrations_unknown, django_assert_max_num_queries):
    assert client.get("/readyz").status_code == 200
    with django_assert_max_num_queries(1):  # SELECT 1 only: no migration graph on every call
        assert client.get("/readyz").status_code == 200


def test_readyz_fails_fast_when_postgresql_is_away(client, db, monkeypatch, migrations_unknown):
    """The database check pointed at a port where nothing listens: 503 naming the database, well within 2 s."""
    away = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "station",
                "USER": "postgres",
                "HOST": "127.0.0.1",
                "PORT": str(free_port()),
            }
        }
    )
    monkeypatch.setattr(health, "connections", away)
    started = time.monotonic()
    response = client.get("/readyz")
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "failed", "cache": "ok", "broker": "ok", "migrations": "unknown"},
    }
    assert elapsed < 2
    assert b"127.0.0.1" not in response.content and b"connection" not in response.content.lower()


def test_readyz_fails_fast_when_redis_stops(client, db, redis_server, migrations_unknown):
    url = redis_server.url
    with override_settings(REDIS_URL=url, CELERY_BROKER_URL=url):
        assert client.get("/readyz").json()["checks"]["cache"] == "ok"
        redis_server.stop()
        started = time.monotonic()
        response = client.get("/readyz")
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "failed", "broker": "ok", "migrations": "ok"}
    assert elapsed < 2
    assert url.encode() not in response.content


def test_a_separate_broker_is_checked_on_its_own(client, db, redis_server, migrations_unknown):
    url = redis_server.url
    away = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(REDIS_URL=url, CELERY_BROKER_URL=away):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == "failed"


def test_the_command_prints_every_check(db, migrations_unknown):
    out = StringIO()
    call_command("health", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[:2] for line in lines] == [
        ["database", "ok"],
        ["cache", "ok"],
        ["broker", "ok"],
        ["migrations", "ok"],
        ["worker", "ok"],
        ["beat", "ok"],
    ]


def test_the_command_reports_a_worker_that_does_not_answer_and_a_silent_beat(db, redis_server, migrations_unknown):
    """A broker with no worker behind it: the ping times out; beat never wrote a heartbeat."""
    url = redis_server.url
    out = StringIO()
    with override_settings(CELERY_TASK_ALWAYS_EAGER=False, REDIS_URL=url, CELERY_BROKER_URL=url):
        with pytest.raises(CommandError, match="worker, beat"):
            call_command("health", stdout=out)
    assert "no worker answered" in out.getvalue()
    assert "no heartbeat recorded yet" in out.getvalue()


def test_the_worker_ping_leaves_the_sites_broker_connections_alone(db, redis_server):
    """The ping used to publish through the site's Celery app, whose pool then stayed bound to the pinged broker:
    every later task of the process went to a server that had gone away."""
    from cms.celery import app

    url = redis_server.url
    pool_before = app._pool
    with override_settings(CELERY_TASK_ALWAYS_EAGER=False, REDIS_URL=url, CELERY_BROKER_URL=url):
        HealthCommand().ping_workers()
    assert app._pool is pool_before
    assert url.rsplit(":", 1)[1] not in app.producer_pool.connections.connection.as_uri()


def test_beats_heartbeat_is_reported_with_its_age(db):
    from cms.tasks import beat_heartbeat

    beat_heartbeat.delay()
    with override_settings(CELERY_TASK_ALWAYS_EAGER=False):
        assert health.last_beat_heartbeat() is not None
        status, detail = HealthCommand().beat()
    assert status == "ok"
    assert "s ago" in detail
