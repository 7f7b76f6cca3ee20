"""PostgreSQL only: the pg_trgm extension and a GIN trigram index on the NFKC-normalised `norm` column,
used by `norm LIKE '%q%'` (Django `contains`). Does nothing on other backends."""
from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS portal_searchentry_norm_trgm "
                          "ON portal_searchentry USING gin (norm gin_trgm_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS portal_searchentry_norm_trgm")


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
