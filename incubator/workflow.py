"""The incubation workflow: states, transitions with their conditions and permissions, and the one entry point.

Every change of an application's state goes through :func:`perform_transition` (the admin, the applicant's status
page, the demo loader, the tests). It locks the application's row, re-reads its state, checks that the action exists
for that state, that this user may take it and that its conditions are met, then saves the new state, writes exactly
one audit entry and queues the notifications to run after the commit.

This module imports no model at import time (``models.py`` builds ``Application`` on :class:`ApplicationWorkflow`);
related rows are reached through the application's reverse relations.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from cms.workflow import Actions, TransitionError, locked_transition
from cms.workflow import actor_fields as shared_actor_fields


class State(models.TextChoices):
    """Staff names of the states; applicants see :data:`PUBLIC_STAGES` instead."""

    APPLIED = "applied", _("已申请")
    MENTORED = "mentored", _("辅导中")
    FUNDED = "funded", _("已获扶持")
    MATURE = "mature", _("已成熟")
    REJECTED = "rejected", _("未通过")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_STATES = (State.APPLIED, State.MENTORED, State.FUNDED)
CLOSED_STATES = (State.REJECTED, State.WITHDRAWN)
# The four stages of incubation, in the order an organisation goes through them.
PROGRESS = (State.APPLIED, State.MENTORED, State.FUNDED, State.MATURE)


@dataclass(frozen=True)
class PublicStage:
    name: str
    next_step: str


PUBLIC_STAGES = {
    State.APPLIED: PublicStage(
        _("申请已提交"), _("孵化协调员将在 5 个工作日内审核您的申请,并为您的组织安排一位辅导导师。")
    ),
    State.MENTORED: PublicStage(
        _("导师辅导"), _("请按约定参加辅导,与导师一起完善队伍建设和项目策划。辅导满足要求后可申请资金扶持。")
    ),
    State.FUNDED: PublicStage(
        _("资金扶持"), _("请按计划开展志愿服务活动,并在截止日期前把资金使用报告交给孵化协调员。")
    ),
    State.MATURE: PublicStage(_("孵化完成"), _("恭喜!您的组织已孵化成熟,经编辑审核发布后将在展示厅的志愿团队中展示。")),
    State.REJECTED: PublicStage(_("未通过"), _("如有疑问请联系总站;完善后可以再次提交申请。")),
    State.WITHDRAWN: PublicStage(_("已撤回"), _("如需继续孵化,请联系总站,由孵化协调员为您重新开启申请。")),
}

COORDINATORS_GROUP = "孵化协调员"
MENTORS_GROUP = "孵化导师"
COORDINATE_PERMISSION = "incubator.coordinate_incubation"
MENTOR_PERMISSION = "incubator.mentor_incubation"


@dataclass(frozen=True)
class Applicant:
    """The organisation that applied, acting through its private status link (it has no user account)."""

    application_id: int
    is_active = True
    is_superuser = False
    is_authenticated = False
    pk = None

    def has_perm(self, perm, obj=None) -> bool:
        return False

    def __str__(self):
        return str(_("申请人"))


def is_coordinator(user) -> bool:
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(COORDINATE_PERMISSION)))


def is_mentor(user) -> bool:
    return bool(user and user.is_active and user.has_perm(MENTOR_PERMISSION))


def is_assigned_mentor(application, user) -> bool:
    return is_mentor(user) and user.pk is not None and application.mentor_id == user.pk


# --- permissions: who may take a transition (django-fsm calls them with the application and the user) ---


def coordinators(application, user) -> bool:
    return is_coordinator(user)


def coordinators_or_assigned_mentor(application, user) -> bool:
    return is_coordinator(user) or is_assigned_mentor(application, user)


def coordinators_or_applicant(application, user) -> bool:
    return is_coordinator(user) or (isinstance(user, Applicant) and user.application_id == application.pk)


# --- conditions: what must be true of the application; each explains itself when it is not ---


def condition(message):
    """Attach the explanation shown when the condition fails (a string, or a function of the application)."""

    def attach(check):
        check.explain = message if callable(message) else (lambda application: message)
        return check

    return attach


def maturity_criteria():
    return apps.get_model("incubator", "IncubatorSettings").load()


@condition(_("请先为该组织指派一位辅导导师。"))
def has_mentor(application) -> bool:
    return application.mentor_id is not None


@condition(_("请先记录至少一次辅导。"))
def has_mentoring_session(application) -> bool:
    return application.sessions.exists()


@condition(_("请先登记一笔扶持资金(金额大于 0 元)。"))
def has_grant(application) -> bool:
    return application.grants.filter(amount__gt=0).exists()


@condition(_("扶持资金的使用报告尚未收齐。"))
def grant_reports_received(application) -> bool:
    grants = application.grants.all()
    return grants.exists() and not grants.filter(report_received_on__isnull=True).exists()


@condition(
    lambda application: (
        _("成熟认定要求至少 %(required)s 次辅导,目前 %(count)s 次。")
        % {"required": maturity_criteria().min_sessions, "count": application.sessions.count()}
    )
)
def enough_mentoring_sessions(application) -> bool:
    return application.sessions.count() >= maturity_criteria().min_sessions


@condition(
    lambda application: (
        _("成熟认定要求至少开展 %(required)s 次志愿服务活动,目前 %(count)s 次。")
        % {"required": maturity_criteria().min_activities, "count": application.activities_held}
    )
)
def enough_activities_held(application) -> bool:
    return application.activities_held >= maturity_criteria().min_activities


# --- the transitions ---

_OPEN = list(OPEN_STATES)


class ApplicationWorkflow:
    """The transitions of ``Application.state``; ``custom`` holds what the admin and the diagram show."""

    @transition(
        field="state",
        source=State.APPLIED,
        target=State.MENTORED,
        conditions=[has_mentor],
        permission=coordinators_or_assigned_mentor,
        custom={"label": _("开始辅导"), "who": _("协调员、已指派的导师")},
    )
    def start_mentoring(self, *, by, comment=""):
        """The assigned mentor takes the organisation on."""

    @transition(
        field="state",
        source=State.MENTORED,
        target=State.FUNDED,
        conditions=[has_mentoring_session, has_grant],
        permission=coordinators,
        custom={"label": _("给予资金扶持"), "who": _("协调员")},
    )
    def grant_funding(self, *, by, comment=""):
        """Funding is granted once the organisation has been mentored and a grant is recorded."""

    @transition(
        field="state",
        source=State.FUNDED,
        target=State.MATURE,
        conditions=[grant_reports_received, enough_mentoring_sessions, enough_activities_held],
        permission=coordinators,
        custom={"label": _("认定成熟"), "who": _("协调员")},
    )
    def certify_mature(self, *, by, comment=""):
        """The organisation graduates: its team waits as a draft in the showroom for an editor to publish it."""
        from incubator.graduation import draft_team_for

        self.team = draft_team_for(self)

    @transition(
        field="state",
        source=_OPEN,
        target=State.REJECTED,
        permission=coordinators,
        custom={"label": _("不予通过"), "who": _("协调员"), "comment_required": True, "danger": True},
    )
    def reject(self, *, by, comment=""):
        """The reason (the comment) is sent to the applicant."""

    @transition(
        field="state",
        source=_OPEN,
        target=State.WITHDRAWN,
        permission=coordinators_or_applicant,
        custom={"label": _("撤回申请"), "who": _("协调员、申请人"), "danger": True},
    )
    def withdraw(self, *, by, comment=""):
        """The applicant (from the status page) or staff withdraw the application."""

    @transition(
        field="state",
        source=list(CLOSED_STATES),
        target=State.APPLIED,
        permission=coordinators,
        custom={"label": _("重新开启"), "who": _("协调员"), "comment_required": True},
    )
    def reopen(self, *, by, comment=""):
        """Undo a rejection or a withdrawal; the application starts again from the beginning."""


ACTIONS = ("start_mentoring", "grant_funding", "certify_mature", "reject", "withdraw", "reopen")


APPLICATION_ACTIONS = Actions(ApplicationWorkflow, ACTIONS)
transitions_of = APPLICATION_ACTIONS.transitions_of
action_label = APPLICATION_ACTIONS.label
available_actions = APPLICATION_ACTIONS.available


def _check(application, action, user, comment):
    found = transitions_of(action).get_transition(application.state)
    if found is None:
        raise TransitionError(
            TransitionError.NOT_FROM_STATE,
            _("该申请目前处于“%(state)s”,不能执行“%(action)s”。")
            % {"state": application.get_state_display(), "action": action_label(action)},
        )
    if not found.has_perm(application, user):
        raise TransitionError(
            TransitionError.PERMISSION_DENIED, _("您没有权限执行“%(action)s”。") % {"action": found.custom["label"]}
        )
    unmet = [check.explain(application) for check in found.conditions if not check(application)]
    if unmet:
        raise TransitionError(
            TransitionError.CONDITIONS_NOT_MET,
            _("暂时不能执行“%(action)s”:") % {"action": found.custom["label"]},
            unmet,
        )
    if found.custom.get("comment_required") and not comment:
        raise TransitionError(
            TransitionError.COMMENT_REQUIRED, _("执行“%(action)s”需要填写原因。") % {"action": found.custom["label"]}
        )


def actor_fields(user) -> dict:
    """How an audit entry names who acted: a staff account, the applicant, or the system."""
    return shared_actor_fields(user, Applicant)


def perform_transition(application, action, user, comment="", notify=True):
    """Take ``action`` on ``application`` as ``user`` (a staff user or an :class:`Applicant`).

    Returns the audit entry written. Raises :class:`TransitionError` when the action does not exist for the current
    state, the user may not take it, a condition is unmet, a required reason is missing, or another change won the
    race. On success the caller's ``application`` is refreshed; when ``notify`` is true the applicant is emailed
    after the commit (and not at all if the surrounding transaction rolls back).
    """
    from incubator import tasks

    comment = (comment or "").strip()
    transitions_of(action)

    def audit(locked, before):
        return locked.events.create(
            kind="transition",
            action=action,
            from_state=before.state,
            to_state=locked.state,
            comment=comment,
            visibility="applicant",
            **actor_fields(user),
        )

    return locked_transition(
        application,
        action,
        check=lambda locked: _check(locked, action, user, comment),
        audit=audit,
        notify=tasks.notify_state_change if notify else None,
        conflict_message=_("该申请刚被其他人更新,请刷新后重试。"),
        integrity_message=_("该组织已有一份正在处理的申请,不能同时开启两份。"),
        by=user,
        comment=comment,
    )
