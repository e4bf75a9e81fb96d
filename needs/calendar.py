"""Needs in a staff member's private calendar feed (written by the events plugin, reached through ``cms.plugins``).

A dispatcher sees every need given to a team and not yet closed or done; a team leader, those of the teams they lead.
Each is an all-day item over the wanted date (or period), the service date once done. The requester's contact details
and address are written only for those who may see them (``workflow.sees_contact``): a leader not before accepting.
Two queries for the version and three for the entries, whatever the number of needs.
"""

from datetime import timedelta

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.plugins import CalendarEntry, StaffCalendarSource, register_staff_calendar_source
from needs.models import Need, TeamLeader
from needs.workflow import COMPLETED_STATES, CONTACT_SHOWN_STATES, State, is_dispatcher

SCHEDULED_STATES = (State.DISPATCHED, State.ACCEPTED, *COMPLETED_STATES)
PAST = timedelta(weeks=8)
FIELDS = (
    "pk",
    "category",
    "description",
    "state",
    "wanted_on",
    "wanted_until",
    "served_on",
    "volunteers_needed",
    "township__name",
    "team_id",
    "team__name",
    "address",
    "contact_name",
    "contact_phone",
    "updated_at",
)


def _scheduled_needs(user):
    """The needs this user's feed shows, or None when they neither dispatch nor lead a team."""
    if not (user.is_active and user.is_authenticated):
        return None
    since = timezone.localdate() - PAST
    needs = Need.objects.filter(state__in=SCHEDULED_STATES, wanted_on__gte=since)
    if is_dispatcher(user):
        return needs
    if user.has_perm("needs.lead_team_needs"):
        return needs.filter(team_id__in=TeamLeader.objects.filter(user=user).values("team_id"))
    return None


@register_staff_calendar_source
class NeedsCalendar(StaffCalendarSource):
    def serves(self, user) -> bool:
        return _scheduled_needs(user) is not None

    def version(self, user) -> str:
        needs = _scheduled_needs(user)
        if needs is None:
            return "needs:none"
        found = needs.aggregate(n=Count("pk"), changed=Max("updated_at"))
        return f"needs:{is_dispatcher(user)}:{found['n']}:{found['changed']}:{timezone.localdate()}"

    def entries(self, user) -> list[CalendarEntry]:
        needs = _scheduled_needs(user)
        if needs is None:
            return []
        dispatcher = is_dispatcher(user)
        states = {value: str(label) for value, label in State.choices}
        entries = []
        for row in needs.order_by("wanted_on", "pk").values(*FIELDS):
            first = row["served_on"] or row["wanted_on"]
            last = row["served_on"] or row["wanted_until"] or row["wanted_on"]
            contact = dispatcher or row["state"] in CONTACT_SHOWN_STATES  # leaders: their own teams' needs only
            lines = [
                _("状态:%s") % states[row["state"]],
                _("接单队伍:%s") % row["team__name"],
                _("需要志愿者人数:%d") % row["volunteers_needed"],
                row["description"],
                _("联系人:%(name)s %(phone)s") % {"name": row["contact_name"], "phone": row["contact_phone"]}
                if contact
                else _("联系方式接单后可见"),
            ]
            entries.append(
                CalendarEntry(
                    uid=f"need-{row['pk']}",
                    summary=_("点单:%(category)s · %(township)s")
                    % {"category": row["category"], "township": row["township__name"]},
                    start=first,
                    end=last + timedelta(days=1),
                    changed_at=row["updated_at"],
                    description="\n".join(lines),
                    location=f"{row['township__name']} {row['address']}" if contact else row["township__name"],
                    url=reverse("needs_admin:detail", args=[row["pk"]]),
                )
            )
        return entries
