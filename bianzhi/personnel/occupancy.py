"""Occupancy (编制使用情况) of a unit on any date: 核定 from the approved 三定 history (sanding's as-of snapshot),
实有 from the 实名制 records, reserved by valid 核准通知单, and what follows: 空编, 超编, 超职数, 混编混岗, duplicates.

    核定 − 实有 − 已核准未使用 = 可用空编;   实有 > 核定 → 超编
"""
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q

from bianzhi.sanding.models import StaffingType
from bianzhi.sanding.services import snapshot

from .models import LeaderRole, Person, UseNotice

TYPE_LABELS = dict(StaffingType.choices)


@dataclass
class TypeRow:
    staffing_type: str
    approved: int = 0
    actual: int = 0
    reserved: int = 0

    @property
    def label(self) -> str:
        return TYPE_LABELS.get(self.staffing_type, self.staffing_type)

    @property
    def vacant(self) -> int:
        """空编: 核定 − 实有 when positive."""
        return max(self.approved - self.actual, 0)

    @property
    def over(self) -> int:
        """超编: 实有 − 核定 when positive."""
        return max(self.actual - self.approved, 0)

    @property
    def available(self) -> int:
        """可用空编: what a new 用编 approval may still take (空编 minus reservations)."""
        return max(self.approved - self.actual - self.reserved, 0)


@dataclass
class PostRow:
    label: str
    approved: int
    filled: int

    @property
    def over(self) -> int:
        return max(self.filled - self.approved, 0)


@dataclass
class BodyRow:
    body_id: int | None
    name: str
    actual: dict = field(default_factory=dict)   # staffing type label -> count
    head_approved: int = 0
    deputy_approved: int = 0
    head_filled: int = 0
    deputy_filled: int = 0

    @property
    def total(self) -> int:
        return sum(self.actual.values())


@dataclass
class Occupancy:
    unit: object
    date: datetime.date
    types: list = field(default_factory=list)
    posts: list = field(default_factory=list)
    bodies: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def row(self, staffing_type) -> TypeRow:
        for r in self.types:
            if r.staffing_type == staffing_type:
                return r
        return TypeRow(staffing_type)

    @property
    def totals(self) -> TypeRow:
        t = TypeRow("total")
        for r in self.types:
            t.approved += r.approved
            t.actual += r.actual
            t.reserved += r.reserved
        return t


def is_concurrent(head_post) -> bool:
    """A post held by another leader (“总督学 1名，由副局长兼任”) adds no 职数 of its own."""
    note = head_post.note or ""
    return "兼任" in note and note.startswith("由")


def reserved_on(unit, date) -> dict:
    """编制 reserved by 核准通知单 valid on `date` and not yet used, per type."""
    out: dict = {}
    notices = UseNotice.objects.filter(unit=unit, issued_on__lte=date, valid_until__gte=date).annotate(
        used=Count("people", filter=Q(people__entry_date__lte=date)))
    for n in notices:
        out[n.staffing_type] = out.get(n.staffing_type, 0) + max(n.count - n.used, 0)
    return out


def duplicate_holders(unit=None, date=None):
    """People in 编 on `date` whose ID number (blind index) is also in 编 elsewhere (another record)."""
    date = date or datetime.date.today()
    active = Person.objects.active_on(date)
    dup_index = active.values("id_index").annotate(n=Count("id")).filter(n__gt=1).values("id_index")
    qs = active.filter(id_index__in=dup_index).select_related("unit")
    if unit is not None:
        qs = qs.filter(id_index__in=active.filter(unit=unit).values("id_index"))
    return list(qs.order_by("id_index", "unit_id", "id"))


