"""How the events plugin plugs into the core and into Wagtail's admin."""

from cms.plugins import register_api_router
from events.api import router

register_api_router("", router)
