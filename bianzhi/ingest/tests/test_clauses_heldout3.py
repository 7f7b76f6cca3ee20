"""Clause kinds and fragment kinds found on the third held-out split (bench/sanding_real, split heldout3): one test
per rule added after its first run. The snippets are NOT the corpus texts: each rule is tried on a differently
worded, differently named text of the same kind, so a test passes only if the rule is general."""
from bianzhi.ingest.extract import from_text

from .helpers import p


def staffing(d):
    return [(s["type"], s["raw"], s["count"]) for s in d["staffing"]]


def posts(d):
    return [(x["title"], x["count"], x["rank"], x["note"]) for x in d["posts"]]


# ---------------------------------------------------------------- run-in notice (a law database's one paragraph)
RUN_IN = ("某市人民政府办公室关于印发某市统计局主要职责内设机构和人员编制规定的通知 某政办发〔2010〕12 号 各区人民政府,市政府各部门: "
          "《某市统计局主要职责内设机构和人员编制规定》经市政府批准,现予印发。 某市人民政府办公室 二〇一〇年三月五日 "
          "某市统计局主要职责内设机构和人员编制规定 根据《某市人民政府机构改革方案》,设立某市统计局,为市政府直属机构。 "
          "一、职责调整 取消已由市政府公布取消的行政审批事项。 二、主要职责 (一)贯彻执行国家统计工作的法律、法规和规章。"
          " (二)组织实施全市统计调查。 (三)管理和公布全市统计资料。 (四)承办市政府交办的其他事项。 三、内设机构 "
          "根据上述职责,市统计局设4个内设机构: (一)办公室。 (二)综合科。 (三)农业统计科。 (四)工业统计科。 四、人员编制 "
          "市统计局机关行政编制20名。其中:局长1名,副局长2名;科级领导职数6名。")


def test_run_in_notice_gets_its_lines_back():
    d = p(RUN_IN)
    assert d["title"] == "某市人民政府办公室关于印发某市统计局主要职责内设机构和人员编制规定的通知"
    assert (d["doc_number"], d["issuing_organ"], d["issued_on"]) == ("某政办发〔2010〕12号", "某市人民政府办公室", "2010-03-05")
    assert d["unit"] == "某市统计局" and d["nature"] == "市政府直属机构"
    assert [x[:6] for x in d["duties"]] == ["贯彻执行国家", "组织实施全市", "管理和公布全", "承办市政府交"]
    assert [b["name"] for b in d["internal_bodies"]] == ["办公室", "综合科", "农业统计科", "工业统计科"]
    assert staffing(d) == [("行政编制", "机关行政编制", 20)]
    assert posts(d) == [("局长", 1, None, None), ("副局长", 2, None, None)]
    assert [(x["level"], x["count"]) for x in d["internal_leadership"]] == [("科级", 6)]


def test_run_in_reflow_keeps_offsets_into_the_original():
    ex = from_text(RUN_IN)
    assert len(ex.text) == len(ex.offsets)
    i = ex.text.index("某政办发")
    s, _e = ex.original_span(i, i + 4)
    assert ex.original[s:s + 4] == "某政办发"
    # short texts and texts with their own line breaks are left alone
    assert "\n" not in from_text("某县财政局为县政府工作部门,正科级。").text


# ---------------------------------------------------------------- titles: plans, rules, reports
def test_plan_title_with_attachment_prefix_and_abstract_suffix():
    d = p("附件2:某县文化馆机构编制方案(试行)\n某县文化馆的机构规格为副科级。")
    assert d["title"] == "某县文化馆机构编制方案(试行)"
    assert d["unit"] == "某县文化馆" and d["rank"] == "副科级"


