"""The documents clerks have confirmed, as labelled texts the learned judges can be trained on (ADR 0070).

Every accepted 三定 job holds the text read from the file and, in the draft version it made, what the clerk
confirmed of it: the bodies and duties ticked (and corrected), nothing that was left unticked. That pair is exactly
what the body-list and duty-list judges (ADR 0068, 0069) learn from, so `export_corpus` writes it in the benchmark's
format (bench/sanding_real: a `.txt` with `# source:` / `# status:` lines, a label `.json`, a `manifest.json`), and
`scripts/judge_training.py --extra DIR` trains on it beside the public corpus. The label holds the fields a clerk
confirms on the review screen for a 三定: title, 文号, issuing organ and date, the unit, its class and rank, plaques,
duties (as the benchmark's duty heads) and internal bodies; staffing and posts are left out (not the judges').
"""
from __future__ import annotations

import json
from pathlib import Path

from bianzhi.core.audit import record_event
from bianzhi.sanding.models import DutyRevision, InternalBodyState, SandingPlaque, UnitStatement

from .models import DocumentKind, IngestJob, JobStatus


def confirmed_label(job: IngestJob) -> dict:
    """What the clerk confirmed of `job`'s document: the rows its draft version opened."""
    version, document = job.sanding_version, job.document
    statement = UnitStatement.objects.filter(opened_by=version).first()
    return {
        "title": document.title or None,
        "doc_number": document.doc_number_raw or None,
        "issuing_organ": document.issuing_organ or None,
        "issued_on": document.issued_on.isoformat() if document.issued_on else None,
        "unit": job.unit.name,
        "nature": (statement.nature_text or None) if statement else None,
        "rank": (statement.get_rank_display() or None) if statement and statement.rank else None,
        "plaques": list(SandingPlaque.objects.filter(opened_by=version, internal_body__isnull=True)
                        .order_by("pk").values_list("name", flat=True)),
        "duty_heads": list(DutyRevision.objects.filter(opened_by=version).order_by("pk").values_list("text", flat=True)),
        "internal_bodies": list(InternalBodyState.objects.filter(opened_by=version).order_by("pk")
                                .values_list("name", flat=True)),
    }


def export_corpus(directory: Path, *, acting_user) -> int:
    """Write every accepted 三定 job `acting_user` may see into `directory` (benchmark format); returns how many.
    The export is recorded in the audit log."""
    directory.mkdir(parents=True, exist_ok=True)
    jobs = (IngestJob.objects.restrict(acting_user, "view")
            .filter(status=JobStatus.APPLIED, kind=DocumentKind.SANDING, sanding_version__isnull=False)
            .select_related("unit", "document", "sanding_version").order_by("pk"))
    manifest = []
    for job in jobs:
        name = f"job{job.pk}"
        header = (f"# source: 文件识别任务 #{job.pk}（{job.original_name}，{job.unit.name}）\n"
                  f"# status: confirmed - 录入员核对采用的内容（{job.updated_at:%Y-%m-%d}）\n")
        (directory / f"{name}.txt").write_text(header + job.original_text, encoding="utf-8")
        (directory / f"{name}.json").write_text(json.dumps(confirmed_label(job), ensure_ascii=False, indent=1) + "\n",
                                                encoding="utf-8")
        issued = job.document.issued_on
        manifest.append({"file": f"{name}.txt", "label": f"{name}.json", "split": "office", "layout": job.layout or "unknown",
                         "kind": "confirmed", "level": "", "year": issued.year if issued else None})
    (directory / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    record_event("export", user=acting_user, detail={"what": "ingest_corpus", "jobs": len(manifest)})
    return len(manifest)
