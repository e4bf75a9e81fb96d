"""Rendered feeds are cached under the versions of what they show; a change bumps only the versions it touches.

Each feed names its scopes: the activity feeds ``activities``, the duty roster ``duty``, a team's feed both, a room's
feed ``room:<pk>``, the staff's private feed ``bookings`` (every room). A booking of room A bumps ``room:<A>`` and
``bookings``: room B's feed and the activity feeds stay cached. The receivers below are connected in
``EventsConfig.ready``; code that changes rows without signals (``QuerySet.update``) calls ``invalidate`` itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.utils import timezone
from wagtail.signals import post_page_move

TIMEOUT = 60 * 60 * 6
ACTIVITIES, DUTY, BOOKINGS = "activities", "duty", "bookings"


def room_scope(room_id) -> str:
    return f"room:{room_id}"


def _version_key(scope: str) -> str:
    return f"events:feeds:version:{scope}"


def _changed_key(scope: str) -> str:
    return f"events:feeds:changed-at:{scope}"


def versions(scopes: Iterable[str]) -> str:
    """The current versions of ``scopes``, as part of a cache key (one read of the cache, whatever the scopes)."""
    scopes = list(scopes)
    found = cache.get_many([_version_key(scope) for scope in scopes])
    missing = [_version_key(scope) for scope in scopes if _version_key(scope) not in found]
    for key in missing:  # first use (or evicted): start at 1, unless another process has just started it
        found[key] = cache.get_or_set(key, 1, None)
    return ".".join(str(found.get(_version_key(scope), 1)) for scope in scopes)


def last_change(scopes: Iterable[str]) -> datetime | None:
    stamps = [stamp for stamp in cache.get_many([_changed_key(scope) for scope in scopes]).values() if stamp]
    return datetime.fromtimestamp(max(stamps), UTC) if stamps else None


def invalidate(*scopes: str) -> None:
    """Bump the versions of ``scopes``: the feeds and panels that show them are built again on their next request.

    Bumped now and again after the commit: a request that read the new version before the commit still saw the old
    rows, and must not leave them cached under it.
    """
    _bump(scopes)
    if transaction.get_connection().in_atomic_block:  # outside one, the change is committed already
        transaction.on_commit(lambda: _bump(scopes))


def _bump(scopes) -> None:
    now = int(timezone.now().timestamp())
    for scope in scopes:
        try:
            cache.incr(_version_key(scope))
        except ValueError:  # not cached yet (or evicted): any new value differs from what readers saw
            cache.set(_version_key(scope), now, None)
    cache.set_many({_changed_key(scope): now for scope in scopes}, None)


def invalidate_rooms(room_ids: Iterable) -> None:
    """Bookings of these rooms changed without signals (e.g. requests expired by a bulk update)."""
    room_ids = set(room_ids)
    if room_ids:
        invalidate(BOOKINGS, *(room_scope(room_id) for room_id in sorted(room_ids)))


def cached_feed(key: str, scopes: Iterable[str], build: Callable) -> tuple[bytes, str, datetime | None]:
    """``(body, etag, last_modified)`` of the feed ``key`` showing ``scopes``, built by ``build()`` (a ``Feed``) on a
    cache miss.

    Last-Modified is the latest item change, or the latest invalidation of its scopes if later: a deleted item
    leaves no stamp of its own, and clients asking with If-Modified-Since alone must still see the new feed.
    """
    scopes = list(scopes)
    full_key = f"events:feed:{versions(scopes)}:{timezone.localdate():%Y%m%d}:{key}"
    hit = cache.get(full_key)
    if hit is None:
        feed = build()
        hit = (feed.body, hashlib.sha256(feed.body).hexdigest()[:32], feed.last_modified)
        cache.set(full_key, hit, TIMEOUT)
    body, etag, last_modified = hit
    changed = last_change(scopes)
    if changed and last_modified and changed > last_modified:
        last_modified = changed
    return body, etag, last_modified


# -- receivers -----------------------------------------------------------------------------------------------------
def _activities_changed(**kwargs) -> None:
    invalidate(ACTIVITIES)


def _duty_changed(**kwargs) -> None:
    invalidate(DUTY)


def _team_changed(**kwargs) -> None:
    """Team names appear in the activity and duty feeds (bookings keep their own organiser name)."""
    invalidate(ACTIVITIES, DUTY)


def _remember_room(instance, **kwargs) -> None:
    # A booking moved to another room leaves the first room's feed too; remember where it was loaded from.
    instance._feed_room_id = instance.__dict__.get("room_id")


def _booking_changed(instance, **kwargs) -> None:
    invalidate_rooms({instance.room_id, getattr(instance, "_feed_room_id", None)} - {None})
    instance._feed_room_id = instance.room_id


def _room_changed(instance, **kwargs) -> None:
    invalidate_rooms({instance.pk})


def _equipment_changed(instance, **kwargs) -> None:
    # Sent with the booking, or with the room's equipment item (from the other side): both know their room.
    invalidate_rooms({instance.room_id})


def connect_signals() -> None:
    from cms.models import Team
    from events.models import (
        ActivityCategory,
        ActivityIndexPage,
        ActivityPage,
        Booking,
        DutyShift,
        FunctionRoom,
        OccurrenceChange,
    )

    receivers = [
        (ActivityPage, _activities_changed),
        (ActivityIndexPage, _activities_changed),  # the board, linked from the activity panels
        (OccurrenceChange, _activities_changed),
        (ActivityCategory, _activities_changed),
        (DutyShift, _duty_changed),
        (Team, _team_changed),
        (Booking, _booking_changed),
        (FunctionRoom, _room_changed),
    ]
    for model, receiver in receivers:
        label = model._meta.label
        post_save.connect(receiver, sender=model, dispatch_uid=f"events-feeds-save-{label}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"events-feeds-delete-{label}")
    post_init.connect(_remember_room, sender=Booking, dispatch_uid="events-feeds-booking-room")
    m2m_changed.connect(_equipment_changed, sender=Booking.equipment.through, dispatch_uid="events-feeds-equipment")
    # Moving a page rewrites URL paths with a queryset update (no post_save): the feeds' URLs change with it.
    post_page_move.connect(_activities_changed, dispatch_uid="events-feeds-page-move")
