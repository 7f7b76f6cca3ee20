"""Reading: the 三定 of a unit as of any date (approved history, optionally with a draft on top), and its versions."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .models import (
    DutyKind,
    DutyRevision,
    HeadPost,
    InternalBodyState,
    LeadershipQuota,
    SandingPlaque,
    SandingVersion,
    StaffingLine,
    StaffingType,
    UnitStatement,
    VersionStatus,
)


# ------------------------------------------------------------------------------------------------ reading
@dataclass
class Snapshot:
    """The 三定 of one unit on one date (or as a draft would make it)."""

    unit: object
    date: datetime.date | None
    draft: SandingVersion | None = None
    statement: UnitStatement | None = None
    duties: list = field(default_factory=list)
    plaques: list = field(default_factory=list)
    bodies: list = field(default_factory=list)
    staffing: list = field(default_factory=list)
    head_posts: list = field(default_factory=list)
    leadership: list = field(default_factory=list)

    def duties_of(self, kind):
        return [d for d in self.duties if d.kind == kind]

    @property
    def duty_groups(self):
        return [(label, self.duties_of(value)) for value, label in DutyKind.choices if self.duties_of(value)]

    def unit_plaques(self):
        return [p for p in self.plaques if p.internal_body_id is None]

    def body_plaques(self, body_id):
        return [p for p in self.plaques if p.internal_body_id == body_id]

    @property
    def bodies_with_plaques(self):
        return [(b, self.body_plaques(b.body_id)) for b in self.bodies]

    def staffing_total(self, staffing_type=None) -> int:
        return sum(s.count for s in self.staffing if staffing_type is None or s.staffing_type == staffing_type)

    def leadership_total(self, level=None) -> int:
        return sum(q.count for q in self.leadership if level is None or q.level == level)

    @property
    def is_empty(self) -> bool:
        return not (self.statement or self.duties or self.bodies or self.staffing or self.head_posts
                    or self.leadership or self.plaques)


def _qs(model, unit, date, draft):
    qs = model.objects.in_draft(draft) if draft is not None else model.objects.as_of(date)
    return qs.filter(unit=unit).select_related("opened_by__document")


def snapshot(unit, as_of: datetime.date | None = None, draft: SandingVersion | None = None) -> Snapshot:
    """The unit's 三定 on `as_of` (default today) from approved history; with `draft`, as that draft would make
    it (preview for staff). One query per content type, whatever the number of versions or items."""
    date = as_of or datetime.date.today()
    snap = Snapshot(unit=unit, date=None if draft else date, draft=draft)
    snap.statement = _qs(UnitStatement, unit, date, draft).order_by("-valid_from", "-id").first()
    snap.duties = list(_qs(DutyRevision, unit, date, draft).order_by("kind", "position", "id"))
    order = {k: i for i, k in enumerate(DutyKind.values)}
    snap.duties.sort(key=lambda d: (order.get(d.kind, 9), d.position, d.pk))
    snap.plaques = list(_qs(SandingPlaque, unit, date, draft).select_related("internal_body"))
    snap.bodies = list(_qs(InternalBodyState, unit, date, draft).order_by("position", "id"))
    staffing_order = {k: i for i, k in enumerate(StaffingType.values)}
    snap.staffing = sorted(_qs(StaffingLine, unit, date, draft), key=lambda s: (staffing_order[s.staffing_type], s.label))
    snap.head_posts = list(_qs(HeadPost, unit, date, draft).order_by("position", "id"))
    snap.leadership = list(_qs(LeadershipQuota, unit, date, draft).order_by("id"))
    return snap


def duties_of(unit, kind, as_of: datetime.date | None = None, draft: SandingVersion | None = None) -> list:
    """One kind of the unit's duties, as `snapshot(unit, as_of, draft).duties_of(kind)` gives them (same rows, same
    order), in one query instead of the whole snapshot's seven: the duty editor shows nothing else."""
    date = as_of or datetime.date.today()
    qs = DutyRevision.objects.in_draft(draft) if draft is not None else DutyRevision.objects.as_of(date)
    return list(qs.filter(unit=unit, kind=kind).order_by("position", "id"))


def history(unit, include_drafts: bool = False):
    """沿革: the unit's versions in date order (approved only unless include_drafts)."""
    qs = SandingVersion.objects.filter(unit=unit).select_related("document", "primary__unit", "primary__document")
    if not include_drafts:
        qs = qs.filter(status=VersionStatus.APPROVED)
    return list(qs.order_by("effective_date", "sequence", "id"))
