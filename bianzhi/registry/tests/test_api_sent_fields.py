"""A unit PATCH's serializer has only the fields the request sends (`core.api.sent_fields_only`, issue 14 item 3):
the same validated data and the same errors as with all of its fields, and every rule of the save kept — the audit entry
with the whole before- and after-image of exactly the changed field, If-Match / 409 in Chinese, 400s in Chinese."""
import pytest
from django.http import QueryDict
from rest_framework.test import APIRequestFactory

from bianzhi.accounts.scope import allowed_units
from bianzhi.core.api import sent_fields_only
from bianzhi.core.audit import snapshot
from bianzhi.core.models import AuditLogEntry
from bianzhi.registry.api import serializers as unit_serializers
from bianzhi.registry.api import views as unit_views
from bianzhi.registry.api.serializers import UnitSerializer
from bianzhi.registry.models import Unit

pytestmark = pytest.mark.django_db
ALL = len(UnitSerializer.Meta.fields)


def _serializer(user, unit, data, *, only):
    request = APIRequestFactory().patch(f"/api/v1/units/{unit.pk}/")
    request.user = user
    serializer = UnitSerializer(unit, data=data, partial=True, context={"request": request})
    if only:
        sent_fields_only(serializer)
    return serializer


def _validated(user, unit_pk, data, *, only):
    unit = Unit.objects.select_related("region", "parent_relation").get(pk=unit_pk)
    serializer = _serializer(user, unit, data, only=only)
    valid = serializer.is_valid()
    return valid, dict(serializer.errors), dict(serializer.validated_data) if valid else None


def bodies(clerk_unit, outside):
    """PATCH bodies, valid and not: one field, several, unknown keys, read-only keys, wrong types, a parent outside
    the scope, model rules (USCC, dates), an empty body, a form's QueryDict, not an object at all."""
    form = QueryDict(mutable=True)
    form.update({"note": "表单", "sort_order": "x"})
    return [
        {"note": "一个字段"},
        {"note": "两个", "sort_order": 7},
        {"note": "未知键", "no_such_field": 1, "plaques": [], "row_version": 999, "created_at": "x"},
        {"sort_order": "不是数字"},
        {"name": None},
        {"name": ""},
        {"uscc": "123"},
        {"region_code": "000000000000"},
        {"parent": outside.pk},
        {"parent": "abc"},
        {"parent_relation": "no-such-type"},
        {"status": "no-such-status"},
        {"established_on": "2020-02-30"},
        {"established_on": "2020-01-01", "abolished_on": "2019-01-01"},
        {"uscc": "123", "sort_order": "x", "name": ""},
        {},
        form,
        ["note", "列表"],
        "文本",
    ]


def test_a_patch_validates_and_refuses_exactly_as_with_every_field(users):
    clerk = users["luru"]
    unit = allowed_units(clerk, "change").order_by("pk").first()
    outside = Unit.objects.exclude(pk__in=allowed_units(clerk, "change").values("pk")).order_by("pk").first()
    for data in bodies(unit, outside):
        assert _validated(clerk, unit.pk, data, only=True) == _validated(clerk, unit.pk, data, only=False), data


def test_only_the_sent_fields_are_built_for_a_json_body(users):
    clerk = users["luru"]
    unit = allowed_units(clerk, "change").order_by("pk").first()
    assert list(_serializer(clerk, unit, {"note": "x", "name": "y", "nope": 1}, only=True).fields) == ["name", "note"]
    assert len(_serializer(clerk, unit, ["note"], only=True).fields) == ALL  # not an object: DRF's own error
    full = UnitSerializer(unit, data={"note": "x"}, context={})  # not partial (PUT): every field
    sent_fields_only(full)
    assert len(full.fields) == ALL
    # the class's built fields are untouched: the next serializer has all of them
    assert len(UnitSerializer(unit).fields) == ALL


def test_a_one_field_patch_audits_that_field_and_answers_the_whole_unit(users, client_for, monkeypatch):
    clerk = users["luru"]
    unit = allowed_units(clerk, "change").filter(parent__isnull=False).order_by("pk").first()
    client = client_for("luru")
    url = f"/api/v1/units/{unit.pk}/"
    version = client.get(url).json()["row_version"]
    built = []
    original = unit_serializers.UnitSerializer.get_fields
    monkeypatch.setattr(unit_serializers.UnitSerializer, "get_fields",
                        lambda self: built.append(original(self)) or built[-1])
    before = snapshot(Unit._base_manager.get(pk=unit.pk))
    response = client.patch(url, {"note": "只改备注"}, content_type="application/json", HTTP_IF_MATCH=str(version))
    assert response.status_code == 200, response.content
    assert [list(fields) for fields in built] == [["note"]]
    monkeypatch.undo()
    assert response.content == client.get(url).content  # the whole unit, as a read shows it
    entry = AuditLogEntry.objects.filter(model="unit", object_id=str(unit.pk)).order_by("id").last()
    after = snapshot(Unit._base_manager.get(pk=unit.pk))
    assert entry.before == before and entry.after == after
    assert {key for key in after if after[key] != before[key]} == {"note", "row_version", "updated_at"}
    assert after["row_version"] == version + 1
    # a stale If-Match: 409 with the Chinese message, nothing written, no entry
    count = AuditLogEntry.objects.filter(model="unit", object_id=str(unit.pk)).count()
    stale = client.patch(url, {"note": "过期"}, content_type="application/json", HTTP_IF_MATCH=str(version))
    assert stale.status_code == 409 and "该记录已被其他用户修改" in stale.json()["detail"]
    assert Unit.objects.get(pk=unit.pk).note == "只改备注"
    assert AuditLogEntry.objects.filter(model="unit", object_id=str(unit.pk)).count() == count


def test_a_refused_patch_answers_the_same_400_as_with_every_field(users, client_for, monkeypatch):
    clerk = users["luru"]
    unit = allowed_units(clerk, "change").order_by("pk").first()
    outside = Unit.objects.exclude(pk__in=allowed_units(clerk, "change").values("pk")).order_by("pk").first()
    client = client_for("luru")
    url = f"/api/v1/units/{unit.pk}/"
    version = client.get(url).json()["row_version"]
    for data in ({"uscc": "123", "sort_order": "x"}, {"parent": outside.pk}, {"name": ""},
                 {"established_on": "2020-01-01", "abolished_on": "2019-01-01"}):
        sent = client.patch(url, data, content_type="application/json", HTTP_IF_MATCH=str(version))
        with monkeypatch.context() as m:
            m.setattr(unit_views, "sent_fields_only", lambda serializer: None)
            every = client.patch(url, data, content_type="application/json", HTTP_IF_MATCH=str(version))
        assert sent.status_code == every.status_code == 400 and sent.json() == every.json(), data
    assert Unit.objects.get(pk=unit.pk).row_version == version
