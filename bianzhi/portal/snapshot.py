"""The public view of one unit: an explicit allow-list of registry fields plus the 三定 and 清单 sections.

NEVER public (not copied, so they cannot appear on any page, download, API, sitemap or feed):
contact_name, contact_office_phone, contact_mobile, legal_representative (法定代表人: treated as not
public here for safety), note, uscc_legacy_reason, row_version, audit data.
"""
import json

from django.core.serializers.json import DjangoJSONEncoder

from bianzhi.lists import services as lists_services
from bianzhi.sanding import services as sanding_services

from . import schema

SNAPSHOT_SCHEMA = 1  # the version of `schema.Snapshot`

# The allow-list. Each entry: snapshot key -> Unit attribute. Anything not listed is not public.
REGISTRY_PUBLIC_FIELDS = [
    "name", "short_name", "uscc", "org_code", "kind", "category", "rank", "funding_form", "institution_class",
    "level", "address", "postcode", "status", "established_on", "abolished_on",
]
REGISTRY_LABELLED_FIELDS = ["kind", "category", "rank", "funding_form", "institution_class", "level", "status"]
NEVER_PUBLIC_FIELDS = ["contact_name", "contact_office_phone", "contact_mobile", "legal_representative", "note",
                       "uscc_legacy_reason"]


def _jsonable(data):
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))


def registry_public(unit) -> dict:
    data = {"id": unit.pk}
    for field in REGISTRY_PUBLIC_FIELDS:
        data[field] = getattr(unit, field)
    for field in REGISTRY_LABELLED_FIELDS:
        data[f"{field}_label"] = getattr(unit, f"get_{field}_display")() if getattr(unit, field) else ""
    data["region"] = {"code": unit.region.code, "name": unit.region.name}
    data["parent"] = ({"id": unit.parent_id, "name": unit.parent.name,
                       "relation": unit.parent_relation.name if unit.parent_relation_id else ""}
                      if unit.parent_id else None)
    data["plaques"] = [{"name": p.name, "kind_label": p.get_kind_display(), "start_date": p.start_date}
                       for p in unit.plaques.all() if p.end_date is None and p.internal_body_id is None]
    data["internal_bodies"] = [{"id": b.pk, "name": b.name, "kind": b.kind, "kind_label": b.get_kind_display()}
                               for b in unit.internal_bodies.all() if b.abolished_on is None and not b.pending]
    data["successors"] = [{"id": s.pk, "name": s.name} for s in unit.successors.all()]
    return data


# Sections higher apps add to every unit's snapshot (they cannot be imported from here): key -> callable(unit)
# returning JSON-able public data or None, and the template the public unit page includes for it (rendered with
# `section` = the stored data). Register in AppConfig.ready() with `register_section`.
SECTION_PROVIDERS: dict = {}
SECTION_TEMPLATES: dict = {}
SECTION_SCHEMAS: dict = {}


def register_section(key: str, provider, template: str = "", schema=None) -> None:
    """`schema`: the TypedDict the provider's data follows (checked at publication like the core sections)."""
    SECTION_PROVIDERS[key] = provider
    if template:
        SECTION_TEMPLATES[key] = template
    SECTION_SCHEMAS[key] = schema


def extra_sections(snapshot: dict) -> list[dict]:
    """The registered sections present in a published snapshot, with their templates, in registration order."""
    return [{"key": key, "template": template, "data": snapshot[key]}
            for key, template in SECTION_TEMPLATES.items() if snapshot.get(key)]


def build_snapshot(unit) -> dict:
    """The unit's public snapshot, checked against `schema.Snapshot` (raises schema.SchemaError otherwise)."""
    data = _jsonable({
        "schema": SNAPSHOT_SCHEMA,
        "unit": registry_public(unit),
        "sanding": sanding_services.public_snapshot(unit),
        "lists": lists_services.public_snapshot(unit),
        **{key: provider(unit) for key, provider in SECTION_PROVIDERS.items()},
    })
    schema.check(data, SECTION_SCHEMAS)
    return data
