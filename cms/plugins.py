"""Extension points: the only door between the core and its plugins.

The core never imports a plugin. A plugin registers what it adds through the functions below, from its
``wagtail_hooks.py`` (which Wagtail imports for every installed app), and its URLs are mounted under
``/<plugin>/`` when it is listed in ``settings.CMS_PLUGINS``. Its demo content is registered from its ``demo``
package instead, which only ``load_initial_data`` imports (``load_plugin_demo_modules``), so no web process loads it.
Everything here is built on Wagtail's hooks registry, so a plugin can also use Wagtail's own hooks (admin menu items,
viewsets, ...) directly.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import post_delete, post_save
from django.urls import include, path
from django.utils.translation import get_language
from laces.components import Component
from wagtail import hooks

HOME_PAGE_PANELS_HOOK = "cms_register_home_page_panel"
TEAM_PROFILE_PANELS_HOOK = "cms_register_team_profile_panel"
API_ROUTERS_HOOK = "cms_register_api_router"
DEMO_CONTENT_HOOK = "cms_register_demo_content"
PANEL_CACHE_TIMEOUT = 60 * 60


class SitePanel(Component):
    """A panel a plugin shows on a page of the public site, built per request (``self.request``).

    Subclasses set ``template_name`` and ``order``, and may override ``is_shown`` and ``get_context_data``.
    A panel that shows every visitor the same thing returns a ``cache_key`` naming the versions of what it shows:
    its HTML is then kept in the shared cache (per language and host) until that key changes or ``cache_timeout``
    runs out, so most requests skip its queries.
    """

    name = ""
    order = 100

    def __init__(self, request):
        self.request = request

    def is_shown(self) -> bool:
        return True

    def cache_key(self) -> str | None:
        """What the panel's HTML depends on besides the language and the host; None renders it on every request."""
        return None

    def cache_timeout(self) -> float:
        """Seconds the HTML just rendered stays right by itself (read after rendering, e.g. until an activity ends)."""
        return PANEL_CACHE_TIMEOUT

    def render_html(self, parent_context=None):
        key = self.cache_key()
        if key is None:
            return super().render_html(parent_context)
        full_key = f"cms:panel:{self.name}:{get_language()}:{self.request.scheme}:{self.request.get_host()}:{key}"
        html = cache.get(full_key)
        if html is None:
            html = super().render_html(parent_context)
            if (timeout := int(self.cache_timeout())) > 0:
                cache.set(full_key, html, timeout)
        return html

    def get_context_data(self, parent_context=None):
        return {"panel": self, "request": self.request}


def _version_key(scope: str) -> str:
    return f"cms:content-version:{scope}"


def content_version(scope: str) -> int:
    """The version of what ``scope`` names (e.g. ``"needs"``), for a panel's ``cache_key``.

    A version starts from the clock, so one re-created after the cache lost it never repeats an earlier one.
    """
    return cache.get_or_set(_version_key(scope), time.time_ns, None)


def bump_content_version(scope: str) -> None:
    """Change ``scope``'s version: the panels keyed by it are rendered again on their next request."""
    try:
        cache.incr(_version_key(scope))
    except ValueError:  # not in the cache (yet, or any more): a new start differs from what readers saw
        cache.set(_version_key(scope), time.time_ns(), None)


def bump_content_version_on_change(scope: str, *models) -> None:
    """Bump ``scope`` whenever a row of ``models`` is saved or deleted (connect from an ``AppConfig.ready``)."""

    from cms.page_cache import after_commit_too, settings_first_read

    def changed(**kwargs):
        if settings_first_read(**kwargs):
            return
        bump_content_version(scope)
        # Again once the change is committed: a request that read the new version but still the old rows (before
        # the commit) must not keep them under it.
        after_commit_too(lambda: bump_content_version(scope))

    for model in models:
        uid = f"content-version-{scope}-{model._meta.label}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-delete")


class HomePagePanel(SitePanel):
    """A panel on the public home page (and on the station's screen, where ``on_screen`` is true)."""

    on_screen = False


class TeamProfilePanel(SitePanel):
    """A panel on a volunteer team's public profile; ``self.team`` is the (published) ``Team``."""

    def __init__(self, request, team):
        super().__init__(request)
        self.team = team

    def get_context_data(self, parent_context=None):
        return {**super().get_context_data(parent_context), "team": self.team}


def _shown_panels(hook_name: str, *args) -> list[SitePanel]:
    panels = [get_class()(*args) for get_class in hooks.get_hooks(hook_name)]
    return sorted((panel for panel in panels if panel.is_shown()), key=lambda panel: panel.order)


def register_home_page_panel(panel_class: type[HomePagePanel]) -> type[HomePagePanel]:
    """Class decorator: show this panel on the public home page."""
    hooks.register(HOME_PAGE_PANELS_HOOK, lambda: panel_class)
    return panel_class


