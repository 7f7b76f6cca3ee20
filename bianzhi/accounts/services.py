"""Account work of the 编办 in the workbench (issue 11): the 录入员 and 部门确认员 accounts of the units.

Every function takes `acting_user` keyword-only, checks `permissions.may_manage_unit_accounts` once for every
account or unit it touches, and runs in one transaction (all or nothing). The writes are audited by the audit
signals like any other (the user rows, the entry-group memberships); the passwords themselves never reach the log.

Initial and reset passwords are one-time: generated here, returned once to the caller (the page shows them and
offers them as the 初始密码 sheet), stored only as a hash, and the account must change it at the next login
(`User.must_change_password`, enforced by `middleware.ForcedPasswordChangeMiddleware`).
"""
import base64
import dataclasses
import hashlib
import io
import json
import re
import secrets
import string

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from openpyxl import Workbook, load_workbook

from bianzhi.core import identifiers
from bianzhi.core.spreadsheet import safe_row

from .models import EntryGroup, Role, User
from .permissions import UNIT_ACCOUNT_ROLES, may_manage_unit_accounts
from .scope import allowed_units, unit_model

ROLE_PREFIX = {Role.CLERK: "lr", Role.CONFIRMER: "qr"}          # 录入 / 确认
ROLE_BY_LABEL = {"录入员": Role.CLERK, "录入": Role.CLERK, "部门确认员": Role.CONFIRMER, "确认员": Role.CONFIRMER,
                 "确认": Role.CONFIRMER}
IMPORT_COLUMNS = ("单位", "姓名", "角色", "手机", "办公电话", "用户名", "录入组")
REQUIRED_COLUMNS = ("单位", "姓名", "角色")
USERNAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{2,29}$")
CREDENTIALS_TTL = 30 * 60  # seconds the 初始密码 sheet can still be downloaded from the result page


@dataclasses.dataclass
class Credential:
    """One account and its one-time password, as shown once and put in the sheet."""

    username: str
    display_name: str
    role: str
    unit: str
    password: str
    note: str = ""


def manageable_accounts(user):
    """The accounts this user may manage: 录入员 and 部门确认员 bound to units of its review scope (the 市编办
    also its unit-less entry clerks). Never administrators, superusers or the user's own account."""
    if not may_manage_unit_accounts(user):
        return User.objects.none()
    accounts = (User.objects.filter(role__in=UNIT_ACCOUNT_ROLES, is_superuser=False, is_staff=False)
                .exclude(pk=user.pk))
    units = allowed_units(user, "review").values("pk")
    if may_manage_unit_accounts(user, _unitless_clerk()):
        return accounts.filter(Q(unit__in=units) | Q(unit__isnull=True))
    return accounts.filter(unit__in=units)


def _unitless_clerk() -> User:
    return User(role=Role.CLERK)


def manageable_groups(user):
    """Entry groups this user may give to an account: every unit of the group lies in the user's review scope."""
    if not may_manage_unit_accounts(user):
        return EntryGroup.objects.none()
    outside = unit_model()._base_manager.exclude(pk__in=allowed_units(user, "review").values("pk"))
    return EntryGroup.objects.exclude(units__in=outside.values("pk")).distinct()


# ------------------------------------------------------------------------------------------------ passwords
def generate_password(user: User | None = None) -> str:
    """A 12-character one-time password with upper- and lower-case letters, digits and a symbol, without look-alike
    characters, that passes the platform's password validators."""
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    lower = "abcdefghijkmnpqrstuvwxyz"
    digits = "23456789"
    symbols = "@#%+=?"
    alphabet = letters + lower + digits
    while True:
        chars = [secrets.choice(letters), secrets.choice(lower), secrets.choice(digits), secrets.choice(symbols)]
        chars += [secrets.choice(alphabet) for _ in range(8)]
        secrets.SystemRandom().shuffle(chars)
        password = "".join(chars)
        if password[0] in string.punctuation:
            continue
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password


