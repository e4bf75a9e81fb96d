"""Two people act on one application at the same moment: exactly one transition wins, the other is told why.

PostgreSQL: threads in this process against the test database (the row lock decides).
SQLite: a subprocess on a file database (IMMEDIATE transactions make the loser wait for the winner's commit).
"""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from incubator.workflow import State, TransitionError
from tests.incubator.transition_race import HOLD_SECONDS, run

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]

RACE_CASES = [
    (("reject", "withdraw"), {"reject": State.REJECTED, "withdraw": State.WITHDRAWN}),
    (("start_mentoring", "start_mentoring"), {"start_mentoring": State.MENTORED}),
]
RACES = pytest.mark.parametrize(("actions", "targets"), RACE_CASES, ids=["reject-vs-withdraw", "double-click"])


def assert_one_winner(result: dict, targets: dict) -> None:
    outcomes = result["outcomes"]
    logger.info("race on %s: %s", result["vendor"], outcomes)
    assert len(outcomes) == 2
    won = [outcome for outcome in outcomes if outcome["outcome"] == "won"]
    refused = [outcome for outcome in outcomes if outcome["outcome"] == "refused"]
    assert len(won) == 1, outcomes
    assert len(refused) == 1, outcomes
    winner = won[0]["action"]
    assert refused[0]["code"] == TransitionError.NOT_FROM_STATE
    assert "不能执行" in refused[0]["message"]
    assert refused[0]["waited"] >= HOLD_SECONDS * 0.8, "the loser should have waited for the winner's lock"
    assert result["state"] == targets[winner]
    assert result["events"] == [[winner, targets[winner]]]


@pytest.mark.requires_postgresql  # row locks between threads of this process on the shared test database
@pytest.mark.django_db(transaction=True)
@RACES
def test_two_conflicting_transitions_at_once(actions, targets):
    result = run(actions)
    result["events"] = [list(event) for event in result["events"]]
    assert result["vendor"] == "postgresql"
    assert_one_winner(result, targets)


@pytest.fixture(scope="module")
def sqlite_races(tmp_path_factory):
    """Every race of this module in one subprocess on a new SQLite file database (migrated once)."""
    env = os.environ | {"VAR_DIR": str(tmp_path_factory.mktemp("race")), "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    completed = subprocess.run(  # noqa: S603  (our own module, fixed arguments)
        [sys.executable, "-m", "tests.incubator.transition_race", *(",".join(actions) for actions, _ in RACE_CASES)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@RACES
def test_two_conflicting_transitions_at_once_on_an_sqlite_file(actions, targets, sqlite_races):
    result = sqlite_races[",".join(actions)]
    assert result["vendor"] == "sqlite"
    assert_one_winner(result, targets)
