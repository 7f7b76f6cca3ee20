"""Forms of a unit's name (session 13, `name_forms`, ADR 0050): the one 简称 regex family every clause module builds on,
the province prefix a text also leaves off, a copula kept in front of a name, and staffing in old wordings. The snippets
are written for these tests (other units, other places), not taken from the corpus."""
import re

import pytest

from bianzhi.ingest import name_forms

from .helpers import p


# ---------------------------------------------------------------- the 简称 family
@pytest.mark.parametrize("written, short", [
    ("白河县自然资源局(以下简称县自然资源局)", "县自然资源局"),
    ("白河县自然资源局(简称“县资源局”)", "县资源局"),
    ("白河县自然资源局(简称:县资源局)", "县资源局"),
    ("白河县自然资源局(以下简称为县资源局)", "县资源局"),
    ("白河县自然资源局(下称县资源局)", "县资源局"),
    ("白河县自然资源局(以下称县资源局)", "县资源局"),
    ("白河县自然资源局( 下文简称 ‘县资源局’ )", "县资源局"),
])
def test_every_bracket_wording_gives_the_short_form(written, short):
    intro = name_forms.intros(written, r"[\u4e00-\u9fff]{3,20}?局")
    assert [(i.full, i.short) for i in intro] == [("白河县自然资源局", short)]
    assert written[intro[0].short_start:intro[0].short_end] == short


def test_a_bracket_that_is_no_short_form_gives_none():
    assert name_forms.read_bracket("正科级") is None
    assert name_forms.read_bracket("含工勤编制2名") is None
    assert name_forms.read_bracket("挂县林业局牌子") is None


def test_an_entry_bracket_goes_on_after_the_short_form():
    assert name_forms.read_bracket("简称农科院,英文名 Academy") == ("农科院", 2, 5)
    m = re.search(r"X局" + name_forms.bracket(closed=False), "X局(简称“Y局”, Z Bureau)")
    assert m["s"] == "Y局"


def test_the_comma_clause_gives_the_short_form():
    m = re.search(r"交通运输部" + name_forms.comma_clause(), "交通运输部，简称交通部，是国务院组成部门")
    assert m["s"] == "交通部"
    assert re.search(r"交通运输部" + name_forms.comma_clause(), "交通运输部，负责全国交通运输") is None


def test_short_of_finds_the_form_given_to_that_name_only():
    text = "东川区城市管理局(以下简称区城管局)会同东川区交通局(以下简称区交通局)开展整治。"
    assert name_forms.short_of(text, "东川区交通局")[0] == "区交通局"
    assert name_forms.short_of(text, "东川区水务局") is None


def test_the_statement_bracket_with_simply_called_as_gives_the_short_name():
    d = p("第一条 南陵县数据资源管理局(以下简称为县数据局)是县政府工作部门,为正科级。")
    assert d["unit"] == "南陵县数据资源管理局"
    assert d["short_name"] == "县数据局"


def test_a_unit_named_later_by_the_lower_form_is_read_in_full():
    d = p("为做好机构改革工作,现将南陵县数据资源管理局(下称县数据局)有关事项说明如下。\n"
          "县数据局是县政府工作部门,为正科级。\n")
    assert d["unit"] == "南陵县数据资源管理局"


# ---------------------------------------------------------------- the province a text also leaves off
def test_the_province_is_left_off_when_the_text_states_the_unit_without_it():
    d = p("湖南省郴州市苏仙区水利局2023年度部门预算\n第一部分 郴州市苏仙区水利局概况\n"
          "郴州市苏仙区水利局是区政府工作部门,为正科级。\n")
    assert d["unit"] == "郴州市苏仙区水利局"


def test_the_province_is_kept_when_the_text_never_leaves_it_off():
    d = p("湖南省郴州市苏仙区水利局是区政府工作部门,为正科级。\n湖南省郴州市苏仙区水利局设办公室、水政股。\n")
    assert d["unit"] == "湖南省郴州市苏仙区水利局"


def test_a_provincial_body_and_a_municipality_keep_their_names():
    assert name_forms.without_province("湖南省文化馆概况。文化馆是…", "湖南省文化馆") is None  # no city or county after it
    assert name_forms.without_province("重庆市江北区水利局;江北区水利局", "重庆市江北区水利局") is None
    assert name_forms.without_province("新疆维吾尔自治区哈密市审计局。哈密市审计局", "新疆维吾尔自治区哈密市审计局") == ("哈密市审计局", 15)
    assert name_forms.without_province("湖南郴州市苏仙区水利局;湖南省郴州市苏仙区水利局", "湖南省郴州市苏仙区水利局") is None


def test_a_copula_kept_in_front_of_a_name_is_dropped():
    assert name_forms.without_copula("为县林草局") == "县林草局"
    assert name_forms.without_copula("是市档案馆") == "市档案馆"
    assert name_forms.without_copula("为民服务中心") is None
    assert name_forms.without_copula("县林草局") is None


