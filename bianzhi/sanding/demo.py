"""Demo 三定 for several 百色市 departments (教育局, 财政局, 发展和改革委员会, 交通运输局, 市场监督管理局), built through the service operations and approved.

The 文号 and numbers are invented for the demo (each document's note says so). Idempotent: a version is only
built if the unit has no version made by that document yet.
"""
from datetime import date

from bianzhi.accounts.models import User
from bianzhi.documents.models import ApprovalDocument, DocumentType
from bianzhi.registry.models import InternalBody, Unit

from . import services as s
from .models import DutyKind, SandingVersion, StaffingType

DEMO_NOTE = "演示数据：文号、日期与数额为虚构，仅用于演示。"
ORGAN = "中共百色市委机构编制委员会办公室"


def _doc(number, title, issued, doc_type, unit):
    doc = ApprovalDocument.objects.filter(doc_number=number).first()
    if doc is None:
        doc = ApprovalDocument(doc_number_raw=number, title=title, issued_on=issued, effective_on=issued,
                               doc_type=doc_type, unit=unit, issuing_organ=ORGAN, note=DEMO_NOTE)
        doc.full_clean()
        doc.save()
    return doc


def _base(unit, doc, spec):
    """Build and approve a base 三定 from a plain dict."""
    v = s.create_draft_version(unit, doc)
    s.set_statement(v, spec["statement"], spec.get("rank", "zhengchu"))
    for name, kind in spec.get("plaques", []):
        s.add_plaque(v, name, kind=kind)
    for kind, items in spec["duties"].items():
        for text in items:
            s.add_duty(v, text, kind=kind)
    existing = {b.name: b for b in InternalBody.objects.filter(unit=unit)}
    for position, (name, duty_text, heads, deputies) in enumerate(spec["bodies"], start=1):
        s.create_internal_body(v, name, duty_text, heads, deputies, position=position, body=existing.get(name))
    for body_name, plaque in spec.get("body_plaques", []):
        s.add_plaque(v, plaque, internal_body=InternalBody.objects.get(unit=unit, name=body_name))
    for staffing_type, count, includes in spec["staffing"]:
        s.set_staffing(v, staffing_type, count, includes=includes)
    for title, count, rank, note in spec["heads"]:
        s.set_head_post(v, title, count, rank=rank, note=note)
    for level, count in spec["quotas"]:
        s.set_leadership_quota(v, level, count)
    s.approve_version(v)
    return v


def _done(unit, doc):
    return SandingVersion.objects.filter(unit=unit, document=doc).exists()


EDUCATION = {
    "statement": "市教育局是市人民政府工作部门，为正处级，加挂市语言文字工作委员会办公室牌子。",
    "plaques": [("百色市语言文字工作委员会办公室", "added")],
    "duties": {
        DutyKind.MAIN: [
            "贯彻执行党和国家的教育方针、政策和法律法规，拟订全市教育改革与发展的政策措施，起草有关规范性文件草案并组织实施。",
            "统筹规划全市各级各类教育事业发展，会同有关部门拟订全市教育事业发展规划和年度计划并组织实施。",
            "负责全市各级各类教育的统筹规划和协调管理，会同有关部门拟订各级各类学校设置标准，指导各级各类学校的教育教学改革。",
            "负责本部门教育经费的统筹管理，参与拟订教育经费筹措、教育拨款、教育基建投资的政策，统计全市教育经费投入情况。",
            "负责推进全市义务教育均衡发展和促进教育公平，指导学前教育、特殊教育工作。",
            "指导全市各级各类学校的思想政治工作、德育工作、体育卫生与艺术教育工作及国防教育工作。",
            "主管全市教师工作，会同有关部门指导教师队伍建设和教育系统人才工作。",
            "负责全市教育督导评估工作，指导监督中小学校、幼儿园办学行为。",
            "负责全市语言文字工作。",
            "完成市委、市人民政府交办的其他任务。",
        ],
        DutyKind.TRANSFORM: [
            "深化教育领域“放管服”改革，减少对学校办学行为的行政干预，加强事中事后监管，提高教育公共服务水平。",
        ],
        DutyKind.DIVISION: [
            "与市人力资源和社会保障局在职业教育方面的职责分工。市教育局负责中等职业学校（不含技工学校）的管理工作；"
            "市人力资源和社会保障局负责技工学校的管理工作。两部门建立协调机制，共同推进职业教育发展。",
        ],
    },
    "bodies": [
        ("办公室", "负责机关日常运转，承担信息、安全、保密、信访、政务公开、机要、档案等工作。", 1, 1),
        ("人事科", "承担机关和直属单位的人事管理、机构编制工作，指导全市教师队伍建设。", 1, 0),
        ("基础教育科", "承担全市学前教育、义务教育和普通高中教育的宏观管理工作。", 1, 1),
        ("职业教育与成人教育科", "承担全市职业教育和成人教育的宏观管理工作。", 1, 0),
        ("计划财务科", "拟订教育事业发展规划，承担教育经费统计和机关财务工作。", 1, 0),
        ("教育督导科", "承担全市教育督导评估工作。", 1, 1),
    ],
    "staffing": [(StaffingType.ADMIN, 28, [{"label": "援派机动编制", "count": 1}]),
                 (StaffingType.WORKER, 2, [])],
    "heads": [("局长", 1, "正处级", ""), ("副局长", 3, "副处级", ""), ("总督学", 1, "副处级", "由副局长兼任")],
    "quotas": [("正科级", 7), ("副科级", 3)],
}

