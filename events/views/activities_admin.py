"""Admin for part 2: activity categories (snippets), private feed tokens, and the rota page. Registered from
``events/wagtail_hooks.py`` by ``register_admin()``."""

from __future__ import annotations

from django import forms
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.models import ActivityCategory, FeedToken
from events.models.feeds import new_feed_token
from events.views.duty import DutyShiftViewSet, rota_admin


class ActivityCategoryViewSet(SnippetViewSet):
    model = ActivityCategory
    icon = "tag"
    menu_label = _("活动类别")
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class FeedTokenForm(WagtailAdminModelForm):
    """Creating a token gives a new secret address; "renew" replaces it, "revoke" ends it (the old link is a 404)."""

    renew = forms.BooleanField(label=_("更换订阅地址"), required=False, help_text=_("旧地址立即失效"))
    revoke = forms.BooleanField(label=_("停用"), required=False, help_text=_("停用后该地址返回 404"))

    def save(self, commit=True):
        token = self.instance
        if self.cleaned_data.get("renew"):
            token.token = new_feed_token()
            token.revoked_at = None
        if self.cleaned_data.get("revoke"):
            token.revoked_at = timezone.now()
        return super().save(commit=commit)


class FeedTokenViewSet(ModelViewSet):
    model = FeedToken
    icon = "date"
    menu_label = _("私人日历订阅")
    add_to_settings_menu = True
    list_display = ["user", "label", "is_active", "created_at", "last_used_at", "feed_path"]
    list_filter = ["user"]
    inspect_view_enabled = True
    edit_handler = ObjectList(
        [FieldPanel("user"), FieldPanel("label"), FieldPanel("renew"), FieldPanel("revoke")],
        base_form_class=FeedTokenForm,
    )


def register_admin() -> None:
    register_snippet(ActivityCategoryViewSet)
    hooks.register("register_admin_viewset", lambda: DutyShiftViewSet("events_duty_shifts"))
    hooks.register("register_admin_viewset", lambda: FeedTokenViewSet("events_feed_tokens"))
    hooks.register("register_admin_urls", lambda: [path("events/duty-rota/", rota_admin, name="events_duty_rota")])
    hooks.register(
        "register_admin_menu_item",
        lambda: MenuItem(_("自动排班"), reverse("events_duty_rota"), icon_name="repeat", order=321),
    )
