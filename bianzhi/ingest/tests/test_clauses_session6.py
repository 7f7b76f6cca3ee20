"""Clause wordings probed in session 6, each on a snippet written for the test (not the corpus)."""
from bianzhi.ingest.extract import from_text

from .helpers import p


def test_a_set_up_clause_with_the_plaque_between_the_unit_and_its_class():
    d = p("根据《凌云县人民政府机构改革方案》，设立凌云县文化体育和旅游局，挂“凌云县文物局”、“凌云县版权局”牌子，"
          "为县政府工作部门，正科级建制。")
    assert (d["unit"], d["nature"], d["rank"]) == ("凌云县文化体育和旅游局", "县政府工作部门", "正科级")
    assert d["plaques"] == ["凌云县文物局", "凌云县版权局"]
    d = p("组建县农业农村局，加挂县乡村振兴局牌子，作为县政府工作部门。")
    assert (d["unit"], d["nature"], d["plaques"]) == ("县农业农村局", "县政府工作部门", ["县乡村振兴局"])
    # a plaque clause of a unit that is not set up here is no set-up clause
    assert p("会议强调，要设立工作专班，挂图作战，为全县发展服务。")["unit"] is None


def test_an_encyclopedia_entrys_footnote_marks_and_qualified_short_names():
    d = p("中华人民共和国水利部，规范化简称水利部[1]，又简称水利部门，是国务院组成部门。")
    assert (d["unit"], d["short_name"]) == ("中华人民共和国水利部", "水利部")
    ex = from_text("负责全国水资源管理[2]。机构设置[3-4]：办公厅、规划计划司。第 [1] 页 共[2]页")
    assert "管理。" in ex.text and "设置:" in ex.text
    assert "第 [1] 页" in ex.text or "第[1]页" in ex.text  # a page counter is no footnote
    at = ex.text.index("机构设置")
    start, end = ex.original_span(at, at + 4)
    assert ex.original[start:end] == "机构设置"


def test_a_headlines_verb_of_setting_up_or_merging_is_not_part_of_the_unit():
    assert p("柳州市组建市数据局\n近日，市政府机构改革情况的报告指出，组建市数据局，作为市政府工作部门。")["unit"] == "市数据局"
    d = p("县扶贫开发办公室整建制重组为县乡村振兴局，为县人民政府工作部门。")
    assert (d["unit"], d["nature"]) == ("县乡村振兴局", "县人民政府工作部门")
    # a name holding no such verb stays whole
    assert p("县委组织部是县委工作部门。")["unit"] == "县委组织部"


def test_the_2019_party_formula_names_the_unit_after_an_article_number_or_负责():
    d = p("第三条 市水利局贯彻落实党中央关于水利工作的方针政策和决策部署，在履行职责过程中坚持和加强党对水利工作的集中统一领导。"
          "主要职责是：\n（一）负责保障水资源的合理开发利用。\n（二）负责水资源保护工作。")
    assert d["unit"] == "市水利局"
    d = p("区政务服务局负责贯彻落实中央关于政务服务管理工作的方针政策和省、市、区委决策部署，在履行职责过程中坚持和加强党对"
          "政务服务工作的集中统一领导。主要职责是：\n（一）负责推进全区行政审批制度改革。\n（二）负责全区政务服务综合管理。")
    assert d["unit"] == "区政务服务局"


def test_a_rank_stated_as_行政级别为():
    d = p("县档案馆是县委直属事业单位，行政级别为正科级。")
    assert (d["nature"], d["rank"]) == ("县委直属事业单位", "正科级")


def test_a_duty_heading_names_the_unit_with_its_place_or_its_number():
    d = p("一、基本职能及主要工作\n(一)凌云县文化体育和旅游局职能简介\n(1)拟订文化、体育、旅游政策措施。\n(2)组织推动全县文化事业发展。\n"
          "(3)管理全县重大文化活动。")
    assert d["unit"] == "凌云县文化体育和旅游局"
    d = p("凌云县水利局主要职责：\n（一）负责保障水资源的合理开发利用。\n（二）负责水资源保护工作。")
    assert d["unit"] == "凌云县水利局"
    # a body's own heading, without place or number, names no unit
    assert p("办公室主要职责：\n1.负责机关日常运转。\n2.负责文电会务。\n3.负责机要保密。")["unit"] is None


