"""Deadlines and holds on the demo data: the daily job places 出入编/工资审核 holds on late units from the
campaign's hold date and lifts them when the unit's package is approved; other systems ask the API."""
import datetime

from bianzhi.registry.models import Unit
from bianzhi.workflow import services, sheet, tasks
from bianzhi.workflow.models import Campaign, DataPackage, Hold, MaterialPackage, PackageState


def test_demo_holds_and_job_place_and_lift(demo, users, api_for, client_for):
    campaign = Campaign.objects.get(name="2017年机构编制云平台基础数据录入")
    police = Unit.objects.get(name="百色市公安局")
    active = Hold.objects.filter(unit=police, lifted_at__isnull=True)
    assert sorted(active.values_list("kind", flat=True)) == ["salary", "staffing"]
    assert set(active.values_list("start_date", flat=True)) == {datetime.date(2017, 5, 4)}
    # 市场监管局 delivered late: its holds were placed and lifted when its data was approved (history kept)
    market = Hold.objects.filter(unit__name="百色市市场监督管理局")
    assert market.count() == 2 and all(h.lifted_at and h.lift_reason for h in market)
    assert not Hold.objects.filter(unit__name="百色市教育局").exists()

    # the job before the hold date places nothing; a unit whose materials went missing gets held on the day
    education = Unit.objects.get(name="百色市教育局")
    MaterialPackage.objects.filter(unit=education).update(received_at=None, status="pending")
    assert services.place_holds(campaign, today=datetime.date(2017, 5, 3)) == []
    result = services.run_daily_holds(today=datetime.date(2017, 5, 4))
    assert result == {"placed": 2, "lifted": 0}
    assert Hold.objects.filter(unit=education, lifted_at__isnull=True).count() == 2
    assert services.run_daily_holds(today=datetime.date(2017, 5, 5)) == {"placed": 0, "lifted": 0}

    # approval elsewhere (e.g. before this job ran): the next run lifts the holds
    DataPackage.objects.filter(unit=police, is_current=True).update(state=PackageState.APPROVED)
    result = tasks.daily_holds.call_local()
    assert result["lifted"] == 2
    assert not Hold.objects.filter(unit=police, lifted_at__isnull=True).exists()
    assert Hold.objects.filter(unit=police).count() == 2  # history kept

    # approval through the flow lifts at once
    package = DataPackage.objects.get(unit=education, is_current=True)
    for name, who in [("submit", "luru"), ("confirm", "jiaoyu"), ("submit_review", "luru"), ("approve", "shenhe")]:
        digest = sheet.current_digest(package) if name in sheet.SIGNING else None
        package = services.fire(package, name, sheet_digest=digest, acting_user=users[who])
    lifted = Hold.objects.filter(unit=education)
    assert all(h.lifted_at for h in lifted) and lifted.first().lifted_by == users["shenhe"]


def test_other_systems_ask_the_api(demo, api_for):
    forest = Unit.objects.get(name="百色市林业局")
    api = api_for("admin")
    by_id = api.get(f"/api/v1/holds/?unit={forest.pk}&active=true").json()
    assert by_id["count"] == 2 and {r["kind_label"] for r in by_id["results"]} == {"出入编", "工资审核"}
    by_uscc = api.get(f"/api/v1/holds/?unit={forest.uscc.lower()}&active=true&kind=staffing").json()
    assert by_uscc["count"] == 1 and by_uscc["results"][0]["uscc"] == forest.uscc
    status = api.get(f"/api/v1/holds/status/?unit={forest.uscc}").json()
    assert len(status) == 2 and status[0]["active"] is True
    clean = Unit.objects.get(name="百色市教育局")
    assert api.get(f"/api/v1/holds/status/?unit={clean.uscc}").json() == []
    # scope: a clerk of another department sees nothing of it
    assert api_for("jiaotong").get(f"/api/v1/holds/?unit={forest.pk}").json()["count"] == 0
    assert api_for("lingdao").get(f"/api/v1/holds/?unit={forest.pk}").json()["count"] == 2


def test_the_office_sees_held_units_and_runs_the_check(demo, client_for):
    admin = client_for("admin")
    page = admin.get("/manage/workflow/holds/").content.decode()
    assert "百色市公安局" in page and "靖西市林业局" in page and "百色市市场监督管理局" not in page
    assert "百色市市场监督管理局" in admin.get("/manage/workflow/holds/?history=1").content.decode()
    response = admin.post("/manage/workflow/holds/run/", follow=True)
    assert "检查完成：新暂停 0 项业务，解除 0 项" in response.content.decode()
    assert client_for("luru").post("/manage/workflow/holds/run/").status_code == 403


def test_county_office_checks_its_own_county_only(base, clients):
    from bianzhi.workflow.models import Hold

    campaign = base.campaign
    response = clients("youjiang").post("/manage/workflow/holds/run/", follow=True)
    assert response.status_code == 200
    held = set(Hold.objects.filter(campaign=campaign).values_list("unit__region__code", flat=True))
    assert held == {"451002"}  # 右江区 only, although every unit of the campaign is late
    assert Hold.objects.filter(unit__name="百色市右江区教育局", kind="staffing").exists()
    result = services.run_daily_holds(today=datetime.date(2017, 5, 4))
    assert result["placed"] > 0 and Hold.objects.filter(unit__name="百色市公安局").count() == 2
