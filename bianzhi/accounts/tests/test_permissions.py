"""The permission vocabulary, role by role, on factories (no demo data): each predicate answers exactly the
question its name asks, and nothing in the code base compares role strings instead."""
import pathlib
import re

import pytest

from bianzhi.accounts import permissions as p
from bianzhi.accounts.models import Role
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

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    county = RegionFactory(code="459901", name="测试甲县")
    other_county = RegionFactory(code="459902", name="测试乙县")
    unit = UnitFactory(name="甲县教育局", region=county)
    foreign = UnitFactory(name="乙县教育局", region=other_county)
    return {
        "county": county, "other_county": other_county, "unit": unit, "foreign": foreign,
        "admin": admin_user(), "county_office": county_user(county), "clerk": UserFactory(groups_for=[unit]),
        "confirmer": confirmer_for(unit), "reviewer": reviewer(),
        "leader": UserFactory(role=Role.LEADER), "superuser": UserFactory(is_superuser=True, role=Role.LEADER),
    }


ROLE_ONLY = {
    # predicate: the users (by key in `world`) for whom it is true; false for everyone else
    "may_accept_legacy_code": {"admin", "superuser"},
    "may_create_top_level_unit": {"admin", "county_office", "superuser"},
    "may_create_unit": {"admin", "county_office", "superuser", "clerk"},
    "may_create_document": {"admin", "county_office", "clerk", "superuser"},
    "may_create_document_without_unit": {"admin", "superuser"},
    "may_approve_sanding_version": {"admin", "superuser"},
    "may_manage_reference_data": {"admin", "superuser"},
    "may_create_campaign": {"admin", "county_office", "superuser"},
    "works_on_entry": {"admin", "county_office", "clerk", "superuser"},
    "may_run_hold_check": {"admin", "county_office", "superuser"},
}
USERS = ["admin", "county_office", "clerk", "confirmer", "reviewer", "leader", "superuser"]


@pytest.mark.parametrize("name", sorted(ROLE_ONLY))
@pytest.mark.parametrize("who", USERS)
def test_role_predicates(world, name, who):
    assert getattr(p, name)(world[who]) is (who in ROLE_ONLY[name])


@pytest.mark.parametrize("name", sorted(ROLE_ONLY))
def test_anonymous_and_inactive_may_nothing(world, name):
    from django.contrib.auth.models import AnonymousUser

    inactive = admin_user(is_active=False)
    assert getattr(p, name)(AnonymousUser()) is False
    assert getattr(p, name)(inactive) is False


def test_campaigns_county_manages_its_own_county_only(world):
    own = CampaignFactory(region=world["county"])
    foreign = CampaignFactory(region=world["other_county"])
    city = CampaignFactory(region=None)
    county = world["county_office"]
    assert p.may_manage_campaign(county, own)
    assert not p.may_manage_campaign(county, foreign)
    assert not p.may_manage_campaign(county, city)
    assert all(p.may_manage_campaign(world["admin"], c) for c in (own, foreign, city))
    assert not any(p.may_manage_campaign(world[k], own) for k in ("clerk", "confirmer", "reviewer", "leader"))


def test_assignment_needs_an_office_with_review_scope(world):
    package = PackageFactory(unit=world["unit"])
    foreign = PackageFactory(unit=world["foreign"])
    assert p.may_assign_package(world["admin"], package)
    assert p.may_assign_package(world["county_office"], package)
    assert not p.may_assign_package(world["county_office"], foreign)
    for who in ("clerk", "confirmer", "reviewer", "leader"):
        assert not p.may_assign_package(world[who], package), who


def test_who_may_be_assigned(world):
    assert p.may_be_assigned_confirmer(world["confirmer"]) and not p.may_be_assigned_confirmer(world["clerk"])
    assert p.may_be_assigned_reviewer(world["reviewer"]) and not p.may_be_assigned_reviewer(world["clerk"])
    assert not p.may_be_assigned_reviewer(world["leader"]) and not p.may_be_assigned_confirmer(world["leader"])


def test_materials_deliver_and_accept(world):
    unit, foreign = world["unit"], world["foreign"]
    assert p.may_deliver_materials(world["clerk"], unit) and p.may_deliver_materials(world["confirmer"], unit)
    assert not p.may_deliver_materials(world["clerk"], foreign)
    assert not p.may_deliver_materials(world["leader"], unit)
    assert p.may_accept_materials(world["county_office"], unit)
    assert not p.may_accept_materials(world["county_office"], foreign)
    assert not p.may_accept_materials(world["clerk"], unit)


