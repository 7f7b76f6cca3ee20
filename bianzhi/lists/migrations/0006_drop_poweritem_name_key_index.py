"""The single-column index on lists_poweritem.name_key, which no query used (docs/adr/0034-no-index-on-power-item-name-key.md):
every lookup by name_key is within one unit and is served by the (unit_id, name_key) index; the text search matches
search_text. PostgreSQL also had Django's `…_like` (varchar_pattern_ops) twin for prefix LIKE, equally unused.

DROP INDEX directly (Django's names, the same on both databases; IF EXISTS: SQLite never had the `_like` one) instead of
AlterField's database operation, which on SQLite copies the table whole to drop an index."""
from django.db import migrations, models

INDEX = "lists_poweritem_name_key_2a65418a"


def recreate_like(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'CREATE INDEX "{INDEX}_like" ON "lists_poweritem" ("name_key" varchar_pattern_ops)')


class Migration(migrations.Migration):

    dependencies = [("lists", "0005_poweritem_search_text")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(f'DROP INDEX IF EXISTS "{INDEX}_like"', reverse_sql=migrations.RunSQL.noop),
                migrations.RunPython(migrations.RunPython.noop, recreate_like),
                migrations.RunSQL(f'DROP INDEX IF EXISTS "{INDEX}"',
                                  reverse_sql=f'CREATE INDEX "{INDEX}" ON "lists_poweritem" ("name_key")'),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="poweritem",
                    name="name_key",
                    field=models.CharField(editable=False, max_length=500, verbose_name="检索名"),
                ),
            ],
        ),
    ]
