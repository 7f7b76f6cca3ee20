"""Clause kinds found on the twelfth held-out split (bench/sanding_real, split heldout12: departments' 机构职能 / 内设机构
pages): one test per rule added after its first run. The snippets are NOT the corpus texts: each rule is tried on a
differently worded, differently named text of the same kind, so a test passes only if the rule is general; the guards
check that a rule stays put where it does not apply."""
from .helpers import bodies, p


# ---------------------------------------------------------------- a body list run into one line, names glued to duties
def test_body_names_glued_to_their_first_duty_in_a_run_in_list():
    d = p("县政务服务管理中心设3个内设机构:(一)综合股负责中心文秘、档案、后勤工作。(二)组织人事股负责中心党建、人事工作。"
          "(三)窗口管理股拟定进驻窗口的管理制度;负责窗口人员考勤。")
    assert bodies(d) == ["综合股", "组织人事股", "窗口管理股"]
    assert d["internal_bodies"][2]["duties"].startswith("拟定进驻窗口")
    assert d["duties"] == []


def test_duties_that_start_with_a_verb_are_no_glued_bodies():
    # guard: a duty list whose items start with 组织/指导… is not read as bodies named 组织…科
    d = p("县科学技术局主要职责是:\n(一)组织拟订全县科技发展规划并组织实施。\n(二)指导科技成果转化工作。\n"
          "(三)管理科技经费,监督经费使用。")
    assert bodies(d) == []
    assert len(d["duties"]) == 3


# ---------------------------------------------------------------- “组建X，作为Z” and a plaque sentence of its own
def test_a_body_set_up_by_a_reform_then_its_class_and_plaques():
    d = p("根据《临川市机构改革方案》,将原市卫生局的职责整合,组建市卫生健康委员会,作为市政府工作部门。"
          "市老龄工作委员会办公室设在市卫生健康委员会。市卫生健康委员会加挂市中医药管理局、市爱国卫生运动委员会办公室牌子。")
    assert d["unit"] == "市卫生健康委员会"
    assert d["nature"] == "市政府工作部门"
    assert d["plaques"] == ["市中医药管理局", "市爱国卫生运动委员会办公室"]


def test_a_plaque_sentence_of_another_body_or_with_no_name_adds_nothing():
    # guard: another body's plaque sentence, a cancelled plaque and “在X加挂该机构牌子” are not the unit's plaques
    d = p("组建县应急管理局,作为县政府工作部门。县水利局加挂县河长制办公室牌子。县应急管理局不再加挂县安全生产监督管理局牌子。\n"
          "(1)县防汛抗旱指挥部办公室。在县应急管理局加挂该机构牌子。")
    assert d["unit"] == "县应急管理局"
    assert "县河长制办公室" not in d["plaques"]
    assert "县安全生产监督管理局" not in d["plaques"]
    assert "该机构" not in d["plaques"]


# ---------------------------------------------------------------- a prose page on an office's 科
def test_bodies_named_as_the_subjects_of_a_prose_page():
    d = p("临川市财政局组织机构\n临川市财政局的组织机构包括多个科室,各有分工。\n"
          "综合科作为枢纽部门,负责局机关文电、会务和档案工作。\n预算科主要负责编制全市财政预算草案。\n"
          "国库科、会计科等科室分别负责国库集中支付和会计管理工作。\n绩效办则承担预算绩效管理的日常工作。\n相关标签")
    assert d["unit"] == "临川市财政局"
    assert bodies(d) == ["综合科", "预算科", "国库科", "会计科", "绩效办"]
    assert d["nature"] is None  # “作为枢纽部门” says how much it matters, not what kind of body it is


def test_sentences_about_bodies_without_the_structure_line_give_no_bodies():
    # guard: without a line announcing the structure, a paragraph that opens with a 科 is not a list
    d = p("临川市财政局召开年度工作会议。\n预算科主要负责汇报全年预算执行情况。\n国库科负责汇报资金调度。")
    assert bodies(d) == []


