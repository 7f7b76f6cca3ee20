"""What changed between two snapshots or versions, each change citing the document that made it."""
from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass

from .models import (
    DutyRevision,
    SandingVersion,
    UnitStatement,
)
from .snapshot import Snapshot, snapshot
from .temporal import SandingError


# ------------------------------------------------------------------------------------------------ diff
@dataclass
class Change:
    section: str        # 职责 / 内设机构 / 编制 / …
    action: str         # added / removed / changed
    label: str          # what (name, text…)
    fields: list        # [(field label, old, new)]
    doc_number: str     # 文号 of the document that made the change
    note: str = ""

    @property
    def action_label(self):
        return {"added": "新增", "removed": "取消", "changed": "调整"}[self.action]

    @property
    def sentence(self) -> str:
        text = f"{self.section}{self.action_label}：{self.label}"
        if self.fields:
            text += "（" + "；".join(f"{f}由“{a}”改为“{b}”" for f, a, b in self.fields) + "）"
        if self.note and self.note not in text and not _generic_note(self.note):
            text += f"——{self.note}"
        return text

    def as_dict(self):
        return {"section": self.section, "action": self.action, "label": self.label,
                "fields": [{"field": f, "old": a, "new": b} for f, a, b in self.fields],
                "doc_number": self.doc_number, "note": self.note, "text": self.sentence}


_GENERIC_NOTES = {"新增职责", "取消职责", "职责表述调整", "职责顺序调整", "核定编制", "核定领导职数",
                  "核定内设机构领导职数", "修改机构性质和规格", "内设机构调整"}


def _generic_note(note: str) -> bool:
    return note in _GENERIC_NOTES or note.startswith("设立") or "调整为" in note


@dataclass
class Diff:
    unit: object
    old: Snapshot
    new: Snapshot
    changes: list

    def by_section(self):
        out = {}
        for c in self.changes:
            out.setdefault(c.section, []).append(c)
        return list(out.items())


_SECTIONS = [
    ("机构性质和规格", "statement", lambda r: r.nature_text[:60] + ("…" if len(r.nature_text) > 60 else ""),
     [("nature_text", "表述"), ("rank", "规格")]),
    ("职责", "duties", lambda r: r.text[:60] + ("…" if len(r.text) > 60 else ""),
     [("text", "内容"), ("kind", "类别"), ("position", "顺序")]),
    ("牌子", "plaques", lambda r: (f"{r.internal_body.name}：" if r.internal_body_id else "") + r.name,
     [("name", "名称"), ("kind", "方式")]),
    ("内设机构", "bodies", lambda r: r.name,
     [("name", "名称"), ("duty_text", "职责"), ("head_count", "正职职数"), ("deputy_count", "副职职数"),
      ("posts_note", "职数说明"), ("position", "顺序")]),
    ("编制", "staffing", lambda r: r.display_label, [("count", "数额"), ("includes", "其中含")]),
    ("领导职数", "head_posts", lambda r: r.title, [("count", "职数"), ("rank", "级别"), ("note", "说明")]),
    ("内设机构领导职数", "leadership", lambda r: r.level, [("count", "职数")]),
]


def _fmt(row, attr):
    value = getattr(row, attr)
    if attr == "rank" and hasattr(row, "get_rank_display") and isinstance(row, UnitStatement):
        return row.get_rank_display()
    if attr == "kind" and isinstance(row, DutyRevision):
        return row.get_kind_display()
    if attr == "includes":
        return "、".join(f"{i['label']}{i['count']}名" for i in value or []) or "无"
    return "" if value is None else str(value)


def _doc(row_new=None, row_old=None):
    version = row_new.opened_by if row_new is not None else None
    if version is None and row_old is not None and row_old.closed_by_id:
        version = row_old.closed_by
    if version is None:
        return ""
    return version.document.doc_number or version.document.doc_number_raw or version.document.title


def _longest_increasing(seq: list) -> set:
    """Indexes of one longest strictly increasing subsequence of `seq` (patience sorting, O(n log n))."""
    tails, tails_at, back = [], [], [None] * len(seq)
    for i, value in enumerate(seq):
        k = bisect.bisect_left(tails, value)
        back[i] = tails_at[k - 1] if k else None
        if k == len(tails):
            tails.append(value)
            tails_at.append(i)
        else:
            tails[k], tails_at[k] = value, i
    keep, i = set(), tails_at[-1] if tails_at else None
    while i is not None:
        keep.add(i)
        i = back[i]
    return keep


