"""实名制 and 用编 services. Each business step is one function `do_x(obj, *, acting_user, …)` that checks its own
rules, runs in one transaction and raises `PersonnelRefused` with every reason in Chinese. Writes are audited by
the audit-log signals; each person change is also a dated `PersonEvent` citing its document.

用编审批 is a declared flow (TRANSITIONS): 待审批 → 已核准 (issues the numbered 核准通知单) / 不予核准 / 已撤回.
A unit under an active 出入编 hold (workflow.Hold) cannot apply, and nothing of it is approved, entered or exited.
"""
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from bianzhi.accounts import permissions
from bianzhi.accounts.models import User
from bianzhi.core.text import nfkc
from bianzhi.registry.models import InternalBody
from bianzhi.sanding.models import StaffingType
from bianzhi.workflow.models import Hold, HoldKind, Notification

from . import crypto, idcard
from .models import (
    ApplicationState,
    ApplicationStep,
    EventKind,
    ExitKind,
    LeaderRole,
    Person,
    PersonEvent,
    PersonRead,
    Sex,
    StaffingApplication,
    UseNotice,
)
from .occupancy import occupancy

S = ApplicationState


class PersonnelRefused(Exception):
    def __init__(self, reasons):
        self.reasons = [reasons] if isinstance(reasons, str) else list(reasons)
        super().__init__("；".join(self.reasons))


def notice_code() -> str:
    return getattr(settings, "PERSONNEL_NOTICE_CODE", "编用")


def notice_valid_days() -> int:
    return int(getattr(settings, "PERSONNEL_NOTICE_VALID_DAYS", 180))


# ------------------------------------------------------------------------------------------------ holds
def active_holds(unit, date: datetime.date | None = None) -> list:
    """出入编 holds of the unit in force on `date` (default today: a hold in force now stops processing, whatever
    date the 入编/出编 itself bears)."""
    date = date or timezone.localdate()
    return list(Hold.objects.filter(unit=unit, kind=HoldKind.STAFFING, lifted_at__isnull=True,
                                    start_date__lte=date).select_related("unit", "campaign"))


def hold_reasons(unit, business: str, date=None) -> list:
    return [f"「{h.unit.name}」自{h.start_date:%Y年%-m月%-d日}起暂停办理出入编（{h.campaign.name}：{h.reason}），"
            f"暂停期间不能{business}；数据包审核通过、暂停解除后方可办理" for h in active_holds(unit, date)]


# ------------------------------------------------------------------------------------------------ notifications
def _notify(users, unit, text: str, url: str) -> None:
    """In-app notices (workflow's bell) for each user."""
    for user in {u.pk: u for u in users}.values():
        Notification.objects.create(recipient=user, unit=unit, text=text[:300], url=url)


def office_users(unit):
    return [u for u in User.objects.filter(is_active=True) if permissions.may_approve_staffing_use(u, unit)]


# ------------------------------------------------------------------------------------------------ the flow
@dataclass(frozen=True)
class Step:
    name: str
    label: str
    source: tuple
    target: str
    permission: Callable
    guards: tuple = field(default_factory=tuple)


def _not_on_hold(app, user, note) -> list:
    return hold_reasons(app.unit, "核准使用编制")


def _vacancy(app, user, note) -> list:
    occ = occupancy(app.unit, app.planned_date)
    row = occ.row(app.staffing_type)
    if row.available < app.count:
        return [f"{app.planned_date:%Y年%-m月%-d日}「{app.unit.name}」{row.label}核定{row.approved}名，实有{row.actual}名，"
                f"已核准待使用{row.reserved}名，可用空编{row.available}名，不足申请的{app.count}名"]
    return []


def _needs_note(app, user, note) -> list:
    return [] if (note or "").strip() else ["不予核准时须填写理由"]


TRANSITIONS = [
    Step("approve", "核准", (S.SUBMITTED,), S.APPROVED, permissions.may_approve_staffing_use, (_not_on_hold, _vacancy)),
    Step("refuse", "不予核准", (S.SUBMITTED,), S.REFUSED, permissions.may_approve_staffing_use, (_needs_note,)),
    Step("withdraw", "撤回", (S.SUBMITTED,), S.WITHDRAWN, permissions.may_apply_staffing_use),
]
BY_NAME = {s.name: s for s in TRANSITIONS}


def step_problems(step: Step, app, user, note: str = "") -> list:
    reasons = []
    if app.state not in step.source:
        reasons.append(f"申请当前状态为「{app.get_state_display()}」，不能{step.label}")
    if not step.permission(user, app.unit):
        reasons.append(f"您无权对「{app.unit.name}」的用编申请执行「{step.label}」")
    if reasons:
        return reasons
    for guard in step.guards:
        reasons += guard(app, user, note)
    return reasons


