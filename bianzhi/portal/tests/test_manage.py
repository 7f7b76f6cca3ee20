"""Staff publication page: scoped list, withdrawal by administrators only, with a reason."""
from bianzhi.registry.models import Unit


def test_staff_page_lists_public_units_in_scope(client_for, published):
    page = client_for("jiaotong").get("/manage/portal/").content.decode()
    assert "百色市交通运输局" in page and "百色市教育局" not in page  # jiaotong's scope only
    assert "撤回公开" not in page  # clerks cannot withdraw
    admin_page = client_for("admin").get("/manage/portal/").content.decode()
    assert "百色市教育局" in admin_page and "撤回公开" in admin_page
    assert "公开管理" in admin_page  # menu entry


def test_anonymous_users_are_sent_to_login(client, published):
    response = client.get("/manage/portal/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_administrator_withdraws_with_a_reason(client_for, client, published):
    unit = Unit.objects.get(name="百色市审计局")
    admin = client_for("admin")
    response = admin.post(f"/manage/portal/units/{unit.pk}/unpublish/", {"reason": ""}, follow=True)
    assert "请填写撤回公开的理由" in response.content.decode()
    assert client.get(f"/unit/{unit.pk}/").status_code == 200
    response = admin.post(f"/manage/portal/units/{unit.pk}/unpublish/", {"reason": "机构改革"}, follow=True)
    assert "已撤回“百色市审计局”的公开" in response.content.decode()
    assert client.get(f"/unit/{unit.pk}/").status_code == 404
    # a clerk (or a second attempt) gets 404, nothing changes
    assert client_for("luru").post(f"/manage/portal/units/{unit.pk}/unpublish/", {"reason": "x"}).status_code == 404
    edu = Unit.objects.get(name="百色市教育局")
    assert client_for("luru").post(f"/manage/portal/units/{edu.pk}/unpublish/", {"reason": "x"}).status_code == 404
    assert client.get(f"/unit/{edu.pk}/").status_code == 200
