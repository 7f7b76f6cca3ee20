"""Writes and reads of 权力清单 / 责任清单 that touch several rows: one function per operation, one transaction.

Other apps call:
- `public_snapshot(unit)` (portal): the unit's power and responsibility items as JSON-serialisable data;
- `duty_link_problems(unit)` (workflow's submit guard): power items / 主要职责 responsibility items without a
  linked 三定职责 — these refuse the submission;
- `basis_problems(unit)` (workflow hint): power items without a basis;
- `submission_problems(unit)`: both of the above.
"""
from django.db import transaction
from django.db.models import Max

from bianzhi.core.text import search_key

from .citations import format_citation, format_citations, parse_basis
from .codes import code_format
from .duties import duty_labels, format_duty_refs
from .models import (
    Citation,
    CitationKind,
    Law,
    PowerItem,
    ResponsibilityItem,
    StageResponsibility,
    doc_number_key,
    law_key,
)
from .stages import format_stages, parse_stages


class ListsError(ValueError):
    """A business rule refused the operation (Chinese message)."""


# ------------------------------------------------------------------------------------------------ codes
def allocate_code(unit, category, parent: PowerItem | None = None) -> tuple[str, int]:
    """The next 编码 in the unit's region: `BIANZHI_POWER_CODE_FORMAT` for a 主项, 主项编码-NNN for a 子项."""
    region_id = unit.region_id
    taken = PowerItem._base_manager.filter(region_id=region_id)
    if parent is not None:
        n = parent.sub_items.count()
        while True:
            n += 1
            code = f"{parent.code}-{n:03d}"
            if not taken.filter(code=code).exists():
                return code, n
    serial = taken.filter(category__code_prefix=category.code_prefix, parent__isnull=True).aggregate(
        m=Max("code_serial"))["m"] or 0
    while True:
        serial += 1
        code = code_format().format(region=unit.region.code, prefix=category.code_prefix, serial=serial)
        if not taken.filter(code=code).exists():
            return code, serial


# ------------------------------------------------------------------------------------------------ citations
def match_law(name: str, doc_number: str = "", note: str = "录入清单时自动登记，待核实") -> tuple[Law, str]:
    """The register entry a citation of 《name》（doc_number） refers to, and a notice for the user ("" if none).

    An entry matches only when the law's name AND its 令号/文号 agree (a citation without a number matches the
    entry of that name). Otherwise a new entry marked 待核实 is registered and the notice says so — a citation
    is never silently attached to another number's entry."""
    candidates = list(Law.objects.filter(name_key=law_key(name)).order_by("needs_review", "id"))
    wanted = doc_number_key(doc_number)
    if not wanted:
        if candidates:
            return candidates[0], ""
    else:
        for law in candidates:
            if doc_number_key(law.doc_number) == wanted:
                return law, ""
    law = Law.objects.create(name=name, doc_number=doc_number[:100], level=Law.guess_level(name),
                             needs_review=True, note=note)
    shown = f"《{law.name}》" + (f"（{law.doc_number}）" if law.doc_number else "")
    others = "、".join(f"（{c.doc_number or '无文号'}）" for c in candidates)
    if candidates:
        notice = (f"法律法规库中的《{law.name}》为{others}，与引用的{shown}文号不一致；"
                  f"已按引用新登记{shown}（待核实），请核对引用或法规库")
    else:
        notice = f"法律法规库中没有{shown}，已新登记（待核实），请核对"
    return law, notice


def law_for(name: str, doc_number: str = "") -> Law:
    return match_law(name, doc_number)[0]


def set_citations(item: PowerItem, kind: str, text: str, notices: list | None = None) -> list[Citation]:
    """Replace the item's citations of one kind with those parsed from `text`; what the user must be told
    (a new 待核实 law, a 文号 that differs from the register) is appended to `notices`."""
    item.citations.filter(kind=kind).delete()
    created = []
    for pos, c in enumerate(parse_basis(text)):
        law = None
        if c.law:
            law, notice = match_law(c.law, c.doc_number)
            if notice and notices is not None and notice not in notices:
                notices.append(notice)
        created.append(Citation.objects.create(power_item=item, kind=kind, law=law, article=c.article[:300],
                                               text=c.text, position=pos))
    return created


