"""Finding 8 (issue 15): county scope on writes is checked on the target values, not only on the object.
The probe: `youjiang` (右江区编办) created a unit in 451000 and moved unit 31 to 451081 through the API."""
from bianzhi.registry.models import Region, Unit


def _new_unit(region_code, **extra):
    return {"name": "百色市越权新建测试中心", "kind": "institution", "category": "institution",
            "region_code": region_code, "level": "county", **extra}


def test_county_cannot_create_a_unit_outside_its_region(api_for, users):
    api = api_for("youjiang")
    before = Unit.objects.count()
    response = api.post("/api/v1/units/", _new_unit("451000"), format="json")
    assert response.status_code == 400, response.content
    assert "数据范围" in str(response.json())
    assert Unit.objects.count() == before


def test_county_still_creates_units_in_its_region(api_for):
    response = api_for("youjiang").post("/api/v1/units/", _new_unit("451002", name="右江区范围内新建测试中心"),
                                        format="json")
    assert response.status_code == 201, response.content
    assert Unit.objects.get(pk=response.json()["id"]).region.code == "451002"


def test_county_cannot_move_its_unit_to_another_county(api_for):
    unit = Unit.objects.get(pk=31)
    assert unit.region.code.startswith("451002")
    response = api_for("youjiang").patch(f"/api/v1/units/{unit.pk}/", {"region_code": "451081"}, format="json",
                                         HTTP_IF_MATCH=str(unit.row_version))
    assert response.status_code in (400, 409), response.content
    unit.refresh_from_db()
    assert unit.region.code == "451002"


def test_county_cannot_hang_a_unit_under_a_city_department(api_for):
    unit = Unit.objects.get(pk=31)
    city_unit = Unit.objects.filter(region__code="451000").first()
    response = api_for("youjiang").patch(f"/api/v1/units/{unit.pk}/", {"parent": city_unit.pk}, format="json",
                                         HTTP_IF_MATCH=str(unit.row_version))
    assert response.status_code in (400, 409), response.content
    unit.refresh_from_db()
    assert unit.parent_id != city_unit.pk


def test_county_form_refuses_another_region(client_for):
    city = Region.objects.get(code="451000")
    response = client_for("youjiang").post("/manage/units/new/", {**_new_unit(""), "region": city.pk})
    assert response.status_code == 200  # the form again, with the error
    assert not Unit.objects.filter(name="百色市越权新建测试中心").exists()
