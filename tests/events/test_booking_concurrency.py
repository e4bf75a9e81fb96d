"""Never a double booking under concurrency: exactly one of many simultaneous overlapping requests wins.

PostgreSQL: threads in this process against the test database (the exclusion constraint decides).
SQLite: a subprocess on a file database (IMMEDIATE transactions serialise the check and the insert).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.events.booking_race import race, tally
from tests.events.booking_support import at, make_room

THREADS = 24
ROOT = Path(__file__).resolve().parents[2]


def report(capsys, name: str, result: dict) -> None:
    with capsys.disabled():
        sys.stdout.write(f"\n{name}: {json.dumps(result, ensure_ascii=False)}\n")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@pytest.mark.requires_postgresql  # threads in this process share the test database
def test_postgresql_race_has_one_winner(capsys, mailoutbox):
    room = make_room(slug="race-room")
    result = race(room.slug, at(3, 9), THREADS) | tally(room)
    report(capsys, "postgresql race", result)
    assert result["statuses"] == {201: 1, 409: THREADS - 1}
    assert_one_booking_one_mail(result)


def assert_one_booking_one_mail(result: dict) -> None:
    """The losers left nothing behind: one row, holding, one notice recorded and one mail sent (the winner's)."""
    assert result["booking_rows"] == 1
    assert result["holding_bookings"] == 1
    assert result["notices"] == ["requested"]
    assert result["mails"] == 1


@pytest.mark.slow
def test_sqlite_file_race_has_one_winner(tmp_path, capsys):
    env = os.environ | {"VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    completed = subprocess.run(  # noqa: S603  (our own module, fixed arguments)
        [sys.executable, "-m", "tests.events.booking_race", str(THREADS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    report(capsys, "sqlite race", result)
    assert result["vendor"] == "sqlite"
    assert result["statuses"] == {"201": 1, "409": THREADS - 1}
    assert_one_booking_one_mail(result)
