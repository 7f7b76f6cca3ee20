"""Role × object × channel: each role sees and edits exactly its scope, on pages and API alike.
An out-of-scope object answers 404, exactly like an object that does not exist."""
import pytest

from bianzhi.core.audit_models import AuditLogEntry
from bianzhi.core.locks import is_unit_locked
from bianzhi.registry.models import Unit

EDU = "百色市教育局"
EDU_CHILD = "百色市招生考试院"
FINANCE = "百色市财政局"
TRANSPORT = "百色市交通运输局"
TRANSPORT_CHILD = "百色市公路发展中心"
POLICE = "百色市公安局"
YOUJIANG = "百色市右江区教育局"
YOUJIANG_CHILD = "百色市右江区教学研究室"
TIANYANG = "百色市田阳区教育局"
ALL = [EDU, EDU_CHILD, FINANCE, TRANSPORT, TRANSPORT_CHILD, POLICE, YOUJIANG, YOUJIANG_CHILD, TIANYANG]

# role: (units it may view, units it may change)
SCOPE = {
    "admin": (ALL, ALL),
    "lingdao": (ALL, []),
    "shenhe": (ALL, []),
    "luru": ([EDU, EDU_CHILD, FINANCE], [EDU, EDU_CHILD, FINANCE]),
    "jiaotong": ([TRANSPORT, TRANSPORT_CHILD], [TRANSPORT, TRANSPORT_CHILD]),
    "jiaoyu": ([EDU, EDU_CHILD], []),
    "youjiang": ([YOUJIANG, YOUJIANG_CHILD], [YOUJIANG, YOUJIANG_CHILD]),
}
CASES = [(role, name) for role in SCOPE for name in ALL]


@pytest.fixture
def units(demo):
    return {u.name: u for u in Unit.objects.filter(name__in=ALL)}


@pytest.mark.parametrize("role,name", CASES)
def test_pages(role, name, units, client_for):
    can_view, can_change = (name in SCOPE[role][0]), (name in SCOPE[role][1])
    client, unit = client_for(role), units[name]
    assert client.get(f"/manage/units/{unit.pk}/").status_code == (200 if can_view else 404)
    # a locked unit's edit form is not offered (403 with the reason), out of scope stays 404
    edit = 200 if can_change and not is_unit_locked(unit) else (403 if can_change else 404)
    assert client.get(f"/manage/units/{unit.pk}/edit/").status_code == edit
    assert client.get(f"/manage/units/{unit.pk}/internal-bodies/new/").status_code == (200 if can_change else 404)
    listing = client.get("/manage/units/?q=" + name).content.decode()
    assert (f'/manage/units/{unit.pk}/"' in listing) == can_view


@pytest.mark.parametrize("role,name", CASES)
def test_api(role, name, units, api_for):
    can_view, can_change = (name in SCOPE[role][0]), (name in SCOPE[role][1])
    api, unit = api_for(role), units[name]
    assert api.get(f"/api/v1/units/{unit.pk}/").status_code == (200 if can_view else 404)
    response = api.patch(f"/api/v1/units/{unit.pk}/", {"short_name": "测试简称"}, format="json",
                         HTTP_IF_MATCH=str(unit.row_version))
    assert response.status_code == (200 if can_change else 404), response.content
    listed = {u["id"] for u in api.get("/api/v1/units/?limit=500").json()["results"]}
    assert (unit.pk in listed) == can_view


@pytest.mark.parametrize("role", SCOPE)
def test_lists_contain_exactly_the_scope(role, client_for, api_for, demo):
    from bianzhi.accounts.scope import allowed_units

    user = client_for(role)  # noqa: F841 (logs in)
    from bianzhi.accounts.models import User

    expected = set(allowed_units(User.objects.get(username=role)).values_list("name", flat=True))
    names = {u["name"] for u in api_for(role).get("/api/v1/units/?limit=500").json()["results"]}
    assert names == expected
    if role in ("admin", "lingdao", "shenhe"):
        assert len(names) == Unit.objects.count()


def test_a_missing_object_and_a_forbidden_one_look_the_same(units, client_for, api_for):
    forbidden = units[POLICE].pk
    missing = Unit.objects.order_by("-pk").first().pk + 1000
    page_a = client_for("luru").get(f"/manage/units/{forbidden}/")
    page_b = client_for("luru").get(f"/manage/units/{missing}/")
    assert page_a.status_code == page_b.status_code == 404
    api_a = api_for("luru").get(f"/api/v1/units/{forbidden}/")
    api_b = api_for("luru").get(f"/api/v1/units/{missing}/")
    assert api_a.status_code == api_b.status_code == 404
    assert api_a.json() == api_b.json() == {"detail": "未找到该对象，或您无权访问。"}


def test_audit_log_of_a_unit_is_visible_only_to_those_who_see_the_unit(units, client_for):
    police = units[POLICE]
    entry = AuditLogEntry.objects.filter(unit_id=police.pk).first()
    assert entry is not None
    assert client_for("admin").get(f"/manage/audit/{entry.pk}/").status_code == 200
    assert client_for("lingdao").get(f"/manage/audit/{entry.pk}/").status_code == 200
    assert client_for("luru").get(f"/manage/audit/{entry.pk}/").status_code == 404
    listing = client_for("luru").get(f"/manage/audit/?unit={police.pk}").content.decode()
    assert f"/manage/audit/{entry.pk}/" not in listing


def test_anonymous_users_are_sent_to_login_and_the_api_refuses_them(units, client):
    unit = units[EDU]
    response = client.get(f"/manage/units/{unit.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/units/").status_code in (401, 403)


def test_token_authentication(units, users):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    token = Token.objects.create(user=users["luru"])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(f"/api/v1/units/{units[EDU].pk}/").status_code == 200
    assert api.get(f"/api/v1/units/{units[POLICE].pk}/").status_code == 404
