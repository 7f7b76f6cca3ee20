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
    return Q(pk__in=assigned.values("unit_id"))  # a subquery: no extra round trip


def manageable_campaigns(user):
    """The campaigns this user may edit (permissions.may_manage_campaign, as a query): all for the 市编办, a
    county 编办's own county's campaigns."""
    if is_platform_admin(user):
        return Campaign.objects.all()
    region = county_region(user)
    if region is None:
        return Campaign.objects.none()
    return Campaign.objects.filter(region__code__startswith=region_stem(region))
