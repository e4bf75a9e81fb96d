"""The headers of a careful public site: a Content Security Policy without inline scripts on public pages, a
``Permissions-Policy`` that allows geolocation only on the team map, framing by the site itself only, HSTS without
preload unless asked, secure cookies in production."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from cms.demo.teams import ensure_team_index_page
from cms.security_headers import permissions_policy, url_origin

ROOT = Path(__file__).resolve().parents[2]
HSTS = {"SECURE_HSTS_SECONDS": 31_536_000, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True, "SECURE_HSTS_PRELOAD": False}


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


def assert_careful_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    return policy


@pytest.mark.django_db
@override_settings(**HSTS)
@pytest.mark.parametrize("url", ["/", "/events/feeds/activities.ics", "/api/teams", "/search/?q=书吧"])
def test_public_responses_carry_a_policy_without_inline_scripts(client, home_page, url):
    response = client.get(url, secure=True)
    assert response.status_code == 200
    policy = assert_careful_headers(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert "nonce-" not in response["Content-Security-Policy"]


@pytest.mark.django_db
@override_settings(**HSTS)
def test_the_admin_login_gets_the_admins_policy(client, home_page):
    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    policy = assert_careful_headers(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert response["X-Frame-Options"] in {"DENY", "SAMEORIGIN"}


@pytest.mark.django_db
def test_public_pages_have_no_inline_script_or_event_handler(client, home_page):
    html = client.get("/").content.decode()
    assert "onchange=" not in html
    scripts = [chunk.split(">", 1)[0] for chunk in html.split("<script")[1:]]
    assert scripts, "the page loads its scripts"
    assert all("src=" in tag or "application/json" in tag for tag in scripts), scripts


@pytest.mark.django_db
def test_the_form_error_summary_takes_the_focus_from_a_static_script(client, home_page):
    from django.template.loader import render_to_string

    class Form:
        errors = {"name": ["x"]}
        non_field_errors = ()
        visible_fields = ()

    html = render_to_string("components/forms/errors.html", {"form": Form()})
    assert 'id="form-errors"' in html
    assert "<script" not in html


@pytest.mark.django_db
def test_only_the_team_map_may_ask_for_the_visitors_position(client, home_page):
    ensure_team_index_page(home_page)
    team_map = client.get("/teams/map/")
    assert team_map.status_code == 200
    assert "geolocation=(self)" in team_map["Permissions-Policy"]
    assert "camera=()" in team_map["Permissions-Policy"]
    assert "geolocation=()" in client.get("/teams/")["Permissions-Policy"]


@pytest.mark.django_db
@override_settings(MAP_TILE_URL="https://webrd0{s}.is.autonavi.com/appmaptile?style=8&x={x}&y={y}&z={z}")
def test_the_map_tiles_host_is_allowed_for_images(client, home_page):
    assert "https://*.is.autonavi.com" in directives(client.get("/"))["img-src"]


@pytest.mark.django_db
@override_settings(MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png", STATIC_URL="https://cdn.example.org/s/")
def test_a_configured_tile_server_and_static_host_are_allowed(client, home_page):
    policy = directives(client.get("/"))
    assert "https://tiles.example.org" in policy["img-src"]
    assert "https://cdn.example.org" in policy["script-src"]


def test_url_origin():
    assert url_origin("/static/") == ""
    assert url_origin("") == ""
    assert url_origin("data:image/png;base64,AAAA") == ""
    assert url_origin("https://user@t{s}.example.org:8443/{z}") == "https://*.example.org:8443"


def test_permissions_policy_refuses_an_unknown_feature():
    with pytest.raises(ValueError, match="geolocaton"):
        permissions_policy(geolocaton=True)


def production_settings(extra_env, tmp_path) -> dict:
    env = {
        **{name: value for name, value in os.environ.items() if not name.startswith("SECURE_")},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "volunteer.example.org",
        "VAR_DIR": str(tmp_path),
        "REDIS_URL": "redis://127.0.0.1:6379/0",  # production refuses to start without a shared cache (not reached here)
        **extra_env,
    }
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SECURE",
        "X_FRAME_OPTIONS",
    ]
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_has_secure_cookies_and_hsts_without_preload(tmp_path):
    values = production_settings({}, tmp_path)
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_PRELOAD"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["LANGUAGE_COOKIE_SECURE"]
    assert values["X_FRAME_OPTIONS"] == "SAMEORIGIN"


def test_production_preloads_hsts_only_when_asked(tmp_path):
    assert production_settings({"SECURE_HSTS_PRELOAD": "true"}, tmp_path)["SECURE_HSTS_PRELOAD"] is True


@pytest.mark.django_db
def test_the_api_docs_load_nothing_from_another_host(client, home_page):
    html = client.get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "https://" not in html and "http://" not in html
