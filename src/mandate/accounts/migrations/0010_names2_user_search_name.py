from django.db import migrations, models

from mandate.core.text import searchable


def fill(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.only("pk", "full_name", "username").iterator():
        User.objects.filter(pk=user.pk).update(search_name=searchable(user.full_name or user.username))


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0009_admin_signed_in_sessions"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="search_name",
            field=models.CharField(blank=True, editable=False, max_length=300),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
