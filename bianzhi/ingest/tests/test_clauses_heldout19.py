"""Clause kinds the county/township/street split showed the parser missing (bench/sanding_real, split heldout19): one
test per rule added after its first run, and guards that a rule does not reach past its kind. The snippets are NOT the
corpus texts: each rule is tried on a differently worded, differently named text of the same kind, so a test passes
only if the rule is general."""
from bianzhi.ingest import township_clauses

from .helpers import bodies, p


# ---------------------------------------------------------------- a township's duties grouped under party and government
def test_duties_grouped_under_party_and_government_are_their_items():
    d = p("石门乡人民政府2023年部门预算\n一、部门主要职责\n"
          "1.党委职责:(1)宣传和贯彻执行党的路线方针政策。(2)加强基层党组织建设和党员队伍建设。(3)领导本乡的群团工作。\n"
          "2.政府职责:(1)执行本级人民代表大会的决议和上级国家行政机关的决定。(2)管理本乡的经济、文化和社会事务。\n"
          "二、机构设置及人员情况")
    assert [x[:8] for x in d["duties"]] == ["宣传和贯彻执行党", "加强基层党组织建", "领导本乡的群团工",
                                           "执行本级人民代表", "管理本乡的经济、"]


def test_a_duty_that_only_names_a_duty_stays_whole():
    # “…的职责” inside an item, no run-in “(1)(2)”: not a group heading
    d = p("某县统计局主要职责是:\n1.承担组织领导和协调全县统计工作的职责。\n2.负责全县国民经济核算工作。\n3.负责统计数据的发布。")
    assert len(d["duties"]) == 3
    assert d["duties"][0].startswith("承担组织领导和协调")
    assert township_clauses.grouped_duties(["负责职责:(2)只有第二项"]) is None


# ---------------------------------------------------------------- a duty list cut off by the page after its first item
def test_a_duty_list_cut_after_its_first_item_gives_that_duty():
    d = p("青川县自然资源局2024年部门预算编制说明\n一、基本职能及主要工作\n(一)部门主要职责\n"
          "青川县自然资源局是县政府工作部门,为正科级。主要职责是:\n1.履行全民所有土地、矿产、森林等自然资源资产所有者职责和所有国土空间用")
    assert len(d["duties"]) == 1
    assert d["duties"][0].startswith("履行全民所有土地")


def test_the_cut_first_item_rule_needs_the_item_to_end_the_text():
    # item 1 followed by more text (the list goes on, or another section follows): this rule reads nothing
    assert township_clauses.cut_first_duty("主要职责是:\n1.负责全县林业工作。\n二、机构设置\n内设3个股室。") is None
    assert township_clauses.cut_first_duty("具体为:\n(1)指导全县文物保护工作,负责") is not None


# ---------------------------------------------------------------- a party department named in full in its statement
def test_party_department_full_name_over_its_short_form_in_the_title():
    d = p("中共青川县委宣传部2022年部门预算编制说明\n一、基本职能及主要工作\n(一)部门主要职责\n"
          "中国共产党青川县委员会宣传部(简称:县委宣传部)是中共青川县委工作机关,为正科级,加挂青川县新闻出版局牌子。")
    assert d["unit"] == "中国共产党青川县委员会宣传部"
    assert d["short_name"] == "县委宣传部"  # “简称:” — the colon is no part of the short name
    assert d["rank"] == "正科级"


def test_party_full_name_only_replaces_its_own_short_form():
    text = "中国共产党青川县委员会组织部(简称:县委组织部)是中共青川县委工作机关。"
    assert township_clauses.party_full_name(text, "中共青川县委组织部").value == "中国共产党青川县委员会组织部"
    assert township_clauses.party_full_name(text, "中共青川县委宣传部") is None  # another department: not its name


