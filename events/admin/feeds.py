"""Staff side of the private calendar feeds: each staff member's secret link to the full booking calendar."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from events.models import FeedToken
from events.models.feeds import new_feed_token


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
