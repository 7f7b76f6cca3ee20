"""Clause kinds found on the fifteenth held-out split (bench/sanding_real, split heldout15: the opening of budget and
final-accounts notes of courts, procuratorates, police and justice bureaus): one test per rule added after its first
run, and guards that a rule does not reach past its kind. The snippets are NOT the corpus texts: each rule is tried on
a differently worded, differently named text of the same kind, so a test passes only if the rule is general."""
from .helpers import bodies, p


def staffing(d):
    return [(s["type"], s["raw"], s["count"], [(i["type"], i["count"]) for i in s["includes"]]) for s in d["staffing"]]


# ---------------------------------------------------------------- title and unit
def test_a_budget_note_title_under_a_table_of_contents_names_the_report_and_its_unit():
    d = p("目录\n第一部分 榆阳区人民检察院2021年部门预算编制说明\n一、基本职能\n二、基本情况\n"
          "榆阳区人民检察院2021年部门预算编制说明\n一、基本职能\n(一)主要职责\n依法履行法律监督职能。")
    assert d["title"] == "榆阳区人民检察院2021年部门预算编制说明"  # not the “第一部分 …” heading of the contents
    assert d["unit"] == "榆阳区人民检察院"


def test_a_cover_over_three_lines_is_the_title_joined_and_names_the_unit():
    d = p("2023年度\n中共宁远县委政法委员会\n部门决算\n目 录\n第一部分 部门概况\n一、部门职责\n二、机构设置\n")
    assert d["title"] == "2023年度中共宁远县委政法委员会部门决算"
    assert d["unit"] == "中共宁远县委政法委员会"


def test_a_heading_run_into_the_subject_gives_the_unit_named_with_its_place_later():
    d = p("(一)部门主要职责 人民检察院是国家的法律监督机关,领导全县检察工作。其主要职责是: 1.依法审查批捕。"
          " 2.依法审查起诉。 3.开展法律监督。 (二)机构设置情况 清河县人民检察院现有政法专项编制40人,实有人员37人。")
    assert d["unit"] == "清河县人民检察院"
    assert d["nature"] is None  # “是国家的法律监督机关” is a role
    assert staffing(d) == [("政法专项编制", "政法专项编制", 40, [])]


# ---------------------------------------------------------------- nature
def test_an_explicit_nature_wins_over_a_role():
    d = p("长乐区人民法院是国家的审判机关,性质为国家行政单位。\n内设5个部门,分别为办公室、立案庭、刑事审判庭、民事审判庭、执行局;"
          "所属事业单位1个。")
    assert d["unit"] == "长乐区人民法院"
    assert d["nature"] == "国家行政单位"
    assert bodies(d) == ["办公室", "立案庭", "刑事审判庭", "民事审判庭", "执行局"]


def test_a_budget_status_is_no_nature():
    d = p("一、部门职责\n平乐县审计局是县财政一级预算单位,主要职责如下:\n(一)负责全县审计监督工作。\n(二)承担审计统计工作。")
    assert d["unit"] == "平乐县审计局"
    assert d["nature"] is None


def test_a_sub_units_class_and_staffing_are_not_the_departments():
    d = p("湘潭市人民检察院2019年度部门整体支出绩效评价报告\n一、部门概况\n湘潭市人民检察院入编部门预算共3个单位:院本级、湘潭市检察技术中心、湘潭市检察官培训中心。"
          "其中湘潭市检察官培训中心为财政差额补助事业单位。\n"
          "(二)人员编制情况\n2019年末,湘潭市人民检察院有人员编制180名,其中:机关本级政法专项编制160名,湘潭市检察技术中心事业编制12名,"
          "湘潭市检察官培训中心事业编制8名。")
    assert d["unit"] == "湘潭市人民检察院"
    assert d["nature"] is None
    assert staffing(d) == [("政法专项编制", "政法专项编制", 160, [])]


# ---------------------------------------------------------------- bodies
def test_bodies_in_brackets_after_a_count_and_tribunals_listed_apart():
    d = p("我院为全额拨款行政单位。共设有6个内设机构(包括:办公室、政治处、立案庭、刑事庭、民事庭、执行局),2个人民法庭"
          "(包括:城关人民法庭、石门人民法庭)。")
    assert bodies(d) == ["办公室", "政治处", "立案庭", "刑事庭", "民事庭", "执行局"]


