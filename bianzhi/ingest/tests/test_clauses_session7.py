"""Budget-note wordings of heldout_final6's misses (session 7), each on a snippet written for the test."""
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse

from .helpers import p

CONTENTS = ("目 录\n第一部分 {unit}概况\n一、部门职责\n二、机构设置\n第二部分 {unit}2018年度部门决算表\n"
            "一、收入支出决算总表\n第三部分 {unit}2018年度部门决算情况说明\n")


def test_a_budget_notes_first_part_heading_names_the_unit():
    d = p(CONTENTS.format(unit="平果市人民政府办公室单位") + "第一部分 平果市人民政府办公室单位概况\n一、部门职责\n"
          "1、协助市政府领导审核或组织起草以市政府名义发布的公文。\n2、研究市政府各部门请示的问题。\n"
          "3、负责市政府会议的准备工作。\n")
    assert d["unit"] == "平果市人民政府办公室"
    d = p(CONTENTS.format(unit="市残联及直属单位") + "第一部分 市残联及直属单位概况\n一、单位主要职责\n(一)残联主要履行的公共职能包括:\n"
          "1、贯彻执行国家有关残疾人工作方针。\n2、听取残疾人的意见。\n3、指导和管理各类残疾人社团组织。\n")
    assert d["unit"] == "市残联"
    # a heading with no unit before 概况 names none
    assert p(CONTENTS.format(unit="部门") + "第一部分 部门概况\n一、部门主要职责\n1、负责全县财政工作。\n2、负责预算编制。\n3、负责国库管理。\n")["unit"] is None


def test_a_short_form_subject_of_the_duties_sentence():
    d = p("一、单位职能职责\n依据《中国人民政治协商会议章程》规定,县政协机关的主要职责是:\n(一)政治协商、民主监督、参政议政。\n"
          "(二)协调各专门委员会的工作。\n(三)负责县政协委员视察的日常工作。\n")
    assert d["unit"] == "县政协机关"
    d = p("一、单位主要职责\n(一)县残联主要履行的公共职能包括:\n1、团结、教育残疾人遵守法律。\n2、弘扬人道主义。\n"
          "3、开展残疾人的康复工作。\n")
    assert d["unit"] == "县残联"


def test_duties_numbered_in_brackets_run_into_one_paragraph_after_机构职能():
    d = p("一、中共百色市委党校概况\n(一)部门职责\n中共百色市委党校是干部培训的主渠道、主阵地。\n"
          "机构职能:(1)根据市委的要求,有计划地轮训党员领导干部。(2)承办市委举办的专题研讨班。(3)开展理论研究宣传。"
          "(4)负责对县(市)委党校的业务指导。(5)完成市委交办的其他任务。\n(二)机构设置\n")
    assert [x[:6] for x in d["duties"]] == ["根据市委的要", "承办市委举办", "开展理论研究", "负责对县(市", "完成市委交办"]


def test_a_kind_of_编制_stated_as_none_held_is_no_staffing():
    d = p("第一部分 部门概况\n一、部门主要职责\n县委党校是参照公务员法管理事业单位,主要职责是:\n(一)培训干部。\n(二)开展理论研究。\n"
          "二、机构设置及人员情况\n编制人数小计20人,其中:行政编制人数0人,参照公务员法管理的事业编制人数7人,事业编制人数13人。"
          "实有人数小计17人。\n")
    assert sorted((s["type"], s["count"]) for s in d["staffing"]) == [("事业编制", 13), ("事业编制（参照公务员法管理）", 7)]


