"""Clause kinds the twenty-first held-out split showed the parser missing (bench/sanding_real, split heldout21: national
and provincial bodies as encyclopedia entries, articles, Q&A answers, a 1994 notice and budget pages): one test per rule
added after its first run, and guards that a rule does not reach past its kind. The snippets are NOT the corpus texts:
each rule is tried on a differently worded text about another body, so a test passes only if the rule is general."""
from bianzhi.ingest import budget_clauses, reference_clauses

from .helpers import bodies, p


# ---------------------------------------------------------------- an encyclopedia entry's lead under its heading
def test_an_encyclopedia_lead_under_its_heading_names_the_unit_and_its_class():
    d = p("中华人民共和国国家海洋局 - 维基百科,自由的百科全书\n"
          "中华人民共和国国家海洋局\n"
          "中华人民共和国国家海洋局(英语:State Oceanic Administration,缩写SOA),是已撤销的中华人民共和国国土资源部管理的"
          "主管海洋事务的副部级国家局,负责海域使用管理。\n"
          "沿革\n1964年7月,第二届全国人民代表大会常务委员会批准成立国家海洋局,由海军代管。\n")
    assert d["unit"] == "中华人民共和国国家海洋局"
    assert d["nature"] == "副部级国家局"  # the class after the last “的”; what it did is no class
    assert d["rank"] == "副部级"


def test_the_infobox_of_an_entry_states_its_class_and_rank_over_the_lead():
    d = p("国家粮食局\n机构概况\n上级机构 | 国家发展和改革委员会 |\n机构类型 | 国务院部委管理的国家局 |\n行政级别 | 副部级 |\n"
          "国家粮食局,是已撤销的中华人民共和国国务院负责粮食流通管理的国家局。\n沿革\n1952年设立粮食部。\n")
    assert d["unit"] == "国家粮食局"
    assert d["nature"] == "国务院部委管理的国家局"
    assert d["rank"] == "副部级"


def test_a_lead_sentence_without_a_heading_naming_it_is_no_entry():
    assert reference_clauses.entry_lead("新闻简报\n今年机构改革继续推进。\n国家粮食局,是主管粮食流通的国家局。\n") is None


def test_an_entry_lead_wins_over_a_later_reform_sentence():
    d = p("中华人民共和国建设部\n中华人民共和国建设部,是2008年被住房和城乡建设部取代的中华人民共和国国务院组成部门[1],主管建设事业。\n"
          "沿革\n2008年3月,组建住房和城乡建设部,作为国务院组成部门。\n")
    assert d["unit"] == "中华人民共和国建设部"
    assert d["nature"] == "中华人民共和国国务院组成部门"


# ---------------------------------------------------------------- articles and Q&A answers
def test_an_opening_with_a_short_name_clause_names_unit_and_short_name():
    d = p("国家铁路局,简称铁路局,成立于2013年,由交通运输部管理。\n\n铁路局负责铁路安全监管。")
    assert d["unit"] == "国家铁路局"
    assert d["short_name"] == "铁路局"
    assert d["nature"] is None  # “由…管理” is a relation, no class


def test_a_purpose_clause_before_the_class_with_the_sentence_going_on():
    d = p("在我国,国家统计局是负责组织领导和协调全国统计工作、确保统计数据真实准确等职责的国务院副部级直属机构,同时承办国务院交办的"
          "其他事项。\n而与其他直属机构相比,国家统计局的司局数量有限。")
    assert d["unit"] == "国家统计局"
    assert d["nature"] == "国务院副部级直属机构"
    assert d["rank"] == "副部级"


def test_an_acting_as_clause_whose_subject_owns_or_is_described():
    d = p("国家药品监督管理局负责药品监管。\n作为国务院直属机构,国家药品监督管理局拥有较高的行政级别。")
    assert d["nature"] == "国务院直属机构"
    d = p("国家税务总局承担着重要职能。\n二、机构定位\n作为国务院直属机构,税务总局的行政编制为800人。")
    assert d["unit"] == "国家税务总局"  # the short form's name in full, given before it
    assert d["nature"] == "国务院直属机构"


def test_an_acting_as_clause_on_the_unit_of_the_sentence_before():
    d = p("国家林业局由国家发展和改革委员会代为管理,这是它的管理体制。作为国家发展和改革委员会管理的副部级国家局,其人员编制由"
          "中央编办核定。国家林业局作为重要的国家局,下设多个司。")
    assert d["unit"] == "国家林业局"
    assert d["nature"] == "国家发展和改革委员会管理的副部级国家局"
    assert d["rank"] == "副部级"


