"""The chain's tail: the stored head finds deleted records; signed checkpoints kept off the database find a head
set back and a chain recomputed after an edit (issue 14, class 7)."""
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from mandate.audit.guard import guard_remove
from mandate.audit.models import AuditHead, AuditRecord
from mandate.audit.services import record_hash
from tests.factories import a_task

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """The commands speak the site's language (Vietnamese); these tests read their English msgids, chosen as an
    operator chooses them (MANDATE_LANGUAGE)."""
    monkeypatch.setenv("MANDATE_LANGUAGE", "en")
    with translation.override("en"):
        yield


@pytest.fixture
def keys(tmp_path):
    private = Ed25519PrivateKey.generate()
    (tmp_path / "private.pem").write_bytes(private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    (tmp_path / "public.pem").write_bytes(private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    (tmp_path / "checkpoints").mkdir()
    return tmp_path


def _checkpoint(keys) -> None:
    call_command("audit", "checkpoint", "--key", str(keys / "private.pem"), "--out", str(keys / "checkpoints"))


def _verify(keys=None) -> None:
    if keys is None:
        call_command("audit", "verify")
    else:
        call_command("audit", "verify", "--checkpoints", str(keys / "checkpoints"), "--public-key", str(keys / "public.pem"))


def _sql(statement: str, params=()) -> None:
    guard_remove(connection)  # the attacker owns the database: the append-only triggers go first
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _delete_tail(n: int) -> list[int]:
    ids = list(AuditRecord.objects.order_by("-id").values_list("id", flat=True)[:n])
    _sql(f"DELETE FROM audit_auditrecord WHERE id IN ({','.join(str(i) for i in ids)})")
    return ids


def test_the_head_follows_every_record_in_its_transaction():
    a_task()
    head = AuditHead.objects.get()
    last = AuditRecord.objects.order_by("-id").first()
    assert (head.last_id, head.last_hash, head.count) == (last.pk, last.hash, AuditRecord.objects.count())


def test_verify_says_how_many_records_are_missing_from_the_tail(capsys):
    a_task()
    a_task()
    _delete_tail(3)
    with pytest.raises(CommandError, match="3 missing"):
        _verify()
    assert "3 record(s) missing from the tail" in capsys.readouterr().err


def test_a_checkpoint_is_a_signed_file_of_the_chains_end(keys, capsys):
    a_task()
    _checkpoint(keys)
    assert "copy it off this machine" in capsys.readouterr().out
    [file] = list((keys / "checkpoints").iterdir())
    signed = json.loads(file.read_text())
    last = AuditRecord.objects.order_by("-id").first()
    assert signed["checkpoint"]["last_id"] == last.pk and signed["checkpoint"]["hash"] == last.hash
    assert signed["checkpoint"]["count"] == AuditRecord.objects.count() and signed["signature"]
    a_task()
    _verify(keys)  # a longer chain agrees with an earlier checkpoint


def test_a_checkpoint_is_not_signed_over_a_broken_chain(keys):
    task = a_task()
    _sql("UPDATE audit_auditrecord SET action = 'task.forged' WHERE object_id = %s", [str(task.pk)])
    with pytest.raises(CommandError, match="does not verify"):
        _checkpoint(keys)


def test_checkpoints_find_an_edited_record(keys, capsys):
    task = a_task()
    _checkpoint(keys)
    _sql("UPDATE audit_auditrecord SET after = %s WHERE action = 'task.create' AND object_id = %s",
         ['{"deadline": "2030-01-01"}', str(task.pk)])
    with pytest.raises(CommandError):
        _verify(keys)
    assert "its content does not match its hash" in capsys.readouterr().err


def test_checkpoints_find_a_deleted_tail_with_the_head_set_back(keys, capsys):
    a_task()
    _checkpoint(keys)
    _delete_tail(2)
    last = AuditRecord.objects.order_by("-id").first()
    # The attacker also sets the head back, so the head alone agrees with what is left.
    _sql("UPDATE audit_audithead SET last_id = %s, last_hash = %s, count = %s",
         [last.pk, last.hash, AuditRecord.objects.count()])
    _verify()  # without the checkpoints nothing tells
    with pytest.raises(CommandError, match="2 missing"):
        _verify(keys)
    assert "at least 2 record(s) missing from the tail" in capsys.readouterr().err


def test_checkpoints_find_a_chain_recomputed_after_an_edit(keys, capsys):
    task = a_task()
    a_task()
    _checkpoint(keys)
    edited = AuditRecord.objects.get(action="task.create", object_id=str(task.pk))
    _sql("UPDATE audit_auditrecord SET after = %s WHERE id = %s", ['{"deadline": "2030-01-01"}', edited.pk])
    # ... then recomputes every hash from the edited record on, and the head, as the service would have written them.
    previous = AuditRecord.objects.filter(id__lt=edited.pk).order_by("-id").values_list("hash", flat=True).first() or "0" * 64
    for entry in AuditRecord.objects.filter(id__gte=edited.pk).order_by("id"):
        digest = record_hash(previous_hash=previous, at=entry.at, actor_id=entry.actor_id, action=entry.action,
                             object_type=entry.object_type, object_id=entry.object_id, before=entry.before, after=entry.after)
        _sql("UPDATE audit_auditrecord SET previous_hash = %s, hash = %s WHERE id = %s", [previous, digest, entry.pk])
        previous = digest
    _sql("UPDATE audit_audithead SET last_hash = %s", [previous])
    _verify()  # the chain and the head agree with each other
    with pytest.raises(CommandError):
        _verify(keys)
    assert "no longer has the signed hash" in capsys.readouterr().err


def test_a_forged_checkpoint_is_refused(keys, capsys):
    a_task()
    _checkpoint(keys)
    [file] = list((keys / "checkpoints").iterdir())
    signed = json.loads(file.read_text())
    signed["checkpoint"]["count"] -= 1
    file.write_text(json.dumps(signed))
    with pytest.raises(CommandError):
        _verify(keys)
    assert "its signature does not verify" in capsys.readouterr().err
