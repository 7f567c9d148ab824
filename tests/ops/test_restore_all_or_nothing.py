"""`mandate restore` is all or nothing: a backup it cannot put back whole leaves the database and the media as they were.

Each test backs up, changes the data, damages the backup in one way, restores, and checks that the changed data is
still there row by row and byte by byte: a bad media archive and a bad database file are refused before anything is
touched, and a database that cannot be written once the media folder was swapped gets its old media folder back.
They also run on Debian 12's own Python 3.11.2 (`make test-debian-python`), which has no `extractall(filter=...)`.
"""
import io
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from mandate.accounts.models import User
from mandate.core import backup
from tests.ops.test_backup_restore import every_row, media_files


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def changed_since_backup(transactional_db, media, tmp_path):
    """A backup of one user and one file, then a second user and file and the first file rewritten: the state to keep."""
    media.mkdir()
    (media / "evidence").mkdir()
    (media / "evidence" / "bien-ban.pdf").write_bytes(b"%PDF-1.4 first")
    User.objects.create_user(username="truoc.sao.luu", password="x" * 12)
    call_command("backup", str(tmp_path / "backup"))
    User.objects.create_user(username="sau.sao.luu", password="x" * 12)
    (media / "evidence" / "bien-ban.pdf").write_bytes(b"%PDF-1.4 edited")
    (media / "evidence" / "moi.pdf").write_bytes(b"%PDF-1.4 new")
    return tmp_path / "backup", every_row(), media_files(media)


def assert_unchanged(media, rows, files, tmp_path):
    connection.close()
    assert every_row() == rows
    assert media_files(media) == files
    # nothing staged is left beside the media folder
    assert sorted(p.name for p in media.parent.iterdir() if p.name.startswith("media")) == ["media"]


def rewrite_archive(path: Path, *members: tuple[tarfile.TarInfo, bytes]) -> None:
    with tarfile.open(path / "media.tar", "w") as archive:
        for info, data in members:
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def test_a_media_archive_with_a_path_outside_the_folder_changes_nothing(changed_since_backup, media, tmp_path):
    path, rows, files = changed_since_backup
    rewrite_archive(path, (tarfile.TarInfo("evidence/ok.pdf"), b"%PDF ok"), (tarfile.TarInfo("../escaped.txt"), b"x"))
    with pytest.raises(CommandError, match="nằm ngoài thư mục tệp"):
        call_command("restore", str(path))
    assert not (tmp_path / "escaped.txt").exists()
    assert_unchanged(media, rows, files, tmp_path)


def test_a_media_archive_with_a_link_changes_nothing(changed_since_backup, media, tmp_path):
    path, rows, files = changed_since_backup
    link = tarfile.TarInfo("evidence/passwd")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    rewrite_archive(path, (link, b""))
    with pytest.raises(CommandError, match="không phải tệp hay thư mục"):
        call_command("restore", str(path))
    assert_unchanged(media, rows, files, tmp_path)


def test_a_truncated_media_archive_changes_nothing(changed_since_backup, media, tmp_path):
    path, rows, files = changed_since_backup
    archive = path / "media.tar"
    archive.write_bytes(archive.read_bytes()[:700])
    with pytest.raises(CommandError, match="kho tệp đính kèm"):
        call_command("restore", str(path))
    assert_unchanged(media, rows, files, tmp_path)


def test_a_damaged_database_file_changes_nothing(changed_since_backup, media, tmp_path):
    path, rows, files = changed_since_backup
    database_file = next(p for p in path.iterdir() if p.name.startswith("database."))
    database_file.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CommandError):
        call_command("restore", str(path))
    assert_unchanged(media, rows, files, tmp_path)


def test_a_database_that_cannot_be_written_gets_its_old_media_folder_back(changed_since_backup, media, tmp_path,
                                                                          monkeypatch):
    """The failure comes after the media folder was swapped: SQLite's live file is held by another writer; on
    PostgreSQL the dump's table of contents reads but its data is cut off, so pg_restore fails in its transaction."""
    path, rows, files = changed_since_backup
    holder = None
    if connection.vendor == "sqlite":
        monkeypatch.setattr(backup, "RESTORE_LOCK_SECONDS", 0.5)
        holder = sqlite3.connect(connection.settings_dict["NAME"])
        holder.execute("BEGIN IMMEDIATE")  # another process's write transaction
    else:
        dump = path / "database.dump"
        dump.write_bytes(dump.read_bytes()[: dump.stat().st_size * 2 // 3])
    try:
        with pytest.raises(CommandError):
            call_command("restore", str(path))
    finally:
        if holder is not None:
            holder.rollback()
            holder.close()
    assert_unchanged(media, rows, files, tmp_path)


def test_an_undamaged_backup_still_restores_whole(changed_since_backup, media, tmp_path):
    path, rows, files = changed_since_backup
    call_command("restore", str(path))
    connection.close()
    assert set(User.objects.values_list("username", flat=True)) == {"truoc.sao.luu"}
    assert media_files(media) == {"evidence/bien-ban.pdf": b"%PDF-1.4 first"}
    assert sorted(p.name for p in media.parent.iterdir() if p.name.startswith("media")) == ["media"]