def occupancy(unit, date: datetime.date | None = None) -> Occupancy:
    date = date or datetime.date.today()
    snap = snapshot(unit, date)
    occ = Occupancy(unit=unit, date=date)
    people = list(Person.objects.active_on(date).filter(unit=unit).select_related("internal_body"))
    reserved = reserved_on(unit, date)
    rows: dict = {}
    for line in snap.staffing:
        rows.setdefault(line.staffing_type, TypeRow(line.staffing_type)).approved += line.count
    for p in people:
        rows.setdefault(p.staffing_type, TypeRow(p.staffing_type)).actual += 1
    for t, n in reserved.items():
        rows.setdefault(t, TypeRow(t)).reserved += n
    order = {k: i for i, k in enumerate(StaffingType.values)}
    occ.types = sorted(rows.values(), key=lambda r: order.get(r.staffing_type, 99))

    roles = {role: sum(1 for p in people if p.leader_role == role) for role in LeaderRole.values}
    head_titles = [h for h in snap.head_posts if not is_concurrent(h)]
    heads_approved = sum(h.count for h in head_titles if not h.title.startswith("副"))
    deputies_approved = sum(h.count for h in head_titles if h.title.startswith("副"))
    occ.posts.append(PostRow("单位正职领导职数", heads_approved, roles[LeaderRole.UNIT_HEAD]))
    occ.posts.append(PostRow("单位副职领导职数", deputies_approved, roles[LeaderRole.UNIT_DEPUTY]))
    body_heads = sum(b.head_count for b in snap.bodies)
    body_deputies = sum(b.deputy_count for b in snap.bodies)
    quota_total = snap.leadership_total()
    occ.posts.append(PostRow("内设机构正职领导职数", body_heads, roles[LeaderRole.BODY_HEAD]))
    occ.posts.append(PostRow("内设机构副职领导职数", body_deputies, roles[LeaderRole.BODY_DEPUTY]))
    if quota_total:
        occ.posts.append(PostRow("内设机构领导职数（合计）", quota_total,
                                 roles[LeaderRole.BODY_HEAD] + roles[LeaderRole.BODY_DEPUTY]))

    bodies = {b.body_id: BodyRow(b.body_id, b.name, head_approved=b.head_count, deputy_approved=b.deputy_count)
              for b in snap.bodies}
    for p in people:
        key = p.internal_body_id
        if key not in bodies:
            bodies[key] = BodyRow(key, p.internal_body.name if p.internal_body else "单位领导及未分配内设机构")
        row = bodies[key]
        label = TYPE_LABELS.get(p.staffing_type, p.staffing_type)
        row.actual[label] = row.actual.get(label, 0) + 1
        row.head_filled += p.leader_role == LeaderRole.BODY_HEAD
        row.deputy_filled += p.leader_role == LeaderRole.BODY_DEPUTY
    occ.bodies = list(bodies.values())

    for r in occ.types:
        if r.over and r.approved:
            occ.warnings.append(f"超编：{r.label}核定{r.approved}名，实有{r.actual}名，超编{r.over}名")
        if r.actual and not r.approved:
            names = "、".join(p.name for p in people if p.staffing_type == r.staffing_type)[:200]
            occ.warnings.append(f"混编混岗：本单位无{r.label}核定数，但有{r.actual}人占用{r.label}（{names}）")
    for post in occ.posts:
        if post.over:
            occ.warnings.append(f"超职数：{post.label}核定{post.approved}名，配备{post.filled}名，超{post.over}名")
    for b in occ.bodies:
        if b.body_id and b.head_filled > b.head_approved:
            occ.warnings.append(f"超职数：{b.name}正职核定{b.head_approved}名，配备{b.head_filled}名")
        if b.body_id and b.deputy_filled > b.deputy_approved:
            occ.warnings.append(f"超职数：{b.name}副职核定{b.deputy_approved}名，配备{b.deputy_filled}名")
    for p in duplicate_holders(unit, date):
        if p.unit_id != unit.pk:
            occ.warnings.append(f"身份号码重复：{p.id_masked} 同时在「{p.unit.name}」在编（{p.name}）")
    return occ