def moved_keys(old_rows: list, new_rows: list, group=lambda r: "") -> set:
    """Identities of the items a person actually moved from `old_rows` to `new_rows` (both in display order).

    Items added or removed shift the numbers of the others, and so does moving one item; neither is a move of
    the shifted items. Among the items present in both lists (per group — the duty kind), the largest set that
    kept its relative order did not move; every other common item did."""
    moved = set()
    groups = {group(r) for r in new_rows}
    for g in groups:
        old_keys = [type(r).identity_of(r) for r in old_rows if group(r) == g]
        new_keys = [type(r).identity_of(r) for r in new_rows if group(r) == g]
        rank = {k: i for i, k in enumerate(old_keys)}
        common = [k for k in new_keys if k in rank]
        keep = _longest_increasing([rank[k] for k in common])
        moved |= {k for i, k in enumerate(common) if i not in keep}
    return moved


_GROUPS = {"duties": lambda r: r.kind, "bodies": lambda r: ""}


def diff_snapshots(old: Snapshot, new: Snapshot) -> Diff:
    """Field- and item-level changes from `old` to `new`, each with the 文号 of the document that made it.

    A change of 顺序 is reported only for an item that was moved (not for items renumbered because another
    item was added, removed or moved)."""
    changes = []
    closers = _closers(old, new)
    for section, attr, label_of, fields in _SECTIONS:
        a, b = getattr(old, attr), getattr(new, attr)
        a = [a] if attr == "statement" and a else ([] if attr == "statement" else a)
        b = [b] if attr == "statement" and b else ([] if attr == "statement" else b)
        old_rows = {type(r).identity_of(r): r for r in a}
        new_rows = {type(r).identity_of(r): r for r in b}
        moved = moved_keys(a, b, _GROUPS[attr]) if attr in _GROUPS else set()
        for key, row in new_rows.items():
            before = old_rows.get(key)
            if before is None:
                changes.append(Change(section, "added", label_of(row), [], _doc(row), row.change_note))
            elif before.pk != row.pk:
                diffs = [(lab, _fmt(before, f), _fmt(row, f)) for f, lab in fields if _fmt(before, f) != _fmt(row, f)
                         and (f != "position" or key in moved)]
                if diffs:
                    shown = label_of(before) if attr != "duties" else label_of(row)
                    changes.append(Change(section, "changed", shown, diffs, _doc(row), row.change_note))
        for key, row in old_rows.items():
            if key not in new_rows:
                closer = closers.get((type(row), row.pk))
                changes.append(Change(section, "removed", label_of(row), [],
                                      _doc_of_version(closer) if closer else _doc(None, row),
                                      row.change_note))
    return Diff(unit=new.unit, old=old, new=new, changes=changes)


def _closers(old, new):
    """Versions that closed rows of `old` (one query per content type only when needed)."""
    ids = {}
    for _section, attr, *_ in _SECTIONS:
        rows = getattr(old, attr)
        rows = [rows] if attr == "statement" and rows else ([] if attr == "statement" else rows)
        for r in rows:
            if r.closed_by_id:
                ids[(type(r), r.pk)] = r.closed_by_id
    if not ids:
        return {}
    versions = SandingVersion.objects.select_related("document").in_bulk(set(ids.values()))
    return {k: versions.get(v) for k, v in ids.items()}


def _doc_of_version(version):
    if version is None:
        return ""
    return version.document.doc_number or version.document.doc_number_raw or version.document.title


def diff(unit, old_date: datetime.date, new_date: datetime.date) -> Diff:
    """What changed in the unit's approved 三定 between two dates."""
    return diff_snapshots(snapshot(unit, old_date), snapshot(unit, new_date))


def diff_versions(old: SandingVersion, new: SandingVersion) -> Diff:
    """What changed between the states two approved versions of the same unit produced."""
    if old.unit_id != new.unit_id:
        raise SandingError("只能比较同一单位的两个版本")
    return diff(new.unit, old.effective_date, new.effective_date)


def draft_changes(version: SandingVersion) -> Diff:
    """What the draft would change compared with the current approved state (preview)."""
    return diff_snapshots(snapshot(version.unit), snapshot(version.unit, draft=version))