def home_page_panels(request, *, on_screen: bool = False) -> list[HomePagePanel]:
    """The panels to show for this request, in their order; ``on_screen`` keeps those meant for the screen."""
    return [panel for panel in _shown_panels(HOME_PAGE_PANELS_HOOK, request) if panel.on_screen or not on_screen]


def register_team_profile_panel(panel_class: type[TeamProfilePanel]) -> type[TeamProfilePanel]:
    """Class decorator: show this panel on every team's public profile."""
    hooks.register(TEAM_PROFILE_PANELS_HOOK, lambda: panel_class)
    return panel_class


def team_profile_panels(request, team) -> list[TeamProfilePanel]:
    """The plugins' panels for ``team``'s profile, in their order."""
    return _shown_panels(TEAM_PROFILE_PANELS_HOOK, request, team)


def register_admin_dashboard_panel(make_panel: Callable) -> Callable:
    """Decorator: ``make_panel(request)`` returns a Wagtail admin ``Component`` (with ``order``) or None to hide it."""

    def add_panel(request, panels):
        panel = make_panel(request)
        if panel is not None:
            panels.append(panel)

    hooks.register("construct_homepage_panels", add_panel)
    return make_panel


def register_api_router(prefix: str, router) -> None:
    """Mount a django-ninja ``Router`` in the site's JSON API under ``/api/<prefix>``."""
    hooks.register(API_ROUTERS_HOOK, lambda: (prefix, router))


def api_routers() -> list[tuple[str, object]]:
    return [get_router() for get_router in hooks.get_hooks(API_ROUTERS_HOOK)]


def register_demo_content(load: Callable) -> Callable:
    """Decorator: ``load(home_page, stdout)`` adds a plugin's demo content; it must be idempotent.

    Call it from the plugin's ``demo`` package (not from ``wagtail_hooks.py``), so that demo code stays out of the
    web processes; loaders run in the order they were registered.
    """
    hooks.register(DEMO_CONTENT_HOOK, load)
    return load


def demo_content_loaders() -> list[Callable]:
    return hooks.get_hooks(DEMO_CONTENT_HOOK)


def register_periodic_tasks(entries: dict[str, dict]) -> None:
    """Add a plugin's entries to Celery beat's schedule; call it from the plugin's ``AppConfig.ready``.

    The schedule then holds a plugin's tasks only while the plugin is installed. A name that is already taken by
    another task is refused, so no plugin can silently replace the core's or another plugin's entry.
    """
    from cms.celery import app

    schedule = dict(app.conf.beat_schedule or {})
    for name, entry in entries.items():
        if name in schedule and schedule[name]["task"] != entry["task"]:
            raise ImproperlyConfigured(f"beat schedule entry {name!r} is already used by {schedule[name]['task']}")
    app.conf.beat_schedule = {**schedule, **entries}


def load_plugin_demo_modules() -> list[str]:
    """Import ``<plugin>.demo`` for every installed plugin that has one, so that it registers its demo content.

    Only ``load_initial_data`` calls this. Returns the modules' names; Python imports each once per process, so the
    loaders are registered once however often it is called.
    """
    modules = [f"{name}.demo" for name in installed_plugins() if find_spec(f"{name}.demo") is not None]
    for module in modules:
        import_module(module)
    return modules


def installed_plugins() -> list[str]:
    """The plugin apps listed in ``settings.CMS_PLUGINS`` that are installed."""
    return [name for name in settings.CMS_PLUGINS if apps.is_installed(name)]


def plugin_urlpatterns() -> list:
    """``/<plugin>/`` for every installed plugin that has a ``urls`` module (with an ``app_name``)."""
    return [
        path(f"{name}/", include(f"{name}.urls", namespace=name))
        for name in installed_plugins()
        if find_spec(f"{name}.urls") is not None
    ]


# -- statistics ----------------------------------------------------------------------------------------------------
STATISTICS_HOOK = "cms_register_statistics"
CHART_KINDS = ("bar", "stacked", "line")


@dataclass(frozen=True)
class KeyFigure:
    """A headline number (e.g. 42 teams) the home page may show instead of the figures its editor typed in."""

    value: int
    label: str
    suffix: str = ""
    order: int = 100

    @property
    def display_value(self) -> str:
        return f"{self.value:,}{self.suffix}"


