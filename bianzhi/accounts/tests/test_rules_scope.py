"""Data-scope rules on factories (scope.py): which units, reference rows and audit entries each kind of user
reaches. Each test fails if its branch of the scope is removed or widened."""
import pytest
from django.contrib.auth.models import AnonymousUser

from bianzhi.accounts.models import Role
from bianzhi.accounts.scope import allowed_units, region_stem
from bianzhi.core.audit_models import AuditLogEntry
from bianzhi.core.tests.factories import RegionFactory, UnitFactory, UserFactory, admin_user, county_user
from bianzhi.registry.models import InternalBody, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_counties():
    own, other = RegionFactory(code="459941", name="测试戊县"), RegionFactory(code="459942", name="测试己县")
    return UnitFactory(name="戊县民政局", region=own), UnitFactory(name="己县民政局", region=other)


@pytest.mark.parametrize("code,stem", [("450000", "45"), ("451000", "4510"), ("451002", "451002")])
def test_region_stem_is_the_code_prefix_of_the_region_and_everything_below(code, stem):
    """A province (…0000) covers its two-digit prefix, a prefecture (…00) four digits, a county its whole code."""
    assert region_stem(Region(code=code)) == stem


def test_a_province_wide_county_office_reaches_every_unit_of_the_province(two_counties):
    """A 编办 bound to the province (450000) or the prefecture (459900) reaches both counties below it; bound to
    one county, that county only."""
    province = RegionFactory(code="450000", name="测试省", level="province")
    prefecture = RegionFactory(code="459900", name="测试市", level="prefecture")
    mine, theirs = two_counties
    assert set(allowed_units(county_user(province), "change")) >= {mine, theirs}
    assert set(allowed_units(county_user(prefecture), "change")) >= {mine, theirs}
    assert list(allowed_units(county_user(mine.region), "change")) == [mine]


def test_anonymous_and_inactive_users_reach_no_unit(two_counties):
    assert not allowed_units(AnonymousUser()).exists()
    assert not allowed_units(admin_user(is_active=False)).exists()
    assert not allowed_units(None).exists()
    assert allowed_units(admin_user()).count() >= 2


def test_a_clerk_in_no_entry_group_reaches_no_unit(two_counties):
    assert not allowed_units(UserFactory(role=Role.CLERK), "view").exists()
    assert not allowed_units(UserFactory(role=Role.CLERK), "change").exists()
    mine, _ = two_counties
    assert list(allowed_units(UserFactory(groups_for=[mine]), "change")) == [mine]


# ------------------------------------------------------------------------------------------------ reference data
def test_reference_data_is_read_by_everyone_signed_in_and_changed_by_administrators(two_counties):
    region = two_counties[0].region
    assert not Region.objects.filter(pk=region.pk).restrict(AnonymousUser()).exists()
    assert not Region.objects.filter(pk=region.pk).restrict(None).exists()
    for role in (Role.CLERK, Role.CONFIRMER, Role.LEADER, Role.REVIEWER, Role.COUNTY, Role.ADMIN):
        assert Region.objects.filter(pk=region.pk).restrict(UserFactory(role=role), "view").exists(), role
    for role in (Role.CLERK, Role.LEADER, Role.COUNTY):
        assert not Region.objects.filter(pk=region.pk).restrict(UserFactory(role=role), "change").exists(), role
    assert Region.objects.filter(pk=region.pk).restrict(admin_user(), "change").exists()
    assert Region.objects.filter(pk=region.pk).restrict(UserFactory(is_superuser=True), "change").exists()


def test_separated_administrators_see_reference_data_only_as_the_system_administrator(two_counties):
    """三员分立: the 系统管理员 keeps the configuration (reference data, read and change); the 安全管理员 and the
    审计管理员 see none of it."""
    region = two_counties[0].region
    sysadmin = UserFactory(role=Role.SYSADMIN)
    for action in ("view", "change"):
        assert Region.objects.filter(pk=region.pk).restrict(sysadmin, action).exists()
        for role in (Role.SECADMIN, Role.AUDITOR):
            assert not Region.objects.filter(pk=region.pk).restrict(UserFactory(role=role), action).exists()


def test_records_of_a_unit_follow_the_units_scope(two_counties):
    mine, theirs = two_counties
    own_body, their_body = InternalBody.objects.create(unit=mine, name="办公室"), \
        InternalBody.objects.create(unit=theirs, name="办公室")
    bodies = InternalBody.objects.filter(pk__in=[own_body.pk, their_body.pk])
    assert list(bodies.restrict(UserFactory(groups_for=[mine]), "change")) == [own_body]
    assert not bodies.restrict(AnonymousUser()).exists() and not bodies.restrict(None).exists()
    assert set(bodies.restrict(admin_user(), "change")) == {own_body, their_body}
    assert not bodies.restrict(UserFactory(role=Role.SYSADMIN)).exists()


# ------------------------------------------------------------------------------------------------ audit log
def _entry(action, app_label, unit=None):
    return AuditLogEntry.objects.create(action=action, app_label=app_label, model="x", object_id="1",
                                        object_repr="测试", unit_id=unit.pk if unit else None)


def test_audit_entries_each_user_reads(two_counties):
    """Business users read changes to their units' data only; the 市编办 every business change but no account
    events or account records; the 审计管理员 everything; 系统管理员, 安全管理员 and anonymous nothing."""
    mine, theirs = two_counties
    own_change, their_change = _entry("update", "registry", mine), _entry("update", "registry", theirs)
    login, account = _entry("login", "accounts"), _entry("update", "accounts")
    read = _entry("read", "personnel", mine)
    everything = {own_change, their_change, login, account, read}

    def sees(user):
        return set(AuditLogEntry.objects.filter(pk__in=[e.pk for e in everything]).restrict(user))

    assert sees(UserFactory(groups_for=[mine])) == {own_change}
    assert sees(county_user(theirs.region)) == {their_change}
    assert sees(admin_user()) == {own_change, their_change}
    assert sees(UserFactory(role=Role.AUDITOR)) == everything
    assert sees(UserFactory(is_superuser=True, role=Role.CLERK)) == everything
    for role in (Role.SYSADMIN, Role.SECADMIN):
        assert sees(UserFactory(role=role)) == set(), role
    assert sees(AnonymousUser()) == set() and sees(None) == set()
    assert sees(UserFactory(role=Role.AUDITOR, is_active=False)) == set()
