"""The audit trail in shards (issue 21, item 2): concurrent writers append to different chains instead of waiting
for one head, and `mandate audit verify` still finds a record edited, deleted, inserted, reordered or moved in any
shard; signed checkpoints cover every shard's end, and a checkpoint signed before the shards still agrees."""
import base64
import datetime as dt
import json
import threading

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction
from django.db.models import Min
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandate.audit.checkpoints import Checkpoint, _shards_of, audit_check, checkpoint_sign
from mandate.audit.guard import guard_installed, guard_remove
from mandate.audit.models import SHARDS, AuditHead, AuditRecord
from mandate.audit.services import audit_record, record_hash

GENESIS = "0" * 64


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def preference_restored():
    """These tests steer the connection's shard; the tests after them find it as it was."""
    before = getattr(connection, "mandate_audit_shard", None)
    yield
    connection.mandate_audit_shard = before


def _write(shard: int, n: int) -> AuditRecord:
    """One record in `shard`, in a transaction of its own (a savepoint inside the test's)."""
    connection.mandate_audit_shard = shard
    with transaction.atomic():
        return audit_record(actor=None, action="test.write", object_type="test.thing", object_id=n, after={"n": n})


def _sql(statement: str, params=()) -> None:
    guard_remove(connection)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _rehash_shard(shard: int) -> None:
    """What an attacker without the signing key does after a change: recompute the shard's links, hashes and head."""
    previous, count, last = GENESIS, 0, None
    for entry in AuditRecord.objects.filter(shard=shard).order_by("id"):
        digest = record_hash(previous_hash=previous, at=entry.at, actor_id=entry.actor_id, action=entry.action,
                             object_type=entry.object_type, object_id=entry.object_id, before=entry.before, after=entry.after)
        _sql("UPDATE audit_auditrecord SET previous_hash = %s, hash = %s WHERE id = %s", [previous, digest, entry.pk])
        previous, count, last = digest, count + 1, entry.pk
    _sql("UPDATE audit_audithead SET last_hash = %s, last_id = %s, count = %s WHERE id = %s", [previous, last, count, shard])


@pytest.mark.django_db
def test_every_shard_has_a_head_after_migrating():
    assert sorted(AuditHead.objects.values_list("pk", flat=True)) == list(range(1, SHARDS + 1))


@pytest.mark.django_db
def test_each_shard_is_a_chain_of_its_own_and_verifies():
    for n, shard in enumerate([3, 5, 3, 16, 5, 5, 1]):
        _write(shard, n)
    for shard in (1, 3, 5, 16):
        records = list(AuditRecord.objects.filter(shard=shard).order_by("id"))
        assert records[0].previous_hash == GENESIS or shard == 1
        assert all(later.previous_hash == earlier.hash for earlier, later in zip(records, records[1:], strict=False))
        head = AuditHead.objects.get(pk=shard)
        assert (head.last_id, head.last_hash, head.count) == (records[-1].pk, records[-1].hash, len(records))
    assert audit_check().intact


@pytest.mark.django_db
def test_a_transaction_that_records_twice_keeps_its_shard():
    with transaction.atomic():
        first = audit_record(actor=None, action="test.one", object_type="test.thing", object_id=1)
        second = audit_record(actor=None, action="test.two", object_type="test.thing", object_id=1)
    assert second.shard == first.shard and second.previous_hash == first.hash


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has one writer at a time anyway")
@pytest.mark.django_db(transaction=True)
def test_a_second_writer_does_not_wait_for_the_first_ones_head():
    holding, done, results = threading.Event(), threading.Event(), {}

    def first():
        try:
            with transaction.atomic():
                results["first"] = audit_record(actor=None, action="test.first", object_type="test.thing", object_id=1)
                holding.set()
                done.wait(timeout=20)  # the head stays locked until the second writer has committed
        finally:
            connections.close_all()

    def second():
        try:
            holding.wait(timeout=20)
            connection.mandate_audit_shard = results["first"].shard  # it even prefers the held shard
            with transaction.atomic():
                results["second"] = audit_record(actor=None, action="test.second", object_type="test.thing", object_id=2)
        finally:
            done.set()
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results["second"].shard != results["first"].shard
    assert done.is_set() and audit_check().intact


TAMPERS = ["edit", "delete_middle", "delete_tail", "insert", "swap", "move", "delete_head"]


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(shards=st.lists(st.integers(min_value=1, max_value=4), min_size=4, max_size=14),
       tamper=st.sampled_from(TAMPERS), pick=st.integers(min_value=0, max_value=10_000), rehash=st.booleans())
