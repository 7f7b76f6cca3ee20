"""Large exports as background jobs: the worker writes the file in constant memory (exporter.write_export, unit
batch by unit batch) to the shared file store, and the page shows a progress bar until the download is ready.

A job lives in the shared cache (Redis in production, a file cache on one host), so every app node and the worker
see the same state; the file lives in the storage API (`exports/…`), so any node can serve it. Only the user who
asked may see or download a job; the worker rebuilds the queryset from that user's scope and the page's filters,
so the export holds exactly what the list showed.
"""
import datetime
import secrets
import tempfile
import types

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import QueryDict
from django.utils import timezone

from .columns import KIND_LABELS
from .exporter import write_export
from .filtersets import PowerItemFilterSet, ResponsibilityItemFilterSet
from .models import PowerItem, ResponsibilityItem

JOB_TTL = 24 * 3600  # a finished export can be downloaded for a day, then it is removed
FORMATS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "csv": "text/csv; charset=utf-8"}


def inline_limit() -> int:
    """Exports up to this many rows are served at once; larger ones become a background job."""
    return settings.LISTS_EXPORT_INLINE_MAX


def export_queryset(user, kind: str, params: QueryDict):
    """The items of the list page the user is looking at: their scope ("view") and the page's filters."""
    request = types.SimpleNamespace(user=user, GET=params)
    if kind == "duty":
        return ResponsibilityItemFilterSet(params, request=request,
                                           queryset=ResponsibilityItem.objects.restrict(user, "view")).qs
    return PowerItemFilterSet(params, request=request, queryset=PowerItem.objects.restrict(user, "view")).qs


def _key(token: str) -> str:
    return f"lists:export:{token}"


def get_job(token: str, user) -> dict | None:
    """The job, if it exists and belongs to this user (anyone else: None, as if it did not exist)."""
    job = caches["shared"].get(_key(token)) if token.isalnum() else None
    if job is None or job.get("owner") != user.pk:
        return None
    return job


def _save(token: str, job: dict) -> None:
    caches["shared"].set(_key(token), job, JOB_TTL)


def start_job(user, kind: str, fmt: str, params: QueryDict, total: int | None) -> str:
    """Record a queued export for `user` and return its token (the caller enqueues `run_job`). `total` None:
    only known to be above the inline limit; the worker counts the rows when it starts."""
    token = secrets.token_hex(16)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    _save(token, {"owner": user.pk, "kind": kind, "fmt": fmt, "query": params.urlencode(), "status": "queued",
                  "processed": 0, "total": total, "more_than": inline_limit(),
                  "filename": f"{KIND_LABELS[kind]}-{stamp}.{fmt}", "storage_name": "", "error": "",
                  "created": timezone.now().isoformat()})
    return token


def run_job(token: str) -> None:
    """The worker's part: write the file in constant memory with progress, then store it."""
    job = caches["shared"].get(_key(token))
    if job is None or job["status"] not in ("queued", "running"):
        return
    user = get_user_model().objects.filter(pk=job["owner"], is_active=True).first()
    if user is None:
        job.update(status="failed", error="导出的申请人账号已停用")
        _save(token, job)
        return
    queryset = export_queryset(user, job["kind"], QueryDict(job["query"]))
    job["status"] = "running"
    if job.get("total") is None:
        job["total"] = queryset.count()
    _save(token, job)

    def progress(done: int) -> None:
        job["processed"] = done
        _save(token, job)

    try:
        with tempfile.TemporaryFile() as out:
            rows = write_export(job["kind"], job["fmt"], queryset, out, progress)
            out.seek(0)
            name = default_storage.save(f"exports/{token}.{job['fmt']}", File(out))
    except Exception as exc:  # the page says what failed; the worker log has the traceback
        job.update(status="failed", error=f"导出失败：{exc.__class__.__name__}")
        _save(token, job)
        raise
    job.update(status="done", processed=rows, total=rows, storage_name=name)
    _save(token, job)


def purge_old_files(now: datetime.datetime | None = None) -> int:
    """Remove exported files older than a day (their jobs have expired from the cache). Returns how many."""
    now = now or timezone.now()
    removed = 0
    try:
        _dirs, files = default_storage.listdir("exports")
    except FileNotFoundError:
        return 0
    for name in files:
        path = f"exports/{name}"
        if now - default_storage.get_modified_time(path) > datetime.timedelta(seconds=JOB_TTL):
            default_storage.delete(path)
            removed += 1
    return removed
