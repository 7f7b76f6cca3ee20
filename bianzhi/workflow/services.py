"""Multi-row writes of the workflow: one function per operation, one transaction, failure reasons collected.

Transitions: `fire(package, name, comment, *, acting_user, sheet_digest=None)`. Comments: `add_comment`, `resolve_comment`.
Corrections after approval: `open_change_request`. Holds: `place_holds`, `lift_holds`, `run_daily_holds`.
Materials: see `materials.py` (checks) and the functions at the end of this module.
"""
import datetime
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from bianzhi.accounts.models import EntryGroup, Role, User
from bianzhi.accounts.permissions import (
    may_accept_materials,
    may_assign_package,
    may_be_assigned_confirmer,
    may_be_assigned_reviewer,
    may_deliver_materials,
    may_open_change_request,
)
from bianzhi.accounts.scope import allowed_units
from bianzhi.portal.services import PublishError, publish_units
from bianzhi.sanding.models import SandingVersion, VersionStatus
from bianzhi.sanding.services import approve_version

from . import flow, materials, sheet
from .locks import allow_locked_writes
from .models import (
    LOCKED_STATES,
    Campaign,
    DataPackage,
    Hold,
    HoldKind,
    MaterialFile,
    MaterialItem,
    MaterialPackage,
    MaterialStatus,
    Notification,
    PackageKind,
    PackageState,
    ReviewComment,
    Transition,
)
from .readiness import readiness_warnings  # noqa: F401 (part of the service API)

log = logging.getLogger(__name__)


class WorkflowRefused(Exception):
    """An operation was refused; `reasons` are shown to the user (Chinese)."""

    def __init__(self, reasons):
        self.reasons = list(reasons)
        super().__init__("；".join(self.reasons))


# ------------------------------------------------------------------------------------------------ packages
def current_package(unit):
    return DataPackage.objects.filter(unit=unit, is_current=True).select_related("campaign").first()


@transaction.atomic
def ensure_package(unit, campaign) -> DataPackage:
    """The unit's current package, created in 录入中 for this campaign if the unit has none."""
    package = DataPackage.objects.select_for_update().filter(unit=unit, is_current=True).first()
    if package is None:
        package = DataPackage.objects.create(unit=unit, campaign=campaign)
    return package


def _ancestor_ids(unit) -> list:
    return [int(x) for x in unit.tree_path.strip("/").split("/") if x] or [unit.pk]


def clerks_of(unit):
    groups = EntryGroup.objects.filter(units__in=_ancestor_ids(unit))
    return User.objects.filter(entry_groups__in=groups, is_active=True).distinct()


def confirmers_of(package):
    q = Q(role=Role.CONFIRMER, unit_id__in=_ancestor_ids(package.unit))
    if package.assigned_confirmer_id:
        q |= Q(pk=package.assigned_confirmer_id)
    return User.objects.filter(q, is_active=True).distinct()


def reviewers_of(package):
    ids = {package.assigned_reviewer_id} if package.assigned_reviewer_id else set()
    for user in User.objects.filter(role=Role.REVIEWER, is_active=True):
        if allowed_units(user, "review").filter(pk=package.unit_id).exists():
            ids.add(user.pk)
    return User.objects.filter(pk__in=ids)


def notify(users, package, text: str) -> list:
    """In-app notices (the bell) and, when the user has an address, an e-mail through settings.EMAIL_BACKEND.
    Mail goes out after the transaction commits, so a slow or failing mail server never holds the package's
    row lock nor undoes the transition."""
    url = reverse("workflow:package-detail", args=[package.pk])
    notes = []
    for user in users:
        note = Notification.objects.create(recipient=user, unit=package.unit, package=package, text=text, url=url)
        if user.email:
            transaction.on_commit(lambda n=note, to=user.email: _send_notice(n.pk, to, text, url))
        notes.append(note)
    return notes


def _send_notice(note_id, address, text, url):
    try:
        send_mail(f"【{settings.PLATFORM_NAME}】{text}", f"{text}\n\n请登录平台处理：{url}",
                  settings.DEFAULT_FROM_EMAIL, [address], fail_silently=False)
    except Exception:  # the in-app notice stays; the failure is logged for the administrator
        log.warning("通知邮件发送失败：%s", address, exc_info=True)
        return
    Notification.objects.filter(pk=note_id).update(emailed=True)