def test_bodies_listed_before_their_count():
    d = p("怀化市人民检察院2020年度部门决算\n(一)机构设置情况\n经市编委批准,2020年院机关本级内设办公室、政治部、第一检察部、第二检察部(未成年人检察部)、检务督察处等内设机构5个。")
    assert bodies(d) == ["办公室", "政治部", "第一检察部", "第二检察部(未成年人检察部)", "检务督察处"]


def test_a_body_named_beside_a_count_is_a_body():
    d = p("一、临江县公安局概况\n1.临江县公安局设警务保障室和18个内设、下设机构及9个派出所,为一级预算单位。")
    assert bodies(d) == ["警务保障室"]


def test_a_company_listing_departments_with_a_count_is_no_units_body_list():
    d = p("本公司内设5个部门,分别为综合部、市场部、技术部、财务部、工程部。")
    assert d["unit"] is None and bodies(d) == []


# ---------------------------------------------------------------- duties
def test_duties_numbered_and_run_into_one_line_after_the_trigger():
    d = p("一、基本职能 (一)部门主要职责 人民法院是国家的审判机关。其主要职责是: 1.审理刑事案件。 2.审理民事案件。 3.审理行政案件。"
          " 4.承办其他工作。 (二)机构设置 石台县人民法院现有政法专项编制50人,实有人员45人。")
    assert [x[:4] for x in d["duties"]] == ["审理刑事", "审理民事", "审理行政", "承办其他"]
    assert d["duties"][-1] == "承办其他工作。"  # the last item ends with its sentence


def test_duties_numbered_with_a_closing_bracket_in_one_paragraph():
    d = p("二、部门概况\n1.部门主要职能:\n1)受理刑事案件。2)办理申诉案件。3)负责思想政治工作。\n2.部门预算单位构成:\n"
          "三穗县人民法院为行政单位。")
    assert d["duties"] == ["受理刑事案件。", "办理申诉案件。", "负责思想政治工作。"]


def test_verb_led_numbered_lines_after_a_table_of_contents_are_duties():
    d = p("2022年度\n中共通道县委组织部\n部门决算\n目 录\n第一部分 部门概况\n一、部门职责\n二、机构设置\n"
          "1.负责全县干部队伍建设工作。\n2.承担全县公务员管理工作。\n3.指导全县基层党组织建设。")
    assert [x[:4] for x in d["duties"]] == ["负责全县", "承担全县", "指导全县"]


def test_numbered_paragraphs_of_a_description_are_no_duties():
    d = p("一、天台县公安局概况\n(一)主要职能\n1. 公安机关是具有武装性质的治安行政和刑事司法力量。\n"
          "2.天台县公安局设政治处和15个内设机构,为一级预算单位。\n(二)部门预算单位构成")
    assert d["duties"] == []


def test_run_in_numbers_without_a_trigger_are_no_duties():
    d = p("黄山市司法局2020年收支总预算1000万元。 1.基本支出800万元。 2.项目支出200万元。 3.其他支出0万元。")
    assert d["duties"] == []


# ---------------------------------------------------------------- staffing and posts
def test_an_inner_part_of_a_kind_is_its_inclusion_not_a_second_staffing():
    d = p("剑河县人民法院为全额拨款行政单位。核定编制总数50人。行政编制46人,其中行政工勤编制数为2人;事业编制4人。")
    assert staffing(d) == [("行政编制", "行政编制", 46, [("行政工勤编制", 2)]), ("事业编制", "事业编制", 4, [])]


def test_staffing_kinds_stated_side_by_side_stay_apart():
    d = p("在职人员编制120人,其中:行政编制117人,工勤编制3人。在职实有130人。")
    assert staffing(d) == [("行政编制", "行政编制", 117, []), ("工勤编制", "工勤编制", 3, [])]


def test_staff_on_hand_is_no_staffing():
    d = p("城北区公安局现有民警210人,其中行政编制人员现有180人。")
    assert d["staffing"] == []


def test_a_post_cut_off_inside_its_bracket_is_still_the_post():
    d = p("(二)单位构成\n区政府办机关行政编制20名。设主任1名(兼任区")
    assert staffing(d) == [("行政编制", "机关行政编制", 20, [])]
    assert [(x["title"], x["count"], x["note"]) for x in d["posts"]] == [("主任", 1, None)]
