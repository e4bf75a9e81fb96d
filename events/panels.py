"""The events plugin's panels on the core's pages (``cms.plugins``): the home page, the station's screen, team profiles."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.plugins import HomePagePanel, TeamProfilePanel, register_home_page_panel, register_team_profile_panel
from events.activities.occurrences import Occurrence, occurrences_between, upcoming
from events.ical.cache import ACTIVITIES, DUTY, versions
from events.ical.links import feed_links
from events.models import ActivityIndexPage, DutyShift


def seconds_to_midnight() -> float:
    """Until the station's next day (Asia/Shanghai): "today", "tomorrow" and the panels' windows move on then."""
    tomorrow = datetime.combine(timezone.localdate() + timedelta(days=1), time(), timezone.get_default_timezone())
    return (tomorrow - timezone.now()).total_seconds()


def seconds_until_one_ends(occurrences: list[Occurrence]) -> float:
    """Until the first listed occurrence is over and leaves the list, or midnight, whichever comes first."""
    now = timezone.now()
    ends = [(occurrence.end - now).total_seconds() for occurrence in occurrences if occurrence.end > now]
    return min([seconds_to_midnight(), *ends])


class ActivitiesPanelMixin:
    """A panel listing coming occurrences: shared by every visitor, kept until an activity changes or one ends."""

    occurrences: list[Occurrence] = []

    def cache_key(self) -> str:
        return f"{versions([ACTIVITIES])}:{timezone.localdate():%Y%m%d}"

    def cache_timeout(self) -> float:
        return seconds_until_one_ends(self.occurrences)


@register_home_page_panel
class DutyTodayPanel(HomePagePanel):
    """Which team is on duty at the station today (and tomorrow), on the home page and the station's screen."""

    name = "duty-today"
    order = 20
    on_screen = True
    template_name = "events/duty_home_panel.html"

    def cache_key(self) -> str:
        return f"{versions([DUTY])}:{timezone.localdate():%Y%m%d}"

    def cache_timeout(self) -> float:
        return seconds_to_midnight()

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        today = timezone.localdate()
        shifts = {
            shift.date: shift
            for shift in DutyShift.objects.select_related("team").filter(date__in=[today, today + timedelta(days=1)])
        }
        context.update(today=today, shift=shifts.get(today), tomorrow=shifts.get(today + timedelta(days=1)))
        return context


@register_home_page_panel
class UpcomingActivitiesPanel(ActivitiesPanelMixin, HomePagePanel):
    """The next few activities, on the home page and on the station's screen."""

    name = "upcoming-activities"
    order = 30
    on_screen = True
    template_name = "events/activity_home_panel.html"

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        context["occurrences"] = self.occurrences = upcoming(limit=5)
        context["board"] = ActivityIndexPage.objects.live().first()
        return context


@register_team_profile_panel
class TeamActivitiesPanel(ActivitiesPanelMixin, TeamProfilePanel):
    """A team's coming activities and its calendar feed (activities and duty shifts), on the team's profile."""

    name = "team-activities"
    order = 20
    template_name = "events/team_profile_panel.html"

    def cache_key(self) -> str:
        return f"{super().cache_key()}:{self.team.slug}"

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        now = timezone.now()
        coming = occurrences_between(now, now + timedelta(days=60), team=self.team.slug)
        context["occurrences"] = self.occurrences = [occurrence for occurrence in coming if not occurrence.cancelled][
            :5
        ]
        context["feed"] = feed_links(self.request, "feed_team", self.team.slug, title=_("订阅本队日历"))
        return context
