"""Staff side of the private calendar feeds: each staff member's secret link to the full booking calendar."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from events.models import FeedToken
from events.models.feeds import may_read_bookings


class FeedTokenForm(WagtailAdminModelForm):
    """Creating a token gives a new secret address; "renew" replaces it, "revoke" ends it (the old link is a 404)."""

    renew = forms.BooleanField(label=_("更换订阅地址"), required=False, help_text=_("旧地址立即失效"))
    revoke = forms.BooleanField(label=_("停用"), required=False, help_text=_("停用后该地址返回 404"))

    def save(self, commit=True):
        if self.cleaned_data.get("renew"):
            self.instance.renew()
        if self.cleaned_data.get("revoke"):
            self.instance.revoke()
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


class MyFeedsView(WagtailAdminTemplateMixin, TemplateView):
    """A staff member's own private feed addresses: create one, renew one (the old address dies), or revoke one.

    Only for people who may see bookings: the feed would answer 404 to anyone else anyway.
    """

    template_name = "events/admin/my_feeds.html"
    page_title = _("我的日历订阅")
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not may_read_bookings(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        tokens = self.request.user.feed_tokens.filter(revoked_at__isnull=True)
        feeds = [(token, self.request.build_absolute_uri(token.get_absolute_url())) for token in tokens]
        return super().get_context_data(feeds=feeds, **kwargs)

    def post(self, request):
        action = request.POST.get("action")
        if action == "create":
            label = request.POST.get("label", "").strip()[:100]
            FeedToken.objects.create(user=request.user, label=label)
            messages.success(request, _("已创建新的订阅地址。"))
        elif action in {"renew", "revoke"}:
            token_id = request.POST.get("token", "")
            if not token_id.isdecimal() or len(token_id) > 18:
                raise Http404
            token = get_object_or_404(request.user.feed_tokens, pk=int(token_id))
            if action == "renew":
                token.renew()
            else:
                token.revoke()
            token.save()
            messages.success(request, _("旧的订阅地址已失效。"))
        return redirect("events_my_feeds")