def _approve_sanding_drafts(package, user) -> int:
    """Approve the unit's draft 三定 versions (the sanding app's service)."""
    drafts = SandingVersion.objects.filter(unit=package.unit, status=VersionStatus.DRAFT, primary__isnull=True)
    count = 0
    for version in drafts.order_by("effective_date", "sequence", "id"):
        approve_version(version, acting_user=user)
        count += 1
    return count


def _after(spec, package, user, comment):
    """What each transition does besides changing the state."""
    now = timezone.now()
    unit = package.unit
    if spec.name == "submit":
        package.entered_by, package.submitted_at, package.last_return = user, now, ""
        notify(confirmers_of(package), package, f"「{unit.name}」的数据已提交，请部门确认")
    elif spec.name in ("dept_return", "review_return"):
        package.last_return = spec.label
        if spec.name == "dept_return":
            package.confirmed_by, package.confirmed_at = None, None
        notify(clerks_of(unit), package, f"「{unit.name}」的数据被{spec.label}：{comment[:80]}".rstrip("："))
    elif spec.name == "confirm":
        package.confirmed_by, package.confirmed_at = user, now
        notify(reviewers_of(package), package, f"「{unit.name}」的数据部门已确认，待提交审核")
    elif spec.name == "submit_review":
        notify(reviewers_of(package), package, f"「{unit.name}」的数据待审核")
    elif spec.name == "approve":
        package.reviewed_by, package.reviewed_at = user, now
        with allow_locked_writes():
            _approve_sanding_drafts(package, user)
        lift_holds(unit, f"「{unit.name}」数据包审核通过", campaign=package.campaign, acting_user=user)
        notify(clerks_of(unit), package, f"「{unit.name}」的数据已审核通过并锁定")
    elif spec.name == "publish":

        try:
            with allow_locked_writes():
                publish_units([unit], note=comment or f"{package.campaign.name}：{unit.name}", acting_user=user)
        except PublishError as exc:
            raise WorkflowRefused([f"对外公开失败：{exc}"]) from exc
        package.published_by, package.published_at = user, now


def fire(package, name: str, comment: str = "", *, acting_user, sheet_digest: str | None = None) -> DataPackage:
    """Run one transition (flow.TRANSITIONS) in one transaction; WorkflowRefused lists every reason.

    确认无误 and 审核通过 (sheet.SIGNING) sign for the 确认单: `sheet_digest` must be the digest of the sheet the
    signer was shown, and equal the sheet as it is now (data changed since it was opened → refused)."""
    spec = flow.get(name)
    comment = (comment or "").strip()
    try:
        with transaction.atomic():
            locked = DataPackage.objects.select_for_update().select_related("unit", "campaign").get(pk=package.pk)
            reasons = flow.problems(spec, locked, acting_user, comment)
            if not reasons and name in sheet.SIGNING:
                reasons = sheet.signing_problems(locked, spec.label, sheet_digest)
            if reasons:
                raise WorkflowRefused(reasons)
            from_state = locked.state
            locked.state = spec.target
            _after(spec, locked, acting_user, comment)
            with allow_locked_writes():  # a transition is the flow's own, recorded write (also approved → published)
                locked.save()
            Transition.objects.create(package=locked, name=spec.name, label=spec.label, from_state=from_state,
                                      to_state=spec.target, user=acting_user, comment=comment)
    except ValidationError as exc:  # raised by another app's service (e.g. a 三定 version that does not add up)
        raise WorkflowRefused(exc.messages) from exc
    return locked


def submit(package, comment="", *, acting_user):
    """提交部门确认 (录入中 → 待部门确认)."""
    return fire(package, "submit", comment, acting_user=acting_user)


def dept_return(package, comment="", *, acting_user):
    """部门退回 (待部门确认 → 录入中), with comments."""
    return fire(package, "dept_return", comment, acting_user=acting_user)


def confirm(package, comment="", *, acting_user, sheet_digest):
    """确认无误 (待部门确认 → 部门已确认)."""
    return fire(package, "confirm", comment, sheet_digest=sheet_digest, acting_user=acting_user)


