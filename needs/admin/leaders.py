"""The team leaders' screen: which users answer dispatched needs for which team (station staff only)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from cms.models import Team
from needs import services
from needs.models import TeamLeader


class TeamLeaderForm(WagtailAdminModelForm):
    """A leader is an active account and a published team; each pair once (the database's constraint says so too)."""

    class Meta:
        model = TeamLeader
        fields = ["user", "team"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.filter(is_active=True).order_by("username")
        self.fields["user"].label_from_instance = lambda user: (
            f"{user.get_full_name()}({user.get_username()})" if user.get_full_name() else user.get_username()
        )
        self.fields["user"].help_text = _("保存后该用户自动加入“队伍负责人”组,可在后台“本队点单”为本队接单")
        self.fields["team"].queryset = Team.objects.published().order_by("name")

    def clean(self):
        cleaned = super().clean()
        user, team = cleaned.get("user"), cleaned.get("team")
        if user and team:
            taken = TeamLeader.objects.filter(user=user, team=team).exclude(pk=self.instance.pk)
            if taken.exists():
                raise forms.ValidationError(
                    _("%(user)s 已经是 %(team)s 的负责人。") % {"user": user.get_username(), "team": team.name},
                    code="already_leader",
                )
        return cleaned


class AppointLeaderView(CreateView):
    def save_instance(self):
        leader = super().save_instance()
        services.sync_leader_role(leader.user)
        return leader


class ChangeLeaderView(EditView):
    def save_instance(self):
        previous_user = TeamLeader.objects.get(pk=self.object.pk).user
        leader = super().save_instance()
        services.sync_leader_role(previous_user)
        services.sync_leader_role(leader.user)
        return leader


class DismissLeaderView(DeleteView):
    def delete_action(self):
        user = self.object.user
        super().delete_action()
        services.sync_leader_role(user)


class TeamLeaderViewSet(ModelViewSet):
    model = TeamLeader
    icon = "user"
    menu_label = _("队伍负责人")
    add_to_admin_menu = False
    add_view_class = AppointLeaderView
    edit_view_class = ChangeLeaderView
    delete_view_class = DismissLeaderView
    copy_view_enabled = False
    list_display = ["team", "user"]
    list_filter = ["team"]
    search_fields = ["team__name", "user__username", "user__first_name", "user__last_name"]
    search_backend_name = None
    ordering = ["team__name", "user__username"]

    def get_form_class(self, for_update=False):
        return TeamLeaderForm


team_leader_viewset = TeamLeaderViewSet("needs_team_leaders", url_prefix="needs/leaders")
