"""Demo content of the 博罗志愿服务总站, built from DOMAIN.md. Every step is idempotent: a second run changes nothing."""

import os
import secrets
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from cms.demo.content import ADMIN, HOME_PAGE, SITE_NAME, TOWNSHIPS
from cms.demo.showroom import ensure_showroom
from cms.demo.teams import ensure_teams
from cms.models import HomePage, Township
from cms.plugins import demo_content_loaders, load_plugin_demo_modules

ADMIN_USERNAME = ADMIN["username"]


def admin_credentials_path():
    return settings.VAR_DIR / "admin-credentials.txt"


def ensure_admin(stdout) -> None:
    """The demo superuser; its password comes from ADMIN_PASSWORD or is generated once and kept under var/."""
    user_model = get_user_model()
    if user_model.objects.filter(username=ADMIN_USERNAME).exists():
        return
    password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
    user_model.objects.create_superuser(ADMIN_USERNAME, ADMIN["email"], password, first_name=ADMIN["first_name"])
    transaction.on_commit(
        lambda: admin_credentials_path().write_text(f"{ADMIN_USERNAME} / {password}\n", encoding="utf-8")
    )
    stdout.write(f"Created the admin user: {ADMIN_USERNAME} / {password}")


def ensure_townships() -> None:
    for order, township in enumerate(TOWNSHIPS):
        Township.objects.get_or_create(
            slug=township["slug"],
            defaults={
                "name": township["name"],
                "latitude": Decimal(township["latitude"]),
                "longitude": Decimal(township["longitude"]),
                "sort_order": order,
            },
        )


def ensure_home_page() -> HomePage:
    """The home page at the root of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(instance=HomePage(**HOME_PAGE))
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=SITE_NAME)
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = SITE_NAME
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    return home


def load_demo_content(stdout) -> None:
    """Build the whole demo site: the core first, then every installed plugin's content (from its ``demo`` package)."""
    load_plugin_demo_modules()
    with transaction.atomic():
        ensure_admin(stdout)
        ensure_townships()
        home = ensure_home_page()
        ensure_teams(home)
        ensure_showroom(home)
    for load in demo_content_loaders():
        with transaction.atomic():
            load(home, stdout)
