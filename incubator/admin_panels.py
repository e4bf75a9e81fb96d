"""The incubator's panels: on the admin dashboard (for staff) and on the public home page (the call for applications)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from laces.components import Component

from cms.plugins import HomePagePanel, content_version
from incubator import services
from incubator.models import Application, IncubatorSettings
from incubator.workflow import State

PANEL_ITEMS = 5
VERSION_SCOPE = "incubator"  # bumped by every change of an application or the settings (IncubatorConfig.ready)


def state_counts(applications) -> list[tuple[str, str, int]]:
    counts = dict(applications.values_list("state").annotate(n=Count("pk")).order_by())
    return [(value, label, counts.get(value, 0)) for value, label in State.choices]


class IncubatorDashboardPanel(Component):
    """Applications per state, those waiting too long, and the ones assigned to this user."""

    name = "incubator"
    order = 150
    template_name = "incubator/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        stale_days = IncubatorSettings.load(request_or_site=self.request).stale_days
        visible = services.applications_for(self.request.user)
        open_ones = visible.open()
        return {
            "counts": state_counts(visible),
            "stale_days": stale_days,
            "stale": list(visible.stale(stale_days).order_by("state_changed_at")[:PANEL_ITEMS]),
            "mine": list(open_ones.filter(mentor=self.request.user).order_by("-state_changed_at")[:PANEL_ITEMS]),
        }


class IncubationCallPanel(HomePagePanel):
    """ "Call for incubation applications" on the home page."""

    name = "incubator-call"
    order = 60
    template_name = "incubator/home_panel.html"
    title = _("组织孵化")

    def cache_key(self) -> str:
        return str(content_version(VERSION_SCOPE))

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        self.call_text = IncubatorSettings.load(request_or_site=self.request).call_for_applications or _(
            "新成立的志愿服务组织可以申请总站孵化。"
        )
        self.mature_count = Application.objects.filter(state=State.MATURE).count()
        return context
