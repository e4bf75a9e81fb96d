"""The life of a need: who may take which step, what each step records, what is refused and why."""

from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from needs import services
from needs.models import Need, NeedEvent
from needs.workflow import (
    Requester,
    State,
    TransitionError,
    available_actions,
    perform_transition,
    sees_contact,
)
from tests.needs import factories

pytestmark = pytest.mark.django_db


def dispatched(team, dispatcher, **kwargs):
    need = factories.NeedFactory(**kwargs)
    perform_transition(need, "dispatch", dispatcher, comment="请尽快联系", team=team, notify=False)
    return need


def completed(team, dispatcher, leader):
    need = dispatched(team, dispatcher)
    perform_transition(need, "accept", leader, notify=False)
    perform_transition(
        need, "complete", leader, served_on=timezone.localdate(), volunteers_served=3, hours=Decimal("6"), notify=False
    )
    return need


def test_the_whole_life_writes_one_audit_entry_per_step(dispatcher, team, leader):
    need = completed(team, dispatcher, leader)
    perform_transition(need, "rate", Requester(need.pk), comment="很贴心", rating=5, notify=False)
    need.refresh_from_db()
    assert need.state == State.RATED
    assert (need.team, need.rating, need.rating_comment, need.volunteers_served) == (team, 5, "很贴心", 3)
    assert need.dispatched_at and need.accepted_at and need.done_at and need.rated_at
    assert list(need.events.values_list("action", "from_state", "to_state")) == [
        ("dispatch", "submitted", "dispatched"),
        ("accept", "dispatched", "accepted"),
        ("complete", "accepted", "done"),
        ("rate", "done", "rated"),
    ]
    assert need.events.get(action="accept").actor == leader