def available_steps(app, user) -> list:
    return [(s, step_problems(s, app, user, "…")) for s in TRANSITIONS
            if app.state in s.source and s.permission(user, app.unit)]


def _fire(app, name: str, user, note: str = "") -> StaffingApplication:
    step = BY_NAME[name]
    with transaction.atomic():
        locked = StaffingApplication.objects.select_for_update().select_related("unit").get(pk=app.pk)
        reasons = step_problems(step, locked, user, note)
        if reasons:
            raise PersonnelRefused(reasons)
        old = locked.state
        locked.state = step.target
        if name in ("approve", "refuse"):
            locked.decided_by, locked.decided_at, locked.decision_note = user, timezone.now(), note
        locked.save()
        ApplicationStep.objects.create(application=locked, name=step.name, label=step.label, from_state=old,
                                       to_state=step.target, user=user, note=note)
    return locked


def do_apply(unit, *, acting_user, staffing_type: str, count: int, reason: str, planned_date: datetime.date,
             recruitment: str = "exam") -> StaffingApplication:
    """用编申请 (→ 待审批). Refused for a unit under an active 出入编 hold (the refusal names the hold)."""
    reasons = []
    if not permissions.may_apply_staffing_use(acting_user, unit):
        reasons.append(f"您无权为「{unit.name}」申请使用编制")
    reasons += hold_reasons(unit, "申请使用编制")
    if staffing_type not in StaffingType.values:
        reasons.append(f"编制类型“{staffing_type}”不存在")
    if not count or count < 1:
        reasons.append("申请使用数须为正整数")
    if not (reason or "").strip():
        reasons.append("须填写用编理由")
    if planned_date is None:
        reasons.append("须填写计划补充日期")
    if reasons:
        raise PersonnelRefused(reasons)
    with transaction.atomic():
        app = StaffingApplication.objects.create(unit=unit, staffing_type=staffing_type, count=count,
                                                 reason=reason.strip(), planned_date=planned_date,
                                                 recruitment=recruitment, applicant=acting_user)
        ApplicationStep.objects.create(application=app, name="apply", label="申请", from_state="",
                                       to_state=S.SUBMITTED, user=acting_user, note=reason.strip()[:500])
        _notify(office_users(unit), unit, f"「{unit.name}」申请使用{app.get_staffing_type_display()}{count}名，待审批",
                reverse("personnel:application-detail", args=[app.pk]))
    return app


def _next_serial(year: int) -> int:
    UseNotice.objects.select_for_update().filter(year=year).order_by("-serial").first()
    return (UseNotice.objects.filter(year=year).aggregate(n=Max("serial"))["n"] or 0) + 1


def do_approve(app, *, acting_user, note: str = "", issued_on: datetime.date | None = None) -> UseNotice:
    """核准 (待审批 → 已核准): checks hold and vacancy as of the planned date, issues the numbered 核准通知单
    (机关代字〔年份〕序号号, valid `PERSONNEL_NOTICE_VALID_DAYS`), which reserves the 编制 until used or expired."""
    issued_on = issued_on or timezone.localdate()
    with transaction.atomic():
        app = _fire(app, "approve", acting_user, note)
        serial = _next_serial(issued_on.year)
        valid_until = max(issued_on, app.planned_date) + datetime.timedelta(days=notice_valid_days())
        notice = UseNotice.objects.create(
            application=app, unit=app.unit, year=issued_on.year, serial=serial,
            number=f"{notice_code()}〔{issued_on.year}〕{serial}号", staffing_type=app.staffing_type, count=app.count,
            issued_on=issued_on, valid_until=valid_until, issued_by=acting_user)
        _notify([u for u in [app.applicant] if u], app.unit,
                f"「{app.unit.name}」用编申请已核准：{notice.number}，有效期至{valid_until:%Y年%-m月%-d日}",
                reverse("personnel:application-detail", args=[app.pk]))
    return notice


def do_refuse(app, *, acting_user, note: str) -> StaffingApplication:
    with transaction.atomic():
        app = _fire(app, "refuse", acting_user, note)
        _notify([u for u in [app.applicant] if u], app.unit, f"「{app.unit.name}」用编申请不予核准：{note[:80]}",
                reverse("personnel:application-detail", args=[app.pk]))
    return app


def do_withdraw(app, *, acting_user) -> StaffingApplication:
    return _fire(app, "withdraw", acting_user)


# ------------------------------------------------------------------------------------------------ person records
PERSON_FIELDS = ["name", "ethnicity", "internal_body", "staffing_type", "funding_form", "entry_method", "post", "rank",
                 "leader_role"]


