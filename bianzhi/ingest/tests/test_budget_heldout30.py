"""Shapes of budget and final-accounts notes' opening sections found on the thirtieth held-out split (bench/sanding_real,
split heldout30): bodies after “内设7室;”, “机构设置:设有”, a count sentence, “X机构N个,即…”; bodies' own duty lists;
the unit on a cover line or first of a joint subject; cover titles; staffing and leadership details. One test per rule
on sentences written for the test (not the held-out wording); the negatives check that each rule stays put."""
from .helpers import bodies, p


# ---------------------------------------------------------------- bodies after a count with “;”, no “个”
def test_bodies_after_a_count_and_semicolon_without_the_holdings_bracket():
    d = p("一、单位基本情况\n青川县文化馆为全额拨款公益一类事业单位。\n(二)机构设置\n青川县文化馆内设5室;办公室、辅导部(舞蹈室、"
          "美术室、音乐室)、非遗保护部、培训部、信息部(数字文化馆)。\n二、收支情况")
    assert bodies(d) == ["办公室", "辅导部", "非遗保护部", "培训部", "信息部(数字文化馆)"]


def test_count_and_semicolon_before_no_names():
    d = p("青川县文化馆内设3室;分别负责综合协调、群众文化辅导和后勤保障工作。")
    assert bodies(d) == []


# ---------------------------------------------------------------- “机构设置:设有A、B…” with no count
def test_bodies_after_setup_colon():
    d = p("青川县图书馆2023年度部门预算\n一、单位概况\n机构设置:设有办公室、采编部、外借部、少儿书库、过刊书库\n"
          "主要职责:负责文献借阅服务。")
    assert d["unit"] == "青川县图书馆"
    assert bodies(d) == ["办公室", "采编部", "外借部", "少儿书库", "过刊书库"]


def test_setup_colon_without_a_unit_names_no_bodies():
    d = p("公共图书馆的机构设置:设有办公室、采编部、外借部、少儿书库等,各地不尽相同。")
    assert bodies(d) == []


# ---------------------------------------------------------------- a count sentence, then “主要有A、B…”, cut by the page
def test_bodies_after_a_count_sentence_last_one_cut_off():
    d = p("中共青川县委党校是县委直属的事业单位。\n二、机构设置\n校内设十个职能科室,目前实际设有八个职能科室。主要有机关党委、"
          "办公室(县情研究中心)、组织人事科、教务科、培训部(对外培")
    assert bodies(d) == ["机关党委", "办公室(县情研究中心)", "组织人事科", "教务科"]


# ---------------------------------------------------------------- groups “…机构N个,即A;…机构N个,即B、C”
def test_bodies_in_groups_with_their_counts_not_the_public_institution():
    d = p("一、单位基本情况\n政协机关设置综合办事机构1个,即县政协办公室;工作机构3个,即县政协提案委员会、县政协经济委员会、"
          "县政协文史委员会;设置县政协直属事业单位1个,即县政协委员服务中心。")
    assert bodies(d) == ["县政协办公室", "县政协提案委员会", "县政协经济委员会", "县政协文史委员会"]


# ---------------------------------------------------------------- duties under headings for two bodies are theirs
def test_duties_under_two_bodies_headings_are_not_the_units():
    d = p("政协机关设置综合办事机构1个,即县政协办公室;工作机构2个,即县政协提案委员会、县政协经济委员会。\n"
          "县政协办公室的主要职责为:\n1.负责全体会议的筹备工作。\n2.负责机关党建工作。\n"
          "县政协提案委员会的主要职责为:\n1.负责提案的征集和审查。\n2.负责委员联络工作。\n")
    assert d["duties"] == []
    assert bodies(d)[:1] == ["县政协办公室"]


def test_duties_under_one_heading_stay():
    d = p("青川县机关事务中心的主要职责为:\n1.负责机关后勤保障工作。\n2.负责公务用车管理工作。\n3.负责办公用房管理。\n")
    assert [x[:6] for x in d["duties"]] == ["负责机关后勤", "负责公务用车", "负责办公用房"]


# ---------------------------------------------------------------- the unit on a cover line “单位名称:X(本级)”
def test_unit_from_the_cover_line_over_a_shorter_name():
    d = p("2023年度部门决算\n单位名称:四川省青川县档案馆(本级)\n目 录\n一、部门基本情况\n"
          "青川县档案馆主要职责:收集和接收档案;承办县委交办的其他事项。\n本部门行政编制0人;事业编制12人,实际10人。")
    assert d["unit"] == "四川省青川县档案馆"
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("事业编制", 12)]


