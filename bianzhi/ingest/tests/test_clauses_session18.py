"""Session 18: a unit's name with a web page's words glued in front (glued_names), and a body list whose sentence's
subject is the unit the rules did not name (body_lists.bodies_with_subject); on wordings written for these tests."""
from __future__ import annotations

import pytest

from bianzhi.ingest import body_lists, glued_names
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse


def parsed(text: str):
    return parse(from_text(text).text)


# ------------------------------------------------------------------ glued page words


@pytest.mark.parametrize(("value", "text", "cut"), [
    # the page's words before a name the text states on its own elsewhere
    ("全部服务分类青岭市市场监督管理局", "全部服务分类青岭市市场监督管理局机构设置和职能\n青岭市市场监督管理局是市政府工作部门。", 6),
    ("您的位置首页国内国家海洋数据管理总局", "您的位置首页国内国家海洋数据管理总局。国家海洋数据管理总局是国务院直属机构。", 8),
    ("我们青岭市公共资源交易中心", "我们青岭市公共资源交易中心是市政府直属事业单位,“青岭市公共资源交易中心”成立于2015年。", 2),
    # …never when the name is only ever stated glued
    ("全部服务分类青岭市市场监督管理局", "全部服务分类青岭市市场监督管理局机构设置和职能", 0),
    # …nor a place's own name cut inside, nor a place before a shorter form of the same name
    ("新疆维吾尔自治区纤维质量监测中心", "新疆维吾尔自治区纤维质量监测中心。自治区纤维质量监测中心是公益一类事业单位。", 0),
    ("大冶市城市管理执法督察大队", "大冶市城市管理执法督察大队。市城市管理执法督察大队是局属事业单位。", 0),
    ("湖南省怀化市青岭县人民法院", "湖南省怀化市青岭县人民法院。青岭县人民法院设有办公室。", 0),
    ("内蒙古自治区人民政府", "内蒙古自治区人民政府关于印发工作规则的通知。自治区人民政府各部门:", 0),
    # …nor a generic word before a zone's name
    ("经济开发区管理委员会", "经济开发区管理委员会。开发区管理委员会下设综合办公室。", 0),
])
def test_glued_prefix(value, text, cut):
    assert glued_names.glued_prefix(value, text) == cut


def test_a_one_line_copy_gets_its_units_and_titles_glued_words_cut():
    text = ("您的位置首页国内国家海洋数据管理总局职能配置、内设机构和人员编制规定 第一条 为了规范国家海洋数据管理总局的职能配置,"
            "根据有关规定,制定本规定。 第二条 国家海洋数据管理总局是国务院直属机构,为正部级。")
    d = parsed(text).data
    assert d["unit"] == "国家海洋数据管理总局"
    assert d["title"] == "国家海洋数据管理总局职能配置、内设机构和人员编制规定"


# ------------------------------------------------------------------ a body list's subject


def test_a_body_lists_subject_names_the_unit():
    text = ("青岭县人民法院的前身是1950年成立的青岭县人民政府司法科。目前,青岭县人民法院设有办公室、政治处、纪检组、监察室、"
            "研究室、立案庭、刑庭、民一庭、民二庭、行政庭、审监庭、执行局、法警大队。管辖区内设11个人民法庭。")
    result = parsed(text)
    assert result.data["unit"] == "青岭县人民法院"
    assert [b["name"] for b in result.data["internal_bodies"]] == [
        "办公室", "政治处", "纪检组", "监察室", "研究室", "立案庭", "刑庭", "民一庭", "民二庭", "行政庭", "审监庭", "执行局", "法警大队"]
    assert {"unit", "internal_bodies"} <= set(result.meta["learned"])  # the review screen says both were inferred
    start, end = result.span_of("unit")
    assert text[start:end] == "青岭县人民法院"
    assert text[slice(*result.span_of("internal_bodies[0].name"))] == "办公室"


def test_a_count_in_the_lists_own_sentence_still_vetoes_it():
    text = "目前,青岭县人民法院设有5个内设机构:办公室、政治处、立案庭、刑庭、执行局、法警大队。"
    assert body_lists.bodies_with_subject(text) is None


def test_a_subject_that_names_no_unit_gives_nothing():
    text = "该院的前身是人民政府司法科。目前,该院设有办公室、政治处、纪检组、监察室、研究室、立案庭、刑庭、民一庭、执行局、法警大队。"
    assert body_lists.bodies_with_subject(text) is None
    assert parsed(text).data["unit"] is None


def test_a_list_of_subordinate_units_is_no_body_list():
    text = "青岭县文化和旅游局下设青岭县图书馆、青岭县文化馆、青岭县博物馆、青岭县剧团等事业单位。"
    assert body_lists.bodies_with_subject(text) is None


