"""Rendered feeds are cached under a version key; any change to what a feed shows bumps the version.

The receivers below are connected in ``EventsConfig.ready``. One version for every feed keeps invalidation simple and
obviously correct; feeds are cheap enough to rebuild after a change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from wagtail.signals import post_page_move

VERSION_KEY = "events:feeds:version"
CHANGED_KEY = "events:feeds:changed-at"
TIMEOUT = 60 * 60 * 6


def version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None)


def last_change() -> datetime | None:
    stamp = cache.get(CHANGED_KEY)
    return datetime.fromtimestamp(stamp, UTC) if stamp else None


def invalidate(**kwargs) -> None:
    """Bump the version (a signal receiver; also callable directly)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not cached yet (or evicted): any new value differs from what readers saw
        cache.set(VERSION_KEY, int(timezone.now().timestamp()), None)
    cache.set(CHANGED_KEY, int(timezone.now().timestamp()), None)


def cached_feed(key: str, build: Callable) -> tuple[bytes, str, datetime | None]:
    """``(body, etag, last_modified)`` of the feed ``key``, built by ``build()`` (a ``Feed``) on a cache miss.

    Last-Modified is the latest item change, or the latest invalidation if later: a deleted item leaves no stamp
    of its own, and clients asking with If-Modified-Since alone must still see the new feed.
    """
    full_key = f"events:feed:{version()}:{timezone.localdate():%Y%m%d}:{key}"
    hit = cache.get(full_key)
    if hit is None:
        feed = build()
        hit = (feed.body, hashlib.sha256(feed.body).hexdigest()[:32], feed.last_modified)
        cache.set(full_key, hit, TIMEOUT)
    body, etag, last_modified = hit
    changed = last_change()
    if changed and last_modified and changed > last_modified:
        last_modified = changed
    return body, etag, last_modified


def connect_signals() -> None:
    from cms.models import Team
    from events.models import (
        ActivityCategory,
        ActivityPage,
        Booking,
        DutyShift,
        FunctionRoom,
        OccurrenceChange,
    )

    for model in (ActivityPage, OccurrenceChange, ActivityCategory, DutyShift, Booking, FunctionRoom, Team):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"events-feeds-save-{model._meta.label}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"events-feeds-delete-{model._meta.label}")
    m2m_changed.connect(invalidate, sender=Booking.equipment.through, dispatch_uid="events-feeds-equipment")
    # Moving a page rewrites URL paths with a queryset update (no post_save): the feeds' URLs change with it.
    post_page_move.connect(invalidate, dispatch_uid="events-feeds-page-move")
