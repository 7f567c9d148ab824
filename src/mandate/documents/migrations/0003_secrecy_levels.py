"""A document's level of secrecy, from the earlier confidential flag (a flagged document becomes level 1, Mật)."""
from django.db import migrations, models

LEVELS = [(0, "Not secret"), (1, "Confidential (Mật)"), (2, "Secret (Tối mật)"), (3, "Top secret (Tuyệt mật)")]


def level_from_flag(apps, schema_editor):
    # The earlier flag had one level, which is the first of the law's: what a flagged row was, Mật is.
    apps.get_model("documents", "Document").objects.filter(confidential=True).update(secrecy=1)


def flag_from_level(apps, schema_editor):
    apps.get_model("documents", "Document").objects.filter(secrecy__gte=1).update(confidential=True)


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0002_initial"),
    ]

    operations = [
        migrations.AddField(model_name="document", name="secrecy",
                            field=models.PositiveSmallIntegerField(choices=LEVELS, default=0)),
        migrations.RunPython(level_from_flag, flag_from_level),
        migrations.RemoveField(model_name="document", name="confidential"),
        migrations.AddConstraint(model_name="document",
                                 constraint=models.CheckConstraint(condition=models.Q(secrecy__lte=3), name="document_secrecy_level")),
    ]