# ---------------------------------------------------------------- a budget page's first title line “…预算公开目录”
def test_budget_catalogue_title_line_is_the_title():
    d = p("监督索引号53012300111100000\n宜良县林业和草原局2025年预算公开目录\n"
          "第一部分 宜良县林业和草原局2025年部门预算编制说明\n第二部分 宜良县林业和草原局2025年部门预算表\n"
          "宜良县林业和草原局2025年部门预算编制说明\n一、基本职能及主要工作\n(一)部门主要职责\n"
          "1.负责全县林业和草原及其生态保护修复的监督管理。\n2.组织全县林业和草原生态保护修复和造林绿化工作。")
    assert d["title"] == "宜良县林业和草原局2025年预算公开目录"
    assert d["unit"] == "宜良县林业和草原局"


# ---------------------------------------------------------------- a township's new bodies in a news item
def test_township_ceremony_names_the_unit_and_its_counted_new_bodies():
    d = p("本报讯 (记者 李明) 5月18日,淮阳区白楼镇举行9个新设置机构揭牌仪式。\n"
          "按照全省乡镇管理体制改革部署,白楼镇被确定为较大规模乡镇,新设置9个机构:党政综合办公室、党建工作办公室、"
          "经济发展办公室、社会事务办公室、平安建设办公室、应急管理办公室、综合行政执法大队、便民服务中心和退役军人服务站。\n"
          "当天,全区其他乡镇同时举行揭牌仪式。")
    assert d["unit"] == "淮阳区白楼镇"
    assert bodies(d) == ["党政综合办公室", "党建工作办公室", "经济发展办公室", "社会事务办公室", "平安建设办公室",
                         "应急管理办公室", "综合行政执法大队", "便民服务中心", "退役军人服务站"]


def test_new_bodies_need_as_many_names_as_their_count():
    assert township_clauses.new_bodies("新设置9个机构:党政综合办公室、党建工作办公室和便民服务中心。") == []
    # several townships at once: no one township is the subject
    assert township_clauses.township_ceremony("当天,城关镇、江村镇等13个乡镇同时举行新设置机构揭牌仪式。") is None


# ---------------------------------------------------------------- a budget note that opens on its subject
def test_budget_note_subject_under_its_basic_situation_heading():
    d = p("一、基本情况\n农机局主要负责全县农业机械化发展规划和农机安全监理工作。现有人数12人。\n"
          "二、预算安排情况\n预算总收入120万元。")
    assert d["unit"] == "农机局"


# ---------------------------------------------------------------- a first-person answer on a Q&A site
def test_first_person_answer_names_no_unit():
    d = p("我是一名街道办事处的工作人员,来回答一下这个问题。\n街道的机构改革各地不一样,以我们街道为例。\n"
          "综合办公室是街道办事处的内设机构,负责文秘、会务和后勤。")
    assert d["unit"] is None
    assert d["nature"] is None


def test_a_unit_with_a_place_in_a_first_person_text_is_kept():
    assert not township_clauses.first_person_answer("我是一名记者,来回答一下。", "青川县民政局")


# ---------------------------------------------------------------- heldout19b: rules added after its first run
def test_a_duty_heading_that_names_the_unit_and_ends_with_a_period():
    d = p("第一部分 部门概况\n一、基本职能及主要工作\n(一)什邡市蓥华镇人民政府主要职能。\n"
          "1.贯彻执行党和国家的路线方针政策和上级党委、政府的决策部署。\n2.加强党的建设,落实管党治党主体责任。\n"
          "3.推动辖区经济社会健康发展,负责乡村振兴工作。\n二、部门预算单位构成")
    assert d["unit"] == "什邡市蓥华镇人民政府"
    assert [x[:6] for x in d["duties"]] == ["贯彻执行党和", "加强党的建设", "推动辖区经济"]


def test_a_townships_offices_set_up_by_kind_are_its_bodies_not_its_service_units():
    d = p("重庆市江津区白沙镇人民政府2023年度部门决算公开说明\n一、部门基本情况\n(一)机构设置及职能职责\n"
          "设置1个综合办事机构:党政办公室。设置3个内设机构:党建工作办公室、经济发展办公室、平安法治办公室。\n"
          "统一设置2个事业单位:便民服务中心、综合行政执法大队。\n党政办公室:负责镇机关的日常运转。")
    assert bodies(d) == ["党政办公室", "党建工作办公室", "经济发展办公室", "平安法治办公室"]


