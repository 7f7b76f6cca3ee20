"""Realistic 百色市 demo data: regions (GB/T 2260, with former codes), relation types, city and county units.

Idempotent: every row is looked up by a natural key first, so running it twice creates nothing twice.
"""
import csv
import hashlib
from datetime import date
from pathlib import Path

from bianzhi.core.identifiers import make_uscc

from .models import InternalBody, Plaque, Region, RelationType, Unit, UnitRelation

FIXTURES = Path(__file__).parent / "fixtures"

RELATION_TYPES = [
    ("second-tier", "二层单位", True), ("subordinate", "下属单位", True),
    ("administered", "部门管理机构", True), ("plaque-host", "挂牌单位", False),
]

LEVELS = {"province": "province", "prefecture-level city": "prefecture"}
# The source CSV describes levels in English; the platform shows the Chinese GB/T 2260 terms.
LEVEL_LABELS = {"province": "自治区", "prefecture-level city": "地级市", "district": "市辖区", "county": "县",
                "autonomous county": "自治县"}


def level_label(raw: str) -> str:
    if raw.startswith("county-level city"):
        return "县级市"
    return LEVEL_LABELS.get(raw, raw)

# (name, short, kind, category, rank, internal bodies, plaques, children[(name, relation, kind, class, funding)])
CITY_DEPARTMENTS = [
    ("中共百色市委机构编制委员会办公室", "市委编办", "organ", "party_organ", "zhengchu",
     ["秘书科", "机构编制科", "事业单位管理科", "调研信息（电子政务）科", "监督检查科"], [],
     [("百色市事业单位登记管理局", "administered", "institution", "admin_functions", "full")]),
    ("百色市发展和改革委员会", "市发展改革委", "organ", "gov_department", "zhengchu",
     ["办公室", "规划科", "经济运行调节科", "投资科", "价格管理科"], ["百色市粮食和物资储备局"],
     [("百色市价格认证中心", "second-tier", "institution", "welfare_1", "full")]),
    ("百色市教育局", "市教育局", "organ", "gov_department", "zhengchu",
     ["办公室", "人事科", "基础教育科", "职业教育与成人教育科", "计划财务科", "教育督导科"], ["百色市语言文字工作委员会办公室"],
     [("百色市教育科学研究所", "second-tier", "institution", "welfare_1", "full"),
      ("百色市招生考试院", "second-tier", "institution", "welfare_1", "full"),
      ("百色高级中学", "subordinate", "institution", "welfare_1", "full"),
      ("百色市第一中学", "subordinate", "institution", "welfare_1", "full")]),
    ("百色市公安局", "市公安局", "organ", "gov_department", "zhengchu",
     ["办公室", "政治处", "指挥中心", "治安管理支队", "刑事侦查支队"], [], []),
    ("百色市财政局", "市财政局", "organ", "gov_department", "zhengchu",
     ["办公室", "预算科", "国库科", "行政政法科", "教科文科", "经济建设科"], [],
     [("百色市国库集中支付中心", "second-tier", "institution", "admin_functions", "full"),
      ("百色市财政投资评审中心", "second-tier", "institution", "welfare_1", "full")]),
    ("百色市交通运输局", "市交通运输局", "organ", "gov_department", "zhengchu",
     ["办公室", "规划建设科", "运输管理科", "安全监督科"], [],
     [("百色市交通运输综合行政执法支队", "second-tier", "institution", "admin_functions", "full"),
      ("百色市公路发展中心", "second-tier", "institution", "welfare_1", "full")]),
    ("百色市水利局", "市水利局", "organ", "gov_department", "zhengchu",
     ["办公室", "规划计划科", "水资源管理科", "河湖管理科", "水旱灾害防御科"], [],
     [("百色市水利电力勘测设计研究院", "second-tier", "institution", "welfare_2", "partial")]),
    ("百色市农业农村局", "市农业农村局", "organ", "gov_department", "zhengchu",
     ["办公室", "法规科", "乡村产业发展科", "种植业管理科", "畜牧兽医科"], ["百色市乡村振兴局"],
     [("百色市农业科学研究所", "second-tier", "institution", "welfare_1", "full"),
      ("百色市动物疫病预防控制中心", "second-tier", "institution", "welfare_1", "full")]),
    ("百色市林业局", "市林业局", "organ", "gov_department", "zhengchu",
     ["办公室", "生态保护修复科", "森林资源管理科", "林业改革发展科"], [],
     [("百色市林业科学研究所", "second-tier", "institution", "welfare_1", "full")]),
    ("百色市自然资源局", "市自然资源局", "organ", "gov_department", "zhengchu",
     ["办公室", "法规科", "国土空间规划科", "耕地保护监督科"], ["百色市林业局（对外保留）"][:0], []),
    ("百色市市场监督管理局", "市市场监管局", "organ", "gov_department", "zhengchu",
     ["办公室", "登记注册科", "食品生产安全监督管理科", "药品化妆品医疗器械监督管理科"], ["百色市知识产权局"], []),
    ("百色市卫生健康委员会", "市卫生健康委", "organ", "gov_department", "zhengchu",
     ["办公室", "规划发展与信息化科", "医政医管科", "疾病预防控制科"], ["百色市中医药管理局"],
     [("百色市人民医院", "subordinate", "institution", "welfare_2", "partial")]),
    ("百色市行政审批局", "市行政审批局", "organ", "gov_department", "zhengchu",
     ["办公室", "投资项目审批科", "社会事务审批科"], [], []),
    ("百色市审计局", "市审计局", "organ", "gov_department", "zhengchu",
     ["办公室", "法规审理科", "财政审计科"], [], []),
]