def test_a_one_line_copy_with_the_title_run_into_the_first_article():
    body = ("根据党中央、国务院批准的机构改革方案,制定本规定。第二条 百色市应急管理局是市人民政府工作部门,为正处级。"
            "第三条 百色市应急管理局负责全市应急管理工作,主要职责是:(一)组织编制全市应急体系建设规划。(二)指导各县(市、区)应对安全生产类事故。"
            "(三)统筹应急预案体系建设,组织编制全市总体应急预案和安全生产类、自然灾害类专项预案。(四)负责全市应急管理信息化建设。"
            "(五)组织协调全市重要应急物资的储备和调度。(六)完成市委、市人民政府交办的其他任务。第四条 百色市应急管理局设下列内设机构:(一)办公室。(二)应急指挥协调科。(三)风险监测和综合减灾科。")
    d = p("百色市应急管理局职能配置、内设机构和人员编制规定第一条 " + body)
    assert d["title"] == "百色市应急管理局职能配置、内设机构和人员编制规定"
    assert d["unit"] == "百色市应急管理局"
    # a sentence citing an article of a 规定 is no title
    assert p("按照本规定第一条,县应急管理局负责全县应急管理工作," + body)["title"] is None


def test_a_spaced_目录_stays_one_word_in_a_one_line_copy():
    from bianzhi.ingest.extract import from_text
    text = ("2021年百色市人民政府行政服务中心部门决算目 录第一部分:百色市人民政府行政服务中心概况" + "一、单位主要职责二、单位机构设置" * 20
            + "第二部分:2021年部门决算表 一、收入支出决算总表 二、收入决算表 三、支出决算表")
    assert "目录第一部分" in from_text(text).text.replace("\n", "")
    assert "目\n录" not in from_text(text).text


def test_a_note_titled_决算及编制说明_and_a_role_that_is_no_nature():
    d = p("县委党校2017年部门决算及编制说明\n来源:县委党校\n发布日期:2018-09-21\n\n一、基本职能及主要工作\n\n(一)主要职能\n\n"
          "中共凌云县委党校是县委的重要部门,是培训轮训党的基层党员干部的主渠道。\n(二)机构设置\n")
    assert d["title"] == "县委党校2017年部门决算及编制说明"
    assert d["nature"] is None


# ---------------------------------------------------------------- duty lists whose numbers were lost in the copy
DUTY_LINES = ("负责贯彻落实中央、省委、市委关于对外宣传的方针、政策;\n负责全区新闻发布工作,指导协调部门的新闻发布工作;\n"
              "组织召开全区新闻调度会、新闻协调会;\n完成区委、区政府交办的其他工作。\n")


def test_unnumbered_duties_under_a_heading_naming_the_unit():
    d = p("一、区委外宣办(政府新闻办)概况\n区委外宣办(政府新闻办)的主要职责\n" + DUTY_LINES)
    assert [x[:6] for x in d["duties"]] == ["负责贯彻落实", "负责全区新闻", "组织召开全区", "完成区委、区"]
    d = p("百色市右江区政务服务数据管理局主要职责\n" + DUTY_LINES)
    assert len(d["duties"]) == 4
    d = p("一、部门基本情况\n职能职责。\n" + DUTY_LINES)
    assert len(d["duties"]) == 4


def test_unnumbered_duties_one_a_paragraph_with_blank_lines_between():
    d = p("百色市右江区政务服务数据管理局主要职责\n\n" + DUTY_LINES.replace("\n", "\n\n") + "\n\n\n联系电话:0776-1234567\n")
    assert [x[:6] for x in d["duties"]] == ["负责贯彻落实", "负责全区新闻", "组织召开全区", "完成区委、区"]


def test_unnumbered_duties_that_few_verbs_open_but_the_catch_all_duty_closes():
    d = p("职能职责\n认真贯彻党的新闻宣传方针政策,推动媒体融合发展。\n架设党委政府与人民群众沟通交流的桥梁。\n"
          "重视人才队伍建设,培育全媒型专业人才。\n完成区委交办的其他任务。\n")
    assert len(d["duties"]) == 4
    # without the catch-all duty, a description is no duty list
    assert p("职能职责\n认真贯彻党的新闻宣传方针政策,推动媒体融合发展。\n架设党委政府与人民群众沟通交流的桥梁。\n"
             "重视人才队伍建设,培育全媒型专业人才。\n")["duties"] == []


