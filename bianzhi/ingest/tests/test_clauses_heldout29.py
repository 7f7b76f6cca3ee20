"""Clause kinds found on the twenty-ninth held-out split (bench/sanding_real, split heldout29): 检察院/法院 内设机构,
开发区/园区 管委会, 议事协调机构 and their offices, schools' bodies. One test per rule added after its first run, on sentences
written for the test in the shapes the misses showed; the negatives check that each rule stays put."""
from .helpers import bodies, p


# ---------------------------------------------------------------- bodies numbered by ordinals in running text
def test_ordinal_bodies_written_out_from_a_reform_news_item():
    d = p("近日,会上传达了《青河县人民检察院职能配置、内设机构和人员编制规定》。改革后,院机关按照捕诉一体的要求整合原公诉科、"
          "侦查监督科,组建第一、二检察部;整合民事行政检察科,组建第三、第四检察部,另设检察综合部。")
    assert (d["title"], d["unit"]) == ("青河县人民检察院职能配置、内设机构和人员编制规定", "青河县人民检察院")
    assert bodies(d) == ["第一检察部", "第二检察部", "第三检察部", "第四检察部"]


def test_ordinal_words_that_are_no_bodies():
    d = p("会上宣读了《青河县人民检察院职能配置、内设机构和人员编制规定》。改革分为第一、二批推进,第一、二部分为总体要求。")
    assert d["unit"] == "青河县人民检察院"
    assert bodies(d) == []


# ---------------------------------------------------------------- bodies as a table's first column
def test_table_bodies_with_rows_run_together():
    d = p("【说说临川职业学院】临川职业学院是一所公办高等职业院校,管理机构如下:\n部门名称 | 主要职责 |\n"
          "党政办公室 | 负责文秘、会务和督查。 |教务处 | 负责教学计划和考试安排。 |\n学生工作处 | 负责学生日常管理。 |\n"
          "三、其他说明\n学院还设有若干研究所。")
    assert d["unit"] == "临川职业学院"
    assert bodies(d) == ["党政办公室", "教务处", "学生工作处"]


def test_table_without_a_unit_names_no_bodies():
    d = p("一般来说,高校的管理部门包括以下几类:\n部门名称 | 主要职责 |\n党政办公室 | 负责文秘。 |教务处 | 负责教学。 |")
    assert bodies(d) == []


# ---------------------------------------------------------------- bodies as paragraphs opening with their names
def test_paragraph_bodies_after_a_lead_in():
    d = p("清江县工业园区管理委员会是清江县政府派出机构,正科级,编制12人。园区管委会内设机构是:\n"
          "综合股 2003年8月成立,股级,负责文秘、后勤。\n招商股2003年8月成立,负责项目引进和联络。\n规")
    assert d["unit"] == "清江县工业园区管理委员会"
    assert bodies(d) == ["综合股", "招商股"]


# ---------------------------------------------------------------- a school named by the opening sentence
def test_school_named_by_the_opening_sentence():
    d = p("【简介一下这所学校】临江师范学院作为省属本科院校之一,其管理体系较为完善,设有12个二级学院。")
    assert d["unit"] == "临江师范学院"


def test_no_school_unit_for_schools_in_general():
    d = p("我国的综合性大学始建于清末,通常设有教务处、学生处等部门。")
    assert d["unit"] is None


# ---------------------------------------------------------------- a short form that is the subject of powers
def test_unit_and_short_name_from_the_subject_of_powers():
    d = p("第二条 本办法适用于青山区物流园区管理委员会(以下简称物流园管委会)管理的区域。\n"
          "第三条 物流园管委会享有和行使以下职权:\n(一)统一规划园区土地和基础设施;\n(二)负责园区招商引资和企业服务;\n(三)\n")
    assert (d["unit"], d["short_name"]) == ("青山区物流园区管理委员会", "物流园管委会")
    assert [x[:6] for x in d["duties"]] == ["统一规划园区", "负责园区招商"]


def test_a_short_form_without_powers_gives_no_unit():
    d = p("第二条 本办法适用于青山区物流园区管理委员会(以下简称物流园管委会)管理的区域内的企业。\n第三条 企业应当依法经营。")
    assert d["unit"] is None


