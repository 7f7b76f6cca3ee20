"""SQLite only: an FTS5 table over text split into overlapping 2-character grams (unicode61 tokenizer),
rowid = SearchEntry.id; `portal.search` keeps it in step and queries it with a phrase. (The trigram
tokenizer silently finds nothing for 1–2 CJK characters on SQLite 3.40, hence bigrams.)"""
from django.db import migrations

FTS_TABLE = "portal_search_fts"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(grams, tokenize='unicode61')")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_postgres_trigram")]
    operations = [migrations.RunPython(forwards, backwards)]
