"""Read-side queries of 三定 data that other modules (views, API, other apps' pages) share."""
from django.db.models import Q

from bianzhi.accounts.scope import allowed_units

from .models import SandingVersion, VersionStatus


def visible_versions(user):
    """Approved versions of units the user may view; drafts only for staff who work on the unit
    (change / confirm / review scope)."""
    units_change = allowed_units(user, "change").values("pk")
    units_confirm = allowed_units(user, "confirm").values("pk")
    units_review = allowed_units(user, "review").values("pk")
    return SandingVersion.objects.restrict(user, "view").filter(
        Q(status=VersionStatus.APPROVED) | Q(unit__in=units_change) | Q(unit__in=units_confirm)
        | Q(unit__in=units_review))


def versions_citing_document(user, document) -> dict:
    """Context for the 批文 page (registered with the documents app): the 三定 versions this document made."""
    return {"versions": visible_versions(user).filter(document=document).select_related("unit")}
