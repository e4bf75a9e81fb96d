"""Demo content of the 博罗志愿服务总站, built from DOMAIN.md. Every step is idempotent: a second run changes nothing."""

import os
import secrets
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page, Site

from cms.demo.showroom import ensure_showroom
from cms.demo.teams import ensure_teams
from cms.models import HomePage, Township
from cms.plugins import demo_content_loaders, load_plugin_demo_modules

ADMIN_USERNAME = "admin"

# Townships and sub-districts of Boluo county with approximate centre points.
TOWNSHIPS = [
    ("罗阳街道", "luoyang", "23.173000", "114.289000"),
    ("龙溪街道", "longxi", "23.087000", "114.092000"),
    ("石湾镇", "shiwan", "23.130000", "113.998000"),
    ("园洲镇", "yuanzhou", "23.116000", "113.967000"),
    ("福田镇", "futian", "23.265000", "114.199000"),
    ("长宁镇", "changning", "23.377000", "114.196000"),
    ("湖镇镇", "huzhen", "23.240000", "114.338000"),
    ("龙华镇", "longhua", "23.206000", "114.215000"),
    ("柏塘镇", "baitang", "23.394000", "114.413000"),
    ("杨村镇", "yangcun", "23.452000", "114.446000"),
    ("麻陂镇", "mabei", "23.495000", "114.309000"),
    ("公庄镇", "gongzhuang", "23.623000", "114.402000"),
    ("泰美镇", "taimei", "23.211000", "114.133000"),
]


def admin_credentials_path():
    return settings.VAR_DIR / "admin-credentials.txt"


def ensure_admin(stdout) -> None:
    """The demo superuser; its password comes from ADMIN_PASSWORD or is generated once and kept under var/."""
    user_model = get_user_model()
    if user_model.objects.filter(username=ADMIN_USERNAME).exists():
        return
    password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
    user_model.objects.create_superuser(ADMIN_USERNAME, "admin@example.com", password, first_name="管理员")
    transaction.on_commit(
        lambda: admin_credentials_path().write_text(f"{ADMIN_USERNAME} / {password}\n", encoding="utf-8")
    )
    stdout.write(f"Created the admin user: {ADMIN_USERNAME} / {password}")


def ensure_townships() -> None:
    for order, (name, slug, lat, lng) in enumerate(TOWNSHIPS):
        Township.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "latitude": Decimal(lat), "longitude": Decimal(lng), "sort_order": order},
        )


def ensure_home_page() -> HomePage:
    """The home page at the root of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="博罗志愿服务总站",
                slug="station",
                hero_title="博罗志愿服务总站",
                hero_intro="<p>志愿服务,从身边开始。总站于2015年12月14日启用,"
                "为全县志愿者和志愿服务组织提供展示、孵化、培训与交流的平台。</p>",
                seo_title="博罗志愿服务总站",
                search_description="博罗县志愿服务总站:志愿团队、志愿活动、功能室预约与组织孵化。",
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="博罗志愿服务总站"
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "博罗志愿服务总站"
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
