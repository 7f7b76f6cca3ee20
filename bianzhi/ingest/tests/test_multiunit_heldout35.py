"""Clause kinds the thirty-fifth held-out split showed the parser missing (bench/sanding_real, split heldout35: texts
about several units, budget notes that also state a managed unit, short forms, numbered unit headings, bodies on one
line): one test per rule added after its first run, and guards that a rule does not reach past its kind. The snippets
are NOT the corpus texts: each rule is tried on a differently worded text about another body."""
from bianzhi.ingest import multiunit_clauses

from .helpers import bodies, p


# ---------------------------------------------------------------- several units at once
def test_a_unit_given_as_one_example_of_many_mergers_is_no_unit():
    d = p("本报讯 全市事业单位改革已完成,市属事业单位由180家精简至131家。\n"
          "市委编办负责人介绍,如将原市农机推广站和原市种子管理站整合,组建临川市农业技术服务中心,增挂临川市种业发展中心牌子。\n")
    assert d["unit"] is None
    assert d["plaques"] == []  # the plaque of the example goes with it


def test_a_unit_set_up_in_its_own_sentence_is_still_read():
    d = p("临川市农业技术服务中心正式揭牌\n3月2日,临川市农业技术服务中心正式揭牌成立。该中心为市农业农村局所属公益一类事业单位。\n")
    assert d["unit"] == "临川市农业技术服务中心"


def test_three_bodies_each_given_its_ceremony_make_a_text_on_several_units():
    d = p("5月8日上午,新组建的省自然资源厅正式挂牌。\n同日,新组建的省生态环境厅正式揭牌。\n"
          "当天下午,省退役军人事务厅挂牌,省应急管理厅也同时挂牌。\n")
    assert d["unit"] is None and d["nature"] is None


def test_one_body_named_twice_at_its_ceremony_is_one_unit():
    found = multiunit_clauses.ceremony_units("省文物局正式挂牌。副省长与局长一同为河东省文物局揭牌。")
    assert [f.value for f in found] == ["省文物局"]  # “河东省文物局” ends the same name: not a second body


# ---------------------------------------------------------------- a committee's office
def test_the_office_of_a_committee_named_with_the_rank_is_the_unit():
    d = p("中共平川县委机构编制委员会2022年度部门决算情况说明\n一、部门基本情况\n(二)机构设置\n"
          "中共平川县委机构编制委员会办公室为正科级机关行政单位,下设内设股室3个,即综合股、机构编制股和事业单位登记管理股,"
          "机关行政编制8名。\n")
    assert d["unit"] == "中共平川县委机构编制委员会办公室"
    assert d["nature"] is None and d["rank"] == "正科级"  # “正科级机关行政单位”: a rank, no kind (the 南县 reading)
    assert bodies(d) == ["综合股", "机构编制股", "事业单位登记管理股"]


def test_a_committee_without_such_a_clause_stays_the_unit():
    assert multiunit_clauses.committee_office("X委员会是省政府议事协调机构。", "X委员会") is None


# ---------------------------------------------------------------- whose counted body list
def test_the_managed_centres_bodies_are_not_the_offices():
    d = p("平川县委网信办2021年度部门决算\n(二)机构设置\n"
          "中共平川县委网络安全和信息化委员会办公室为正科级机关行政单位,下设内设股室2个,即综合股和网络管理股,机关行政编制4名。"
          "管理公益一类事业单位平川县网络舆情中心。该中心内设股室3个,即综合股、舆情股、技术股,事业编制9名。\n")
    assert bodies(d) == ["综合股", "网络管理股"]


def test_a_list_whose_count_differs_from_its_names_is_not_taken():
    assert multiunit_clauses.counted_bodies("局机关内设科室3个,即办公室、法规科。") == []


# ---------------------------------------------------------------- duties under a numbered unit heading
def test_items_under_the_units_numbered_heading_are_its_duties():
    d = p("平川县人民政府办公室2024年部门预算情况说明\n一、单位基本情况\n(一)职能职责。\n1.平川县人民政府办公室\n"
          "(1)负责县政府会议的筹备工作。\n(2)组织起草以县政府名义发布的公文。\n(3)负责县政府政务值班工作。\n"
          "(4)负责政务公开工作。\n2.平川县机关事务服务中心\n(1)负责机关后勤保障。\n")
    assert [x[:6] for x in d["duties"]] == ["负责县政府会", "组织起草以县", "负责县政府政", "负责政务公开"]


