"""The public part of a unit's 三定 (the publication snapshot's section)."""
from __future__ import annotations

import datetime

from .snapshot import Snapshot, history, snapshot


# ------------------------------------------------------------------------------------------------ publication
def public_snapshot(unit, as_of: datetime.date | None = None) -> dict:
    """The approved 三定 of `unit` (today, or on `as_of`) and its 沿革, as JSON-serialisable data for the portal.

    Only approved data: drafts never appear."""
    snap = snapshot(unit, as_of)
    return snapshot_dict(snap, [v for v in history(unit) if v.effective_date <= snap.date])


def version_dict(v) -> dict:
    return {"id": v.pk, "doc_number": v.doc_number, "title": v.document.title,
            "issuing_organ": v.document.issuing_organ, "document_id": v.document_id,
            "date": v.effective_date.isoformat(), "kind": v.kind, "kind_label": v.get_kind_display(),
            "status": v.status, "summary": [line for line in v.summary.splitlines() if line.strip()]}


def snapshot_dict(snap: Snapshot, versions=None) -> dict:
    """A snapshot as plain data (the shape of the API and of public_snapshot)."""
    return {
        "unit": {"id": snap.unit.pk, "name": snap.unit.name},
        "as_of": snap.date.isoformat() if snap.date else None,
        "draft": snap.draft.pk if snap.draft else None,
        "statement": ({"text": snap.statement.nature_text, "rank": snap.statement.rank,
                       "rank_label": snap.statement.get_rank_display(),
                       "doc_number": snap.statement.opened_by.doc_number} if snap.statement else None),
        "plaques": [{"name": p.name, "kind": p.get_kind_display(), "doc_number": p.opened_by.doc_number}
                    for p in snap.unit_plaques()],
        "duties": [{"id": d.duty_id, "kind": d.kind, "kind_label": d.get_kind_display(), "position": d.position,
                    "text": d.text, "doc_number": d.opened_by.doc_number} for d in snap.duties],
        "internal_bodies": [{"id": b.body_id, "name": b.name, "duties": b.duty_text, "head_count": b.head_count,
                             "deputy_count": b.deputy_count, "posts_note": b.posts_note,
                             "plaques": [p.name for p in snap.body_plaques(b.body_id)],
                             "doc_number": b.opened_by.doc_number} for b in snap.bodies],
        "staffing": [{"type": s.staffing_type, "label": s.display_label, "count": s.count,
                      "includes": s.includes or [], "doc_number": s.opened_by.doc_number} for s in snap.staffing],
        "staffing_total": snap.staffing_total(),
        "head_posts": [{"title": h.title, "count": h.count, "rank": h.rank, "note": h.note,
                        "doc_number": h.opened_by.doc_number} for h in snap.head_posts],
        "internal_leadership": [{"level": q.level, "count": q.count, "note": q.note,
                                 "doc_number": q.opened_by.doc_number} for q in snap.leadership],
        "history": [version_dict(v) for v in (versions or [])],
    }
