"""One log line per request: method, path, status, duration; never the query string; JSON lines when asked."""

import json
import logging

import pytest
from django.contrib.auth import get_user_model

from cms.request_log import JsonFormatter


def request_records(caplog):
    return [record for record in caplog.records if record.name == "cms.requests"]


@pytest.mark.django_db
def test_each_request_is_logged_once_with_its_duration_and_without_the_query_string(client, caplog):
    caplog.set_level(logging.INFO, logger="cms.requests")
    client.get("/robots.txt?token=secret-private-link")
    [record] = request_records(caplog)
    assert (record.method, record.path, record.status) == ("GET", "/robots.txt", 200)
    assert record.duration_ms >= 0
    assert "secret-private-link" not in record.getMessage()
    assert record.getMessage().startswith("GET /robots.txt 200 ")


@pytest.mark.django_db
def test_a_missing_page_is_logged_with_its_status(client, caplog):
    caplog.set_level(logging.INFO, logger="cms.requests")
    client.get("/no-such-page/")
    [record] = request_records(caplog)
    assert record.status == 404


def test_health_checks_are_not_logged(client, caplog):
    """A load balancer calls them every few seconds: they would drown the real requests."""
    caplog.set_level(logging.INFO, logger="cms.requests")
    client.get("/healthz")
    assert request_records(caplog) == []


def test_the_json_format_writes_one_object_per_line():
    record = logging.LogRecord("cms.requests", logging.INFO, __file__, 1, "%s %s", ("GET", "/"), None)
    record.__dict__.update(method="GET", path="/", status=200, duration_ms=12.5)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "GET /"
    assert (entry["method"], entry["path"], entry["status"], entry["duration_ms"]) == ("GET", "/", 200, 12.5)
    assert entry["level"] == "INFO" and entry["time"].endswith("+00:00")


def test_log_format_json_switches_the_console_handler(monkeypatch):
    """Settings read LOG_FORMAT at import: a fresh import with the variable set picks the JSON formatter."""
    import importlib

    import cms.settings.base as base

    monkeypatch.setenv("LOG_FORMAT", "json")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.LOGGING["handlers"]["console"]["formatter"] == "json"
    finally:
        monkeypatch.delenv("LOG_FORMAT")
        importlib.reload(base)


def test_sentry_is_initialised_only_with_a_dsn(monkeypatch):
    import importlib

    import sentry_sdk

    import cms.settings.base as base

    calls = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: calls.append(options))
    monkeypatch.delenv("SENTRY_DSN", raising=False)
    importlib.reload(base)
    assert calls == []
    monkeypatch.setenv("SENTRY_DSN", "https://key@sentry.example.org/1")
    try:
        importlib.reload(base)
    finally:
        monkeypatch.delenv("SENTRY_DSN")
        importlib.reload(base)
    [options] = calls
    assert options["dsn"] == "https://key@sentry.example.org/1"
    assert options["send_default_pii"] is False


@pytest.mark.django_db
def test_secret_link_tokens_never_reach_the_log(client, caplog, settings):
    """Booking management links and private feed addresses carry their token in the path, not the query string."""
    if "events" not in settings.INSTALLED_APPS:
        pytest.skip("the events plugin is not installed")
    from events.models import FeedToken

    caplog.set_level(logging.INFO, logger="cms.requests")
    user = get_user_model().objects.create_superuser("admin", "admin@example.com", "x")
    token = FeedToken.objects.create(user=user).token
    client.get(f"/events/feeds/private/{token}.ics")
    client.get("/events/booking/not-a-real-but-secret-looking-token/")
    records = request_records(caplog)
    assert [(record.path, record.status) for record in records] == [
        ("/events/feeds/private/***.ics", 200),
        ("/events/booking/***/", 404),
    ]
    assert all(token not in record.getMessage() and "secret-looking" not in record.getMessage() for record in records)