def test_items_under_another_units_heading_are_not_taken():
    text = "1.平川县机关事务服务中心\n(1)负责机关后勤。\n(2)负责公务用车。\n(3)负责办公用房。\n"
    assert multiunit_clauses.unit_heading_duties(text, lambda name: name == "平川县人民政府办公室") == []


# ---------------------------------------------------------------- bodies numbered one a line, or after “重新设置”
def test_bodies_numbered_one_a_line_under_the_setup_heading():
    d = p("一、部门基本情况\n(一)职能职责\n负责全区统计工作。\n(二)机构设置\n1.综合股。负责机关日常运转。\n"
          "2.调查股。负责统计调查。\n(三)单位构成\n本部门仅含本级。\n")
    assert bodies(d) == ["综合股", "调查股"]


def test_bodies_named_after_reset_the_cut_last_name_is_none():
    d = p("(二)机构设置\n经批准,调整优化原内设机构,重新设置综合办公室、规划建设科、招商服务科(产业促进科)、社")
    assert bodies(d) == ["综合办公室", "规划建设科", "招商服务科(产业促进科)"]


def test_a_common_structure_set_for_many_towns_gives_no_bodies():
    d = p("全市62个乡镇(街道)统一设置了党政办公室、经济发展办公室、社会事务办公室等5个综合性办事机构。\n")
    assert bodies(d) == []


# ---------------------------------------------------------------- short forms
def test_a_short_form_is_not_the_unit():
    d = p("平川县市场监督管理局(以下简称县市场监管局)于2019年组建。县市场监管局作为县政府工作部门,负责全县市场监管。\n")
    assert d["unit"] == "平川县市场监督管理局"
    assert d["short_name"] == "县市场监管局"


def test_a_date_before_the_full_name_is_no_part_of_it():
    found = multiunit_clauses.full_name_of_short("于2023年3月1日对平川县审计局(以下简称“县审计局”)开展评价。", "县审计局")
    assert found is not None and found[0].value == "平川县审计局"


# ---------------------------------------------------------------- numbers without a mark, one-line body lists
def test_a_duty_numbered_without_a_mark_keeps_the_list_going():
    d = p("一、主要职责\n1、负责全县统计调查。\n2、负责统计执法。\n3、负责统计信息发布。\n4、负责普查工作。\n5、负责统计培训。\n"
          "6、负责统计分析。\n7、负责统计监督。\n8、负责统计服务。\n9、负责统计宣传。\n10负责职责范围内的安全生产工作。\n"
          "11、完成县政府交办的其他任务。\n")
    assert len(d["duties"]) == 11
    assert d["duties"][9].startswith("负责职责范围内")


def test_a_year_at_a_line_start_is_no_item_number():
    d = p("一、主要职责\n1、负责全县统计调查。\n2、负责统计执法。\n2023年度完成普查。\n")
    assert len(d["duties"]) == 2


def test_bodies_on_one_line_with_anti_copy_strings_between():
    d = p("平川县图书馆\n内设机构:办公室 pz7,3;k4 采编部 9vQ.2b:5 借阅部 数字资源部\n")
    assert bodies(d) == ["办公室", "采编部", "借阅部", "数字资源部"]


def test_a_line_of_prose_after_the_heading_is_no_body_list():
    assert multiunit_clauses.spaced_body_list("机构设置:根据工作需要设置相应科室\n") == []


# ---------------------------------------------------------------- a note title glued to page chrome
def test_a_note_title_glued_after_the_site_greeting():
    d = p("欢迎访问平川县数据中心网站!2023年度平川县数据中心部门决算公开\n发布时间:2024-08-01\n目录\n")
    assert d["title"] == "2023年度平川县数据中心部门决算公开"
    assert d["unit"] == "平川县数据中心"


def test_a_note_title_glued_before_the_date_stamp():
    d = p("首页 >> 预决算公开 >> 正文\n2023年度平川县统计局部门决算2024-09-01 10:12县统计局 [字号: ] 打印\n目录\n")
    assert d["title"] == "2023年度平川县统计局部门决算"


