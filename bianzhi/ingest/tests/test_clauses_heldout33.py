"""Clause kinds the unit-pages split showed the parser missing (bench/sanding_real, split heldout33): one test per rule
added after its first run, and guards that a rule does not reach past its kind. The snippets are NOT the corpus texts:
each rule is tried on a differently worded, differently named text of the same kind, so a test passes only if the rule
is general."""
from bianzhi.ingest import page_clauses

from .helpers import bodies, p


# ---------------------------------------------------------------- bodies one a line under a heading of their own
def test_bodies_one_a_line_under_the_heading_with_anti_copy_strings():
    d = p("芜湖市图书馆简介\n\n芜湖市图书馆是市政府设立的公益性事业单位。 Q3?8kT,=1Z\n\n机构设置\n\n综合办公室 a7~2Lp;4QX\n\n"
          "采编部\n\n“少儿”阅读部 K9!1dd:3Pq\n\n地方文献部 z2-8Rr,;5Mm\n\n免责声明\n\n本站收录…")
    assert bodies(d) == ["综合办公室", "采编部", "“少儿”阅读部", "地方文献部"]


def test_a_menu_under_the_heading_is_no_body_list():
    assert page_clauses.heading_lines("机构设置\n\n政务公开\n\n办事服务\n\n互动交流\n") == []


# ---------------------------------------------------------------- “下设A、B…N个工作部门”: a list closed by its count
def test_list_closed_by_its_count_without_deng():
    d = p("本报讯 9月3日,阿荣旗融媒体中心正式揭牌。阿荣旗融媒体中心作为县级融媒体中心建设试点,按照职能分工,中心下设总编室、"
          "采访部、编辑部、技术部、运营部5个工作部门,实现一次采集、多元传播。")
    assert d["unit"] == "阿荣旗融媒体中心"
    assert bodies(d) == ["总编室", "采访部", "编辑部", "技术部", "运营部"]


def test_count_closed_list_needs_as_many_names_and_one_unit():
    assert page_clauses.count_closed("中心下设总编室、采访部、编辑部6个工作部门。") == []
    several = ("东区城管局内设办公室、法制科和执法科3个科室;西区城管局内设办公室、市容科和环卫科3个科室;"
               "北区城管局下设综合科和督查科2个科室。")
    assert page_clauses.count_closed(several) == []


# ---------------------------------------------------------------- “下设A、B、C等部门” on one unit's page
def test_under_list_closed_by_deng_bumen_when_the_unit_is_known():
    d = p("长葛市融媒体中心是长葛市委直属的事业单位。中心设主任1名,副主任2名,下设采编部、播出部、网络部、综合办公室等部门,"
          "各部门分工协作。")
    assert bodies(d) == ["采编部", "播出部", "网络部", "综合办公室"]


def test_under_list_needs_the_unit_and_no_company():
    assert page_clauses.under_kind("下设采编部、播出部、网络部等部门。", None) == []
    assert page_clauses.under_kind("本公司下设市场部、财务部、人事部等部门。", "某公司") == []


# ---------------------------------------------------------------- duties numbered “1·…”, “1   …”
def test_duties_numbered_with_a_middle_dot():
    d = p("奉节县气象局\n职责\n1·负责本行政区域内的气象观测和预报工作。\n2·组织管理本县人工影响天气作业。\n"
          "3·承担气象灾害预警信息的发布。\n…更多介绍请查阅全文…")
    assert [x[:6] for x in d["duties"]] == ["负责本行政区", "组织管理本县", "承担气象灾害"]


def test_party_committee_group_is_set_apart_and_the_heading_names_the_unit():
    text = ("一、甘肃省地方志办公室:\n(一)省地方志办公室党组主要职责。\n1   负责全省地方志系统党组织建设。\n"
            "2   协助管理直属单位领导干部。\n(二)省地方志办公室主要职责。\n1   拟订全省地方志工作规划并组织实施。\n"
            "2   组织编纂省志和省级综合年鉴。\n3   指导市县地方志工作。\n二、联系方式\n")
    d = p(text)
    assert [x[:6] for x in d["duties"]] == ["拟订全省地方", "组织编纂省志", "指导市县地方"]
    assert d["unit"] == "甘肃省地方志办公室"


def test_numbered_step_titles_are_no_duties():
    assert page_clauses.odd_numbered_duties("①拟定方案。根据上级意见提出方案。\n②征求意见。向有关部门征求意见。\n")[0] == []


# ---------------------------------------------------------------- items under a “职责范围” heading
def test_items_under_a_scope_heading():
    d = p("一、郏县融媒体中心概况\n郏县融媒体中心是郏县县委直属的事业单位。\n2. 职责范围\n(1)负责全县新闻宣传工作;\n"
          "(2)负责县政务信息发布;\n(3)承担全县应急广播运行。\n3. 运行机制\n(1)建立新闻采编审核制度;\n(2)加强平台建设。\n")
    assert [x[:6] for x in d["duties"]] == ["负责全县新闻", "负责县政务信", "承担全县应急"]


# ---------------------------------------------------------------- a class with its 公益 class in a bracket, “正式编制N名”
def test_subjectless_class_with_its_bracket_and_formal_staffing():
    d = p("黔江区融媒体中心由原黔江日报社、黔江区广播电视台整合组建。为黔江区委直属的全额拨款事业单位(公益一类)。\n"
          "2019年,黔江区融媒体中心挂牌,是区委直属事业单位。\n中心设办公室、采访部、编辑部等15个内设机构。正式编制120名,有在编职工98人。")
    assert d["unit"] == "黔江区融媒体中心"
    assert d["nature"] == "黔江区委直属的全额拨款事业单位(公益一类)"
    assert [(s["type"], s["raw"], s["count"]) for s in d["staffing"]] == [("其他编制", "正式编制", 120)]


# ---------------------------------------------------------------- guards: several units, kinds defined, articles on a kind
def test_chronicle_section_on_several_units_gives_nothing():
    d = p("第二节 园林管理机构\n\n佛山市园林管理处1984年成立,正科级事业单位,人员编制12人,内设办公室、绿化股2个股(室)。\n\n"
          "佛山市中山公园管理所始建于1928年,股级事业单位,内设管理股和服务股两个股室。\n")
    assert d["unit"] is None and bodies(d) == [] and d["rank"] is None


def test_kinds_defined_one_by_one_are_no_duties():
    d = p("救助机构依其性质可分为以下3类。\n(1)管理机构。即各级民政部门设立的救助管理机构。\n(2)服务机构。主要指救助站、"
          "救助中心等。\n(3)社会组织。主要指慈善组织。\n")
    assert d["duties"] == []


def test_article_on_a_kind_of_body_gives_no_unit_and_no_bodies():
    d = p("图书馆部门概览\n本文将详细介绍图书馆的部门构成,图书馆作为保存文献的重要机构,设有多个部门。\n1、采编部\n"
          "采编部是图书馆的基础部门,负责文献采购。\n2、流通部\n流通部是图书馆的服务窗口,负责借还。\n")
    assert d["unit"] is None and bodies(d) == []


def test_a_demonstrative_or_one_of_its_bodies_is_no_unit():
    d = p("组织架构\n(1)办公室。办公室是档案馆管理的中枢机构,负责行政事务。\n(2)保管部。负责档案保管。\n(3)利用部。负责查阅服务。\n")
    assert d["unit"] is None
    assert bodies(d) == ["办公室", "保管部", "利用部"]
