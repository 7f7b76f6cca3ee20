"""Clause kinds found on the eleventh held-out split (bench/sanding_real, split heldout11): one test per rule added after
its first run. The snippets are NOT the corpus texts: each rule is tried on a differently worded, differently named
text of the same kind, so a test passes only if the rule is general; the negatives check that the rule stays put."""
from .helpers import bodies, p


# ---------------------------------------------------------------- a law database's “…的通知(文号 日期)” run-in
def test_docnumber_and_date_in_brackets_after_the_notice_title():
    # the page shows the title as a heading, then the database copy runs title, 文号 and date into the body
    d = p("湖东省人民政府办公厅关于印发湖东省地方志办公室主要职责内设机构和人员编制规定的通知\n"
          "湖东省人民政府办公厅关于印发湖东省地方志办公室主要职责内设机构和人员编制规定的通知(湖政办发〔2009〕112号 "
          "2009年10月21日)各市、县人民政府,省政府各部门:《湖东省地方志办公室主要职责内设机构和人员编制规定》已经省人民政府"
          "批准,现予印发。")
    assert d["doc_number"] == "湖政办发〔2009〕112号"
    assert d["issued_on"] == "2009-10-21"
    assert d["issuing_organ"] == "湖东省人民政府办公厅"
    assert d["unit"] == "湖东省地方志办公室"


def test_docnumber_without_brackets_run_into_the_addressees():
    d = p("关于印发临川市事业单位公开招聘人员实施办法的通知\n关于印发临川市事业单位公开招聘人员实施办法的通知临人社发[2012]17号各县(区)人力资源和社会保障局,市直各单位:现将"
          "《临川市事业单位公开招聘人员实施办法》印发给你们,请遵照执行。")
    assert d["doc_number"] == "临人社发〔2012〕17号"


def test_a_cited_docnumber_in_the_body_is_not_the_notices():
    # the 文号 of a document the notice only cites (after 根据…) is not read as the notice's own
    d = p("关于印发临川市事业单位岗位管理办法的通知\n各县(区)人事局:\n根据《关于进一步做好岗位管理工作的通知》(人社部发〔2011〕"
          "36号)精神,现将《临川市事业单位岗位管理办法》印发给你们。")
    assert d["doc_number"] is None


def test_a_cited_notice_with_its_docnumber_in_brackets_is_not_the_notices():
    # a notice cited without book-title marks (“…关于机构设置的通知(国发〔2008〕11号)”) is another document
    d = p("关于印发临川市事业单位岗位管理办法的通知\n各县(区)人事局:\n根据国务院关于机构设置的通知(国发〔2008〕11号 2008年3月21日)"
          "和有关规定,现将《临川市事业单位岗位管理办法》印发给你们。")
    assert d["doc_number"] is None
    assert d["issued_on"] is None


def test_a_date_run_into_the_issued_texts_title_is_the_notices_date():
    d = p("关于印发临川市事业单位岗位管理办法的通知\n各县(区)人事局:\n现将《临川市事业单位岗位管理办法》印发给你们,请认真贯彻执行。\n"
          "二〇一一年九月五日临川市事业单位岗位管理办法第一条为规范岗位管理,制定本办法。")
    assert d["issued_on"] == "2011-09-05"


def test_a_date_at_a_line_start_before_other_words_is_no_signature():
    d = p("关于印发临川市事业单位岗位管理办法的通知\n各县(区)人事局:\n现将《临川市事业单位岗位管理办法》印发给你们。\n"
          "2011年9月5日前各单位报送岗位设置方案。")
    assert d["issued_on"] is None


# ---------------------------------------------------------------- a reading of a 三定 notice
def test_a_reading_of_a_sanding_notice_is_about_the_sanding():
    d = p("对中共中央办公厅国务院办公厅关于印发《退役军人事务部职能配置、内设机构和人员编制规定》的通知\n的学习体会\n"
          "一、职责变化。退役军人事务部承担的职责比原民政部优抚安置局有较大扩展。")
    assert d["title"] == "退役军人事务部职能配置、内设机构和人员编制规定"
    assert d["issuing_organ"] is None
    assert d["unit"] == "退役军人事务部"