# ---------------------------------------------------------------- a 三定 a note quotes as its basis
def test_a_notes_quoted_sanding_title_and_number_are_not_its_own():
    d = p("一、部门基本情况\n根据中共平川县委办公室、平川县人民政府办公室关于印发《平川县民政局职能配置、"
          "内设机构和人员编制规定》的通知(平办字〔2019〕8号),平川县民政局为县政府工作部门,正科级。\n")
    assert d["title"] is None  # the page gives no title line of its own
    assert d["doc_number"] is None
    assert d["unit"] == "平川县民政局"


def test_a_notes_title_from_the_pages_metadata_row_over_a_quoted_sanding():
    d = p("索引号: | 0012/2023-01 | 发布机构: | 平川县财政局 |\n名称: | 平川县水利局(本级)2022年度部门决算情况说明 | ||\n"
          "一、部门基本情况\n根据县委办公室、县政府办公室关于印发《平川县水利局职能配置、内设机构和人员编制规定》,平川县水利局主要职责如下:\n"
          "(1)负责全县水资源管理。\n(2)负责水利工程建设。\n")
    assert d["title"] == "平川县水利局(本级)2022年度部门决算情况说明"


def test_a_notice_that_issues_a_sanding_keeps_its_title_and_number():
    d = p("平川县人民政府办公室关于印发《平川县水利局职能配置、内设机构和人员编制规定》的通知\n平政办发〔2019〕20号\n各乡镇人民政府:\n"
          "现将《平川县水利局职能配置、内设机构和人员编制规定》印发给你们,请遵照执行。\n")
    assert d["doc_number"] == "平政办发〔2019〕20号"
    assert d["title"].startswith("平川县人民政府办公室关于印发")


def test_a_note_title_run_into_one_line_between_the_greeting_and_publication_time():
    d = p("欢迎访问平川县统计局网站! • 无障碍 欢迎访问平川县统计局网站!2023年度平川县统计局部门决算公开 发布时间:2024-09-01 目录 "
          "第一部分 部门概况")
    assert d["title"] == "2023年度平川县统计局部门决算公开"


def test_bodies_stated_of_a_managed_unit_without_a_count_are_not_the_units():
    d = p("平川县林业局2023年部门决算\n平川县林业局是县政府工作部门,为正科级。"
          "下属平川县林业技术推广站,作为林业局管理的公益一类事业单位,内设综合股、营林股。\n")
    assert d["unit"] == "平川县林业局"
    assert bodies(d) == []


def test_the_units_own_bodies_before_its_managed_unit_are_kept():
    d = p("平川县林业局是县政府工作部门,为正科级,内设办公室、营林股、资源股。下属平川县林业技术推广站,为公益一类事业单位。\n")
    assert bodies(d) == ["办公室", "营林股", "资源股"]


# ---------------------------------------------------------------- a numbered list of units, each with its change
def test_a_numbered_list_of_units_each_reformed_is_no_duties_and_no_unit():
    """heldout_final14 (added after its one run): fifteen 林业 bodies of several provinces, one item each."""
    d = p("去年各地水利机构调整情况\n"
          "1、江口市水务局挂江口市水利局牌子;\n"
          "2、青山省水利厅由副厅级机构升格为正厅级的政府组成部门;\n"
          "3、河阳县水利局由县农业农村局加挂牌子恢复独立设置。\n"
          "4、临江区水利局恢复独立设置。\n")
    assert d["duties"] == []
    assert d["unit"] is None and d["rank"] is None


def test_a_duty_list_that_names_other_units_stays_duties():
    d = p("江口市水利局主要职责\n"
          "1、负责保障水资源的合理开发利用。\n"
          "2、负责生活、生产经营和生态环境用水的统筹和保障。\n"
          "3、指导水利设施、水域及其岸线的管理、保护与综合利用。\n"
          "4、市水文站由本局管理,负责全市水文工作。\n")
    assert len(d["duties"]) == 4


def test_units_changed_by_items_needs_two_in_three_items():
    assert multiunit_clauses.units_changed_by_items(
        ["甲市林业局由甲市自然资源局加挂牌子恢复独立设置", "乙县林业局恢复独立设置", "丙区林草局挂牌成立"]) == [
        "甲市林业局", "乙县林业局", "丙区林草局"]
    assert multiunit_clauses.units_changed_by_items(
        ["甲市林业局恢复独立设置", "乙县林业局恢复独立设置", "负责林业工作", "负责草原工作", "负责湿地保护"]) == []

