"""How the events plugin plugs into the core and into Wagtail's admin."""

from cms.plugins import register_api_router
from events.api import router

register_api_router("", router)

# Part 2: activities, duty roster and feeds (home-page panels and the demo register themselves on import).
from events import demo_activities  # noqa: E402, F401
from events.views import activities, duty  # noqa: E402, F401
from events.views.activities_admin import register_admin  # noqa: E402

register_admin()