FINANCE = {
    "statement": "市财政局是市人民政府工作部门，为正处级。",
    "duties": {DutyKind.MAIN: [
        "贯彻执行国家财政、税收方针政策和法律法规，拟订全市财政发展规划和政策措施。",
        "负责管理市级一般公共预算、政府性基金预算、国有资本经营预算，编制年度市级预决算草案并组织执行。",
        "负责组织市级政府非税收入管理，负责政府性基金管理。",
        "负责管理市级财政国库工作，组织实施国库集中收付制度。",
        "负责办理和监督市级财政的经济发展支出、市级政府性投资项目的财政拨款。",
        "完成市委、市人民政府交办的其他任务。",
    ]},
    "bodies": [("办公室", "负责机关日常运转。", 1, 1), ("预算科", "编制市级预决算草案。", 1, 1),
               ("国库科", "承担国库集中收付工作。", 1, 0), ("行政政法科", "管理行政政法部门财政资金。", 1, 0),
               ("教科文科", "管理教科文部门财政资金。", 1, 0), ("经济建设科", "管理经济建设领域财政资金。", 1, 0)],
    "staffing": [(StaffingType.ADMIN, 36, []), (StaffingType.WORKER, 3, [])],
    "heads": [("局长", 1, "正处级", ""), ("副局长", 4, "副处级", "")],
    "quotas": [("正科级", 8), ("副科级", 4)],
}

DEVELOPMENT = {
    "statement": "市发展和改革委员会是市人民政府工作部门，为正处级，加挂市粮食和物资储备局牌子。",
    "plaques": [("百色市粮食和物资储备局", "added")],
    "duties": {DutyKind.MAIN: [
        "拟订并组织实施全市国民经济和社会发展战略、中长期规划和年度计划。",
        "负责监测全市宏观经济和社会发展态势，承担预测预警和信息引导工作。",
        "负责汇总分析全市财政、金融等方面的情况，参与拟订财政政策和金融政策。",
        "承担指导推进和综合协调全市经济体制改革的责任。",
        "负责全市价格管理工作。",
        "负责全市粮食和物资储备管理工作。",
        "负责全市固定资产投资综合管理，按权限审批、核准、备案固定资产投资项目。",
        "负责全市节能降耗的综合协调，组织实施固定资产投资项目节能审查。",
        "完成市委、市人民政府交办的其他任务。",
    ]},
    "bodies": [("办公室", "负责机关日常运转。", 1, 1), ("规划科", "拟订全市发展规划。", 1, 0),
               ("经济运行调节科", "监测分析经济运行态势。", 1, 0), ("投资科", "承担固定资产投资管理。", 1, 1),
               ("价格管理科", "承担价格管理工作。", 1, 0)],
    "staffing": [(StaffingType.ADMIN, 42, [{"label": "粮食和物资储备工作编制", "count": 6}]),
                 (StaffingType.WORKER, 2, [])],
    "heads": [("主任", 1, "正处级", "兼任市粮食和物资储备局局长"), ("副主任", 4, "副处级", "")],
    "quotas": [("正科级", 8), ("副科级", 4)],
}

TRANSPORT = {
    "statement": "市交通运输局是市人民政府工作部门，为正处级。",
    "duties": {DutyKind.MAIN: [
        "贯彻执行国家和自治区交通运输方针政策和法律法规，拟订全市交通运输发展规划并组织实施。",
        "承担全市道路、水路运输市场监管责任。",
        "承担全市公路、水路建设市场监管责任。",
        "负责全市交通运输安全生产监督管理工作。",
        "完成市委、市人民政府交办的其他任务。",
    ]},
    "bodies": [("办公室", "负责机关日常运转。", 1, 1), ("规划建设科", "拟订交通运输发展规划，承担建设管理。", 1, 0),
               ("运输管理科", "承担道路、水路运输市场监管。", 1, 0), ("安全监督科", "承担安全生产监督管理。", 1, 0)],
    "staffing": [(StaffingType.ADMIN, 25, []), (StaffingType.WORKER, 2, [])],
    "heads": [("局长", 1, "正处级", ""), ("副局长", 3, "副处级", "")],
    "quotas": [("正科级", 5), ("副科级", 2)],
}

