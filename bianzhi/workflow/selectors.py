"""Read-side queries of the review flow (what is assigned to whom), kept apart from the transitions."""
from django.db.models import Q

from bianzhi.accounts.permissions import county_region, is_platform_admin
from bianzhi.accounts.scope import region_stem

from .models import Campaign, DataPackage


def assigned_packages_scope(user, action):
    """A scope extension: an assigned confirmer or reviewer can always read the unit assigned to them."""
    if action != "view" or user is None or not user.is_authenticated:
        return None
    assigned = DataPackage._base_manager.filter(Q(assigned_confirmer=user) | Q(assigned_reviewer=user))
    # The ids, not a subquery: OR-ed with the role's condition, a subquery makes PostgreSQL's planner assume that
    # half of all units are in scope, and a county office's list of 7,000 power items then reads all 1,000,000
    # (bench/staff_pages.py). One small query, once per request (unit_scope_q is memoised); usually none.
    unit_ids = sorted(set(assigned.values_list("unit_id", flat=True)))
    return Q(pk__in=unit_ids) if unit_ids else None


def manageable_campaigns(user):
    """The campaigns this user may edit (permissions.may_manage_campaign, as a query): all for the 市编办, a
    county 编办's own county's campaigns."""
    if is_platform_admin(user):
        return Campaign.objects.all()
    region = county_region(user)
    if region is None:
        return Campaign.objects.none()
    return Campaign.objects.filter(region__code__startswith=region_stem(region))
