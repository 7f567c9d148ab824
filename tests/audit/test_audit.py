"""Every write leaves a chained record; altering one is found and named."""
from itertools import pairwise

import pytest
from django.utils import translation
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from mandate.audit.guard import guard_remove
from mandate.audit.models import AuditRecord
from tests.factories import a_task

pytestmark = pytest.mark.django_db


def test_records_are_chained():
    a_task()
    records = list(AuditRecord.objects.order_by("id"))
    assert [r.action for r in records[-2:]] == ["document.register", "task.create"]
    assert len({r.shard for r in records}) == 1  # one connection, no other writer: one shard
    assert all(later.previous_hash == earlier.hash for earlier, later in pairwise(records))


def test_verify_passes_on_an_intact_trail(capsys):
    a_task()
    with translation.override("vi"):  # a command speaks the active language: LANGUAGE_CODE in a fresh process
        call_command("audit", "verify")
    assert "nhật ký kiểm tra nguyên vẹn" in capsys.readouterr().out


def test_verify_names_a_record_edited_in_the_database(capsys):
    task = a_task()
    record = AuditRecord.objects.get(action="task.create", object_id=str(task.pk))
    # An attacker with the database's rights drops the append-only triggers first; the chain still tells.
    guard_remove(connection)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditrecord SET after = %s WHERE id = %s", ['{"deadline": "2030-01-01"}', record.pk])
    with pytest.raises(CommandError), translation.override("vi"):
        call_command("audit", "verify")
    assert f"bản ghi nhật ký {record.pk}: nội dung không khớp với mã băm" in capsys.readouterr().err


def test_token_command_prints_a_working_token(make_user, client, capsys):
    user = make_user("viewer", "VN", username="reader")
    call_command("token", "reader")
    token = capsys.readouterr().out.strip()
    assert client.get("/api/v1/units", {"limit": 1}, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert client.get("/api/v1/units", {"limit": 1}, HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    assert user.api_tokens.get().digest != token


def test_openapi_schema_is_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/tasks", "/api/v1/units", "/api/v1/documents/parse-number"} <= set(schema["paths"])
