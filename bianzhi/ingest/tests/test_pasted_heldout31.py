"""Shapes of pages pasted whole from law databases, chronicles, encyclopedias and news, found on the thirty-first held-out
split (bench/sanding_real, split heldout31): a class with no subject, “被定为…事业单位”, “X(Y)位于…”, “A加挂B牌子”,
grouped duties under “(一)X的主要职责。”, “X保留,内设…” over wrapped lines, a leadership count cut inside its bracket,
a post titled with an office's second name, 深圳's own staffing kinds, two organs signing before a glued date, and a
regulation's 印发 notice. One test per rule on sentences written for the test (not the held-out wording); the negatives
check that each rule stays put."""
from .helpers import bodies, p


# ---------------------------------------------------------------- “。为X管理的相当副科级…事业单位” with no subject
def test_subjectless_class_after_a_sentence_naming_the_unit():
    d = p("青川县房产交易中心2023年部门预算\n一、机构设置\n根据职责,县房产交易中心设3个内设机构:综合股、交易股、档案股。"
          "为县住房和城乡建设局管理的相当股级差额拨款事业单位,核定事业编制12名。")
    assert d["unit"] == "青川县房产交易中心"
    assert d["nature"] == "县住房和城乡建设局管理的相当股级差额拨款事业单位"
    assert d["rank"] == "股级"


def test_subjectless_class_on_a_line_without_the_unit_is_no_nature():
    d = p("青川县房产交易中心2023年部门预算\n一、机构设置\n各地做法不一。为县住房和城乡建设局管理的事业单位,情况各异。")
    assert d["nature"] is None


# ---------------------------------------------------------------- “…1996年被定为…事业单位”
def test_deemed_class_in_the_units_paragraph():
    d = p("词条 青川县乔庄镇农业服务站\n释义\n青川县乔庄镇农业服务站位于乔庄镇东街。始建于1962年,1998年被定为县属全民事业单位,"
          "负责全镇农技推广工作。")
    assert d["unit"] == "青川县乔庄镇农业服务站"
    assert d["nature"] == "县属全民事业单位"


def test_deemed_class_of_another_paragraph_is_not_the_units():
    d = p("词条 青川县乔庄镇农业服务站\n释义\n青川县乔庄镇农业服务站位于乔庄镇东街。\n附近的兽医站1998年被定为县属全民事业单位。")
    assert d["nature"] is None


# ---------------------------------------------------------------- an encyclopedia lead “X(Y)位于…”
def test_lead_bracket_is_the_second_name():
    d = p("词条 青川县乔庄镇农业服务站\n释义\n青川县乔庄镇农业服务站(乔庄镇农机站)位于乔庄镇东街,负责全镇农技推广工作。")
    assert d["plaques"] == ["乔庄镇农机站"]


def test_lead_bracket_with_a_former_name_is_no_plaque():
    d = p("词条 青川县乔庄镇农业服务站\n释义\n青川县乔庄镇农业服务站(原乔庄镇农机站)位于乔庄镇东街,负责全镇农技推广工作。")
    assert d["plaques"] == []


# ---------------------------------------------------------------- “A加挂B牌子”
def test_hung_plaque_names_the_unit_of_a_news_item():
    d = p("发布日期: 2019-05-06\n经市编委批复,青川县不动产登记中心加挂广元市不动产登记中心青川分中心牌子,隶属关系不变。\n"
          "在县级中心加挂市级分中心的牌子,有利于统一登记。")
    assert d["unit"] == "青川县不动产登记中心"
    assert d["plaques"] == ["广元市不动产登记中心青川分中心"]


def test_hung_plaque_in_a_preamble_is_the_units():
    d = p("青川县人民政府办公室主要职责内设机构和人员编制规定\n根据有关规定,设置青川县人民政府办公室。青川县人民政府办公室挂"
          "青川县人民政府金融工作办公室牌子。\n一、主要职责\n(一)负责县政府会议的组织工作。\n(二)负责公文处理工作。")
    assert "青川县人民政府金融工作办公室" in d["plaques"]


def test_hung_plaque_between_kinds_of_body_names_nothing():
    d = p("发布日期: 2019-05-06\n在县级中心加挂市级分中心的牌子,有利于统一登记。")
    assert d["unit"] is None and d["plaques"] == []


# ---------------------------------------------------------------- grouped duties “(一)X的主要职责。⏎1.…”
def test_grouped_duties_are_the_numbered_items_not_the_headings():
    d = p("青川县人民政府办公室主要职责内设机构和人员编制规定\n二、主要职责\n(一)县政府办公室的主要职责。\n"
          "1.负责县政府全体会议的组织工作。\n2.负责县政府公文的起草和审核。\n(二)县外事办公室的主要职责。\n"
          "1.负责全县外事接待工作。\n三、内设机构\n")
    assert [x[:6] for x in d["duties"]] == ["负责县政府全", "负责县政府公", "负责全县外事"]


