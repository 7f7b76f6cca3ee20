"""Demo 权力清单 / 责任清单 for 百色市 departments, and a register of real laws.

The rows follow the shapes of the published lists in bianzhi/lists/tests/data/ (category, 主项/子项, 设定依据 with
令号 and article, 法定/承诺时限, per-stage responsibilities). Deliberate findings for the reports:
- 职责交叉 by name: 百色市教育局 and 百色市市场监督管理局 both list 对校外培训机构的监督检查;
- 职责交叉 by article: 百色市交通运输局 and 百色市公安局 both cite 《公路安全保护条例》第六十六条;
- gaps: items without a duty link (and, if the 三定 demo exists, duties without any item) — only on units the
  workflow demo does not submit (百色市公安局 has no 三定; 百色市财政局's keywords match none of its duties):
  every unit the workflow demo submits has each power item linked, because `submit` refuses otherwise.
Idempotent: items are looked up by (unit, name) first.
"""

from bianzhi.core.text import search_key
from bianzhi.registry.models import Unit

from .duties import current_duties
from .models import Law, LawLevel, PowerCategory, PowerItem, ResponsibilityItem, StageResponsibility
from .seed import CATEGORIES
from .services import create_power_item, set_citations

LAWS = [
    ("中华人民共和国教育法", "主席令第三十九号", LawLevel.LAW, "全国人民代表大会"),
    ("中华人民共和国教师法", "主席令第十五号", LawLevel.LAW, "全国人民代表大会常务委员会"),
    ("中华人民共和国民办教育促进法", "主席令第二十四号", LawLevel.LAW, "全国人民代表大会常务委员会"),
    ("中华人民共和国行政许可法", "主席令第七号", LawLevel.LAW, "全国人民代表大会常务委员会"),
    ("中华人民共和国行政处罚法", "主席令第七十号", LawLevel.LAW, "全国人民代表大会常务委员会"),
    ("中华人民共和国会计法", "主席令第二十四号", LawLevel.LAW, "全国人民代表大会常务委员会"),
    ("中华人民共和国政府采购法", "主席令第六十八号", LawLevel.LAW, "全国人民代表大会常务委员会"),
    ("中华人民共和国食品安全法", "主席令第二十一号", LawLevel.LAW, "全国人民代表大会常务委员会"),
    ("中华人民共和国节约能源法", "主席令第七十七号", LawLevel.LAW, "全国人民代表大会常务委员会"),
    ("中华人民共和国道路运输条例", "国务院令第406号", LawLevel.ADMIN_REG, "国务院"),
    ("公路安全保护条例", "国务院令第593号", LawLevel.ADMIN_REG, "国务院"),
    ("教师资格条例", "国务院令第188号", LawLevel.ADMIN_REG, "国务院"),
    ("企业投资项目核准和备案管理条例", "国务院令第673号", LawLevel.ADMIN_REG, "国务院"),
    ("代理记账管理办法", "财政部令第80号", LawLevel.DEPT_RULE, "财政部"),
    ("固定资产投资项目节能审查办法", "国家发展改革委令第44号", LawLevel.DEPT_RULE, "国家发展和改革委员会"),
    ("政府采购质疑和投诉办法", "财政部令第94号", LawLevel.DEPT_RULE, "财政部"),
]

