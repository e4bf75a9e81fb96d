"""Demo content is data loaded by a command: no web process imports it, and ``load_initial_data`` finds every plugin's."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cms import plugins

ROOT = Path(__file__).resolve().parents[2]

# What a web process does: set Django up through the WSGI module, load the URLconf, discover Wagtail's hooks, and
# serve the home page and the admin dashboard. The database is an in-memory one built from the models (no migrations:
# they are slow here and import nothing the server would not).
WEB_PROCESS = """
import json, sys

import cms.wsgi  # noqa: F401
from django.contrib.auth import get_user_model
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.test import Client
from django.test.utils import setup_databases
from django.urls import get_resolver
from wagtail import hooks
from wagtail.models import Locale, Page, Site

from cms.models import HomePage

get_resolver().url_patterns
hooks.search_for_hooks()
connection.settings_dict["TEST"]["MIGRATE"] = False
setup_databases(verbosity=0, interactive=False)
emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
root = Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.create(language_code="zh-hans")))
home = root.add_child(instance=HomePage(title="博罗志愿服务总站", slug="station"))
Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
client = Client()
home_status = client.get("/").status_code
client.force_login(get_user_model().objects.create_superuser("probe", "probe@example.com", "probe"))
admin_status = client.get("/admin/").status_code
print(json.dumps({
    "statuses": [home_status, admin_status],
    "demo_modules": sorted(name for name in sys.modules if name.endswith(".demo") or ".demo." in name),
}))
"""


@pytest.mark.slow
def test_no_web_process_imports_demo_code(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "CMS_PLUGINS": "incubator,events",
        "DATABASE_URL": "sqlite://:memory:",
        "VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", WEB_PROCESS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe == {"statuses": [200, 200], "demo_modules": []}


def test_demo_packages_of_the_installed_plugins_are_loaded_for_the_command(settings):
    settings.CMS_PLUGINS = ["incubator"]
    assert plugins.load_plugin_demo_modules() == ["incubator.demo"]
    settings.CMS_PLUGINS = ["incubator", "events"]
    assert plugins.load_plugin_demo_modules() == ["incubator.demo", "events.demo"]

    from events.demo.activities import load_activity_demo
    from events.demo.rooms import load_room_demo
    from incubator.demo.applications import load_demo_content

    loaders = plugins.demo_content_loaders()
    assert loaders.count(load_demo_content) == loaders.count(load_room_demo) == 1
    assert loaders.index(load_room_demo) < loaders.index(load_activity_demo)  # activities are held in the room
