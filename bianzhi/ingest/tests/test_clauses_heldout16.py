"""Clause kinds the sixteenth held-out split showed the parser missing (bench/sanding_real, split heldout16: national and
provincial bodies on news, Q&A, explainer and directory pages): one test per rule added after its first run, and guards
that a rule does not reach past its kind. The snippets are NOT the corpus texts: each rule is tried on a differently
worded text about another body, so a test passes only if the rule is general."""
from bianzhi.ingest import clauses, ministry_clauses

from .helpers import bodies, p


# ---------------------------------------------------------------- half-width periods closing CJK lines
def test_half_width_periods_at_line_ends_are_read_as_sentence_ends():
    d = p("国家海洋局是监督管理海域使用和海洋环境保护、依法维护海洋权益和组织海洋科技研究的国务院部委管理的国家局直属机构.\n"
          "(一) 组织拟订海洋发展战略和海洋事业发展规划.\n"
          "(二) 承担海域使用的监督管理责任.\n"
          "(三) 负责海洋环境观测预报和海洋灾害预警报.\n")
    assert d["unit"] == "国家海洋局"
    assert [x[:6] for x in d["duties"]] == ["组织拟订海洋", "承担海域使用", "负责海洋环境"]


def test_a_single_period_or_a_numbering_dot_is_left_alone():
    text = "国家统计局负责全国统计工作.\n其他内容"
    assert ministry_clauses.cjk_line_periods(text) == text  # one stray period proves nothing
    text = "一.\n办公室负责文电.\n二.\n人事处负责人事.\n"
    out = ministry_clauses.cjk_line_periods(text)
    assert out.startswith("一.\n") and "\n二.\n" in out and out.count("。") == 2
    assert len(out) == len(text)  # offsets stay valid


# ---------------------------------------------------------------- the body a news item on a 三定 is about
def test_news_on_a_ministrys_sanding_names_its_unit():
    d = p("商务部“三定”出炉:新设若干司局\n日前,商务部“三定”(定职能、定机构、定编制)规定公布。规定提出,商务部要加强内外贸统筹。")
    assert d["unit"] == "商务部"
    d = p("记者获悉,经过半年筹备,国家铁路局的“三定”方案正式公布,组建工作已经就绪。")
    assert d["unit"] == "国家铁路局"


def test_sanding_in_general_names_no_unit():
    assert ministry_clauses.news_sanding_unit("各部门“三定”规定陆续公布,机构“三定”工作基本完成。") is None


# ---------------------------------------------------------------- the nature put before the subject
def test_acting_as_clause_gives_unit_nature_and_the_rank_of_its_own_sentence():
    d = p("国家烟草专卖局的主管部门是工业和信息化部,作为其管理的副部级机构,负责全国烟草专卖工作。\n"
          "- 管理体制:作为部门管理机构,国家烟草专卖局将统一领导全国烟草行业。")
    assert d["unit"] == "国家烟草专卖局"
    assert d["nature"] == "部门管理机构"
    assert d["rank"] == "副部级"


def test_acting_as_a_general_role_is_no_statement():
    # a role, not a class of body; and a subject starting with 该 is no name
    assert ministry_clauses.acting_as_statement("作为宏观调控部门,该局负责综合协调。") is None
    assert ministry_clauses.acting_as_statement("作为国务院直属机构,该局可直接协调有关部门。") is None


def test_long_purpose_clause_before_the_class():
    d = p("国家文物局是负责全国文物和博物馆工作、经国务院授权承担文物保护执法监督职责的国务院部委管理的国家局直属机构。\n"
          "内容从略。")
    assert d["unit"] == "国家文物局"
    assert d["nature"] == "国家局直属机构"


# ---------------------------------------------------------------- bodies named by a shared suffix
def test_items_sharing_one_suffix_and_a_count_are_the_full_names():
    d = p("根据批准的方案,国家邮政局共设办公、政策法规、普遍服务、市场监管司四个司,编制80人。")
    assert d["unit"] == "国家邮政局"
    assert bodies(d) == ["办公司", "政策法规司", "普遍服务司", "市场监管司"]
    assert d["staffing"] == [{"type": "其他编制", "raw": "编制", "count": 80, "includes": [], "unknown": True}]


