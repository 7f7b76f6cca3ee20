"""Demo 实名制 data for the 百色市 demo units: GENERATED people (names and 公民身份号码 made up by a seeded random
generator, valid check digits, every record `generated=True` and labelled 演示生成), some units over quota, one
用编 application waiting for the 编办, one refused because the unit is on hold, a 总量控制 limit and the 公示 policy.

Idempotent: each part is only built when missing.
"""
import datetime
import random

from bianzhi.accounts.models import User
from bianzhi.registry.demo import demo_unit
from bianzhi.registry.models import FundingForm, InternalBody, Region
from bianzhi.sanding.models import StaffingType
from bianzhi.sanding.services import snapshot
from bianzhi.workflow.models import Hold

from . import crypto, idcard, services
from .models import (
    ApplicationState,
    ApplicationStep,
    DisclosurePolicy,
    EntryMethod,
    EventKind,
    ExitKind,
    LeaderRole,
    Person,
    PersonEvent,
    RegionLimit,
    StaffingApplication,
)

GENERATED_NOTE = "演示数据：姓名与公民身份号码为程序生成，不对应真实人员"
SURNAMES = "黄韦李陆农梁罗莫覃蒙陈王张刘杨赵卢潘谭周廖吴何唐"
GIVEN = "志明海燕丽华建国永军秀英玉兰文斌晓峰春梅光辉德胜家宝伟强红霞桂芳振宇思远佳琪子涵雨欣俊杰"
BORN_IN = ["451002", "451003", "451022", "451024", "451026", "451028", "451081"]  # 百色 districts/counties
ETHNICITIES = ["壮族"] * 12 + ["汉族"] * 7 + ["瑶族"]

# unit, [(type, people)], deputies placed (单位副职), extra (type, count) occupying a type without quota
PLAN = [
    ("百色市教育局", [(StaffingType.ADMIN, 27), (StaffingType.WORKER, 2)], 3, []),
    ("百色市财政局", [(StaffingType.ADMIN, 35), (StaffingType.WORKER, 3)], 5, []),       # 超职数: 副局长 5 of 4
    ("百色市发展和改革委员会", [(StaffingType.ADMIN, 40), (StaffingType.WORKER, 1)], 4, []),
    ("百色市交通运输局", [(StaffingType.ADMIN, 27), (StaffingType.WORKER, 2)], 3, []),   # 超编: 27 of 25
    ("百色市市场监督管理局", [(StaffingType.ADMIN, 44), (StaffingType.WORKER, 3)], 4,
     [(StaffingType.INST, 1)]),                                                         # 混编混岗
]


def _name(rng) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def _id(rng, sex: str) -> str:
    born = datetime.date(rng.randint(1966, 1998), rng.randint(1, 12), rng.randint(1, 28))
    seq = rng.randrange(1, 999, 2) if sex == "male" else rng.randrange(2, 999, 2)
    return idcard.make(rng.choice(BORN_IN), born, seq)


def _person(unit, rng, *, staffing_type, body=None, leader_role="", post="", rank="", number=None, name=None):
    sex = rng.choice(("male", "female"))
    number = number or _id(rng, sex)
    born = idcard.birth_date(number)
    entry = datetime.date(max(born.year + 22, 2003), rng.randint(1, 12), rng.randint(1, 28))
    entry = min(entry, datetime.date(2020, 12, 1))
    person = Person.objects.create(
        unit=unit, internal_body=body, name=name or _name(rng), sex=idcard.sex(number), id_cipher=crypto.encrypt(number),
        id_index=crypto.blind_index(number), id_masked=idcard.mask(number), birth_date=born,
        ethnicity=rng.choice(ETHNICITIES), staffing_type=staffing_type,
        funding_form=FundingForm.FULL if staffing_type == StaffingType.INST else "",
        entry_method=rng.choice([EntryMethod.EXAM] * 4 + [EntryMethod.TRANSFER_IN, EntryMethod.MILITARY]),
        entry_date=entry, entry_document=f"百编实〔{entry.year}〕{rng.randint(1, 90)}号", post=post, rank=rank,
        leader_role=leader_role, generated=True)
    PersonEvent.objects.create(person=person, kind=EventKind.IMPORT, date=entry, document=person.entry_document,
                               note=GENERATED_NOTE)
    return person


def _people(unit, types, deputies, extra, rng) -> int:
    bodies = list(InternalBody.objects.filter(unit=unit, abolished_on__isnull=True).order_by("sort_order", "id"))
    states = {b.body_id: b for b in snapshot(unit).bodies}
    made = 0
    for staffing_type, count in types:
        slots = []
        if staffing_type == StaffingType.ADMIN:
            slots.append((None, LeaderRole.UNIT_HEAD, "局长" if "局" in unit.name else "主任", "正处级"))
            slots += [(None, LeaderRole.UNIT_DEPUTY, "副局长" if "局" in unit.name else "副主任", "副处级")] * deputies
            for body in bodies:
                state = states.get(body.pk)
                slots.append((body, LeaderRole.BODY_HEAD, "科长", "正科级"))
                if state and state.deputy_count:
                    slots.append((body, LeaderRole.BODY_DEPUTY, "副科长", "副科级"))
        while len(slots) < count:
            body = bodies[len(slots) % len(bodies)] if bodies else None
            if staffing_type == StaffingType.WORKER:
                slots.append((body, "", "驾驶员", "技术工"))
            else:
                slots.append((body, "", "科员", rng.choice(["一级科员", "四级主任科员", "二级主任科员"])))
        for body, role, post, rank in slots[:count]:
            _person(unit, rng, staffing_type=staffing_type, body=body, leader_role=role, post=post, rank=rank)
            made += 1
    for staffing_type, count in extra:
        for _ in range(count):
            _person(unit, rng, staffing_type=staffing_type, body=bodies[0] if bodies else None, post="科员")
            made += 1
    return made