def submit_review(package, comment="", *, acting_user):
    """提交审核 (部门已确认 → 待审核)."""
    return fire(package, "submit_review", comment, acting_user=acting_user)


def review_return(package, comment="", *, acting_user):
    """审核退回 (待审核 → 录入中)."""
    return fire(package, "review_return", comment, acting_user=acting_user)


def approve(package, comment="", *, acting_user, sheet_digest):
    """审核通过 (待审核 → 审核通过): approves the 三定 drafts, lifts holds; the data locks."""
    return fire(package, "approve", comment, sheet_digest=sheet_digest, acting_user=acting_user)


def publish(package, comment="", *, acting_user):
    """对外公开 (审核通过 → 已公开) through the portal's publish_units."""
    return fire(package, "publish", comment, acting_user=acting_user)


# ------------------------------------------------------------------------------------------------ comments
def comment_permission(package, user) -> tuple[str, list]:
    stage = flow.COMMENT_STAGE.get(package.state)
    if stage is None:
        return "", [f"数据包当前状态为「{package.get_state_display()}」，只有待部门确认或待审核时才能提出意见"]
    stage_name, transition_name = stage
    return stage_name, flow.permission_problems(flow.get(transition_name), package, user)


@transaction.atomic
def add_comment(package, text: str, target=None, *, acting_user) -> ReviewComment:
    text = (text or "").strip()
    stage, reasons = comment_permission(package, acting_user)
    if not text:
        reasons = reasons + ["请填写意见内容"]
    if target is not None and getattr(target, "scope_unit_id", lambda: None)() not in (package.unit_id, None):
        reasons = reasons + ["意见针对的条目不属于该单位"]
    if reasons:
        raise WorkflowRefused(reasons)
    if target is None:
        label, ct, oid = f"{package.unit.name} 数据包（整体）", None, ""
    else:
        ct, oid = ContentType.objects.get_for_model(type(target)), str(target.pk)
        label = f"{target._meta.verbose_name}：{str(target)[:200]}"
    return ReviewComment.objects.create(package=package, stage=stage, author=acting_user, target_type=ct, target_id=oid,
                                        target_label=label, text=text)


@transaction.atomic
def resolve_comment(comment: ReviewComment, resolution: str = "", *, acting_user) -> ReviewComment:
    """The 编办 (the clerks) records how a comment was handled (反馈市编办进行统一修改)."""
    package = comment.package
    reasons = []
    if comment.resolved:
        reasons.append("该意见已处理")
    may_change = allowed_units(acting_user, "change").filter(pk=package.unit_id).exists()
    if not may_change and comment.author_id != acting_user.pk:
        reasons.append(f"「{package.unit.name}」不在您的数据范围内")
    if reasons:
        raise WorkflowRefused(reasons)
    comment.resolved, comment.resolved_by, comment.resolved_at = True, acting_user, timezone.now()
    comment.resolution = (resolution or "").strip()
    comment.save()
    return comment


# ------------------------------------------------------------------------------------------------ changes
@transaction.atomic
def open_change_request(unit, reason: str, *, acting_user) -> DataPackage:
    """变更申请: a correction after approval runs the same flow as a new package; the approved one stays in
    the history (is_current=False) and its data unlocks for the correction until the change is approved."""
    reasons = []
    old = DataPackage.objects.select_for_update().filter(unit=unit, is_current=True).first()
    if old is None or old.state not in LOCKED_STATES:
        reasons.append(f"「{unit.name}」的数据尚未审核通过，直接在当前数据包中修改即可，无需变更申请")
    if not may_open_change_request(acting_user, unit):
        reasons.append(f"「{unit.name}」不在您的数据范围内")
    if not (reason or "").strip():
        reasons.append("请填写变更理由")
    if reasons:
        raise WorkflowRefused(reasons)
    old.is_current = False
    with allow_locked_writes():  # the one way to unlock: this transition, recorded below and in the audit log
        old.save()
    package = DataPackage.objects.create(unit=unit, campaign=old.campaign, kind=PackageKind.CHANGE, supersedes=old,
                                         change_reason=reason.strip(), assigned_confirmer=old.assigned_confirmer,
                                         assigned_reviewer=old.assigned_reviewer)
    Transition.objects.create(package=package, name="open_change", label="发起变更申请", from_state=old.state,
                              to_state=PackageState.ENTERING, user=acting_user, comment=reason.strip())
    return package