def test_news_of_a_unit_opening_names_it_with_its_class():
    d = p("根据《凌云县机构改革方案》，县委社会工作部于5月17日挂牌，作为县委职能部门，同时加挂县委两新工委牌子。")
    assert (d["unit"], d["nature"], d["plaques"]) == ("县委社会工作部", "县委职能部门", ["县委两新工委"])
    d = p("百色市大数据发展局于2019年3月正式挂牌，是市政府工作部门，正处级。")
    assert (d["unit"], d["nature"], d["rank"]) == ("百色市大数据发展局", "市政府工作部门", "正处级")
    d = p("日前，经自治区党委机构编制委员会批准，百色市成立市数据局，为市政府直属机构，规格为正处级。")
    assert (d["unit"], d["nature"], d["rank"]) == ("市数据局", "市政府直属机构", "正处级")


def test_the_unit_of_a_staffing_sentence_with_a_funding_kind_or_a_total_then_its_parts():
    d = p("县文化馆核定全额拨款事业编制12名。")
    assert d["unit"] == "县文化馆"
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("事业编制", 12)]
    d = p("县水利局编制15名，其中行政编制8名、事业编制7名。")
    assert d["unit"] == "县水利局"
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("行政编制", 8), ("事业编制", 7)]


def test_three_more_shapes_of_a_pasted_body_list():
    from .helpers import bodies
    want = ["办公室", "水利工程股", "水资源股", "农村水利股"]
    d = p("县水利局内设机构有：办公室；水利工程股；水资源股；农村水利股。")
    assert bodies(d) == want and d["unit"] == "县水利局"
    assert bodies(p("内设机构：1.办公室 2.水利工程股 3.水资源股 4.农村水利股")) == want
    assert bodies(p("（三）内设机构\n办公室、水利工程股、水资源股、农村水利股。")) == want
    # numbered duties, a list out of order, or a sentence are no list of bodies
    assert bodies(p("内设机构：1.负责全县水利工作 2.指导水资源管理")) == []
    assert bodies(p("内设机构：2.办公室 1.水利工程股")) == []
    assert bodies(p("机构设置\n中心下设办公室、财务科。")) != ["中心下设办公室", "财务科"]


def test_duties_under_their_trigger_numbered_in_chinese_circled_or_bracketed_numbers():
    for text in ("主要职责：\n一、负责保障水资源的合理开发利用。\n二、负责水资源保护工作。\n三、负责水利工程建设。",
                 "县水利局主要职责：①负责保障水资源的合理开发利用；②负责水资源保护工作；③负责水利工程建设。",
                 "部门职责：1)负责保障水资源的合理开发利用;2)负责水资源保护工作;3)负责水利工程建设。"):
        assert [d[:4] for d in p(text)["duties"]] == ["负责保障", "负责水资", "负责水利"], text
    # section headings under the trigger are no duties
    assert p("主要职责：\n一、机构概况\n二、人员情况\n三、经费情况")["duties"] == []


def test_units_named_党校_林场_科协_are_units():
    d = p("中共凌云县委党校是县委直属事业单位，正科级，核定编制15名，其中行政编制3名、事业编制12名。")
    assert (d["unit"], d["nature"], d["rank"]) == ("中共凌云县委党校", "县委直属事业单位", "正科级")
    d = p("凌云县国有林场是县林业局所属公益二类事业单位，股级。")
    assert (d["unit"], d["rank"]) == ("凌云县国有林场", "股级")
    # “事业正科级单位” states a rank, not a kind of body
    d = p("二、人员情况\n凌云县科学技术协会是事业正科级单位。编制数是8人。")
    assert (d["unit"], d["nature"], d["rank"]) == ("凌云县科学技术协会", None, "正科级")


def test_the_unit_before_内设_or_下设_and_its_list():
    from .helpers import bodies
    d = p("县水利局内设办公室、水利工程股、水资源股、农村水利股4个股室。")
    assert d["unit"] == "县水利局" and bodies(d) == ["办公室", "水利工程股", "水资源股", "农村水利股"]
    d = p("县水利局下设综合股、规划股、工程股等3个股室。")
    assert d["unit"] == "县水利局" and bodies(d) == ["综合股", "规划股", "工程股"]


def test_a_budget_tables_rows_and_headings_are_no_bodies_or_duties():
    from .helpers import bodies
    d = p("凌云县政协机关2020年部门预算\n一、部门主要职责\n1.组织政治协商。\n2.开展民主监督。\n3.组织参政议政。\n"
          "二、内设机构\n办公室、提案委员会、文史委员会。\n三、支出预算\n(一)基本支出\n(二)项目支出")
    assert "基本支出" not in bodies(d) and "项目支出" not in bodies(d)
    assert all(not x.startswith(("2020年初预算", "部门预算单位构成")) for x in d["duties"])