def test_a_notice_title_starting_with_dui_without_a_reading_stays_a_notice():
    # “对…的通知” with no 解读 after it: the title is kept as it stands
    d = p("对口支援办公室关于印发《对口支援资金管理办法》的通知\n各成员单位:\n现将《对口支援资金管理办法》印发给你们。")
    assert d["title"] == "对口支援办公室关于印发《对口支援资金管理办法》的通知"


# ---------------------------------------------------------------- nature: 保留X(以下简称Y)，为Z
def test_kept_body_with_short_name_and_nature():
    d = p("根据省人民政府机构改革方案,保留湖东省人民政府参事室(以下简称省政府参事室),为省人民政府直属正厅级事业单位。")
    assert (d["unit"], d["short_name"]) == ("湖东省人民政府参事室", "省政府参事室")
    assert (d["nature"], d["rank"]) == ("省人民政府直属正厅级事业单位", "正厅级")


def test_a_plaque_kept_is_no_statement():
    # “对外保留Y牌子” keeps a plaque: Y is not the body the nature belongs to
    d = p("自然资源部对外保留国家海洋局牌子,为国务院组成部门。")
    assert d["unit"] != "国家海洋局"
    d = p("第二条 自然资源部是国务院组成部门,为正部级,对外保留国家海洋局牌子。")
    assert (d["unit"], d["nature"], d["plaques"]) == ("自然资源部", "国务院组成部门", ["国家海洋局"])


# ---------------------------------------------------------------- duties: (一) on the 主要职责 heading's line
def test_first_duty_on_the_heading_line():
    d = p("保留湖东省人民政府参事室,为省人民政府直属事业单位。\n一、主要职责(一)组织参事开展调查研究,反映社情民意。\n"
          "(二)承担参事的联络和服务工作。\n(三)承办省人民政府交办的其他事项。")
    assert [x[:6] for x in d["duties"]] == ["组织参事开展", "承担参事的联", "承办省人民政"]


# ---------------------------------------------------------------- a procedure's steps are no duties
def test_labelled_procedure_steps_are_no_duties():
    d = p("(一)申报:各单位按规定填写申报表,经主管部门审核后报送。\n(二)审核:编办对申报材料进行审核,提出处理意见。\n"
          "(三)审批:按照审批权限报编委会研究决定。\n(四)备案:批准后的事项报上级编办备案。")
    assert d["duties"] == []


def test_duties_after_a_duty_heading_keep_a_colon_inside():
    # after 主要职责 the items are duties even when one of them has a colon
    d = p("主要职责:\n(一)统筹:统筹推进全县数据资源整合共享工作。\n(二)负责全县政务数据的归集和管理。\n"
          "(三)承办县政府交办的其他事项。")
    assert len(d["duties"]) == 3


def test_unlabelled_numbered_paragraphs_are_still_duties():
    d = p("(一)负责全县政务数据的归集、治理和共享开放工作。\n(二)组织实施全县数字政府建设的规划和项目。\n"
          "(三)承办县人民政府交办的其他事项。")
    assert len(d["duties"]) == 3


# ---------------------------------------------------------------- unit: “解析X的机构构成”, then X's bodies
def test_the_unit_of_an_article_on_its_structure():
    d = p("前言\n本文将详细介绍国家消防救援局的内设机构和主要职能。\n1. 办公室\n职责:负责机关日常运转。\n2. 政治部\n"
          "职责:负责队伍思想政治建设。\n3. 火灾防治管理司\n职责:负责火灾预防工作。")
    assert d["unit"] == "国家消防救援局"
    assert bodies(d) == ["办公室", "政治部", "火灾防治管理司"]


def test_structure_phrase_without_a_body_list_names_no_unit():
    d = p("本文将详细介绍国家消防救援局的内设机构和主要职能,欢迎阅读。")
    assert d["unit"] is None


def test_structure_phrase_of_all_levels_is_no_unit():
    d = p("各级人民政府的机构设置应当精简。\n1. 办公室\n职责:负责机关日常运转。\n2. 政治部\n职责:负责队伍建设。")
    assert d["unit"] is None