# ---------------------------------------------------------------- a 议事协调机构's office with a quota and a plaque
def test_office_set_up_with_a_quota_and_a_plaque_hung_on_it():
    d = p("由两位副县长共同担任县乡村振兴委员会主任。\n下设县乡村振兴委员会办公室,办公室编制为5人,负责日常工作。\n"
          "县乡村振兴服务中心牌子挂在县乡村振兴委员会办公室,办公地点设在县农业农村局。")
    assert d["unit"] == "县乡村振兴委员会办公室"
    assert d["plaques"] == ["县乡村振兴服务中心"]
    assert [(s["type"], s["raw"], s["count"]) for s in d["staffing"]] == [("其他编制", "编制", 5)]


# ---------------------------------------------------------------- a title about an action on a kind of body
def test_title_on_an_action_names_no_unit():
    assert p("关于规范中小学校内设机构设置的规定\n各中小学校:\n为规范学校机构设置,现规定如下。")["unit"] is None


def test_title_on_one_body_still_names_it():
    assert p("关于调整县财政局内设机构的通知\n县财政局:\n经研究,同意调整你局内设机构。")["unit"] == "县财政局"


# ---------------------------------------------------------------- dates
def test_signature_date_in_a_table_cell():
    d = p("三、其他事项\n(一)工作专班办公室设在市商务局,承担日常工作。\n长沙市人民政府办公厅\n2020年3月2日 |")
    assert (d["issuing_organ"], d["issued_on"]) == ("长沙市人民政府办公厅", "2020-03-02")


def test_closing_date_of_a_titled_rule_with_no_signature():
    d = p("关于加强中小学中层干部配备的意见\n各中小学:\n一、中层干部按班额配备。\n二、不得随意增设。\n\n二○一○年五月六日\n\n"
          "主题词:学校 干部")
    assert d["issued_on"] == "2010-05-06"


def test_no_closing_date_when_text_follows_it():
    d = p("关于加强中小学中层干部配备的意见\n各中小学:\n2010年5月6日起执行以下意见。\n一、中层干部按班额配备。")
    assert d["issued_on"] is None


def test_notice_date_above_the_issued_title_written_with_a_de():
    d = p("东平市人民政府办公室印发关于东平产业园管理体制意见的通知\n各镇人民政府:\n《关于东平产业园管理体制的意见》已经市政府同意,"
          "现印发给你们。\n二○一二年三月九日\n关于东平产业园管理体制的意见\n一、管理架构。")
    assert d["issued_on"] == "2012-03-09"


# ---------------------------------------------------------------- heldout29b: measured after the rules above
def test_unit_and_short_name_of_a_body_described_right_after_them():
    d = p("机构设置\n江口临港产业园管理委员会(简称“管委会”)内设3个职能机构,主要负责园区规划和招商。\n1、综合办公室\n负责文秘和后勤。\n"
          "2、招商服务部\n负责项目引进。")
    assert (d["unit"], d["short_name"]) == ("江口临港产业园管理委员会", "管委会")


def test_school_below_a_site_clock_line_and_breadcrumb():
    d = p("今天是:2016年05月03日 星期二\n当前位置:网站首页 > 学校概况\n石门镇中心小学位于镇区东侧,创建于1962年,现有教职工40名。")
    assert d["unit"] == "石门镇中心小学"
    assert d["staffing"] == [] and d["issued_on"] is None


def test_procuratorate_of_a_reform_news_item_and_its_bodies():
    d = p("某省检察院完成内设机构改革\n12月3日上午,江北省人民检察院召开新闻发布会,宣布该院完成内设机构改革。改革后共设有20个内设机构,"
          "包括11个检察业务部门,以及办公室(新闻办公室)、检务督察部等9个综合部门。改革组建了民事、行政、公益诉讼三个检察部。")
    assert d["unit"] == "江北省人民检察院"
    assert sorted(bodies(d)) == sorted(["办公室(新闻办公室)", "检务督察部", "民事检察部", "行政检察部", "公益诉讼检察部"])


def test_no_unit_from_a_meeting_that_launches_a_reform():
    d = p("6月5日下午,江口区检察院召开内设机构改革动员部署会,全院干警参加。会上传达了改革实施方案,检察长作了动员讲话。")
    assert d["unit"] is None


def test_counted_group_needs_the_count_to_match():
    d = p("会上宣读了《青河县人民检察院职能配置、内设机构和人员编制规定》。改革组建了民事、行政两个检察部,另设立刑事、未检、"
          "控申三个办案组。")
    assert bodies(d) == ["民事检察部", "行政检察部"]
