"""Pages and API: dashboards (read-only for 领导), xlsx export, the package page, transitions through the page
and the API with their Chinese refusals, the notification bell, campaigns."""
import io

from openpyxl import load_workbook

from bianzhi.workflow import services
from bianzhi.workflow.models import DataPackage, Notification, PackageState


def test_dashboard_for_leadership_is_read_only_and_complete(demo, client_for):
    page = client_for("lingdao").get("/manage/workflow/")
    body = page.content.decode()
    assert page.status_code == 200
    summary = page.context["summary"]
    assert summary["total"] == 37
    assert summary["counts"]["published"] >= 2 and summary["counts"]["approved"] == 4
    assert summary["on_hold"] == 4
    assert "百色市公安局" in body and "材料未按时报送" in body
    assert "chart-4.6.1.umd.min.js" in body and 'id="chart-data"' in body
    regions = {g["name"]: g for g in page.context["regions"]}
    assert regions["右江区"]["total"] >= 4
    groups = {g["name"] for g in page.context["groups"]}
    assert "市编办第一录入组" in groups
    # read-only: no action is offered to the leadership on a package
    package = DataPackage.objects.get(unit__name="百色市发展和改革委员会", is_current=True)
    detail = client_for("lingdao").get(f"/manage/workflow/packages/{package.pk}/").content.decode()
    assert "当前状态下没有您可执行的操作" in detail and "data-transition" not in detail


def test_dashboard_export_xlsx(demo, client_for):
    response = client_for("admin").get("/manage/workflow/export.xlsx")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    rows = list(wb["单位进度"].iter_rows(values_only=True))
    assert rows[0][:5] == ("行政区划", "单位", "统一社会信用代码", "材料", "数据包状态")
    by_unit = {r[1]: r for r in rows[1:]}
    assert by_unit["百色市卫生健康委员会"][4] == "已公开"
    assert by_unit["百色市交通运输局"][4] == "录入中（部门退回）"
    assert by_unit["百色市公安局"][3] == "未报送" and by_unit["百色市公安局"][8] == "是"
    assert wb["汇总"].cell(row=2, column=2).value == 37


def test_dashboard_is_scoped(demo, client_for):
    page = client_for("jiaotong").get("/manage/workflow/")
    names = {r["unit"].name for r in page.context["rows"]}
    assert names == {"百色市交通运输局", "百色市交通运输综合行政执法支队", "百色市公路发展中心"}
    export = load_workbook(io.BytesIO(client_for("jiaotong").get("/manage/workflow/export.xlsx").content))
    assert export["单位进度"].max_row == 4


def test_walk_through_the_pages_with_comments_and_bell(base, clients):
    luru, jiaoyu = clients("luru"), clients("jiaoyu")
    unit = base.unit("百色市教育局")
    response = luru.get(f"/manage/workflow/units/{unit.pk}/package/")
    assert response.status_code == 302
    url = response["Location"]
    package = DataPackage.objects.get(unit=unit)
    assert "data-transition=\"submit\"" in luru.get(url).content.decode()
    luru.post(f"/manage/workflow/packages/{package.pk}/fire/submit/")
    assert DataPackage.objects.get(pk=package.pk).state == PackageState.PENDING_CONFIRM
    home = jiaoyu.get("/manage/workflow/").content.decode()
    assert 'data-testid="bell-count">1<' in home
    body = unit.internal_bodies.get(name="人事科")
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(body)
    jiaoyu.post(f"/manage/workflow/packages/{package.pk}/comments/", {"target": f"{ct.pk}:{body.pk}",
                                                                      "text": "人事科名称应为组织人事科"})
    detail = jiaoyu.get(url).content.decode()
    assert "内设机构：百色市教育局 人事科" in detail and "人事科名称应为组织人事科" in detail
    refused = jiaoyu.post(f"/manage/workflow/packages/{package.pk}/fire/confirm/", follow=True).content.decode()
    assert "尚有未处理的意见 1 条" in refused
    jiaoyu.post(f"/manage/workflow/packages/{package.pk}/fire/dept_return/", {"comment": "请修改"})
    assert Notification.objects.filter(recipient=base.users["luru"], read_at__isnull=True).count() == 1
    comment = package.comments.get()
    luru.post(f"/manage/workflow/comments/{comment.pk}/resolve/", {"resolution": "已改"})
    luru.post(f"/manage/workflow/packages/{package.pk}/fire/submit/")
    assert DataPackage.objects.get(pk=package.pk).state == PackageState.PENDING_CONFIRM
    note = Notification.objects.filter(recipient=base.users["luru"]).first()
    response = luru.post(f"/manage/workflow/notifications/{note.pk}/read/")
    assert response["Location"] == f"/manage/workflow/packages/{package.pk}/"
    assert 'data-testid="bell-count"' not in luru.get("/manage/workflow/notifications/").content.decode()
    # another user's notice cannot be read or marked
    assert jiaoyu.post(f"/manage/workflow/notifications/{note.pk}/read/").status_code == 404
    # out of scope package: 404
    assert clients("jiaotong").get(url).status_code == 404


def test_api_transitions_and_refusals(base, package_of):
    from rest_framework.test import APIClient

    package = package_of("百色市招生考试院")
    c = APIClient()
    c.force_authenticate(base.users["luru"])
    response = c.post(f"/api/v1/workflow/packages/{package.pk}/transitions/", {"name": "submit"}, format="json")
    assert response.status_code == 400
    assert response.json()["reasons"] == ["主管部门「百色市教育局」尚未提交：请先录入并提交主管部门，再提交其所属单位"]
    parent = package_of("百色市教育局")
    ok = c.post(f"/api/v1/workflow/packages/{parent.pk}/transitions/", {"name": "submit"}, format="json")
    assert ok.status_code == 200 and ok.json()["state"] == "pending_confirm"
    history = c.get(f"/api/v1/workflow/packages/{parent.pk}/history/").json()
    assert history[0]["name"] == "submit" and history[0]["user"] == "luru"
    other = APIClient()
    other.force_authenticate(base.users["jiaotong"])
    assert other.get(f"/api/v1/workflow/packages/{parent.pk}/").status_code == 404
    assert other.post(f"/api/v1/workflow/packages/{parent.pk}/transitions/", {"name": "confirm"},
                      format="json").status_code == 404


def test_campaign_pages(base, clients):
    admin = clients("admin")
    assert "2017年机构编制云平台基础数据录入" in admin.get("/manage/workflow/campaigns/").content.decode()
    response = admin.post("/manage/workflow/campaigns/new/", {
        "name": "2018年右江区试点", "materials_due": "2018-04-30", "hold_from": "2018-04-01",
        "review_due": "2018-06-15", "publish_due": "2018-06-01", "is_active": "on"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["hold_from"] == ["暂停业务起始日期应晚于材料报送截止日期"]
    assert errors["publish_due"] == ["对外公开日期不能早于录入和审核截止日期"]
    assert clients("luru").get("/manage/workflow/campaigns/new/").status_code == 403


def test_package_list_filters_waiting_for_me(base, package_of, clients):
    services.fire(package_of("百色市教育局"), "submit", acting_user=base.users["luru"])
    package_of("百色市财政局")
    mine = clients("jiaoyu").get("/manage/workflow/packages/?mine=1")
    assert [p.unit.name for p in mine.context["object_list"]] == ["百色市教育局"]
    pending = clients("admin").get("/manage/workflow/packages/?state=pending_confirm")
    assert [p.unit.name for p in pending.context["object_list"]] == ["百色市教育局"]
