"""PostgreSQL only: the audit log is vacuumed after every 1,000 changed rows, not after 20 % of the table.

Sealing an entry (core.audit_chain) updates its `seq` from NULL, which leaves the entry's NULL version behind in the
`seq` index until VACUUM; the sealer's “pending entries” read (`seq IS NULL ORDER BY id`) walks every such dead
version. After one 30-second run of 50 clerks that was 1,100–2,200 index entries, 0.4–10 ms a seal (bench/README.md,
session 12, helper p16); with autovacuum's default scale factor (20 %) a log of millions of entries would gather
hundreds of thousands before the next vacuum. A fixed threshold keeps the walk short whatever the log's size.
SQLite has no such setting and needs none (no dead versions in its indexes)."""
from django.db import migrations

SETTINGS = "autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000"


def vacuum_often(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name(apps.get_model("core", "AuditLogEntry")._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} SET ({SETTINGS})")


def vacuum_as_default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = schema_editor.quote_name(apps.get_model("core", "AuditLogEntry")._meta.db_table)
        schema_editor.execute(f"ALTER TABLE {table} RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold)")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_audit_hash_chain_and_events")]
    operations = [migrations.RunPython(vacuum_often, vacuum_as_default, elidable=False)]