def test_shared_suffix_needs_the_count_to_match_and_no_suffix_on_the_other_items():
    assert ministry_clauses.shared_suffix_bodies("共设综合、规划、财务司四个司") == []  # three items, 四个
    assert ministry_clauses.shared_suffix_bodies("共设综合司、规划司、财务司三个司") == []  # an ordinary list


# ---------------------------------------------------------------- a table pasted with bars
def test_bar_table_rows_give_staffing_bodies_and_an_infobox_nature_and_rank():
    d = p("国家林业局是副部级单位。\n| 项目 | 信息 | | 机关编制 | 180名(2008年) | 此前为150名 | | 内设机构 | 10个司 | 包括造林绿化司、森林资源管理司等 |")
    assert d["unit"] == "国家林业局"
    assert [s["count"] for s in d["staffing"]] == [180]
    assert bodies(d) == ["造林绿化司", "森林资源管理司"]
    d = p("国家外汇管理局\n局长 | 某某 |\n机构类型 | 国务院部委管理的国家局 |\n行政级别 | 副部级 |\n"
          "国家外汇管理局是中国人民银行管理的国家局。1982年时,国家外汇管理局是直属局级的国家局。")
    assert d["nature"] == "国务院部委管理的国家局"
    assert d["rank"] == "副部级"


def test_one_of_a_kind_gives_the_kind():
    d = p("四川省民政厅是四川省人民政府的组成部门之一,该厅作为省级民政主管部门,负责全省民政工作。")
    assert d["unit"] == "四川省民政厅"
    assert d["nature"] == "四川省人民政府的组成部门"


# ---------------------------------------------------------------- a government portal's card
def test_duties_headed_by_the_office_of_a_government_card_belong_to_that_office():
    d = p("站点名称:江西省人民政府\n站点介绍\n江西省人民政府是江西省的最高国家行政机关。\n省政府办公厅的主要职责是:\n"
          "(一)负责省政府会议的准备工作。\n(二)协助省政府领导同志组织起草公文。\n")
    assert d["unit"] == "省政府办公厅"
    assert d["nature"] is None
    assert len(d["duties"]) == 2


def test_an_internal_bodys_duty_heading_does_not_replace_a_department():
    d = p("九江市财政局是市政府工作部门。\n办公室的主要职责是:\n(一)负责机关文电、会务。\n(二)负责机关财务。\n")
    assert d["unit"] == "九江市财政局"


# ---------------------------------------------------------------- a 文号 run into the site's date label; a law's provisions
def test_docnumber_run_into_a_site_date_label():
    d = p("财税[2009]56号发布时间:2009-05-20\n各省、自治区、直辖市财政厅(局):\n现将有关事项通知如下。")
    assert d["doc_number"] == "财税〔2009〕56号"
    assert d["issued_on"] is None  # the site's date, not the document's
    assert ministry_clauses.run_in_docnumber("财税[2009]56号文件要求各地执行。") is None  # no date label after it


def test_a_page_on_a_laws_provisions_has_no_title():
    d = p("《地方各级人民政府组织法》中关于工作部门的规定\n发布时间:2013年05月02日\n1. 地方各级人民政府根据工作需要设立工作部门。")
    assert d["title"] is None
    assert d["unit"] is None
    assert ministry_clauses.law_provision_heading("国务院关于机构设置的规定") is False


# ---------------------------------------------------------------- heldout16b: a caption glued to the name, example bodies
def test_short_name_clause_after_a_bracket_and_a_caption_glued_to_the_name():
    d = p("首页 >\n国家粮食和物资储备局\n#国家粮食和物资储备局\n机构标志国家粮食和物资储备局(英语:National Food and Strategic "
          "Reserves Administration),简称国家粮储局,是国家发展和改革委员会管理的副部级国家局,负责粮食流通管理。")
    assert d["unit"] == "国家粮食和物资储备局"
    assert d["short_name"] == "国家粮储局"
    assert d["nature"] == "国家发展和改革委员会管理的副部级国家局"
    assert d["rank"] == "副部级"  # read from the whose-clause nature (the corpus convention)


