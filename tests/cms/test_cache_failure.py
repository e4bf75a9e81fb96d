"""Redis may fail: the cache then answers misses (logged), and the public site keeps serving pages from the database."""

import logging

import pytest
from django.core.cache import caches
from django.test import override_settings

from tests.redis_server import free_port


def redis_cache(url: str, down_seconds: float = 0) -> dict:
    return {
        "default": {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "vs-test-failure",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1, "DOWN_SECONDS": down_seconds},
        }
    }


@pytest.fixture
def redis_away():
    """The site's cache pointed at a port where no Redis listens (what a stopped Redis looks like to the site)."""
    with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{free_port()}/0", down_seconds=5)):
        yield caches["default"]


def test_every_cache_call_answers_a_miss_while_redis_is_away(redis_away, caplog):
    cache = redis_away
    with caplog.at_level(logging.WARNING, logger="cms.cache"):
        assert cache.get("key") is None
        assert cache.get("key", "fallback") == "fallback"
        assert cache.get("key", default=0) == 0
        assert cache.add("key", 1) is False
        assert cache.set("key", 1) is None
        assert cache.get_or_set("key", 7) == 7
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.delete("key") is False
        assert cache.delete_many(["a"]) is None
        assert cache.has_key("key") is False
        assert cache.touch("key") is False
        with pytest.raises(ValueError):
            cache.incr("key")
        assert cache.clear() is False
    # One warning for the outage, not one per call.
    assert len([record for record in caplog.records if record.name == "cms.cache"]) == 1


def test_a_failure_is_not_retried_for_a_few_seconds(redis_away):
    """A request reading the cache ten times waits for one refused connection, not ten (nor ten timeouts)."""
    cache = redis_away
    cache.get("first")
    client = cache._cache.get_client
    calls = []
    cache._cache.get_client = lambda *args, **kwargs: calls.append(args) or client(*args, **kwargs)
    for _ in range(10):
        cache.get("again")
    assert calls == []


@pytest.mark.django_db
def test_the_home_page_is_served_while_redis_is_away(client, home_page, redis_away):
    response = client.get("/")
    assert response.status_code == 200
    assert home_page.title in response.content.decode()


@pytest.mark.requires_redis
@pytest.mark.django_db
def test_redis_killed_mid_run_then_back(client, home_page, redis_server):
    """A real Redis server stops between two requests and starts again: pages all along, the cache again after."""
    with override_settings(CACHES=redis_cache(redis_server.url)):
        cache = caches["default"]
        assert client.get("/").status_code == 200
        cache.set("alive", "yes")
        assert cache.get("alive") == "yes"

        redis_server.stop()
        assert cache.get("alive") is None
        for path, status in (("/", 200), ("/search/?query=志愿", 200), ("/does-not-exist/", 404)):
            assert client.get(path).status_code == status, path

        redis_server.start()
        cache.set("alive", "again")
        assert cache.get("alive") == "again"
        assert client.get("/").status_code == 200