def test_ordinary_duties_are_left_alone():
    d = p("青川县人民政府办公室主要职责内设机构和人员编制规定\n二、主要职责\n(一)负责县政府全体会议的组织工作。\n"
          "(二)负责县政府公文的起草和审核。\n三、内设机构\n")
    assert [x[:6] for x in d["duties"]] == ["负责县政府全", "负责县政府公"]


# ---------------------------------------------------------------- “X保留,内设A、B” over wrapped lines
def test_kept_unit_over_a_line_wrapped_inside_its_name():
    d = p("第二节 水利机构\n1984年设立青川县水利局。2001年3月,县乡机构改革,青川\n县水利局保留,内设办公室、水政股;下设股级"
          "事业单位水文站。现有工作人员21人。")
    assert d["unit"] == "青川县水利局"
    assert bodies(d) == ["办公室", "水政股"]


def test_kept_unit_needs_bodies():
    d = p("第二节 水利机构\n2001年3月,县乡机构改革,青川县水利局保留。现有工作人员21人。")
    assert bodies(d) == []


# ---------------------------------------------------------------- a leadership count cut inside its bracket
def test_leadership_count_whose_bracket_the_page_cut():
    d = p("四、人员编制\n县政府办公室机关行政编制为20名。其中:主任1名,副主任2名;股级领导职数8名(含机关党支部专职副书记1名、离退")
    assert d["internal_leadership"] == [{"level": "股级", "count": 8}]


def test_leadership_count_with_its_bracket_closed_reads_as_before():
    d = p("四、人员编制\n县政府办公室机关行政编制为20名。其中:主任1名,副主任2名;股级领导职数8名(含机关党支部专职副书记1名)。")
    assert d["internal_leadership"] == [{"level": "股级", "count": 8}]


# ---------------------------------------------------------------- a post titled with an office's second name
def test_post_title_with_an_offices_second_name():
    d = p("四、人员编制\n县政府办公室机关行政编制为20名。其中:主任1名,副主任2名,督查室(绩效办)主任1名;股级领导职数8名。")
    assert {"title": "督查室(绩效办)主任", "count": 1, "rank": None, "note": None} in d["posts"]


# ---------------------------------------------------------------- 深圳's own staffing kinds
def test_shenzhen_staffing_kinds_are_kept_as_other_kinds():
    d = p("深圳市南山区统计局主要职能是:负责全区统计工作。\n区统计局部门预算系统共设5个科,行政编制20人,行政事务编制4人,"
          "雇员编制6人,临时聘用编制2人,离退休人员3人。")
    got = [(s["type"], s["raw"], s["count"]) for s in d["staffing"]]
    assert got == [("行政编制", "行政编制", 20), ("其他编制", "行政事务编制", 4), ("其他编制", "雇员编制", 6),
                   ("其他编制", "临时聘用编制", 2)]


# ---------------------------------------------------------------- two organs, the date glued to the second
def test_two_organs_signing_with_the_date_glued_after_the_second():
    d = p("关于印发《青川县机关事务管理暂行办法》的通知\n各乡镇党委和人民政府:\n《青川县机关事务管理暂行办法》已经县委、县政府同意,"
          "现印发给你们。     中共青川县委办公室              青川县人民政府办公室               2015年3月2日\n")
    assert d["issuing_organ"] == "中共青川县委办公室 青川县人民政府办公室"
    assert d["issued_on"] == "2015-03-02"


# ---------------------------------------------------------------- a regulation's 印发 notice names no unit
def test_regulation_notice_names_no_unit():
    d = p("关于印发《青川县机构设置和编制管理暂行规定》的通知\n各乡镇党委和人民政府:\n现印发给你们,请认真贯彻执行。\n"
          "中共青川县委办公室\n青川县人民政府办公室2015年3月2日\n青川县机构设置和编制管理暂行规定\n第一条 为规范机构编制管理,"
          "制定本规定。\n第二条 县机构编制委员会办公室是县机构编制委员会的常设办事机构,负责日常管理工作。")
    assert d["title"] == "关于印发《青川县机构设置和编制管理暂行规定》的通知"
    assert d["unit"] is None and d["nature"] is None


def test_regulation_notice_run_into_one_line_names_no_unit():
    d = p("关于印发《青川县机构设置和编制管理暂行规定》的通知 2015-03-09 10:21:00 关于印发《青川县机构设置和编制管理暂行规定》的通知 "
          "各乡镇党委和人民政府: 现印发给你们,请认真贯彻执行。 中共青川县委办公室 青川县人民政府办公室 2015年3月2日 青川县机构设置和"
          "编制管理暂行规定 第一章 总则 第一条 为规范机构编制管理,制定本规定。 第二条 县机构编制委员会办公室是县机构编制委员会的常设"
          "办事机构,负责日常管理工作。")
    assert d["unit"] is None and d["nature"] is None


def test_a_sanding_notice_keeps_its_unit():
    d = p("关于印发《青川县统计局主要职责内设机构和人员编制规定》的通知\n各乡镇人民政府:\n现予印发。\n青川县人民政府办公室\n"
          "2010年3月2日\n青川县统计局主要职责内设机构和人员编制规定\n设立青川县统计局,为县政府工作部门。")
    assert d["unit"] == "青川县统计局"