def _clean_person(unit, values: dict, *, exclude_pk=None, date=None) -> tuple[dict, list]:
    """Validate the editable values of a person (new or changed); returns (clean values, reasons)."""
    reasons = []
    clean = {}
    name = nfkc(values.get("name") or "").strip()
    if "name" in values:
        if not name:
            reasons.append("姓名不能为空")
        clean["name"] = name
    if "id_number" in values:
        try:
            number = idcard.validate(values["id_number"])
        except idcard.IdNumberError as exc:
            reasons.append(str(exc))
        else:
            clean.update(id_cipher=crypto.encrypt(number), id_index=crypto.blind_index(number),
                         id_masked=idcard.mask(number), birth_date=idcard.birth_date(number), sex=idcard.sex(number))
            stated = values.get("sex")
            if stated and stated != clean["sex"]:
                reasons.append(f"性别“{Sex(stated).label}”与公民身份号码（{Sex(clean['sex']).label}）不符")
            twin = Person.objects.active_on(date or timezone.localdate()).filter(id_index=clean["id_index"])
            if exclude_pk:
                twin = twin.exclude(pk=exclude_pk)
            twin = twin.select_related("unit").first()
            if twin:
                reasons.append(f"公民身份号码 {clean['id_masked']} 已在「{twin.unit.name}」在编（{twin.name}，"
                               f"{twin.entry_date:%Y-%m-%d}入编），同一人不能重复入编")
    if "staffing_type" in values:
        if values["staffing_type"] not in StaffingType.values:
            reasons.append(f"编制类型“{values['staffing_type']}”不存在")
        clean["staffing_type"] = values["staffing_type"]
    if "internal_body" in values:
        body = values["internal_body"]
        if body is not None and not isinstance(body, InternalBody):
            body = InternalBody.objects.filter(pk=body).first()
        if body is not None and body.unit_id != unit.pk:
            reasons.append(f"内设机构「{body.name}」不属于「{unit.name}」")
        clean["internal_body"] = body
    if "leader_role" in values and (values["leader_role"] or "") not in LeaderRole.values:
        reasons.append(f"领导职务类别“{values['leader_role']}”不存在")
    for key in ("ethnicity", "funding_form", "entry_method", "post", "rank", "leader_role"):
        if key in values:
            clean[key] = nfkc(values[key] or "").strip()
    return clean, reasons


def _display(person, key):
    value = getattr(person, key)
    if key == "internal_body":
        return value.name if value else ""
    getter = getattr(person, f"get_{key}_display", None)
    return getter() if getter and value else (value.isoformat() if isinstance(value, datetime.date) else value)


def do_enter(notice, *, acting_user, values: dict, entry_date: datetime.date, document: str = "") -> Person:
    """入编: a person fills one 编制 reserved by a valid 核准通知单 (same unit and type, within its validity)."""
    reasons = []
    if notice is None:
        raise PersonnelRefused(["入编须引用《机构编制使用核准通知单》：请先申请用编并经编办核准"])
    unit = notice.unit
    if not permissions.may_manage_people(acting_user, unit):
        reasons.append(f"您无权为「{unit.name}」办理入编")
    reasons += hold_reasons(unit, "办理入编")
    if entry_date is None:
        reasons.append("须填写入编日期")
    elif entry_date < notice.issued_on:
        reasons.append(f"入编日期{entry_date:%Y-%m-%d}早于通知单{notice.number}的核准日期{notice.issued_on:%Y-%m-%d}")
    elif entry_date > notice.valid_until:
        reasons.append(f"通知单{notice.number}已于{notice.valid_until:%Y年%-m月%-d日}过期，不能再用于入编；请重新申请用编")
    if notice.remaining() < 1:
        reasons.append(f"通知单{notice.number}核准的{notice.count}名已全部使用")
    values = {**values, "staffing_type": values.get("staffing_type") or notice.staffing_type}
    if values["staffing_type"] != notice.staffing_type:
        reasons.append(f"通知单{notice.number}核准的是{notice.get_staffing_type_display()}，不能用于其他编制类型")
    clean, more = _clean_person(unit, {**values, "name": values.get("name", "")}, date=entry_date)
    if "id_number" not in values:
        more.append("须填写公民身份号码")
    reasons += more
    if reasons:
        raise PersonnelRefused(reasons)
    with transaction.atomic():
        UseNotice.objects.select_for_update().get(pk=notice.pk)
        if notice.remaining() < 1:
            raise PersonnelRefused([f"通知单{notice.number}核准的{notice.count}名已全部使用"])
        person = Person.objects.create(unit=unit, notice=notice, entry_date=entry_date,
                                       entry_document=document or notice.number, **clean)
        PersonEvent.objects.create(person=person, kind=EventKind.ENTER, date=entry_date,
                                   document=document or notice.number, notice=notice, user=acting_user,
                                   changes={k: [None, _display(person, k)] for k in PERSON_FIELDS if getattr(person, k)},
                                   note=f"依据{notice.number}入编")
        _notify([u for u in [notice.application.applicant] if u], unit,
                f"「{unit.name}」{person.name}已入编（{notice.number}）", reverse("personnel:unit", args=[unit.pk]))
    return person


