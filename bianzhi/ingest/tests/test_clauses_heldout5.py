"""Clause kinds and fragment kinds found on the fifth held-out split (bench/sanding_real, split heldout5): one test
per rule added after its first run. The snippets are NOT the corpus texts: each rule is tried on a differently
worded, differently named text of the same kind, so a test passes only if the rule is general."""
from bianzhi.ingest import clauses

from .helpers import p


def staffing(d):
    return [(s["type"], s["raw"], s["count"]) for s in d["staffing"]]


# ---------------------------------------------------------------- ranks and dates
def test_county_and_prefecture_ranks_need_zheng_or_fu():
    d = p("第二条 青川州水务局(以下简称州水务局)是州人民政府工作部门,为副地级。")
    assert (d["unit"], d["short_name"], d["rank"]) == ("青川州水务局", "州水务局", "副地级")
    assert p("第二条 某市审计局是市政府工作部门,为正县级。")["rank"] == "正县级"
    # a bare “县级” is a level of government, not a rank
    assert p("县级以上人民政府统计机构是本级政府工作部门。")["rank"] is None


def test_a_date_typed_with_the_letter_l_for_one():
    d = p("某县财政局关于印发《某县政府采购管理办法》的通知\n各乡镇:\n现印发给你们。\n某县财政局\n2016年3月l2日\n")
    assert (d["issuing_organ"], d["issued_on"]) == ("某县财政局", "2016-03-12")


def test_a_bracketed_date_under_the_title():
    d = p("水利部关于调整流域管理机构职责的通知\n(2021年5月6日)\n一、将某项职责划入长江水利委员会。\n")
    assert d["issued_on"] == "2021-05-06"


# ---------------------------------------------------------------- titles, organs, units of notices
def test_a_news_item_gets_the_title_of_the_sanding_it_reports():
    d = p("本报讯 近日,省委编办印发了《江南省交通运输厅职能配置、内设机构和人员编制规定》(以下简称规定)。"
          "规定明确,江南省交通运输厅是省政府组成部门,为正厅级。")
    assert d["title"] == "江南省交通运输厅职能配置、内设机构和人员编制规定"
    assert (d["unit"], d["nature"], d["rank"]) == ("江南省交通运输厅", "省政府组成部门", "正厅级")


def test_a_bodys_own_working_rules_name_the_unit():
    d = p("河西市人民政府关于印发《河西市人民政府议事规则》的通知\n各区人民政府:\n现予印发。\n河西市人民政府\n2020年2月3日\n")
    assert (d["unit"], d["issuing_organ"], d["issued_on"]) == ("河西市人民政府", "河西市人民政府", "2020-02-03")


def test_two_organs_signing_on_their_own_lines():
    d = p("中共北山市委组织部\n北山市人力资源和社会保障局\n关于印发《北山市人才引进办法》的通知\n各县区:\n现印发给你们。\n"
          "中共北山市委组织部\n北山市人力资源和社会保障局\n2018年7月9日\n")
    assert d["issuing_organ"] == "中共北山市委组织部 北山市人力资源和社会保障局"
    assert d["issued_on"] == "2018-07-09"


def test_an_organ_written_without_its_place_gets_it_from_the_page():
    d = p("发布机构: 东江县人民政府\n县人民政府关于印发《东江县招商引资办法》的通知\n东政发〔2019〕3号\n各乡镇:\n现予印发。\n")
    assert (d["issuing_organ"], d["doc_number"]) == ("东江县人民政府", "东政发〔2019〕3号")


def test_a_metadata_value_under_its_label_is_not_a_heading():
    d = p("来源:\n区民政局\n第一条 根据有关规定,制定本规定。\n第二条 某区民政局是区政府工作部门,为正科级。\n")
    assert d["title"] is None and d["unit"] == "某区民政局"


def test_a_report_title_with_the_second_name_in_brackets():
    d = p("南河县应急管理局(南河县地震局)2022年度部门预算\n一、部门职责\n")
    assert (d["unit"], d["plaques"]) == ("南河县应急管理局", ["南河县地震局"])


def test_a_notice_changing_the_nature_of_a_unit():
    d = p("关于西岭市档案局机构编制调整的通知\n各县区:\n现就西岭市档案局(以下简称市档案局)机构编制调整事项通知如下。\n"
          "市档案局由市委办公室管理的机构调整为市委直属机构。\n核减行政编制2名。\n调整后,市档案局行政编制10名。\n")
    assert (d["unit"], d["short_name"], d["nature"]) == ("西岭市档案局", "市档案局", "市委直属机构")


