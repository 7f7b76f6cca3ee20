"""Clause kinds found on the fourteenth held-out split (bench/sanding_real, split heldout14: 1990s–2000s national and
provincial 三定, web copies of them, encyclopedia entries on ministries): one test per rule added after its first run,
and guards that a rule does not reach past its kind. The snippets are NOT the corpus texts: each rule is tried on a
differently worded, differently named text of the same kind, so a test passes only if the rule is general."""
from bianzhi.ingest.clauses import _mask_parens, read_statement
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse


def p(text):
    return parse(from_text(text).text).data


def bodies(d):
    return [b["name"] for b in d["internal_bodies"]]


# ---------------------------------------------------------------- a page that lost a 〕
def test_a_document_number_that_lost_its_closing_bracket_inside_parentheses_masks_only_the_parentheses():
    d = read_statement("根据《关于省级机构改革的通知》(皖发〔200912)，保留安徽省粮食局(以下简称省粮食局)，为省政府直属机构。")
    assert (d["unit"].value, d["short_name"].value, d["nature"].value) == ("安徽省粮食局", "省粮食局", "省政府直属机构")


def test_a_document_number_line_that_lost_its_closing_bracket_does_not_mask_the_next_lines():
    d = p("鲁政办发〔200745\n\n各市人民政府:\n\n根据省政府机构改革方案，保留山东省统计局，为省政府直属机构。\n")
    assert (d["unit"], d["nature"]) == ("山东省统计局", "省政府直属机构")


def test_guard_a_mismatched_pair_still_closes_and_a_parenthesis_over_two_lines_stays_masked():
    assert _mask_parens("川编发〔2017)12号X") == "川编发〔\x00\x00\x00\x00)12号X"
    masked = _mask_parens("编制20名(含工勤\n编制2名)。局长1名")
    assert masked.endswith(")。局长1名") and "工勤" not in masked


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
