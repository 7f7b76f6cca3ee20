"""Clause kinds found on the twenty-seventh held-out split (bench/sanding_real, split heldout27): vertically managed bodies
and their local offices — 气象局, 调查队, 邮政/通信管理局, 税务总局, 移民管理局 describing themselves in encyclopedia leads, Q&A
lists, news items and a notice's opening. One test per rule added after its first run, on sentences written for the test
(not copied from the held-out texts); the guards check that each rule stays put."""
from .helpers import bodies, p


# ---------------------------------------------------------------- bodies: “X:” lines after a counted lead-in
def test_bodies_as_colon_lines_after_a_counted_lead_in():
    d = p("国家林业局设5个内设机构,正司局级,分别负责:\n\n综合司:\n\n负责机关日常运转;\n\n保护司:\n\n负责野生动植物保护;\n\n"
          "规划财务司:\n\n负责规划和财务。\n\n二、地方层面\n\n省林业局:\n\n正厅级。")
    assert bodies(d) == ["综合司", "保护司", "规划财务司"]


def test_colon_lines_without_a_counted_lead_in_are_no_bodies():
    d = p("常见问题\n\n综合司:\n\n负责机关日常运转;\n\n保护司:\n\n负责野生动植物保护。")
    assert bodies(d) == []


# ---------------------------------------------------------------- bodies: an inline list with notes, ended or cut
def test_inline_bodies_drop_their_notes_and_end_at_a_second_list():
    d = p("青山市水文局是青山市的水文工作机构。2010年改革后,市局内设4个管理机构:综合科(含人事、财务)、水情科、水资源科、站网科,"
          "3个直属事业单位:水文站、水质监测中心、信息中心。")
    assert bodies(d) == ["综合科", "水情科", "水资源科", "站网科"]


def test_inline_bodies_cut_by_the_page_lose_the_cut_item():
    d = p("白水县水文站现有职工12人。内部设立测验股(下设两个测验组)、资料股、服务部及应急")
    assert bodies(d) == ["测验股", "资料股", "服务部"]


def test_inline_list_with_an_item_that_is_no_body_gives_none_of_them():
    d = p("白水县水文站现有职工12人。内部设立测验股、资料股、一些临时性的岗位。")
    assert "测验股" not in bodies(d)


# ---------------------------------------------------------------- unit: a description starting “X的前身是Y”
def test_unit_whose_former_name_has_the_short_form():
    d = p("国家统计局青山调查队的前身是青山县城市社会经济调查队,简称城调队,是国家统计局派出机构。负责居民收支调查。")
    assert (d["unit"], d["short_name"], d["nature"]) == ("国家统计局青山调查队", None, "国家统计局派出机构")


# ---------------------------------------------------------------- unit: a 揭牌 ceremony; a level of body is none
def test_unit_of_a_ceremony_over_a_level_of_body():
    d = p("10月8日上午,青山市邮政管理局成立揭牌仪式在市行政中心举行。省邮政管理局局长出席。\n"
          "全省共设11个市(地)邮政管理局。市(地)一级邮政管理局的主要职责是:贯彻执行国家邮政法律法规,监督管理")
    assert d["unit"] == "青山市邮政管理局"


# ---------------------------------------------------------------- unit: the example a text on a kind of body takes
def test_unit_taken_as_an_example_with_its_bodies():
    d = p("气象局作为气象工作的主管机构,其科室设置各地不一。以青山市气象局为例,其内设机构为办公室、业务科和财务科三个科室,"
          "行政编制9人。类似安排在白水县气象局也能见到。")
    assert d["unit"] == "青山市气象局"
    assert bodies(d) == ["办公室", "业务科", "财务科"]
    assert d["nature"] is None
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("行政编制", 9)]


# ---------------------------------------------------------------- an encyclopedia lead with an English name
def test_encyclopedia_lead_with_an_english_name_and_headed_duties():
    d = p("国家海洋局\n\n国家海洋局\n\n国土资源部管理的副部级国家局\n国家海洋局(State Oceanic Administration)是国土资源部管理的"
          "副部级国家局,成立于1964年。\n\n机构职责\n\n(一)拟定海洋工作的方针政策和发展规划。\n\n(二)组织海洋基础调查。\n\n"
          "(三)管理海域使用和海岛保护。")
    assert (d["unit"], d["nature"], d["rank"]) == ("国家海洋局", "国土资源部管理的副部级国家局", "副部级")
    assert [x[:6] for x in d["duties"]] == ["拟定海洋工作", "组织海洋基础", "管理海域使用"]


# ---------------------------------------------------------------- a notice setting up a body in place of another
def test_notice_replacing_a_body_names_the_new_one_in_full():
    d = p("内容阅读\n各市、县人民政府,省直各单位:根据《关于青海省邮政管理局组建方案的批复》(国邮[2006]12号)精神,撤销省邮电局,"
          "成立省邮政管理局。现将有关事宜通知如下:一、省邮政管理局是以国家邮政局领导为主,接受国家邮政局与省政府双重领导的"
          "行政机构,为副局(厅)级建制。")
    assert d["title"] is None
    assert d["unit"] == "青海省邮政管理局"
    assert d["nature"] == "以国家邮政局领导为主,接受国家邮政局与省政府双重领导的行政机构"
    assert d["rank"] == "副厅级"


def test_a_bare_level_unit_is_not_completed_from_a_heading_word():
    d = p("第二条\n县统计局是县政府工作部门,为正科级。\n负责县统计局机关日常工作。")
    assert d["unit"] == "县统计局"


# ---------------------------------------------------------------- nature: “X于…成立,是Y下属单位”
def test_nature_after_the_founding_date():
    d = p("国家数据局是副部级单位。\n\n国家数据局于2023年10月25日成立,是国家发展和改革委员会管理的单位,负责协调推进数据基础制度建设。")
    assert (d["unit"], d["rank"], d["nature"]) == ("国家数据局", "副部级", "国家发展和改革委员会管理的单位")


# ---------------------------------------------------------------- heldout27b: a body under its city's name on a Q&A site
def test_vertical_body_under_its_city_name_on_a_content_site():
    d = p("时间:03-02人气:31作者:某网友\n拱北海关是中央垂直管理机构,属于国家公务员编制。主要负责口岸监管。\n"
          "注意:本站部分文字内容由网友投稿。")
    assert (d["unit"], d["nature"]) == ("拱北海关", "中央垂直管理机构")


def test_a_kind_of_vertical_body_on_a_content_site_is_still_no_unit():
    d = p("时间:03-02人气:31作者:某网友\n地方海事局是地方政府的行政机构,负责内河水上交通安全。\n注意:本站部分文字内容由网友投稿。")
    assert d["unit"] is None


# ---------------------------------------------------------------- heldout27b: an infobox without bars; 司局 wording of a rank
def test_infobox_type_line_without_bars_and_a_bureau_rank():
    d = p("青山省水文局\n\n青山省水文局(英語:Qingshan Hydrology Bureau),是负责全省水文工作的正厅局级事业单位。\n\n机构概况\n"
          "业务上级机构水利部\n机构类型水利部直属事业单位长江委的直属事业单位(依法履行水文行政职能)\n行政级别正司局级\n")
    assert d["unit"] == "青山省水文局"
    assert d["nature"] == "水利部直属事业单位长江委的直属事业单位"
    assert d["rank"] == "正厅级"