def test_a_real_class_after_zuowei_is_still_a_nature():
    # guard: the evaluative rule drops only “核心/重要…部门”, not a class
    d = p("临川市行政审批局作为市政府工作部门,负责全市行政审批服务工作。")
    assert d["unit"] == "临川市行政审批局"
    assert d["nature"] == "市政府工作部门"


# ---------------------------------------------------------------- a department named only by a heading line
def test_a_heading_line_then_duties_names_the_unit():
    d = p("经济发展和科技局\n负责拟订园区经济发展规划并组织实施;负责园区科技创新和招商引资工作。")
    assert d["unit"] == "经济发展和科技局"


def test_a_body_heading_or_several_headings_name_no_unit():
    # guard: “办公室⏎负责…” is a body's entry; a page listing several departments names none of them alone
    assert p("办公室\n负责机关日常运转工作。")["unit"] is None
    d = p("财政局\n负责园区财政预算管理。\n建设局\n负责园区规划建设管理。")
    assert d["unit"] is None


# ---------------------------------------------------------------- a place name completed from a verb
def test_a_verb_in_front_of_a_name_is_no_place_name():
    d = p("整合有关职责,组建市退役军人事务局,作为市政府工作部门。")
    assert d["unit"] == "市退役军人事务局"


# ---------------------------------------------------------------- heldout12b: bullets, one body's page, talking points
def test_bullet_bodies_under_a_line_announcing_them():
    d = p("临川市水利局架构\n临川市水利局内设若干科室,主要包括:\n- 办公室:负责局机关日常运转。\n- 规划计划科:负责水利规划编制。\n"
          "- 河湖管理科:负责河湖长制日常工作。\n下属单位包括:\n- 临川市水文站\n- 临川市灌区管理所")
    assert bodies(d) == ["办公室", "规划计划科", "河湖管理科"]


def test_bullets_of_affiliated_units_are_no_bodies():
    # guard: the units a body has under it (直属机构) are not its internal bodies
    d = p("临川市水利局下设直属机构如下:\n- 临川市水文站:负责水文监测。\n- 临川市灌区管理所:负责灌区运行管理。")
    assert bodies(d) == []


def test_one_numbered_body_with_its_duties_is_that_body():
    d = p("(五)机关档案室\n\n负责局机关文书档案的收集、整理和利用;负责档案数字化工作。\n\n办公室电话:0797-1234567")
    assert bodies(d) == ["机关档案室"]
    assert d["duties"] == []


def test_one_numbered_heading_that_names_no_body_is_no_body():
    # guard: a single item whose first line is no body's name (a plan's section) is not a body
    d = p("(二)工作任务\n\n负责组织全县春季植树造林工作,确保完成年度任务。")
    assert bodies(d) == []


def test_short_labelled_talking_points_after_a_duty_trigger_are_no_duties():
    d = p("三、财务部门\n财务部门是单位的重要部门之一。其主要职责包括:\n1. 预算编制:编制年度部门预算。\n2. 资金管理:管好用好各项资金。\n"
          "3. 资产管理:做好固定资产登记。")
    assert d["duties"] == []


def test_long_labelled_duties_and_bodies_with_a_colon_stay_what_they_are():
    # guard: labelled items that are real duties (long) stay duties; “1. 办公室:负责…” items stay bodies
    d = p("县水利局主要职责是:\n(一)水资源管理:负责全县水资源的合理开发利用,拟订水资源中长期供求规划并组织实施,负责生活、生产经营和生态环境用水的统筹兼顾和保障。\n"
          "(二)河湖管理:指导全县河湖水生态保护与修复、河湖生态流量水量管理以及河湖水系连通工作,负责河湖长制日常工作的组织协调和督促检查。")
    assert len(d["duties"]) == 2
    d = p("县水利局设下列内设机构:\n1. 办公室:负责机关日常运转。\n2. 水政股:负责水行政执法。")
    assert bodies(d) == ["办公室", "水政股"]
