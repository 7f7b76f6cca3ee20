"""Clause kinds the 事业单位 split `heldout25` showed the parser missing (bench/sanding_real): one test per rule added
after its first run, with the real wording that showed it, and guards that a rule does not reach past its kind."""
from bianzhi.ingest import registry_clauses

from .helpers import bodies, p


# ---------------------------------------------------------------- a plaque added in quotes, with “的”
def test_plaque_added_in_quotes_with_de():
    d = p("中国农业科学院郑州果树研究所成立于1960年,专注于北方落叶果树和瓜类的研究。1996年,研究所获得了国家农业部和河南省的"
          "批准,增挂“河南省果树瓜类研究所”的牌子,以更好地服务于地方经济建设。")
    assert d["unit"] == "中国农业科学院郑州果树研究所"
    assert d["plaques"] == ["河南省果树瓜类研究所"]


def test_quoted_plaque_of_a_sentence_on_another_unit_is_not_the_units():
    found = registry_clauses.quoted_plaques("甲县农业技术推广中心成立于1980年。乙县种子站增挂“乙县种子管理所”的牌子。",
                                            "甲县农业技术推广中心")
    assert found == []


# ---------------------------------------------------------------- a quota beside staff on hand in another clause
def test_quota_in_the_units_sentence_beside_staff_on_hand():
    d = p("一、机构设置 吉林市园林管理中心成立于1961年,是经省编委批准的副县级事业单位,核定编制400人,现有在职职工357人、专业技术"
          "人员89人,是集公园广场维护、管理、服务为一体的专业化公益型单位。")
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("其他编制", 400)]
    assert d["rank"] == "副县级"
    assert d["nature"] == "专业化公益型单位"


def test_staff_on_hand_alone_is_no_quota():
    assert registry_clauses.clause_quota("甲市园林管理中心现有在职职工357人,现有核定编制400人。", "甲市园林管理中心") is None


# ---------------------------------------------------------------- a class ending a long clause of the unit's sentence
def test_class_at_the_end_of_a_set_up_clause():
    d = p("四川省第九地质大队挂牌成立\n据了解,四川省第九地质大队是四川省地质局根据省委、省政府关于地勘单位改革的决策部署,经四川省委机构编制委员会批准,于"
          "2023年3月整合原四川省煤田地质局一四一队、原四川省核工业地质局二八二大队后设立的公益二类地勘事业单位。")
    assert d["unit"] == "四川省第九地质大队"
    assert d["nature"] == "公益二类地勘事业单位"


def test_other_units_class_is_not_the_units():
    found = registry_clauses.class_nature("中国气象局共管辖全国2868个单位。以上单位除中国气象学会属自收自支事业单位外,其余单位属全额"
                                          "拨款事业单位。", "中国气象局")
    assert found is None


# ---------------------------------------------------------------- a unit opening its paragraph with its founding years
def test_unit_opening_with_its_founding_years():
    d = p("  临沂市青少年宫,1986年筹建,1991年正式启用,属公益性差额事业单位,现有在编人员39人,直属于共青团临沂市委,占地70多亩。")
    assert d["unit"] == "临沂市青少年宫"
    assert d["nature"] == "公益性差额事业单位"
    assert d["staffing"] == []  # staff on hand


# ---------------------------------------------------------------- a news item's unit set up; its quota under a short name
def test_news_unit_set_up_and_its_quota_under_the_name_without_its_place():
    d = p("今年来,该县投入资金300万元,打造综合检验检测平台,正式组建崇阳县产品质量检验检测中心。\n"
          "目前,县产品质量检验检测中心已核定编制27名,比整合前的编制减少10名。")
    assert d["unit"] == "崇阳县产品质量检验检测中心"
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("其他编制", 27)]


def test_a_government_body_set_up_is_no_such_unit():
    assert registry_clauses.set_up_unit("会议决定,新组建的国家医疗保障局正式挂牌。同时成立省交通运输厅。") is None


# ---------------------------------------------------------------- a news item's 规定 quoted in 《》
def test_news_on_a_units_rules_quoted():
    d = p("孝昌加快推进公共检测资源整合\n本报讯 (通讯员曾霞霞) 近日,孝昌县机构编制委员会下发《孝昌县公共检验检测中心主要职责"
          "内设机构和人员编制规定》。该县精心制定方案,狠抓落实。")
    assert d["title"] == "孝昌县公共检验检测中心主要职责内设机构和人员编制规定"
    assert d["unit"] == "孝昌县公共检验检测中心"


# ---------------------------------------------------------------- bodies as numbered headings over their duties
def test_bodies_as_numbered_headings_after_a_counted_lead_in():
    d = p("桃源县疾病预防控制中心系全额拨款的正科级事业单位,建有综合业务大楼一栋。内设业务科室12个,包括\n(一)、办公室\n"
          "负责文秘、档案管理、上传下达、机关内务及网络信息管理。\n(二)、政工人事股\n负责党建、人事、编制、宣传教育等。\n"
          "(三)、财务股\n负责财务管理和统计等工作。\n(五)、传染病防控科(应急办)\n负责传染病(含结核病)监测、防控和管理。\n(六)、免")
    assert bodies(d) == ["办公室", "政工人事股", "财务股", "传染病防控科(应急办)"]
    assert d["duties"] == []  # each heading's duties are the body's, not the unit's


def test_numbered_headings_without_a_lead_in_are_not_taken_as_bodies():
    assert registry_clauses.heading_bodies("工作要点\n(一)、办公室\n负责文秘。\n(二)、财务股\n负责财务。") == []


# ---------------------------------------------------------------- several units set up at once (heldout25b)
def test_news_on_several_units_set_up_at_once_names_no_unit():
    d = p("辽宁推进省事业单位改革:三家新组建单位同日成立\n  辽宁省事业单位改革持续推进。\n  7月23日,三家新组建的事业单位正式成立,"
          "分别是辽宁省广播电视技术保障中心、省档案局、省保密检查处置中心。\n  7月23日,辽宁省广播电视技术保障中心挂牌成立。")
    assert d["unit"] is None
    assert d["internal_bodies"] == []


def test_one_unit_set_up_is_still_read():
    d = p("7月23日,新组建的甲市广播电视技术保障中心挂牌成立。该中心为市委宣传部所属公益一类事业单位。")
    assert d["unit"] is not None


def test_several_units_set_up_at_once_stay_unnamed_after_the_announcement_rules():
    # the news restatement rules (heldout26) read “X挂牌成立,…出席挂牌仪式” as the text's unit; not here
    d = p("辽宁推进省事业单位改革:三家新组建单位同日成立\n辽宁省事业单位改革持续推进。\n"
          "7月23日,三家新组建的事业单位正式成立,分别是辽宁省广播电视技术保障中心、省档案局、省保密检查处置中心。\n"
          "据《辽宁日报》报道,7月23日,辽宁省广播电视技术保障中心挂牌成立,省委常委、宣传部部长出席挂牌仪式。\n")
    assert d["unit"] is None