@transaction.atomic
def assign(package, confirmer=None, reviewer=None, *, acting_user) -> DataPackage:
    if not may_assign_package(acting_user, package):
        raise WorkflowRefused([f"「{package.unit.name}」不在您的数据范围内，不能指定确认人、审核人"])
    reasons = []
    if confirmer is not None and not may_be_assigned_confirmer(confirmer):
        reasons.append(f"{confirmer} 不是部门确认员")
    if reviewer is not None and not may_be_assigned_reviewer(reviewer):
        reasons.append(f"{reviewer} 不是审核员")
    if reviewer is not None and reviewer.pk == package.entered_by_id:
        reasons.append("录入人与审核人不能为同一人")
    if reasons:
        raise WorkflowRefused(reasons)
    package.assigned_confirmer, package.assigned_reviewer = confirmer, reviewer
    package.save()
    return package


# ------------------------------------------------------------------------------------------------ holds
def units_missing_materials(campaign, today: datetime.date):
    """Units of the campaign that had not delivered their materials by the deadline (and, on `today`, still
    have no package approved)."""
    on_time = MaterialPackage.objects.filter(campaign=campaign, received_at__isnull=False).exclude(
        status=MaterialStatus.RETURNED)
    on_time_ids = [m.unit_id for m in on_time.select_related("campaign") if m.delivered_on_time]
    approved = DataPackage.objects.filter(campaign=campaign, state__in=LOCKED_STATES).values("unit_id")
    return campaign.units.exclude(pk__in=on_time_ids).exclude(pk__in=approved).exclude(status="abolished")


@transaction.atomic
def place_holds(campaign, today: datetime.date | None = None, units=None, *, acting_user=None) -> list:
    """暂停出入编、工资审核 for every unit that missed the materials deadline, from the hold date.
    `units` (a Unit queryset) limits the check, e.g. to a county 编办's own units."""
    today = today or timezone.localdate()
    if today < campaign.hold_from:
        return []
    placed = []
    active = set(Hold.objects.filter(campaign=campaign, lifted_at__isnull=True).values_list("unit_id", "kind"))
    reason = f"未按时（{campaign.materials_due:%Y年%m月%d日}前）报送机构编制云平台材料（{campaign.basis or campaign.name}）"
    late = units_missing_materials(campaign, today)
    if units is not None:
        late = late.filter(pk__in=units.values("pk"))
    for unit in late:
        for kind in HoldKind.values:
            if (unit.pk, kind) in active:
                continue
            with allow_locked_writes():  # holds are the flow's own records (Hold is lockable against others)
                placed.append(Hold.objects.create(unit=unit, campaign=campaign, kind=kind,
                                                  start_date=campaign.hold_from, reason=reason, placed_by=acting_user))
    return placed


@transaction.atomic
def lift_holds(unit, reason: str = "", campaign=None, *, acting_user=None) -> list:
    holds = Hold.objects.select_for_update().filter(unit=unit, lifted_at__isnull=True)
    if campaign is not None:
        holds = holds.filter(campaign=campaign)
    lifted = []
    now = timezone.now()
    for hold in holds:
        hold.lifted_at, hold.lifted_by, hold.lift_reason = now, acting_user, reason or "数据包审核通过"
        with allow_locked_writes():  # lifting at approval is the flow's own write
            hold.save()
        lifted.append(hold)
    return lifted


@transaction.atomic
def run_daily_holds(today: datetime.date | None = None, units=None, *, acting_user=None) -> dict:
    """The daily job: place holds on late units; lift holds of units whose package has been approved.
    `units` limits it (a county 编办 pressing the button checks its own county only)."""
    placed, lifted = 0, 0
    for campaign in Campaign.objects.filter(is_active=True):
        placed += len(place_holds(campaign, today, units=units, acting_user=acting_user))
        done = DataPackage.objects.filter(campaign=campaign, state__in=LOCKED_STATES).values("unit_id")
        held = Hold.objects.filter(campaign=campaign, lifted_at__isnull=True, unit_id__in=done)
        if units is not None:
            held = held.filter(unit_id__in=units.values("pk"))
        for hold in held.select_related("unit"):
            lifted += len(lift_holds(hold.unit, "数据包已审核通过", campaign=campaign, acting_user=acting_user))
    return {"placed": placed, "lifted": lifted}


