"""Shared start-up for the benchmarks that run on their own fresh database."""
import os
from pathlib import Path


def setup_django(name: str) -> Path:
    """Configure Django for benchmark `name`: a fresh SQLite file under var/bench-<name>/ unless DATABASE_URL is
    set, background jobs run inline, migrations applied. Returns the data directory."""
    root = Path(__file__).resolve().parent.parent
    data = root / "var" / f"bench-{name}"
    data.mkdir(parents=True, exist_ok=True)
    db = data / "bench.sqlite3"
    if "DATABASE_URL" not in os.environ:
        db.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("HUEY_IMMEDIATE", "1")
    os.environ.setdefault("BIANZHI_DATA_DIR", str(data))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bianzhi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return data