def load(log=print) -> None:
    rng = random.Random(20170504)
    admin = User.objects.filter(username="admin").first()
    made = 0
    if not Person.objects.filter(generated=True).exists():
        for unit_name, types, deputies, extra in PLAN:
            unit = demo_unit(unit_name)
            if unit is not None:
                made += _people(unit, types, deputies, extra, rng)
        education = demo_unit("百色市教育局")
        if education is not None:
            # one retirement (history) and one record duplicated by a badly merged old import (a warning)
            leaving = Person.objects.filter(unit=education, leader_role="").order_by("id").first()
            extra = _person(education, rng, staffing_type=StaffingType.ADMIN, post="科员", rank="一级主任科员")
            extra.exit_kind, extra.exit_date, extra.exit_document = ExitKind.RETIRE, datetime.date(2024, 3, 1), \
                "百人社退〔2024〕12号"
            extra.save()
            PersonEvent.objects.create(person=extra, kind=EventKind.EXIT, date=extra.exit_date,
                                       document=extra.exit_document, note="退休出编（演示）")
            development = demo_unit("百色市发展和改革委员会")
            if development is not None and leaving is not None:
                number = crypto.decrypt(leaving.id_cipher)
                _person(development, rng, staffing_type=StaffingType.ADMIN, post="科员", rank="一级科员",
                        number=number, name=leaving.name)
                made += 1
    # 公示 policy and 总量控制 for the city
    city = Region.objects.filter(code="451000").first()
    if city is not None:
        DisclosurePolicy.objects.get_or_create(region=city, defaults={
            "publish_names": False, "document": "演示：本市实名制公示只公示数额，不公示姓名"})
        RegionLimit.objects.get_or_create(region=city, staffing_type=StaffingType.ADMIN, defaults={
            "limit": 1000, "document": "演示：桂编〔2016〕99号（虚构）"})
    # one application waiting, one refused because of the hold
    education = demo_unit("百色市教育局")
    clerk = User.objects.filter(username="jiaoyu").first()
    if education is not None and clerk is not None and not StaffingApplication.objects.filter(unit=education).exists():
        services.do_apply(education, acting_user=clerk, staffing_type=StaffingType.ADMIN, count=2,
                          reason="基础教育科、教育督导科各有1名干部调出，拟通过2026年度公务员考录补充（演示）",
                          planned_date=datetime.date(2026, 12, 1), recruitment=EntryMethod.EXAM)
    held = Hold.objects.filter(lifted_at__isnull=True, unit__name="百色市林业局").select_related("unit").first()
    if held is not None and admin is not None and not StaffingApplication.objects.filter(unit=held.unit).exists():
        unit = held.unit
        # filed on paper before the hold was placed and entered later; the 编办 cannot approve it during the hold
        app = StaffingApplication.objects.create(unit=unit, staffing_type=StaffingType.ADMIN, count=1,
                                                 reason="林政资源管理科人员退休，申请补充1名（演示，暂停前纸质报送）",
                                                 planned_date=datetime.date(2017, 9, 1), applicant=admin)
        ApplicationStep.objects.create(application=app, name="apply", label="申请（纸质报送后补录）", to_state=app.state,
                                       user=admin)
        try:
            services.do_approve(app, acting_user=admin)
        except services.PersonnelRefused:
            services.do_refuse(app, acting_user=admin, note="；".join(services.hold_reasons(unit, "核准使用编制")))
    # two approved applications, each with its 核准通知单 (one reserving 编制 until 入编 or expiry)
    approved = [
        ("百色市发展和改革委员会", "价格监测科1名干部调任，拟从乡镇公务员中选调1名补充（演示）", EntryMethod.SELECTED),
        ("百色市市场监督管理局", "食品安全协调科1名干部退休，拟通过公务员考录补充1名（演示）", EntryMethod.EXAM),
    ]
    for unit_name, reason, method in approved:
        unit = demo_unit(unit_name)
        if unit is None or admin is None or StaffingApplication.objects.filter(unit=unit).exists():
            continue
        app = services.do_apply(unit, acting_user=admin, staffing_type=StaffingType.ADMIN, count=1, reason=reason,
                                planned_date=datetime.date(2026, 11, 20), recruitment=method)
        try:
            services.do_approve(app, acting_user=admin, issued_on=datetime.date(2026, 11, 2))
        except services.PersonnelRefused as exc:
            log(f"  实名制：「{unit_name}」的演示用编申请未核准：{exc}")
    log(f"  实名制：{Person.objects.filter(generated=True).count()} 名演示生成人员（新建 {made}），"
        f"用编申请 {StaffingApplication.objects.count()} 件（待审批 "
        f"{StaffingApplication.objects.filter(state=ApplicationState.SUBMITTED).count()}）")
