"""The reorganization models taken over from `orgs` with their tables and rows (state only), then the tables renamed
to this app's names."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('documents', '0002_initial'),
        ('orgs', '0006_reorganizations_move_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Reorganization',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('merge', 'Merge'), ('split', 'Split'), ('rename', 'Rename'), ('dissolve', 'Dissolve'), ('move', 'Move'), ('establish', 'Establish')], max_length=16)),
                        ('effective_on', models.DateField()),
                        ('note', models.TextField(blank=True)),
                        ('applied_at', models.DateTimeField(blank=True, null=True)),
                        ('batch', models.CharField(blank=True, db_index=True, help_text='events prepared and applied together', max_length=64)),
                        ('created_at', models.DateTimeField(blank=True, null=True)),
                        ('reverted_at', models.DateTimeField(blank=True, null=True)),
                        ('new_name', models.CharField(blank=True, help_text="rename: the unit's name from the effective date on", max_length=255)),
                        ('new_short_name', models.CharField(blank=True, max_length=64)),
                        ('default_successor_code', models.CharField(blank=True, help_text='split: where whatever has no destination of its own goes', max_length=64)),
                        ('rule', models.CharField(blank=True, help_text="split: 'territory' sends a task where its units go", max_length=16)),
                        ('marks', models.JSONField(blank=True, default=dict, help_text='the last ids when applied, to tell what came later')),
                        ('author', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('basis', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.document')),
                        ('new_parent', models.ForeignKey(blank=True, help_text="move: the unit's parent from the effective date on", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.unit')),
                    ],
                    options={'db_table': 'orgs_reorganization'},
                ),
                migrations.CreateModel(
                    name='PlannedUnit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=64)),
                        ('name', models.CharField(max_length=255)),
                        ('short_name', models.CharField(blank=True, max_length=64)),
                        ('issuer_code', models.CharField(blank=True, max_length=32)),
                        ('kind', models.CharField(choices=[('nation', 'Nation'), ('province', 'Province'), ('commune', 'Commune'), ('central_committee', 'Central Committee'), ('party_committee', 'Party committee'), ('executive_committee', 'Executive Committee'), ('standing_committee', 'Standing Committee'), ('standing_board', 'Standing Board'), ('office', 'Office'), ('organization_committee', 'Organization Committee'), ('inspection_commission', 'Inspection Commission'), ('propaganda_committee', 'Propaganda and Mass Mobilization Committee'), ('internal_affairs_committee', 'Internal Affairs Committee'), ('peoples_council', "People's Council"), ('peoples_committee', "People's Committee"), ('department', 'Department'), ('fatherland_front', 'Fatherland Front'), ('mass_organization', 'Mass organization'), ('steering_committee', 'Steering committee'), ('other', 'Other')], max_length=32)),
                        ('tier', models.CharField(choices=[('central', 'Central'), ('province', 'Province'), ('commune', 'Commune')], max_length=16)),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.unit')),
                        ('unit', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.unit')),
                        ('reorganization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='planned_units', to='reorganizations.reorganization')),
                    ],
                    options={'db_table': 'orgs_plannedunit'},
                ),
                migrations.CreateModel(
                    name='ReorganizationDestination',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('item_type', models.CharField(choices=[('task', 'Open task led by the unit'), ('assigned', 'Open task assigned by the unit'), ('coordination', 'Open task the unit coordinates'), ('unit', 'Child unit'), ('position', 'Position')], max_length=16)),
                        ('item_id', models.PositiveBigIntegerField()),
                        ('destination_code', models.CharField(max_length=64)),
                        ('reorganization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='destinations', to='reorganizations.reorganization')),
                    ],
                    options={'db_table': 'orgs_reorganizationdestination'},
                ),
                migrations.CreateModel(
                    name='ReorganizationLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('planned', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='links', to='reorganizations.plannedunit')),
                        ('predecessor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='successor_links', to='orgs.unit')),
                        ('reorganization', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='reorganizations.reorganization')),
                        ('successor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='predecessor_links', to='orgs.unit')),
                    ],
                    options={'db_table': 'orgs_reorganizationlink'},
                ),
                migrations.CreateModel(
                    name='StructureChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.CharField(max_length=24)),
                        ('before', models.JSONField(blank=True, default=dict)),
                        ('placement', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='orgs.placement')),
                        ('reorganization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='structure_changes', to='reorganizations.reorganization')),
                        ('unit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='orgs.unit')),
                    ],
                    options={'db_table': 'orgs_structurechange'},
                ),
                migrations.AddConstraint(
                    model_name='reorganization',
                    constraint=models.CheckConstraint(condition=models.Q(('reverted_at__isnull', True), ('applied_at__isnull', False), _connector='OR'), name='reorganization_reverted_was_applied'),
                ),
                migrations.AddConstraint(
                    model_name='plannedunit',
                    constraint=models.UniqueConstraint(fields=('reorganization', 'code'), name='planned_unit_unique_code'),
                ),
                migrations.AddConstraint(
                    model_name='plannedunit',
                    constraint=models.CheckConstraint(condition=models.Q(('code', ''), _negated=True), name='planned_unit_code_not_empty'),
                ),
                migrations.AddConstraint(
                    model_name='reorganizationdestination',
                    constraint=models.UniqueConstraint(fields=('reorganization', 'item_type', 'item_id'), name='destination_unique_item'),
                ),
                migrations.AddConstraint(
                    model_name='reorganizationlink',
                    constraint=models.CheckConstraint(condition=models.Q(('predecessor__isnull', False), ('successor__isnull', False), ('planned__isnull', False), _connector='OR'), name='reorganization_link_has_end'),
                ),
                migrations.AddConstraint(
                    model_name='reorganizationlink',
                    constraint=models.UniqueConstraint(fields=('reorganization', 'predecessor', 'successor'), name='reorganization_link_unique'),
                ),
            ],
        ),
        # The tables take this app's names; foreign keys that point at them follow (PostgreSQL by oid, SQLite rewrites them).
        migrations.AlterModelTable(name='reorganization', table=None),
        migrations.AlterModelTable(name='plannedunit', table=None),
        migrations.AlterModelTable(name='reorganizationdestination', table=None),
        migrations.AlterModelTable(name='reorganizationlink', table=None),
        migrations.AlterModelTable(name='structurechange', table=None),
    ]
