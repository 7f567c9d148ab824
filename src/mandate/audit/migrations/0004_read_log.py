"""The read log: who opened which secret item, when and how."""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("audit", "0003_chain_head"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReadRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField()),
                ("object_type", models.CharField(max_length=64)),
                ("object_id", models.CharField(max_length=64)),
                ("secrecy", models.PositiveSmallIntegerField()),
                ("via", models.CharField(help_text="page, api, download or export", max_length=32)),
                ("reader", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                             related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "indexes": [models.Index(fields=["object_type", "object_id", "at"], name="read_object_idx"),
                            models.Index(fields=["reader", "at"], name="read_reader_idx")],
            },
        ),
    ]
