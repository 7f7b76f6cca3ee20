"""What the PostgreSQL benchmarks share: the server's admin connection, a fresh database, the machine line."""
import os
import platform

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def admin_conn():
    import psycopg

    return psycopg.connect(f"{PG}/postgres", autocommit=True)


def recreate_database(db: str) -> None:
    """Drop `db` (ending its connections) and create it empty, UTF-8 with the C.UTF-8 collation."""
    with admin_conn() as conn:
        conn.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}'")
        conn.execute(f'DROP DATABASE IF EXISTS "{db}"')
        conn.execute(f"CREATE DATABASE \"{db}\" TEMPLATE template0 ENCODING 'UTF8' "
                     "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    with admin_conn() as conn:
        pg = conn.execute("SHOW server_version").fetchone()[0]
    return (f"{os.cpu_count()} cores ({cpu}), {mem} GB RAM, {platform.platform()}, Python {platform.python_version()}, "
            f"PostgreSQL {pg}")