def test_cover_line_naming_another_unit_is_not_taken():
    d = p("单位名称:青川县财政局\n青川县档案馆是县委办公室管理的公益一类事业单位。")
    assert d["unit"] == "青川县档案馆"


# ---------------------------------------------------------------- the first of a joint subject
def test_first_of_a_joint_subject_with_a_bracketed_third_name():
    d = p("一、部门职责\n中共青川县委党校、青川县行政学校(社会主义学院;县委联合党校)是县委、县政府直属的事业单位,是培训干部的学校。")
    assert d["unit"] == "中共青川县委党校"


def test_joint_subject_of_a_party_committee_and_its_office_keeps_the_office():
    d = p("中共河东街工委、河东街办事处是青川县委、县政府的派出机构,辖6个社区。")
    assert d["unit"] != "中共河东街工委"


# ---------------------------------------------------------------- titles
def test_cover_title_over_two_lines_joined_with_a_space():
    d = p("2025-09-25\n来源:青川县民政局\n2024年度青川县民政局(部门)\n公开文档\n部门名称:青川县民政局(部门)\n报送日期:2025年9月\n"
          "第一部分 部门概况\n青川县民政局是县政府工作部门,为正科级。")
    assert d["title"] == "2024年度青川县民政局(部门) 公开文档"
    assert d["unit"] == "青川县民政局"


def test_title_line_with_its_table_of_contents_word():
    d = p("青川县红十字会2026年部门预算公开目录\n第一部分 青川县红十字会2026年部门预算编制说明\n一、基本职能及主要工作\n"
          "第一部分 青川县红十字会2026年部门预算编制说明\n(一)部门主要职责\n1.开展救援、救灾的相关工作。\n2.开展应急救护培训。\n")
    assert d["title"] == "青川县红十字会2026年部门预算公开目录"


def test_keyword_row_of_the_page_is_no_title():
    d = p("• 745795450/2016-00043\n• 青川县文化旅游局\n• 预算,部门预算\n• 2016-04-05\n青川县图书馆2016年度部门预算\n"
          "一、单位概况\n单位人员共有编制9个,其中事业编制9人。")
    assert d["title"] == "青川县图书馆2016年度部门预算"


# ---------------------------------------------------------------- staffing and leadership details
def test_leadership_total_with_its_up_and_down_split():
    d = p("青川县档案馆为县委办公室管理的公益一类事业单位。核定事业编制14名。设馆长1名,副馆长2名;科级领导职数8名(5正3副)。")
    assert d["internal_leadership"] == [{"level": "正科级", "count": 5}, {"level": "副科级", "count": 3}]


def test_leadership_split_that_does_not_add_up_keeps_the_total():
    d = p("青川县档案馆为县委办公室管理的公益一类事业单位。科级领导职数8名(5正4副)。")
    assert [(x["level"], x["count"]) for x in d["internal_leadership"]] == [("科级", 8)]


def test_funding_wording_kept_in_the_raw_staffing():
    d = p("青川县机关事务管理中心为县政府办公室管理的正科级财政全额拨款公益一类事业单位,内设科室3个:办公室、接待科、后勤科,"
          "财政全额拨款事业编制11名,设主任1名、副主任2名。")
    assert [(s["type"], s["raw"], s["count"]) for s in d["staffing"]] == [("事业编制", "财政全额拨款事业编制", 11)]


def test_posts_of_each_sub_unit_are_not_the_units():
    d = p("青川县司法局是县政府工作部门,为正科级。局机关内设办公室、法治股等6个股室;下辖8个乡镇司法所,机构规格为副科级,"
          "各所设所长一名。局机关设局长1名。")
    assert [(x["title"], x["count"]) for x in d["posts"]] == [("局长", 1)]


def test_a_description_item_is_no_duty():
    d = p("青川县图书馆(部门)2022年度部门决算\n(一)部门职责\n青川县图书馆实行免费开放。\n(二)部门机构设置\n"
          "青川县图书馆内设3室;行政部、借阅部、采编部。\n一、部门情况\n1、主要职能\n1.青川图书馆系全省第三批")
    assert d["duties"] == []
    assert bodies(d) == ["行政部", "借阅部", "采编部"]


