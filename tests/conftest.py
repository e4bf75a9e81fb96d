"""Fixtures shared by every test package."""

import os

import pytest
from django.core.cache import cache
from wagtail.models import Site

from tests.factories import ensure_wagtail_roots


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (rate limits, cached pages and feeds), also on a shared Redis."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """The demo site's home page, as load_initial_data builds it (without plugin demo content)."""
    from cms.demo.site import ensure_home_page, ensure_townships

    ensure_wagtail_roots()
    ensure_townships()
    return ensure_home_page()


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


def skip_or_fail(reason: str):
    """Skip a test whose service is missing, with the reason; on CI (CI=true) fail instead, so nothing is skipped unseen."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"{reason} (CI must provide it)")
    pytest.skip(reason)
