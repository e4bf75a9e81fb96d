"""The site's JSON API (django-ninja): for the WeChat mini-program and other clients.

The core serves teams; plugins add their routers through ``cms.plugins.register_api_router``.
"""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from cms.api_teams import router as teams_router
from cms.plugins import api_routers

api = NinjaAPI(
    title=str(_("博罗志愿服务总站 API")),
    version="1",
    urls_namespace="api",
    description="Open data of the station: teams, rooms, bookings and activities.",
)
api.add_router("", teams_router)
for prefix, router in api_routers():
    api.add_router(prefix, router)