MARKET = {
    "statement": "市市场监督管理局是市人民政府工作部门，为正处级。",
    "duties": {DutyKind.MAIN: [
        "贯彻执行国家和自治区市场监督管理方针政策和法律法规，拟订全市市场监督管理政策措施并组织实施。",
        "负责全市市场主体统一登记注册，指导各类企业、农民专业合作社和个体工商户登记注册工作。",
        "负责全市市场综合监督管理，规范和维护市场秩序，依法查处无照经营和价格、收费、广告等违法行为。",
        "负责全市食品安全监督管理，组织实施食品生产经营许可和食品安全监督检查。",
        "负责全市药品、医疗器械和化妆品安全监督管理。",
        "负责全市知识产权保护和运用工作。",
        "完成市委、市人民政府交办的其他任务。",
    ]},
    "bodies": [("办公室", "负责机关日常运转。", 1, 1), ("登记注册科", "承担市场主体登记注册工作。", 1, 0),
               ("食品生产安全监督管理科", "承担食品生产经营许可和监督检查工作。", 1, 1),
               ("药品化妆品医疗器械监督管理科", "承担药品、医疗器械和化妆品安全监督管理工作。", 1, 0)],
    "staffing": [(StaffingType.ADMIN, 45, []), (StaffingType.WORKER, 3, [])],
    "heads": [("局长", 1, "正处级", ""), ("副局长", 4, "副处级", "")],
    "quotas": [("正科级", 5), ("副科级", 2)],
}

BASES = [
    ("百色市教育局", "百编〔2019〕23号", "百色市教育局职能配置、内设机构和人员编制规定", date(2019, 3, 1), EDUCATION),
    ("百色市财政局", "百编〔2019〕19号", "百色市财政局职能配置、内设机构和人员编制规定", date(2019, 2, 26), FINANCE),
    ("百色市发展和改革委员会", "百编〔2019〕17号", "百色市发展和改革委员会职能配置、内设机构和人员编制规定",
     date(2019, 2, 26), DEVELOPMENT),
    ("百色市交通运输局", "百编〔2019〕28号", "百色市交通运输局职能配置、内设机构和人员编制规定", date(2019, 3, 5),
     TRANSPORT),
    ("百色市市场监督管理局", "百编〔2019〕31号", "百色市市场监督管理局职能配置、内设机构和人员编制规定",
     date(2019, 3, 12), MARKET),
]


def _education_2021(unit):
    doc = _doc("百编〔2021〕15号", "关于调整百色市教育局职责机构编制的通知", date(2021, 6, 10),
               DocumentType.ADJUSTMENT, unit)
    if _done(unit, doc):
        return False
    finance = Unit.objects.get(name="百色市财政局")
    v = s.create_draft_version(unit, doc, stated_totals={"staffing:admin": 30, "leadership:副科级": 4},
                               summary="")
    s.transfer_staffing(v, from_unit=finance, to_unit=unit, staffing_type=StaffingType.ADMIN, count=1,
                        acting_user=User.objects.get(username="admin"))
    row = [x for x in s.snapshot(unit, draft=v).staffing if x.staffing_type == StaffingType.ADMIN][0]
    s.set_staffing(v, StaffingType.ADMIN, row.count + 1, note="增加行政编制1名")
    s.set_leadership_quota(v, "副科级", 4)
    vocational = InternalBody.objects.get(unit=unit, name="职业教育与成人教育科")
    s.update_internal_body(v, vocational, name="职业教育与终身教育科",
                           duty_text="承担全市职业教育、继续教育和终身学习体系建设的宏观管理工作。")
    s.add_plaque(v, "百色市人民政府教育督导委员会办公室", internal_body=InternalBody.objects.get(unit=unit, name="教育督导科"))
    fifth = s.snapshot(unit, draft=v).duties_of(DutyKind.MAIN)[4]
    s.reword_duty(v, fifth.duty, "负责推进全市义务教育优质均衡发展和促进教育公平，指导学前教育、特殊教育和专门教育工作。")
    s.add_duty(v, "负责推进全市教育信息化建设和应用工作。", position=9)
    s.approve_version(v)
    return True


def load(log=print) -> None:
    built = 0
    for unit_name, number, title, issued, spec in BASES:
        unit = Unit.objects.filter(name=unit_name).first()
        if unit is None:
            continue
        doc = _doc(number, title, issued, DocumentType.SANDING, unit)
        if not _done(unit, doc):
            _base(unit, doc, spec)
            built += 1
    education = Unit.objects.filter(name="百色市教育局").first()
    if education is not None:
        built += _education_2021(education)
    log(f"  三定版本：{SandingVersion.objects.count()} 个（新建 {built}）")
