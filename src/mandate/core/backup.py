"""Backing up and restoring the database and the media folder together, for SQLite and PostgreSQL.

A backup is a directory:

    manifest.json      engine, database name, time taken, file names
    database.sqlite3   SQLite: a page-by-page copy made with the online backup API
    database.dump      PostgreSQL: `pg_dump -Fc` (custom format, restored by `pg_restore`)
    media.tar          $MEDIA_ROOT (attachments and evidence), paths relative to it
"""
import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections

SQLITE = "django.db.backends.sqlite3"
POSTGRESQL = "django.db.backends.postgresql"
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar"
FORMAT_VERSION = 1


class BackupError(Exception):
    """The backup or restore could not be done; the message says why."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str
    database_file: str
    media_files: int


def default_backup_path(*, now: dt.datetime) -> Path:
    return Path(settings.DATA_DIR) / "backups" / f"mandate-{now.strftime('%Y%m%dT%H%M%SZ')}"


def _database(alias: str) -> dict:
    database = connections[alias].settings_dict
    if database["ENGINE"] not in (SQLITE, POSTGRESQL):
        raise BackupError(f"cannot back up a database of engine {database['ENGINE']}")
    return database


def _postgres_arguments(database: dict) -> tuple[list[str], dict]:
    """Connection options for pg_dump/pg_restore from Django's settings; the password goes in PGPASSWORD."""
    arguments = []
    if database.get("HOST"):
        arguments += ["--host", str(database["HOST"])]
    if database.get("PORT"):
        arguments += ["--port", str(database["PORT"])]
    if database.get("USER"):
        arguments += ["--username", str(database["USER"])]
    environment = dict(os.environ)
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    return arguments + ["--no-password"], environment


def _run(command: list[str], environment: dict) -> None:
    try:
        finished = subprocess.run(command, env=environment, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)") from error
    if finished.returncode != 0:
        raise BackupError(f"{command[0]} failed ({finished.returncode}): {finished.stderr.strip()}")


def _private(file: Path) -> Path:
    """Create `file` empty and readable by its owner only, before anything is written into it."""
    os.close(os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    file.chmod(0o600)  # os.open's mode is masked by the umask, which may only remove bits; this makes it exact
    return file


def backup_create(*, path: Path, now: dt.datetime, alias: str = "default") -> BackupResult:
    """Write a consistent copy of the database and the media folder into the new directory `path`."""
    database = _database(alias)
    path = Path(path)
    if path.exists() and any(path.iterdir()):
        raise BackupError(f"{path} exists and is not empty; choose a new directory")
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)  # it holds every user's data and the token digests
    if database["ENGINE"] == SQLITE:
        database_file = "database.sqlite3"
        # The backup API copies a snapshot while other processes go on reading and writing (WAL).
        source = sqlite3.connect(str(database["NAME"]), timeout=60)
        target = sqlite3.connect(str(_private(path / database_file)))
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        database_file = "database.dump"
        arguments, environment = _postgres_arguments(database)
        _run(["pg_dump", "--format=custom", *arguments, "--file", str(_private(path / database_file)),
              "--dbname", str(database["NAME"])], environment)
    media_files = _media_archive(_private(path / MEDIA_ARCHIVE))
    manifest = {"format": FORMAT_VERSION, "engine": database["ENGINE"], "database": str(database["NAME"]),
                "created_at": now.isoformat(), "database_file": database_file, "media": MEDIA_ARCHIVE,
                "media_files": media_files}
    _private(path / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    for file in path.iterdir():  # whatever else a tool left beside them (a journal) is private too
        if file.is_file():
            file.chmod(0o600)
    return BackupResult(path=path, engine=database["ENGINE"], database_file=database_file, media_files=media_files)


def _media_archive(target: Path) -> int:
    media_root = Path(settings.MEDIA_ROOT)
    count = 0
    with tarfile.open(target, "w") as archive:
        if media_root.is_dir():
            for file in sorted(media_root.rglob("*")):
                if file.is_file():
                    archive.add(file, arcname=str(file.relative_to(media_root)), recursive=False)
                    count += 1
    return count


def backup_restore(*, path: Path, alias: str = "default") -> dict:
    """Replace the database and the media folder with the backup in `path`; returns its manifest.

    The application server should be stopped: on PostgreSQL `pg_restore --clean` waits for the
    locks of open sessions, and requests served during a restore would see a mixed state."""
    path = Path(path)
    try:
        manifest = json.loads((path / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{path} is not a Mandate backup: no {MANIFEST}") from error
    database = _database(alias)
    if manifest["engine"] != database["ENGINE"]:
        raise BackupError(f"the backup is of {manifest['engine']}; the configured database is {database['ENGINE']}")
    database_file = path / manifest["database_file"]
    if not database_file.is_file():
        raise BackupError(f"{database_file} is missing")
    connections[alias].close()
    if database["ENGINE"] == SQLITE:
        source = sqlite3.connect(str(database_file))
        target = sqlite3.connect(str(database["NAME"]), timeout=60)
        try:
            # Copies every page into the live file under its write lock: readers see the old or the new database.
            source.backup(target)
            check = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
            source.close()
        if check != "ok":
            raise BackupError(f"the restored database fails its integrity check: {check}")
    else:
        arguments, environment = _postgres_arguments(database)
        # One transaction: a restore that fails half-way leaves the database as it was.
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
              *arguments, "--dbname", str(database["NAME"]), str(database_file)], environment)
    _media_restore(path / manifest.get("media", MEDIA_ARCHIVE))
    return manifest


def _media_restore(archive_path: Path) -> None:
    """Unpack beside $MEDIA_ROOT, then swap, so the folder is never half-written."""
    media_root = Path(settings.MEDIA_ROOT)
    if not archive_path.is_file():
        raise BackupError(f"{archive_path} is missing")
    media_root.parent.mkdir(parents=True, exist_ok=True)
    incoming = media_root.with_name(media_root.name + ".restoring")
    previous = media_root.with_name(media_root.name + ".before-restore")
    shutil.rmtree(incoming, ignore_errors=True)
    incoming.mkdir()
    with tarfile.open(archive_path) as archive:
        archive.extractall(incoming, filter="data")
    shutil.rmtree(previous, ignore_errors=True)
    try:
        if media_root.exists():
            media_root.rename(previous)
        incoming.rename(media_root)
    except OSError:
        # The media folder is a mount point (it cannot be renamed): replace what is inside it instead.
        media_root.mkdir(exist_ok=True)
        for child in list(media_root.iterdir()):
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        for child in list(incoming.iterdir()):
            shutil.move(str(child), str(media_root / child.name))
        incoming.rmdir()
    shutil.rmtree(previous, ignore_errors=True)
