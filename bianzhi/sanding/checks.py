"""Checks shown before submission (warnings, not refusals)."""
from __future__ import annotations

from .models import (
    SandingVersion,
    StaffingType,
)
from .snapshot import Snapshot, snapshot


# ------------------------------------------------------------------------------------------------ checks
def check_version(version: SandingVersion) -> list[str]:
    """Warnings to show before submission (not refusals): internal-body posts against 内设机构领导职数, and the
    totals the document states (“调整后…”) against the computed totals."""
    warnings = []
    group = [version, *SandingVersion.objects.filter(primary=version)] if not version.primary_id else [version]
    for v in group:
        snap = snapshot(v.unit, draft=v) if v.is_draft else snapshot(v.unit, v.effective_date)
        prefix = f"“{v.unit.name}”：" if v.unit_id != version.unit_id else ""
        warnings += [prefix + w for w in check_snapshot(snap)]
        for key, stated in (v.stated_totals or {}).items():
            kind, _, name = key.partition(":")
            try:
                stated = int(stated)
            except (TypeError, ValueError):
                warnings.append(prefix + f"文件所述数额“{key}”不是整数：{stated}")
                continue
            if kind == "staffing":
                computed = snap.staffing_total(name or None)
                what = StaffingType(name).label if name in StaffingType.values else "编制总数"
            elif kind == "leadership":
                computed, what = snap.leadership_total(name or None), f"{name or ''}内设机构领导职数"
            else:
                continue
            if computed != stated:
                warnings.append(prefix + f"文件所述调整后{what}为{stated}名，按各项操作计算为{computed}名，相差{computed - stated:+d}名")
    return warnings


def check_snapshot(snap: Snapshot) -> list[str]:
    warnings = []
    if not snap.leadership or not snap.bodies:
        return warnings
    heads = sum(b.head_count for b in snap.bodies)
    deputies = sum(b.deputy_count for b in snap.bodies)
    principal = [q for q in snap.leadership if q.level.startswith("正")]
    deputy = [q for q in snap.leadership if q.level.startswith("副")]
    if principal and deputy:
        p, d = sum(q.count for q in principal), sum(q.count for q in deputy)
        if heads > p:
            warnings.append(f"各内设机构正职领导职数合计{heads}名，超过核定的{'、'.join(q.level for q in principal)}领导职数{p}名")
        if deputies > d:
            warnings.append(f"各内设机构副职领导职数合计{deputies}名，超过核定的{'、'.join(q.level for q in deputy)}领导职数{d}名")
    else:
        total = snap.leadership_total()
        if heads + deputies > total:
            warnings.append(f"各内设机构领导职数合计{heads + deputies}名，超过核定的内设机构领导职数{total}名")
    return warnings