# ---------------------------------------------------------------- heldout30b: rules after the second batch's first run
def test_page_footer_run_into_a_paragraph_does_not_join_two_duties():
    d = p("青川市社会科学界联合会2023年部门预算公开说明.pdf\n第一部分 部门概况 一、主要职责及机构设置 二、工作任务 三、预算单位构成 "
          "第二部分 收支情况 四、收支说明 第一部分 部门概况 一、主要职责及机构设置 青川市社科联是在中共青川市委领导下的社会科学学术性"
          "群众团体,是由市级社会科学类社会 团体组成的联合组织,是联系社科工作者的桥梁和 纽带。 (一)主要职责 (1)贯彻党和国家在社会"
          "科学方面的方针政策; (2)领导和协调全市社会科学界联合会、协会、研究会的工作; (3)组织市社会科学团体和社会科学工作者开展学术"
          "交流活动; (4)积极推动社会科学知识的宣传普及工作,帮助广大干部群众增强理论修养; — 1 — (5)执行市社科联代表大会、常务理事会"
          "的决议、决定,承办市委、市政府交办的其他任务。 (二)机构设置 根据以上职责,市社会科学界联合会内设 2 个科室:")
    assert [x[:4] for x in d["duties"]] == ["贯彻党和", "领导和协", "组织市社", "积极推动", "执行市社"]


def test_counted_bodies_after_a_colon_need_no_suffix_when_the_count_matches():
    d = p("1、职能职责\n青川县疾病预防控制中心是全额拨款事业单位。\n2、机构设置\n现有人数12人。机关设置3个科室:疾控门诊、计免科、后勤科。\n")
    assert bodies(d) == ["疾控门诊", "计免科", "后勤科"]


def test_counted_names_that_are_not_as_many_as_the_count_are_no_bodies():
    d = p("青川县疾病预防控制中心是全额拨款事业单位。机关设置4个科室:疾控门诊、计免科、后勤科。")
    assert bodies(d) == []


def test_bodies_set_up_inside_with_etc():
    d = p("现将市图书馆2026年部门预算予以公开:\n第一部分 青川市图书馆概况\n二、机构设置情况\n本单位内部设置了办公室、采编部、"
          "借阅部等,审批全额事业编制财政人数 20 人,其中,财政供养人员15人。")
    assert bodies(d) == ["办公室", "采编部", "借阅部"]
    assert [(s["type"], s["raw"], s["count"]) for s in d["staffing"]] == [("事业编制", "全额事业编制", 20)]


def test_purpose_clause_before_the_class_is_no_nature():
    d = p("青川县疾病预防控制中心是由政府举办实施县级疾病预防控制与公共卫生技术服务的纯公益性全额拨款事业单位。")
    assert d["nature"] == "纯公益性全额拨款事业单位"


def test_duties_after_the_2019_formula_without_their_heading():
    d = p("第二条 县应急管理局是县人民政府工作部门,为正科级。\n第三条 县应急管理局贯彻落实党中央关于应急管理工作的方针政策和"
          "省委、县委的决策部署,在履行职责过程中坚持和加强县委对应急管理工作的统一领导。\n(一)负责应急管理工作。\n(二)拟订应急")
    assert [x[:4] for x in d["duties"]] == ["负责应急", "拟订应急"]


def test_one_duty_under_its_heading_cut_off_by_the_page():
    d = p("青川县疾病预防控制中心2026年预算公开\n一、基本职能及主要工作\n(一)部门主要职责\n1.疾病预防与控制:开展疾病监测,分析")
    assert [x[:7] for x in d["duties"]] == ["疾病预防与控制"]


def test_rank_with_a_mass_organisation_class_is_a_rank():
    d = p("青川县总工会是正科级群团组织,隶属中共青川县委管理,主要职责是领导全县各级工会组织。")
    assert (d["nature"], d["rank"]) == (None, "正科级")


def test_short_form_subject_gives_the_units_class():
    d = p("青川市社会科学界联合会2023年部门预算\n青川市社科联是在中共青川市委领导下的社会科学学术性群众团体,是联系社科工作者的桥梁。")
    assert d["unit"] == "青川市社会科学界联合会"
    assert d["nature"] == "在中共青川市委领导下的社会科学学术性群众团体"


def test_an_article_on_a_kind_of_association_names_no_unit_and_no_bodies():
    d = p("【行业协会的组织与分工】行业协会作为连接政府、企业与社会的重要桥梁,发挥着重要作用。\n一、基本组织架构\n一般来说,行业协会的"
          "组织架构主要包括理事会、秘书处和监事会。\n二、各部门的主要职责\n1. 综合部\n综合部主要负责协会的行政事务。\n2. 业务发展部\n"
          "该部门负责行业调研。\n3. 财务部\n负责协会的资金管理。\n")
    assert d["unit"] is None
    assert bodies(d) == []
