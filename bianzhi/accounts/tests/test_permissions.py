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
