"""What happens to a need besides its transitions (those are ``workflow.py``): ordering one, suggesting teams.

This is also the plugin's public API for other plugins.
"""

import mimetypes
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from statistics import median

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.http import FileResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from cms.geo import Point, distance_m, format_distance
from cms.models import Team
from cms.outbox import send_after_commit
from needs import tasks
from needs.models import Need, NeedPhoto, TeamLeader
from needs.workflow import COMPLETED_STATES, LEADERS_GROUP, State, perform_transition


def submit_need(need: Need) -> Need:
    """Save a need from the public form; the requester gets the private status link by mail if they gave an address."""
    with transaction.atomic():
        need.save()
        event = need.events.create(
            kind="submitted", action="submitted", to_state=need.state, actor_name=need.contact_name
        )
        send_after_commit(tasks.notify_state_change, event.pk)
    return need


def complete_need(need: Need, user, *, comment="", photos=(), **details):
    """Mark the need done (``workflow.perform_transition``) and keep the team's photos with it, all or nothing."""
    with transaction.atomic():
        event = perform_transition(need, "complete", user, comment=comment, **details)
        for upload in photos:
            NeedPhoto.objects.create(need=need, image=upload, uploaded_by=user if user.is_authenticated else None)
    return event


def photo_response(photo: NeedPhoto, *, public: bool = False) -> FileResponse:
    """The photo's bytes. Unless the requester shared it (``public``), for a page only they, the station and the team
    see: no shared cache keeps it."""
    response = FileResponse(photo.image.open("rb"), content_type=mimetypes.guess_type(photo.image.name)[0])
    if public:
        patch_cache_control(response, public=True, max_age=300)
    else:
        patch_cache_control(response, private=True, no_store=True)
        response["Referrer-Policy"] = "same-origin"
    return response


def share_photos(need: Need, shared: bool) -> None:
    """The requester's choice: the completion photos may (or may no longer) be shown on the public wall."""
    Need.objects.filter(pk=need.pk).update(photos_shared=shared, updated_at=timezone.now())


def shared_photos():
    """The photos whose requester agreed to show them, of needs that were done."""
    return NeedPhoto.objects.filter(need__photos_shared=True, need__state__in=COMPLETED_STATES)


def first_shared_photos(need_ids) -> dict[int, int]:
    """For the wall: each listed need's first shared photo (its id), in one query."""
    found = {}
    for need_id, photo_id in shared_photos().filter(need_id__in=list(need_ids)).values_list("need_id", "pk"):
        found.setdefault(need_id, photo_id)
    return found


@dataclass(frozen=True)
class Suggestion:
    """A team the station could dispatch a need to, and why it is ranked where it is."""

    team: Team
    matches: bool
    distance_m: float | None
    load: int

    @property
    def distance(self) -> str:
        return format_distance(self.distance_m) if self.distance_m is not None else ""


def _point(latitude, longitude) -> Point | None:
    return Point(float(latitude), float(longitude)) if latitude is not None and longitude is not None else None


def team_loads() -> dict[int, int]:
    """Needs each team has accepted and not yet done."""
    rows = Need.objects.filter(state=State.ACCEPTED).values_list("team_id").annotate(n=Count("pk")).order_by()
    return dict(rows)


def suggest_teams(needs, limit: int = 5) -> dict[int, list[Suggestion]]:
    """For each need, the published teams ranked by speciality match, then distance, then current load.

    Two queries whatever the number of needs and teams: the teams (with their townships) and the loads. A team's
    point is its own, or its township's centre; a need's point is its township's centre (its address stays private).
    """
    teams = list(Team.objects.published().filter(status=Team.Status.ACTIVE).select_related("township"))
    loads = team_loads()
    points = {
        team.pk: _point(team.latitude, team.longitude)
        or (team.township and _point(team.township.latitude, team.township.longitude))
        for team in teams
    }
    ranked = {}
    for need in needs:
        origin = _point(need.township.latitude, need.township.longitude)
        suggestions = [
            Suggestion(
                team=team,
                matches=team.speciality == need.category,
                distance_m=distance_m(origin, points[team.pk]) if origin and points[team.pk] else None,
                load=loads.get(team.pk, 0),
            )
            for team in teams
        ]
        suggestions.sort(key=lambda s: (not s.matches, s.distance_m is None, s.distance_m or 0, s.load, s.team.name))
        ranked[need.pk] = suggestions[:limit]
    return ranked


def sync_leader_role(user) -> bool:
    """Put the user in the leaders' group while they lead a team, take them out when they lead none; True if a leader.

    The group gives the right to answer needs at all; the ``TeamLeader`` rows scope it to their own teams.
    """
    leads = TeamLeader.objects.filter(user=user).exists()
    group, _created = Group.objects.get_or_create(name=LEADERS_GROUP)
    if leads:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    return leads


def needs_of_teams_led_by(user):
    """The needs dispatched to the teams this user leads, in any state from dispatch on."""
    return Need.objects.filter(team__leaders__user=user).select_related("township", "team")


# --- the public side: nothing personal (no contact, address or description), only what the wall may show ---

PUBLIC_STATES = (State.SUBMITTED, State.DISPATCHED, State.ACCEPTED, State.DONE, State.RATED)
PUBLIC_FIELDS = ("pk", "category", "state", "submitted_at", "wanted_on", "served_on", "township__name", "team__name")


def public_needs(category: str = "", township: str = "", state: str = ""):
    """The wall's rows as dictionaries of public fields only, newest first, filtered by the visitor's choices."""
    needs = Need.objects.filter(state__in=PUBLIC_STATES)
    if category:
        needs = needs.filter(category=category)
    if township:
        needs = needs.filter(township__slug=township)
    if state in PUBLIC_STATES:
        needs = needs.filter(state=state)
    return needs.order_by("-submitted_at", "-pk").values(*PUBLIC_FIELDS)


def public_figures(today=None) -> dict:
    """Needs ordered this month, the share of decided needs that were done, the median hours to acceptance (90 days)."""
    today = today or timezone.localdate()
    month_start = timezone.make_aware(datetime.combine(today.replace(day=1), time.min))
    counts = Need.objects.aggregate(
        this_month=Count("pk", filter=Q(submitted_at__gte=month_start)),
        done=Count("pk", filter=Q(state__in=COMPLETED_STATES)),
        decided=Count("pk", filter=~Q(state__in=(State.SUBMITTED, State.DISPATCHED))),
    )
    since = timezone.now() - timedelta(days=90)
    waits = sorted(
        (accepted - submitted).total_seconds() / 3600
        for submitted, accepted in Need.objects.filter(accepted_at__gte=since).values_list(
            "submitted_at", "accepted_at"
        )
    )
    return {
        "this_month": counts["this_month"],
        "done_share": round(100 * counts["done"] / counts["decided"]) if counts["decided"] else None,
        "median_hours_to_accept": round(median(waits), 1) if waits else None,
    }


def team_record(team) -> dict:
    """A team's completed needs and their average rating, for its public profile (one query)."""
    return Need.objects.filter(team=team, state__in=COMPLETED_STATES).aggregate(
        completed=Count("pk"), rating=Avg("rating")
    )
