"""The life of a need: 群众点单 → 中心派单 → 队伍接单 → 群众评单, every change through :func:`perform_transition`.

The admin, the requester's status page, a team leader's page, the beat tasks, the demo loader and the tests all come
here. It locks the need's row, re-reads its state, checks that the action exists from that state, that this user may
take it and that its conditions are met, then saves the new state, writes exactly one audit entry and queues the
notifications to run after the commit (the incubator's workflow has the same shape).

This module imports no model at import time (``models.py`` builds ``Need`` on :class:`NeedWorkflow`).
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from cms.workflow import Actions, TransitionError, locked_transition
from cms.workflow import actor_fields as shared_actor_fields


class State(models.TextChoices):
    SUBMITTED = "submitted", _("待派单")
    DISPATCHED = "dispatched", _("已派单")
    ACCEPTED = "accepted", _("已接单")
    DONE = "done", _("已完成")
    RATED = "rated", _("已评价")
    REJECTED = "rejected", _("未受理")
    CANCELLED = "cancelled", _("已取消")


OPEN_STATES = (State.SUBMITTED, State.DISPATCHED, State.ACCEPTED)
COMPLETED_STATES = (State.DONE, State.RATED)
# A team is attached to the need in these states (the database checks it).
TEAM_STATES = (State.DISPATCHED, State.ACCEPTED, State.DONE, State.RATED)
# The requester's contact details are shown to the team from acceptance on, never before.
CONTACT_SHOWN_STATES = (State.ACCEPTED, State.DONE, State.RATED)
PROGRESS = (State.SUBMITTED, State.DISPATCHED, State.ACCEPTED, State.DONE, State.RATED)

DISPATCHERS_GROUP = "点单派单员"
LEADERS_GROUP = "队伍负责人"
DISPATCH_PERMISSION = "needs.dispatch_need"
LEAD_PERMISSION = "needs.lead_team_needs"


@dataclass(frozen=True)
class Requester:
    """Whoever ordered the need, acting through the private status link (no account)."""

    need_id: int
    is_active = True
    is_superuser = False
    is_authenticated = False
    pk = None

    def has_perm(self, perm, obj=None) -> bool:
        return False

    def __str__(self):
        return str(_("点单人"))


def is_dispatcher(user) -> bool:
    return bool(
        user and user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm(DISPATCH_PERMISSION))
    )


def is_leader_of(team_id, user) -> bool:
    """A user of the leaders' group attached to this team (through ``TeamLeader``)."""
    if not (team_id and user and user.is_authenticated and user.is_active and user.has_perm(LEAD_PERMISSION)):
        return False
    return apps.get_model("needs", "TeamLeader").objects.filter(team_id=team_id, user_id=user.pk).exists()


def sees_contact(need, user) -> bool:
    """Staff who dispatch always; the team's leaders once they accepted; nobody else."""
    return is_dispatcher(user) or (need.state in CONTACT_SHOWN_STATES and is_leader_of(need.team_id, user))


# --- permissions (django-fsm calls them with the need and the user) ---


def dispatchers(need, user) -> bool:
    return is_dispatcher(user)


def dispatchers_or_team_leader(need, user) -> bool:
    return is_dispatcher(user) or is_leader_of(need.team_id, user)


def dispatchers_or_requester(need, user) -> bool:
    return is_dispatcher(user) or (isinstance(user, Requester) and user.need_id == need.pk)


def requester(need, user) -> bool:
    return isinstance(user, Requester) and user.need_id == need.pk


def system_or_dispatchers(need, user) -> bool:
    return user is None or is_dispatcher(user)


# --- the transitions ---


