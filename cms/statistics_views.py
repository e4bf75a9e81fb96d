"""The station's figures: the public "数据" page (``/data/``) and the staff page in the admin with its XLSX export."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.plugins import statistics
from cms.statistics import public_statistics, workbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def data_page(request):
    """The public figures: computed at most every ten minutes, nothing personal (counts and hours only)."""
    return TemplateResponse(request, "pages/statistics.html", {"figures": public_statistics()})


class StatisticsAdminView(WagtailAdminTemplateMixin, TemplateView):
    """Every figure, public or not, computed fresh for staff (the admin's own login and access check guard it)."""

    template_name = "cms/admin/statistics.html"
    page_title = _("数据统计")
    header_icon = "table"
    breadcrumbs_items = [
        {"url": reverse_lazy("wagtailadmin_home"), "label": _("仪表板")},
        {"url": "", "label": page_title},
    ]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "figures": statistics(self.request)}


def statistics_export(request):
    """All the staff page's tables as one XLSX workbook, one sheet per figure."""
    response = HttpResponse(workbook(statistics(request)), content_type=XLSX_TYPE)
    filename = f"station-statistics-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
