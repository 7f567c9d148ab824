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
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

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
    return Path(settings.DATA_DIR) / "backups" / now.strftime(BACKUP_NAME)


def _database(alias: str) -> dict:
    database = connections[alias].settings_dict
    if database["ENGINE"] not in (SQLITE, POSTGRESQL):
        raise BackupError(_("cannot back up a database of engine %(engine)s") % {"engine": database["ENGINE"]})
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
        raise BackupError(_("%(program)s is not installed (Debian: apt-get install postgresql-client)") % {"program": command[0]}) from error
    if finished.returncode != 0:
        raise BackupError(_("%(program)s failed (%(code)s): %(output)s") % {
            "program": command[0], "code": finished.returncode, "output": finished.stderr.strip()})


def _private(file: Path) -> Path:
    """Create `file` empty and readable by its owner only, before anything is written into it."""
    os.close(os.open(file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    file.chmod(0o600)  # os.open's mode is masked by the umask, which may only remove bits; this makes it exact
    return file


BACKUP_NAME = "mandate-%Y%m%dT%H%M%SZ"


def backups_prune(*, folder: Path, keep_days: int, now: dt.datetime) -> list[Path]:
    """Remove the backups in `folder` taken more than `keep_days` days before `now`; returns the ones removed.

    Only directories named as `mandate backup` names them and holding a manifest are candidates, and the newest backup
    is always kept, however old: a server whose backups stopped keeps its last one."""
    if keep_days < 1:
        raise BackupError(_("--keep-days: must be at least 1"))
    taken = []
    for child in Path(folder).iterdir() if Path(folder).is_dir() else []:
        try:
            moment = dt.datetime.strptime(child.name, BACKUP_NAME).replace(tzinfo=dt.UTC)
        except ValueError:
            continue
        if child.is_dir() and not child.is_symlink() and (child / MANIFEST).is_file():
            taken.append((moment, child))
    taken.sort()
    limit = now - dt.timedelta(days=keep_days)
    removed = [child for moment, child in taken[:-1] if moment < limit]
    for child in removed:
        shutil.rmtree(child)
    return removed


def backup_create(*, path: Path, now: dt.datetime, alias: str = "default") -> BackupResult:
    """Write a consistent copy of the database and the media folder into the new directory `path`."""
    database = _database(alias)
    path = Path(path)
    if path.exists() and any(path.iterdir()):
        raise BackupError(_("%(path)s exists and is not empty; choose a new directory") % {"path": path})
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


# How long a SQLite restore waits for the live database's write lock before it gives up (and changes nothing).
RESTORE_LOCK_SECONDS = 60


def backup_restore(*, path: Path, alias: str = "default") -> dict:
    """Replace the database and the media folder with the backup in `path`; returns its manifest.

    All or nothing: everything is read and checked before anything is touched (the manifest, the database file —
    SQLite's integrity check, PostgreSQL's table of contents —, every member of the media archive, unpacked beside
    the media folder); then the media folder is swapped and the database restored in one transaction. When the
    database cannot be restored, the old media folder is put back: the site is as it was before.

    The application server should be stopped: on PostgreSQL `pg_restore --clean` waits for the
    locks of open sessions, and requests served during a restore would see a mixed state."""
    path = Path(path)
    try:
        manifest = json.loads((path / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(_("%(path)s is not a Mandate backup: no %(manifest)s") % {"path": path, "manifest": MANIFEST}) from error
    except (OSError, ValueError) as error:
        raise BackupError(_("%(path)s cannot be read: %(error)s") % {"path": path / MANIFEST, "error": error}) from error
    if not isinstance(manifest, dict) or not {"engine", "database_file"} <= manifest.keys():
        raise BackupError(_("%(path)s is not the manifest of a Mandate backup") % {"path": path / MANIFEST})
    database = _database(alias)
    if manifest["engine"] != database["ENGINE"]:
        raise BackupError(_("the backup is of %(backup)s; the configured database is %(database)s") % {
            "backup": manifest["engine"], "database": database["ENGINE"]})
    database_file = path / Path(str(manifest["database_file"])).name
    if not database_file.is_file():
        raise BackupError(_("%(path)s is missing") % {"path": database_file})
    archive_path = path / Path(str(manifest.get("media", MEDIA_ARCHIVE))).name
    if not archive_path.is_file():
        raise BackupError(_("%(path)s is missing") % {"path": archive_path})
    if database["ENGINE"] == SQLITE:
        _sqlite_check(database_file)
    else:
        arguments, environment = _postgres_arguments(database)
        _run(["pg_restore", "--list", str(database_file)], environment)  # a dump pg_restore cannot read stops here
    media = _MediaSwap(Path(settings.MEDIA_ROOT))
    media.stage(archive_path)  # unpacked and checked beside the live folder; nothing is changed yet
    try:
        media.swap()
        connections[alias].close()
        if database["ENGINE"] == SQLITE:
            _sqlite_restore(database_file, Path(database["NAME"]))
        else:
            # One transaction: a restore that fails half-way leaves the database as it was.
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
                  *arguments, "--dbname", str(database["NAME"]), str(database_file)], environment)
    except BaseException:
        media.undo()
        raise
    media.finish()
    return manifest


def _read_only(file: Path) -> str:
    return Path(file).resolve().as_uri() + "?mode=ro&immutable=1"  # reads the backup and writes nothing beside it


def _sqlite_check(file: Path) -> None:
    try:
        connection = sqlite3.connect(_read_only(file), uri=True)
        try:
            check = connection.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise BackupError(_("%(path)s is not a readable SQLite database: %(error)s") % {"path": file, "error": error}) from error
    if check != "ok":
        raise BackupError(_("%(path)s fails its integrity check: %(check)s") % {"path": file, "check": check})


def _sqlite_restore(source_file: Path, live_file: Path) -> None:
    """Copy every page into the live file in one write transaction: it holds the old or the new database, never a mix."""
    source = sqlite3.connect(_read_only(source_file), uri=True)
    target = sqlite3.connect(str(live_file), timeout=RESTORE_LOCK_SECONDS)
    deadline = time.monotonic() + RESTORE_LOCK_SECONDS

    def waited(status: int, remaining: int, total: int) -> None:
        # The backup API retries a locked destination for ever; one step (all pages) either copies all or nothing.
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise BackupError(_("the database is in use (locked for more than %(seconds)s s); nothing was changed: stop "
                                "the application server and the worker, then restore again") % {"seconds": RESTORE_LOCK_SECONDS})

    try:
        source.backup(target, progress=waited, sleep=0.1)
        check = target.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.Error as error:
        raise BackupError(_("the database could not be restored (nothing was changed): %(error)s") % {"error": error}) from error
    finally:
        target.close()
        source.close()
    if check != "ok":
        raise BackupError(_("the restored database fails its integrity check: %(check)s") % {"check": check})


def _members(archive: tarfile.TarFile):
    """Each member of a media archive with its checked relative path: regular files and folders only, inside the folder.

    Written out here rather than with `extractall(filter="data")`, which Python gained in 3.11.4 (Debian 12 has 3.11.2).
    """
    for member in archive:
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not name.parts or name.parts[0] == "":
            raise BackupError(_("the media archive holds a path outside the media folder: %(name)r") % {"name": member.name})
        if not (member.isfile() or member.isdir()):
            raise BackupError(_("the media archive holds something other than a file or folder: %(name)r") % {"name": member.name})
        yield member, name


class _MediaSwap:
    """The media folder replaced by a staged copy, reversibly until `finish`.

    Beside the folder when it can be renamed; inside it when it is a mount point (which cannot be)."""

    def __init__(self, root: Path):
        self.root = root
        self.mount = os.path.ismount(root)
        base = root if self.mount else root.parent
        prefix = "." if self.mount else root.name
        self.incoming = base / f"{prefix}.restoring"
        self.previous = base / f"{prefix}.before-restore"
        self.swapped = False

    def stage(self, archive_path: Path) -> None:
        self.root.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.incoming, ignore_errors=True)
        shutil.rmtree(self.previous, ignore_errors=True)
        self.incoming.mkdir(mode=0o700)
        try:
            with tarfile.open(archive_path) as archive:
                for member, name in _members(archive):
                    target = self.incoming / name
                    if member.isdir():
                        target.mkdir(parents=True, exist_ok=True)
                        continue
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with archive.extractfile(member) as source, open(target, "xb") as out:
                        shutil.copyfileobj(source, out)
                    target.chmod((member.mode & 0o644) | 0o600)
        except (OSError, tarfile.TarError, BackupError) as error:
            shutil.rmtree(self.incoming, ignore_errors=True)
            if isinstance(error, BackupError):
                raise
            raise BackupError(_("the media archive cannot be unpacked (nothing was changed): %(error)s") % {"error": error}) from error

    def _live_children(self) -> list[Path]:
        return [child for child in self.root.iterdir() if child not in (self.incoming, self.previous)]

    def swap(self) -> None:
        if self.mount:
            self.previous.mkdir(mode=0o700)
            for child in self._live_children():
                child.rename(self.previous / child.name)
            self.swapped = True
            for child in list(self.incoming.iterdir()):
                child.rename(self.root / child.name)
            self.incoming.rmdir()
        else:
            if self.root.exists():
                self.root.rename(self.previous)
            self.swapped = True
            self.incoming.rename(self.root)

    def undo(self) -> None:
        """Put the old media folder back and drop the staged one."""
        if self.swapped:
            if self.mount:
                for child in self._live_children():
                    shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
                for child in list(self.previous.iterdir()):
                    child.rename(self.root / child.name)
                self.previous.rmdir()
            else:
                if self.root.exists():
                    shutil.rmtree(self.root)
                if self.previous.exists():
                    self.previous.rename(self.root)
        shutil.rmtree(self.incoming, ignore_errors=True)

    def finish(self) -> None:
        shutil.rmtree(self.previous, ignore_errors=True)
