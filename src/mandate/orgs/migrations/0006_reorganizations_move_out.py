"""Reorganizations move to their own app and a task's handovers to tasks (issue: rooms before new wings).

State only, apart from one key: the tables and their rows stay where they are (the receiving apps' first
migrations take the models over, then rename the tables). A unit's former name keeps the id of the event that
renamed it, as a plain column: the structure no longer depends on the app that changes it."""
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("orgs", "0005_handover_per_task"),
        ("tasks", "0002_drop_redundant_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                # The foreign key's constraint goes; the column and its index stay.
                migrations.AlterField(
                    model_name="unitname",
                    name="reorganization",
                    field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.PROTECT,
                                            related_name="+", to="orgs.reorganization"),
                ),
            ],
            state_operations=[
                migrations.RemoveField(model_name="unitname", name="reorganization"),
                migrations.AddField(model_name="unitname", name="reorganization_id",
                                    field=models.BigIntegerField(db_index=True), preserve_default=False),
                migrations.DeleteModel(name="TaskHandover"),
                migrations.DeleteModel(name="CoordinationHandover"),
                migrations.DeleteModel(name="StructureChange"),
                migrations.DeleteModel(name="ReorganizationDestination"),
                migrations.DeleteModel(name="ReorganizationLink"),
                migrations.DeleteModel(name="PlannedUnit"),
                migrations.DeleteModel(name="Reorganization"),
            ],
        ),
    ]
