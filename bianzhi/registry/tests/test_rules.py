"""Rules of saving a unit, enforced once in registry.services.save_unit (forms and the API only translate)."""
import pytest
from django.core.exceptions import ValidationError

from bianzhi.core.tests.factories import RegionFactory, UnitFactory, UserFactory, admin_user, county_user
from bianzhi.registry.models import RelationType, Unit
from bianzhi.registry.services import save_unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def counties():
    return RegionFactory(code="459941", name="测试戊县"), RegionFactory(code="459942", name="测试己县")


def _refused(unit, user, field):
    with pytest.raises(ValidationError) as exc:
        save_unit(unit, acting_user=user)
    assert field in exc.value.message_dict
    return exc.value.message_dict[field][0]


def test_county_office_creates_only_in_its_county(counties):
    own, other = counties
    office = county_user(own)
    assert "本县" in _refused(Unit(name="越界单位", region=other), office, "region")
    assert not Unit.objects.filter(name="越界单位").exists()
    save_unit(Unit(name="本县单位", region=own), acting_user=office)
    assert Unit.objects.filter(name="本县单位", region=own).exists()


def test_county_office_cannot_move_a_unit_out_of_its_county(counties):
    own, other = counties
    office = county_user(own)
    unit = UnitFactory(region=own)
    unit.region = other
    _refused(unit, office, "region")
    assert Unit.objects.get(pk=unit.pk).region_id == own.pk


def test_clerk_must_choose_a_parent_in_scope(counties):
    own, _ = counties
    parent, foreign = UnitFactory(region=own), UnitFactory(region=own)
    clerk = UserFactory(groups_for=[parent])
    assert "主管部门" in _refused(Unit(name="无主管单位", region=own), clerk, "parent")
    relation = RelationType.objects.get_or_create(code="test-supervised", defaults={"name": "测试主管"})[0]
    assert "范围" in _refused(Unit(name="越权下级", region=own, parent=foreign, parent_relation=relation), clerk,
                            "parent")
    assert "关系" in _refused(Unit(name="无关系下级", region=own, parent=parent), clerk, "parent_relation")
    save_unit(Unit(name="本组下级", region=own, parent=parent, parent_relation=relation), acting_user=clerk)
    assert Unit.objects.get(name="本组下级").tree_path.startswith(parent.tree_path)


def test_only_the_city_office_accepts_a_legacy_code(counties):
    own, _ = counties
    unit = Unit(name="历史代码单位", region=own, uscc_legacy_reason="1998年颁发的旧代码")
    _refused(unit, county_user(own), "uscc_legacy_reason")
    save_unit(unit, acting_user=admin_user())
    assert Unit.objects.filter(name="历史代码单位").exists()
