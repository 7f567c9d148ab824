from django.db import migrations, models

from mandate.search.index import migration_install, migration_uninstall


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("documents", "0004_search_attachment_text"),
        ("tasks", "0005_backdate_reason_and_imported"),
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Entry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("document", "Document"), ("attachment", "Attachment"), ("task", "Task"),
                                                   ("progress", "Progress"), ("meeting", "Meeting"), ("draft", "Draft")],
                                          max_length=16)),
                ("object_id", models.BigIntegerField()),
                ("owner_id", models.BigIntegerField()),
                ("title", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_unique")],
                "indexes": [models.Index(fields=["kind", "owner_id"], name="search_entry_owner")],
            },
        ),
        # The index beside the table and the triggers on the source tables (`search.index`), and the rows already
        # written indexed.
        migrations.RunPython(migration_install, migration_uninstall),
    ]
