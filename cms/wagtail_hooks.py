"""The showroom in the Wagtail admin: teams, role models and townships as snippets with filters, search and export;
the station's figures (数据统计) with their XLSX export."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.admin.ui.tables import BooleanColumn, Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import statistics  # noqa: F401  (registers the core's figures)
from cms.exports import SnippetIndexView
from cms.models import RoleModel, Team, Township


def speciality_choices():
    return [(speciality, speciality) for speciality in Team.objects.specialities()]


class TeamFilterSet(WagtailFilterSet):
    speciality = django_filters.ChoiceFilter(label=_("服务领域"), choices=speciality_choices)

    class Meta:
        model = Team
        fields = ["status", "township", "speciality", "live", "on_duty_rota"]


class TeamViewSet(SnippetViewSet):
    model = Team
    index_view_class = SnippetIndexView
    icon = "group"
    menu_label = _("志愿团队")
    list_display = [
        "name",
        "township",
        "speciality",
        Column("status", label=_("队伍状态"), accessor="get_status_display", sort_key="status"),
        "member_count",
        BooleanColumn("on_duty_rota", label=_("值班")),
        LiveStatusTagColumn(),
        UpdatedAtColumn(),
    ]
    list_per_page = 50
    filterset_class = TeamFilterSet
    # Plain database lookups (icontains) find Chinese names anywhere in the text on SQLite and PostgreSQL alike.
    search_fields = ["name", "platform_name", "speciality", "address", "contact_name"]
    search_backend_name = None
    ordering = ["duty_order", "name"]
    inspect_view_enabled = True
    list_export = [
        "name",
        "platform_name",
        "township",
        "speciality",
        "get_status_display",
        "founded_on",
        "member_count",
        "contact_name",
        "contact_phone",
        "contact_email",
        "address",
        "latitude",
        "longitude",
        "uniform_colour",
        "on_duty_rota",
        "live",
    ]
    export_headings = {"get_status_display": _("队伍状态"), "live": _("已发布")}
    export_filename = "volunteer-teams"
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
                    FieldPanel("platform_name"),
                    FieldRowPanel([FieldPanel("speciality"), FieldPanel("status")]),
                    FieldPanel("summary"),
                    FieldRowPanel([FieldPanel("logo"), FieldPanel("uniform_colour")]),
                    FieldRowPanel([FieldPanel("founded_on"), FieldPanel("member_count")]),
                ],
                heading=_("基本信息"),
            ),
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")],
                        heading=_("联系方式"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("township"),
                            FieldPanel("address"),
                            FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                        ],
                        heading=_("位置(用于分布图和附近的队伍)"),
                        help_text=_("经纬度可在地图软件中查到;留空时按所在镇街的中心点近似显示"),
                    ),
                ],
                heading=_("联系与位置"),
            ),
            ObjectList(
                [FieldRowPanel([FieldPanel("on_duty_rota"), FieldPanel("duty_order")])],
                heading=_("总站值班"),
            ),
        ]
    )


class RoleModelViewSet(SnippetViewSet):
    model = RoleModel
    index_view_class = SnippetIndexView
    icon = "user"
    menu_label = _("志愿榜样")
    list_display = ["name", "honour", "team", "year", "service_hours", BooleanColumn("featured", label=_("展示"))]
    list_filter = ["featured", "year", "team"]
    search_fields = ["name", "honour", "quote"]
    search_backend_name = None
    inspect_view_enabled = True
    list_export = ["name", "honour", "team", "year", "service_hours", "quote", "featured"]
    export_filename = "role-models"


class TownshipViewSet(SnippetViewSet):
    model = Township
    index_view_class = SnippetIndexView
    icon = "site"
    menu_label = _("镇街")
    list_display = ["name", "slug", "latitude", "longitude", "sort_order"]
    search_fields = ["name", "slug"]
    search_backend_name = None
    list_export = ["name", "slug", "latitude", "longitude"]
    export_filename = "townships"


class ShowroomSnippetGroup(SnippetViewSetGroup):
    menu_label = _("团队与榜样")
    menu_icon = "group"
    menu_order = 200
    items = (TeamViewSet, RoleModelViewSet, TownshipViewSet)


register_snippet(ShowroomSnippetGroup)


@hooks.register("register_admin_urls")
def register_statistics_urls():
    from cms.statistics_views import StatisticsAdminView, statistics_export

    return [
        path("statistics/", StatisticsAdminView.as_view(), name="cms_statistics"),
        path("statistics/export.xlsx", statistics_export, name="cms_statistics_export"),
    ]


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return MenuItem(_("数据统计"), reverse("cms_statistics"), icon_name="table", order=900)
