"""Data scope: which units a user may see or change, as a database condition.

`unit_scope_q(user, action)` is the single definition. Every other model reaches a unit through its
`scope_unit_path`, so `Model.objects.restrict(user, action)` (RestrictedQuerySet) always filters in
the query itself. Out-of-scope objects are simply absent: views use get_object_or_404 on a restricted
queryset, so their existence does not leak.

Actions: "view" (read), "change" (create/edit/delete data of the unit), "confirm" (部门确认),
"review" (审核), "admin" (accounts, configuration).

Extension point: `register_scope_extension(fn)` adds a callable (user, action) -> Q | None, OR-ed in; the
review flow uses it so that an assigned confirmer or reviewer can always read what is assigned to them.

The accounts app sits below registry in the layers (docs/architecture.md): it reaches the Unit model through
the relation it declares (`User.unit`), not by importing registry.
"""
from collections.abc import Callable

from django.db import router
from django.db.models import Q

from bianzhi.core.audit_models import AuditLogEntry
from bianzhi.core.context import current
from bianzhi.core.precompiled import MARKER_ID, Precompiled

from .models import SEPARATED_ADMIN_ROLES, EntryGroup, Role, User

NOTHING = Q(pk__in=[])
SCOPE_EXTENSIONS: list[Callable] = []


def register_scope_extension(extension: Callable) -> None:
    if extension not in SCOPE_EXTENSIONS:
        SCOPE_EXTENSIONS.append(extension)


def unit_model():
    """The registry's Unit model, reached through the relation the accounts app declares."""
    return User._meta.get_field("unit").related_model

READ_ALL_ROLES = {Role.ADMIN, Role.LEADER, Role.REVIEWER}


def _root_paths(unit_ids) -> list[str]:
    return list(unit_model()._base_manager.filter(pk__in=unit_ids).values_list("tree_path", flat=True))


def _clerk_root_paths_query(user_id):
    """The tree paths of the units of a clerk's entry groups (the roots of the clerk's scope)."""
    groups = EntryGroup._default_manager.filter(members=user_id).values_list("units", flat=True).exclude(units=None)
    return unit_model()._base_manager.filter(pk__in=groups).values_list("tree_path")


# Read on every request of a clerk: compiled once per process (core.precompiled), the same statement.
CLERK_ROOT_PATHS = Precompiled(_clerk_root_paths_query, MARKER_ID)


def clerk_root_paths(user) -> list[str]:
    return [path for (path,) in CLERK_ROOT_PATHS.rows(router.db_for_read(unit_model()), user.pk)]


def clerk_roots_memo_key(user_id: int) -> tuple:
    """Where a request keeps the paths of a clerk's root units (RequestContext.memo): read by the clerk's scope once
    per request, or with the session (accounts.sessions)."""
    return ("clerk-roots", user_id)


def _subtree_q(paths_of, prefix: str = "", memo_key=None) -> Q:
    """Units in the subtrees rooted at some units (the units themselves and all subordinates); `paths_of()`
    returns the roots' tree paths, called only when they are read. With `memo_key`, they are read once per request
    (RequestContext.memo)."""
    memo = current().memo if memo_key is not None else None
    if memo is not None and memo_key in memo:
        paths = memo[memo_key]
    else:
        paths = paths_of()
        if memo is not None:
            memo[memo_key] = paths
    if not paths:
        return NOTHING
    q = Q()
    for path in paths:
        q |= Q(**{f"{prefix}tree_path__startswith": path})
    return q


def region_stem(region) -> str:
    """The GB/T 2260 code prefix shared by a region and everything below it (45 / 4510 / 451002)."""
    code = region.code
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def _region_q(region, prefix: str = "") -> Q:
    """Units whose region is the given region or lies below it (by GB/T 2260 code prefix)."""
    return Q(**{f"{prefix}region__code__startswith": region_stem(region)})


