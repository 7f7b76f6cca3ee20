"""Backup, restore and file verification.

One archive (`.tar.gz`) holds:
- `database.sqlite3` (SQLite's online backup API: a consistent copy while the platform runs) or `database.pgdump`
  (`pg_dump -Fc`, taken in the same snapshot as the row counts below);
- `files/<name>` for every file in the file store (Django's storage API: a directory, a shared mount or S3);
- `manifest.json`: format, time, database vendor, applied migrations, for every table its row count and a content
  hash (SHA-256 over the sorted SHA-256 of its rows, so it does not depend on row order), and for every file its
  size and SHA-256.

`restore` refuses a database or file store that is not empty, loads the archive, then recomputes every count, table
hash and file hash and compares them with the manifest.
"""
import datetime
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models

from .health import PROBE_DIR

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
FILES_PREFIX = "files/"


class BackupError(Exception):
    pass


# ------------------------------------------------------------------------------------------------ tables
def _canonical(value):
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return {"b": value.hex()}
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return value


def table_stats(cursor, tables, quote) -> dict:
    """{table: {"rows": n, "sha256": hex}} over a DB-API cursor; the hash ignores row order."""
    stats = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT * FROM {quote(table)}")
        digests = []
        while True:
            batch = cursor.fetchmany(2000)
            if not batch:
                break
            for row in batch:
                text = json.dumps([_canonical(v) for v in row], ensure_ascii=False, sort_keys=True, default=str)
                digests.append(hashlib.sha256(text.encode()).digest())
        digests.sort()
        stats[table] = {"rows": len(digests), "sha256": hashlib.sha256(b"".join(digests)).hexdigest()}
    return stats


def _sqlite_quote(name):
    return '"' + name.replace('"', '""') + '"'


def sqlite_tables(conn) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def sqlite_stats(path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return table_stats(conn.cursor(), sqlite_tables(conn), _sqlite_quote)
    finally:
        conn.close()


def _pg_conninfo(db: dict) -> dict:
    return {k: v for k, v in {"dbname": db["NAME"], "user": db.get("USER"), "password": db.get("PASSWORD"),
                              "host": db.get("HOST"), "port": db.get("PORT")}.items() if v}


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    return env


def _pg_tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    return [r[0] for r in cursor.fetchall()]


def pg_stats(db: dict) -> dict:
    import psycopg

    with psycopg.connect(**_pg_conninfo(db)) as conn, conn.cursor() as cur:
        return table_stats(cur, _pg_tables(cur), lambda n: '"' + n.replace('"', '""') + '"')


def live_stats() -> dict:
    if connection.vendor == "sqlite":
        return _live_sqlite_stats()
    return pg_stats(connection.settings_dict)


def _live_sqlite_stats() -> dict:
    """Computed on a plain copy: Django's own connection converts column types, a plain one does not."""
    with tempfile.TemporaryDirectory(prefix="bianzhi-stats-") as tmp:
        copy = Path(tmp) / "db.sqlite3"
        _sqlite_backup_to(copy)
        return sqlite_stats(copy)


def _sqlite_backup_to(path: Path) -> None:
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)  # SQLite's online backup API
    finally:
        target.close()


# ------------------------------------------------------------------------------------------------ files
def stored_files(storage=default_storage, top: str = "") -> list[str]:
    """Every file in the store (walked through the storage API), except health-check probes."""
    names = []
    try:
        dirs, files = storage.listdir(top)
    except FileNotFoundError:
        return names
    for name in files:
        names.append(f"{top}/{name}" if top else name)
    for d in dirs:
        sub = f"{top}/{d}" if top else d
        if sub != PROBE_DIR and not sub.startswith(PROBE_DIR + "/"):
            names.extend(stored_files(storage, sub))
    return sorted(names)