def test_a_rank_the_body_was_raised_to():
    d = p("国家广播电视总局的前身是广播事业局,2018年机构改革中升格为正部级直属机构。作为国务院直属机构,广播电视总局的职责有所调整。")
    assert d["unit"] == "国家广播电视总局"
    assert d["rank"] == "正部级"


def test_one_body_two_plaques_with_a_named_partner():
    d = p("国家档案局是国家档案工作主管部门,与中央档案馆实行“一个机构、两块牌子”的管理体制。")
    assert d["plaques"] == ["中央档案馆"]
    assert reference_clauses.two_plaques("该馆实行一个机构、两块牌子。") is None  # no partner named


# ---------------------------------------------------------------- lists in running text
def test_a_counted_list_closed_by_and_gives_its_bodies():
    d = p("国家统计局是国务院直属机构。目前设有办公室、统计设计管理司、国民经济核算司和人事司这4个部门。")
    assert bodies(d) == ["办公室", "统计设计管理司", "国民经济核算司", "人事司"]


def test_an_and_list_whose_count_is_not_its_own_is_no_list():
    assert reference_clauses.and_counted_bodies("设有办公室、人事司和财务司等10个部门") == []


def test_bodies_included_after_a_count_of_internal_units():
    d = p("作为国务院直属机构,国家统计局内设12个司局级单位,包括综合司、人口和就业统计司等职能部门。")
    assert bodies(d) == ["综合司", "人口和就业统计司"]
    assert reference_clauses.inner_including_bodies("下设直属单位,包括信息中心、数据管理中心等。") == []


# ---------------------------------------------------------------- notices, registry cards, budget pages
def test_a_notice_issuing_two_bodies_plans_is_about_the_first_plan_after_it():
    d = p("国务院办公厅关于印发农业部和国家水产局职能配置、内设机构和人员编制方案的通知\n国办发〔1994〕33号\n"
          "各省、自治区、直辖市人民政府,国务院各部委、各直属机构:\n农业部和国家水产局的职能配置、内设机构和人员编制方案经中央机构编制"
          "委员会办公室审核,已经国务院批准,现予印发。\n国务院办公厅\n一九九四年三月一日\n农业部职能配置、内设机构和人员编制方案\n"
          "根据国务院机构改革方案,保留农业部。按照要求,确定农业部职能配置、内设机构和人员编制方案。\n")
    assert d["unit"] == "农业部"
    assert d["doc_number"] == "国办发〔1994〕33号"
    assert reference_clauses.first_of_two("农业部\n", reference_clauses.Found("农业部", 0, 3)) is None  # one body


def test_a_registry_category_is_not_the_class_the_text_states():
    d = p("基本职能\n主办单位 江西省人民政府办公厅\n机构类型 党政机关\n机构职能 设立江西省人民政府办公厅,为协助省政府领导同志处理"
          "省政府日常工作的机构。\n")
    assert d["nature"] == "协助省政府领导同志处理省政府日常工作的机构"


def test_a_budget_pages_first_duty_cut_by_the_page():
    text = "一、基本职能\n(一)部门主要职责\n贵州省水利厅是贵州省人民政府组成部门,主要履行以下职能:\n1.负责保障水资源的合理开发利用,拟订水利战略规划"
    d = p(text)
    assert [x[:8] for x in d["duties"]] == ["负责保障水资源的"]
    assert reference_clauses.announced_cut_duty(text + "\n2.负责生活、生产经营和生态环境用水的统筹和保障。") is None


def test_a_budget_notes_title_with_its_scope_after_the_name():
    found = budget_clauses.note_title("目录\n附件2\n贵州省水利厅(本级)2024年部门预算编制说明\n一、基本职能\n")
    assert found is not None
    assert found[0].value == "贵州省水利厅(本级)2024年部门预算编制说明" and found[1].value == "贵州省水利厅"


def test_an_unnumbered_duty_list_keeps_the_line_the_page_cut():
    d = p("中华人民共和国水利部\n职责\n拟订水利战略规划和政策,起草有关法律法规草案。\n负责生活、生产经营和生态环境用水的统筹和保障。\n"
          "指导水资源保护工作,组织编制水资源保护规划")
    assert [x[:6] for x in d["duties"]] == ["拟订水利战略", "负责生活、生", "指导水资源保"]
    d = p("中华人民共和国水利部\n职责\n拟订水利战略规划和政策,起草有关法律法规草案。\n负责生活、生产经营和生态环境用水的统筹和保障。\n"
          "指导水资源保护工作,组织编制水资源保护规划\n沿革\n1949年设水利部。")
    assert len(d["duties"]) == 2  # a line with more text after it is no duty cut by the page


