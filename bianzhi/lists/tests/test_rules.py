"""Reference data (no owning unit: categories, the law register, campaigns) is read by everyone signed in and
changed only by the 市编办 — in the query (restrict) and on the pages."""
import pytest

from bianzhi.accounts.models import Role
from bianzhi.core.tests.factories import CampaignFactory, UnitFactory, UserFactory, admin_user, county_user
from bianzhi.lists.models import Law, PowerCategory
from bianzhi.workflow.models import Campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference():
    PowerCategory.objects.get_or_create(name="测试类别", defaults={"code_prefix": "CS"})
    Law.objects.get_or_create(name="测试条例", defaults={"name_key": "测试条例"})
    CampaignFactory()


@pytest.mark.parametrize("model", [PowerCategory, Law, Campaign])
@pytest.mark.parametrize("role", [Role.CLERK, Role.CONFIRMER, Role.REVIEWER, Role.LEADER, Role.COUNTY])
def test_unit_less_data_is_read_only_for_everyone_but_the_city_office(reference, model, role):
    unit = UnitFactory()
    user = UserFactory(role=role, unit=unit if role == Role.CONFIRMER else None,
                       region=unit.region if role == Role.COUNTY else None)
    assert model.objects.restrict(user, "view").exists()
    assert not model.objects.restrict(user, "change").exists()
    assert model.objects.restrict(admin_user(), "change").count() == model.objects.count()


def test_clerk_cannot_add_a_category_through_the_page(client, reference):
    client.force_login(UserFactory(groups_for=[UnitFactory()]))
    response = client.post("/manage/lists/categories/new/", {"name": "越权类别", "code_prefix": "YQ"})
    assert response.status_code == 403
    assert not PowerCategory.objects.filter(name="越权类别").exists()
    client.force_login(county_user(UnitFactory().region))
    assert client.post("/manage/lists/categories/new/", {"name": "越权类别", "code_prefix": "YQ"}).status_code == 403
