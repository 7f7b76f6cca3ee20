"""“May this user do X” — one named predicate per question (see HELPERS.md / docs/architecture.md)."""
from .scope import unit_placement_errors


# ------------------------------------------------------------------ registry: where a unit may be put (secfiles)
def may_place_unit(user, unit) -> bool:
    """The unit's target region and 主管部门 (the values about to be saved) lie in the user's change scope."""
    return not unit_placement_errors(user, unit)