def test_verify_finds_any_tampering_in_any_shard(shards, tamper, pick, rehash):
    """Records spread over shards in any interleaving; one tampering anywhere is found by verify — and, when the
    attacker recomputes the shard's hashes and head afterwards, by the checkpoint signed before it."""
    with transaction.atomic():
        records = [_write(shard, n) for n, shard in enumerate(shards)]
        assert audit_check().intact
        key = Ed25519PrivateKey.generate()
        signed = checkpoint_sign(key=key, now=records[-1].at)
        checkpoint = Checkpoint(shards=_shards_of(signed["checkpoint"]), signed_at="", file="signed.json")
        target = records[pick % len(records)]
        same_shard = [r for r in records if r.shard == target.shard]
        if tamper == "edit":
            _sql("UPDATE audit_auditrecord SET after = %s WHERE id = %s", ['{"n": -1}', target.pk])
        elif tamper == "delete_middle":
            _sql("DELETE FROM audit_auditrecord WHERE id = %s", [target.pk])
        elif tamper == "delete_tail":
            _sql("DELETE FROM audit_auditrecord WHERE id = %s", [same_shard[-1].pk])
        elif tamper == "insert":
            # after the last record a forgery is an append the head did not count; with the hashes recomputed it must
            # fall before a signed end to be told from a later honest write, so it goes in front of the shard
            first_id = AuditRecord.objects.aggregate(first=Min("id"))["first"]  # ids below it are free (SQLite reuses ids)
            forged_id = first_id - 1 if rehash else max(r.pk for r in records) + 1000
            _sql("INSERT INTO audit_auditrecord (id, at, actor_id, action, object_type, object_id, before, after, shard, "
                 "previous_hash, hash) SELECT %s, at, actor_id, 'test.forged', object_type, object_id, before, after, "
                 "shard, hash, %s FROM audit_auditrecord WHERE id = %s", [forged_id, "f" * 64, target.pk])
        elif tamper == "swap":  # two records of a shard trade places: their contents change ids
            if len(same_shard) < 2:
                return
            a, b = same_shard[0], same_shard[-1]
            _sql("UPDATE audit_auditrecord SET action = CASE id WHEN %s THEN %s ELSE %s END, "
                 "object_id = CASE id WHEN %s THEN %s ELSE %s END WHERE id IN (%s, %s)",
                 [a.pk, b.action, a.action, a.pk, b.object_id, a.object_id, a.pk, b.pk])
            if a.object_id == b.object_id and a.action == b.action:
                return
        elif tamper == "move":
            _sql("UPDATE audit_auditrecord SET shard = %s WHERE id = %s", [target.shard % 4 + 1, target.pk])
        elif tamper == "delete_head":
            _sql("DELETE FROM audit_audithead WHERE id = %s", [target.shard])
        if not rehash:
            assert not audit_check().intact, tamper
        else:
            for shard in set(shards) | {target.shard % 4 + 1}:
                if tamper != "delete_head" or shard != target.shard:  # a head put back as it was is no tampering
                    _rehash_shard(shard)
            assert not audit_check([checkpoint]).intact, tamper
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_a_checkpoint_signed_before_the_shards_still_agrees(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MANDATE_LANGUAGE", "en")  # the command's words, in the language the operator chose
    """A format-1 file (one chain: last id, count, hash) is the end of shard 1, which is the old chain unchanged."""
    records = [_write(1, n) for n in range(3)]
    shard_one = AuditRecord.objects.filter(shard=1)
    key = Ed25519PrivateKey.generate()
    old = {"format": 1, "last_id": records[-1].pk, "count": shard_one.count(), "hash": records[-1].hash,
           "signed_at": "2026-12-01T00:00:00+00:00"}
    body = json.dumps(old, sort_keys=True, separators=(",", ":")).encode()
    (tmp_path / "checkpoints").mkdir()
    (tmp_path / "checkpoints" / "checkpoint-old.json").write_text(json.dumps(
        {"checkpoint": old, "signature": base64.b64encode(key.sign(body)).decode()}))
    (tmp_path / "public.pem").write_bytes(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    _write(7, 99)  # new writes in other shards leave the old checkpoint true
    arguments = ["audit", "verify", "--checkpoints", str(tmp_path / "checkpoints"), "--public-key", str(tmp_path / "public.pem")]
    call_command(*arguments)
    assert "1 checkpoint(s) agree" in capsys.readouterr().out
    _sql("DELETE FROM audit_auditrecord WHERE id = %s", [records[-1].pk])
    _sql("UPDATE audit_audithead SET last_id = %s, last_hash = %s, count = count - 1 WHERE id = 1",
         [records[-2].pk, records[-2].hash])
    with pytest.raises(CommandError):
        call_command(*arguments)
    assert "is gone" in capsys.readouterr().err


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_an_existing_chain_verifiable():
    """A trail written as one chain before 0005 (no shard column, one head pk=1) becomes shard 1 as it stood."""
    from django.db.migrations.executor import MigrationExecutor

    guard_remove(connection)
    with connection.cursor() as cursor:  # the database as it stood before the shards: an empty trail to start
        cursor.execute("DELETE FROM audit_auditrecord")
        cursor.execute("DELETE FROM audit_audithead")
    executor = MigrationExecutor(connection)
    executor.migrate([("audit", "0004_read_log")])
    guard_remove(connection)
    with connection.cursor() as cursor:
        previous = GENESIS
        moment = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)
        for n in range(5):
            digest = record_hash(previous_hash=previous, at=moment, actor_id=None, action="old.write",
                                 object_type="test.thing", object_id=str(n), before=None, after={"n": n})
            cursor.execute("INSERT INTO audit_auditrecord (at, actor_id, action, object_type, object_id, before, after, "
                           "previous_hash, hash) VALUES (%s, NULL, 'old.write', 'test.thing', %s, NULL, %s, %s, %s)",
                           [moment, str(n), json.dumps({"n": n}), previous, digest])
            previous = digest
        cursor.execute("SELECT max(id) FROM audit_auditrecord")
        last_id = cursor.fetchone()[0]
        cursor.execute("INSERT INTO audit_audithead (id, last_hash, last_id, count) VALUES (1, %s, %s, 5)", [previous, last_id])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert set(AuditRecord.objects.values_list("shard", flat=True)) == {1}
    head = AuditHead.objects.get(pk=1)
    assert (head.last_id, head.last_hash, head.count) == (last_id, previous, 5)
    assert AuditHead.objects.count() == SHARDS
    assert guard_installed(connection)  # the append-only guard stands after the migration (SQLite rebuilds the table)
    report = audit_check()
    assert report.intact and report.count == 5
    with transaction.atomic():  # new writes go on in shards; the old chain still verifies beside them
        audit_record(actor=None, action="new.write", object_type="test.thing", object_id=9)
    assert audit_check().intact
