"""The review flow of a unit's data package, declared in ONE place (DOMAIN.md §3).

录入中 → 待部门确认 → (部门退回 with comments → 录入中) or 部门已确认 → 待审核 → (审核退回 → 录入中)
or 审核通过 (locked) → 已公开.

Each transition names its source and target state, who may fire it (a data-scope action on the unit, plus
the roles allowed, plus the user assigned to the package) and its guards. A guard is a function
(package, user, comment) -> list of reasons in Chinese; an empty list means "no objection".
`services.fire()` runs one transition in one transaction.
"""
from collections.abc import Callable
from dataclasses import dataclass, field

from bianzhi.accounts.permissions import CONFIRM_ROLES, ENTRY_ROLES, OFFICE_ROLES, REVIEW_ROLES, may_fire
from bianzhi.accounts.scope import allowed_units
from bianzhi.lists.services import duty_link_problems

from .models import DataPackage, Transition
from .models import PackageState as S

Guard = Callable[..., list]


# ------------------------------------------------------------------------------------------------ guards
def parent_submitted(package, user, comment) -> list:
    """先录入主管部门再录入所属二层单位: a subordinate is submitted only after its 主管部门."""
    parent = package.unit.parent
    if parent is None:
        return []

    parent_package = DataPackage.objects.filter(unit=parent, is_current=True).first()
    if parent_package is None:
        waiting = package.campaign.units.filter(pk=parent.pk).exists()
    else:
        waiting = parent_package.state == S.ENTERING
    if waiting:
        return [f"主管部门「{parent.name}」尚未提交：请先录入并提交主管部门，再提交其所属单位"]
    return []


def no_open_comments(package, user, comment) -> list:
    count = package.comments.filter(resolved=False).count()
    if count:
        return [f"尚有未处理的意见 {count} 条：请录入人员逐条处理后再继续"]
    return []


def lists_linked_to_duties(package, user, comment) -> list:
    """每个权力事项至少关联一项三定职责，才能提交 (Issue 4): the lists app names the unlinked items."""
    return [f"权责清单：{p}" for p in duty_link_problems(package.unit)]


def return_needs_comment(package, user, comment) -> list:
    if (comment or "").strip() or package.comments.filter(resolved=False).exists():
        return []
    return ["退回时须填写退回意见，或先对具体条目提出意见"]


def reviewer_is_not_enterer(package, user, comment) -> list:

    enterers = set(Transition.objects.filter(package=package, name="submit").values_list("user_id", flat=True))
    if package.entered_by_id:
        enterers.add(package.entered_by_id)
    if user.pk in enterers:
        return ["录入人与审核人不能为同一人：本数据包由您录入提交，请由其他审核员审核"]
    return []


def confirmer_is_not_enterer(package, user, comment) -> list:
    if package.entered_by_id and package.entered_by_id == user.pk:
        return ["录入人与确认人不能为同一人"]
    return []


# ------------------------------------------------------------------------------------------------ table
@dataclass(frozen=True)
class TransitionSpec:
    name: str
    label: str
    source: tuple
    target: str
    action: str                      # data-scope action the user needs on the unit
    roles: frozenset | None = None   # roles allowed (None: any role with the scope action)
    assignee: str = ""               # "confirmer" / "reviewer": the assigned user may fire it whatever the scope
    guards: tuple = field(default_factory=tuple)
    needs_comment: bool = False
    style: str = ""                  # button style in the UI ("danger" for returns)


CLERKS, CONFIRMERS, REVIEWERS, OFFICE = ENTRY_ROLES, CONFIRM_ROLES, REVIEW_ROLES, OFFICE_ROLES

TRANSITIONS: list[TransitionSpec] = [
    TransitionSpec("submit", "提交部门确认", (S.ENTERING,), S.PENDING_CONFIRM, "change", CLERKS,
                   guards=(parent_submitted, no_open_comments, lists_linked_to_duties)),
    TransitionSpec("dept_return", "部门退回", (S.PENDING_CONFIRM,), S.ENTERING, "confirm", CONFIRMERS,
                   assignee="confirmer", guards=(return_needs_comment,), needs_comment=True, style="danger"),
    TransitionSpec("confirm", "确认无误", (S.PENDING_CONFIRM,), S.CONFIRMED, "confirm", CONFIRMERS,
                   assignee="confirmer", guards=(confirmer_is_not_enterer, no_open_comments)),
    TransitionSpec("submit_review", "提交审核", (S.CONFIRMED,), S.PENDING_REVIEW, "change", CLERKS),
    TransitionSpec("review_return", "审核退回", (S.PENDING_REVIEW,), S.ENTERING, "review", REVIEWERS,
                   assignee="reviewer", guards=(return_needs_comment,), needs_comment=True, style="danger"),
    TransitionSpec("approve", "审核通过", (S.PENDING_REVIEW,), S.APPROVED, "review", REVIEWERS,
                   assignee="reviewer", guards=(reviewer_is_not_enterer, no_open_comments)),
    TransitionSpec("publish", "对外公开", (S.APPROVED,), S.PUBLISHED, "review", OFFICE),
]

BY_NAME = {t.name: t for t in TRANSITIONS}

# Which review stage a comment made in a state belongs to.
# state -> (comment stage, the transition whose right lets a user comment)
COMMENT_STAGE = {S.PENDING_CONFIRM: ("confirm", "dept_return"), S.PENDING_REVIEW: ("review", "review_return")}


def get(name: str) -> TransitionSpec:
    return BY_NAME[name]


def outgoing(state: str) -> list[TransitionSpec]:
    return [t for t in TRANSITIONS if state in t.source]


def permission_problems(spec: TransitionSpec, package, user) -> list:
    """Why this user may not fire this transition on this package ([] = allowed)."""

    if user is None or not user.is_authenticated:
        return ["请先登录"]
    assigned = (spec.assignee == "confirmer" and package.assigned_confirmer_id == user.pk) or (
        spec.assignee == "reviewer" and package.assigned_reviewer_id == user.pk)
    if assigned:
        return []
    if not may_fire(user, spec.roles):
        return [f"您的角色（{user.get_role_display()}）不能执行「{spec.label}」"]
    if not allowed_units(user, spec.action).filter(pk=package.unit_id).exists():
        return [f"「{package.unit.name}」不在您的数据范围内"]
    return []


def problems(spec: TransitionSpec, package, user, comment: str = "") -> list:
    """Every reason the transition is refused, in Chinese ([] = it may fire)."""
    reasons = []
    if package.state not in spec.source:
        reasons.append(f"数据包当前状态为「{package.get_state_display()}」，不能执行「{spec.label}」")
    if not package.is_current:
        reasons.append("该数据包已被新的变更申请取代，不能再流转")
    reasons += permission_problems(spec, package, user)
    if reasons:
        return reasons
    for guard in spec.guards:
        reasons += guard(package, user, comment)
    return reasons


def available(package, user) -> list[tuple[TransitionSpec, list]]:
    """The transitions out of the package's state this user has the right to fire, each with its
    current refusal reasons (shown next to a disabled button)."""
    result = []
    for spec in outgoing(package.state):
        if permission_problems(spec, package, user):
            continue
        # a return's comment is typed in the same form, so do not hold its button back for lack of one
        result.append((spec, problems(spec, package, user, "…" if spec.needs_comment else "")))
    return result
