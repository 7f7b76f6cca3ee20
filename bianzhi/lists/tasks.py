"""Background work (huey): imports run outside the request; the page polls the job's progress."""
from huey.contrib.djhuey import db_task

from .importer import run_job
from .models import ImportJob


@db_task()
def run_import_job(job_id: int) -> None:
    job = ImportJob.objects.select_related("owner").filter(pk=job_id).first()
    if job is not None and job.status in ("queued", "running"):
        run_job(job)