# ------------------------------------------------------------------------------------------------ materials
@transaction.atomic
def ensure_material_package(unit, campaign) -> MaterialPackage:
    package, _ = MaterialPackage.objects.get_or_create(unit=unit, campaign=campaign)
    return package


@transaction.atomic
def add_material_item(package, *, acting_user, title, issued_on, kind="sanding", doc_number="", position=None, marked_newest=False, document=None):

    reasons = []
    if not may_deliver_materials(acting_user, package.unit):
        reasons.append(f"「{package.unit.name}」不在您的数据范围内")
    if package.status == MaterialStatus.ACCEPTED:
        reasons.append("材料已验收合格，不能再修改")
    if not (title or "").strip():
        reasons.append("请填写文件标题")
    if reasons:
        raise WorkflowRefused(reasons)
    if position is None:
        position = (package.items.count() or 0) + 1
    return MaterialItem.objects.create(package=package, title=title.strip(), issued_on=issued_on, kind=kind,
                                       doc_number=doc_number, position=position, marked_newest=marked_newest,
                                       document=document)


def upload_material_file(item, fmt: str, upload, *, acting_user):
    """Check the uploaded bytes (PDF/DOCX by content, size) and store them; refused files are not kept."""
    from django.core.files.base import ContentFile


    package = item.package
    reasons = []
    if not may_deliver_materials(acting_user, package.unit):
        reasons.append(f"「{package.unit.name}」不在您的数据范围内")
    if package.status == MaterialStatus.ACCEPTED:
        reasons.append("材料已验收合格，不能再修改")
    if reasons:
        raise WorkflowRefused(reasons)
    data, problems = materials.check_upload(upload, fmt)
    if problems:
        raise WorkflowRefused(problems)
    digest = materials.sha256(data)
    with transaction.atomic():
        MaterialFile.objects.filter(item=item, fmt=fmt).delete()
        obj = MaterialFile(item=item, fmt=fmt, original_name=upload.name, size=len(data), sha256=digest,
                           uploaded_by=acting_user)
        obj.file.save(upload.name, ContentFile(data), save=False)
        obj.save()
        if package.status == MaterialStatus.RETURNED:
            package.status = MaterialStatus.PENDING
            package.save()
    return obj


@transaction.atomic
def receive_materials(package, *, acting_user) -> MaterialPackage:
    """Record the delivery (接收时间、经办人) and run the checks."""

    if not may_accept_materials(acting_user, package.unit):
        raise WorkflowRefused([f"「{package.unit.name}」不在您的数据范围内，不能登记接收"])
    package.received_at, package.received_by = timezone.now(), acting_user
    package.status = MaterialStatus.RECEIVED
    package.problems = materials.package_problems(package)
    package.save()
    return package


@transaction.atomic
def decide_materials(package, accepted: bool, reasons_text: str = "", *, acting_user) -> MaterialPackage:
    """合格 or 退回重做 (with reasons)."""

    reasons = []
    if not may_accept_materials(acting_user, package.unit):
        reasons.append(f"「{package.unit.name}」不在您的数据范围内，不能验收材料")
    if package.received_at is None:
        reasons.append("材料尚未登记接收")
    problems = materials.package_problems(package)
    if accepted and problems:
        reasons.append("检查发现问题，不能验收为合格：" + "；".join(problems))
    if not accepted and not (reasons_text or "").strip() and not problems:
        reasons.append("退回重做须写明原因")
    if reasons:
        raise WorkflowRefused(reasons)
    package.problems = problems
    package.decided_at, package.decided_by = timezone.now(), acting_user
    if accepted:
        package.status, package.return_reasons = MaterialStatus.ACCEPTED, ""
    else:
        package.status = MaterialStatus.RETURNED
        package.return_reasons = (reasons_text or "").strip() or "；".join(problems)
    package.save()
    return package
