"""The foundation: settings, the home page, the Chinese admin, the API host and the demo loader."""

from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, Revision, Site

from cms.models import HomePage, Township


def test_language_and_time_settings():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert [code for code, _ in settings.LANGUAGES] == ["zh-hans", "en"]
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True
    assert "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE


@pytest.mark.django_db
def test_sqlite_runs_immediate_transactions_with_a_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("the embedded SQLite settings only apply without DATABASE_URL")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5


def test_home_page_serves_in_chinese(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="zh-hans">' in body
    assert "博罗志愿服务总站" in body
    assert 'href="#main"' in body  # skip link


def test_home_page_in_english_on_request(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in response.content.decode()


def test_admin_login_is_chinese(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_admin_requires_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_api_docs_and_schema_are_served(client, db):
    schema = client.get("/api/openapi.json")
    assert schema.status_code == 200
    assert "/api/teams" in schema.json()["paths"]
    assert client.get("/api/docs").status_code == 200


def test_load_initial_data_is_idempotent(db, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.VAR_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_initial_data", stdout=StringIO())
    credentials = (tmp_path / "admin-credentials.txt").read_text(encoding="utf-8")

    def counts():
        return (
            Page.objects.count(),
            Revision.objects.count(),
            Site.objects.count(),
            Township.objects.count(),
            get_user_model().objects.count(),
        )

    first = counts()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_initial_data", stdout=StringIO())
    assert counts() == first
    assert (tmp_path / "admin-credentials.txt").read_text(encoding="utf-8") == credentials

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    username, password = credentials.strip().split(" / ")
    admin = get_user_model().objects.get(username=username)
    assert admin.is_superuser and admin.check_password(password)


def test_admin_password_can_come_from_the_environment(db, settings, tmp_path, monkeypatch):
    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("ADMIN_PASSWORD", "station-demo-2026")
    call_command("load_initial_data", stdout=StringIO())
    assert get_user_model().objects.get(username="admin").check_password("station-demo-2026")


def test_the_api_docs_load_nothing_from_another_host(client, db):
    """Swagger UI comes from the pinned django-ninja's static files: no CDN at run time (issue 11)."""
    import re

    from django.contrib.staticfiles import finders

    html = client.get("/api/docs").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(asset.endswith("swagger-ui-bundle.js") for asset in assets)
    for asset in assets:
        assert asset.startswith("/") and not asset.startswith("//"), asset
        if asset.startswith("/static/"):
            assert finders.find(asset.removeprefix("/static/").split("?")[0]), asset
    assert "cdn." not in html and "https://" not in html
