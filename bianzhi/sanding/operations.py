"""The change operations on a draft (one function each, one transaction each): statement and rank, duties,
staffing, leadership posts and quotas, plaques, internal bodies, transfers between units."""
from __future__ import annotations

import uuid

from django.db.models import Max

from bianzhi.core.includes import format_includes
from bianzhi.core.text import nfkc, search_key
from bianzhi.registry.models import InternalBody, UnitRank

from .models import (
    Duty,
    DutyKind,
    DutyRevision,
    HeadPost,
    InternalBodyState,
    LeadershipQuota,
    SandingPlaque,
    StaffingLine,
    StaffingType,
    UnitStatement,
)
from .temporal import SandingError, _close, _companion, _count, _open, _replace, _rows, operation


# ------------------------------------------------------------------------------------------------ operations
@operation
def set_statement(version, nature_text: str, rank: str = "") -> UnitStatement:
    """Set the 机构性质和规格 statement (and rank)."""
    if rank and rank not in UnitRank.values:
        raise SandingError(f"机构规格“{rank}”无效")
    if not nfkc(nature_text):
        raise SandingError("机构性质和规格表述不能为空")
    row = _rows(UnitStatement, version).first()
    if row is None:
        return _open(UnitStatement, version, nature_text=nature_text.strip(), rank=rank)
    return _replace(row, version, "修改机构性质和规格", nature_text=nature_text.strip(), rank=rank or row.rank)


@operation
def change_rank(version, rank: str, nature_text: str | None = None) -> UnitStatement:
    """机构规格调整 (e.g. 正处级 → 副厅级), optionally with the new statement text."""
    if rank not in UnitRank.values:
        raise SandingError(f"机构规格“{rank}”无效")
    row = _rows(UnitStatement, version).first()
    label = UnitRank(rank).label
    if row is None:
        return _open(UnitStatement, version, f"机构规格调整为{label}", nature_text=nature_text or "", rank=rank)
    return _replace(row, version, f"机构规格由{row.get_rank_display() or '未定'}调整为{label}",
                    rank=rank, nature_text=nature_text if nature_text is not None else row.nature_text)


def _duty_row(version, duty) -> DutyRevision:
    row = _rows(DutyRevision, version, duty.unit).filter(duty=duty).first()
    if row is None:
        raise SandingError("该职责在此版本中已不存在")
    return row


def _next_position(version, kind) -> int:
    m = _rows(DutyRevision, version).filter(kind=kind).aggregate(m=Max("position"))["m"]
    return (m or 0) + 1


@operation
def add_duty(version, text: str, kind: str = DutyKind.MAIN, position: int | None = None) -> Duty:
    """职责增加: a new duty item (at the end of its kind unless `position` is given)."""
    text = (text or "").strip()
    if not text:
        raise SandingError("职责内容不能为空")
    if kind not in DutyKind.values:
        raise SandingError(f"职责类别“{kind}”无效")
    duty = Duty.objects.create(unit=version.unit)
    _open(DutyRevision, version, "新增职责", duty=duty, kind=kind, text=text, text_key=search_key(text),
          position=position if position is not None else _next_position(version, kind))
    return duty


@operation
def reword_duty(version, duty: Duty, text: str) -> DutyRevision:
    """职责表述调整."""
    text = (text or "").strip()
    if not text:
        raise SandingError("职责内容不能为空；如要取消该职责，请使用“取消职责”")
    row = _duty_row(version, duty)
    if row.text == text:
        return row
    return _replace(row, version, "职责表述调整", text=text, text_key=search_key(text))


@operation
def remove_duty(version, duty: Duty, note: str = "取消职责") -> None:
    """职责取消."""
    _close(_duty_row(version, duty), version, note)


@operation
def move_duty(version, duty: Duty, target_unit, *, acting_user) -> Duty:
    """职责划转: the duty ends in its unit and continues as a new Duty of `target_unit` (origin = old duty).

    Both units change by the same document; the other unit gets a companion draft approved together."""
    if target_unit.pk == duty.unit_id:
        raise SandingError("职责划入单位与划出单位相同")
    source_version = _companion(version, duty.unit, acting_user)
    target_version = _companion(version, target_unit, acting_user)
    row = _duty_row(source_version, duty)
    _close(row, source_version, f"职责划出至{target_unit.name}")
    new = Duty.objects.create(unit=target_unit, origin=duty)
    _open(DutyRevision, target_version, f"职责由{duty.unit.name}划入", duty=new, kind=row.kind, text=row.text,
          text_key=row.text_key, position=_next_position(target_version, row.kind))
    return new


