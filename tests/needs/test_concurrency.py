"""Two staff dispatch the same need, or two leaders of one team accept it, at the same moment: exactly one wins.

Each thread has its own connection and loads the need before the race, as two open pages would; the winner holds
the row lock a little while (a ``pre_transition`` receiver sleeps inside the transaction) so the loser really waits.
"""

import threading
import time

import pytest
from django.contrib.auth.models import Permission
from django.db import connection, connections
from django_fsm.signals import pre_transition

from needs.models import Need, NeedEvent, TeamLeader
from needs.workflow import State, TransitionError, perform_transition
from tests.needs import factories

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks between threads need PostgreSQL (the SQLite test database fails a second writer at once)",
    ),
]


@pytest.fixture
def slow_transitions():
    def hold_the_lock(sender, **kwargs):
        time.sleep(0.5)

    pre_transition.connect(hold_the_lock, sender=Need)
    yield
    pre_transition.disconnect(hold_the_lock, sender=Need)


def race(need_id, attempts):
    """``attempts``: (user, action, details) taken at once; returns the outcomes."""
    barrier = threading.Barrier(len(attempts))
    outcomes = []

    def act(user, action, details):
        try:
            mine = Need.objects.get(pk=need_id)
            barrier.wait(timeout=10)
            try:
                perform_transition(mine, action, user, notify=False, **details)
                outcomes.append("won")
            except TransitionError as error:
                outcomes.append(error.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=attempt) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_dispatchers_dispatch_one_need_to_two_teams(slow_transitions):
    first = factories.UserFactory(username="dispatcher-a", is_superuser=True)
    second = factories.UserFactory(username="dispatcher-b", is_superuser=True)
    teams = [factories.TeamFactory(), factories.TeamFactory()]
    need = factories.NeedFactory()
    outcomes = race(need.pk, [(first, "dispatch", {"team": teams[0]}), (second, "dispatch", {"team": teams[1]})])
    assert sorted(outcomes) == ["not_from_state", "won"]
    need.refresh_from_db()
    assert need.state == State.DISPATCHED
    assert NeedEvent.objects.filter(need=need, action="dispatch").count() == 1
    assert NeedEvent.objects.get(need=need).team == need.team


def test_two_leaders_of_one_team_accept_at_once(slow_transitions):
    team = factories.TeamFactory()
    need = factories.NeedFactory()
    perform_transition(
        need, "dispatch", factories.UserFactory(username="d", is_superuser=True), team=team, notify=False
    )
    # The roles' groups come from a data migration, which an earlier flush of the database may have removed.
    permission = Permission.objects.get(content_type__app_label="needs", codename="lead_team_needs")
    leaders = [factories.UserFactory(username=f"leader-{n}") for n in range(2)]
    for leader in leaders:
        leader.user_permissions.add(permission)
        TeamLeader.objects.create(user=leader, team=team)
    outcomes = race(need.pk, [(leader, "accept", {}) for leader in leaders])
    assert sorted(outcomes) == ["not_from_state", "won"]
    assert NeedEvent.objects.filter(need=need, action="accept").count() == 1