# unit, name, sub name, category, target, 设定依据, 法定时限, 承诺时限, duty keyword, internal body
POWERS = [
    ("百色市教育局", "民办学校设立、分立、合并、变更、终止审批", "", "行政许可", "法人或其他组织",
     "1.《中华人民共和国民办教育促进法》第十二条；\n2.《中华人民共和国教育法》第二十七条。", "90个工作日", "30个工作日",
     "学校设置标准", "基础教育科"),
    ("百色市教育局", "教师资格认定", "", "行政许可", "自然人",
     "1.《中华人民共和国教师法》第十三条；\n2.《教师资格条例》（国务院令第188号）第十三条。", "30个工作日", "20个工作日",
     "教师", "人事科"),
    ("百色市教育局", "对违反国家有关规定举办学校或者其他教育机构的处罚", "", "行政处罚", "法人或其他组织",
     "《中华人民共和国教育法》第七十五条", "", "", "办学行为", ""),
    ("百色市教育局", "对校外培训机构的监督检查", "", "行政检查", "校外培训机构",
     "《中华人民共和国民办教育促进法》第四十一条", "", "", "办学行为", "基础教育科"),
    ("百色市教育局", "对教育教学成果突出的教师和集体的表彰奖励", "", "行政奖励", "自然人、集体",
     "《中华人民共和国教师法》第三十三条", "", "", "教师", "人事科"),
    ("百色市交通运输局", "道路运输经营许可", "", "行政许可", "法人或其他组织、自然人",
     "《中华人民共和国道路运输条例》（国务院令第406号）第八条", "20个工作日", "10个工作日", "运输市场监管", "运输管理科"),
    ("百色市交通运输局", "道路运输经营许可", "道路旅客运输经营许可", "行政许可", "法人或其他组织",
     "《中华人民共和国道路运输条例》（国务院令第406号）第十条", "20个工作日", "10个工作日", "运输市场监管", "运输管理科"),
    ("百色市交通运输局", "道路运输经营许可", "道路货物运输经营许可", "行政许可", "法人或其他组织、自然人",
     "《中华人民共和国道路运输条例》（国务院令第406号）第二十四条", "20个工作日", "5个工作日", "运输市场监管", "运输管理科"),
    ("百色市交通运输局", "对未取得道路运输经营许可擅自从事道路运输经营的处罚", "", "行政处罚", "法人或其他组织、自然人",
     "《中华人民共和国道路运输条例》（国务院令第406号）第六十三条", "", "", "运输市场监管", ""),
    ("百色市交通运输局", "对超限运输车辆擅自行驶公路的处罚", "", "行政处罚", "法人或其他组织、自然人",
     "《公路安全保护条例》（国务院令第593号）第六十六条", "", "", "公路", "安全监督科"),
    ("百色市公安局", "对超限运输车辆的处罚", "", "行政处罚", "法人或其他组织、自然人",
     "《公路安全保护条例》（国务院令第593号）第六十六条", "", "", "", "治安管理支队"),
    ("百色市财政局", "中介机构从事代理记账业务审批", "", "行政许可", "法人或其他组织",
     "1.《代理记账管理办法》（财政部令第80号）第三条第一款；\n2.《中华人民共和国会计法》第三十六条第一款。",
     "10个工作日", "3个工作日", "会计", "办公室"),
    ("百色市财政局", "对违反会计法行为的处罚", "", "行政处罚", "法人或其他组织、自然人",
     "《中华人民共和国会计法》第四十二条", "", "", "会计", ""),
    ("百色市财政局", "政府采购投诉处理", "", "行政裁决", "政府采购供应商",
     "1.《中华人民共和国政府采购法》第五十六条；\n2.《政府采购质疑和投诉办法》（财政部令第94号）第二十一条。",
     "30个工作日", "20个工作日", "采购", ""),
    ("百色市发展和改革委员会", "固定资产投资项目核准", "", "行政许可", "法人或其他组织",
     "《企业投资项目核准和备案管理条例》（国务院令第673号）第三条", "20个工作日", "10个工作日", "固定资产投资综合管理", "投资科"),
    ("百色市发展和改革委员会", "固定资产投资项目节能审查", "", "行政许可", "法人或其他组织",
     "1.《中华人民共和国节约能源法》第十五条；\n2.《固定资产投资项目节能审查办法》（国家发展改革委令第44号）第三条。",
     "20个工作日", "15个工作日", "节能降耗", "投资科"),
    ("百色市发展和改革委员会", "对违反企业投资项目核准管理规定行为的处罚", "", "行政处罚", "法人或其他组织",
     "《企业投资项目核准和备案管理条例》（国务院令第673号）第十八条", "", "", "固定资产投资综合管理", "投资科"),
    ("百色市市场监督管理局", "对校外培训机构的监督检查", "", "行政检查", "校外培训机构",
     "《中华人民共和国行政处罚法》第十八条", "", "", "收费、广告", ""),
    ("百色市市场监督管理局", "食品经营许可", "", "行政许可", "法人或其他组织、自然人",
     "《中华人民共和国食品安全法》第三十五条", "20个工作日", "10个工作日", "食品", "食品生产安全监督管理科"),
]

