"""Budget and final-accounts notes as clerks get them (bench/sanding_real, split heldout38; issue 12): one test per
rule, and guards that a rule does not reach past its kind. The snippets are NOT the corpus texts: each rule is tried on
differently worded, differently named notes of the same kind (the units, counts and places are made up), so a test
passes only if the rule is general."""
from bianzhi.ingest import clerknote_clauses

from .helpers import bodies, p


def staffing(d: dict) -> list[tuple]:
    return [(e["type"], e["raw"], e["count"], [(i["type"], i["count"]) for i in e["includes"]]) for e in d["staffing"]]


def heads(d: dict) -> list[str]:
    return [x[:6] for x in d["duties"]]


# ---------------------------------------------------------------- title and unit from the note's head
def test_head_line_names_title_and_unit():
    d = p("兴文县林业局2021年部门预算公开情况\n一、部门主要职责\n1.负责全县林业资源保护工作。\n2.负责全县造林绿化工作。")
    assert (d["title"], d["unit"]) == ("兴文县林业局2021年部门预算公开情况", "兴文县林业局")
    assert heads(d) == ["负责全县林业", "负责全县造林"]
    d = p("当前位置:首页>财政资金\n东坪县档案馆(本级)2019年度部门决算\n一、单位基本情况\n(一)主要职能\n1.负责收集档案。\n2.负责档案利用。")
    assert (d["title"], d["unit"]) == ("东坪县档案馆(本级)2019年度部门决算", "东坪县档案馆")


def test_head_line_of_a_town_budget_with_the_three_public_expenses_and_its_full_name_in_a_heading():
    d = p("石门县云溪镇2018年部门预算及“三公”经费预算公开说明\n目  录\n第一部分:部门概况\n第一部分:部门概况\n"
          "一、石门县云溪镇人民政府及所属事业单位概况\n主要职责:\n(一)宣传、执行党的路线方针政策。\n(二)制定本镇经济和社会发展规划。")
    assert d["title"] == "石门县云溪镇2018年部门预算及“三公”经费预算公开说明"
    assert d["unit"] == "石门县云溪镇人民政府"


def test_cover_with_its_attachment_number_and_a_performance_report():
    d = p("附件 2 汉阴县文学艺术界联合会 2021 年部门综合预算\n一、部门主要职责\n1.团结全县文艺工作者繁荣文艺创作。\n2.组织全县文艺评奖和交流活动。")
    assert d["title"].replace(" ", "") == "汉阴县文学艺术界联合会2021年部门综合预算"
    assert d["unit"] == "汉阴县文学艺术界联合会"
    d = p("平安县水利局2022年度整体支出绩效评价报告\n一、部门概况\n县水利局内设办公室、水政股、工程股3个股室。")
    assert (d["title"], d["unit"]) == ("平安县水利局2022年度整体支出绩效评价报告", "平安县水利局")


def test_a_contents_part_heading_or_a_notice_is_no_head_line():
    assert clerknote_clauses.note_head("目录\n第二部分平安县水利局2025年部门预算情况说明\n") is None
    assert clerknote_clauses.note_head("关于平安县水利局2025年部门预算的通知\n") is None
    assert clerknote_clauses.note_head("平安县水利局召开2025年部门预算工作会议\n") is None


def test_part_heading_over_two_lines_names_the_unit():
    d = p("目 录\n第一部分 中国共产党某某县委员会\n宣传部概况\n一、部门职责\n第二部分 中国共产党某某县委员会\n宣传部2024年部门预算情况说明\n"
          "第一部分 中国共产党某某县委员会\n宣传部概况\n一、部门职责\n1.负责全县理论学习工作。\n2.负责全县新闻宣传工作。")
    assert d["unit"] == "中国共产党某某县委员会宣传部"


def test_breadcrumb_last_item_names_the_unit_only_when_nothing_else_does():
    d = p("首页 > 预决算公开 > 平阳县审计局\n一、单位基本情况\n(一)主要职能\n1.负责全县审计监督工作。\n2.负责内部审计业务指导。")
    assert d["unit"] == "平阳县审计局"
    assert clerknote_clauses.crumb_unit("首页 > 政务公开 > 部门预算\n") is None  # a column is no unit
    d = p("首页 > 预决算公开 > 区妇联\n平阳县妇女联合会2023年度部门决算\n一、部门基本情况\n(一)职能职责\n1.团结引导妇女群众。\n2.维护妇女儿童权益。")
    assert d["unit"] == "平阳县妇女联合会"  # the title's full name, not the crumb


# ---------------------------------------------------------------- staffing broken down by 其中
def test_untyped_total_with_companion_parts_is_one_entry_with_includes():
    d = p("一、部门概况\n县妇联编制14名(其中参公11名、工勤3名),内设办公室、组织部2个科室。")
    assert staffing(d) == [("其他编制", "编制", 14, [("参公", 11), ("工勤", 3)])]
    d = p("二、人员情况\n县科协核定编制9名,其中参公编制7人、工勤编制2人;实有在职7人。")
    assert staffing(d) == [("其他编制", "编制", 9, [("参公编制", 7), ("工勤编制", 2)])]


def test_main_kinds_after_a_total_stay_entries_and_staff_on_hand_is_none():
    # the parts of the main kinds are the staffing (the heldout34 rule), not includes of the total
    d = p("二、人员情况\n人员编制60名,其中参照公务员管理事业编制35名、事业编制25名。")
    assert ("其他编制", "人员编制", 60, [("参照公务员管理事业编制", 35), ("事业编制", 25)]) not in staffing(d)
    assert clerknote_clauses.breakdowns("实有在职编制14名(其中参公11名、工勤3名)") == []
    assert clerknote_clauses.breakdowns("编制14名(其中参公11名、工勤5名)") == []  # parts over the total