def _set_one_time_password(account: User) -> str:
    password = generate_password(account)
    account.set_password(password)
    account.must_change_password = True
    return password


# ------------------------------------------------------------------------------------------------ checks
def _require(acting_user, obj, what: str):
    if not may_manage_unit_accounts(acting_user, obj):
        raise PermissionDenied(f"您无权管理{what}")


def _unique_username(base: str, taken: set[str]) -> str:
    candidate, n = base, 1
    while candidate.lower() in taken or User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate.lower())
    return candidate


def _unit_group(unit) -> EntryGroup:
    """The unit's own entry group (「单位」录入组), created on first use."""
    name = f"{unit.name}录入组"[:100]
    group, created = EntryGroup.objects.get_or_create(name=name, defaults={"note": "批量建立账号时自动创建"})
    if created or not group.units.filter(pk=unit.pk).exists():
        group.units.add(unit)
    return group


def _create_account(*, username: str, display_name: str, role: str, unit, mobile: str = "", office_phone: str = "",
                    groups=()) -> tuple[User, str]:
    account = User(username=username, display_name=display_name, role=role, unit=unit, mobile=mobile,
                   office_phone=office_phone, is_active=True)
    password = _set_one_time_password(account)
    account.save()
    if role == Role.CLERK:
        for group in groups or ([_unit_group(unit)] if unit is not None else []):
            group.members.add(account)
    return account, password


def _credential(account: User, password: str, note: str = "") -> Credential:
    return Credential(username=account.username, display_name=account.display_name,
                      role=account.get_role_display(), unit=account.unit.name if account.unit_id else "",
                      password=password, note=note)


# ------------------------------------------------------------------------------------------------ bulk create
@dataclasses.dataclass
class BulkResult:
    credentials: list[Credential]
    skipped: list[str]  # 「单位」已有录入员 …


def create_unit_accounts(units, *, acting_user) -> BulkResult:
    """One 录入员 and one 部门确认员 account per unit (usernames lr<单位编号>, qr<单位编号>), each clerk in the unit's
    own entry group. A unit that already has an active account of a role gets no second one (reported in
    `skipped`). Every unit must lie in the acting user's scope, or nothing is created."""
    units = list(units)
    if not units:
        raise ValidationError("请至少选择一个单位。")
    for unit in units:
        _require(acting_user, unit, f"「{unit.name}」的账号")
    credentials, skipped, taken = [], [], set()
    with transaction.atomic():
        for unit in units:
            for role in (Role.CLERK, Role.CONFIRMER):
                label = Role(role).label
                if User.objects.filter(unit=unit, role=role, is_active=True).exists():
                    skipped.append(f"「{unit.name}」已有{label}账号，未重复建立")
                    continue
                username = _unique_username(f"{ROLE_PREFIX[role]}{unit.pk}", taken)
                account, password = _create_account(username=username, display_name=f"{unit.short_name or unit.name}{label}",
                                                     role=role, unit=unit)
                credentials.append(_credential(account, password))
    return BulkResult(credentials=credentials, skipped=skipped)


