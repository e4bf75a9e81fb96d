"""The events plugin's JSON API (django-ninja), mounted under ``/api/`` through ``cms.plugins.register_api_router``.

Each area adds its endpoints to ``router`` from its own module (``api_rooms``, ...), imported at the bottom.
"""

from ninja import Router

router = Router(tags=["events"])

from events import api_rooms  # noqa: E402, F401  (registers the room and booking endpoints on ``router``)
