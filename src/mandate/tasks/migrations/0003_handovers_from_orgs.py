"""A task's handovers, taken over from `orgs` with their tables and rows (state only); then the tables renamed to this
app's, and the index that finds an event's rows led by their date, so that "any handover after a date" is one
probe without reading the reorganizations."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('orgs', '0006_reorganizations_move_out'),
        ('tasks', '0002_drop_redundant_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CoordinationHandover',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reorganization_id', models.BigIntegerField()),
                        ('valid_from', models.DateField(blank=True, null=True)),
                        ('valid_to', models.DateField()),
                        ('removed', models.BooleanField(default=False, help_text='dropped: the successor already led or coordinated the task')),
                        ('from_unit', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.unit')),
                        ('task', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='coordination_handovers', to='tasks.task')),
                        ('to_unit', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.unit')),
                    ],
                    options={
                        'db_table': 'orgs_coordinationhandover',
                        'indexes': [models.Index(fields=['task', 'valid_to'], name='coord_handover_task_idx'), models.Index(fields=['reorganization_id'], name='coord_handover_event_idx')],
                    },
                ),
                migrations.CreateModel(
                    name='TaskHandover',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reorganization_id', models.BigIntegerField()),
                        ('valid_to', models.DateField()),
                        ('lead_since', models.DateField(blank=True, null=True)),
                        ('assigning_since', models.DateField(blank=True, null=True)),
                        ('assigning_from', models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.unit')),
                        ('assigning_to', models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.unit')),
                        ('lead_from', models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.unit')),
                        ('lead_to', models.ForeignKey(blank=True, db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.unit')),
                        ('task', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='handovers', to='tasks.task')),
                    ],
                    options={
                        'db_table': 'orgs_taskhandover',
                        'indexes': [models.Index(fields=['task', 'valid_to'], name='handover_task_idx'), models.Index(fields=['reorganization_id'], name='handover_event_idx'), models.Index(fields=['lead_from', 'valid_to'], name='handover_lead_idx'), models.Index(fields=['assigning_from', 'valid_to'], name='handover_assigning_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('lead_from__isnull', False), ('assigning_from__isnull', False), _connector='OR'), name='handover_hands_something')],
                    },
                ),
            ],
        ),
        migrations.AlterModelTable(name='coordinationhandover', table=None),
        migrations.AlterModelTable(name='taskhandover', table=None),
        migrations.RemoveIndex(model_name='taskhandover', name='handover_event_idx'),
        migrations.AddIndex(
            model_name='taskhandover',
            index=models.Index(fields=['valid_to', 'reorganization_id'], name='handover_date_event_idx'),
        ),
    ]
