"""Is this node able to serve? Each check reaches the shared service it names; /healthz reports them all."""
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from huey.contrib.djhuey import HUEY

from . import jobs

PROBE_DIR = "ops/healthz"


class HealthError(RuntimeError):
    def __init__(self, message, **detail):
        super().__init__(message)
        self.detail = detail


def _timed(fn) -> dict:
    started = time.monotonic()
    try:
        detail = fn() or {}
        result = {"ok": True, **detail}
    except HealthError as exc:
        result = {"ok": False, "error": str(exc), **exc.detail}
    except Exception as exc:  # a health check reports every failure, whatever its kind
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def check_cache():
    key, value = f"ops:healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 30)
    if cache.get(key) != value:
        raise RuntimeError("缓存写入后读不回")
    cache.delete(key)
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def check_queue():
    return {"backend": type(HUEY).__name__, "pending": HUEY.pending_count(), "scheduled": HUEY.scheduled_count()}


def check_storage():
    name = default_storage.save(f"{PROBE_DIR}/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as fh:
            if fh.read() != b"ok":
                raise RuntimeError("文件存储写入后读不回")
    finally:
        default_storage.delete(name)
    return {"backend": default_storage.__class__.__name__}


def check_worker():
    age = jobs.heartbeat_age()
    limit = getattr(settings, "WORKER_HEARTBEAT_MAX_AGE", 180)
    if age is None:
        raise HealthError("后台任务进程从未报到（请运行 bianzhi serve 或 bianzhi run_huey）",
                          heartbeat_age_seconds=None)
    if age > limit:
        raise HealthError(f"后台任务进程已 {int(age)} 秒未报到（上限 {limit} 秒）", heartbeat_age_seconds=round(age, 1))
    return {"heartbeat_age_seconds": round(age, 1)}


CHECKS = {"database": check_database, "cache": check_cache, "queue": check_queue, "storage": check_storage,
          "worker": check_worker}


def run_checks() -> dict:
    checks = {name: _timed(fn) for name, fn in CHECKS.items()}
    return {"status": "ok" if all(c["ok"] for c in checks.values()) else "fail", "checks": checks}