STAGES = {
    ("百色市教育局", "教师资格认定"): [
        ("受理", "公示申请条件、所需材料和办理程序；对申请材料齐全、符合法定形式的予以受理，不予受理的书面告知理由。"),
        ("审查", "对申请人的学历、普通话水平、身体条件和教育教学能力进行审查，必要时组织面试和试讲。"),
        ("决定", "在法定期限内作出认定或者不予认定的决定，不予认定的说明理由并告知申请人救济途径。"),
        ("送达", "向认定合格的申请人颁发教师资格证书，并在规定期限内送达。"),
        ("事后监管", "对弄虚作假、骗取教师资格的，依法撤销其教师资格并收缴证书。"),
    ],
    ("百色市交通运输局", "对未取得道路运输经营许可擅自从事道路运输经营的处罚"): [
        ("立案", "通过举报、巡查发现涉嫌违法行为，予以审查，符合立案条件的及时立案。"),
        ("调查取证", "指定两名以上执法人员调查取证，出示执法证件，制作询问笔录和现场检查笔录；与当事人有利害关系的回避。"),
        ("审理", "对案件事实、证据、程序、法律适用和处罚幅度进行审理，提出处理意见。"),
        ("告知", "作出处罚决定前告知当事人拟作出处罚的事实、理由、依据及其陈述、申辩和要求听证的权利。"),
        ("决定", "制作行政处罚决定书，载明违法事实、证据、处罚依据和内容、履行方式和期限。"),
        ("送达", "行政处罚决定书当场交付当事人；当事人不在场的，在七日内依法送达。"),
        ("执行", "督促当事人履行处罚决定；逾期不履行的，依法加处罚款或申请人民法院强制执行。"),
    ],
}

ACCOUNTABILITY = ("因不履行或不正确履行行政职责，有下列情形的，行政机关及相关工作人员应承担相应责任：\n"
                  "1.对符合法定条件的申请不予受理、不予许可或者不在法定期限内作出决定的；\n"
                  "2.对不符合法定条件的申请准予许可的；\n3.索取或者收受他人财物或者谋取其他利益的；\n"
                  "4.其他违反法律法规规章规定的行为。")

# unit, kind, name, content, basis, accountability scope, related units, division, duty keyword, power names
RESPONSIBILITIES = [
    ("百色市教育局", "duty_task", "统筹推进全市基础教育均衡发展",
     "制定全市义务教育学校布局规划；组织实施义务教育均衡发展督导评估；指导县（市、区）推进城乡义务教育一体化。",
     "《中华人民共和国教育法》第十四条", "局领导班子成员、基础教育科及相关工作人员", [], "", "均衡发展", []),
    ("百色市教育局", "duty_task", "教师资格认定和教师队伍管理",
     "负责高级中学、中等职业学校教师资格认定；指导全市教师队伍建设和教师培训。",
     "《中华人民共和国教师法》第十三条", "人事科及相关工作人员", [], "", "教师", ["教师资格认定"]),
    ("百色市教育局", "boundary", "校外培训机构监管",
     "校外培训机构的审批、日常监管和规范治理。", "", "",
     ["百色市市场监督管理局"],
     "市教育局负责校外培训机构的审批和培训内容、培训行为的监管；市市场监督管理局负责校外培训机构收费行为和广告的监管。",
     "", ["对校外培训机构的监督检查"]),
    ("百色市教育局", "supervision", "民办学校事中事后监管",
     "建立民办学校年度检查和信息公开制度；对办学行为进行随机抽查，结果向社会公开。",
     "《中华人民共和国民办教育促进法》第四十一条", "基础教育科及相关工作人员", [], "", "办学行为",
     ["民办学校设立、分立、合并、变更、终止审批"]),
    ("百色市交通运输局", "duty_task", "道路运输市场监督管理",
     "负责全市道路运输市场监管；组织实施道路旅客运输和货物运输经营许可。",
     "《中华人民共和国道路运输条例》第七条", "运输管理科及相关工作人员", [], "", "运输市场监管", ["道路运输经营许可"]),
    ("百色市交通运输局", "boundary", "公路超限超载治理",
     "公路超限运输车辆的检测和处罚。", "", "", ["百色市公安局"],
     "市交通运输局负责公路超限检测站点的设置和对超限运输车辆擅自行驶公路的处罚；市公安局负责道路交通安全违法行为的查处。",
     "", []),
    ("百色市财政局", "duty_task", "会计管理和代理记账机构监管",
     "负责全市会计工作管理；审批中介机构从事代理记账业务并实施监督。",
     "《中华人民共和国会计法》第七条", "办公室及相关工作人员", [], "", "会计", ["中介机构从事代理记账业务审批"]),
    ("百色市财政局", "supervision", "代理记账机构事中事后监管",
     "对代理记账机构开展“双随机、一公开”抽查；对抽查发现的问题依法处理并公开结果。",
     "《代理记账管理办法》第二十一条", "办公室及相关工作人员", [], "", "", []),
]


