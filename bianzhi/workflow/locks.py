"""What locks a unit: its current data package is 审核通过 or 已公开.

The lock mechanism (signal guards, `LockedError`, `allow_locked_writes`, `assert_unit_editable`) lives in
`bianzhi.core.locks`; this module is the workflow's provider for it, registered in `WorkflowConfig.ready`.
"""
from django.db import connections, router

from bianzhi.core.locks import (  # noqa: F401  (re-exported for the workflow's own services)
    LockedError,
    allow_locked_writes,
    assert_unit_editable,
    is_unit_locked,
    writes_allowed,
)

from .models import LOCKED_STATES, DataPackage


def locked_units(unit_ids: list[int]) -> dict[int, str]:
    """{unit_id: unit name} for the ids whose current data package is approved or published. Called on every
    save of a lockable model, so it is one small indexed SQL statement without the ORM's query building."""
    table = DataPackage._meta.db_table
    unit_table = DataPackage._meta.get_field("unit").related_model._meta.db_table
    alias = router.db_for_read(DataPackage)
    placeholders = ", ".join(["%s"] * len(unit_ids))
    states = ", ".join(["%s"] * len(LOCKED_STATES))
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT p.unit_id, u.name FROM {table} p JOIN {unit_table} u ON u.id = p.unit_id "
                       f"WHERE p.unit_id IN ({placeholders}) AND p.is_current = %s AND p.state IN ({states})",
                       [*unit_ids, True, *[str(s) for s in LOCKED_STATES]])
        return dict(cursor.fetchall())