def test_transitions_follow_declared_roles(world):
    assert p.may_fire(world["clerk"], p.ENTRY_ROLES) and not p.may_fire(world["clerk"], p.REVIEW_ROLES)
    assert p.may_fire(world["reviewer"], p.REVIEW_ROLES) and not p.may_fire(world["reviewer"], p.OFFICE_ROLES)
    assert p.may_fire(world["leader"], None) and not p.may_fire(world["leader"], p.CONFIRM_ROLES)


def test_no_role_strings_outside_the_permission_and_scope_modules():
    """The vocabulary is the only place that asks for roles: a role comparison anywhere else fails here."""
    root = pathlib.Path(__file__).resolve().parents[2]
    allowed = {"accounts/permissions.py", "accounts/scope.py", "accounts/models.py"}
    pattern = re.compile(r"\.role\s*(==|!=|not in|in)\b|role\s*==\s*[\"']|user\.role\b.*[\"'](admin|county|clerk)")
    offenders = []
    for path in root.rglob("*"):
        rel = path.relative_to(root).as_posix()
        if path.suffix not in (".py", ".html") or "/tests/" in rel or "migrations" in rel or rel in allowed \
                or rel.endswith("demo.py"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert offenders == []


# ------------------------------------------------------------------------------------------------ trust (issue 11)
@pytest.fixture
def locked_unit(world):
    from bianzhi.workflow.models import PackageState

    unit = UnitFactory(name="甲县财政局", region=world["county"])
    PackageFactory(unit=unit, state=PackageState.APPROVED)
    return unit


def test_edit_refusal_names_the_reason(world, locked_unit):
    """The reason shown instead of a form: read-only role, not signed in, out of scope, locked — or none."""
    from django.contrib.auth.models import AnonymousUser

    clerk = UserFactory(groups_for=[world["unit"], locked_unit])
    assert p.edit_refusal(clerk, world["unit"]) == ""
    assert p.edit_refusal(clerk, None) == ""  # the 新建… forms: no unit chosen yet, the role suffices
    assert p.edit_refusal(clerk, world["foreign"]) == "「乙县教育局」不在您的录入范围内"
    assert p.edit_refusal(clerk, locked_unit) == \
        "「甲县财政局」的数据已审核通过并锁定，不能修改。如需更正，请发起变更申请。"
    assert p.edit_refusal(world["leader"], world["unit"]) == "您的角色（领导）只能查阅，不能录入或修改数据"
    assert p.edit_refusal(world["confirmer"], world["unit"]) == "您的角色（部门确认员）只能查阅，不能录入或修改数据"
    assert p.edit_refusal(AnonymousUser(), world["unit"]) == "请先登录"
    assert p.edit_refusal(world["county_office"], world["foreign"]) == "「乙县教育局」不在您的录入范围内"
    assert p.edit_refusal(world["admin"], locked_unit).startswith("「甲县财政局」的数据已审核通过并锁定")


def test_may_edit_unit_data_is_the_absence_of_a_refusal(world, locked_unit):
    clerk = UserFactory(groups_for=[world["unit"], locked_unit])
    assert p.may_edit_unit_data(clerk, world["unit"])
    assert not p.may_edit_unit_data(clerk, world["foreign"])
    assert not p.may_edit_unit_data(clerk, locked_unit)
    assert not p.may_edit_unit_data(world["leader"], world["unit"])
    assert p.may_edit_unit_data(world["county_office"], world["unit"])


def test_may_enter_data_needs_an_entry_role_and_a_unit_in_scope(world):
    assert p.may_enter_data(world["clerk"]) and p.may_enter_data(world["county_office"])
    assert p.may_enter_data(world["admin"])
    assert not p.may_enter_data(UserFactory(role=Role.CLERK))  # a clerk in no entry group has nothing to enter
    for who in ("confirmer", "reviewer", "leader"):
        assert not p.may_enter_data(world[who]), who


def test_change_request_needs_change_scope_on_the_package_unit(world):
    from django.contrib.auth.models import AnonymousUser

    package, foreign = PackageFactory(unit=world["unit"]), PackageFactory(unit=world["foreign"])
    assert p.may_open_change_request(world["clerk"], package)
    assert not p.may_open_change_request(world["clerk"], foreign)
    assert p.may_open_change_request(world["county_office"], package)
    assert not p.may_open_change_request(world["county_office"], foreign)
    for who in ("confirmer", "reviewer", "leader"):
        assert not p.may_open_change_request(world[who], package), who
    assert not p.may_open_change_request(AnonymousUser(), package)


# ------------------------------------------------------------------------------------------------ personnel
def test_people_are_read_within_the_view_scope(world):
    """A unit or anything with a `unit` (a package here) is judged by its unit; no object: any signed-in user."""
    from django.contrib.auth.models import AnonymousUser

    own, foreign = world["unit"], world["foreign"]
    own_package, foreign_package = PackageFactory(unit=own), PackageFactory(unit=foreign)
    for name in ("may_view_people", "may_view_person_detail"):
        predicate = getattr(p, name)
        assert predicate(world["clerk"], own) and not predicate(world["clerk"], foreign)
        assert predicate(world["confirmer"], own) and not predicate(world["confirmer"], foreign)
        assert predicate(world["county_office"], own) and not predicate(world["county_office"], foreign)
        assert predicate(world["leader"], foreign) and predicate(world["admin"], foreign)
        assert predicate(world["clerk"], own_package) and not predicate(world["clerk"], foreign_package)
        assert predicate(world["clerk"]) and predicate(world["leader"], CampaignFactory())  # no unit to judge by
        assert not predicate(AnonymousUser()) and not predicate(AnonymousUser(), own)


@pytest.mark.parametrize("name", ["may_view_id_number", "may_manage_people"])
def test_id_numbers_and_people_records_are_the_offices_within_change_scope(world, name):
    predicate = getattr(p, name)
    own, foreign = world["unit"], world["foreign"]
    assert predicate(world["admin"], own) and predicate(world["admin"], foreign) and predicate(world["admin"])
    assert predicate(world["county_office"], own) and not predicate(world["county_office"], foreign)
    for who in ("clerk", "confirmer", "reviewer", "leader"):
        assert not predicate(world[who], own) and not predicate(world[who]), who


def test_staffing_use_is_applied_for_by_the_units_clerks_and_confirmers_or_the_office(world):
    from django.contrib.auth.models import AnonymousUser

    own, foreign, child = world["unit"], world["foreign"], UnitFactory(name="甲县教研室", parent=world["unit"])
    assert p.may_apply_staffing_use(world["clerk"], own) and not p.may_apply_staffing_use(world["clerk"], foreign)
    assert p.may_apply_staffing_use(world["confirmer"], own) and p.may_apply_staffing_use(world["confirmer"], child)
    assert not p.may_apply_staffing_use(world["confirmer"], foreign)
    assert p.may_apply_staffing_use(world["county_office"], own)
    assert not p.may_apply_staffing_use(world["county_office"], foreign)
    assert p.may_apply_staffing_use(world["admin"], foreign)
    for who in ("reviewer", "leader"):  # they read every unit but apply for none
        assert not p.may_apply_staffing_use(world[who], own), who
    assert not p.may_apply_staffing_use(UserFactory(role=Role.SYSADMIN), own)
    assert not p.may_apply_staffing_use(AnonymousUser(), own)


@pytest.mark.parametrize("name", ["may_approve_staffing_use", "may_publish_people"])
def test_approval_and_publication_are_the_offices_within_review_scope(world, name):
    predicate = getattr(p, name)
    own, foreign = world["unit"], world["foreign"]
    assert predicate(world["admin"], foreign) and predicate(world["superuser"], foreign)
    assert predicate(world["county_office"], own) and not predicate(world["county_office"], foreign)
    for who in ("clerk", "confirmer", "reviewer", "leader"):  # a reviewer reviews packages, not 用编 or 公示
        assert not predicate(world[who], own), who


def test_ledger_is_for_offices_leaders_and_reviewers(world):
    allowed = {"admin", "county_office", "reviewer", "leader", "superuser"}
    for who in USERS:
        assert p.may_view_ledger(world[who]) is (who in allowed), who
    assert not p.may_view_ledger(UserFactory(role=Role.AUDITOR))


def test_metrics_are_for_the_platform_administrators(world):
    for who in USERS:
        assert p.may_view_metrics(world[who]) is (who in {"admin", "superuser"}), who


def test_second_factor_is_required_for_administrators_and_staff(world, settings):
    from django.contrib.auth.models import AnonymousUser

    assert not p.requires_second_factor(AnonymousUser())
    assert not p.requires_second_factor(admin_user(is_active=False))
    assert p.requires_second_factor(world["admin"]) and p.requires_second_factor(world["superuser"])
    assert p.requires_second_factor(UserFactory(role=Role.AUDITOR))
    assert p.requires_second_factor(UserFactory(role=Role.CLERK, is_staff=True))
    settings.OTP_REQUIRED_FOR_ALL = False
    assert not p.requires_second_factor(world["clerk"]) and not p.requires_second_factor(world["leader"])
    settings.OTP_REQUIRED_FOR_ALL = True
    assert p.requires_second_factor(world["clerk"]) and p.requires_second_factor(world["leader"])
