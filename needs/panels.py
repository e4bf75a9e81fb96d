"""The needs plugin's panels on the core's pages (``cms.plugins``): the home page and screen, team profiles."""

from django.utils import timezone

from cms.plugins import (
    HomePagePanel,
    TeamProfilePanel,
    content_version,
    register_home_page_panel,
    register_team_profile_panel,
)
from needs import services

HOME_ITEMS = 4
VERSION_SCOPE = "needs"  # bumped by every change of a need, a team or a township (NeedsConfig.ready)


@register_home_page_panel
class NeedsHomePanel(HomePagePanel):
    """The latest needs and this month's figures, with the way to order (also on the station's screen)."""

    name = "needs"
    order = 40
    on_screen = True
    template_name = "needs/panels/home.html"

    def cache_key(self) -> str:
        return f"{content_version(VERSION_SCOPE)}:{timezone.localdate():%Y%m}"  # "this month" moves on by itself

    def get_context_data(self, parent_context=None):
        return {
            **super().get_context_data(parent_context),
            "needs": list(services.public_needs()[:HOME_ITEMS]),
            "figures": services.public_figures(),
        }


@register_team_profile_panel
class TeamNeedsPanel(TeamProfilePanel):
    """点单服务 on a team's profile: how many ordered services it completed and how the requesters rated them."""

    name = "team-needs"
    order = 40
    template_name = "needs/panels/team.html"

    def get_context_data(self, parent_context=None):
        return {**super().get_context_data(parent_context), "record": services.team_record(self.team)}
