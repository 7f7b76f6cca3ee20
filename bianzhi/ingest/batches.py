"""Several documents of one unit uploaded together: their history order (base 三定, then notices by date), and
which earlier one must be accepted first."""
from .models import DocumentKind, IngestJob, JobStatus


def _history_order(job: IngestJob):
    r = job.result or {}
    base = 0 if job.kind == DocumentKind.SANDING else 1
    date = r.get("issued_on") or "9999-12-31"
    return (base, date, job.original_name)


def batch_jobs(job: IngestJob) -> list[IngestJob]:
    if not job.batch:
        return []
    return list(IngestJob.objects.filter(batch=job.batch).order_by("batch_position", "id"))


def earlier_pending(job: IngestJob) -> IngestJob | None:
    """The first job of the same batch that comes before `job` and is not accepted yet."""
    if not job.batch or job.batch_position is None:
        return None
    return (IngestJob.objects.filter(batch=job.batch, batch_position__lt=job.batch_position, status=JobStatus.PENDING)
            .order_by("batch_position").first())
