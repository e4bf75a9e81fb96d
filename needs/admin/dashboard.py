"""The needs panel on the Wagtail admin dashboard: what waits for dispatch, what no team took, what is overdue."""

from django.db.models import Count, Q
from django.utils import timezone
from laces.components import Component

from needs.models import Need, NeedsSettings, overdue_condition
from needs.workflow import State


class NeedsDashboardPanel(Component):
    name = "needs"
    order = 160
    template_name = "needs/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        hours = NeedsSettings.load(request_or_site=self.request).accept_within_hours
        today = timezone.localdate()
        late = timezone.now() - timezone.timedelta(hours=hours / 2)
        counts = Need.objects.aggregate(
            waiting=Count("pk", filter=Q(state=State.SUBMITTED)),
            unaccepted=Count("pk", filter=Q(state=State.DISPATCHED, dispatched_at__lt=late)),
            overdue=Count("pk", filter=overdue_condition(today)),
        )
        return {**counts, "half_hours": hours // 2}
