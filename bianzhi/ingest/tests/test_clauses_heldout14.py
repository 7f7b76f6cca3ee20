"""Clause kinds found on the fourteenth held-out split (bench/sanding_real, split heldout14: 1990s–2000s national and
provincial 三定, web copies of them, encyclopedia entries on ministries): one test per rule added after its first run,
and guards that a rule does not reach past its kind. The snippets are NOT the corpus texts: each rule is tried on a
differently worded, differently named text of the same kind, so a test passes only if the rule is general."""
from bianzhi.ingest.clauses import _mask_parens, read_statement

from .helpers import bodies, p


# ---------------------------------------------------------------- a page that lost a 〕
def test_a_document_number_that_lost_its_closing_bracket_inside_parentheses_masks_only_the_parentheses():
    d = read_statement("根据《关于省级机构改革的通知》(皖发〔200912)，保留安徽省粮食局(以下简称省粮食局)，为省政府直属机构。")
    assert (d["unit"].value, d["short_name"].value, d["nature"].value) == ("安徽省粮食局", "省粮食局", "省政府直属机构")


def test_a_document_number_line_that_lost_its_closing_bracket_does_not_mask_the_next_lines():
    d = p("鲁政办发〔200745\n\n各市人民政府:\n\n根据省政府机构改革方案，保留山东省统计局，为省政府直属机构。\n")
    assert (d["unit"], d["nature"]) == ("山东省统计局", "省政府直属机构")


def test_guard_a_mismatched_pair_still_closes_and_a_bracket_left_open_closes_at_its_lines_end():
    assert _mask_parens("川编发〔2017)12号X") == "川编发〔\x00\x00\x00\x00)12号X"
    assert _mask_parens("编制20名(含工勤\n编制2名)。局长1名") == "编制20名(\x00\x00\x00\n编制2名)。局长1名"


# ---------------------------------------------------------------- a notice title wrapped after its issuer's “X关于…”
def test_a_notice_title_wrapped_after_the_issuers_line_is_one_title_and_not_an_adjustment_notice():
    d = p("浙江省人民政府办公厅关于印发浙江省审计厅\n职能配置、内设机构和人员编制规定的通知\n浙政办发〔2000〕153号\n"
          "各市、县人民政府，省政府直属各单位:\n《浙江省审计厅职能配置、内设机构和人员编制规定》已经省人民政府批准，现予印发。\n"
          "浙江省人民政府办公厅\n二○○○年八月十日\n")
    assert d["title"] == "浙江省人民政府办公厅关于印发浙江省审计厅职能配置、内设机构和人员编制规定的通知"
    assert d["unit"] == "浙江省审计厅"
    assert d["issued_on"] == "2000-08-10"


def test_guard_a_cited_notice_in_a_sentence_line_is_not_joined_to_a_title():
    d = p("根据《国务院关于机构设置的通知》\n设立国家邮政局的通知\n")
    assert d["title"] != "根据《国务院关于机构设置的通知》设立国家邮政局的通知"


# ---------------------------------------------------------------- a ministry's history: the subject is the unit
def test_a_ministrys_founding_sentence_names_the_unit():
    d = p("[机构简介]\n国家海洋局是由原海军海洋组和中国科学院海洋研究所合并组建而成的，1964年7月正式成立。\n"
          "[职能]\n海洋资源的规划与管理。")
    assert d["unit"] == "国家海洋局"
    assert d["nature"] is None


def test_guard_a_self_reference_in_a_founding_sentence_is_no_unit():
    d = p("本局是根据县委县政府的决定而设立的，负责全县粮食工作。")
    assert d["unit"] is None


def test_two_bureaus_kept_as_a_ministrys_bureaus_are_no_subject():
    st = read_statement("保留国家粮食局和国家烟草专卖局作为国家发展计划委员会的部管国家局。")
    assert st.get("unit") is None and st.get("nature") is None


def test_guard_a_name_with_he_inside_it_is_still_one_unit():
    st = read_statement("湖南省文化和旅游厅是省政府组成部门，为正厅级。")
    assert (st["unit"].value, st["nature"].value) == ("湖南省文化和旅游厅", "省政府组成部门")


