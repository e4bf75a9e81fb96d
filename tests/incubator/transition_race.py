"""Two people act on one application at the same moment: the race itself, shared by both databases' tests.

Each thread has its own database connection and loads the application before the race, as two open admin pages
would. The winner holds its lock a little while (a ``pre_transition`` receiver sleeps inside the transaction), so
the loser really waits (PostgreSQL: at ``select_for_update``; SQLite: at ``BEGIN IMMEDIATE``) and then reads the new
state. Used in-process on PostgreSQL and as a subprocess on an SQLite *file* database (pytest-django's SQLite test
database lives in memory, where a second writer fails at once instead of waiting):

    VAR_DIR=$(mktemp -d) DJANGO_SETTINGS_MODULE=cms.settings.test .venv/bin/python -m tests.incubator.transition_race reject,withdraw
"""

import json
import sys
import threading
import time
from contextlib import contextmanager

HOLD_SECONDS = 0.5


@contextmanager
def slow_transitions():
    """Every transition keeps its transaction (and so its lock) open for ``HOLD_SECONDS``."""
    from django_fsm.signals import pre_transition

    from incubator.models import Application

    def hold_the_lock(sender, **kwargs):
        time.sleep(HOLD_SECONDS)

    pre_transition.connect(hold_the_lock, sender=Application)
    try:
        yield
    finally:
        pre_transition.disconnect(hold_the_lock, sender=Application)


def race(application_id: int, user, actions) -> list[dict]:
    """Run ``actions`` at once, one thread each; what happened to each: won or refused (with the error's code)."""
    from django.db import connections

    from incubator.models import Application
    from incubator.workflow import TransitionError, perform_transition

    barrier = threading.Barrier(len(actions))
    outcomes = []

    def act(action):
        try:
            mine = Application.objects.get(pk=application_id)  # loaded before the race, like an open page
            barrier.wait(timeout=10)
            started = time.monotonic()
            try:
                perform_transition(mine, action, user, comment="并发测试", notify=False)
                outcomes.append({"action": action, "outcome": "won", "waited": time.monotonic() - started})
            except TransitionError as error:
                outcomes.append(
                    {
                        "action": action,
                        "outcome": "refused",
                        "code": error.code,
                        "message": str(error),
                        "waited": time.monotonic() - started,
                    }
                )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def run(actions) -> dict:
    """Set up an application, race ``actions`` on it, and report the outcomes, the final state and the audit trail."""
    from django.db import connection

    from incubator.models import Application, ApplicationEvent
    from tests.incubator import factories

    # A superuser coordinates without the role groups, which an earlier flush of the database may have removed.
    coordinator = factories.UserFactory(username=f"racer-{time.monotonic_ns()}", is_superuser=True)
    application = factories.ApplicationFactory(mentor=factories.UserFactory(username=f"mentor-{time.monotonic_ns()}"))
    with slow_transitions():
        outcomes = race(application.pk, coordinator, actions)
    events = ApplicationEvent.objects.filter(application=application, kind=ApplicationEvent.Kind.TRANSITION)
    return {
        "vendor": connection.vendor,
        "outcomes": outcomes,
        "state": Application.objects.get(pk=application.pk).state,
        "events": [[event.action, event.to_state] for event in events],
    }


def main(races: list[str]) -> None:
    """Each argument is one race, its actions joined by commas (``reject,withdraw``); one JSON line of results."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # once for every race: migrating a new file database takes a while
    results = {spec: run(spec.split(",")) for spec in races}
    sys.stdout.write(json.dumps(results, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:] or ["reject,withdraw"])