# ---------------------------------------------------------------- nature and rank sentences
def test_set_up_with_a_rank_clause_between_unit_and_nature():
    d = p("根据《某市机构改革方案》,设立北岸市档案馆(以下简称市档案馆),副处级建制,为市委直属事业单位。")
    assert (d["unit"], d["short_name"], d["rank"], d["nature"]) == ("北岸市档案馆", "市档案馆", "副处级", "市委直属事业单位")


def test_a_newly_formed_body_as_a_kind_with_its_place_from_another_sentence():
    d = p("近日,江城市文化和旅游局正式挂牌。\n新组建的市文化和旅游局将原市文化局、原市旅游局的职责整合,作为市政府工作部门。")
    assert (d["unit"], d["nature"]) == ("江城市文化和旅游局", "市政府工作部门")


def test_shu_states_a_nature_but_suoshu_does_not():
    d = p("某县机关事务服务中心属公益一类事业单位,核定事业编制8名。")
    assert (d["unit"], d["nature"]) == ("某县机关事务服务中心", "公益一类事业单位")
    d = p("某县林业局所属事业单位实行聘用制。")
    assert d["nature"] is None and d["unit"] != "某县林业局所"


def test_the_class_of_a_body_wins_over_a_description():
    d = p("某市人民防空办公室为市政府主管人民防空工作的机构,是市政府直属事业单位。")
    assert d["nature"] == "市政府直属事业单位"


def test_a_plaque_with_its_own_short_name():
    d = p("某县自然资源局是县政府工作部门,为正科级,加挂某县林业局(以下简称县林业局)牌子。")
    assert d["plaques"] == ["某县林业局"] and d["short_name"] is None


def test_a_heading_naming_the_unit_in_full_wins_over_a_shorter_subject():
    d = p("一、某省人民政府研究室概况\n某省政府研究室是省政府办事机构,为正厅级。\n")
    assert d["unit"] == "某省人民政府研究室"


# ---------------------------------------------------------------- internal bodies, staffing, duties
def test_an_inline_list_with_bracketed_names_and_a_count_tail():
    d = p("按照规定,某部内设机构包括:办公厅、政策研究室(法规司、督查室)、人事司、财务司等12个司局。")
    assert [b["name"] for b in d["internal_bodies"]] == ["办公厅", "政策研究室(法规司、督查室)", "人事司", "财务司"]
    d = p("某局内设机构包括,综合处、监测处、执法处等6个处室。")
    assert [b["name"] for b in d["internal_bodies"]] == ["综合处", "监测处", "执法处"]


def test_a_subject_list_ending_with_he():
    d = p("某县档案馆是县委直属事业单位。某县档案馆内设综合股、保管利用股和征集编研股。")
    assert [b["name"] for b in d["internal_bodies"]] == ["综合股", "保管利用股", "征集编研股"]


def test_canggong_without_fa_and_control_figures():
    d = p("某市住房公积金管理中心现有编制30名,其中:参照公务员管理的事业编制20名,事业编制10名。另有控制编制5名。")
    assert staffing(d) == [("事业编制（参照公务员法管理）", "参照公务员管理的事业编制", 20), ("事业编制", "事业编制", 10),
                           ("其他编制", "控制编制", 5)]
    assert clauses.platform_staffing_type("事业控制编制") == ("其他编制", False)  # kept, and flagged


def test_items_numbered_in_brackets_with_digits():
    d = p("某县信访局是县政府工作部门。\n(1)负责受理群众来信来访工作,做好接待和解释。\n(2)负责交办、转送群众反映的信访事项。\n"
          "(3)负责督查督办重要信访事项的办理。\n")
    assert [x[:6] for x in d["duties"]] == ["负责受理群众", "负责交办、转", "负责督查督办"]


def test_digit_items_under_a_duties_heading():
    d = p("一、部门基本情况\n(一)主要职能\n1.负责全县统计调查工作。\n2.负责统计数据的管理和公布。\n3.承担普查工作。\n"
          "(二)机构设置\n某县统计局内设办公室、综合股2个股室。\n")
    assert [x[:6] for x in d["duties"]] == ["负责全县统计", "负责统计数据", "承担普查工作"]
    assert [b["name"] for b in d["internal_bodies"]] == ["办公室", "综合股"]
    # a body's own numbered duties stay with the body
    d = p("三、内设机构\n(一)办公室\n1.负责文电工作。\n2.负责会务。\n(二)财务科\n负责财务。\n")
    assert [b["name"] for b in d["internal_bodies"]] == ["办公室", "财务科"] and d["duties"] == []
