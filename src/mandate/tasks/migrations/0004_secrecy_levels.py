"""A task's level of secrecy, from the earlier confidential flag (a flagged task becomes level 1, Mật)."""
from django.db import migrations, models

LEVELS = [(0, "Not secret"), (1, "Confidential (Mật)"), (2, "Secret (Tối mật)"), (3, "Top secret (Tuyệt mật)")]


def level_from_flag(apps, schema_editor):
    # The earlier flag had one level, which is the first of the law's: what a flagged row was, Mật is.
    apps.get_model("tasks", "Task").objects.filter(confidential=True).update(secrecy=1)


def flag_from_level(apps, schema_editor):
    apps.get_model("tasks", "Task").objects.filter(secrecy__gte=1).update(confidential=True)


class Migration(migrations.Migration):

    dependencies = [
        ("tasks", "0003_handovers_from_orgs"),
        ("documents", "0003_secrecy_levels"),
    ]

    operations = [
        migrations.AddField(model_name="task", name="secrecy",
                            field=models.PositiveSmallIntegerField(choices=LEVELS, default=0)),
        migrations.RunPython(level_from_flag, flag_from_level),
        migrations.RemoveField(model_name="task", name="confidential"),
        migrations.AddConstraint(model_name="task",
                                 constraint=models.CheckConstraint(condition=models.Q(secrecy__lte=3), name="task_secrecy_level")),
    ]