def do_exit(person, *, acting_user, kind: str, date: datetime.date, document: str) -> Person:
    """出编 (退休、调出、辞职、辞退、开除、死亡): ends the occupancy on `date` (the first day out of 编)."""
    with transaction.atomic():
        person = Person.objects.select_for_update().select_related("unit").get(pk=person.pk)
        return _exit(person, acting_user, kind, date, document)


def _exit(person, acting_user, kind, date, document) -> Person:
    reasons = []
    if not permissions.may_manage_people(acting_user, person.unit):
        reasons.append(f"您无权为「{person.unit.name}」办理出编")
    if kind not in ExitKind.values:
        reasons.append("须选择出编方式（退休、调出、辞职、辞退、开除、死亡）")
    if not (document or "").strip():
        reasons.append("出编须填写依据文号")
    if person.exit_date:
        reasons.append(f"{person.name}已于{person.exit_date:%Y-%m-%d}出编")
    if date is None:
        reasons.append("须填写出编日期")
    elif date < person.entry_date:
        reasons.append(f"出编日期{date:%Y-%m-%d}早于入编日期{person.entry_date:%Y-%m-%d}")
    reasons += hold_reasons(person.unit, "办理出编")
    if reasons:
        raise PersonnelRefused(reasons)
    person.exit_kind, person.exit_date, person.exit_document = kind, date, document.strip()
    person.save()
    PersonEvent.objects.create(person=person, kind=EventKind.EXIT, date=date, document=document.strip(),
                               user=acting_user, changes={"exit_kind": [None, person.get_exit_kind_display()]},
                               note=f"{person.get_exit_kind_display()}出编")
    return person


def do_change(person, *, acting_user, date: datetime.date, document: str, values: dict,
              expected_version: int | None = None) -> Person:
    """信息变更 (转岗、职务职级、内设机构…): dated, citing its document; every changed field is in the event."""
    reasons = []
    if not permissions.may_manage_people(acting_user, person.unit):
        reasons.append(f"您无权修改「{person.unit.name}」的实名制信息")
    if not (document or "").strip():
        reasons.append("变更须填写依据文号")
    if person.exit_date:
        reasons.append(f"{person.name}已出编，不能再变更")
    if date is None:
        reasons.append("须填写变更日期")
    clean, more = _clean_person(person.unit, {k: v for k, v in values.items() if k in PERSON_FIELDS or k == "id_number"},
                                exclude_pk=person.pk, date=date)
    reasons += more
    if reasons:
        raise PersonnelRefused(reasons)
    with transaction.atomic():
        changes = {}
        for key, value in clean.items():
            old = getattr(person, key)
            if old != value:
                if key in ("id_cipher", "id_index", "birth_date", "sex"):
                    continue
                before = _display(person, key) if key in PERSON_FIELDS else None
                setattr(person, key, value)
                changes[key] = [before, _display(person, key) if key in PERSON_FIELDS else value]
        if "id_index" in clean and clean["id_index"] != person.id_index:
            changes["id_masked"] = [person.id_masked, clean["id_masked"]]
            for key in ("id_cipher", "id_index", "id_masked", "birth_date", "sex"):
                setattr(person, key, clean[key])
        if not changes:
            raise PersonnelRefused(["没有需要保存的变化"])
        person.save(expected_version=expected_version)
        PersonEvent.objects.create(person=person, kind=EventKind.CHANGE, date=date, document=document.strip(),
                                   user=acting_user, changes=changes)
    return person


def reveal_id(person, *, acting_user) -> str:
    """The full 公民身份号码 for those allowed; everyone else gets the masked form."""
    if permissions.may_view_id_number(acting_user, person.unit):
        return idcard.normalise(crypto.decrypt(person.id_cipher))
    return person.id_masked


def record_read(person, *, acting_user, full_id_shown: bool, channel: str = "page") -> PersonRead:
    return PersonRead.objects.create(person=person, user=acting_user, full_id_shown=full_id_shown, channel=channel)

