"""How the needs plugin plugs into the site: the admin queue, the API, the home-page, screen and team-profile panels."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from cms.plugins import register_admin_dashboard_panel, register_api_router, register_statistics
from needs import calendar, panels  # noqa: F401  (the panels and the calendar source register on import)
from needs.admin import views
from needs.admin.dashboard import NeedsDashboardPanel
from needs.admin.leaders import team_leader_viewset
from needs.api import router
from needs.figures import needs_figures


class NeedsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("needs.dispatch_need") or request.user.has_perm("needs.lead_team_needs")


class NeedsAdminViewSet(ViewSet):
    name = "needs_admin"
    icon = "clipboard-list"
    menu_label = _("点单队列")
    url_prefix = "needs"
    menu_item_class = NeedsMenuItem

    def get_urlpatterns(self):
        return [
            path("", views.QueueView.as_view(), name="index"),
            path("<int:pk>/", views.detail, name="detail"),
            path("<int:pk>/photos/<int:photo_pk>/", views.photo, name="photo"),
            path("<int:pk>/<str:action>/", views.transition, name="transition"),
        ]


class NeedsViewSetGroup(ViewSetGroup):
    menu_label = _("点单派单")
    menu_icon = "clipboard-list"
    menu_order = 260
    items = (NeedsAdminViewSet(), team_leader_viewset)


@hooks.register("register_admin_viewset")
def register_needs_admin():
    return NeedsViewSetGroup()


register_api_router("", router)
register_statistics(needs_figures)


@register_admin_dashboard_panel
def needs_dashboard_panel(request):
    return NeedsDashboardPanel(request) if request.user.has_perm("needs.dispatch_need") else None
