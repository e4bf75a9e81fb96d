"""The page cache: anonymous visitors' GETs of public pages are answered from the shared cache after the first one.

Design (issue 15): one site-wide *content version* is part of every key, and any change to public content replaces
it, so no page is ever served stale after an edit and nothing has to know which pages show what. Edits are rare next
to reads (a WeChat share burst is thousands of reads of a few pages), so starting the whole cache afresh costs little.
What changes the version: Wagtail's page signals (published, unpublished, moved or reordered) and the deletion of a
page; saving or deleting any model registered with ``watch_models`` (the core registers its own; plugins register
theirs, or call ``content_changed`` after a bulk update, through ``cms.plugins``).

Time moves on without edits: the key holds the station's date (Asia/Shanghai), and an entry lives at most until the
next midnight there, ``PAGE_CACHE_TIMEOUT`` seconds, and the next moment a plugin says public pages change by
themselves (an activity starting or ending, a booking request expiring).

What is cached: only responses whose view opted in (Wagtail's page serving through ``before_serve_page``, plugin
views through ``cms.plugins.public_page``, the JSON API's GETs), with status 200, to a request without a session
cookie (so never a logged-in user, nor a visitor with messages or a session of their own), and only when the response
sets no cookie (a CSRF token on the page sets one: a page with a POST form is therefore never shared) and says nothing
against it (``private``, ``no-cache``, ``no-store``). One entry per scheme, host, language, path and query string.

No stampede: on a miss one request renders while the others wait for its entry (a short lock in the same cache).
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
import uuid
from datetime import datetime, timedelta
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail import hooks
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

NEXT_CHANGE_HOOK = "cms_next_public_change"
VERSION_KEY = "page-cache:version"
LOCK_SECONDS = 10  # a render that takes longer lets the waiting visitors render for themselves
WAIT_STEP = 0.005
HIT_HEADER = "X-Page-Cache"
_PUBLIC_MARK = "_page_cache_public"
_SKIPPED_PREFIXES = ("/admin/", "/django-admin/")
_REFUSING = ("private", "no-cache", "no-store")
# An image measures itself on its first rendering (size, hash) and saves just that: nothing a page shows changes.
BOOKKEEPING_FIELDS = {"file_size", "file_hash"}


def timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_TIMEOUT", 0) or 0)


# -- opting in -------------------------------------------------------------------------------------------------------
def mark_public(request) -> None:
    """This request's response is the same for every anonymous visitor: it may be cached."""
    setattr(request, _PUBLIC_MARK, True)


def public_page(view):
    """Decorator for a view whose GET response is the same for every anonymous visitor."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        mark_public(request)
        return view(request, *args, **kwargs)

    return wrapper


@hooks.register("before_serve_page")
def _wagtail_page_is_public(page, request, serve_args, serve_kwargs):
    # Only live pages reach this hook (previews go through serve_preview); restricted pages answer with a redirect
    # or a password form (which sets the CSRF cookie), neither of which is stored.
    mark_public(request)


# -- the content version ---------------------------------------------------------------------------------------------
def _version_path() -> Path:
    return Path(getattr(settings, "PAGE_CACHE_VERSION_FILE", "") or settings.VAR_DIR / "page-cache-version")


def _is_local_cache() -> bool:
    """A cache in each process's memory cannot carry the version between workers: a file on this host does."""
    return isinstance(caches["default"], LocMemCache)


def content_version() -> str:
    """The current content version (one read of the shared cache, or of a small file)."""
    if _is_local_cache():
        path = _version_path()
        try:
            return path.read_text()
        except FileNotFoundError:
            _write_version_file(path)
            return path.read_text()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def _write_version_file(path: Path) -> None:
    # Written aside and renamed over the old one, so that a reader never sees a half-written version.
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    temporary.write_text(uuid.uuid4().hex)
    os.replace(temporary, path)