def test_typed_quota_adjusted_to_a_figure():
    d = p("一、部门概况\n(二)人员编制\n将县残联机关事业编制调整为6名,其中:参公管理6人,机关工勤编制1人。")
    assert staffing(d) == [("事业编制", "机关事业编制", 6, []), ("工勤编制", "机关工勤编制", 1, [])]
    d = p("一、部门概况\n县残联行政编制由原来的5名调整为7名。")
    assert [e["count"] for e in d["staffing"]] == [7]  # “由…调整为” is read once, as before


# ---------------------------------------------------------------- duties and bodies
def test_section_headings_run_into_their_paragraphs_are_no_duties():
    d = p("一、单位基本情况\n(一)职能职责。\n坚持代表和维护妇女权益的基本职能,推进男女平等基本国策的贯彻落实,帮助妇女群众表达诉求。\n"
          "(二)单位构成。\n区残联现设3个内设科室,即办公室、康复科、维权科。核定区残联机关事业编制8名。\n"
          "(三)本轮机构改革相关情况。\n本轮机构改革调整不涉及我单位。\n二、部门收支总体情况")
    assert d["duties"] == []
    assert bodies(d) == ["办公室", "康复科", "维权科"]


def test_duties_under_a_heading_naming_duties_and_bodies():
    d = p("某市社会科学界联合会2021年部门预算\n一、部门主要职责及机构设置\n1.团结全市社会科学工作者,繁荣社会科学事业。\n"
          "2.组织开展学术交流和课题研究,推动学科建设。\n3.普及社会科学知识,开展社科普及活动。")
    assert heads(d) == ["团结全市社会", "组织开展学术", "普及社会科学"]


def test_tasks_heading_in_the_contents_above_the_duties_keeps_them():
    d = p("某县文联2022年部门预算\n目 录\n一、部门主要职责\n二、2022年度部门工作任务\n一、部门主要职责\n1.团结全县文艺工作者开展创作。\n"
          "2.组织全县文艺评奖和交流活动。\n二、2022年度部门工作任务\n1.举办春节文艺演出活动。\n2.开展文艺下乡活动。")
    assert heads(d) == ["团结全县文艺", "组织全县文艺"]


def test_bodies_numbered_one_a_line_after_a_counted_lead():
    d = p("(二)机构设置\n1.内设机构\n根据职能职责,某区残疾人联合会机关设3个内设机构:\n1)综合部,负责机关文秘、档案工作;\n"
          "2)康复部,负责残疾人康复工作;\n3)维权部,负责残疾人维权工作。")
    assert bodies(d) == ["综合部", "康复部", "维权部"]


def test_a_lone_first_duty_cut_by_the_page_under_a_bare_duty_heading():
    d = p("2022年度某县某某乡人民政府\n部门决算\n目录\n第一部分 某县某某乡人民政府部门概况\n一、部门职责\n二、机构设置\n"
          "第一部分 某县某某乡人民政府部门概况\n一、部门职责\n(一)加强基层党的建设。落实基层党建工作责任制,统筹乡村党建")
    assert heads(d) == ["加强基层党的"]
    d = p("一、部门职责\n(一)某某馆系全县唯一的公共图书馆,成立于1980年")
    assert d["duties"] == []  # a description of the unit, not a duty


def test_bracketed_breakdowns_without_其中():
    d = p("一、单位基本情况\n县侨联编制数为24人(参公21人,工勤3人)。")
    assert staffing(d) == [("其他编制", "编制", 24, [("参公", 21), ("工勤", 3)])]
    d = p("一、单位基本情况\n县侨联核定编制24名(含参公编制21名、工勤编制3名)。")
    assert staffing(d) == [("其他编制", "编制", 24, [("参公编制", 21), ("工勤编制", 3)])]


def test_untyped_total_over_typed_parts_in_brackets_gives_the_parts():
    d = p("一、单位基本情况\n某县工商联编制总数8名(行政编制6名,工勤编制2名)。")
    assert staffing(d) == [("行政编制", "行政编制", 6, []), ("工勤编制", "工勤编制", 2, [])]
    assert clerknote_clauses.typed_parts("编制总数8名(行政编制6名,工勤编制3名)") == []  # parts that do not add up


def test_head_line_glued_to_a_breadcrumb_or_a_file_name_in_a_one_line_copy():
    found = clerknote_clauses.note_head("首页 > 通知公告 >青海省残疾人联合会2023年部门预算公开说明\n时间:2023-02-01\n")
    assert (found[0].value, found[1].value) == ("青海省残疾人联合会2023年部门预算公开说明", "青海省残疾人联合会")
    found = clerknote_clauses.note_head("2021年某市档案馆决算.doc某市档案馆2021年度决算公开报告\n目录\n")
    assert found[1].value == "某市档案馆"
    text = ("首页>财政资金>预决算公开中共某县委统战部2022年部门预算访问量:第一部分\n中共某县委统战部概况\n"
            "一、部门主要职责\n1.负责全县统一战线工作。\n2.负责全县民族宗教工作。\n")
    found = clerknote_clauses.note_head(text)
    assert (found[0].value, found[1].value) == ("中共某县委统战部2022年部门预算", "中共某县委统战部")