@operation
def sync_duties(version, kind: str, items: list) -> dict:
    """Save a whole ordered duty list of one kind from the editor.

    `items` is the desired order: [(duty_id or None, text), …]. New items are added, changed texts reworded,
    missing ones removed and positions set — each as its own explicit change. Returns counts.
    """
    if kind not in DutyKind.values:
        raise SandingError(f"职责类别“{kind}”无效")
    current = {r.duty_id: r for r in _rows(DutyRevision, version).filter(kind=kind)}
    seen, stats = set(), {"added": 0, "reworded": 0, "removed": 0, "moved": 0}
    for index, (duty_id, text) in enumerate(items, start=1):
        text = (text or "").strip()
        if not text:
            raise SandingError(f"第{index}条职责内容为空")
        if duty_id:
            row = current.get(int(duty_id))
            if row is None:
                raise SandingError(f"第{index}条职责已不在此版本中（可能已被他人删除），请刷新后重试")
            seen.add(row.duty_id)
            changes = {}
            if row.text != text:
                changes.update(text=text, text_key=search_key(text))
                stats["reworded"] += 1
            if row.position != index:
                changes["position"] = index
                stats["moved"] += 1
            if changes:
                _replace(row, version, "职责表述调整" if "text" in changes else "职责顺序调整", **changes)
        else:
            duty = Duty.objects.create(unit=version.unit)
            _open(DutyRevision, version, "新增职责", duty=duty, kind=kind, text=text, text_key=search_key(text),
                  position=index)
            stats["added"] += 1
    for duty_id, row in current.items():
        if duty_id not in seen:
            _close(row, version, "取消职责")
            stats["removed"] += 1
    return stats


def _staffing_row(version, unit, staffing_type, label=""):
    return _rows(StaffingLine, version, unit).filter(staffing_type=staffing_type, label=label).first()


@operation
def set_staffing(version, staffing_type: str, count, includes: list | None = None, label: str = "",
                 note: str = "") -> StaffingLine | None:
    """核定/增减编制: set the number of one 编制 type (0 removes the line), with its “含…” breakdown."""
    if staffing_type not in StaffingType.values:
        raise SandingError(f"编制类型“{staffing_type}”无效")
    count = _count(count, StaffingType(staffing_type).label)
    includes = _clean_includes(includes, count)
    row = _staffing_row(version, version.unit, staffing_type, label)
    if row is None:
        if count == 0:
            return None
        return _open(StaffingLine, version, note or "核定编制", staffing_type=staffing_type, label=label,
                     count=count, includes=includes or [])
    if count == 0:
        _close(row, version, note or "核销编制")
        return None
    if row.count == count and (includes is None or row.includes == includes):
        return row
    if row.count != count:
        default_note = f"编制由{row.count}名调整为{count}名"
    else:  # the same total, another breakdown: say what changed, not "20名调整为20名"
        default_note = f"编制{count}名，其中含由“{format_includes(row.includes) or '无'}”调整为“{format_includes(includes) or '无'}”"
    return _replace(row, version, note or default_note, count=count,
                    includes=includes if includes is not None else row.includes)


def _clean_includes(includes, total):
    if includes is None:
        return None
    cleaned = []
    for item in includes:
        label = nfkc(item.get("label", ""))
        if not label:
            continue
        number = _count(item.get("count", 0), f"“含{label}”的数额")
        if number > total:
            raise SandingError(f"“含{label}{number}名”超过该类编制总数{total}名")
        cleaned.append({"label": label, "count": number})
    return cleaned


