"""The events plugin's JSON API (django-ninja), mounted under ``/api/`` through ``cms.plugins.register_api_router``.

Each area adds its endpoints to ``router`` from its own module (``api_rooms``, ...), imported at the bottom.
"""

from ninja import Router

router = Router(tags=["events"])

# Registers the room and booking endpoints (part 1) and GET /api/activities (part 2) on ``router``.
from events import api_activities, api_rooms  # noqa: E402, F401
