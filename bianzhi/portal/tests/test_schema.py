"""The published snapshot has one typed schema (issue 11, finding 2): the producers' output is checked against it
when a snapshot is built, so a renamed or missing field fails at publication — never silently on a public page."""
import typing

import pytest

from bianzhi.lists import services as lists_services
from bianzhi.portal import schema, sections
from bianzhi.portal.snapshot import REGISTRY_PUBLIC_FIELDS, SECTION_SCHEMAS, build_snapshot
from bianzhi.registry.models import Unit

pytestmark = pytest.mark.django_db


def test_every_demo_unit_builds_a_snapshot_of_the_schema(demo):
    for unit in Unit.objects.all():
        snap = build_snapshot(unit)  # raises SchemaError otherwise
        assert set(snap) >= {"schema", "unit", "sanding", "lists"}
        assert schema.problems({k: snap[k] for k in ("schema", "unit", "sanding", "lists")}, schema.Snapshot) == []
    assert SECTION_SCHEMAS["shimingzhi"] is not None  # the 实名制 section registers its schema too


def test_a_producer_that_renames_a_field_fails_at_publication(demo, monkeypatch):
    unit = Unit.objects.get(name="百色市教育局")
    original = lists_services.public_snapshot

    def renamed(u):
        data = original(u)
        for item in data["power_items"]:
            item["object"] = item.pop("target")  # an older name some reader might have guessed
        return data

    monkeypatch.setattr(lists_services, "public_snapshot", renamed)
    with pytest.raises(schema.SchemaError) as exc:
        build_snapshot(unit)
    assert "snapshot.lists.power_items[0].target：缺少" in exc.value.problems
    assert "snapshot.lists.power_items[0].object：结构中没有该字段" in exc.value.problems


def test_the_checker_names_wrong_types_and_nullable_fields():
    assert schema.problems({"code": "451000", "name": "百色市"}, schema.RegionRef) == []
    assert schema.problems({"code": 451000, "name": "百色市"}, schema.RegionRef) == [
        "snapshot.code：应为 str，实为 int"]
    assert schema.problems(None, schema.Statement | None) == []
    assert schema.problems([{"label": "援派机动编制", "count": "3"}], list[schema.Include]) == [
        "snapshot[0].count：应为 int，实为 str"]
    assert schema.problems(True, int) == ["snapshot：应为 int，实为 bool"]


def test_sections_read_the_schema_keys(demo):
    snap = build_snapshot(Unit.objects.get(name="百色市教育局"))
    assert sections.nature_text(snap) == snap["sanding"]["statement"]["text"]
    assert [d["text"] for d in sections.duties(snap)] == [d["text"] for d in snap["sanding"]["duties"]]
    assert [p["code"] for p in sections.power_items(snap)] == [p["code"] for p in snap["lists"]["power_items"]]
    staffing = {row["label"]: row["count"] for row in sections.staffing(snap)}
    for line in snap["sanding"]["staffing"]:
        assert staffing[line["label"]] == line["count"]


def test_nullable_registry_fields_are_typed_nullable():
    """A registry field that may be empty in the database (NULL) must be allowed None by the schema: found when
    a unit without 统一社会信用代码 failed to publish."""
    hints = typing.get_type_hints(schema.PublicUnit)
    for name in REGISTRY_PUBLIC_FIELDS:
        field = Unit._meta.get_field(name)
        accepts_none = schema.problems(None, hints[name]) == []
        assert accepts_none == field.null, name
