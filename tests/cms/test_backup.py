"""Backups that restore: demo content → backup → empty database and upload folders → restore → the same station.

Runs on the database the suite runs on: SQLite embedded, PostgreSQL when DATABASE_URL is set (CI does both).
"""

import hashlib
import io
import json
import re
import sqlite3
import tarfile
import time
from datetime import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from cms import backup
from tests.factories import ensure_wagtail_roots


def file_hashes(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def fingerprint(client) -> dict:
    """Everything the station holds, as a visitor, an editor and a feed reader would see it."""
    from django.core.cache import cache

    cache.clear()  # feeds and pages are cached: read them from the restored database, not from before
    feeds = {}
    if apps.is_installed("events"):
        from events.models import FunctionRoom

        urls = ["/events/feeds/activities.ics", "/events/feeds/duty.ics"]
        urls += [f"/events/feeds/rooms/{room.slug}.ics" for room in FunctionRoom.objects.order_by("pk")]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            # DTSTAMP is the time the feed was written, not content.
            feeds[url] = [line for line in response.content.decode().splitlines() if not line.startswith("DTSTAMP")]
    # Pages before rows and files: rendering makes image renditions (rows and files), which then count below.
    pages = {page.url_path: client.get(page.url).status_code for page in Page.objects.live().specific() if page.url}
    # The language menu's form carries a CSRF token, masked afresh on every render.
    home = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", client.get("/").content)
    data = io.StringIO()
    call_command("dumpdata", exclude=["sessions"], indent=None, stdout=data)
    return {
        "rows": json.loads(data.getvalue()),
        "pages": pages,
        "home": home,
        "media": file_hashes(Path(settings.MEDIA_ROOT)),
        "private": file_hashes(Path(settings.PRIVATE_MEDIA_ROOT)),
        "feeds": feeds,
    }


def empty_the_database():
    """Make the database what a new installation has before `migrate`: no tables at all."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    if connection.vendor == "sqlite":
        sqlite3.connect(":memory:").backup(connection.connection)  # an empty database copied over this one
    assert connection.introspection.table_names() == []


@pytest.fixture
def demo_station(tmp_path, settings):
    """The demo content, plus what the demo has none of: an incubation application with its charter."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.BACKUP_DIR = tmp_path / "backups"
    call_command("load_initial_data", stdout=io.StringIO())
    if apps.is_installed("incubator"):
        from tests.incubator.factories import ApplicationFactory

        application = ApplicationFactory()
        # The field's storage was made at import, with the private folder of then: save into this test's instead.
        application.charter.storage = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
        application.charter.save("章程.pdf", ContentFile(b"%PDF-1.4 charter of the team"))
    return tmp_path


# Transactional: the dump is read and the restore written by other connections (pg_dump, pg_restore, SQLite's backup
# API) that must see committed data. Like the browser tests, each starts by putting back what the migrations made (an
# earlier transactional test's flush removed it); serialized_rollback cannot, after a flush that re-ran post_migrate.
@pytest.fixture
def migrated(transactional_db):
    ensure_wagtail_roots()


def restores(test):
    return pytest.mark.django_db(transaction=True)(pytest.mark.usefixtures("migrated")(test))


@pytest.mark.slow
@restores
def test_a_backup_restores_the_whole_station_into_an_empty_installation(demo_station, client, settings):
    before = fingerprint(client)
    assert before["private"], "the charter is part of the backup"
    if apps.is_installed("events"):
        from events.models import Booking

        assert Booking.objects.exists()

    started = time.monotonic()
    out = io.StringIO()
    call_command("backup_station", stdout=out)
    took = time.monotonic() - started
    [archive] = backup.list_backups()
    print(f"\nbackup of the demo on {connection.vendor}: {archive.stat().st_size} bytes in {took:.1f} s")  # noqa: T201

    # A fresh installation: an empty database (no tables) and empty upload folders elsewhere.
    empty_the_database()
    settings.MEDIA_ROOT = demo_station / "new-media"
    settings.PRIVATE_MEDIA_ROOT = demo_station / "new-private"
    call_command("restore_station", str(archive), stdout=io.StringIO())

    after = fingerprint(client)
    assert after["rows"] == before["rows"]
    assert after["pages"] == before["pages"]
    assert after["home"] == before["home"]
    assert after["media"] == before["media"]
    assert after["private"] == before["private"]
    assert after["feeds"] == before["feeds"]


@restores
def test_the_archive_is_dated_and_says_what_it_holds(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (tmp_path / "media" / "images").mkdir(parents=True)
    (tmp_path / "media" / "images" / "a.jpg").write_bytes(b"jpeg")
    when = timezone.make_aware(datetime(2026, 3, 5, 2, 0, 7))
    archive = backup.create_backup(tmp_path / "backups", now=when)
    assert archive.name == "station-20260305-020007.tar.gz"
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["database"]["file"] in names
    assert manifest["uploads"] == {"media": 1, "private": 0}
    assert "media/images/a.jpg" in names
    assert not list((tmp_path / "backups").glob(".*partial"))


@restores
def test_restore_refuses_a_database_with_content_unless_forced(tmp_path, settings, home_page):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    archive = backup.create_backup(tmp_path / "backups")
    home_page.title = "改过的标题"
    home_page.save()
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_station", str(archive), stdout=io.StringIO())
    assert Page.objects.get(pk=home_page.pk).title == "改过的标题"

    call_command("restore_station", str(archive), "--force", stdout=io.StringIO())
    assert Page.objects.get(pk=home_page.pk).title != "改过的标题"


def test_restore_refuses_paths_outside_its_folders(db, tmp_path):
    archive = tmp_path / "station-evil.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("media/../../escaped.txt")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(CommandError, match="unsafe path"):
        call_command("restore_station", str(archive), stdout=io.StringIO())
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_only_the_newest_backups_are_kept(tmp_path):
    for day in range(1, 6):
        (tmp_path / f"station-202603{day:02d}-030000.tar.gz").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("not a backup")
    deleted = backup.prune_backups(3, tmp_path)
    assert [path.name for path in deleted] == ["station-20260301-030000.tar.gz", "station-20260302-030000.tar.gz"]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "notes.txt",
        "station-20260303-030000.tar.gz",
        "station-20260304-030000.tar.gz",
        "station-20260305-030000.tar.gz",
    ]


@restores
def test_the_nightly_task_backs_up_and_keeps_backup_keep(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_KEEP = 2
    settings.BACKUP_DIR.mkdir()
    for day in range(1, 4):
        (settings.BACKUP_DIR / f"station-200001{day:02d}-030000.tar.gz").write_bytes(b"")
    from cms.tasks import nightly_backup

    written = Path(nightly_backup.delay().get())
    assert sorted(path.name for path in backup.list_backups()) == ["station-20000103-030000.tar.gz", written.name]
    assert "nightly-backup" in settings.CELERY_BEAT_SCHEDULE


def test_the_schedule_runs_the_nightly_backup_at_night():
    entry = settings.CELERY_BEAT_SCHEDULE["nightly-backup"]
    assert entry["task"] == "cms.tasks.nightly_backup"
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {0}