def test_rules_title_under_page_chrome_and_its_adoption_date():
    d = p("首页 | 政策文件 | 部门“三定” | 通知公告\n您现在的位置: 首页 > 通知公告\n某县机构编制委员会工作规则\n"
          "(2012年6月8日县编委第三次全体会议通过)\n(某编〔2012〕3号)\n一、县编委的职责\n"
          "某县机构编制委员会(简称县编委)是县委、县政府的议事协调机构。主要职责是:\n"
          "(一)贯彻执行上级关于机构编制工作的方针政策。\n(二)审定全县机构改革方案。\n")
    assert d["title"] == "某县机构编制委员会工作规则"
    assert (d["doc_number"], d["issued_on"]) == ("某编〔2012〕3号", "2012-06-08")
    assert (d["unit"], d["short_name"], d["nature"]) == ("某县机构编制委员会", "县编委", "县委、县政府的议事协调机构")
    assert len(d["duties"]) == 2


def test_final_accounts_report_names_its_unit():
    d = p("2020年某市档案馆部门决算\n目 录\n第一部分:某市档案馆概况\n一、单位主要职责\n二、单位机构设置\n"
          "第一部分:某市档案馆概况\n一、单位主要职责\n(一)收集、整理和保管全市档案资料。\n(二)提供档案查询利用服务。\n")
    assert d["title"] == "2020年某市档案馆部门决算" and d["unit"] == "某市档案馆"
    assert len(d["duties"]) == 2


# ---------------------------------------------------------------- statements: rank and plaques, basis sentences
def test_rank_without_nature_after_setting_up_with_quoted_plaques():
    d = p("根据省委、省政府《关于省政府机构改革的实施意见》,设立某省人民政府研究室(加挂“某省人民政府发展研究中心”、“某省决策咨询委员会办公室”牌子),正厅级。")
    assert (d["unit"], d["rank"]) == ("某省人民政府研究室", "正厅级")
    assert d["plaques"] == ["某省人民政府发展研究中心", "某省决策咨询委员会办公室"]


def test_unit_whose_rank_is_stated_with_de():
    d = p("某市地震局的机构规格为正处级。")
    assert (d["unit"], d["rank"]) == ("某市地震局", "正处级")


def test_basis_between_unit_and_nature_with_a_plaque_in_brackets():
    d = p("某县水利局是根据《某县人民政府机构改革方案》(某办字〔2010〕9号)设立(挂某县水土保持局牌子),为县政府工作部门,列入县政府工作部门序列。")
    assert (d["unit"], d["nature"], d["plaques"]) == ("某县水利局", "县政府工作部门", ["某县水土保持局"])


def test_plaque_stated_apart_from_the_statement():
    d = p("某市林业局为市政府工作部门,正处级。由某市林业局管理的机构:(1)某市森林防火指挥部办公室。在某市林业局加挂该机构牌子。"
          "另在某县林业局加挂某县湿地保护中心牌子。")
    assert d["plaques"] == ["某市森林防火指挥部办公室"]  # another unit's plaque is not this unit's


# ---------------------------------------------------------------- internal bodies
def test_bodies_listed_after_the_units_own_name_with_no_count():
    d = p("某市气象局的机构规格为正处级。某市气象局内设办公室(人事科)、业务科(法规科)、财务科,其规格为正科级。"
          "某县气象局内设办公室、气象台。")
    assert [b["name"] for b in d["internal_bodies"]] == ["办公室(人事科)", "业务科(法规科)", "财务科"]


def test_one_body_set_up_by_its_own_sentence():
    d = p("某县商务局是县人民政府工作部门,为正科级。设置县口岸办综合股,负责口岸办日常事务。行政编制8名。")
    assert [b["name"] for b in d["internal_bodies"]] == ["县口岸办综合股"]


def test_setting_up_city_organs_in_a_reform_news_is_no_body_list():
    d = p("机构改革后,某市共设置党政机构50个。围绕中心工作,因地制宜设置和调整市委社会工作委员会、市数据管理局、"
          "市城市建设管理局等9个机构。")
    assert d["internal_bodies"] == []


