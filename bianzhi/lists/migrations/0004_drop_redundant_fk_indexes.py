"""Indexes no insert should pay for (docs/adr/0030-no-redundant-foreign-key-indexes.md).

- Dropped, a composite index leads with the column: lists_poweritem (unit_id) ⊂ (unit_id, name_key),
  lists_poweritem (region_id) ⊂ UNIQUE (region_id, code), lists_citation (law_id) ⊂ (law_id, article_key).
- Made partial (only rows that have a value): lists_poweritem (parent_id) and (internal_body_id); most items are
  主项 without a 承办机构, and a lookup `= x` (Django's, or the database's own foreign-key check) implies NOT NULL.

DROP INDEX directly (the names are Django's, the same on SQLite and PostgreSQL) instead of AlterField's database
operation, which on SQLite copies both tables whole to change an index."""
import django.db.models.deletion
from django.db import migrations, models

DROPPED = [  # (name, table, column) of Django's foreign-key indexes
    ("lists_citation_law_id_c1755538", "lists_citation", "law_id"),
    ("lists_poweritem_region_id_beea3448", "lists_poweritem", "region_id"),
    ("lists_poweritem_unit_id_b10b3422", "lists_poweritem", "unit_id"),
    ("lists_poweritem_parent_id_75ffa742", "lists_poweritem", "parent_id"),
    ("lists_poweritem_internal_body_id_d6b9e471", "lists_poweritem", "internal_body_id"),
]


class Migration(migrations.Migration):

    dependencies = [
        ('lists', '0003_trust_pending_body_and_law_number'),
        ('registry', '0003_unit_sort_order_index'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(f'DROP INDEX IF EXISTS "{name}"',
                                  reverse_sql=f'CREATE INDEX "{name}" ON "{table}" ("{column}")')
                for name, table, column in DROPPED
            ],
            state_operations=[
                migrations.AlterField(
                    model_name='citation',
                    name='law',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='citations', to='lists.law', verbose_name='法律法规'),
                ),
                migrations.AlterField(
                    model_name='poweritem',
                    name='internal_body',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='power_items', to='registry.internalbody', verbose_name='承办机构'),
                ),
                migrations.AlterField(
                    model_name='poweritem',
                    name='parent',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='sub_items', to='lists.poweritem', verbose_name='所属主项'),
                ),
                migrations.AlterField(
                    model_name='poweritem',
                    name='region',
                    field=models.ForeignKey(db_index=False, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.region', verbose_name='行政区划'),
                ),
                migrations.AlterField(
                    model_name='poweritem',
                    name='unit',
                    field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='power_items', to='registry.unit', verbose_name='实施部门'),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name='poweritem',
            index=models.Index(condition=models.Q(('parent__isnull', False)), fields=['parent'], name='lists_power_parent_set'),
        ),
        migrations.AddIndex(
            model_name='poweritem',
            index=models.Index(condition=models.Q(('internal_body__isnull', False)), fields=['internal_body'], name='lists_power_body_set'),
        ),
    ]
