"""Clause kinds the budget-notes-and-apposition split showed the parser missing (bench/sanding_real, split heldout34):
one test per rule added after its first run, and guards that a rule does not reach past its kind. The snippets are NOT
the corpus texts: each rule is tried on a differently worded, differently named text of the same kind, so a test
passes only if the rule is general."""
from bianzhi.ingest import staffnote_clauses

from .helpers import bodies, p


def staffing(d: dict) -> list[tuple[str, str, int]]:
    return [(e["type"], e["raw"], e["count"]) for e in d["staffing"]]


# ---------------------------------------------------------------- typed parts of a 编制 total
def test_parts_after_a_total_in_a_provinces_template():
    d = p("某某县民政局2023年部门预算\n二、机构设置及人员情况\n编制人数36，其中：行政编制人数20、参照公务员管理的事业编制人数0、"
          "全部补助事业编制人数9、差额补助事业编制人数0、自收自支编制人数7人。实有人数40，其中：在职人数38。")
    assert staffing(d) == [("行政编制", "行政编制", 20), ("事业编制", "全部补助事业编制", 9), ("事业编制", "自收自支编制", 7)]


def test_parts_without_其中_and_template_words_for_workers_and_staff():
    d = p("某区审计局单位基本情况：共有编制25人：其中：行政编制数18人、机关工勤1人、事业人员6人；年底实有人数24人。")
    assert staffing(d) == [("行政编制", "行政编制", 18), ("工勤编制", "机关工勤", 1), ("事业编制", "事业人员", 6)]
    d = p("本单位编制人数31人,行政编制人数27人,机关工勤1人,事业编制人数3人;离退休5人。")
    assert staffing(d) == [("行政编制", "行政编制", 27), ("工勤编制", "机关工勤", 1), ("事业编制", "事业编制", 3)]


def test_parts_read_together_replace_a_part_read_alone():
    d = p("某县公安局2022年决算。我单位共有编制90人:其中:政法专项编制数80人、机关工勤3人、事业人员7人;年底实有人数88人。")
    assert staffing(d) == [("政法专项编制", "政法专项编制", 80), ("工勤编制", "机关工勤", 3), ("事业编制", "事业人员", 7)]


def test_staff_on_hand_and_money_are_no_parts():
    # a total of staff on hand, and a budget's money, are never 编制
    assert staffnote_clauses.total_parts("实有人数49,其中:行政人员19、事业人员30。") == []
    d = p("某县财政局2023年部门预算：收入合计1,234.56万元，其中：一般公共预算拨款1,200万元。在职人员45人，其中行政人员30人。")
    assert d["staffing"] == []


# ---------------------------------------------------------------- a table turned into text
def test_a_table_turned_into_text_gives_the_typed_cells():
    d = p("某某县档案馆\n| 项目 | 行政编制 | 12 | 事业编制 | 5 | 实有人数 | 16 |")
    assert staffing(d) == [("行政编制", "行政编制", 12), ("事业编制", "事业编制", 5)]


def test_a_how_to_tables_example_cells_are_not_typed_counts():
    assert staffnote_clauses.table_cells("| 编制类型 | 行政编制 |\n| 编制总数 | 50人 |") == []


# ---------------------------------------------------------------- an untyped quota read against staff on hand
def test_quota_read_against_staff_on_hand():
    d = p("某某市科技馆是市科协所属事业单位。核定编制数18名，实有人数15名。")
    assert staffing(d) == [("其他编制", "编制", 18)]


# ---------------------------------------------------------------- nature and rank in apposition
def test_unit_class_and_rank_in_apposition():
    d = p("某某市民族宗教事务局，市政府工作部门，正处级。\n主要职责：\n(一)贯彻执行民族宗教工作方针政策。")
    assert (d["unit"], d["nature"], d["rank"]) == ("某某市民族宗教事务局", "市政府工作部门", "正处级")


def test_heading_then_class_and_rank_line():
    d = p("某某县医疗保障局\n县政府工作部门，正科级。\n主要职责：\n(一)拟订医疗保障制度。")
    assert (d["unit"], d["nature"], d["rank"]) == ("某某县医疗保障局", "县政府工作部门", "正科级")


def test_spec_then_class_without_a_verb_and_the_unit_opening_its_setting_up():
    d = p("一、基本情况\n某某县湿地保护管理站经县编委批准,成立于2008年,机构规格为股级,县直事业单位,负责湿地保护。\n"
          "附件:某某县湿地保护管理站预算表")
    assert (d["unit"], d["nature"], d["rank"]) == ("某某县湿地保护管理站", "县直事业单位", "股级")


def test_a_record_name_and_a_summary_opening_with_the_class():
    d = p("MUSEUMS = [\n    {\n        'name': '某某市博物馆',\n        'district': '城区',\n"
          "        'summary': ('某某市文化和旅游局直属公益一类事业单位，国家二级博物馆。'),\n    },")
    assert (d["unit"], d["nature"]) == ("某某市博物馆", "某某市文化和旅游局直属公益一类事业单位")