# ---------------------------------------------------------------- staffing, posts, leadership
def test_untyped_staffing_is_kept_as_other_and_flagged():
    d = p("人员编制及领导职数:\n1.人员编制:某市国家气象系统人员编制核定为58名。\n2.领导职数:某市气象局设局长1名,副局长2名。"
          "市局机关内设机构科级领导职数4名。")
    assert staffing(d) == [("其他编制", "人员编制", 58)] and d["staffing"][0]["unknown"] is True
    assert posts(d) == [("局长", 1, None, None), ("副局长", 2, None, None)]
    assert [(x["level"], x["count"]) for x in d["internal_leadership"]] == [("科级", 4)]


def test_staffing_with_words_in_front_of_its_kind():
    d = p("新组建某区城市管理综合行政执法大队,锁定行政执法类事业编制31名,周转编制2名,设大队长1名(由局长兼任),副大队长2名(副科级)。")
    assert d["unit"] == "某区城市管理综合行政执法大队"
    assert staffing(d) == [("事业编制", "行政执法类事业编制", 31), ("其他编制", "周转编制", 2)]
    assert posts(d) == [("大队长", 1, None, "由局长兼任"), ("副大队长", 2, "副科级", None)]


def test_post_stated_twice_counts_once_and_chief_specialists_are_posts():
    d = p("某县畜牧局行政编制12名,设局长1名,副局长2名,总畜牧师1名;股级职数6名。某县畜牧局设局长1名。")
    assert posts(d) == [("局长", 1, None, None), ("副局长", 2, None, None), ("总畜牧师", 1, None, None)]
    assert [(x["level"], x["count"]) for x in d["internal_leadership"]] == [("股级", 6)]


def test_budget_note_names_its_unit_before_the_total():
    d = p("某县交通运输局(含5个交管站)总编制60名,其中:行政编制10名,事业编制50名。在职人员58人。")
    assert d["unit"] == "某县交通运输局"
    assert staffing(d) == [("行政编制", "行政编制", 10), ("事业编制", "事业编制", 50)]


# ---------------------------------------------------------------- negatives
def test_news_about_published_sanding_has_no_unit_facts():
    d = p("经某市政府批准,某市政府门户网站正式公布了某市统计局、某市体育局、某市林业局等3个部门的“三定”方案(定主要职责、定内设机构和定人员编制)。")
    assert d["unit"] is None and d["internal_bodies"] == [] and d["staffing"] == [] and d["posts"] == []


# ---------------------------------------------------------------- found on heldout4 (after the rules above)
def test_nature_with_a_bracket_after_it_and_a_rank_inside_it():
    d = p("2001年5月某市防空办公室更名为某市人民防空办公室,是市政府直属的正处级事业单位(参照公务员法管理)。负责全市人民防空工作。")
    assert d["unit"] == "某市人民防空办公室"
    assert (d["nature"], d["rank"]) == ("市政府直属的正处级事业单位", "正处级")


def test_a_rank_with_unit_is_no_nature():
    d = p("某县档案局是正科级单位,负责全县档案工作。")
    assert (d["nature"], d["rank"]) == (None, "正科级")


def test_bodies_after_a_colon_joined_by_he():
    d = p("某市气象台下设三个业务科室:预报科、观测科和信息科。")
    assert [b["name"] for b in d["internal_bodies"]] == ["预报科", "观测科", "信息科"]


def test_untyped_staffing_needs_the_unit_as_subject():
    d = p("某市地震局是市政府直属的正处级事业单位。\n某市地震局编制数为12人,现有干部职工11人。\n下属有某市地震台,编制5人。")
    assert staffing(d) == [("其他编制", "编制", 12)]


def test_notice_setting_up_a_body_names_unit_organ_and_short_name():
    d = p("某县人民政府办公室关于成立某县森林防火指挥部的通知\n某政办函〔2021〕8号\n各乡镇人民政府:\n"
          "县人民政府决定成立县森林防火指挥部(以下简称指挥部)。现将有关事项通知如下:\n一、主要职责\n组织全县森林防火工作。")
    assert (d["title"], d["doc_number"]) == ("某县人民政府办公室关于成立某县森林防火指挥部的通知", "某政办函〔2021〕8号")
    assert (d["unit"], d["issuing_organ"], d["short_name"]) == ("某县森林防火指挥部", "某县人民政府办公室", "指挥部")