def citations_text(item: PowerItem, kind: str, citations=None) -> str:

    rows = citations if citations is not None else item.citations.filter(kind=kind).select_related("law")
    return format_citations([(c.law.name if c.law_id else "", c.law.doc_number if c.law_id else "", c.article)
                             for c in rows if c.kind == kind])


def set_stages(item: PowerItem, text: str) -> list[StageResponsibility]:
    item.stage_responsibilities.all().delete()
    return [StageResponsibility.objects.create(power_item=item, stage=stage, content=content, position=pos)
            for pos, (stage, content) in enumerate(parse_stages(text))]


def stages_text(item: PowerItem) -> str:
    return format_stages([(s.stage, s.content) for s in item.stage_responsibilities.all()])


# ------------------------------------------------------------------------------------------------ items
@transaction.atomic
def create_power_item(unit, name: str, category, parent: PowerItem | None = None, **fields) -> PowerItem:
    item = PowerItem(unit=unit, region_id=unit.region_id, name=name, category=category, parent=parent, **fields)
    item.code, item.code_serial = allocate_code(unit, category, parent)
    item.save()
    return item


@transaction.atomic
def save_power_item(item: PowerItem, *, setting_basis: str | None = None, implementing_basis: str | None = None,
                    stages: str | None = None, duties=None, expected_version: int | None = None) -> PowerItem:
    """Save a power item from the form: allocate its 编码 if empty, then its citations, stages and duty links."""
    if item.parent_id and item.parent.unit_id != item.unit_id:
        raise ListsError("子项与所属主项必须属于同一实施部门")
    item.region_id = item.unit.region_id
    if not item.code:
        item.code, item.code_serial = allocate_code(item.unit, item.category, item.parent)
    elif PowerItem._base_manager.filter(region_id=item.region_id, code=item.code).exclude(pk=item.pk).exists():
        raise ListsError(f"编码“{item.code}”在本行政区划内已被使用")
    if setting_basis is not None or implementing_basis is not None:
        item.basis_pending = False
    item.save(expected_version=expected_version)
    item.notices = []  # what the form must tell the user (citations registered as 待核实)
    if setting_basis is not None:
        set_citations(item, CitationKind.SETTING, setting_basis, item.notices)
    if implementing_basis is not None:
        set_citations(item, CitationKind.IMPLEMENTING, implementing_basis, item.notices)
    if stages is not None:
        set_stages(item, stages)
    if duties is not None:
        item.duties.set(duties)
    return item


@transaction.atomic
def save_responsibility_item(item: ResponsibilityItem, *, duties=None, related_units=None, power_items=None,
                             expected_version: int | None = None) -> ResponsibilityItem:
    item.save(expected_version=expected_version)
    if duties is not None:
        item.duties.set(duties)
    if related_units is not None:
        item.related_units.set(related_units)
    if power_items is not None:
        item.power_items.set(power_items)
    return item


@transaction.atomic
def delete_item(item) -> None:
    item.delete()


# ------------------------------------------------------------------------------------------------ checks
def duty_link_problems(unit) -> list[str]:
    """The submission rule (workflow guard): every 权力事项 (主项) and every 责任事项 of kind 主要职责 is linked to
    at least one 三定职责. Empty when the unit may be submitted."""
    problems = []
    unlinked = PowerItem._base_manager.filter(unit=unit, duties__isnull=True, parent__isnull=True).order_by("code", "id")
    first = unlinked.values_list("code", "name").first()
    if first is not None:
        problems.append(f"{unlinked.count()} 个权力事项未关联三定职责（如 {first[0]} {first[1]}）："
                        "每个权力事项至少关联一项三定职责，才能提交")
    resp = ResponsibilityItem._base_manager.filter(unit=unit, kind="duty_task", duties__isnull=True).order_by("position", "id")
    first_name = resp.values_list("name", flat=True).first()
    if first_name is not None:
        problems.append(f"{resp.count()} 个责任事项（主要职责）未关联三定职责（如 {first_name}）")
    return problems