def _transfer(version, from_unit, to_unit, what: str, count, find_row, open_row, acting_user) -> tuple:
    """A quantity (编制 of one type, or 领导职数 of one level) goes from one unit to the other: both units
    change in this transaction, by the same document. Refused for the same unit, a zero count, a unit the
    acting user may not change, or a giving unit that would go below zero."""
    if from_unit.pk == to_unit.pk:
        raise SandingError("划出单位与划入单位相同")
    v_from, v_to = _companion(version, from_unit, acting_user), _companion(version, to_unit, acting_user)
    src = find_row(v_from, from_unit)
    have = src.count if src else 0
    if have - count < 0:
        raise SandingError(f"“{from_unit.name}”现有{what}{have}名，不能划出{count}名（划转后将为负数）")
    if have == count:
        _close(src, v_from, f"{what}{count}名划出至{to_unit.name}")
    else:
        _replace(src, v_from, f"{what}{count}名划出至{to_unit.name}", count=have - count)
    dst = find_row(v_to, to_unit)
    note = f"由{from_unit.name}划入{what}{count}名"
    if dst is None:
        open_row(v_to, note)
    else:
        _replace(dst, v_to, note, count=dst.count + count)
    return v_from, v_to


@operation
def transfer_staffing(version, from_unit, to_unit, staffing_type: str, count, label: str = "", *,
                      acting_user) -> tuple:
    """编制划转: `count` 编制 of one type go from one unit to another; both change in this transaction."""
    count = _count(count, "划转编制数")
    if count == 0:
        raise SandingError("划转编制数应大于0")
    return _transfer(version, from_unit, to_unit, StaffingType(staffing_type).label, count,
                     lambda v, unit: _staffing_row(v, unit, staffing_type, label),
                     lambda v, note: _open(StaffingLine, v, note, staffing_type=staffing_type, label=label,
                                           count=count, includes=[]),
                     acting_user)


@operation
def set_head_post(version, title: str, count, rank: str = "", note: str = "", position: int | None = None):
    """领导职数 of the unit's heads (count 0 removes the post)."""
    title = nfkc(title)
    if not title:
        raise SandingError("职务名称不能为空")
    count = _count(count, f"{title}职数")
    row = _rows(HeadPost, version).filter(title=title).first()
    if row is None:
        if count == 0:
            return None
        pos = position if position is not None else (_rows(HeadPost, version).aggregate(m=Max("position"))["m"] or 0) + 1
        return _open(HeadPost, version, "核定领导职数", title=title, count=count, rank=rank, note=note, position=pos)
    if count == 0:
        _close(row, version, "取消该领导职数")
        return None
    return _replace(row, version, f"{title}职数由{row.count}名调整为{count}名", count=count,
                    rank=rank or row.rank, note=note if note else row.note,
                    position=position if position is not None else row.position)


def _quota_row(version, unit, level):
    return _rows(LeadershipQuota, version, unit).filter(level=level).first()


@operation
def set_leadership_quota(version, level: str, count, note: str = ""):
    """内设机构领导职数 of one level (正科级 / 副科级 / 司局级 …); 0 removes it."""
    level = nfkc(level)
    if not level:
        raise SandingError("领导职数级别不能为空")
    count = _count(count, f"{level}领导职数")
    row = _quota_row(version, version.unit, level)
    if row is None:
        return _open(LeadershipQuota, version, "核定内设机构领导职数", level=level, count=count, note=note) if count else None
    if count == 0:
        _close(row, version, "取消该级领导职数")
        return None
    if row.count == count:
        return row
    return _replace(row, version, f"{level}领导职数由{row.count}名调整为{count}名", count=count)


@operation
def transfer_leadership(version, from_unit, to_unit, level: str, count, *, acting_user) -> tuple:
    """领导职数划转 between units (the same rules as 编制划转)."""
    level = nfkc(level)
    count = _count(count, "划转领导职数")
    if count == 0:
        raise SandingError("划转领导职数应大于0")
    return _transfer(version, from_unit, to_unit, f"{level}领导职数", count,
                     lambda v, unit: _quota_row(v, unit, level),
                     lambda v, note: _open(LeadershipQuota, v, note, level=level, count=count),
                     acting_user)


@operation
def add_plaque(version, name: str, internal_body=None, kind: str = "added") -> SandingPlaque:
    """加挂牌子 on the unit or on one of its internal bodies."""
    name = (name or "").strip()
    if not name:
        raise SandingError("牌子名称不能为空")
    if internal_body is not None and internal_body.unit_id != version.unit_id:
        raise SandingError("该内设机构不属于本单位")
    existing = _rows(SandingPlaque, version).filter(name=name, internal_body=internal_body)
    if existing.exists():
        raise SandingError(f"已有牌子“{name}”")
    where = f"{internal_body.name}" if internal_body else "本单位"
    return _open(SandingPlaque, version, f"{where}加挂“{name}”牌子", key=uuid.uuid4().hex, name=name,
                 internal_body=internal_body, kind=kind)