def test_approved_rank_of_the_unit_or_its_short_name_without_nature():
    d = p("某某出版集团(本级)2023年度部门决算\n目录\n第一部分 部门概况\n一、主要职责\n2003年,某某出版社组建某某出版集团"
          "(以下简称“某出集团”)。某某出版社和某出集团都是经省编委核定的正厅级事业单位。")
    assert (d["title"], d["unit"], d["short_name"], d["rank"], d["nature"]) == (
        "某某出版集团(本级)2023年度部门决算", "某某出版集团", "某出集团", "正厅级", None)


# ---------------------------------------------------------------- the full name a part heading gives
def test_part_heading_gives_the_full_name_of_the_titles_short_form():
    d = p("大理州动物疫病预防控制中心2020年度部门决算\n目录\n第一部分 大理白族自治州动物疫病预防控制中心概况\n一、主要职能")
    assert d["unit"] == "大理白族自治州动物疫病预防控制中心"
    assert staffnote_clauses._expands("大理州动物疫病预防控制中心", "大理州林业和草原局") is False


# ---------------------------------------------------------------- bodies
def test_counted_list_opened_by_含():
    d = p("某某区司法局单位基本情况:我局为区政府的组成机构,内设科室4个,含办公室、法治督察科、律师工作科、区依法治区办等。")
    assert bodies(d) == ["办公室", "法治督察科", "律师工作科", "区依法治区办"]
    assert staffnote_clauses.counted_containing("内设科室3个,含办公室、律师工作科等。") == []


def test_a_townships_offices_in_brackets_not_its_institutions():
    d = p("第一部分单位概况\n二、机构设置\n某某乡人民政府下属二级预算单位0个,其中行政单位4个(党政办公室、财政所。平安法治办公室、"
          "经济发展办公室),其他事业单位2个(便民服务中心、农业综合服务中心)。")
    assert bodies(d) == ["党政办公室", "财政所", "平安法治办公室", "经济发展办公室"]
    assert staffnote_clauses.town_offices("其中行政单位2个(司法所、派出所)", "某某县司法局") == []


# ---------------------------------------------------------------- an article's numbered points are no duties
def test_numbered_points_of_a_how_to_article_are_no_duties():
    d = p("【工作总结怎么写】\n一、工作总结撰写要点\n1. 明确总结的时间范围\n首先应写明起止时间。\n2. 列出主要成绩\n逐项列出完成情况。\n"
          "3. 分析存在问题\n找出不足。")
    assert d["duties"] == []


def test_duties_under_a_sub_heading_that_names_them_are_kept():
    d = p("一、基本情况\n(一)人员基本情况\n编制人数5名。\n(二)部门主要职能\n1、宣传贯彻有关法律法规。\n2、开展救助工作。\n3、完成交办的其他工作。")
    assert len(d["duties"]) == 3


# ---------------------------------------------------------------- a copy run into one line
def test_one_line_budget_note_title_after_a_sites_words_and_a_part_heading():
    text = ("• 设为首页• 无障碍阅读监督索引号53012300112300000第一部分某某县林业和草原局2021年部门预算编制说明一、基本职能及主要工作"
            "二、预算单位基本情况第二部分某某县林业和草原局2021年部门预算表一、财务收支预算总表二、部门收入预算表三、部门支出预算表"
            "某某县林业和草原局是县政府工作部门。")
    d = p(text)
    assert (d["title"], d["unit"]) == ("某某县林业和草原局2021年部门预算编制说明", "某某县林业和草原局")


def test_one_line_title_keeps_a_name_that_is_named_once_after_a_date():
    d = p("来源:某某县财政局发布日期: 2024-09-06中国共产党某某县委员会宣传部2023年度部门决算公开目录第一部分:单位概况一、主要职能"
          "二、部门决算单位构成第二部分:2023年部门决算报表表一:收入支出决算总表表二:收入决算表表三:支出决算表")
    assert d["title"] == "中国共产党某某县委员会宣传部2023年度部门决算公开"


def test_a_name_continued_elsewhere_is_not_cut():
    # “柳”+“城县…”: every other mention of the tail continues the same name, so it is no heading glued to a name
    assert staffnote_clauses.glued_tail("中国共产党柳城县委员会办公室", "中国共产党柳城县委员会办公室…中共柳城县委员会办公室") is None
    text = "部门职责某某市信息中心的职责…某某市信息中心设办公室…某某市信息中心负责"
    assert staffnote_clauses.glued_tail("部门职责某某市信息中心", text) == "某某市信息中心"
    # only a tail that starts with its place is cut from heading words (“…人民” + “政府办公室” is no tail)
    assert staffnote_clauses.glued_tail("重庆市某某区人民政府办公室", "重庆市某某区人民政府办公室…政府办公室…政府办公室") is None


def test_a_text_with_its_lines_is_not_a_one_line_copy():
    assert not staffnote_clauses.one_line("某某县林业局2021年部门预算\n目录\n第一部分 概况\n一、主要职责\n" * 5)