def basis_problems(unit) -> list[str]:
    """Power items without a 设定依据 or 实施依据 (a hint before submission, not a refusal)."""
    no_basis = (PowerItem._base_manager.filter(unit=unit, citations__isnull=True)
                .exclude(sub_items__isnull=False).distinct().order_by("code", "id"))
    first = no_basis.first()
    if first is None:
        return []
    return [f"{no_basis.count()} 个权力事项缺少设定依据或实施依据（如 {first.code} {first.name}）"]


def submission_problems(unit) -> list[str]:
    """What must be fixed before the unit's lists are submitted (empty when ready)."""
    return duty_link_problems(unit) + basis_problems(unit)


# ------------------------------------------------------------------------------------------------ publication
def public_snapshot(unit) -> dict:
    """The unit's 权力清单 and 责任清单 as JSON-serialisable data (for the public portal and its API)."""
    items = list(PowerItem._base_manager.filter(unit=unit).select_related("category", "internal_body", "parent")
                 .prefetch_related("citations__law", "stage_responsibilities", "duties")
                 .order_by("code", "id"))
    duty_ids = {d.pk for item in items for d in item.duties.all()}
    resp_items = list(ResponsibilityItem._base_manager.filter(unit=unit)
                      .prefetch_related("duties", "related_units", "power_items").order_by("kind", "position", "id"))
    duty_ids |= {d.pk for r in resp_items for d in r.duties.all()}
    refs = duty_labels(duty_ids)

    def duty_list(duties):
        out = []
        for d in duties:
            ref = refs.get(d.pk)
            out.append({"number": ref.label if ref else "", "text": ref.text if ref else ""})
        return out

    powers = []
    for item in items:
        cites = list(item.citations.all())
        powers.append({
            "code": item.code, "name": item.name, "full_name": item.full_name,
            "main_item_code": item.parent.code if item.parent_id else None,
            "category": item.category.name, "unit": unit.name,
            "internal_body": item.internal_body.name if item.internal_body_id else "",
            "target": item.target, "exercise_level": item.exercise_level,
            "statutory_limit": item.statutory_limit, "promised_limit": item.promised_limit,
            "setting_basis": [str(format_citation(c.law.name, c.law.doc_number, c.article) if c.law_id else c.text)
                              for c in cites if c.kind == CitationKind.SETTING],
            "implementing_basis": [str(format_citation(c.law.name, c.law.doc_number, c.article) if c.law_id
                                       else c.text) for c in cites if c.kind == CitationKind.IMPLEMENTING],
            "duties": duty_list(item.duties.all()),
            "stages": [{"stage": s.stage, "responsibility": s.content} for s in item.stage_responsibilities.all()],
            "accountability": item.accountability, "note": item.note,
        })
    responsibilities = [{
        "kind": r.get_kind_display(), "name": r.name, "content": r.content, "basis": r.basis,
        "accountability_scope": r.accountability_scope, "division": r.division,
        "related_units": [u.name for u in r.related_units.all()],
        "power_item_codes": [p.code for p in r.power_items.all()],
        "duties": duty_list(r.duties.all()), "note": r.note,
    } for r in resp_items]
    return {"unit": unit.name, "power_items": powers, "responsibility_items": responsibilities,
            "counts": {"power_items": len(powers), "responsibility_items": len(responsibilities)}}


def format_duties_for(item) -> str:
    refs = duty_labels([d.pk for d in item.duties.all()])
    return format_duty_refs([refs[d.pk].number for d in item.duties.all() if d.pk in refs])


__all__ = ["allocate_code", "match_law", "set_citations", "citations_text", "set_stages", "stages_text", "create_power_item",
           "save_power_item", "save_responsibility_item", "delete_item", "duty_link_problems", "basis_problems",
           "submission_problems", "public_snapshot",
           "ListsError", "search_key"]
