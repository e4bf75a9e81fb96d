"""Two people act on one application at the same moment: exactly one transition wins, the other is told why.

Each thread has its own database connection and loads the application before the race, as two open admin pages
would. The winner holds the row lock a little while (a ``pre_transition`` receiver sleeps inside the transaction),
so the loser really waits at ``select_for_update`` and then reads the new state.
"""

import logging
import threading
import time

import pytest
from django.db import connection, connections
from django_fsm.signals import pre_transition

from incubator.models import Application, ApplicationEvent
from incubator.workflow import State, TransitionError, perform_transition
from tests.incubator import factories

logger = logging.getLogger(__name__)
HOLD_SECONDS = 0.5

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks between threads need PostgreSQL: the SQLite test database is a shared-cache in-memory "
        "database, where a second writer fails at once with 'database table is locked' instead of waiting",
    ),
]


def race(application_id, user, actions):
    barrier = threading.Barrier(len(actions))
    outcomes = []

    def act(action):
        try:
            mine = Application.objects.get(pk=application_id)  # loaded before the race, like an open page
            barrier.wait(timeout=10)
            started = time.monotonic()
            try:
                perform_transition(mine, action, user, comment="并发测试", notify=False)
                outcomes.append((action, "won", None, time.monotonic() - started))
            except TransitionError as error:
                outcomes.append((action, "refused", error, time.monotonic() - started))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture
def slow_transitions():
    def hold_the_lock(sender, **kwargs):
        time.sleep(HOLD_SECONDS)

    pre_transition.connect(hold_the_lock, sender=Application)
    yield
    pre_transition.disconnect(hold_the_lock, sender=Application)


@pytest.mark.parametrize(
    ("actions", "targets"),
    [
        (("reject", "withdraw"), {"reject": State.REJECTED, "withdraw": State.WITHDRAWN}),
        (("start_mentoring", "start_mentoring"), {"start_mentoring": State.MENTORED}),
    ],
    ids=["reject-vs-withdraw", "double-click"],
)
def test_two_conflicting_transitions_at_once(actions, targets, slow_transitions):
    # A superuser coordinates without the role groups, which an earlier flush of the database may have removed.
    coordinator = factories.UserFactory(username="racer", is_superuser=True)
    application = factories.ApplicationFactory(mentor=factories.UserFactory(username="race-mentor"))

    outcomes = race(application.pk, coordinator, actions)

    logger.info("race %s: %s", actions, [(a, r, e and e.code, f"{s:.2f}s") for a, r, e, s in outcomes])
    assert len(outcomes) == 2
    won = [outcome for outcome in outcomes if outcome[1] == "won"]
    refused = [outcome for outcome in outcomes if outcome[1] == "refused"]
    assert len(won) == 1
    assert len(refused) == 1
    winner, _, _, _ = won[0]
    _, _, error, waited = refused[0]
    assert error.code == TransitionError.NOT_FROM_STATE
    assert "不能执行" in str(error)
    assert waited >= HOLD_SECONDS * 0.8, "the loser should have waited for the winner's row lock"

    application.refresh_from_db()
    assert application.state == targets[winner]
    events = ApplicationEvent.objects.filter(application=application, kind=ApplicationEvent.Kind.TRANSITION)
    assert [(event.action, event.to_state) for event in events] == [(winner, targets[winner])]