def _find_duty(unit, keyword, refs_by_unit):
    if not keyword:
        return None
    for ref in refs_by_unit.get(unit.pk, []):
        if keyword in ref.text:
            return ref.duty_id
    return None


def load(log=print) -> None:
    for i, (name, prefix, is_power, stages) in enumerate(CATEGORIES):
        if not PowerCategory.objects.filter(name=name).exists():
            PowerCategory.objects.create(name=name, code_prefix=prefix, is_power=is_power, stages=stages,
                                         sort_order=(i + 1) * 10)
    other = PowerCategory.objects.get(name="其他行政权力")
    for j, variant in enumerate(["其他行政权力-备案", "其他行政权力-其他"]):  # 广西的细类（配置）
        PowerCategory.objects.get_or_create(name=variant, defaults={"code_prefix": "QT", "parent": other,
                                                                    "sort_order": other.sort_order + j + 1})
    for name, doc, level, issuer in LAWS:
        Law.objects.get_or_create(name_key=search_key(name),
                                  defaults={"name": name, "doc_number": doc, "level": level, "issuer": issuer})

    units = {u.name: u for u in Unit.objects.filter(name__in={p[0] for p in POWERS} | {r[0] for r in RESPONSIBILITIES})}
    refs = current_duties([u.pk for u in units.values()])
    categories = {c.name: c for c in PowerCategory.objects.all()}
    created = 0
    for unit_name, name, sub, cat, target, basis, legal, promised, kw, body in POWERS:
        unit = units.get(unit_name)
        if unit is None:
            continue
        parent = None
        if sub:
            parent = PowerItem.objects.get(unit=unit, name=name, parent__isnull=True)
        item_name = sub or name
        item = PowerItem.objects.filter(unit=unit, name=item_name, parent=parent).first()
        if item is not None:
            continue
        internal_body = unit.internal_bodies.filter(name=body).first() if body else None
        item = create_power_item(unit=unit, name=item_name, category=categories[cat], parent=parent, target=target,
                                 statutory_limit=legal, promised_limit=promised, internal_body=internal_body,
                                 exercise_level="市", accountability=ACCOUNTABILITY if cat == "行政许可" else "")
        set_citations(item, "setting", basis)
        duty_id = _find_duty(unit, kw, refs)
        if duty_id:
            item.duties.add(duty_id)
        for pos, (stage, content) in enumerate(STAGES.get((unit_name, name), [])):
            StageResponsibility.objects.create(power_item=item, stage=stage, content=content, position=pos)
        created += 1
    resp_created = 0
    for pos, (unit_name, kind, name, content, basis, scope, related, division, kw, powers) in enumerate(RESPONSIBILITIES):
        unit = units.get(unit_name)
        if unit is None or ResponsibilityItem.objects.filter(unit=unit, kind=kind, name=name).exists():
            continue
        item = ResponsibilityItem.objects.create(unit=unit, kind=kind, name=name, content=content, basis=basis,
                                                 accountability_scope=scope, division=division, position=pos)
        item.related_units.set(Unit.objects.filter(name__in=related))
        item.power_items.set(PowerItem.objects.filter(unit=unit, name__in=powers, parent__isnull=True))
        duty_id = _find_duty(unit, kw, refs)
        if duty_id:
            item.duties.add(duty_id)
        resp_created += 1
    log(f"  权责清单：权力事项 {PowerItem.objects.count()} 条（新建 {created}），"
        f"责任事项 {ResponsibilityItem.objects.count()} 条（新建 {resp_created}），法律法规 {Law.objects.count()} 部")