def sha256_of(storage, name: str) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with storage.open(name, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


# ------------------------------------------------------------------------------------------------ backup
def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _applied_migrations() -> dict:
    from django.db.migrations.recorder import MigrationRecorder

    latest = {}
    for app, name in MigrationRecorder(connection).migration_qs.values_list("app", "name").order_by("id"):
        latest[app] = name
    return latest


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def backup(archive: Path, log=print) -> dict:
    archive = Path(archive)
    archive.parent.mkdir(parents=True, exist_ok=True)
    manifest = {"format": FORMAT, "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
                "database": {"vendor": connection.vendor}, "migrations": _applied_migrations(), "files": {}}
    with tempfile.TemporaryDirectory(prefix="bianzhi-backup-") as tmp:
        tmp = Path(tmp)
        if connection.vendor == "sqlite":
            db_file = tmp / SQLITE_MEMBER
            _sqlite_backup_to(db_file)
            manifest["tables"] = sqlite_stats(db_file)
            member = SQLITE_MEMBER
        elif connection.vendor == "postgresql":
            db_file = tmp / PG_MEMBER
            manifest["tables"] = _pg_dump(connection.settings_dict, db_file)
            member = PG_MEMBER
        else:
            raise BackupError(f"不支持备份 {connection.vendor} 数据库")
        manifest["database"].update({"file": member, "sha256": _file_sha256(db_file)})
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(db_file, arcname=member)
            for name in stored_files():
                with default_storage.open(name, "rb") as fh:
                    data = fh.read()
                manifest["files"][name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                _add_bytes(tar, FILES_PREFIX + name, data)
            _add_bytes(tar, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        partial.replace(archive)
    log(f"备份完成：{archive}（{len(manifest['tables'])} 张表，"
        f"{sum(t['rows'] for t in manifest['tables'].values())} 行，{len(manifest['files'])} 个文件）")
    return manifest


def _pg_dump(db: dict, out: Path) -> dict:
    """pg_dump in the snapshot the table statistics are computed in (pg_export_snapshot), so both agree."""
    import psycopg

    with psycopg.connect(**_pg_conninfo(db)) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        with conn.transaction(), conn.cursor() as cur:
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            run = subprocess.run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                                  "-f", str(out), db["NAME"]], env=_pg_env(db), capture_output=True, text=True)
            if run.returncode:
                raise BackupError(f"pg_dump 失败：{run.stderr.strip()}")
            return table_stats(cur, _pg_tables(cur), lambda n: '"' + n.replace('"', '""') + '"')


# ------------------------------------------------------------------------------------------------ restore
@dataclass
class Comparison:
    tables_checked: int = 0
    files_checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def compare(manifest: dict, tables: dict, storage=default_storage) -> Comparison:
    result = Comparison()
    for name, expected in manifest["tables"].items():
        got = tables.get(name)
        result.tables_checked += 1
        if got is None:
            result.problems.append(f"表 {name} 缺失")
        elif got["rows"] != expected["rows"]:
            result.problems.append(f"表 {name}：备份 {expected['rows']} 行，恢复后 {got['rows']} 行")
        elif got["sha256"] != expected["sha256"]:
            result.problems.append(f"表 {name}：内容哈希不一致")
    for name in set(tables) - set(manifest["tables"]):
        result.problems.append(f"恢复后多出表 {name}")
    for name, expected in manifest["files"].items():
        result.files_checked += 1
        if not storage.exists(name):
            result.problems.append(f"文件 {name} 缺失")
            continue
        digest, size = sha256_of(storage, name)
        if digest != expected["sha256"] or size != expected["size"]:
            result.problems.append(f"文件 {name}：SHA-256 与备份清单不一致")
    return result


def database_is_empty() -> bool:
    return not connection.introspection.table_names()


def restore(archive: Path, log=print) -> Comparison:
    archive = Path(archive)
    if not archive.exists():
        raise BackupError(f"备份文件不存在：{archive}")
    if not database_is_empty():
        raise BackupError("目标数据库不是空的：请恢复到一个新建的空数据库（防止覆盖现有数据）。")
    existing = stored_files()
    if existing:
        raise BackupError(f"目标文件存储不是空的（已有 {len(existing)} 个文件，如 {existing[0]}）：请恢复到空的数据目录。")
    with tempfile.TemporaryDirectory(prefix="bianzhi-restore-") as tmp:
        tmp = Path(tmp)
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar.getmembers():
                if member.name.startswith("/") or ".." in Path(member.name).parts or not member.isfile():
                    raise BackupError(f"备份文件含不安全的条目：{member.name}")
            tar.extractall(tmp)
        manifest = json.loads((tmp / MANIFEST).read_text("utf-8"))
        if manifest.get("format") != FORMAT:
            raise BackupError(f"不认识的备份格式 {manifest.get('format')}")
        db_file = tmp / manifest["database"]["file"]
        checks = [(manifest["database"]["file"], db_file, manifest["database"]["sha256"])]
        checks += [(name, tmp / (FILES_PREFIX + name), meta["sha256"]) for name, meta in manifest["files"].items()]
        for name, path, expected in checks:  # the archive itself is checked before anything is written
            if not path.is_file() or _file_sha256(path) != expected:
                raise BackupError(f"备份文件已损坏：{name} 缺失或 SHA-256 与清单不一致，未做任何恢复。")
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(f"备份来自 {vendor} 数据库，当前配置的是 {connection.vendor}：请配置同类数据库后恢复。")
        if vendor == "sqlite":
            connection.ensure_connection()
            source = sqlite3.connect(db_file)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
            connection.close()
        else:
            db = connection.settings_dict
            connection.close()
            run = subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "-d", db["NAME"],
                                  str(db_file)], env=_pg_env(db), capture_output=True, text=True)
            if run.returncode:
                raise BackupError(f"pg_restore 失败：{run.stderr.strip()}")
        for name in manifest["files"]:
            with open(tmp / (FILES_PREFIX + name), "rb") as fh:
                saved = default_storage.save(name, ContentFile(fh.read()))
            if saved != name:
                raise BackupError(f"文件 {name} 被存成了 {saved}")
    result = compare(manifest, live_stats())
    log(f"恢复完成：核对 {result.tables_checked} 张表、{result.files_checked} 个文件，"
        + ("全部与备份清单一致。" if result.ok else f"{len(result.problems)} 处不一致："))
    for problem in result.problems:
        log(f"  - {problem}")
    return result


# ------------------------------------------------------------------------------------------------ verify-files
@dataclass
class FileCheck:
    checked: int = 0
    hashed: int = 0
    missing: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)
    unreferenced: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.mismatched)


def verify_files() -> FileCheck:
    """Every file a record points to exists; where the record keeps the file's SHA-256 (documents, materials,
    ingestion uploads), the stored bytes still have that hash."""
    result = FileCheck()
    referenced = set()
    for model in apps.get_models():
        file_fields = [f for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        if not file_fields:
            continue
        has_hash = any(f.name == "sha256" for f in model._meta.get_fields())
        for obj in model._base_manager.all().iterator():
            for f in file_fields:
                fieldfile = getattr(obj, f.name)
                if not fieldfile.name:
                    continue
                result.checked += 1
                referenced.add(fieldfile.name)
                label = f"{model._meta.verbose_name} #{obj.pk} {fieldfile.name}"
                if not fieldfile.storage.exists(fieldfile.name):
                    result.missing.append(label)
                    continue
                if has_hash and f.name == "file":
                    result.hashed += 1
                    if sha256_of(fieldfile.storage, fieldfile.name)[0] != obj.sha256:
                        result.mismatched.append(label)
    result.unreferenced = [n for n in stored_files() if n not in referenced]
    return result
