""""May this user do X": one named predicate per question, `may_<verb>_<thing>(user, obj=None) -> bool`, used by
views, serializers, services and templates. Data scope stays `Model.objects.restrict(user, action)`."""
from .models import Role


# ------------------------------------------------------------------------------------------------ operations (ops)
def may_view_metrics(user, obj=None) -> bool:
    """Runtime metrics (/metrics): the platform's administrators (scrapers may instead come from METRICS_ALLOW)."""
    return bool(user and user.is_authenticated and user.is_active
                and (user.is_superuser or (user.is_staff and user.role == Role.ADMIN)))
