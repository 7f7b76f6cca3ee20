"""Drop three foreign-key indexes that a composite index already leads with (docs/adr/0030-no-redundant-foreign-key-
indexes.md): lists_poweritem (unit_id) ⊂ (unit_id, name_key), lists_poweritem (region_id) ⊂ UNIQUE (region_id, code),
lists_citation (law_id) ⊂ (law_id, article_key). Every insert maintained them for nothing.

DROP INDEX directly (the names are Django's, the same on SQLite and PostgreSQL) instead of AlterField's database
operation, which on SQLite copies both tables whole to change an index."""
import django.db.models.deletion
from django.db import migrations, models

INDEXES = [  # (name, table, column)
    ("lists_citation_law_id_c1755538", "lists_citation", "law_id"),
    ("lists_poweritem_region_id_beea3448", "lists_poweritem", "region_id"),
    ("lists_poweritem_unit_id_b10b3422", "lists_poweritem", "unit_id"),
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
                for name, table, column in INDEXES
            ],
            state_operations=[
                migrations.AlterField(
                    model_name='citation',
                    name='law',
                    field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='citations', to='lists.law', verbose_name='法律法规'),
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
    ]
