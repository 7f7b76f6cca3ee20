"""Clause kinds the split `heldout28` (bodies created or reshaped by the 2023–2024 reforms) showed the parser missing
(bench/sanding_real): one test per rule added after its first run, on sentences written for the test, and guards that a
rule does not reach past its kind."""
from bianzhi.ingest import reform_clauses

from .helpers import p


# ---------------------------------------------------------------- “X加挂Y揭牌仪式举行” read as one name
def test_plaque_ceremony_splits_unit_and_plaque():
    d = p("5月9日,甲县农业农村局加挂县乡村振兴局揭牌仪式举行。副县长出席并揭牌。甲县农业农村局将统筹推进全县“三农”工作。")
    assert d["unit"] == "甲县农业农村局"
    assert d["plaques"] == ["县乡村振兴局"]


def test_a_name_without_jiagua_is_not_split():
    assert reform_clauses.joined_plaque("甲县数据局揭牌。", "甲县数据局") is None


# ---------------------------------------------------------------- the 方案's “组建X,负责…,作为Y。”
def test_set_up_with_run_in_duties_gives_unit_and_class():
    d = p("2024年,按照机构改革部署组建乙市委社会工作部,负责统筹指导人民信访工作,指导全市志愿服务工作,指导社会工作人才队伍"
          "建设等,作为市委职能部门。市信访局由市政府办公室管理的机构调整为市政府工作部门。")
    assert d["unit"] == "乙市委社会工作部"
    assert d["nature"] == "市委职能部门"


def test_set_up_without_a_class_is_no_nature():
    assert reform_clauses.set_up_as("组建丙市数据局,负责统筹数据资源整合共享和开发利用。") is None


# ---------------------------------------------------------------- “X有三大职责:” over “职责一:A。” headings
def test_duty_headings_under_a_counted_lead():
    text = ("学习资料\n文件明确丁省委社会工作部有两大职责所在:\n职责一:统筹指导全省人民信访工作。\n这一职责体现了对群众工作的重视。\n"
            "职责二:指导全省社会工作人才队伍建设。\n这一职责回应了基层治理的需要。\n")
    d = p(text)
    assert d["unit"] == "丁省委社会工作部"
    assert d["duties"] == ["统筹指导全省人民信访工作。", "指导全省社会工作人才队伍建设。"]


def test_one_heading_is_no_duty_list():
    assert reform_clauses.duty_headings("戊局有一项职责:\n职责一:管理档案。\n") is None


# ---------------------------------------------------------------- a budget note's part heading
def test_part_heading_of_a_budget_note_names_the_unit():
    d = p("目 录\n第一部分 己市数据局(汇总)预算公开情况说明\n一、部门(单位)主要职责\n二、机构设置情况\n"
          "第二部分 己市数据局(汇总)2025年部门预算公开表\n一、部门收支预算总表\n")
    assert d["unit"] == "己市数据局"


def test_a_part_heading_without_a_budget_word_is_no_unit():
    assert reform_clauses.part_heading_unit("第一部分 庚县档案馆工作总结\n") is None


# ---------------------------------------------------------------- a commentary opening “X日前并入Y”
def test_merged_opening_names_the_merged_body():
    d = p("辛省扶贫开发办公室日前并入省农业农村厅,不再单独设置。这一调整有利于统筹推进乡村振兴。")
    assert d["unit"] == "辛省扶贫开发办公室"


def test_a_merger_later_in_the_text_is_no_opening():
    assert reform_clauses.merged_opening("据报道,壬县乡村振兴局并入县农业农村局。") is None


# ---------------------------------------------------------------- a cleft naming the one new body
def test_cleft_names_the_new_body_and_its_rank():
    d = p("本轮改革涉及多个机构的调整。唯一新设立的正厅级机构,就是癸省数据局。它将统筹全省数据工作。")
    assert d["unit"] == "癸省数据局"
    assert d["rank"] == "正厅级"


# ---------------------------------------------------------------- a round-up of bodies set up in many places
def test_round_up_of_many_bureaus_states_no_units_facts():
    d = p("今年以来,已有12个市级数据局相继挂牌成立。\n其中,子市数据局是市政府工作部门,为正处级。丑市数据局由市发展改革委管理。")
    assert d["unit"] is None
    assert d["nature"] is None
    assert d["rank"] is None


def test_one_bureau_set_up_is_no_round_up():
    d = p("寅市数据局于3月1日挂牌成立。寅市数据局是市政府工作部门,为正处级。")
    assert d["unit"] == "寅市数据局"
    assert d["rank"] == "正处级"


# ---------------------------------------------------------------- “中共” written once before a party body's name (heldout28b)
def test_party_body_keeps_the_zhonggong_the_text_writes():
    d = p("昨日,中共卯山州委社会工作部揭牌仪式举行。根据批复,卯山州委社会工作部是州委职能部门,加挂州委两新工委牌子。")
    assert d["unit"] == "中共卯山州委社会工作部"


def test_a_government_body_gets_no_zhonggong():
    assert reform_clauses.with_party_prefix("中共辰市委、辰市人民政府决定,辰市数据局是市政府工作部门。", "辰市数据局") is None
