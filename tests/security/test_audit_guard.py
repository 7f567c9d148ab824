"""The audit trail is append-only in the database itself: UPDATE and DELETE are refused on both databases."""
import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from mandate.audit.guard import guard_installed, guard_lifted
from mandate.audit.models import AuditRecord
from tests.factories import a_task

pytestmark = pytest.mark.django_db


def test_the_guard_is_installed_by_the_migrations():
    assert guard_installed(connection)


@pytest.mark.parametrize("statement", [
    "UPDATE audit_auditrecord SET action = 'task.forged' WHERE id = %s",
    "DELETE FROM audit_auditrecord WHERE id = %s",
])
def test_a_record_cannot_be_changed_or_deleted(statement):
    task = a_task()
    record = AuditRecord.objects.get(action="task.create", object_id=str(task.pk))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [record.pk])
    record.refresh_from_db()
    assert record.action == "task.create"


def test_the_orm_cannot_change_a_record_either():
    task = a_task()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditRecord.objects.filter(object_id=str(task.pk)).update(after=None)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditRecord.objects.filter(object_id=str(task.pk)).delete()


def test_the_guard_comes_back_after_it_is_lifted():
    with guard_lifted(connection):
        assert not guard_installed(connection)
    assert guard_installed(connection)
    call_command("audit", "verify")
