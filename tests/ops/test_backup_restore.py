"""`mandate backup` and `mandate restore` give back every row and every media file, on SQLite and PostgreSQL."""
import datetime as dt
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tests.factories import a_task
from mandate.audit.models import AuditRecord
from mandate.tasks.models import Evidence, ProgressReport, Task
from mandate.tasks.services import progress_report, task_transition
from tests.samples import a_pdf


def every_row() -> dict[str, list]:
    """Each table's rows as sorted tuples, many-to-many tables included."""
    return {model._meta.db_table: sorted(model.objects.values_list(), key=repr)
            for model in apps.get_models(include_auto_created=True)}


def media_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_a_restore_gives_back_every_row_and_file_as_backed_up(transactional_country, make_user, freeze, media, tmp_path):
    freeze(dt.date(2025, 7, 20))
    reporter = make_user("specialist", "25.TU.BTC")
    task = a_task(lead_unit="25.TU.BTC", coordinators=["25.TU.VP"])
    other = a_task(lead_unit="25.TU.BTC")
    evidence = SimpleUploadedFile("bien-ban.pdf", a_pdf(), content_type="application/pdf")
    progress_report(actor=reporter, task=task, percent=40, text="Đã họp triển khai", files=[evidence])
    progress_report(actor=reporter, task=other, percent=10, text="Đã phân công")
    call_command("audit", "verify")
    before_rows, before_files = every_row(), media_files(media)
    assert len(before_files) == 1

    call_command("backup", str(tmp_path / "backup"))
    # Then the data changes: a new report and file, an edited task, a deleted report, a deleted file.
    progress_report(actor=reporter, task=task, percent=70, text="Gần xong",
                    files=[SimpleUploadedFile("moi.txt", b"new", content_type="text/plain")])
    task_transition(actor=reporter, task=Task.objects.get(pk=other.pk), name="submit")
    ProgressReport.objects.filter(task=other).delete()
    Path(media / Evidence.objects.order_by("pk").first().file.name).unlink()
    Task.objects.filter(pk=task.pk).update(title="sửa lén")
    assert every_row() != before_rows

    call_command("restore", str(tmp_path / "backup"))

    assert every_row() == before_rows
    assert media_files(media) == before_files
    assert AuditRecord.objects.filter(action="task.progress").count() == 2
    call_command("audit", "verify")


def test_a_backup_refuses_a_directory_that_holds_files(db, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "x").write_text("x")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không trống"):
        call_command("backup", str(tmp_path / "old"))


def test_a_restore_refuses_a_directory_that_is_not_a_backup(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không phải là bản sao lưu của Mandate"):
        call_command("restore", str(tmp_path))


def test_every_file_of_a_backup_is_readable_by_its_owner_only(db, settings, media, tmp_path):
    import os
    import stat

    media.mkdir()
    (media / "bien-ban.pdf").write_bytes(b"%PDF-1.4 evidence")
    previous = os.umask(0o022)  # the usual umask, under which a plain open() makes files world-readable
    try:
        call_command("backup", str(tmp_path / "backup"))
    finally:
        os.umask(previous)
    modes = {file.name: stat.S_IMODE(file.stat().st_mode) for file in (tmp_path / "backup").iterdir()}
    assert modes and set(modes.values()) == {0o600}, modes
    assert stat.S_IMODE((tmp_path / "backup").stat().st_mode) == 0o700


def test_keep_days_removes_old_backups_and_never_the_newest(db, media, tmp_path):
    import datetime as dt

    from mandate.core.backup import BACKUP_NAME, backups_prune

    folder = tmp_path / "backups"
    now = dt.datetime(2026, 12, 3, 1, 30, tzinfo=dt.UTC)
    for days in (1, 13, 15, 40):
        backup = folder / (now - dt.timedelta(days=days)).strftime(BACKUP_NAME)
        backup.mkdir(parents=True)
        (backup / "manifest.json").write_text("{}")
    (folder / "mandate-notes").mkdir()  # not a backup's name: never touched
    (folder / (now - dt.timedelta(days=99)).strftime(BACKUP_NAME)).mkdir()  # no manifest: not a backup
    removed = backups_prune(folder=folder, keep_days=14, now=now)
    assert sorted(p.name for p in removed) == ["mandate-20261024T013000Z", "mandate-20261118T013000Z"]
    assert len(list(folder.iterdir())) == 4
    only_old = tmp_path / "only-old"
    (only_old / (now - dt.timedelta(days=100)).strftime(BACKUP_NAME)).mkdir(parents=True)
    (only_old / (now - dt.timedelta(days=100)).strftime(BACKUP_NAME) / "manifest.json").write_text("{}")
    assert backups_prune(folder=only_old, keep_days=14, now=now) == []


def test_the_backup_command_prunes_beside_the_new_backup(db, media, tmp_path):
    old = tmp_path / "backups" / "mandate-20200101T000000Z"
    old.mkdir(parents=True)
    (old / "manifest.json").write_text("{}")
    call_command("backup", str(tmp_path / "backups" / "mandate-20990101T000000Z"), "--keep-days", "14")
    assert not old.exists()
