"""Backups of the whole station: the database and every uploaded file in one dated archive, and their restore.

The database dump is django-dbbackup's connector for the engine in use: SQLite's online backup API (a consistent
copy even while the site writes, unlike copying a WAL-mode file) or ``pg_dump --format=custom`` restored with
``pg_restore``. The archive is a gzipped tar holding that dump, the public media (``media/``), the private uploads
(``private/``) and a ``manifest.json`` saying what is inside, so it can be inspected and restored by hand too.
"""

import io
import json
import logging
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

logger = logging.getLogger(__name__)

ARCHIVE_PREFIX = "station-"
ARCHIVE_SUFFIX = ".tar.gz"
MANIFEST = "manifest.json"
FORMAT_VERSION = 1
# Folders inside the archive and the settings naming where they live in an installation.
UPLOAD_FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_MEDIA_ROOT"}


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why, for the operator."""


@dataclass(frozen=True)
class RestoreResult:
    archive: Path
    created: str
    files: int


def backup_dir() -> Path:
    return Path(settings.BACKUP_DIR)


def _engine_family(alias: str = DEFAULT_DB_ALIAS) -> str:
    """'sqlite' or 'postgresql': a dump can only go back into the same kind of database."""
    return connections[alias].vendor


def _connector(alias: str = DEFAULT_DB_ALIAS):
    from dbbackup.db.base import get_connector

    return get_connector(alias)


def create_backup(directory: Path | None = None, now: datetime | None = None) -> Path:
    """Write one dated archive of the database and all uploads into ``directory`` (BACKUP_DIR) and return its path.

    The archive is assembled under a temporary name and renamed at the end, so a crash never leaves a file that
    looks like a complete backup.
    """
    directory = Path(directory or backup_dir())
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime(now or timezone.now())
    target = directory / f"{ARCHIVE_PREFIX}{stamp:%Y%m%d-%H%M%S}{ARCHIVE_SUFFIX}"
    if target.exists():
        raise BackupError(f"{target} already exists")

    connector = _connector()
    dump_name = f"database.{connector.extension}"
    manifest = {
        "format": FORMAT_VERSION,
        "created": stamp.isoformat(),
        "database": {
            "vendor": _engine_family(),
            "connector": f"{type(connector).__module__}.{type(connector).__qualname__}",
            "file": dump_name,
        },
        "uploads": {},
    }
    partial = directory / f".{target.name}.partial"
    try:
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            dump = connector.create_dump()
            dump.seek(0, 2)
            size = dump.tell()
            dump.seek(0)
            info = tarfile.TarInfo(dump_name)
            info.size = size
            info.mtime = int(stamp.timestamp())
            archive.addfile(info, dump)
            dump.close()
            for folder, setting in UPLOAD_FOLDERS.items():
                root = Path(getattr(settings, setting))
                files = sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []
                for path in files:
                    archive.add(path, arcname=f"{folder}/{path.relative_to(root).as_posix()}", recursive=False)
                manifest["uploads"][folder] = len(files)
            body = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(body)
            info.mtime = int(stamp.timestamp())
            archive.addfile(info, io.BytesIO(body))
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)
    logger.info("backup written: %s (%d bytes)", target, target.stat().st_size)
    return target


def list_backups(directory: Path | None = None) -> list[Path]:
    """The archives in ``directory``, oldest first (their names sort by date)."""
    directory = Path(directory or backup_dir())
    if not directory.is_dir():
        return []
    return sorted(directory.glob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}"))


def prune_backups(keep: int, directory: Path | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` archives; return the deleted ones."""
    archives = list_backups(directory)
    doomed = archives[: max(len(archives) - max(keep, 1), 0)]
    for path in doomed:
        path.unlink()
    return doomed


def database_is_empty(alias: str = DEFAULT_DB_ALIAS) -> bool:
    """True when the database holds no one's content: no tables at all, or only what `migrate` makes.

    Migrations create Wagtail's root page and its plain welcome page; a user account or a page of any of the site's
    own types is someone's data.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    tables = set(connections[alias].introspection.table_names())
    if Page._meta.db_table not in tables:
        return True
    plain_page = ContentType.objects.db_manager(alias).get_for_model(Page)
    has_pages = Page.objects.using(alias).exclude(content_type=plain_page).exists()
    return not has_pages and not get_user_model().objects.using(alias).exists()


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    """Regular files only, with relative paths: an archive can never write outside the restore folders."""
    members = []
    for member in archive.getmembers():
        if not member.isfile():
            continue
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts:
            raise BackupError(f"refusing an unsafe path in the archive: {member.name}")
        members.append(member)
    return members


def restore_backup(archive_path: Path, force: bool = False) -> RestoreResult:
    """Restore an archive made by :func:`create_backup` into this installation's database and upload folders.

    Refuses a database that already holds content unless ``force``; with ``force`` the database is replaced and the
    upload folders are emptied first, so the installation ends up exactly as the backup was.
    """
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"no such archive: {archive_path}")
    with tarfile.open(archive_path, "r:*") as archive:
        members = {member.name: member for member in _safe_members(archive)}
        if MANIFEST not in members:
            raise BackupError(f"{archive_path} is not a station backup (no {MANIFEST})")
        manifest = json.load(archive.extractfile(members[MANIFEST]))
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"unknown backup format {manifest.get('format')!r}")
        database = manifest["database"]
        if database["vendor"] != _engine_family():
            raise BackupError(
                f"the backup holds a {database['vendor']} database; this installation uses {_engine_family()}"
            )
        if not force and not database_is_empty():
            raise BackupError("the database is not empty: restore into an empty installation, or pass --force")

        _restore_database(archive.extractfile(members[database["file"]]), database["connector"])
        files = 0
        for folder, setting in UPLOAD_FOLDERS.items():
            root = Path(getattr(settings, setting))
            if force and root.is_dir():
                shutil.rmtree(root)
            root.mkdir(parents=True, exist_ok=True)
            prefix = f"{folder}/"
            for name, member in members.items():
                if name.startswith(prefix):
                    target = root / name[len(prefix) :]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with archive.extractfile(member) as source, open(target, "wb") as out:
                        shutil.copyfileobj(source, out)
                    files += 1
    logger.info("backup restored: %s (%d files)", archive_path, files)
    return RestoreResult(archive=archive_path, created=manifest["created"], files=files)


def _restore_database(dump, connector_path: str) -> None:
    """Load the dump with this installation's connector, the one that made it (never a class named by the archive).

    Goes through a temporary file: pg_restore reads from a real file, and the tar member is only a stream.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    connector = _connector()
    if f"{type(connector).__module__}.{type(connector).__qualname__}" != connector_path:
        raise BackupError(f"the backup was made by {connector_path}, which this installation does not use")
    with tempfile.TemporaryFile() as spooled:
        shutil.copyfileobj(dump, spooled)
        spooled.seek(0)
        if connection.vendor == "sqlite":
            _restore_sqlite(spooled)
        else:
            connection.close()
            connector.restore_dump(spooled)
    connection.close()


def _restore_sqlite(dump) -> None:
    """Copy the backup into the live database page by page with SQLite's backup API.

    Writing over the database file (what dbbackup's SQLite connector does) would leave a stale WAL file beside it
    and cannot work for an in-memory database; the backup API replaces the content through the connection itself.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    with tempfile.NamedTemporaryFile(suffix=".sqlite3") as copy:
        shutil.copyfileobj(dump, copy)
        copy.flush()
        connection.ensure_connection()
        source = sqlite3.connect(copy.name)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
