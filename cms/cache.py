"""The site's cache on Redis, degrading to misses when Redis is away.

Django's ``RedisCache`` raises on every call while Redis is down (a restart, a full disk, a network blip), and every
public page reads the cache: the whole site would answer 500 with it. Here a failed call is logged and answered as a
miss instead (``get`` gives the default, ``add`` and ``delete`` say nothing was done, ``incr`` raises ``ValueError``
as for a missing key), so pages are built from the database. After a failure the cache is not asked again for
``DOWN_SECONDS`` (an ``OPTIONS`` entry, 5 by default), so a request does not wait for one timeout per read.

Rate limits (django-ratelimit) then find no count: ``RATELIMIT_FAIL_OPEN`` in the settings says what they do.
"""

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

DEFAULT_DOWN_SECONDS = 5
LOG_EVERY_SECONDS = 60


def _answer_on_failure(miss):
    """Decorate a cache method: when Redis fails (or failed a moment ago), answer ``miss(...)`` instead."""

    def decorate(method):
        @wraps(method)
        def call(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return miss(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                self._mark_down(method.__name__, error)
                return miss(*args, **kwargs)

        return call

    return decorate


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _no_count(*args, **kwargs):
    raise ValueError("the cache is away: no count")  # what callers of incr() already handle for a missing key


class ResilientRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` whose failures are logged misses, not exceptions."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.down_seconds = float(options.pop("DOWN_SECONDS", DEFAULT_DOWN_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0
        self._warned_at = float("-inf")

    def _mark_down(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        if now - self._warned_at >= LOG_EVERY_SECONDS:  # once a minute, not once per read of every request
            logger.warning("cache %s failed, answered as a miss for now: %s", operation, error)
            self._warned_at = now
        self._down_until = now + self.down_seconds

    add = _answer_on_failure(_false)(RedisCache.add)
    get = _answer_on_failure(lambda key, default=None, version=None: default)(RedisCache.get)
    set = _answer_on_failure(_nothing)(RedisCache.set)
    touch = _answer_on_failure(_false)(RedisCache.touch)
    delete = _answer_on_failure(_false)(RedisCache.delete)
    get_many = _answer_on_failure(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _answer_on_failure(_false)(RedisCache.has_key)
    incr = _answer_on_failure(_no_count)(RedisCache.incr)
    set_many = _answer_on_failure(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    delete_many = _answer_on_failure(_nothing)(RedisCache.delete_many)
    clear = _answer_on_failure(_false)(RedisCache.clear)
