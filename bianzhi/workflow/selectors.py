"""Read-side queries of the review flow (what is assigned to whom), kept apart from the transitions."""
from django.db import router
from django.db.models import Count, Q

from bianzhi.accounts.permissions import county_region, is_platform_admin
from bianzhi.accounts.scope import region_stem
from bianzhi.core.context import current
from bianzhi.core.precompiled import MARKER_ID, Precompiled

from .models import Campaign, DataPackage, Notification


def assigned_packages_scope(user, action):
    """A scope extension: an assigned confirmer or reviewer can always read the unit assigned to them."""
    if action != "view" or user is None or not user.is_authenticated:
        return None
    # The ids, not a subquery: OR-ed with the role's condition, a subquery makes PostgreSQL's planner assume that
    # half of all units are in scope, and a county office's list of 7,000 power items then reads all 1,000,000
    # (bench/staff_pages.py). One small query, once per request (unit_scope_q is memoised); usually none. Asked on
    # every staff request, so compiled once per process (core.precompiled).
    # Read with the session when the process knows the session's user (accounts.sessions.read_with_session).
    memo = current().memo
    rows = memo.get(assigned_units_memo_key(user.pk)) if memo is not None else None
    if rows is None:
        rows = ASSIGNED_UNITS.rows(router.db_for_read(DataPackage), user.pk)
    unit_ids = sorted({unit_id for (unit_id,) in rows})
    return Q(pk__in=unit_ids) if unit_ids else None


def assigned_units_memo_key(user_id: int) -> tuple:
    """Where a request keeps the rows of ASSIGNED_UNITS for a user (RequestContext.memo), read with the session."""
    return ("assigned-units", user_id)


def _assigned_units_query(user_id):
    """The units of the packages assigned to a user for confirmation or review (no order: a set is wanted, and the
    packages' default order joined the units and campaigns)."""
    return (DataPackage._base_manager.filter(Q(assigned_confirmer=user_id) | Q(assigned_reviewer=user_id))
            .order_by().values_list("unit_id"))


ASSIGNED_UNITS = Precompiled(_assigned_units_query, MARKER_ID)


def _unread_query(user_id):
    """How many notices wait for a user unread, as one row (grouped by the recipient: no row when none)."""
    return (Notification.objects.filter(recipient=user_id, read_at__isnull=True).order_by()
            .values("recipient").annotate(n=Count("pk")).values_list("n"))


# The bell in every staff page's header (templatetags.workflow_tags): compiled once per process.
UNREAD_NOTICES = Precompiled(_unread_query, MARKER_ID)


def unread_notices(user) -> int:
    """The number of this user's unread notices (the bell)."""
    rows = UNREAD_NOTICES.rows(router.db_for_read(Notification), user.pk)
    return rows[0][0] if rows else 0


def manageable_campaigns(user):
    """The campaigns this user may edit (permissions.may_manage_campaign, as a query): all for the 市编办, a
    county 编办's own county's campaigns."""
    if is_platform_admin(user):
        return Campaign.objects.all()
    region = county_region(user)
    if region is None:
        return Campaign.objects.none()
    return Campaign.objects.filter(region__code__startswith=region_stem(region))