def unit_scope_q(user, action: str = "view") -> Q:
    """The condition on Unit rows this user may act on. Inside a request it is built once per (user, action)
    and kept in RequestContext.memo (an edit page restricts six querysets); jobs and commands build it afresh."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    memo = current().memo
    if memo is None:
        return _unit_scope_q(user, action)
    key = ("unit-scope-q", user.pk, user.role, user.is_superuser, user.region_id, user.unit_id, action)
    if key not in memo:
        memo[key] = _unit_scope_q(user, action)
    return memo[key]


def _unit_scope_q(user, action: str) -> Q:
    if user.is_superuser or user.role == Role.ADMIN:
        q = Q()
    elif action == "view" and user.role in READ_ALL_ROLES:
        q = Q() if user.role != Role.REVIEWER or user.region_id is None else _region_q(user.region)
    elif action == "review" and user.role == Role.REVIEWER:
        q = Q() if user.region_id is None else _region_q(user.region)
    elif user.role == Role.COUNTY and action in {"view", "change", "review", "confirm"} and user.region_id:
        q = _region_q(user.region)
    elif user.role == Role.CLERK and action in {"view", "change"}:
        q = _subtree_q(lambda: clerk_root_paths(user), memo_key=clerk_roots_memo_key(user.pk))
    elif user.role == Role.CONFIRMER and action in {"view", "confirm"} and user.unit_id:
        q = _subtree_q(lambda: _root_paths([user.unit_id]), memo_key=("confirmer-roots", user.pk, user.unit_id))
    else:
        q = NOTHING
    for extension in SCOPE_EXTENSIONS:
        extra = extension(user, action)
        if extra is not None:
            q = q | extra if q != Q() else q
    return q


def allowed_units(user, action: str = "view"):
    return unit_model()._base_manager.filter(unit_scope_q(user, action))


def restrict_queryset(queryset, user, action: str = "view"):
    model = queryset.model
    path = getattr(model, "scope_unit_path", None)
    if path is None:
        # Records that belong to no unit: reference data everyone logged in may read; only
        # administrators may change it.
        if user is None or not user.is_authenticated:
            return queryset.none()
        if not user.is_superuser and user.role in SEPARATED_ADMIN_ROLES:
            # 三员 see no business data; the 系统管理员 keeps the configuration (reference data)
            return queryset if user.role == Role.SYSADMIN else queryset.none()
        if action == "view" or user.is_superuser or getattr(user, "role", None) == Role.ADMIN:
            return queryset
        return queryset.none()
    if path == "":
        return queryset.filter(unit_scope_q(user, action))
    if restricts_by_units(user):
        return queryset.filter(units_q(path, unit_scope_q(user, action)))
    if user is None or not user.is_authenticated:
        return queryset.none()
    return queryset  # the superuser and the 编办 administrator


def restricts_by_units(user) -> bool:
    """Whether restrict() limits a model that reaches its unit through a path (`scope_unit_path` "unit", …) to the
    records of the user's units, `units_q(path, unit_scope_q(user, action))`: everyone signed in but the superuser
    and the 编办 administrator (who see every record); no user sees nothing."""
    return user is not None and user.is_authenticated and not (user.is_superuser or user.role == Role.ADMIN)


def units_q(path: str, condition: Q) -> Q:
    """The condition restrict() puts on a model whose unit is at `path`: its unit is one of the units matching
    `condition` (a unit scope, `unit_scope_q`)."""
    return Q(**{f"{path}__in": unit_model()._base_manager.filter(condition).values("pk")})


def restrict_audit_queryset(queryset, user, action: str = "view"):
    """审计管理员 reads everything. Everyone else who may read the log at all sees only changes to business data
    of the units in their scope: never account events (logins, failed logins, reads) nor account records, so a
    clerk does not learn when a confirmer logged in. 系统管理员 and 安全管理员 see nothing (三员分立)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser or user.role == Role.AUDITOR:
        return queryset
    if user.role in (Role.SYSADMIN, Role.SECADMIN):
        return queryset.none()
    business = queryset.exclude(app_label="accounts").exclude(action__in=AuditLogEntry.EVENT_ACTIONS)
    if user.role == Role.ADMIN:
        return business
    return business.filter(unit_id__in=allowed_units(user, "view").values("pk"))


def can(user, action: str, obj) -> bool:
    """Whether the user may perform `action` on this one object (one small query)."""
    return type(obj).objects.filter(pk=obj.pk).restrict(user, action).exists()
