"""Every transition: the allowed path, each unmet condition, each missing permission, and every illegal source state."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import transaction

from cms.models import OutboxEntry, Team
from incubator.models import Application, ApplicationEvent
from incubator.workflow import ACTIONS, Applicant, State, TransitionError, available_actions, perform_transition
from tests.factories import TeamFactory
from tests.incubator import factories

pytestmark = pytest.mark.django_db

SOURCES = {
    "start_mentoring": [State.APPLIED],
    "grant_funding": [State.MENTORED],
    "certify_mature": [State.FUNDED],
    "reject": [State.APPLIED, State.MENTORED, State.FUNDED],
    "withdraw": [State.APPLIED, State.MENTORED, State.FUNDED],
    "reopen": [State.REJECTED, State.WITHDRAWN],
}
TARGETS = {
    "start_mentoring": State.MENTORED,
    "grant_funding": State.FUNDED,
    "certify_mature": State.MATURE,
    "reject": State.REJECTED,
    "withdraw": State.WITHDRAWN,
    "reopen": State.APPLIED,
}
ALLOWED = [(action, source) for action, sources in SOURCES.items() for source in sources]
ILLEGAL = [(action, state) for action in ACTIONS for state in State.values if state not in SOURCES[action]]


def transition_events(application):
    return ApplicationEvent.objects.filter(application=application, kind=ApplicationEvent.Kind.TRANSITION)


def test_the_table_covers_every_transition_of_the_model():
    defined = {
        (transition.name, transition.source, transition.target)
        for transition in Application._meta.get_field("state").get_all_transitions(Application)
    }
    assert defined == {(action, source, TARGETS[action]) for action, source in ALLOWED}


@pytest.mark.parametrize(("action", "source"), ALLOWED)
def test_coordinator_takes_every_allowed_transition(
    action, source, ready, coordinator, django_capture_on_commit_callbacks
):
    application = ready(source)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        event = perform_transition(application, action, coordinator, comment="理由:测试说明")

    assert application.state == TARGETS[action]
    assert Application.objects.get(pk=application.pk).state == TARGETS[action]
    entries = list(transition_events(application))
    assert entries == [event]
    assert (event.action, event.from_state, event.to_state) == (action, source, TARGETS[action])
    assert (event.actor, event.actor_name, event.comment) == (coordinator, "李协调", "理由:测试说明")
    assert callbacks  # the mail goes out after the commit...
    assert OutboxEntry.objects.filter(task="incubator.tasks.notify_state_change").count() == 1  # ...once
    assert [message.to for message in mail.outbox] == [[application.contact_email]]
    assert "理由:测试说明" in mail.outbox[0].body
    assert application.get_status_url() in mail.outbox[0].body


@pytest.mark.parametrize(("action", "state"), ILLEGAL)
def test_every_action_is_refused_from_every_other_state(action, state, ready, coordinator):
    application = ready(state)
    with pytest.raises(TransitionError) as refused:
        perform_transition(application, action, coordinator, comment="说明")
    assert refused.value.code == TransitionError.NOT_FROM_STATE
    assert "不能执行" in str(refused.value)
    assert Application.objects.get(pk=application.pk).state == state
    assert not transition_events(application).exists()


def test_unknown_action_is_refused(ready, coordinator):
    with pytest.raises(TransitionError) as refused:
        perform_transition(ready(), "delete", coordinator)
    assert refused.value.code == TransitionError.UNKNOWN_ACTION


# --- conditions ---


def assert_unmet(application, action, user, reason):
    with pytest.raises(TransitionError) as refused:
        perform_transition(application, action, user)
    assert refused.value.code == TransitionError.CONDITIONS_NOT_MET
    assert any(reason in text for text in refused.value.reasons), refused.value.reasons
    assert Application.objects.get(pk=application.pk).state == application.state
    assert not transition_events(application).exists()


def test_start_mentoring_needs_a_mentor(coordinator):
    assert_unmet(factories.ApplicationFactory(), "start_mentoring", coordinator, "指派一位辅导导师")


def test_grant_funding_needs_a_session(coordinator, mentor):
    application = factories.ApplicationFactory(state=State.MENTORED, mentor=mentor)
    factories.GrantFactory(application=application)
    assert_unmet(application, "grant_funding", coordinator, "至少一次辅导")


def test_grant_funding_needs_a_grant(coordinator, mentor):
    application = factories.ApplicationFactory(state=State.MENTORED, mentor=mentor)
    factories.SessionFactory(application=application)
    assert_unmet(application, "grant_funding", coordinator, "登记一笔扶持资金")


def test_certify_mature_needs_every_grant_report(ready, coordinator):
    application = ready(State.FUNDED)
    factories.GrantFactory(application=application, report_received_on=None)
    assert_unmet(application, "certify_mature", coordinator, "使用报告尚未收齐")


def test_certify_mature_needs_the_configured_number_of_sessions(ready, coordinator, criteria):
    criteria.min_sessions = 2
    criteria.save()
    assert_unmet(ready(State.FUNDED), "certify_mature", coordinator, "至少 2 次辅导,目前 1 次")


def test_certify_mature_needs_the_configured_number_of_activities(ready, coordinator, criteria):
    criteria.min_activities = 3
    criteria.save()
    assert_unmet(ready(State.FUNDED), "certify_mature", coordinator, "至少开展 3 次志愿服务活动,目前 1 次")


@pytest.mark.parametrize("action", ["reject", "reopen"])
def test_reject_and_reopen_need_a_reason(action, ready, coordinator):
    application = ready(SOURCES[action][0])
    with pytest.raises(TransitionError) as refused:
        perform_transition(application, action, coordinator, comment="   ")
    assert refused.value.code == TransitionError.COMMENT_REQUIRED
    assert not transition_events(application).exists()


# --- permissions ---

STAFF_ONLY = ["grant_funding", "certify_mature", "reject", "reopen"]


def assert_denied(application, action, user):
    with pytest.raises(TransitionError) as refused:
        perform_transition(application, action, user, comment="说明")
    assert refused.value.code == TransitionError.PERMISSION_DENIED
    assert "没有权限" in str(refused.value)
    assert Application.objects.get(pk=application.pk).state == application.state
    assert not transition_events(application).exists()


@pytest.mark.parametrize("action", STAFF_ONLY + ["withdraw"])
def test_the_assigned_mentor_may_not_take_coordinator_transitions(action, ready, mentor):
    assert_denied(ready(SOURCES[action][0]), action, mentor)


@pytest.mark.parametrize("action", STAFF_ONLY + ["start_mentoring"])
def test_the_applicant_may_not_take_staff_transitions(action, ready):
    application = ready(SOURCES[action][0])
    assert_denied(application, action, Applicant(application.pk))


@pytest.mark.parametrize("user_kind", ["staff without a role", "anonymous", "nobody", "inactive coordinator"])
@pytest.mark.parametrize("action", ACTIONS)
def test_users_without_a_role_may_not_take_any_transition(action, user_kind, ready):
    user = {
        "staff without a role": lambda: factories.UserFactory(is_staff=True),
        "anonymous": AnonymousUser,
        "nobody": lambda: None,
        "inactive coordinator": lambda: factories.coordinator(is_active=False),
    }[user_kind]()
    assert_denied(ready(SOURCES[action][0]), action, user)


def test_only_the_assigned_mentor_starts_mentoring(ready, mentor, other_mentor):
    application = ready(State.APPLIED)
    assert_denied(application, "start_mentoring", other_mentor)
    perform_transition(application, "start_mentoring", mentor)
    assert application.state == State.MENTORED


def test_the_applicant_withdraws_only_their_own_application(ready):
    application, other = ready(State.MENTORED), ready(State.MENTORED)
    assert_denied(application, "withdraw", Applicant(other.pk))
    event = perform_transition(application, "withdraw", Applicant(application.pk), comment="人手不足")
    assert application.state == State.WITHDRAWN
    assert (event.actor, event.actor_name) == (None, "申请人")


def test_available_actions_follow_the_user(ready, coordinator, mentor, other_mentor):
    application = ready(State.APPLIED)
    assert available_actions(application, coordinator) == ["start_mentoring", "reject", "withdraw"]
    assert available_actions(application, mentor) == ["start_mentoring"]
    assert available_actions(application, other_mentor) == []
    assert available_actions(application, Applicant(application.pk)) == ["withdraw"]


# --- side effects ---


def test_no_mail_when_the_surrounding_transaction_rolls_back(ready, coordinator, django_capture_on_commit_callbacks):
    application = ready(State.APPLIED)
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):  # noqa: PT012
        with transaction.atomic():
            perform_transition(application, "start_mentoring", coordinator)
            raise RuntimeError("the caller fails after the transition")
    assert callbacks == []
    assert mail.outbox == []
    assert Application.objects.get(pk=application.pk).state == State.APPLIED
    assert not transition_events(application).exists()


def test_staff_may_choose_not_to_notify(ready, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(ready(State.APPLIED), "start_mentoring", coordinator, notify=False)
    assert mail.outbox == []


def test_a_notification_is_sent_once_even_if_the_task_runs_twice(ready, coordinator):
    from incubator.tasks import notify_state_change

    event = perform_transition(ready(State.APPLIED), "start_mentoring", coordinator, notify=False)
    assert notify_state_change(event.pk) is True
    assert notify_state_change(event.pk) is False
    assert len(mail.outbox) == 1


def test_a_stale_instance_is_re_read_under_the_lock(ready, coordinator):
    application = ready(State.APPLIED)
    stale = Application.objects.get(pk=application.pk)
    perform_transition(application, "reject", coordinator, comment="材料不全")
    with pytest.raises(TransitionError) as refused:
        perform_transition(stale, "withdraw", coordinator)
    assert refused.value.code == TransitionError.NOT_FROM_STATE
    assert transition_events(application).count() == 1


def test_reopen_is_refused_when_the_organisation_applied_again(ready, coordinator):
    application = ready(State.REJECTED)
    factories.ApplicationFactory(
        organisation_name=application.organisation_name, contact_phone=application.contact_phone
    )
    with pytest.raises(TransitionError) as refused:
        perform_transition(application, "reopen", coordinator, comment="补充材料后重新审核")
    assert refused.value.code == TransitionError.CONFLICT
    assert Application.objects.get(pk=application.pk).state == State.REJECTED
    assert not transition_events(application).exists()


# --- certify_mature and the showroom ---


def test_certify_mature_leaves_a_new_team_as_a_draft_for_editors(ready, coordinator):
    application = ready(State.FUNDED)
    perform_transition(application, "certify_mature", coordinator)

    team = Team.objects.get(name=application.organisation_name)
    assert application.team == team
    assert (team.live, team.status, team.has_unpublished_changes) == (False, Team.Status.ACTIVE, True)
    assert team.latest_revision is not None
    assert team.township == application.township
    team.latest_revision.publish()
    team.refresh_from_db()
    assert team.live is True


def test_certify_mature_updates_an_existing_team_without_publishing(ready, coordinator):
    team = TeamFactory(name="福田镇“乡村守护”应急救援志愿队", status=Team.Status.INCUBATING, member_count=5, live=True)
    application = ready(State.FUNDED, organisation_name=team.name, member_count=40)
    perform_transition(application, "certify_mature", coordinator)

    team.refresh_from_db()
    assert application.team == team
    assert (team.live, team.status, team.member_count) == (True, Team.Status.INCUBATING, 5)  # live copy untouched
    assert team.has_unpublished_changes
    draft = team.latest_revision.as_object()
    assert (draft.status, draft.member_count) == (Team.Status.ACTIVE, 40)
