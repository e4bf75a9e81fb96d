"""Extension points: the only door between the core and its plugins.

The core never imports a plugin. A plugin registers what it adds through the functions below, from its
``wagtail_hooks.py`` (which Wagtail imports for every installed app), and its URLs are mounted under
``/<plugin>/`` when it is listed in ``settings.CMS_PLUGINS``. Everything here is built on Wagtail's hooks registry,
so a plugin can also use Wagtail's own hooks (admin menu items, viewsets, ...) directly.
"""

from collections.abc import Callable
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.urls import include, path
from laces.components import Component
from wagtail import hooks

HOME_PAGE_PANELS_HOOK = "cms_register_home_page_panel"
API_ROUTERS_HOOK = "cms_register_api_router"
DEMO_CONTENT_HOOK = "cms_register_demo_content"


class HomePagePanel(Component):
    """A panel on the public home page (and on the station's screen, where ``on_screen`` is true).

    Subclasses set ``template_name`` and ``order``, and may override ``is_shown`` and ``get_context_data``.
    The panel is built per request: ``self.request`` is the visitor's request.
    """

    name = ""
    order = 100
    on_screen = False

    def __init__(self, request):
        self.request = request

    def is_shown(self) -> bool:
        return True

    def get_context_data(self, parent_context=None):
        return {"panel": self, "request": self.request}


def register_home_page_panel(panel_class: type[HomePagePanel]) -> type[HomePagePanel]:
    """Class decorator: show this panel on the public home page."""
    hooks.register(HOME_PAGE_PANELS_HOOK, lambda: panel_class)
    return panel_class


def home_page_panels(request, *, on_screen: bool = False) -> list[HomePagePanel]:
    """The panels to show for this request, in their order; ``on_screen`` keeps those meant for the screen."""
    panels = [get_class()(request) for get_class in hooks.get_hooks(HOME_PAGE_PANELS_HOOK)]
    panels = [panel for panel in panels if panel.is_shown() and (panel.on_screen or not on_screen)]
    return sorted(panels, key=lambda panel: panel.order)


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
    """Decorator: ``load(home_page, stdout)`` adds a plugin's demo content; it must be idempotent."""
    hooks.register(DEMO_CONTENT_HOOK, load)
    return load


def demo_content_loaders() -> list[Callable]:
    return hooks.get_hooks(DEMO_CONTENT_HOOK)


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
