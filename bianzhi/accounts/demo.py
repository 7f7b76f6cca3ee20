"""Demo accounts. The demo password is for the demo only; production accounts are created by the
administrator (`bianzhi createsuperuser`, then the admin site) and must pass the password validators."""
import base64

from django_otp.plugins.otp_totp.models import TOTPDevice

from bianzhi.registry.demo import demo_unit, demo_units
from bianzhi.registry.models import Region

from .demo_credentials import DEMO_PASSWORD, DEMO_TOTP_SECRET  # noqa: F401 (re-exported for tests)
from .models import EntryGroup, Role, User
from .permissions import requires_second_factor

DEMO_USERS = [
    # username, display name, role, unit name, region code
    ("admin", "袁劭", Role.ADMIN, None, None),
    ("luru", "李录入", Role.CLERK, None, None),
    ("jiaotong", "黄交通", Role.CLERK, None, None),
    ("jiaoyu", "韦确认", Role.CONFIRMER, "百色市教育局", None),
    ("shenhe", "罗审核", Role.REVIEWER, None, None),
    ("youjiang", "陆县编", Role.COUNTY, None, "451002"),
    ("lingdao", "张领导", Role.LEADER, None, None),
    # 三员分立
    ("xitong", "王系统", Role.SYSADMIN, None, None),
    ("anquan", "覃安全", Role.SECADMIN, None, None),
    ("shenji", "蒙审计", Role.AUDITOR, None, None),
]

ENTRY_GROUPS = [
    ("市编办第一录入组", "市编办抽调人员，负责教育、财政、发展改革等部门", ["百色市教育局", "百色市财政局", "百色市发展和改革委员会"],
     ["luru"]),
    ("交通运输局录入组", "市交通运输局抽调1人，只负责本单位及其下属、二层单位", ["百色市交通运输局"], ["jiaotong"]),
]


def load(log=print) -> None:
    created = 0
    for username, display, role, unit_name, region_code in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, display_name=display, role=role,
                        is_staff=role in {Role.ADMIN, Role.SYSADMIN, Role.SECADMIN}, is_superuser=role == Role.ADMIN)
            user.unit = demo_unit(unit_name) if unit_name else None
            user.region = Region.objects.get(code=region_code) if region_code else None
            user.set_password(DEMO_PASSWORD)
            user.save()
            created += 1
        if requires_second_factor(user) and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name="演示身份验证器", confirmed=True,
                                      key=base64.b32decode(DEMO_TOTP_SECRET).hex())
    for name, note, unit_names, members in ENTRY_GROUPS:
        group, _ = EntryGroup.objects.get_or_create(name=name, defaults={"note": note})
        group.units.add(*demo_units(unit_names))
        group.members.add(*User.objects.filter(username__in=members))
    log(f"  演示账号：{len(DEMO_USERS)} 个（新建 {created}），密码均为 {DEMO_PASSWORD}")
    log(f"  二次验证：admin、xitong、anquan、shenji 须输入身份验证器的 6 位验证码。演示密钥 {DEMO_TOTP_SECRET}"
        "（可添加到手机身份验证器），或运行 .venv/bin/python -m bianzhi.accounts.demo_totp 显示当前验证码。")