class NeedWorkflow:
    """The transitions of ``Need.state``; ``custom`` holds the label and what the transition needs."""

    @transition(
        field="state",
        source=State.SUBMITTED,
        target=State.DISPATCHED,
        permission=dispatchers,
        custom={"label": _("派单"), "needs": ("team",)},
    )
    def dispatch(self, *, by, comment="", team=None):
        """The station passes the need to one team, with a message for its leaders."""
        self.team = team
        self.dispatched_at = timezone.now()

    @transition(
        field="state",
        source=State.DISPATCHED,
        target=State.ACCEPTED,
        permission=dispatchers_or_team_leader,
        custom={"label": _("接单")},
    )
    def accept(self, *, by, comment=""):
        """The team takes the need; from now on its leaders see the requester's contact details."""
        self.accepted_at = timezone.now()

    @transition(
        field="state",
        source=State.DISPATCHED,
        target=State.SUBMITTED,
        permission=dispatchers_or_team_leader,
        custom={"label": _("退回派单"), "comment_required": True, "danger": True},
    )
    def decline(self, *, by, comment=""):
        """The team cannot take it: the need goes back to the station's queue (the audit entry keeps the team)."""
        self.team = None
        self.dispatched_at = None

    @transition(
        field="state",
        source=State.DISPATCHED,
        target=State.SUBMITTED,
        permission=system_or_dispatchers,
        custom={"label": _("超时收回")},
    )
    def recall(self, *, by, comment=""):
        """No team accepted in time: the station takes the need back to dispatch it again."""
        self.team = None
        self.dispatched_at = None

    @transition(
        field="state",
        source=State.ACCEPTED,
        target=State.DONE,
        permission=dispatchers_or_team_leader,
        custom={"label": _("完成服务"), "needs": ("served_on", "volunteers_served", "hours")},
    )
    def complete(self, *, by, comment="", served_on=None, volunteers_served=None, hours=None):
        """The team records what was done: the date, how many volunteers, how many service hours."""
        self.served_on = served_on
        self.volunteers_served = volunteers_served
        self.hours = hours
        self.done_at = timezone.now()

    @transition(
        field="state",
        source=State.DONE,
        target=State.RATED,
        permission=requester,
        custom={"label": _("评价"), "needs": ("rating",)},
    )
    def rate(self, *, by, comment="", rating=None):
        """The requester rates the service from 1 to 5; the comment goes with it and the team sees both."""
        self.rating = rating
        self.rating_comment = comment
        self.rated_at = timezone.now()

    @transition(
        field="state",
        source=[State.SUBMITTED, State.DISPATCHED],
        target=State.REJECTED,
        permission=dispatchers,
        custom={"label": _("不予受理"), "comment_required": True, "danger": True},
    )
    def reject(self, *, by, comment=""):
        """The reason (the comment) is shown to the requester."""

    @transition(
        field="state",
        source=list(OPEN_STATES),
        target=State.CANCELLED,
        permission=dispatchers_or_requester,
        custom={"label": _("取消点单"), "danger": True},
    )
    def cancel(self, *, by, comment=""):
        """The requester (or staff on their behalf) no longer needs the service."""


ACTIONS = ("dispatch", "accept", "decline", "recall", "complete", "rate", "reject", "cancel")


NEED_ACTIONS = Actions(NeedWorkflow, ACTIONS)
transitions_of = NEED_ACTIONS.transitions_of
action_label = NEED_ACTIONS.label
available_actions = NEED_ACTIONS.available


def _check(need, action, user, comment, details):
    found = transitions_of(action).get_transition(need.state)
    label = action_label(action)
    if found is None:
        raise TransitionError(
            TransitionError.NOT_FROM_STATE,
            _("该点单目前处于“%(state)s”,不能执行“%(action)s”。")
            % {"state": need.get_state_display(), "action": label},
        )
    if not found.has_perm(need, user):
        raise TransitionError(TransitionError.PERMISSION_DENIED, _("您没有权限执行“%(action)s”。") % {"action": label})
    if any(details.get(name) in (None, "") for name in found.custom.get("needs", ())):
        raise TransitionError(TransitionError.MISSING_DETAILS, _("执行“%(action)s”的信息不完整。") % {"action": label})
    if found.custom.get("comment_required") and not comment:
        raise TransitionError(TransitionError.COMMENT_REQUIRED, _("执行“%(action)s”需要填写原因。") % {"action": label})


def actor_fields(user) -> dict:
    """How an audit entry names who acted: a staff account or leader, the requester, or the system."""
    return shared_actor_fields(user, Requester)


def perform_transition(need, action, user, comment="", notify=True, **details):
    """Take ``action`` on ``need`` as ``user`` (a user, a :class:`Requester`, or None for the system).

    ``details`` are what the action records (``team`` to dispatch, ``served_on``/``volunteers_served``/``hours`` to
    complete, ``rating`` to rate). Returns the audit entry. Raises :class:`TransitionError` when the action does not
    exist from the current state, the user may not take it, details or a required reason are missing, or another
    change won the race. On success the caller's ``need`` is refreshed; with ``notify`` the requester and the team
    are told after the commit.
    """
    from needs import tasks

    comment = (comment or "").strip()
    transitions_of(action)

    def audit(locked, before):
        return locked.events.create(
            kind="transition",
            action=action,
            from_state=before.state,
            to_state=locked.state,
            team_id=locked.team_id or before.team_id,
            comment=comment,
            **actor_fields(user),
        )

    return locked_transition(
        need,
        action,
        check=lambda locked: _check(locked, action, user, comment, details),
        audit=audit,
        notify=tasks.notify_state_change if notify else None,
        conflict_message=_("该点单刚被其他人更新,请刷新后重试。"),
        by=user,
        comment=comment,
        **details,
    )
