"""Rules of the review flow's services on factories: each test fails if its rule is removed."""
import pytest

from bianzhi.core.tests.factories import (
    CampaignFactory,
    PackageFactory,
    RegionFactory,
    UnitFactory,
    UserFactory,
    admin_user,
    confirmer_for,
    county_user,
    reviewer,
)
from bianzhi.workflow import services
from bianzhi.workflow.models import Campaign, DataPackage

pytestmark = pytest.mark.django_db


@pytest.fixture
def package():
    return PackageFactory(unit=UnitFactory(region=RegionFactory(code="459911")))


@pytest.mark.parametrize("who", ["reviewer", "clerk", "confirmer"])
def test_only_an_office_assigns_confirmer_and_reviewer(package, who):
    """A reviewer may review every unit, but assigning work is the office's (编办) — the role check, not only
    the scope, refuses."""
    user = {"reviewer": reviewer(), "clerk": UserFactory(groups_for=[package.unit]),
            "confirmer": confirmer_for(package.unit)}[who]
    with pytest.raises(services.WorkflowRefused):
        services.assign(package, confirmer=confirmer_for(package.unit), reviewer=reviewer(), acting_user=user)
    package.refresh_from_db()
    assert package.assigned_confirmer_id is None and package.assigned_reviewer_id is None


def test_assignees_must_hold_the_role(package):
    clerk = UserFactory(groups_for=[package.unit])
    with pytest.raises(services.WorkflowRefused) as exc:
        services.assign(package, confirmer=clerk, reviewer=clerk, acting_user=admin_user())
    assert any("不是部门确认员" in r for r in exc.value.reasons)
    assert any("不是审核员" in r for r in exc.value.reasons)
    services.assign(package, confirmer=confirmer_for(package.unit), reviewer=reviewer(), acting_user=admin_user())
    assert DataPackage.objects.get(pk=package.pk).assigned_reviewer_id is not None


def test_county_office_creates_and_then_edits_its_campaign(client):
    """A county 编办 may create a campaign for its county — and edit it afterwards (it once got 404)."""
    county = RegionFactory(code="459921", name="测试丙县")
    office = county_user(county)
    other = CampaignFactory(region=RegionFactory(code="459922"))
    city = CampaignFactory(region=None)
    client.force_login(office)
    data = {"name": "丙县2017年批次", "region": county.pk, "materials_due": "2017-04-30", "hold_from": "2017-05-04",
            "review_due": "2017-06-30", "publish_due": "2017-07-31", "is_active": "on"}
    response = client.post("/manage/workflow/campaigns/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get(name="丙县2017年批次")
    page = client.get(f"/manage/workflow/campaigns/{campaign.pk}/edit/")
    assert page.status_code == 200
    response = client.post(f"/manage/workflow/campaigns/{campaign.pk}/edit/",
                           {**data, "name": "丙县2017年批次（调整）", "row_version": campaign.row_version})
    assert response.status_code == 302
    assert Campaign.objects.get(pk=campaign.pk).name == "丙县2017年批次（调整）"
    assert client.get(f"/manage/workflow/campaigns/{other.pk}/edit/").status_code == 404
    assert client.get(f"/manage/workflow/campaigns/{city.pk}/edit/").status_code == 404


def test_county_office_cannot_create_a_campaign_for_another_region(client):
    county = RegionFactory(code="459931", name="测试丁县")
    client.force_login(county_user(county))
    response = client.post("/manage/workflow/campaigns/new/", {
        "name": "越权批次", "region": RegionFactory(code="459932").pk, "materials_due": "2017-04-30",
        "hold_from": "2017-05-04", "review_due": "2017-06-30", "publish_due": "2017-07-31"})
    assert response.status_code == 200 and not Campaign.objects.filter(name="越权批次").exists()