@dataclass(frozen=True)
class FigureSet:
    """One figure of the station's statistics: a small table (one row per label) and how to chart it.

    ``columns`` name the value columns; each row is ``(label, (value, ...))`` with one value per column. ``charted``
    picks the columns the chart draws (all by default), so a table may carry a ratio or a median beside the counts.
    ``public`` figures may show on the public "数据" page; the others only in the admin.
    """

    key: str
    title: str
    label_heading: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple], ...]
    unit: str = ""
    chart: str = "bar"
    charted: tuple[int, ...] | None = None
    note: str = ""
    public: bool = True
    order: int = 100
    key_figures: tuple[KeyFigure, ...] = ()

    def __post_init__(self):
        if self.chart not in CHART_KINDS:
            raise ValueError(f"chart must be one of {CHART_KINDS}, not {self.chart!r}")
        if any(len(values) != len(self.columns) for _label, values in self.rows):
            raise ValueError(f"{self.key}: every row needs one value per column")

    @property
    def chart_columns(self) -> tuple[int, ...]:
        return self.charted if self.charted is not None else tuple(range(len(self.columns)))


def register_statistics(compute: Callable) -> Callable:
    """Decorator: ``compute(request)`` returns the ``FigureSet`` list a plugin (or the core) contributes.

    ``request`` may be None (a cached computation, a command). Each figure must be computed with a number of queries
    that does not grow with the data.
    """
    hooks.register(STATISTICS_HOOK, compute)
    return compute


def statistics(request=None, *, public: bool = False) -> list[FigureSet]:
    """Every contributed figure in its order; ``public`` keeps only those the public page may show.

    Computed once per request (the staff page and its export, the public page and the home page share it).
    """
    cached = getattr(request, "_cms_statistics", None) if request is not None else None
    if cached is None:
        cached = [figure for compute in hooks.get_hooks(STATISTICS_HOOK) for figure in compute(request)]
        cached.sort(key=lambda figure: (figure.order, figure.key))
        if request is not None:
            request._cms_statistics = cached
    return [figure for figure in cached if figure.public or not public]


# -- the page cache (cms/page_cache.py) -------------------------------------------------------------------------------
def public_page(view: Callable) -> Callable:
    """Decorator: this view's GET answer is the same for every anonymous visitor, so the page cache may keep it.

    The cache still refuses a response that sets a cookie (a form's CSRF token), says ``private`` / ``no-cache``, or
    answers a visitor with a session. Wagtail pages (and their routable sub-pages) are public pages already.
    """
    from cms.page_cache import public_page as mark

    return mark(view)


def register_public_models(*models) -> None:
    """Saving or deleting one of ``models`` changes public pages: the page cache starts afresh.

    Call it from the plugin's ``AppConfig.ready``. Pages need no registration (Wagtail's signals are watched).
    """
    from cms.page_cache import watch_models

    watch_models(*models)


def public_content_changed() -> None:
    """Public pages changed without a model signal (a queryset ``update``...): the page cache starts afresh."""
    from cms.page_cache import content_changed

    content_changed()


def register_next_public_change(next_change: Callable) -> Callable:
    """Decorator: ``next_change(now, until)`` returns the first moment in ``(now, until)`` at which a public page
    changes by itself (an activity starts or ends...), or None; no cached page outlives it.

    Midnight in the station's time needs no hook: the page cache rolls over then anyway.
    """
    from cms.page_cache import NEXT_CHANGE_HOOK

    hooks.register(NEXT_CHANGE_HOOK, next_change)
    return next_change


# -- a staff member's private calendar -----------------------------------------------------------------------------
STAFF_CALENDAR_HOOK = "cms_register_staff_calendar_source"


@dataclass(frozen=True)
class CalendarEntry:
    """One item a plugin adds to a staff member's private calendar feed (whichever plugin writes that feed).

    ``uid`` is unique and stable across the site (e.g. ``need-42``); ``start``/``end`` are both dates (all-day, ``end``
    exclusive) or both aware date-times; ``url`` is a path on the site; ``changed_at`` is the item's last change.
    """

    uid: str
    summary: str
    start: object
    end: object
    changed_at: object
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False


class StaffCalendarSource:
    """What a plugin adds to a staff member's private calendar. ``version(user)`` must change whenever
    ``entries(user)`` would (the feed is cached under it) and, like ``entries``, take a number of queries that does not
    grow with the data. Both decide from ``user`` what this person may see."""

    def serves(self, user) -> bool:
        """Whether ``user`` is one of the people this source shows things to (a role, not whether there are any
        today): a private feed stays alive for them even without the right to read bookings."""
        return False

    def version(self, user) -> str:
        raise NotImplementedError

    def entries(self, user) -> list[CalendarEntry]:
        raise NotImplementedError


def register_staff_calendar_source(source_class: type[StaffCalendarSource]) -> type[StaffCalendarSource]:
    """Class decorator: add this source's entries to every staff member's private calendar feed."""
    hooks.register(STAFF_CALENDAR_HOOK, source_class)
    return source_class


def staff_calendar_sources() -> list[StaffCalendarSource]:
    return [source_class() for source_class in hooks.get_hooks(STAFF_CALENDAR_HOOK)]
