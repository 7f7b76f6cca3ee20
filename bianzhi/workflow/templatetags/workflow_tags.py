from django import template

from ..selectors import unread_notices

register = template.Library()


@register.inclusion_tag("workflow/_bell.html", takes_context=True)
def notification_bell(context):
    """The bell in the header: this user's unread notices."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "unread": unread_notices(user)}  # one statement compiled once per process