COUNTY_DEPARTMENTS = {
    "451002": [("百色市右江区教育局", "区教育局", ["办公室", "基础教育股", "人事股"],
                [("百色市右江区教学研究室", "second-tier")]),
               ("百色市右江区财政局", "区财政局", ["办公室", "预算股", "国库股"], []),
               ("百色市右江区农业农村局", "区农业农村局", ["办公室", "农业股"], [])],
    "451003": [("百色市田阳区教育局", "区教育局", ["办公室", "基础教育股"], []),
               ("百色市田阳区水利局", "区水利局", ["办公室", "水政股"], [])],
    "451081": [("靖西市教育局", "市教育局", ["办公室", "基础教育股"], []),
               ("靖西市林业局", "市林业局", ["办公室", "资源林政股"], [])],
}


def _org8(name: str) -> str:
    return str(int(hashlib.sha256(name.encode()).hexdigest(), 16) % 10**8).zfill(8)


def load_regions(log=print) -> int:
    created = 0
    path = FIXTURES / "baise_divisions.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    by_code = {}
    for i, row in enumerate(rows):
        level = LEVELS.get(row["level"], "county")
        parent = by_code.get(row["parent_code"])
        region, was_created = Region.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "level": level, "level_detail": level_label(row["level"]),
                                        "parent": parent, "sort_order": i})
        created += was_created
        by_code[row["code"]] = region
        if row["former_code"]:
            year = int(row["change"][:4]) if row["change"][:4].isdigit() else None
            _, was_created = Region.objects.update_or_create(
                code=row["former_code"],
                defaults={"name": row["former_name"], "level": level, "level_detail": level_label(row["level"]),
                          "parent": parent,
                          "valid_to": date(year, 12, 31) if year else None, "successor": region,
                          "change_note": row["change"][:300], "sort_order": 1000 + i})
            created += was_created
    log(f"  行政区划：{Region.objects.count()} 条（新建 {created}）")
    return created


def _unit(name, region, defaults):
    unit = Unit.objects.filter(name=name).first()
    if unit:
        return unit, False
    unit = Unit(name=name, region=region, **defaults)
    unit.org_code = unit.uscc[8:17] if unit.uscc else ""
    unit.full_clean()
    unit.save()
    if unit.parent_id:

        UnitRelation.objects.get_or_create(superior_id=unit.parent_id, subordinate=unit,
                                           relation_type=unit.parent_relation,
                                           defaults={"start_date": unit.established_on})
    return unit, True


def load_units(log=print) -> int:
    for i, (code, name, hierarchical) in enumerate(RELATION_TYPES):
        RelationType.objects.update_or_create(code=code, defaults={"name": name, "hierarchical": hierarchical,
                                                                   "sort_order": i})
    types = {t.code: t for t in RelationType.objects.all()}
    city = Region.objects.get(code="451000")
    created = 0
    for order, (name, short, kind, category, rank, bodies, plaques, children) in enumerate(CITY_DEPARTMENTS):
        unit, was_created = _unit(name, city, dict(
            short_name=short, kind=kind, category=category, rank=rank, level="city", sort_order=order,
            uscc=make_uscc("1", "1", "451000", _org8(name)), established_on=date(2019, 3, 1),
            address="广西壮族自治区百色市右江区", postcode="533000"))
        created += was_created
        if was_created:
            for j, body in enumerate(bodies):
                InternalBody.objects.create(unit=unit, name=body, sort_order=j, established_on=date(2019, 3, 1))
            for plaque in plaques:
                Plaque.objects.create(unit=unit, name=plaque, kind="added", start_date=date(2019, 3, 1))
        for k, (child, relation, ckind, cclass, funding) in enumerate(children):
            _, was_created = _unit(child, city, dict(
                kind=ckind, category="institution", rank="fuchu" if relation == "administered" else "zhengke",
                level="city", parent=unit, parent_relation=types[relation], sort_order=k,
                institution_class=cclass, funding_form=funding,
                uscc=make_uscc("1", "2", "451000", _org8(child)), established_on=date(2010, 1, 1),
                address="广西壮族自治区百色市右江区", postcode="533000"))
            created += was_created
    for code, departments in COUNTY_DEPARTMENTS.items():
        region = Region.objects.get(code=code)
        for order, (name, short, bodies, children) in enumerate(departments):
            unit, was_created = _unit(name, region, dict(
                short_name=short, kind="organ", category="gov_department", rank="zhengke", level="county",
                sort_order=order, uscc=make_uscc("1", "1", code, _org8(name)), established_on=date(2019, 3, 1)))
            created += was_created
            if was_created:
                for j, body in enumerate(bodies):
                    InternalBody.objects.create(unit=unit, name=body, sort_order=j)
            for child, relation in children:
                _, was_created = _unit(child, region, dict(
                    kind="institution", category="institution", rank="gu", level="county", parent=unit,
                    parent_relation=types[relation], institution_class="welfare_1", funding_form="full",
                    uscc=make_uscc("1", "2", code, _org8(child))))
                created += was_created
    log(f"  单位：{Unit.objects.count()} 个（新建 {created}）")
    return created


def load(log=print) -> None:
    load_regions(log)
    load_units(log)
