"""Triggers that refuse UPDATE and DELETE on audit records (PostgreSQL and SQLite)."""
from django.db import migrations


def install(apps, schema_editor):
    from mandate.audit.guard import guard_install

    guard_install(schema_editor.connection)


def remove(apps, schema_editor):
    from mandate.audit.guard import guard_remove

    guard_remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
