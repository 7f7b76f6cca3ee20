"""On PostgreSQL the audit log is append-only in the database itself: UPDATE and DELETE raise.
(SQLite, the embedded demo database, relies on the model's refusal; Django's test flush there uses DELETE.)"""
from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION bianzhi_auditlog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '审计日志只可追加，不可修改或删除';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS core_auditlogentry_append_only ON core_auditlogentry;
CREATE TRIGGER core_auditlogentry_append_only BEFORE UPDATE OR DELETE ON core_auditlogentry
    FOR EACH ROW EXECUTE FUNCTION bianzhi_auditlog_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS core_auditlogentry_append_only ON core_auditlogentry;
DROP FUNCTION IF EXISTS bianzhi_auditlog_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