def test_a_business_scope_announced_by_业务范围如下():
    d = p("立诚公证处贴近群众,开展各项公证及法律服务业务,业务范围如下:\n办理家事法律服务类公证业务,包括办理委托、声明、继承等公证;\n"
          "办理权益保护类公证业务,例如保护知识产权等;\n办理金融法律服务类公证业务,代为送达催收函件等;\n")
    assert len(d["duties"]) == 3


def test_bodies_one_a_line_after_a_sentence_counting_them():
    names = ["法治调研处", "办公室(审计办公室、外事办公室)", "政治部", "行政复议处"]
    d = p("百色市右江区司法局是右江区的政府组成部门,主管全区的司法行政工作,设4个内设机构。\n\n" + "\n\n".join(names)
          + "\n\n\n\n百色市右江区司法局的主要职责是:\n")
    assert [b["name"] for b in d["internal_bodies"]] == names
    # names fewer than the count says: what is read is kept, and the count stated goes to the review screen (session 19)
    r = parse(from_text("百色市右江区司法局设5个内设机构。\n\n" + "\n\n".join(names) + "\n").text)
    assert r.data["internal_bodies"] and {b["name"] for b in r.data["internal_bodies"]} <= set(names)
    assert r.meta["stated_counts"] == {"internal_bodies": 5} and "internal_bodies" in r.meta["learned"]
    d = p("开发区设2个内设机构\n办公室。\n负责文电、会务、机要、档案等机关日常工作。\n综合科(挂开发区管理科牌子)。\n负责编报和组织实施对外开放规划。\n")
    assert [(b["name"], b["duties"][:4]) for b in d["internal_bodies"]] == [("办公室", "负责文电"), ("综合科(挂开发区管理科牌子)", "负责编报")]


# ---------------------------------------------------------------- heldout_final7/8 (session 7), after their one run
def test_a_notice_title_over_two_lines_under_its_organ():
    d = p("广西壮族自治区人民政府\n关于百色市右江工业园区等3家\n工业园区更名的通知\n桂政函〔2019〕4号\n各市人民政府:\n"
          "现将百色市右江工业园区等3家工业园区统一更名为经济开发区。\n")
    assert d["title"] == "关于百色市右江工业园区等3家工业园区更名的通知"


def test_what_a_sentence_says_before_the_unit_is_no_part_of_it():
    d = p("4月1日,右江区召开农业农村局挂牌大会。会议宣布了区农业农村局机构编制调整方案、领导班子人员名单。")
    assert d["unit"] in (None, "区农业农村局")
    from bianzhi.ingest import parser
    from bianzhi.ingest.extract import from_text
    for said, unit in (("会议宣布了区农业农村局", "区农业农村局"), ("现将我县不动产登记中心", "县不动产登记中心"),
                       ("我部", None), ("本局", None), ("百色市外事侨务局(百色市港澳事务局)", "百色市外事侨务局")):
        text = from_text(said + "情况报告如下。").text
        result = parser.ParseResult(kind="sanding", layout="fragment", data={"unit": said, "plaques": []},
                                    spans=[("unit", 0, len(said))], meta={})
        parser._polish_unit(result, text)
        assert result.data["unit"] == unit, said
        if unit:
            start, end = result.span_of("unit")
            assert text[start:end] == unit
    # 我县 with the place the text names elsewhere at a clause's start
    text = from_text("凌云县不动产登记中心职责\n现将我县不动产登记中心情况报告如下。").text
    result = parser.ParseResult(kind="sanding", layout="fragment", data={"unit": "现将我县不动产登记中心", "plaques": []},
                                spans=[("unit", text.index("现将"), text.index("现将") + 11)], meta={})
    parser._polish_unit(result, text)
    assert result.data["unit"] == "凌云县不动产登记中心"
