"""Clause kinds found on the tenth held-out split (bench/sanding_real, split heldout10): one test per rule added after
its first run. The snippets are NOT the corpus texts: each rule is tried on a differently worded, differently named
text of the same kind, so a test passes only if the rule is general."""
from .helpers import p


# ---------------------------------------------------------------- a report's title under page metadata
def test_a_final_accounts_title_under_a_metadata_table_is_the_title_and_names_the_unit():
    d = p("[ 索引号 ] | 11500000/2022-00017 | [ 发文字号 ] | |\n"
          "[ 发布机构 ] | 青山县财政局 | [ 成文日期 ] | 2022-08-30 |\n"
          "青山县农业农村委员会2021年度部门决算公开说明\n"
          "一、部门基本情况\n"
          "青山县农业农村委员会是县政府工作部门,为正科级。")
    assert d["title"] == "青山县农业农村委员会2021年度部门决算公开说明"
    assert (d["unit"], d["nature"], d["rank"]) == ("青山县农业农村委员会", "县政府工作部门", "正科级")
    # the site's metadata is not the document's organ or date
    assert (d["issuing_organ"], d["issued_on"]) == (None, None)


def test_a_budget_title_after_label_lines_with_their_values_below():
    d = p("政府信息公开\n索引号:\nabc/2023-0012\n发布机构:\n东川市财政局\n文 号:\n发布日期:\n2023-03-01\n"
          "2023年度东川市退役军人事务局部门预算\n第一部分 部门概况\n一、主要职能")
    assert d["title"] == "2023年度东川市退役军人事务局部门预算"
    assert d["unit"] == "东川市退役军人事务局"


def test_a_heading_without_a_year_is_no_report_title():
    d = p("发布时间:2024-05-06 信息来源:北河市财政局\n目录\n第一部分 北河市人民政府办公室概况\n一、部门职责\n二、机构设置")
    assert d["title"] is None


# ---------------------------------------------------------------- the unit named only in the 2019 formula
def test_the_subject_of_the_2019_party_formula_is_the_unit():
    d = p("一、单位职能\n市医保局贯彻落实党中央关于医疗保障工作的方针政策和省委、市委的决策部署,在履行职责过程中"
          "坚持和加强党对医疗保障工作的集中统一领导。主要职责是:\n"
          "1.拟订全市医疗保障制度的政策、规划并组织实施。\n2.组织实施医疗保障基金监督管理办法。")
    assert d["unit"] == "市医保局"
    assert len(d["duties"]) == 2


def test_the_formula_without_its_closing_clause_names_no_unit():
    d = p("各部门要贯彻落实党中央关于安全生产的决策部署。\n县应急局要加强值守。")
    assert d["unit"] is None


# ---------------------------------------------------------------- a numbered section heading is no duty
def test_a_lone_numbered_heading_over_a_paragraph_is_no_duty():
    # a page cut off inside the paragraph under the heading (no full stop): the heading is not a duty
    d = p("第一部分 部门概况\n一、主要职能\n(一)主要职能\n依据省委有关文件,本局主要承担全市医疗保障工作的统筹协调和督促落")
    assert d["duties"] == []


def test_a_lone_duty_item_with_a_verb_is_kept():
    d = p("主要职责:\n(一)负责全县林草资源的监督管理工作。")
    assert len(d["duties"]) == 1


# ---------------------------------------------------------------- a subject of two names
def test_two_full_names_joined_by_a_pause_mark_the_unit_is_the_first():
    d = p("中共西岭县委党校、西岭县行政学校坐落于县城北郊,是县委直属的副科级事业单位。")
    assert (d["unit"], d["rank"]) == ("中共西岭县委党校", "副科级")
    d = p("北塘区档案馆、北塘区地方志办公室位于区政府大院,是区委直属的正科级事业单位。")
    assert d["unit"] == "北塘区档案馆"


def test_a_party_committee_and_its_office_still_give_the_office():
    d = p("中共新桥街工委、新桥街道办事处是新华区委、区政府的派出机构。")
    assert d["unit"] == "新桥街道办事处"


# ---------------------------------------------------------------- 职数 of many units at once
def test_posts_stated_for_a_number_of_units_are_no_units_posts():
    d = p("全县12个乡镇的领导职数均按7名核定,即党委书记1名、乡镇长1名、副书记2名、副乡镇长3名。")
    assert d["posts"] == []
    d = p("各街道设主任1名、副主任3名。")
    assert d["posts"] == []