def test_submitting_mails_the_private_link_when_an_address_is_given(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        need = services.submit_need(factories.NeedFactory.build(township=factories.TownshipFactory()))
    assert len(mail.outbox) == 1
    assert need.get_status_url() in mail.outbox[0].body
    assert mail.outbox[0].to == [need.contact_email]


def test_dispatch_mails_the_team_leaders_only_after_commit(
    dispatcher, team, leader, django_capture_on_commit_callbacks
):
    need = factories.NeedFactory(contact_email="")
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(need, "dispatch", dispatcher, comment="请联系社区", team=team)
    assert [message.to for message in mail.outbox] == [[leader.email]]
    assert need.contact_phone not in mail.outbox[0].body  # the phone is shown only once the team accepted
    assert "请联系社区" in mail.outbox[0].body


def test_a_leader_of_another_team_may_not_accept(dispatcher, team, other_leader):
    need = dispatched(team, dispatcher)
    assert "accept" not in available_actions(need, other_leader)
    with pytest.raises(TransitionError) as refused:
        perform_transition(need, "accept", other_leader, notify=False)
    assert refused.value.code == TransitionError.PERMISSION_DENIED
    assert Need.objects.get(pk=need.pk).state == State.DISPATCHED


def test_a_leader_cannot_dispatch_and_a_requester_cannot_accept(team, leader):
    need = factories.NeedFactory()
    with pytest.raises(TransitionError) as refused:
        perform_transition(need, "dispatch", leader, team=team, notify=False)
    assert refused.value.code == TransitionError.PERMISSION_DENIED
    with pytest.raises(TransitionError):
        perform_transition(need, "cancel", Requester(need.pk + 1), notify=False)  # another need's link


def test_declining_returns_the_need_to_the_queue_and_keeps_the_team_in_the_audit(dispatcher, team, leader):
    need = dispatched(team, dispatcher)
    with pytest.raises(TransitionError) as refused:
        perform_transition(need, "decline", leader, notify=False)
    assert refused.value.code == TransitionError.COMMENT_REQUIRED
    event = perform_transition(need, "decline", leader, comment="本周队员都在外地", notify=False)
    assert (need.state, need.team, need.dispatched_at) == (State.SUBMITTED, None, None)
    assert event.team == team


@pytest.mark.parametrize(
    ("action", "details", "code"),
    [
        ("dispatch", {}, TransitionError.MISSING_DETAILS),
        ("accept", {}, TransitionError.NOT_FROM_STATE),
        ("complete", {}, TransitionError.NOT_FROM_STATE),
        ("rate", {"rating": 5}, TransitionError.NOT_FROM_STATE),
        ("recall", {}, TransitionError.NOT_FROM_STATE),
        ("fly_away", {}, TransitionError.UNKNOWN_ACTION),
    ],
)
def test_illegal_steps_from_a_new_need_are_refused(dispatcher, action, details, code):
    need = factories.NeedFactory()
    with pytest.raises(TransitionError) as refused:
        perform_transition(need, action, dispatcher, notify=False, **details)
    assert refused.value.code == code
    assert Need.objects.get(pk=need.pk).state == State.SUBMITTED
    assert not NeedEvent.objects.exists()


def test_completion_needs_what_was_done(dispatcher, team, leader):
    need = dispatched(team, dispatcher)
    perform_transition(need, "accept", leader, notify=False)
    with pytest.raises(TransitionError) as refused:
        perform_transition(need, "complete", leader, served_on=timezone.localdate(), notify=False)
    assert refused.value.code == TransitionError.MISSING_DETAILS


def test_only_the_requester_rates(dispatcher, team, leader):
    need = completed(team, dispatcher, leader)
    for user in (dispatcher, leader):
        with pytest.raises(TransitionError):
            perform_transition(need, "rate", user, rating=1, notify=False)
    perform_transition(need, "rate", Requester(need.pk), rating=4, notify=False)
    assert need.rating == 4


def test_rejection_needs_a_reason_and_closes_the_need(dispatcher):
    need = factories.NeedFactory()
    with pytest.raises(TransitionError):
        perform_transition(need, "reject", dispatcher, notify=False)
    perform_transition(need, "reject", dispatcher, comment="不属于志愿服务范围", notify=False)
    assert need.state == State.REJECTED
    assert available_actions(need, dispatcher) == []


def test_the_requester_cancels_until_the_service_is_done(dispatcher, team, leader):
    need = dispatched(team, dispatcher)
    perform_transition(need, "accept", leader, notify=False)
    assert available_actions(need, Requester(need.pk)) == ["cancel"]
    perform_transition(need, "cancel", Requester(need.pk), notify=False)
    assert need.state == State.CANCELLED


def test_the_system_recalls_a_dispatched_need_but_nobody_else_without_the_role(dispatcher, team, leader):
    need = dispatched(team, dispatcher)
    with pytest.raises(TransitionError):
        perform_transition(need, "recall", leader, notify=False)
    event = perform_transition(need, "recall", None, notify=False)
    assert (need.state, event.actor_name) == (State.SUBMITTED, "系统")


def test_contact_details_are_for_the_team_only_once_it_accepted(dispatcher, team, leader, other_leader):
    need = dispatched(team, dispatcher)
    assert sees_contact(need, dispatcher)
    assert not sees_contact(need, leader)
    perform_transition(need, "accept", leader, notify=False)
    assert sees_contact(need, leader)
    assert not sees_contact(need, other_leader)


def test_the_database_refuses_a_dispatched_need_without_a_team():
    from django.db import IntegrityError

    need = factories.NeedFactory()
    with pytest.raises(IntegrityError):
        Need.objects.filter(pk=need.pk).update(state=State.DISPATCHED)


def test_plain_text_mail_shows_names_as_typed_not_html_escaped(django_capture_on_commit_callbacks):
    need = factories.NeedFactory.build(township=factories.TownshipFactory(), contact_name='O\'Brien <"张"> & Co')
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_need(need)
    [message] = mail.outbox
    assert 'O\'Brien <"张"> & Co' in message.body
    assert not [entity for entity in ("&lt;", "&amp;", "&quot;", "&#x27;") if entity in message.body]
