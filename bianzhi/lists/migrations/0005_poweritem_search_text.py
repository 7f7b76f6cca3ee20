"""PowerItem.search_text: what the staff list's text search matches (the item's search key and, for a 子项, its
主项's, apart: `power_search_text`), filled for the existing rows; an index on `code` (the 编码 arm of the same
search). PostgreSQL only: pg_trgm GIN indexes on `search_text` (keys of 3+ characters) and on
`lists_search_grams(search_text)` (1–2 characters: `models.search_text_contains`). ADR 0029.

On 1,000,000 items (bench/staff_pages.py) this took ≈ 4.5 minutes on a loaded 2-core machine."""
from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Concat

SEPARATOR = "\n"  # models.SEARCH_TEXT_SEPARATOR when this migration was written (the stored format)

# Every pair of adjacent characters of the text as a word (pairs at even offsets, then at odd ones) and so each
# character starting a word: ' ab ' is in it exactly when the text contains 'ab', a word starting with 'a'
# exactly when it contains 'a'. Two regexp_replace calls: ≈ 5 µs for a 20-character text.
GRAMS_FUNCTION = r"""
CREATE OR REPLACE FUNCTION lists_search_grams(t text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
$$ SELECT ' ' || regexp_replace(t, '(..)', '\1 ', 'g') || ' ' || regexp_replace(substr(t, 2), '(..)', '\1 ', 'g')
          || ' ' $$
"""


def backfill(apps, schema_editor):
    PowerItem = apps.get_model("lists", "PowerItem")
    items = PowerItem._base_manager
    items.filter(parent__isnull=True).update(search_text=F("name_key"))
    parent_key = Subquery(items.filter(pk=OuterRef("parent_id")).values("name_key")[:1])
    items.filter(parent__isnull=False).update(
        search_text=Concat(F("name_key"), Value(SEPARATOR), parent_key, output_field=models.CharField()))
    if schema_editor.connection.vendor == "postgresql" and items.exists():
        # statistics of the new column and index expression, now. Not on an empty table: statistics saying “empty”
        # made the foreign-key checks of a first large import scan the table for every row (bench/lists_import.py:
        # 100,000 rows, 105 s of server CPU instead of 5)
        schema_editor.execute("ANALYZE lists_poweritem")


def trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(GRAMS_FUNCTION)
    schema_editor.execute("CREATE INDEX IF NOT EXISTS lists_poweritem_search_text_trgm "
                          "ON lists_poweritem USING gin (search_text gin_trgm_ops)")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS lists_poweritem_search_grams_trgm "
                          "ON lists_poweritem USING gin (lists_search_grams(search_text) gin_trgm_ops)")


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS lists_poweritem_search_grams_trgm")
        schema_editor.execute("DROP INDEX IF EXISTS lists_poweritem_search_text_trgm")
        schema_editor.execute("DROP FUNCTION IF EXISTS lists_search_grams(text)")


class Migration(migrations.Migration):
    dependencies = [("lists", "0004_drop_redundant_fk_indexes")]

    operations = [
        migrations.AddField(
            model_name="poweritem",
            name="search_text",
            field=models.CharField(default="", editable=False, max_length=1001, verbose_name="检索文本"),
            preserve_default=False,
        ),
        # the indexes before the rows are filled: an index built over rows this transaction has just updated sees
        # broken HOT chains and stays unusable (pg_index.indcheckxmin) while any older transaction of the server
        # is running (measured: a long COPY in another database kept the new indexes out of every plan)
        migrations.AddIndex(
            model_name="poweritem",
            index=models.Index(fields=["code"], name="lists_power_code_9b01b8_idx"),
        ),
        migrations.RunPython(trigram_indexes, drop_trigram_indexes),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
