"""A user's clearance as a level of the Law on Protection of State Secrets, from the earlier yes/no flag
(cleared users keep what they could read: level 1, Mật). Schema and data in one step, as the flag is dropped."""
from django.db import migrations, models

LEVELS = [(0, "Not secret"), (1, "Confidential (Mật)"), (2, "Secret (Tối mật)"), (3, "Top secret (Tuyệt mật)")]


def clearance_from_flag(apps, schema_editor):
    # The earlier flag had one level, which is the first of the law's: what a flagged row was, Mật is.
    apps.get_model("accounts", "User").objects.filter(cleared_for_confidential=True).update(clearance=1)


def flag_from_clearance(apps, schema_editor):
    apps.get_model("accounts", "User").objects.filter(clearance__gte=1).update(cleared_for_confidential=True)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0005_totp_last_step_and_unlock"),
    ]

    operations = [
        migrations.AddField(model_name="user", name="clearance",
                            field=models.PositiveSmallIntegerField(choices=LEVELS, default=0)),
        migrations.RunPython(clearance_from_flag, flag_from_clearance),
        migrations.RemoveField(model_name="user", name="cleared_for_confidential"),
        migrations.AddConstraint(model_name="user",
                                 constraint=models.CheckConstraint(condition=models.Q(clearance__lte=3), name="user_clearance_level")),
    ]