@operation
def remove_plaque(version, plaque: SandingPlaque) -> None:
    """撤销牌子."""
    row = _rows(SandingPlaque, version).filter(key=plaque.key).first()
    if row is None:
        raise SandingError("该牌子在此版本中已不存在")
    _close(row, version, f"撤销“{row.name}”牌子")


def _body_row(version, body) -> InternalBodyState:
    row = _rows(InternalBodyState, version).filter(body=body).first()
    if row is None:
        raise SandingError("该内设机构在此版本中已不存在")
    return row


@operation
def create_internal_body(version, name: str, duty_text: str = "", head_count=0, deputy_count=0,
                         kind: str = "numbered", position: int | None = None, posts_note: str = "",
                         body: InternalBody | None = None) -> InternalBody:
    """设立内设机构 (creates the registry identity unless an existing `body` of this unit is given)."""
    name = (name or "").strip()
    if not name:
        raise SandingError("内设机构名称不能为空")
    if _rows(InternalBodyState, version).filter(name=name).exists():
        raise SandingError(f"本单位已有名为“{name}”的内设机构")
    head_count, deputy_count = _count(head_count, "正职领导职数"), _count(deputy_count, "副职领导职数")
    if position is None:
        position = (_rows(InternalBodyState, version).aggregate(m=Max("position"))["m"] or 0) + 1
    if body is None:
        body = InternalBody.objects.create(unit=version.unit, name=name, kind=kind, sort_order=position,
                                           established_on=version.effective_date, document=version.document,
                                           pending=True)  # enters the register when the version is approved
    elif body.unit_id != version.unit_id:
        raise SandingError("该内设机构不属于本单位")
    _open(InternalBodyState, version, f"设立{name}", body=body, name=name, kind=kind, position=position,
          duty_text=duty_text.strip(), head_count=head_count, deputy_count=deputy_count, posts_note=posts_note)
    return body


@operation
def update_internal_body(version, body: InternalBody, **changes) -> InternalBodyState:
    """Change an internal body's name, duty text, posts or order (each change is dated by this version)."""
    allowed = {"name", "duty_text", "head_count", "deputy_count", "posts_note", "position", "kind"}
    unknown = set(changes) - allowed
    if unknown:
        raise SandingError(f"不能修改内设机构的字段：{'、'.join(sorted(unknown))}")
    row = _body_row(version, body)
    notes = []
    if "name" in changes:
        changes["name"] = (changes["name"] or "").strip()
        if not changes["name"]:
            raise SandingError("内设机构名称不能为空")
        if changes["name"] != row.name:
            if _rows(InternalBodyState, version).filter(name=changes["name"]).exclude(body=body).exists():
                raise SandingError(f"本单位已有名为“{changes['name']}”的内设机构")
            notes.append(f"“{row.name}”更名为“{changes['name']}”")
    for key in ("head_count", "deputy_count"):
        if key in changes:
            changes[key] = _count(changes[key], "领导职数")
    if "duty_text" in changes:
        changes["duty_text"] = (changes["duty_text"] or "").strip()
        if changes["duty_text"] != row.duty_text:
            notes.append(f"{changes.get('name', row.name)}职责调整")
    changes = {k: v for k, v in changes.items() if getattr(row, k) != v}
    if not changes:
        return row
    if {"head_count", "deputy_count"} & set(changes):
        notes.append(f"{changes.get('name', row.name)}领导职数调整")
    return _replace(row, version, "；".join(notes) or "内设机构调整", **changes)


def rename_internal_body(version, body, new_name: str, expected_version=None):
    """内设机构更名."""
    return update_internal_body(version, body, name=new_name, expected_version=expected_version)


@operation
def abolish_internal_body(version, body: InternalBody) -> None:
    """撤销内设机构 (its plaques end with it)."""
    row = _body_row(version, body)
    for plaque in _rows(SandingPlaque, version).filter(internal_body=body):
        _close(plaque, version, f"随{row.name}撤销")
    _close(row, version, f"撤销{row.name}")
