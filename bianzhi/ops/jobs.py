"""What the worker tells the app nodes, through the queue's own shared storage (the SQLite queue file on one host,
Redis on several): a heartbeat, and how long each kind of job took. Both are read by /healthz and /metrics on any
node, so no node keeps them on its own disk."""
import threading
import time

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task

HEARTBEAT_KEY = "ops:worker-heartbeat"
STATS_KEY = "ops:job-stats"
BUCKETS = (0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900)

_started: dict[str, float] = {}
_lock = threading.Lock()


def beat() -> float:
    now = time.time()
    HUEY.put(HEARTBEAT_KEY, now)
    return now


def heartbeat_age() -> float | None:
    """Seconds since the worker last reported, None if no worker ever did."""
    value = HUEY.get(HEARTBEAT_KEY, peek=True)
    return None if value is None else max(0.0, time.time() - float(value))


def job_stats() -> dict:
    """{task name: {"count", "failed", "sum", "buckets": [cumulative counts per BUCKETS]}}"""
    return HUEY.get(STATS_KEY, peek=True) or {}


def record_duration(name: str, seconds: float, failed: bool) -> None:
    with _lock:
        stats = job_stats()
        entry = stats.setdefault(name, {"count": 0, "failed": 0, "sum": 0.0, "buckets": [0] * len(BUCKETS)})
        entry["count"] += 1
        entry["failed"] += int(failed)
        entry["sum"] += seconds
        for i, bound in enumerate(BUCKETS):
            if seconds <= bound:
                entry["buckets"][i] += 1
        HUEY.put(STATS_KEY, stats)


@HUEY.on_startup()
def _beat_on_startup():
    beat()


@HUEY.pre_execute()
def _job_started(task):
    _started[task.id] = time.monotonic()


@HUEY.post_execute()
def _job_finished(task, task_value, exc):
    started = _started.pop(task.id, None)
    if started is not None and task.name != "worker_heartbeat":
        record_duration(task.name, time.monotonic() - started, exc is not None)


@db_periodic_task(crontab(minute="*"))
def worker_heartbeat():
    """Every minute: the worker is alive and its scheduler runs (so the daily holds will run too)."""
    return beat()