def _replace_version() -> None:
    if _is_local_cache():
        _write_version_file(_version_path())
    else:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def settings_first_read(instance=None, created=False, **kwargs) -> bool:
    """A site setting's row created with its defaults on its first read (Wagtail's ``load``): nothing shown changed."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    return created and isinstance(instance, BaseSiteSetting | BaseGenericSetting)


def after_commit_too(function) -> None:
    """Run ``function`` again once the current transaction commits (outside one, the change is committed already)."""
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(function)


def content_changed(update_fields=None, **kwargs) -> None:
    """Public content changed: every cached page is stale from now on.

    The version is replaced at once and again after the transaction commits, so that a page rendered from the old
    data between the two (by a visitor while the edit was still uncommitted) is never served afterwards.
    """
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    if settings_first_read(**kwargs):
        return
    _replace_version()
    after_commit_too(_replace_version)


def watch_models(*models) -> None:
    """Saving or deleting any of ``models`` changes public pages (connected once per model)."""
    for model in models:
        label = model._meta.label
        post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-save-{label}", weak=False)
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"page-cache-delete-{label}", weak=False)


def _page_deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        content_changed()


def connect_signals() -> None:
    """The core's watch: pages (Wagtail's signals), its own models and the Wagtail models public pages show."""
    from django.apps import apps

    page_published.connect(content_changed, dispatch_uid="page-cache-published")
    page_unpublished.connect(content_changed, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(content_changed, dispatch_uid="page-cache-moved")  # moving and reordering
    post_delete.connect(_page_deleted, dispatch_uid="page-cache-page-deleted")
    # The core's models, but not the outbox: a mail waiting or sent changes no page.
    watch_models(
        *(model for model in apps.get_app_config("cms").get_models() if model._meta.model_name != "outboxentry")
    )
    for label in (
        "wagtailcore.Site",
        "wagtailcore.PageViewRestriction",
        "wagtailimages.Image",
        "wagtaildocs.Document",
        "taggit.Tag",
    ):
        watch_models(apps.get_model(label))


# -- time ------------------------------------------------------------------------------------------------------------
def _next_midnight(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), datetime.min.time()))


def expires_at(now: datetime | None = None) -> datetime:
    """When an entry stored now must stop being served: the first of the next midnight (the station's time), the
    configured timeout, and the plugins' next change by themselves (remembered per content version)."""
    now = now or timezone.now()
    bound = min(_next_midnight(now), now + timedelta(seconds=timeout()))
    key = f"page-cache:next-change:{content_version()}"
    remembered = cache.get(key)
    if remembered is None or remembered <= now:
        remembered = bound
        for next_change in hooks.get_hooks(NEXT_CHANGE_HOOK):
            moment = next_change(now, bound)
            if moment is not None and now < moment < remembered:
                remembered = moment
        cache.set(key, remembered, max(1, int((remembered - now).total_seconds())))
    return min(bound, remembered)


# -- the middleware --------------------------------------------------------------------------------------------------
def _cache_key(request, version: str) -> str | None:
    try:
        host = request.get_host()
    except Exception:  # noqa: BLE001  (DisallowedHost: the view answers it as it would without the cache)
        return None
    where = f"{request.scheme}://{host}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:40]
    day = timezone.localdate()
    return f"page-cache:{version}:{day:%Y%m%d}:{getattr(request, 'LANGUAGE_CODE', '')}:{digest}"


def _may_be_cached(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith(_SKIPPED_PREFIXES)
    )


def _cache_control_refuses(response) -> bool:
    value = response.get("Cache-Control", "").lower()
    return any(word in value for word in _REFUSING)


def _storable(request, response) -> bool:
    session = getattr(request, "session", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and (getattr(request, _PUBLIC_MARK, False) or request.path.startswith("/api/"))
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not _cache_control_refuses(response)
        and "*" not in response.get("Vary", "")
    )


def _public_headers(response, seconds: int) -> None:
    """Tell a proxy or CDN in front what it may do: browsers revalidate, a shared cache keeps it ``s-maxage``."""
    proxy_seconds = min(seconds, int(getattr(settings, "PAGE_CACHE_PROXY_SECONDS", 0) or 0))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    if proxy_seconds > 0:
        patch_cache_control(response, public=True, max_age=0, s_maxage=proxy_seconds)
        response["X-Accel-Expires"] = str(proxy_seconds)
    else:
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)


class PageCacheMiddleware:
    """Answer anonymous GETs of public pages from the cache (see the module's docstring); after ``LocaleMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if timeout() <= 0 or not _may_be_cached(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
                patch_cache_control(response, private=True)  # a proxy must never share what a signed-in user saw
            return response
        try:
            key = _cache_key(request, content_version())
            entry = cache.get(key) if key else None
        except Exception:  # noqa: BLE001  (the cache away: the site still answers, rendering every page)
            logger.warning("page cache: the cache cannot be read", exc_info=True)
            key = None
        if key is None:
            return self.get_response(request)
        if entry is None and request.method == "GET":
            return self._render(request, key)
        if entry is None or entry == "pass":
            return self.get_response(request)
        return self._replay(entry, "hit")

    def _render(self, request, key):
        lock = f"{key}:lock"
        try:
            locked = cache.add(lock, 1, LOCK_SECONDS)
        except Exception:  # noqa: BLE001
            logger.warning("page cache: the cache cannot be written", exc_info=True)
            return self.get_response(request)
        if not locked:
            entry = self._wait(key, lock)
            if entry is not None and entry != "pass":
                return self._replay(entry, "hit")
            if entry is None:
                logger.info("page cache: rendering %s without waiting longer for another render", request.path)
            return self.get_response(request)
        try:
            response = self.get_response(request)
            self._store(request, response, key)
        finally:
            cache.delete(lock)
        return response

    @staticmethod
    def _wait(key, lock):
        """Wait for the render that holds ``lock``; None when it went away without an entry or took too long."""
        deadline = time.monotonic() + LOCK_SECONDS
        while time.monotonic() < deadline:
            time.sleep(WAIT_STEP)
            entry = cache.get(key)
            if entry is not None:
                return entry
            if cache.get(lock) is None:
                return cache.get(key)
        return None

    @staticmethod
    def _store(request, response, key) -> None:
        now = timezone.now()
        seconds = int((expires_at(now) - now).total_seconds())
        if seconds <= 0:
            return
        if not _storable(request, response):
            # Others asking for this URL go straight to the view instead of waiting for an entry that never comes.
            cache.set(key, "pass", min(seconds, 60))
            return
        _public_headers(response, seconds)
        headers = {name: value for name, value in response.items() if name.lower() != "set-cookie"}
        cache.set(key, (response.status_code, headers, response.content), seconds)
        response[HIT_HEADER] = "miss"

    @staticmethod
    def _replay(entry, state: str) -> HttpResponse:
        status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response[HIT_HEADER] = state
        return response