def test_bodies_an_article_names_as_examples():
    d = p("河北省气象局是中国气象局在河北省的直属机构。为了履行职责,该局设有多个内部机构。这些机构包括但不限于办公室、观测与网络处、"
          "应急与减灾处等,分工明确。")
    assert bodies(d) == ["办公室", "观测与网络处", "应急与减灾处"]


def test_departments_of_a_government_listed_as_examples_are_no_bodies():
    assert ministry_clauses.including_bodies("省政府组成部门包括办公厅、发展和改革委员会、教育厅等。") == []


# ---------------------------------------------------------------- one-line copies (the same pages run into one line)
def test_one_line_copy_heading_glued_to_the_subject():
    d = p("河南省文物局的行政级别 河南省文物局是河南省政府的直属机构,属于省级文物工作部门。这些机构包括但不限于办公室、博物馆处等。")
    assert d["unit"] == "河南省文物局"
    d = p("编辑:问答网 时间:2023年05月12日 国家铁路局是交通运输部管理的国家局。")
    assert d["unit"] == "国家铁路局"
    d = p("机构概况与定位 中国海关总署是国务院直属机构,统一管理全国海关。")
    assert d["unit"] == "中国海关总署"


def test_a_place_name_before_the_space_stays_part_of_the_name():
    from bianzhi.ingest.clauses import Found
    assert ministry_clauses.spaced_unit_tail(Found("北京市 东城区人民法院", 0, 11)) is None
    assert ministry_clauses.spaced_unit_tail(Found("概况 东城区人民法院", 0, 10)).value == "东城区人民法院"
    assert ministry_clauses.glued_unit_tail(Found("湖南省地质调查所", 0, 8), "湖南省地质调查所") is None


def test_one_line_copy_key_value_rank_period_items_and_bar_cells():
    d = p("四川省教育厅是四川省人民政府的组成部门之一。 单位名称 四川省教育厅 行政级别 正厅级 主要负责人 厅长")
    assert d["rank"] == "正厅级"
    d = p("有人问地震局是干什么的? 中国气象局是经国务院授权承担全国气象工作的政府行政管理职能的国务院直属事业单位. "
          "(一) 拟定气象工作的方针政策. (二) 组织管理全国气象探测. (三) 负责气象灾害预警.")
    assert d["unit"] == "中国气象局"
    assert d["nature"] == "国务院直属事业单位"  # the purpose clause is not the nature
    assert ministry_clauses.cjk_line_periods("负责预警. (二) 组织探测. (三) 负责服务.") == "负责预警。 (二) 组织探测。 (三) 负责服务。"
    d = p("国家药品监督管理局 | 局长 | 某某 | 机构类型 | 国务院部委管理的国家局 | 行政级别 | 副部级 | "
          "国家药品监督管理局是国家市场监督管理总局管理的国家局。1998年时国家药品监督管理局是国务院直属的正局级机构。")
    assert d["nature"] == "国务院部委管理的国家局"
    assert d["rank"] == "副部级"


def test_a_long_run_in_line_breaks_before_each_bracketed_item_of_an_ordered_run():
    from bianzhi.ingest.extract import _sequence_cuts
    bodies_line = ("发布时间2024-01-05 某某市审计局是市政府组成部门,设5个内设机构。(一)办公室(二)法规审理科(三)财政审计科"
                   "(四)经济责任审计科(五)人事科。" + "说明文字。" * 60)
    d = p(bodies_line)
    assert bodies(d) == ["办公室", "法规审理科", "财政审计科", "经济责任审计科", "人事科"]
    # two items, or items out of order, are no run
    assert _sequence_cuts("见(一)和(二)两项") == []
    assert _sequence_cuts("(二)甲(一)乙(三)丙") == []
    assert len(_sequence_cuts("(一)甲(二)乙(三)丙(十)丁(四)戊")) == 4