# ---------------------------------------------------------------- a verb inside a “name”
def test_a_clause_with_its_verb_is_no_unit_before_a_rank():
    d = p("下属单位共有20家,规格级别都是处级,其中多数为研究机构。")
    assert d["unit"] is None and d["rank"] is None


# ---------------------------------------------------------------- heldout21b (measured after the rules above)
def test_a_lead_whose_name_is_the_heading_line_above_its_bracket():
    d = p("中华人民共和国国家宗教事务局\n(简称国家宗教局,State Administration for Religious Affairs),是中华人民共和国国务院直属机构,"
          "为副部级,主管宗教事务。\n2018年机构改革后并入中央统战部。")
    assert d["unit"] == "中华人民共和国国家宗教事务局"
    assert d["short_name"] == "国家宗教局"
    assert d["nature"] == "中华人民共和国国务院直属机构"
    assert d["rank"] == "副部级"


def test_a_leads_whose_clause_is_kept_and_the_rank_after_it_read():
    d = p("国家矿山安全监察局\n\n国家矿山安全监察局,是中华人民共和国应急管理部管理的国家局,为副部级,负责全国矿山安全监察工作。\n")
    assert d["nature"] == "中华人民共和国应急管理部管理的国家局"
    assert d["rank"] == "副部级"


def test_a_cover_signature_above_the_regulation_of_a_copy_without_the_notice_title():
    d = p("各市州人民政府,省政府各厅委、各直属机构:《江西省水利厅主要职责内设机构和人员编制规定》已经省人民政府批准,现予印发。\n"
          "江西省人民政府办公厅\n二00九年十一月二十日\n江西省水利厅主要职责内设机构和人员编制规定\n"
          "根据省人民政府机构改革方案,设立江西省水利厅,为省人民政府组成部门。\n")
    assert d["issuing_organ"] == "江西省人民政府办公厅"
    assert d["issued_on"] == "2009-11-20"
    assert d["unit"] == "江西省水利厅"
    assert reference_clauses.cover_signature("现予印发。\n各有关单位\n请认真执行\n") is None  # no organ, no date


# ---------------------------------------------------------------- the same shapes run into one line
def test_an_entry_lead_in_a_copy_run_into_one_line():
    # glued to the page's chrome, the heading line naming it first
    d = p("中华人民共和国铁道部查看源代码讨论查看历史跳转至:导航搜索中华人民共和国铁道部,是2013年被撤销的中华人民共和国国务院组成部门[1],"
          "主管铁路工作。沿革1949年设铁道部。2013年组建国家铁路局,作为交通运输部管理的国家局。")
    assert d["unit"] == "中华人民共和国铁道部"
    assert d["nature"] == "中华人民共和国国务院组成部门"
    # after an infobox's last bar
    d = p("国家外国专家局 | | 机构类型 | 国务院部委管理的国家局 | 行政级别 | 副部级 | 对应机构 | 国家外国专家局(英语:State "
          "Administration of Foreign Experts Affairs),是已撤销的中华人民共和国国务院管理外国专家事务的国家局。")
    assert d["unit"] == "国家外国专家局"
    assert d["nature"] == "国务院部委管理的国家局" and d["rank"] == "副部级"
    # the lead opening the text, its bracket giving the short name
    d = p("中华人民共和国国家宗教事务局(简称国家宗教局,State Administration for Religious Affairs),是中华人民共和国国务院直属机构,"
          "为副部级。2018年并入中央统战部。")
    assert (d["unit"], d["short_name"], d["rank"]) == ("中华人民共和国国家宗教事务局", "国家宗教局", "副部级")


def test_an_acting_clause_on_the_sentence_before_whose_name_is_glued_to_a_heading():
    d = p("问答精选最佳答案国家林业局由国家发展和改革委员会代为管理,这是它的管理体制。作为国家发展和改革委员会管理的副部级国家局,"
          "其人员编制由中央编办核定。国家林业局作为重要的国家局,下设多个司。")
    assert d["nature"] == "国家发展和改革委员会管理的副部级国家局"


def test_a_part_heading_glued_to_the_name_is_no_part_of_it():
    d = p("2025年贵州省水利厅部门预算2025年2月1日\n目录第一部分贵州省水利厅概况\n一、主要职责\n二、部门机构设置\n三、部门预算构成\n"
          "第二部分2025年部门预算表第一部分贵州省水利厅概况\n一、主要职责1、贯彻执行国家关于水利工作的方针政策和法律法规,起草水利"
          "地方性法规草案;2、负责保障水资源的合理开发利用。")
    assert d["unit"] == "贵州省水利厅"
    assert reference_clauses.PART_PREFIX_RE.match("第一部分") is None  # a heading alone is no name to strip it from
