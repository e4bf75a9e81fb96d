"""Test settings: the same stack as dev, quick password hashing, mail kept in memory, media in a scratch folder."""

import tempfile
from pathlib import Path

import dj_email_url

from .base import *  # noqa: F403
from .env import env

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The real-worker tests start a worker process with a small SMTP server of their own (tests/worker.py).
if TEST_WORKER_EMAIL_URL := env("TEST_WORKER_EMAIL_URL"):
    vars().update(dj_email_url.parse(TEST_WORKER_EMAIL_URL))
MEDIA_ROOT = Path(env("MEDIA_ROOT") or tempfile.mkdtemp(prefix="vs-test-media-"))
PRIVATE_MEDIA_ROOT = MEDIA_ROOT.parent / f"{MEDIA_ROOT.name}-private"
# The page cache is off unless a test turns it on (tests/cms/test_page_cache.py): other tests change data between
# requests in ways no visitor can (frozen clocks), and must see the view's answer. Its version file is the test's own.
PAGE_CACHE_TIMEOUT = int(env("PAGE_CACHE_TIMEOUT") or 0)
PAGE_CACHE_VERSION_FILE = MEDIA_ROOT.parent / f"{MEDIA_ROOT.name}-page-cache-version"
# Unit tests run tasks in-process; the worker integration test sends them to a real worker through REDIS_URL.
CELERY_TASK_ALWAYS_EAGER = True
if REDIS_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = env("CACHE_KEY_PREFIX", "vs-test")  # noqa: F405
