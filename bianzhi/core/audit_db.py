"""Append-only in the database itself, on both engines: row triggers refuse every DELETE and every UPDATE except
the sealer's one-time write of the chain columns (seq, prev_hash, entry_hash) of a not yet sealed entry.

Installed after every migrate (post_migrate), idempotently: SQLite drops a table's triggers whenever a migration
rebuilds the table, so a one-off migration would not keep them.
"""
from django.db import connections
from django.db.models.signals import post_migrate
from django.dispatch import receiver

TABLE = "core_auditlogentry"
CONTENT_COLUMNS = ["id", "timestamp", "user_id", "username", "ip", "request_id", "action", "app_label", "model",
                   "model_verbose", "object_id", "object_repr", "unit_id", "before", "after"]

SQLITE_TRIGGERS = {
    "core_auditlogentry_no_update": f"""
CREATE TRIGGER IF NOT EXISTS core_auditlogentry_no_update BEFORE UPDATE ON {TABLE}
WHEN OLD.seq IS NOT NULL OR OLD.entry_hash <> '' OR {" OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in CONTENT_COLUMNS)}
BEGIN SELECT RAISE(ABORT, '审计日志只可追加，不可修改'); END""",
    "core_auditlogentry_no_delete": f"""
CREATE TRIGGER IF NOT EXISTS core_auditlogentry_no_delete BEFORE DELETE ON {TABLE}
BEGIN SELECT RAISE(ABORT, '审计日志只可追加，不可删除'); END""",
}

POSTGRES = f"""
CREATE OR REPLACE FUNCTION bianzhi_auditlog_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND OLD.entry_hash = ''
       AND (to_jsonb(NEW) - 'seq' - 'prev_hash' - 'entry_hash') = (to_jsonb(OLD) - 'seq' - 'prev_hash' - 'entry_hash')
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '审计日志只可追加，不可修改或删除';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS core_auditlogentry_append_only ON {TABLE};
CREATE TRIGGER core_auditlogentry_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION bianzhi_auditlog_append_only();
"""


def install(connection) -> None:
    tables = connection.introspection.table_names()
    if TABLE not in tables:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for sql in SQLITE_TRIGGERS.values():
                cursor.execute(sql)
        elif connection.vendor == "postgresql":
            cursor.execute(POSTGRES)


def drop_sqlite(connection) -> None:
    """Only for the test suite's flush between live-server tests (it empties every table with DELETE)."""
    with connection.cursor() as cursor:
        for name in SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


@receiver(post_migrate)
def _install(sender, using="default", **kwargs):
    if sender.label != "core":
        return
    install(connections[using])