# ------------------------------------------------------------------------------------------------ import from xlsx
def import_template() -> bytes:
    """The empty import sheet with its header and one example row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "账号"
    ws.append(list(IMPORT_COLUMNS))
    ws.append(["百色市教育局", "张三", "录入员", "13800000000", "0776-2820000", "", ""])
    for col in "ABCDEFG":
        ws.column_dimensions[col].width = 22
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_rows(file) -> list[tuple[int, dict]]:
    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # any unreadable upload is the user's problem to fix, never a 500
        raise ValidationError("无法读取该文件：请上传 Excel（.xlsx）文件。") from exc
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = [_cell(v) for v in next(rows, ())]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ValidationError(f"第1行（表头）缺少列：{'、'.join(missing)}。表头应为：{'、'.join(IMPORT_COLUMNS)}")
    index = {name: header.index(name) for name in IMPORT_COLUMNS if name in header}
    result = []
    for number, values in enumerate(rows, start=2):
        values = list(values or ())
        row = {name: _cell(values[i]) if i < len(values) else "" for name, i in index.items()}
        if any(row.values()):
            result.append((number, row))
    wb.close()
    return result


def _find_unit(text: str, scope):
    code = identifiers.normalize_code(text)
    matches = list(scope.filter(Q(name=text) | Q(short_name=text) | Q(uscc=code))[:2]) if text else []
    return matches


def import_accounts(file, *, acting_user) -> BulkResult:
    """Accounts from an uploaded sheet (columns 单位, 姓名, 角色, 手机, 办公电话, 用户名, 录入组). Every row is checked
    first; any problem refuses the whole sheet with one Chinese message per problem naming the row and the column
    (nothing is created). Blank 用户名 → generated; blank 录入组 for a 录入员 → the unit's own entry group."""
    rows = _read_rows(file)
    if not rows:
        raise ValidationError("文件中没有账号数据（第2行起每行一个账号）。")
    scope = unit_model()._base_manager.filter(pk__in=allowed_units(acting_user, "review").values("pk"))
    groups = {g.name: g for g in manageable_groups(acting_user)}
    errors, plans, taken = [], [], set()
    for number, row in rows:
        where = f"第{number}行"
        problems = []
        units = _find_unit(row.get("单位", ""), scope)
        if not row.get("单位"):
            problems.append(f"{where}「单位」：不能为空")
        elif not units:
            problems.append(f"{where}「单位」：找不到单位“{row['单位']}”，或它不在您的管理范围内")
        elif len(units) > 1:
            problems.append(f"{where}「单位」：“{row['单位']}”对应多个单位，请填写单位全称或统一社会信用代码")
        name = row.get("姓名", "")
        if not name:
            problems.append(f"{where}「姓名」：不能为空")
        elif len(name) > 50:
            problems.append(f"{where}「姓名」：不能超过50个字")
        role = ROLE_BY_LABEL.get(row.get("角色", ""))
        if role is None:
            problems.append(f"{where}「角色」：“{row.get('角色', '')}”无效，应为“录入员”或“部门确认员”")
        for column, check in (("手机", identifiers.validate_mobile), ("办公电话", identifiers.validate_office_phone)):
            if row.get(column):
                try:
                    check(row[column])
                except ValidationError as exc:
                    problems.append(f"{where}「{column}」：{'；'.join(exc.messages)}")
        username = row.get("用户名", "")
        if username:
            if not USERNAME_RE.match(username):
                problems.append(f"{where}「用户名」：“{username}”无效，应以字母开头，由3至30位字母、数字、_ . - 组成")
            elif username.lower() in taken or User.objects.filter(username__iexact=username).exists():
                problems.append(f"{where}「用户名」：“{username}”已被使用")
            else:
                taken.add(username.lower())
        wanted = []
        for group_name in filter(None, re.split(r"[、，,;；]\s*", row.get("录入组", ""))):
            if group_name not in groups:
                problems.append(f"{where}「录入组」：找不到录入组“{group_name}”，或它含有您管理范围以外的单位")
            else:
                wanted.append(groups[group_name])
        if wanted and role == Role.CONFIRMER:
            problems.append(f"{where}「录入组」：部门确认员不属于录入组，请留空")
        if problems:
            errors.extend(problems)
            continue
        plans.append(dict(unit=units[0], display_name=name, role=role, mobile=row.get("手机", ""),
                          office_phone=row.get("办公电话", ""), username=username, groups=wanted))
    if errors:
        raise ValidationError(errors)
    for plan in plans:
        _require(acting_user, plan["unit"], f"「{plan['unit'].name}」的账号")
    credentials = []
    with transaction.atomic():
        for plan in plans:
            username = plan.pop("username") or _unique_username(f"{ROLE_PREFIX[plan['role']]}{plan['unit'].pk}", taken)
            account, password = _create_account(username=username, **plan)
            credentials.append(_credential(account, password))
    return BulkResult(credentials=credentials, skipped=[])


