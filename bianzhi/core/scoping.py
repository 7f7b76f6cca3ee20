"""The data-scope hook: core's querysets ask it, the accounts app answers.

`RestrictedQuerySet.restrict(user, action)` and the audit log's `restrict` call the functions registered here.
The accounts app registers its definitions (`accounts.scope.restrict_queryset`, `restrict_audit_queryset`) in
`AccountsConfig.ready`, so core knows *that* every query is filtered without importing *how* (the way NetBox's
RestrictedQuerySet works without importing the users app). Until something registers, every query is empty:
an unconfigured scope leaks nothing.
"""
from collections.abc import Callable


def _nothing(queryset, user, action="view"):
    return queryset.none()


_restrict: Callable = _nothing
_restrict_audit: Callable = _nothing


def register_scope(*, restrict: Callable, restrict_audit: Callable) -> None:
    global _restrict, _restrict_audit
    _restrict, _restrict_audit = restrict, restrict_audit


def restrict(queryset, user, action: str = "view"):
    return _restrict(queryset, user, action)


def restrict_audit(queryset, user, action: str = "view"):
    return _restrict_audit(queryset, user, action)
