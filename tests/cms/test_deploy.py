"""Production settings: every secret from the environment, and Django's deployment checklist is clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


def run_check(extra_env, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "ALLOWED_HOSTS": "volunteer.example.org",
        "VAR_DIR": str(tmp_path),
        "REDIS_URL": "redis://127.0.0.1:6379/0",  # only read by the check, never connected to
        **extra_env,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process only
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_real_values(tmp_path):
    result = run_check({"SECRET_KEY": secrets.token_urlsafe(50)}, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_check({"SECRET_KEY": ""}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache(tmp_path):
    """Without Redis each gunicorn worker would keep its own cache: rate limits per process, stale feeds."""
    result = run_check({"SECRET_KEY": secrets.token_urlsafe(50), "REDIS_URL": ""}, tmp_path)
    assert result.returncode != 0
    assert "REDIS_URL must be set for production" in result.stderr


def test_django_ratelimits_own_check_runs_and_refuses_a_per_process_cache():
    """The embedded default silences it (one process); any other settings with a local cache hear about it."""
    local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with (
        override_settings(SILENCED_SYSTEM_CHECKS=[], CACHES=local),
        pytest.raises(SystemCheckError, match="django_ratelimit.E003"),
    ):
        call_command("check")