def test_a_report_laid_out_with_its_number_and_addressee():
    d = p("抚松县林业局2023年工作总结及2024年工作安排情况报告\n抚林字〔2023〕88号\n中共抚松县委办公室:\n"
          "现将林业局工作总结报告如下:\n一、基本情况\n(一)主要工作职责:森林资源管理、林业有害生物防治、林业执法等。\n"
          "(二)编制配备和经费情况:林业局现有编制数42名,实有人数40人。全局业务科室9个。")
    assert d["title"] == "抚松县林业局2023年工作总结及2024年工作安排情况报告"
    assert d["doc_number"] == "抚林字〔2023〕88号"
    assert d["issuing_organ"] == "抚松县林业局"
    assert d["unit"] == "抚松县林业局"
    assert d["duties"] == []  # “(一)主要工作职责:…(二)编制配备和经费情况:…” are section headings
    assert [(s["type"], s["raw"], s["count"]) for s in d["staffing"]] == [("其他编制", "编制", 42)]


def test_a_request_about_another_body_names_its_organ_not_a_unit():
    found = township_clauses.report_title("抚松县民政局关于设立县殡仪服务中心的请示\n抚民字〔2023〕12号\n县委编办:\n")
    assert found[0].value == "抚松县民政局关于设立县殡仪服务中心的请示"
    assert found[1].value == "抚松县民政局"
    assert found[2] is None


def test_staff_on_hand_is_no_staffing():
    from bianzhi.ingest import county_clauses
    assert county_clauses.untyped_staffing("林业局现有人数40人,其中在编38人。") is None
    assert county_clauses.untyped_staffing("林业局现有编制数42名,实有人数40人。").value["count"] == 42


def test_a_cut_first_duty_numbered_with_a_chinese_numeral():
    found = township_clauses.cut_first_duty("X县审计局的主要职责是:\n(一)主管全县审计工作,负责对县级预算执行情况进行审计监")
    assert found is not None and found.value.startswith("主管全县审计工作")


# ---------------------------------------------------------------- heldout19c: rules added after its first run
def test_a_budget_title_with_the_budget_word_after_the_name_gives_the_unit():
    d = p("标题: | 黄柏乡人民政府部门2024年部门预算 | ||||\n黄柏乡人民政府部门2024年部门预算\n目录\n第一部分 黄柏乡人民政府部门概况\n"
          "一、部门主要职责\n1、执行本级人民代表大会的决议和上级国家行政机关的决定。\n2、执行本乡的经济和社会发展计划、预算。\n"
          "二、机构设置及人员情况")
    assert d["title"] == "黄柏乡人民政府部门2024年部门预算"
    assert d["unit"] == "黄柏乡人民政府"


def test_a_budget_templates_section_headings_are_no_duties():
    d = p("一、基本职能及主要工作\n(一)职能简介\n渠县三汇镇人民政府基本职能:贯彻党的路线、方针、政策,执行上级党委、政府的决定和命令。\n"
          "(二)2024年重点工作\n2024年政府工作的总体要求是:以习近平新时代中国特色社会主义思想为指导,推进乡村振兴。\n"
          "二、部门预算单位构成\n渠县三汇镇人民政府属行政单位,下属事业单位3个。")
    assert d["duties"] == []
    assert d["unit"] == "渠县三汇镇人民政府"


# ---------------------------------------------------------------- heldout19d: rule widened after its first run
def test_a_final_accounts_catalogue_title_line_is_the_title():
    d = p("监督索引号53232800120201000\n中国共产党元谋县委员会宣传部2023年度部门决算目录\n"
          "第一部分 中国共产党元谋县委员会宣传部概况\n一、主要职能\n二、部门基本情况\n第二部分 2023年度部门决算表\n"
          "一、收入支出决算表\n二、收入决算表\n第一部分 中国共产党元谋县委员会宣传部概况\n一、主要职能\n(一)主要职能\n"
          "1.负责全县党的理论学习和宣传教育工作。\n2.负责全县新闻宣传和舆论引导工作。")
    assert d["title"] == "中国共产党元谋县委员会宣传部2023年度部门决算目录"
    assert d["unit"] == "中国共产党元谋县委员会宣传部"
