"""The published snapshot's one typed schema (issue 11): what `snapshot.build_snapshot` produces and what every
public format reads (the unit page, its xlsx / CSV / JSON / JSON-LD downloads, search, feeds — all through
`sections.py`).

The producers are `registry_public` (here in portal), `sanding.publication.public_snapshot` and
`lists.services.public_snapshot`; `build_snapshot` checks their output against these types before anything is
stored, so a producer that renames or drops a field fails at publication (and in the tests), never silently on a
public page. Dates are ISO strings (the snapshot is JSON).
"""
import types
import typing
from typing import TypedDict, Union


class RegionRef(TypedDict):
    code: str
    name: str


class ParentRef(TypedDict):
    id: int
    name: str
    relation: str


class UnitPlaque(TypedDict):
    name: str
    kind_label: str
    start_date: str | None


class RegistryBody(TypedDict):
    id: int
    name: str
    kind: str
    kind_label: str


class UnitRef(TypedDict):
    id: int
    name: str


class PublicUnit(TypedDict):
    id: int
    name: str
    short_name: str
    uscc: str | None
    org_code: str
    kind: str
    category: str
    rank: str
    funding_form: str
    institution_class: str
    level: str
    address: str
    postcode: str
    status: str
    established_on: str | None
    abolished_on: str | None
    kind_label: str
    category_label: str
    rank_label: str
    funding_form_label: str
    institution_class_label: str
    level_label: str
    status_label: str
    region: RegionRef
    parent: ParentRef | None
    plaques: list[UnitPlaque]
    internal_bodies: list[RegistryBody]
    successors: list[UnitRef]


class Statement(TypedDict):
    text: str
    rank: str
    rank_label: str
    doc_number: str


class SandingPlaque(TypedDict):
    name: str
    kind: str
    doc_number: str


class Duty(TypedDict):
    id: int
    kind: str
    kind_label: str
    position: int
    text: str
    doc_number: str


class SandingBody(TypedDict):
    id: int
    name: str
    duties: str
    head_count: int
    deputy_count: int
    posts_note: str
    plaques: list[str]
    doc_number: str


class Include(TypedDict):
    label: str
    count: int


class StaffingLine(TypedDict):
    type: str
    label: str
    count: int
    includes: list[Include]
    doc_number: str


class HeadPost(TypedDict):
    title: str
    count: int
    rank: str
    note: str
    doc_number: str


class LeadershipQuota(TypedDict):
    level: str
    count: int
    note: str
    doc_number: str


class HistoryEntry(TypedDict):
    id: int
    doc_number: str
    title: str
    issuing_organ: str
    document_id: int
    date: str
    kind: str
    kind_label: str
    status: str
    summary: list[str]


class Sanding(TypedDict):
    unit: UnitRef
    as_of: str | None
    draft: int | None
    statement: Statement | None
    plaques: list[SandingPlaque]
    duties: list[Duty]
    internal_bodies: list[SandingBody]
    staffing: list[StaffingLine]
    staffing_total: int
    head_posts: list[HeadPost]
    internal_leadership: list[LeadershipQuota]
    history: list[HistoryEntry]


class DutyLink(TypedDict):
    number: str
    text: str


class Stage(TypedDict):
    stage: str
    responsibility: str


class PowerItem(TypedDict):
    code: str
    name: str
    full_name: str
    main_item_code: str | None
    category: str
    unit: str
    internal_body: str
    target: str
    exercise_level: str
    statutory_limit: str
    promised_limit: str
    setting_basis: list[str]
    implementing_basis: list[str]
    duties: list[DutyLink]
    stages: list[Stage]
    accountability: str
    note: str


class ResponsibilityItem(TypedDict):
    kind: str
    name: str
    content: str
    basis: str
    accountability_scope: str
    division: str
    related_units: list[str]
    power_item_codes: list[str]
    duties: list[DutyLink]
    note: str


class ListCounts(TypedDict):
    power_items: int
    responsibility_items: int


class Lists(TypedDict):
    unit: str
    power_items: list[PowerItem]
    responsibility_items: list[ResponsibilityItem]
    counts: ListCounts


class Snapshot(TypedDict):
    """The core of every published unit; sections registered by higher apps (`register_section`) sit beside it
    under their own keys and are checked against the schema they register."""
    schema: int
    unit: PublicUnit
    sanding: Sanding
    lists: Lists


class SchemaError(Exception):
    """A producer's output does not match the schema; `problems` name each path (developer-facing)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("发布快照与约定的结构不一致：" + "；".join(problems[:10]))


def _name(tp) -> str:
    return getattr(tp, "__name__", str(tp))


def problems(value, tp, path: str = "snapshot") -> list[str]:
    """Every place where `value` does not match type `tp` (TypedDicts: exactly their keys)."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        options = typing.get_args(tp)
        if any(not problems(value, option, path) for option in options):
            return []
        return [f"{path}：应为 {' 或 '.join(_name(o) for o in options)}，实为 {type(value).__name__}"]
    if tp is type(None):
        return [] if value is None else [f"{path}：应为空值，实为 {type(value).__name__}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{path}：应为列表，实为 {type(value).__name__}"]
        (item_tp,) = typing.get_args(tp)
        out = []
        for i, item in enumerate(value):
            out += problems(item, item_tp, f"{path}[{i}]")
            if len(out) > 20:
                break
        return out
    if typing.is_typeddict(tp):
        if not isinstance(value, dict):
            return [f"{path}：应为 {tp.__name__}，实为 {type(value).__name__}"]
        hints = typing.get_type_hints(tp)
        out = [f"{path}.{k}：缺少" for k in hints if k not in value]
        out += [f"{path}.{k}：结构中没有该字段" for k in value if k not in hints]
        for k, sub in hints.items():
            if k in value:
                out += problems(value[k], sub, f"{path}.{k}")
        return out
    if tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, tp)
    return [] if ok else [f"{path}：应为 {_name(tp)}，实为 {type(value).__name__}"]


def check(snapshot: dict, extra_schemas: dict | None = None) -> None:
    """Raise SchemaError unless `snapshot` has exactly the core schema plus the registered sections' schemas."""
    core = {k: snapshot[k] for k in typing.get_type_hints(Snapshot) if k in snapshot}
    found = problems(core, Snapshot)
    for key, schema in (extra_schemas or {}).items():
        if key in snapshot and snapshot[key] is not None and schema is not None:
            found += problems(snapshot[key], schema, f"snapshot.{key}")
    if found:
        raise SchemaError(found)
