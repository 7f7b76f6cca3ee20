"""Clause kinds found on the ninth held-out split (bench/sanding_real, split heldout9): one test per rule added after
its first run. The snippets are NOT the corpus texts: each rule is tried on a differently worded, differently named
text of the same kind, so a test passes only if the rule is general; the negatives check that the rule stays put."""
from .helpers import bodies, p


def levels(d):
    return [(q["level"], q["count"]) for q in d["internal_leadership"]]


# ---------------------------------------------------------------- a 规定's title run into its first article
def test_a_title_run_into_the_first_article_is_the_title():
    filler = "负责全市水资源的统一管理和保护,组织编制水资源综合规划并监督实施。" * 6
    d = p("青州市水利局职能配置、内设机构和人员编制规定 第一条 根据《青州市机构改革方案》,制定本规定。 第二条 青州市水利局是"
          "市政府工作部门,为正处级。 第三条 青州市水利局的主要职责是: (一)" + filler + " (二)" + filler)
    assert d["title"] == "青州市水利局职能配置、内设机构和人员编制规定"
    assert (d["unit"], d["nature"], d["rank"]) == ("青州市水利局", "市政府工作部门", "正处级")


def test_a_short_line_with_guiding_and_first_article_is_not_cut():
    # only run-in lines (≥ 300 characters) get breaks back; a short line “…规定第一条…” is left as it is
    d = p("依照本规定第一条的要求,各单位应当按时报送材料。")
    assert d["title"] is None


# ---------------------------------------------------------------- nature: 设置X，为…的机构
def test_set_up_x_as_the_body_that_assists():
    d = p("根据省委、省政府批准的机构改革方案,设置临江市人民政府办公室,为协助市政府领导同志处理市政府日常工作的机构。")
    assert (d["unit"], d["nature"]) == ("临江市人民政府办公室", "协助市政府领导同志处理市政府日常工作的机构")


def test_setting_up_a_section_is_no_statement():
    d = p("设置综合股,负责机关日常运转。")
    assert d["nature"] is None


# ---------------------------------------------------------------- unit: how the body came about is not its name
def test_newly_set_up_body_named_without_the_verb_phrase():
    d = p("新组建成立的平阳市数据资源管理局为市政府直属的正处级机构。")
    assert (d["unit"], d["rank"]) == ("平阳市数据资源管理局", "正处级")


def test_body_after_its_merger_named_in_full_from_the_headline():
    d = p("东川省林业和草原局正式挂牌\n日前,东川省林业和草原局正式挂牌。组建后的林业和草原局作为省政府直属机构,正厅级规格,"
          "加挂东川省国家公园管理局牌子。")
    assert (d["unit"], d["nature"], d["rank"]) == ("东川省林业和草原局", "省政府直属机构", "正厅级")
    assert d["plaques"] == ["东川省国家公园管理局"]


# ---------------------------------------------------------------- leadership: a total broken down by post
def test_a_leadership_total_broken_down_into_chiefs_and_deputies():
    d = p("三、人员编制\n市民政局机关行政编制30名。局长1名,副局长3名;科级领导职数12名,其中科长8名,副科长4名。")
    assert sorted(levels(d)) == [("副科级", 4), ("正科级", 8)]
    assert [(x["title"], x["count"]) for x in d["posts"]] == [("局长", 1), ("副局长", 3)]


def test_a_breakdown_by_level_replaces_the_total_and_bracketed_titles_are_read():
    d = p("县审计局行政编制9名。股级领导职数5名,其中正股级3名,副股级2名。")
    assert sorted(levels(d)) == [("副股级", 2), ("正股级", 3)]
    d = p("区统计局行政编制11名。科级领导职数6名,其中科长(主任)4名,副科长(副主任)2名。")
    assert sorted(levels(d)) == [("副科级", 2), ("正科级", 4)]


def test_a_breakdown_in_brackets_after_the_total():
    d = p("市民政局机关行政编制30名。科级领导职数12名(其中正科级8名、副科级4名)。")
    assert sorted(levels(d)) == [("副科级", 4), ("正科级", 8)]
    d = p("县农业农村局行政编制10名。正股级领导职数4名(含机关党支部专职副书记1名)。")  # an inclusion, no breakdown
    assert levels(d) == [("正股级", 4)]


def test_parts_that_do_not_add_up_leave_the_total():
    d = p("市档案局行政编制20名。科级领导职数9名,其中科长6名。")
    assert levels(d) == [("科级", 9)]


def test_non_leading_posts_are_no_leadership_figure():
    d = p("市商务局机关行政编制26名。处级领导职数8名;处级非领导职数5名。")
    assert levels(d) == [("处级", 8)]
    d = p("县科技局行政编制7名,科级非领导职数2名。")
    assert levels(d) == []


# ---------------------------------------------------------------- duties: numbered paragraphs about a body are no duties
def test_numbered_paragraphs_describing_a_body_are_not_duties():
    d = p("1、清河县水务局于1984年经县人民政府批准成立,2010年与县水利站合并,现有职工120人。\n"
          "2、清河县水务局作为县政府的工作部门,负责全县水资源的统一管理、保护和开发利用。")
    assert d["duties"] == []
    assert (d["unit"], d["nature"]) == ("清河县水务局", "县政府的工作部门")


def test_numbered_paragraphs_that_state_what_is_done_stay_duties():
    d = p("1、组织拟订全县水资源规划并监督实施,指导水资源保护工作。\n2、负责全县水旱灾害防御工作,组织编制防御预案。")
    assert len(d["duties"]) == 2


# ---------------------------------------------------------------- bodies numbered like chapters under their count
def test_bodies_numbered_like_chapters_under_a_count_line():
    d = p("根据上述职责,县人民政府办公室设4个内设机构:\n一、综合股\n负责文电、会务、机要等机关日常运转工作。\n"
          "二、督查股\n负责县政府决定事项的督促检查。\n三、信息股\n负责政务信息的收集和报送。\n四、行政股\n负责机关财务和后勤保障。")
    assert bodies(d) == ["综合股", "督查股", "信息股", "行政股"]
    assert d["internal_bodies"][1]["duties"] == "负责县政府决定事项的督促检查。"
    assert d["unit"] == "县人民政府办公室"


def test_chapters_that_are_no_bodies_are_not_read_as_bodies():
    d = p("市财政局设5个内设机构:\n一、主要职责\n负责全市财政收支管理。\n二、人员编制\n机关行政编制25名。")
    assert bodies(d) == []
    d = p("一、秘书科\n负责文秘工作。\n二、财务科\n负责财务工作。")  # no line announcing the bodies
    assert bodies(d) == []


# ---------------------------------------------------------------- a negative: a chronicle's list of a city's departments
def test_a_chronicle_listing_a_citys_departments_yields_no_unit_facts():
    d = p("1995年底,经省编委批准设置的市级党政机构共52个。其中市委9个,即:办公室、组织部、宣传部、统战部、政法委;"
          "市政府43个,即:办公室、计划委员会、财政局、公安局、民政局。")
    assert (d["unit"], d["nature"], d["rank"]) == (None, None, None)
    assert bodies(d) == [] and d["staffing"] == [] and d["internal_leadership"] == []