# ---------------------------------------------------------------- staffing in old wordings
def test_a_kind_named_in_brackets_after_a_special_staffing_is_that_kind():
    d = p("第一条 县志办为县政府直属事业单位。\n第二条 县志办核定行政编制4名,专项事业编制(工勤编)1名。\n")
    assert {(s["type"], s["raw"], s["count"]) for s in d["staffing"]} == {
        ("行政编制", "行政编制", 4), ("工勤编制", "专项事业编制(工勤编)", 1)}


def test_a_bare_ding_bian_figure_is_untyped_staffing_with_its_wording():
    d = p("县气象站为县政府直属事业单位,定编6名。")
    assert [(s["type"], s["raw"], s["count"]) for s in d["staffing"]] == [("其他编制", "定编", 6)]


def test_a_checked_figure_is_not_read_as_ding_bian():
    d = p("县气象站为县政府直属事业单位,现已核定编制人员情况如下:确定编办意见。")
    assert d["staffing"] == []


# ---------------------------------------------------------------- two units set up at once
def test_news_of_two_units_set_up_at_once_gives_no_unit():
    d = p("我区两家事业单位揭牌\n近日,区委编委批复同意,正式成立东坡区应急指挥保障中心和东坡区社会治理服务中心。\n"
          "东坡区应急指挥保障中心为区应急管理局所属公益一类事业单位,内设综合部、调度部、保障部。\n")
    assert d["unit"] is None and d["nature"] is None
    assert d["internal_bodies"] == []


def test_two_units_that_take_their_plaques_together_give_no_unit():
    d = p("东坡区融媒体中心、东坡区文化馆同时挂牌。\n东坡区融媒体中心为区委宣传部所属事业单位。\n")
    assert d["unit"] is None


def test_a_merger_of_two_bodies_into_one_unit_keeps_that_unit():
    d = p("将东坡区广播电视台和东坡区新闻中心整合,组建东坡区融媒体中心,为区委宣传部所属公益一类事业单位。")
    assert d["unit"] == "东坡区融媒体中心"


def test_bodies_set_up_inside_the_unit_are_not_units_set_up():
    d = p("东坡区住房和城乡建设局是区政府工作部门,为正科级。\n局机关设立机关党支部和纪检监察室。\n")
    assert d["unit"] == "东坡区住房和城乡建设局"


# ---------------------------------------------------------------- a body of the unit read as the unit
def test_a_body_listed_by_the_unit_is_not_the_unit_nor_are_its_facts():
    d = p("词条 | 东河县统计局 |\n"
          "释义 | 东河县统计局设办公室、综合股、工业股、城调队。城调队是县统计局管理的事业单位,核定编制5名。\n")
    assert d["unit"] == "东河县统计局"  # the entry's heading
    assert d["nature"] is None and d["staffing"] == []  # the 城调队's, not the 统计局's


def test_a_body_read_as_the_unit_without_a_heading_gives_no_unit():
    d = p("释义 | 东河县统计局设办公室、综合股、工业股、城调队。城调队是县统计局管理的事业单位,核定编制5名。\n")
    # the body described (城调队) is no unit and its class no nature; the bureau whose sentence lists the bodies may be
    # read as the unit by the body-list judge (body_lists.bodies_with_subject, sessions 18–19)
    assert d["unit"] in (None, "东河县统计局") and d["nature"] is None


def test_a_unit_that_lists_its_own_bodies_is_kept():
    d = p("东河县统计局\n东河县统计局是县政府工作部门,为正科级。局内设办公室、综合股、工业股。\n")
    assert d["unit"] == "东河县统计局" and d["rank"] == "正科级"


def test_a_comma_clause_simply_called_as_gives_the_short_name_without_its_copula():
    d = p("重庆市江津区卫生健康委员会，简称为区卫健委，是区政府工作部门。")
    assert d["unit"] == "重庆市江津区卫生健康委员会"  # a municipality's name keeps its 重庆市
    assert d["short_name"] == "区卫健委"


# ---------------------------------------------------------------- a kind of unit
def test_a_reform_text_on_every_street_office_gives_no_unit():
    d = p("全县街道机构设置\n街道党工委是县委的派出机关,街道办事处是县政府的派出机关。\n"
          "街道设党政综合办公室(挂党建办公室牌子)、社会治理办公室。\n")
    assert d["unit"] is None and d["nature"] is None


def test_a_township_of_its_own_keeps_its_name():
    d = p("镇巴县长岭镇人民政府是县政府的派出机关,为正科级。")
    assert d["unit"] == "镇巴县长岭镇人民政府"
    from bianzhi.ingest import multiunit_clauses
    assert multiunit_clauses.names_a_kind("乡镇人民武装部") and multiunit_clauses.names_a_kind("各乡镇财政所")
    assert not multiunit_clauses.names_a_kind("乡镇企业局") and not multiunit_clauses.names_a_kind("镇江市水利局")


def test_the_province_stays_when_a_cover_line_gives_the_name_with_it():
    d = p("单位名称:湖南省郴州市苏仙区水利局(本级)\n郴州市苏仙区水利局主要职责:负责水资源管理。\n")
    assert d["unit"] == "湖南省郴州市苏仙区水利局"
