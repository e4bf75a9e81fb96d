"""Plugins are switched by CMS_PLUGINS alone: each combination boots, migrates from scratch and serves the home page."""

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import override_settings
from wagtail import hooks

from cms import plugins

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
from django.apps import apps
from django.test import Client
from django.urls import get_resolver
from cms.plugins import statistics
response = Client().get("/")
print(json.dumps({
    "data_status": Client().get("/data/").status_code,
    "figures": [figure.key for figure in statistics(None)],
    "status": response.status_code,
    "plugins": [name for name in ("incubator", "events", "needs") if apps.is_installed(name)],
    "namespaces": sorted(name for name in ("incubator", "events", "needs") if name in get_resolver().namespace_dict),
    "title_shown": "博罗志愿服务总站" in response.content.decode(),
}))
"""

CORE_FIGURES = ["teams-by-township", "teams-by-speciality"]
PLUGIN_FIGURES = {
    "incubator": ["incubation-funnel", "incubation-stage-days"],
    "events": ["activities-by-month", "room-use-by-month"],
    "needs": ["needs-by-month", "needs-by-category"],
}


def run_manage(args, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
@pytest.mark.parametrize("enabled", ["", "incubator", "events", "needs", "incubator,events,needs"])
def test_each_plugin_combination_boots_migrates_and_serves(enabled, tmp_path):
    env = {
        **os.environ,
        "CMS_PLUGINS": enabled,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    for name in ("REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    for args in (
        ["migrate", "--noinput", "-v", "0"],
        ["load_initial_data"],
        ["makemigrations", "--check", "--dry-run"],
    ):
        result = run_manage(args, env)
        assert result.returncode == 0, result.stdout + result.stderr
    result = run_manage(["shell", "-c", PROBE], env)
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    expected = [name for name in ("incubator", "events", "needs") if name in enabled.split(",")]
    figures = [*CORE_FIGURES, *(key for name in expected for key in PLUGIN_FIGURES.get(name, ()))]
    assert sorted(probe.pop("figures")) == sorted(figures)  # with no plugin, only the core's figures
    assert probe == {
        "status": 200,
        "data_status": 200,
        "plugins": expected,
        "namespaces": sorted(expected),
        "title_shown": True,
    }


def test_plugin_urls_follow_the_setting(settings):
    with override_settings(CMS_PLUGINS=[]):
        assert plugins.plugin_urlpatterns() == []
    mounted = [pattern.pattern._route for pattern in plugins.plugin_urlpatterns()]
    assert mounted == [f"{name}/" for name in plugins.installed_plugins()]


def test_a_listed_plugin_that_is_not_installed_is_ignored(settings):
    settings.CMS_PLUGINS = ["incubator", "no_such_plugin"]
    assert "no_such_plugin" not in plugins.installed_plugins()


class _Panel(plugins.HomePagePanel):
    order = 5


class _ScreenPanel(plugins.HomePagePanel):
    order = 1
    on_screen = True


class _HiddenPanel(plugins.HomePagePanel):
    def is_shown(self):
        return False


def test_home_page_panels_are_ordered_filtered_and_screen_aware(rf):
    hook = plugins.HOME_PAGE_PANELS_HOOK
    with hooks.register_temporarily(
        [(hook, lambda: _Panel), (hook, lambda: _ScreenPanel), (hook, lambda: _HiddenPanel)]
    ):
        request = rf.get("/")
        everything = [type(panel) for panel in plugins.home_page_panels(request)]
        on_screen = [type(panel) for panel in plugins.home_page_panels(request, on_screen=True)]
    assert everything.index(_ScreenPanel) < everything.index(_Panel)
    assert _HiddenPanel not in everything
    assert _ScreenPanel in on_screen
    assert _Panel not in on_screen


def test_admin_dashboard_panel_factory_can_hide_itself(rf):
    shown = object()
    with hooks.register_temporarily("construct_homepage_panels", []):
        plugins.register_admin_dashboard_panel(lambda request: shown)
        plugins.register_admin_dashboard_panel(lambda request: None)
        panels = []
        for add in hooks.get_hooks("construct_homepage_panels")[-2:]:
            add(rf.get("/admin/"), panels)
    assert panels == [shown]


class _TeamPanel(plugins.TeamProfilePanel):
    order = 3

    def is_shown(self):
        return self.team.slug != "hidden"


def test_team_profile_panels_get_the_team_and_can_hide_themselves(rf):
    team, hidden = SimpleNamespace(slug="hongmian"), SimpleNamespace(slug="hidden")
    with hooks.register_temporarily([(plugins.TEAM_PROFILE_PANELS_HOOK, lambda: _TeamPanel)]):
        shown = [panel for panel in plugins.team_profile_panels(rf.get("/"), team) if isinstance(panel, _TeamPanel)]
        for_hidden = [p for p in plugins.team_profile_panels(rf.get("/"), hidden) if isinstance(p, _TeamPanel)]
    assert len(shown) == 1
    assert shown[0].get_context_data()["team"] is team
    assert for_hidden == []


@pytest.mark.django_db(transaction=True)
def test_putting_the_staff_groups_back_keeps_every_app_migratable(home_page):
    """The roles' migrations hide an app's models while they create its permissions; called on the site's own
    registry (as the tests do after a flush) they must give them back, or the next flush re-creates no content type
    and no permission for that plugin."""
    from django.apps import apps

    from tests.factories import ensure_wagtail_roots

    ensure_wagtail_roots()
    assert [config.label for config in apps.get_app_configs() if config.models and config.models_module is None] == []