def test_one_line_title_boundaries_and_a_title_said_twice():
    from bianzhi.ingest.clauses import Found
    from bianzhi.ingest.extract import from_text as ft
    filler = "本单位认真落实各项工作要求,积极推进依法行政。" * 14
    text = ("某某县人民政府关于印发某某县应急预案的通知各乡镇人民政府,县直各单位:现将《某某县应急预案》印发给你们,请认真贯彻执行。"
            + filler)
    assert ft(text).text.startswith("某某县人民政府关于印发某某县应急预案的通知\n各乡镇人民政府")
    text = "某某市统计局2023年度部门决算目录第一部分部门概况一、部门主要职责" + filler
    assert ft(text).text.startswith("某某市统计局2023年度部门决算\n目录")
    text = "某某市统计局职能配置、内设机构和人员编制规定发布时间:2019-03-04第一条根据…" + filler
    assert ft(text).text.startswith("某某市统计局职能配置、内设机构和人员编制规定\n发布时间")
    assert ministry_clauses.repeated_title(Found("某市财政局2022年部门预算某市财政局2022年部门预算", 0, 28)).value == "某市财政局2022年部门预算"
    t = "湖北省人民政府办公厅湖北省人民政府办公厅主要职责内设机构和人员编制规定"
    assert ministry_clauses.repeated_title(Found(t, 0, len(t))).value == "湖北省人民政府办公厅主要职责内设机构和人员编制规定"
    assert ministry_clauses.repeated_title(Found("关于调整某某局内设机构的通知", 0, 14)) is None


def test_a_section_heading_glued_before_the_subject_is_cut_off():
    from bianzhi.ingest.clauses import Found
    for glued, name in (("部门职责九江市水利局", "九江市水利局"), ("单位构成县政府办", "县政府办"),
                        ("职能职责重庆市某区人民政府办公室", "重庆市某区人民政府办公室"),
                        ("2024年公开招聘人员公告湖北省疾病预防控制中心", "湖北省疾病预防控制中心")):
        assert ministry_clauses.glued_unit_tail(Found(glued, 0, len(glued)), glued).value == name
    # a heading word inside a name, or a tail that does not start as a name does, is no cut
    for name in ("中共宜昌市委机构编制委员会", "部门职责信息中心", "县情况调查队"):
        assert ministry_clauses.glued_unit_tail(Found(name, 0, len(name)), name) is None


def test_a_run_in_section_heading_is_broken_off_its_text():
    from bianzhi.ingest.extract import from_text as ft
    duties = "".join(f"({n})负责{w}工作,组织实施有关规划和政策措施。" for n, w in
                     zip("一二三四五", ("综合协调", "政策研究", "督促检查", "信息公开", "值班应急"), strict=True))
    text = ("某省人民政府办公厅职能配置、内设机构和人员编制规定一、职能调整取消已由省政府公布取消的行政审批事项。"
            "二、主要职责根据以上职能调整,某省人民政府办公厅的主要职责是:" + duties + "三、内设机构根据以上职责,设5个处室。" + "附则说明文字。" * 20)
    out = ft(text).text
    assert "\n二、主要职责\n根据以上职能调整" in out
    assert len(p(text)["duties"]) == 5
    # a heading followed by no text of its own kind is not broken off it
    assert "主要职责\n" not in ft("本办法所称一、主要职责是指部门的法定职能。" * 20).text


def test_a_short_name_given_as_jian_cheng_wei_has_no_copula():
    """“(以下简称为X)”: the 为 belongs to the clause, not to the short name (heldout_final14, after its one run)."""
    text = "4月2日,新组建的江川区卫生健康局(以下简称为区卫健局)正式挂牌成立。"
    found = clauses.short_name_clause(text, "江川区卫生健康局")
    assert found is not None and found.value == "区卫健局"
    assert text[found.start:found.end] == "区卫健局"
    plain = "成立县抗震救灾指挥部(以下简称指挥部)"
    assert clauses.short_name_clause(plain, "县抗震救灾指挥部").value == "指挥部"
