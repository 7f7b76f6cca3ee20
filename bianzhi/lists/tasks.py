"""Background work (huey): imports run outside the request; the page polls the job's progress."""
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import exports
from .importer import fail_if_stale, run_job
from .models import ImportJob


@db_task()
def run_import_job(job_id: int) -> None:
    job = ImportJob.objects.select_related("owner").filter(pk=job_id).first()
    if job is not None and job.status in ("queued", "running"):
        run_job(job)


@db_periodic_task(crontab(minute="*"))
def fail_stale_import_jobs() -> None:
    """Every minute: a job left "running" by a worker that died is marked failed (retryable)."""
    for job in ImportJob.objects.filter(status="running"):
        fail_if_stale(job)


@db_task()
def run_export_job(token: str) -> None:
    """A large 权力清单 / 责任清单 export (exports.py): written in constant memory, stored, then downloadable."""
    exports.run_job(token)


@db_periodic_task(crontab(minute="17", hour="3"))
def purge_old_exports() -> None:
    """Every night: exported files older than a day are removed from the file store."""
    exports.purge_old_files()
