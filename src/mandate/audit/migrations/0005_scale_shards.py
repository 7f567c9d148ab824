"""The audit trail in shards: each record names its chain; the existing chain becomes shard 1 unchanged (its records,
their hashes and its head pk=1 stay as they were, so it verifies as before and old signed checkpoints still agree
with it), and the heads of shards 2..16 start empty."""
from django.db import migrations, models

SHARDS = 16


def heads_create(apps, schema_editor):
    AuditHead = apps.get_model("audit", "AuditHead")
    AuditHead.objects.bulk_create([AuditHead(pk=shard) for shard in range(1, SHARDS + 1)], ignore_conflicts=True)


def heads_merge_back(apps, schema_editor):
    """Back to one chain: possible only while every record is still in shard 1."""
    AuditRecord = apps.get_model("audit", "AuditRecord")
    AuditHead = apps.get_model("audit", "AuditHead")
    if AuditRecord.objects.exclude(shard=1).exists():
        raise RuntimeError("records were written in shards other than 1; one chain cannot hold them without rehashing")
    AuditHead.objects.exclude(pk=1).delete()


def guard_reinstall(apps, schema_editor):
    """SQLite rebuilds the table to add a column, and the rebuild drops its append-only triggers: put them back."""
    from mandate.audit.guard import guard_install, guard_remove

    guard_remove(schema_editor.connection)
    guard_install(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [("audit", "0004_read_log")]

    operations = [
        migrations.AddField(
            model_name="auditrecord",
            name="shard",
            field=models.PositiveSmallIntegerField(default=1, help_text="the chain (and head) this record belongs to"),
        ),
        migrations.RunPython(guard_reinstall, guard_reinstall),
        migrations.RunPython(heads_create, heads_merge_back),
    ]
