"""Rules of the 三定 operations on factories: each test fails if its rule is removed from the service."""
import datetime

import pytest

from bianzhi.core.tests.factories import DocumentFactory, UnitFactory, UserFactory, admin_user
from bianzhi.sanding import services as s
from bianzhi.sanding.models import SandingVersion, StaffingType

pytestmark = pytest.mark.django_db
ADMIN = StaffingType.ADMIN


@pytest.fixture
def two_units():
    mine, theirs = UnitFactory(name="甲局"), UnitFactory(name="乙局")
    for unit, staffing in ((mine, 20), (theirs, 30)):
        v = s.create_draft_version(unit, DocumentFactory(unit=unit, issued_on=datetime.date(2019, 3, 1),
                                                         effective_on=datetime.date(2019, 3, 1)))
        s.set_staffing(v, ADMIN, staffing)
        s.set_leadership_quota(v, "正科级", 3)
        s.approve_version(v)
    return mine, theirs


def _draft(unit):
    return s.create_draft_version(unit, DocumentFactory(unit=unit))


@pytest.mark.parametrize("operation", ["staffing", "leadership", "duty"])
def test_transfer_needs_change_scope_on_the_other_unit(two_units, operation):
    """A clerk of 甲局 cannot take 编制, 领导职数 or a duty from 乙局: the other unit is outside her scope."""
    mine, theirs = two_units
    clerk = UserFactory(groups_for=[mine])
    v = _draft(mine)
    with pytest.raises(s.SandingError, match="您无权修改“乙局”的三定"):
        if operation == "staffing":
            s.transfer_staffing(v, from_unit=theirs, to_unit=mine, staffing_type=ADMIN, count=2, acting_user=clerk)
        elif operation == "leadership":
            s.transfer_leadership(v, from_unit=theirs, to_unit=mine, level="正科级", count=1, acting_user=clerk)
        else:
            duty = s.add_duty(v, "负责本局的日常工作。")
            s.move_duty(v, duty, theirs, acting_user=clerk)
    assert not SandingVersion.objects.filter(unit=theirs, primary=v).exists()


def test_transfer_with_scope_on_both_changes_both(two_units):
    mine, theirs = two_units
    v = _draft(mine)
    s.transfer_staffing(v, from_unit=theirs, to_unit=mine, staffing_type=ADMIN, count=2, acting_user=admin_user())
    assert [r.count for r in s.snapshot(mine, draft=v).staffing] == [22]
    companion = SandingVersion.objects.get(unit=theirs, primary=v)
    assert [r.count for r in s.snapshot(theirs, draft=companion).staffing] == [28]


@pytest.mark.parametrize("operation", ["staffing", "leadership"])
def test_transfer_to_the_same_unit_is_refused(two_units, operation):
    """The two transfers share one rule set (编制 and 领导职数 once drifted apart on this)."""
    mine, _ = two_units
    v = _draft(mine)
    with pytest.raises(s.SandingError, match="划出单位与划入单位相同"):
        if operation == "staffing":
            s.transfer_staffing(v, from_unit=mine, to_unit=mine, staffing_type=ADMIN, count=1,
                                acting_user=admin_user())
        else:
            s.transfer_leadership(v, from_unit=mine, to_unit=mine, level="正科级", count=1, acting_user=admin_user())
