"""Fixtures for tests that run the platform as real processes: a backup of the test session's demo data, restored
into a fresh database and data directory per test, and server processes started on free ports."""
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.test import override_settings

from bianzhi.ops import backup


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(**extra) -> dict:
    """The environment of a server process: nothing of the test session's database, data dir or queue."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("BIANZHI_", "DATABASE_URL", "REDIS_URL", "HUEY_", "PYTEST", "DJANGO_"))}
    # BIANZHI_TESTING: the test session's password hasher (the restored demo users' hashes); the queue stays real.
    env.update({"SECRET_KEY": "test-" + uuid.uuid4().hex, "DEBUG": "0", "PASSWORD_MAX_AGE_DAYS": "0",
                "BIANZHI_TESTING": "1", "HUEY_IMMEDIATE": "0", "PYTHONUNBUFFERED": "1", "WEB_WORKERS": "1"})
    env.update({k: str(v) for k, v in extra.items()})
    return env


def bianzhi(*args, env, check=True, timeout=300) -> subprocess.CompletedProcess:
    run = subprocess.run([sys.executable, "-m", "bianzhi", *args], env=env, capture_output=True, text=True,
                         timeout=timeout)
    if check and run.returncode:
        raise AssertionError(f"bianzhi {' '.join(args)} 失败（{run.returncode}）：\n{run.stdout}\n{run.stderr}")
    return run


def _copy_referenced_files(source_root: Path, target_root: Path) -> int:
    """Copy every stored file the database refers to. The store is shared with the other test workers, which may be
    writing the same demo file at this moment (load_demo in another worker): a file recorded with its SHA-256 is
    copied again until the copy has that digest (a half-written copy would make the archive tests fail at random)."""
    count = 0
    for model in apps.get_models():
        fields = [f.name for f in model._meta.get_fields() if isinstance(f, models.FileField)]
        hashed = any(f.name == "sha256" for f in model._meta.get_fields())
        for field in fields:
            rows = model._base_manager.exclude(**{field: ""}).values_list(field, "sha256" if hashed else field)
            for name, digest in rows:
                src = source_root / name
                if src.exists():
                    (target_root / name).parent.mkdir(parents=True, exist_ok=True)
                    for _ in range(50):
                        shutil.copyfile(src, target_root / name)
                        if not hashed or not digest or hashlib.sha256((target_root / name).read_bytes()).hexdigest() == digest:
                            break
                        time.sleep(0.1)
                    count += 1
    return count


@pytest.fixture(scope="session")
def demo_archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """`bianzhi backup` of the session's demo database, with the demo's stored files in a private file store
    (other tests may write to the shared one meanwhile). Returns (archive path, manifest, files dir)."""
    from django.conf import settings

    root = tmp_path_factory.mktemp("demo-archive")
    files = root / "files"
    files.mkdir()
    with django_db_blocker.unblock():
        copied = _copy_referenced_files(Path(settings.MEDIA_ROOT), files)
        assert copied > 10, "演示数据应带有上交材料等存储文件"
        with override_settings(MEDIA_ROOT=files):
            manifest = backup.backup(root / "demo.tar.gz", log=lambda *_: None)
        source_tables = backup.live_stats()  # read again from the source, independently of the archive
    return {"archive": root / "demo.tar.gz", "manifest": manifest, "files": files, "source_tables": source_tables}


@pytest.fixture
def empty_database(django_db_setup):
    """Where to restore: None on SQLite (a new file in the data directory), else the URL of an empty PostgreSQL
    database next to the test database, dropped afterwards."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield None
        return
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_{uuid.uuid4().hex[:8]}"
    info = backup._pg_conninfo({**db, "NAME": "postgres"})
    with psycopg.connect(**info, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    user = f"{db['USER']}{':' + db['PASSWORD'] if db.get('PASSWORD') else ''}@" if db.get("USER") else ""
    yield f"postgres://{user}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"
    with psycopg.connect(**info, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restored_stats(env: dict) -> dict:
    """Row counts and table hashes of a restored site, read directly from its database."""
    url = env["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        return backup.sqlite_stats(url[len("sqlite:///"):])
    import dj_database_url

    return backup.pg_stats(dj_database_url.parse(url))


def restore_site(archive: Path, data_dir: Path, database_url: str | None = None, **env) -> dict:
    """Restore the archive into a new data directory (and database); returns the environment to run it with."""
    data_dir.mkdir(parents=True, exist_ok=True)
    env = clean_env(BIANZHI_DATA_DIR=data_dir,
                    DATABASE_URL=database_url or f"sqlite:///{data_dir / 'bianzhi.sqlite3'}", **env)
    run = bianzhi("restore", str(archive), env=env)
    assert "全部与备份清单一致" in run.stdout, run.stdout
    return env


def start(args, env, log: Path) -> subprocess.Popen:
    fh = open(log, "wb")  # noqa: SIM115  (closed with the process)
    return subprocess.Popen([sys.executable, "-m", "bianzhi", *args], env=env, stdout=fh, stderr=subprocess.STDOUT)
