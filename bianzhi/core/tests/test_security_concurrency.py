"""Finding 9 (issue 15, optimistic concurrency): without If-Match 49 of 50 concurrent updates were lost —
concurrency control was opt-in. Now every API write of a versioned record needs If-Match (428 without it,
409 when stale) and every edit form carries its version."""
import pytest

from bianzhi.documents.models import ApprovalDocument
from bianzhi.registry.models import Unit


@pytest.fixture
def unit(demo):
    return Unit.objects.get(name="百色市财政局")


def test_patch_put_delete_without_if_match_get_428_in_chinese(api_for, unit):
    api = api_for("admin")
    before = unit.row_version
    for method in ("patch", "put", "delete"):
        response = getattr(api, method)(f"/api/v1/units/{unit.pk}/", {"short_name": "无版本"}, format="json")
        assert response.status_code == 428, (method, response.content)
        assert "If-Match" in response.json()["detail"] and "row_version" in response.json()["detail"]
    doc = ApprovalDocument.objects.order_by("id").first()
    assert api.patch(f"/api/v1/documents/{doc.pk}/", {"title": "无版本"}, format="json").status_code == 428
    unit.refresh_from_db()
    assert unit.row_version == before and unit.short_name != "无版本"


def test_stale_if_match_is_409_and_current_one_saves(api_for, unit):
    api = api_for("admin")
    stale = api.patch(f"/api/v1/units/{unit.pk}/", {"short_name": "旧版本"}, format="json",
                      HTTP_IF_MATCH=str(unit.row_version - 1 if unit.row_version > 1 else 999))
    assert stale.status_code == 409 and "其他用户修改" in stale.json()["detail"]
    ok = api.patch(f"/api/v1/units/{unit.pk}/", {"short_name": "新简称"}, format="json",
                   HTTP_IF_MATCH=f'"{unit.row_version}"')
    assert ok.status_code == 200 and ok.json()["row_version"] == unit.row_version + 1


def test_out_of_scope_record_stays_404_without_if_match(api_for, unit):
    """The precondition is checked after the scope: a record outside it does not reveal itself."""
    outside = Unit.objects.get(name="百色市教育局")
    response = api_for("jiaotong").patch(f"/api/v1/units/{outside.pk}/", {"short_name": "x"}, format="json")
    assert response.status_code == 404


def test_edit_form_without_version_is_refused(client_for, unit):
    from django.forms.models import model_to_dict

    data = {k: v for k, v in model_to_dict(unit).items() if v is not None and k not in ("successors",)}
    data["short_name"] = "表单无版本"
    response = client_for("admin").post(f"/manage/units/{unit.pk}/edit/", data)
    assert response.status_code == 200 and "缺少版本号" in response.content.decode()
    unit.refresh_from_db()
    assert unit.short_name != "表单无版本"