def test_the_subject_reading_is_switched_off_with_the_body_judge(monkeypatch):
    monkeypatch.setenv("BIANZHI_BODY_LISTS", "off")
    text = "目前,青岭县人民法院设有办公室、政治处、纪检组、监察室、研究室、立案庭、刑庭、民一庭、执行局、法警大队。"
    assert body_lists.bodies_with_subject(text) is None


# ------------------------------------------------------------------ the body judge's lists: their own counts, brackets


def bodies(text: str) -> list[str]:
    return [b["name"] for b in parsed(text).data["internal_bodies"]]


def test_a_count_of_the_next_clause_does_not_veto_a_list():
    assert bodies("青岭县测绘院是县自然资源厅公益一类直属事业单位。本单位内设机构为6个科室、7个作业单位,6个科室分别是办公室、"
                  "人事科(党委办公室)、财务科、业务管理科、技术管理科、质量管理科;7个作业单位分别是基础测绘分院。") == [
        "办公室", "人事科(党委办公室)", "财务科", "业务管理科", "技术管理科", "质量管理科"]


def test_a_list_given_in_brackets_after_its_count():
    assert bodies("青岭市红十字会是群团组织。青岭市红十字会机关设内设机构2个(办公室、业务科),核定全额预算事业编制6名。") == [
        "办公室", "业务科"]


def test_a_list_of_departments_done_away_with_is_no_list_of_bodies():
    names = bodies("11月10日晚间,中国机构编制网发布《青岭金融监督管理局职能配置、内设机构和人员编制规定》。方案显示,青岭金融"
                   "监督管理局一共裁撤四个部门,分别是:信托部、中介部、资金部、政策银行部。")
    assert not {"信托部", "中介部", "资金部", "政策银行部"} & set(names)


# ------------------------------------------------------------------ a one-line copy's names and headings, one a line


def test_a_one_line_copys_item_headings_stay_over_their_text():
    # a page cut inside its third body: the heading “三、综合调研组” over its text, as the page showed it
    text = ("根据职责,区人民政府办公室设6个内设机构: 一、秘书组 负责区政府工作会议或以区政府名义召开的重要会议的会务组织工作;"
            "负责区政府及其办公室文电处理、印鉴管理、档案、政府公报等工作;负责办公室事务性活动安排和财务、车辆管理以及后勤保障工作。"
            " 二、办文组 负责区政府及区政府办公室往来各类文电及信件收发、分送、分办、转办、复函及文件交换工作;指导全区政府系统"
            "公文处理工作;负责起草办公室工作计划、工作总结和有关文稿。 三、综合调研组 负责区政府重要会议记录整理工作;负责区政府"
            "重要文件的起草、整理工作;负")
    assert bodies(text) == ["秘书组", "办文组", "综合调研组"]


def test_a_name_that_a_title_goes_on_from_is_no_line_of_its_own():
    from bianzhi.ingest.extract import _name_piece
    assert _name_piece("二、行政科", "负责办公室机关财务和固定资产管理。")
    assert _name_piece("发展规划处", "科技产业处")
    assert not _name_piece("青岭县公安局", "关于印发《青岭县公安局工作规则》的通知")
    assert not _name_piece("河口纪念馆", "成立于1990年。")
    assert not _name_piece("二、行政科", "2019年")


def test_a_notices_signature_run_into_its_last_sentence():
    # a cover letter and its 规定 run into one line with nothing between their lines (≥ extract.RUN_IN_MIN characters)
    text = ("各市州人民政府,省政府各厅委、各直属机构:《青岭省科学技术厅主要职责内设机构和人员编制规定》已经省机构编制委员会审核,"
            "省人民政府批准,现予印发。青岭省人民政府办公厅二00九年十二月三十一日青岭省科学技术厅主要职责内设机构和人员编制规定"
            "根据《中共青岭省委青岭省人民政府关于印发<青岭省人民政府机构改革方案的实施意见>的通知》(青发[2009]15号),设立青岭省"
            "科学技术厅,为省人民政府组成部门。一、职责调整(一)取消已由省人民政府公布取消的行政审批事项。(二)将科技计划项目的课题"
            "承担单位由审批确定改为专家评审后确定。二、主要职责(一)贯彻执行国家科技发展的方针政策和法律法规。(二)拟订全省科技发展"
            "规划和计划并组织实施。(三)组织编制全省重大科技项目计划。")
    d = parsed(text).data
    assert (d["issuing_organ"], d["issued_on"]) == ("青岭省人民政府办公厅", "2009-12-31")
    assert d["title"] == "青岭省科学技术厅主要职责内设机构和人员编制规定"
