"""The events plugin's JSON API (django-ninja), mounted under ``/api/`` through ``cms.plugins.register_api_router``.

Each area owns its ``Router`` (``rooms``: rooms, availability and booking requests; ``activities``: the board's
occurrences); this module only composes them.
"""

from ninja import Router

from events.api import activities, rooms

router = Router()
router.add_router("", rooms.router)
router.add_router("", activities.router)
