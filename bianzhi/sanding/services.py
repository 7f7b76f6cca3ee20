"""三定 service layer: drafts, change operations, approval, as-of snapshots, diffs, checks, publication.

Everything that writes goes through one function per operation, inside one transaction. History is never
edited in place: an operation on a draft version *marks* approved rows as closed by the draft
(`closed_by`) and opens new rows (`opened_by` = the draft). `approve_version` dates the closures and makes the
draft's rows part of approved history, in one transaction.

Typical use (ingest, UI, tests)::

    v = create_draft_version(unit, document, effective_date=date(2023, 6, 1), acting_user=user)
    set_staffing(v, StaffingType.ADMIN, 504)
    transfer_staffing(v, from_unit=other, to_unit=unit, staffing_type=StaffingType.ADMIN, count=4,
                      acting_user=clerk)
    rename_internal_body(v, body, "新名称")
    warnings = check_version(v)          # shown before submission
    approve_version(v, acting_user=reviewer)  # called by the workflow app

Every operation accepts ``expected_version`` (the draft's row_version the editor loaded): if someone else
changed the draft in between, ConcurrentEditError is raised and nothing is written. Operations refuse bad
input with SandingError carrying a Chinese message.

The implementation is split by concern — `temporal` (dated-row primitives), `lifecycle` (draft versions),
`operations` (one function per change), `snapshot` (as-of reading), `diff`, `checks`, `text` (paste → items),
`publication` — and this module is the app's service interface that other apps and the views call.
"""
from .checks import (  # noqa: F401
    check_snapshot,
    check_version,
)
from .diff import (  # noqa: F401
    Change,
    Diff,
    diff,
    diff_snapshots,
    diff_versions,
    draft_changes,
)
from .lifecycle import (  # noqa: F401
    APPROVAL_GUARDS,
    approve_version,
    create_draft_version,
    discard_draft,
)
from .operations import (  # noqa: F401
    abolish_internal_body,
    add_duty,
    add_plaque,
    change_rank,
    create_internal_body,
    move_duty,
    remove_duty,
    remove_plaque,
    rename_internal_body,
    reword_duty,
    set_head_post,
    set_leadership_quota,
    set_staffing,
    set_statement,
    sync_duties,
    transfer_leadership,
    transfer_staffing,
    update_internal_body,
)
from .publication import (  # noqa: F401
    public_snapshot,
    snapshot_dict,
    version_dict,
)
from .snapshot import (  # noqa: F401
    Snapshot,
    duties_of,
    history,
    snapshot,
)
from .temporal import (  # noqa: F401
    SandingError,
    operation,
)
from .text import (  # noqa: F401
    split_duty_text,
)