def test_posts_of_the_unit_itself_are_kept():
    d = p("东山县统计局是县政府工作部门,为正科级。\n设局长1名,副局长2名。")
    assert [(x["title"], x["count"]) for x in d["posts"]] == [("局长", 1), ("副局长", 2)]


# ---------------------------------------------------------------- 事业单位 descriptions as recruitment notices give them
def test_a_comma_between_the_unit_and_its_class():
    d = p("西河县水利工程管理站，系县水利局所属股级公益二类事业单位，主要承担全县小型水库的运行管护。")
    assert (d["unit"], d["nature"], d["rank"]) == ("西河县水利工程管理站", "县水利局所属股级公益二类事业单位", "股级")


def test_a_comma_before_a_verb_phrase_is_no_statement():
    d = p("西河县水利局，为加强水库管理，开展了专项检查。")
    assert d["nature"] is None


def test_an_untyped_figure_in_the_units_own_sentence():
    d = p("南坪市城市管理综合执法支队为市城市管理局下属正科级事业单位,核定编制32名。")
    assert [(x["type"], x["raw"], x["count"]) for x in d["staffing"]] == [("其他编制", "编制", 32)]


def test_an_untyped_figure_of_subordinate_bodies_is_not_the_units():
    d = p("南坪市城市管理局是市政府工作部门,下属各中队核定编制12名。")
    assert d["staffing"] == []


# ---------------------------------------------------------------- a township: its bodies and its leaders
def test_a_townships_bodies_listed_with_their_count():
    d = p("红岩乡设党政综合办公室、党建办公室、乡村振兴办公室、综合行政执法队4个内设机构,设农业综合服务中心1个事业单位。"
          "核定行政编制22名。设乡长1名,副乡长3名。")
    assert d["unit"] == "红岩乡"
    assert [x["name"] for x in d["internal_bodies"]] == ["党政综合办公室", "党建办公室", "乡村振兴办公室", "综合行政执法队"]
    assert [(x["title"], x["count"]) for x in d["posts"]] == [("乡长", 1), ("副乡长", 3)]


def test_a_township_list_with_a_non_body_item_gives_nothing():
    d = p("红岩乡设立农民夜校、文化广场2个活动阵地。")
    assert d["internal_bodies"] == []


# ---------------------------------------------------------------- heldout10b: budget notes and self-evaluation forms
def test_a_duty_heading_with_a_lead_in_sentence_heads_the_numbered_duties():
    d = p("一、部门职责及机构\n(一)部门职责\n按照县机构改革方案,东平县统计局是县政府工作部门。\n"
          "1.组织实施全县统计调查,收集、汇总统计数据;\n2.依法监督检查统计法律法规的实施情况,查处统计违法行为:\n"
          "(1)统计造假问题;\n(2)拒报迟报问题。")
    assert [x[:6] for x in d["duties"]] == ["组织实施全县", "依法监督检查"]


def test_numbered_lines_of_a_table_of_contents_are_no_bodies():
    d = p("东平县统计局2022年部门预算\n目 录\n第一部分 部门概况\n一、支出预算\n(一)人员支出\n(二)公用支出\n"
          "第一部分 部门概况\n局机关设置综合股、统计执法股、核算股等股室。")
    assert [x["name"] for x in d["internal_bodies"]] == ["综合股", "统计执法股", "核算股"]


def test_an_uncounted_list_of_other_things_is_no_bodies():
    d = p("东平县统计局2022年部门预算\n本单位设立普查项目、调查项目等项目。")
    assert d["internal_bodies"] == []


def test_a_self_reference_states_the_nature_of_the_unit_named_in_the_title():
    d = p("北塘区园林绿化所2023年部门预算说明\n一、部门基本概况\n本单位是区城市管理局下属二级机构,负责城区绿化养护。")
    assert (d["unit"], d["nature"]) == ("北塘区园林绿化所", "区城市管理局下属二级机构")


