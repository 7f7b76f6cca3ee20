"""Templates ask the permission module, never compare roles: `{% if user|may:"create_campaign" %}`,
questions about one object come as a flag in the view's context."""
from django import template

from .. import permissions

register = template.Library()


@register.filter
def may(user, name: str) -> bool:
    """True when `permissions.may_<name>(user)` allows it (predicates that take only the user)."""
    predicate = getattr(permissions, f"may_{name}")
    return predicate(user)
