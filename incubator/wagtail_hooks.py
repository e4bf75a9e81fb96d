"""How the incubator plugs into the site: admin menu, listing and pages, dashboard and home-page panels."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from cms.plugins import (
    register_admin_dashboard_panel,
    register_home_page_panel,
    register_statistics,
)
from incubator.admin_panels import IncubationCallPanel, IncubatorDashboardPanel
from incubator.admin_views import application_viewset, workflow_view
from incubator.figures import incubation_figures


class IncubatorStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("incubator.view_application")


class WorkflowDiagramViewSet(ViewSet):
    name = "incubator_workflow"
    icon = "cogs"
    menu_label = _("孵化流程图")
    url_prefix = "incubator/workflow"

    def get_urlpatterns(self):
        return [path("", workflow_view, name="index")]

    menu_item_class = IncubatorStaffMenuItem


class IncubatorViewSetGroup(ViewSetGroup):
    menu_label = _("组织孵化")
    menu_icon = "group"
    menu_order = 250
    items = (application_viewset, WorkflowDiagramViewSet())


@hooks.register("register_admin_viewset")
def register_incubator_admin():
    return IncubatorViewSetGroup()


@register_admin_dashboard_panel
def incubator_dashboard_panel(request):
    if request.user.has_perm("incubator.view_application"):
        return IncubatorDashboardPanel(request)
    return None


register_home_page_panel(IncubationCallPanel)
register_statistics(incubation_figures)