# ------------------------------------------------------------------------------------------------ one account
def reset_password(account: User, *, acting_user) -> Credential:
    """A new one-time password (shown once); the account must change it at the next login. Also ends a lock."""
    _require(acting_user, account, f"账号“{account.username}”")
    with transaction.atomic():
        account = User.objects.select_for_update().get(pk=account.pk)
        password = _set_one_time_password(account)
        account.failed_login_count = 0
        account.locked_until = None
        account.save()
    return _credential(account, password, note="重置密码")


def set_active(account: User, active: bool, *, acting_user) -> User:
    """停用 / 启用 an account (never deleted: its audit trail stays attributable). Deactivating ends its API tokens."""
    _require(acting_user, account, f"账号“{account.username}”")
    with transaction.atomic():
        account = User.objects.select_for_update().get(pk=account.pk)
        if account.is_active != active:
            account.is_active = active
            account.save()
    return account


def assign_entry_groups(account: User, groups, *, acting_user) -> User:
    """Set a 录入员's entry groups, among the groups the acting user manages; groups it does not manage keep
    their membership untouched."""
    _require(acting_user, account, f"账号“{account.username}”")
    if account.role != Role.CLERK:
        raise ValidationError({"groups": "只有录入员属于录入组"})
    allowed = manageable_groups(acting_user)
    groups = list(groups)
    outside = [g.name for g in groups if not allowed.filter(pk=g.pk).exists()]
    if outside:
        raise ValidationError({"groups": f"录入组“{'、'.join(outside)}”含有您管理范围以外的单位，不能分配"})
    with transaction.atomic():
        current = set(account.entry_groups.filter(pk__in=allowed.values("pk")).values_list("pk", flat=True))
        wanted = {g.pk for g in groups}
        for group in EntryGroup.objects.filter(pk__in=current - wanted):
            group.members.remove(account)
        for group in EntryGroup.objects.filter(pk__in=wanted - current):
            group.members.add(account)
    return account


# ------------------------------------------------------------------------------------------------ the one-time sheet
def _fernet() -> Fernet:
    key = hashlib.sha256(b"bianzhi.accounts.credentials:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal_credentials(credentials: list[Credential], *, for_user) -> str:
    """The credentials, encrypted for the page that shows them once: the download posts this back. Nothing is
    kept on the server; the token opens only for the same user and for CREDENTIALS_TTL seconds."""
    payload = {"user": for_user.pk, "rows": [dataclasses.asdict(c) for c in credentials]}
    return _fernet().encrypt(json.dumps(payload, ensure_ascii=False).encode()).decode()


def open_credentials(token: str, *, for_user) -> list[Credential]:
    try:
        payload = json.loads(_fernet().decrypt(token.encode(), ttl=CREDENTIALS_TTL))
    except (InvalidToken, ValueError) as exc:
        raise ValidationError("初始密码表已过期或无效（页面打开后 30 分钟内可下载）。如需密码，请重置密码。") from exc
    if payload.get("user") != for_user.pk:
        raise ValidationError("初始密码表只能由建立账号的人下载。")
    return [Credential(**row) for row in payload["rows"]]


def credentials_workbook(credentials: list[Credential]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "初始密码"
    ws.append(["用户名", "姓名", "角色", "单位", "初始密码", "说明"])
    for c in credentials:
        ws.append(safe_row([c.username, c.display_name, c.role, c.unit, c.password,
                            c.note or "首次登录后须立即修改密码"]))
    for col, width in zip("ABCDEF", (14, 24, 12, 30, 16, 24), strict=True):
        ws.column_dimensions[col].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