def test_a_form_pasted_cell_by_cell():
    d = p("整体支出绩效自评表\n单位名称:东湖区图书馆\n\n核定编制\n\n12\n\n实有人数\n\n10\n\n报告日期:2020年3月5日")
    assert d["unit"] == "东湖区图书馆"
    assert [(x["type"], x["raw"], x["count"]) for x in d["staffing"]] == [("其他编制", "核定编制", 12)]
    assert d["issued_on"] == "2020-03-05"


def test_staff_on_hand_in_a_form_is_no_staffing():
    d = p("单位名称:东湖区图书馆\n实有人数\n10")
    assert d["staffing"] == []


def test_a_project_self_evaluation_title_names_the_unit():
    d = p("西江市文化馆2023年度重点项目绩效自评报告\n一、基本情况\n2023年,西江市文化馆(以下简称“市文化馆”)开展活动120场。")
    assert (d["title"], d["unit"], d["short_name"]) == ("西江市文化馆2023年度重点项目绩效自评报告", "西江市文化馆", "市文化馆")


def test_a_first_line_report_title_with_a_bracketed_qualifier():
    d = p("东湖区图书馆2021绩效自评报告(整体支出)\n来源:办公室 2022-05-01\n东湖区2021年度部门整体支出\n绩效评价自评报告")
    assert d["title"] == "东湖区图书馆2021绩效自评报告(整体支出)"
    assert d["unit"] == "东湖区图书馆"


# ---------------------------------------------------------------- heldout10c: township final-accounts notes
def test_a_report_title_with_guanyu_names_the_unit():
    d = p("政府信息公开\n清溪乡人民政府 关于2023年部门预算公开情况的说明\n时间:2023-03-01\n一、部门职责\n清溪乡党委、乡政府贯彻落实")
    assert (d["title"].replace(" ", ""), d["unit"]) == ("清溪乡人民政府关于2023年部门预算公开情况的说明", "清溪乡人民政府")


def test_a_metadata_row_is_no_title():
    d = p("[ 主题分类 ] 财政 [ 体裁分类 ] 财政预算、决算\n[ 发布机构 ] 石门镇 [ 有效性 ] 有效\n"
          "南川市石门镇人民政府2023年度部门决算情况说明\n一、部门基本情况")
    assert (d["title"], d["unit"]) == ("南川市石门镇人民政府2023年度部门决算情况说明", "南川市石门镇人民政府")


def test_a_full_title_line_wins_over_half_of_a_cover_title_below():
    d = p("中国共产党青田县委员会宣传部2022年度部门决算公开\n来源: 青田县财政局\n中共青田县委员会\n宣传部2022年部门决算\n"
          "第一部分:县委宣传部概况")
    assert (d["title"], d["unit"]) == ("中国共产党青田县委员会宣传部2022年度部门决算公开", "中国共产党青田县委员会宣传部")


def test_a_numbered_body_list_after_a_heading_that_follows_lettered_duties():
    d = p("一、部门主要职能\n(一)组织实施全乡经济和社会发展规划。\n(二)负责本行政区域内的社会事务。\n"
          "二、机构设置\n白沙乡人民政府设3个内设机构:\n1. 党政综合办公室\n2. 乡村振兴办公室\n3. 平安建设办公室\n")
    assert d["unit"] == "白沙乡人民政府"
    assert [x["name"] for x in d["internal_bodies"]] == ["党政综合办公室", "乡村振兴办公室", "平安建设办公室"]
    assert len(d["duties"]) == 2


def test_bodies_under_a_lettered_heading_that_names_the_structure():
    d = p("(一)主要职能。\n负责全镇经济社会管理。\n(二)机构设置。\n(1)党政办公室:主要负责综合协调。\n"
          "(2)经济发展办公室(挂统计站牌子):主要负责经济发展。\n(3)社会事务办公室:主要负责民政工作。")
    assert [x["name"] for x in d["internal_bodies"]] == ["党政办公室", "经济发展办公室(挂统计站牌子)", "社会事务办公室"]


def test_the_last_item_cut_off_by_the_page_is_no_body_but_a_whole_name_is():
    d = p("内设机构:\n1. 办公室\n2. 业务科\n3. 综合执")
    assert [x["name"] for x in d["internal_bodies"]] == ["办公室", "业务科"]
    d = p("内设机构:\n1. 办公室\n2. 业务科\n3. 期刊社")
    assert [x["name"] for x in d["internal_bodies"]] == ["办公室", "业务科", "期刊社"]