# ---------------------------------------------------------------- an encyclopedia's infobox and old figures
def test_an_infobox_run_into_lines_gives_nature_and_rank_and_an_old_quota_and_body_run_are_read():
    d = p("中华人民共和国冶金工业部\n机构概况\n机构类型国务院组成部门\n行政级别正部级\n"
          "中华人民共和国冶金工业部，是已撤销的中华人民共和国国务院组成部门，主管冶金工业。\n"
          "到1975年，冶金工业部编制定员680人，实有712人，部内设办公厅、计划司、钢铁司、有色司、人事局、外")
    assert d["unit"] == "中华人民共和国冶金工业部"
    assert (d["nature"], d["rank"]) == ("国务院组成部门", "正部级")
    assert bodies(d) == ["办公厅", "计划司", "钢铁司", "有色司", "人事局"]  # the cut “外” is none
    assert d["staffing"] == [{"type": "其他编制", "raw": "编制定员", "count": 680, "includes": []}]


def test_guard_a_counted_run_or_a_sentence_after_nei_she_is_no_body_list():
    d = p("中华人民共和国煤炭工业部是国务院组成部门。部内设7个司局，4个直属单位。")
    assert bodies(d) == []
    d = p("中华人民共和国煤炭工业部是国务院组成部门。局内设办公室、负责日常工作、协调各处室。")
    assert bodies(d) == []


def test_guard_an_infobox_line_without_a_unit_gives_nothing():
    d = p("机构类型多样\n机构类型事业单位\n行政级别正处级\n")
    assert (d["unit"], d["nature"], d["rank"]) == (None, None, None)


# ---------------------------------------------------------------- an article's “X，简称Y，是…” and example bodies
def test_a_short_name_clause_between_the_unit_and_its_nature_and_the_bodies_given_as_examples():
    d = p("部门概况\n国家市场监督管理总局，简称市场监管总局，是国务院直属的正部级机构，负责市场综合监督管理。\n"
          "机构设置\n总局下设多个职能司局，例如办公厅、综合规划司、法规司、执法稽查局等，分工负责。")
    assert (d["unit"], d["short_name"], d["nature"]) == ("国家市场监督管理总局", "市场监管总局", "国务院直属的正部级机构")
    assert bodies(d) == ["办公厅", "综合规划司", "法规司", "执法稽查局"]


def test_guard_examples_that_are_no_bodies_names_give_no_bodies():
    d = p("国家市场监督管理总局，简称市场监管总局，是国务院直属机构。下设多个部门，例如负责规划、统计的部门等。")
    assert bodies(d) == []


# ---------------------------------------------------------------- a news item on a body's 挂牌
def test_a_news_item_on_a_bodys_opening_names_the_body_in_full_over_the_headlines_short_form():
    d = p("医保局挂牌 职能整合到位\n新华社北京5月31日电 国家医疗保障局31日上午正式挂牌。新组建的局将整合有关部门职责。")
    assert d["unit"] == "国家医疗保障局"


def test_guard_a_hazard_listed_for_supervision_is_no_opening():
    d = p("市安委会对3处重大隐患挂牌督办。区应急局今日挂牌督办两家企业。")
    assert d["unit"] is None


# ---------------------------------------------------------------- heldout14b: a rank in brackets; several bodies' sections
def test_a_rank_in_brackets_after_the_set_up_name_is_its_rank():
    d = p("国家粮食储备局\n根据国务院有关通知，设立国家粮食储备局（副部级），为国家发展计划委员会管理的国家局。")
    assert (d["unit"], d["rank"]) == ("国家粮食储备局", "副部级")
    assert d["nature"] == "国家发展计划委员会管理的国家局"


def test_guard_a_place_in_brackets_after_the_name_is_no_rank():
    d = p("设立江北新区管理委员会（南京市），为市政府派出机构。")
    assert d["rank"] is None


def test_an_article_with_one_section_per_body_names_no_unit_and_lists_nothing():
    d = p("那些消失的部委\n——邮电部\n邮电部是主管全国邮政和电信的国务院组成部门，部内设办公厅、计划司、财务司。\n"
          "——电力工业部\n电力工业部成立于1955年，下设办公厅和安全监察司。\n")
    assert (d["unit"], d["nature"]) == (None, None)
    assert bodies(d) == [] and d["staffing"] == []


def test_guard_one_dash_section_keeps_its_unit():
    d = p("——国家档案局\n国家档案局是国务院直属机构，部内设办公室、业务指导司、档案馆室司。")
    assert (d["unit"], d["nature"]) == ("国家档案局", "国务院直属机构")
