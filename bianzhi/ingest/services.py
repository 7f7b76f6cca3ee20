"""Ingestion service: upload → extracted text + parsed draft (IngestJob) → the clerk accepts or corrects
each item → one approval document and one 三定 draft version (bianzhi.sanding.services), in one
transaction. Anything that cannot be applied is collected and reported item by item; then nothing is
written.

The steps live in their own modules and are re-exported here under the names callers use: upload (this module),
batch order (`batches.py`), review items and the found/not-found report (`review.py`), accepting (`accepting.py`).
"""
from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from bianzhi.core.uploads import INGEST_KINDS, check_upload

from .batches import _history_order, batch_jobs, earlier_pending  # noqa: F401
from .errors import IngestError
from .extract import ExtractionError, extract_bytes
from .models import IngestJob
from .parser import parse

MAX_UPLOAD = 20 * 1024 * 1024


# ------------------------------------------------------------------ upload
def create_job(unit, upload, *, acting_user=None) -> IngestJob:
    """Extract and parse an uploaded file for `unit`. Raises IngestError (Chinese) if it cannot be read."""
    try:
        check_upload(upload, allowed=INGEST_KINDS, max_bytes=MAX_UPLOAD)  # content sniffed, zip limits checked
    except ValidationError as exc:
        raise IngestError(exc.messages) from exc
    data = b"".join(upload.chunks())
    try:
        extracted = extract_bytes(data, upload.name)
    except ExtractionError as exc:
        raise IngestError(str(exc)) from exc
    result = parse(extracted.text)
    spans = []
    for path, start, end in result.spans:
        s, e = extracted.original_span(start, end)
        spans.append([path, s, e])
    digest = hashlib.sha256(data).hexdigest()
    job = IngestJob(unit=unit, original_name=upload.name[:255], size=len(data), sha256=digest,
                    method=extracted.method, pages=extracted.pages, warnings=extracted.warnings,
                    original_text=extracted.original, kind=result.kind, layout=result.layout, result=result.data,
                    spans=spans, meta=result.meta, created_by=acting_user)
    with transaction.atomic():
        job.file.save(upload.name, ContentFile(data), save=False)
        job.save()
    return job


def create_batch(unit, uploads, *, acting_user=None) -> list[IngestJob]:
    """Several documents of one unit at once → jobs in the order of the unit's history: base 三定 first, then the
    notices by issue date (undated last, by file name). Each job must be accepted after the one before it, so the
    drafts are made in that order. A file that cannot be read stops the whole batch (nothing is kept)."""
    if len(uploads) == 1:
        return [create_job(unit, uploads[0], acting_user=acting_user)]
    jobs, reasons = [], []
    with transaction.atomic():
        for upload in uploads:
            try:
                jobs.append(create_job(unit, upload, acting_user=acting_user))
            except IngestError as exc:
                reasons.append(f"“{upload.name}”：{'；'.join(exc.reasons)}")
        if reasons:
            transaction.set_rollback(True)
            raise IngestError(reasons)
        batch = hashlib.sha256("|".join(j.sha256 for j in jobs).encode() + str(jobs[0].pk).encode()).hexdigest()[:32]
        ordered = sorted(jobs, key=_history_order)
        for position, job in enumerate(ordered, start=1):
            job.batch, job.batch_position = batch, position
            job.save()
    return ordered


# the review and accepting steps, under the names callers use
from .accepting import (  # noqa: E402, F401
    STAFFING_RULES,
    Header,
    _apply,
    _apply_change,
    _clean,
    _count,
    _duty_kind,
    _find_unit,
    _parse_includes,
    _same_name,
    _same_plaque,
    accept_job,
    rank_code,
    staffing_type_of,
    stated_totals,
)
from .review import (  # noqa: E402, F401
    COUNT_FIELDS,
    FIELD_LABELS,
    HEADER_FIELDS,
    LONG_FIELDS,
    OP_LABELS,
    SANDING_SECTIONS,
    ReviewItem,
    _fields,
    _header_and_unit_report,
    _includes_text,
    original_values,
    review_items,
    section_report,
    source_segments,
    span_key,
    unit_mismatch,
)
