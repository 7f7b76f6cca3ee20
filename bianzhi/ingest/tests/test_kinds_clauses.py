"""Bodies of every kind and units named once (session 14, `kinds_clauses`, ADR 0054): groups counted before their names,
a 方案's counts of bodies (never names), a wiki source's link marks, a unit read as “A下设B”, an entry's head word, an
entry's class after its name, a “X(Y)” head line, a 群团's “是在…领导下的…组织”, rooms closed by 等, an entry's untyped
编制, and a 机构职能 page's numbered section headings. The snippets are written for these tests (other units, other
places), not taken from the corpus."""
import pytest

from bianzhi.ingest import kinds_clauses
from bianzhi.ingest.extract import from_text

from .helpers import bodies, p


# ---------------------------------------------------------------- groups counted before their names
@pytest.mark.parametrize("text, names", [
    ("活动办公室承担日常工作。下设3个小组,材料组、联络组、后勤组。",
     ["材料组", "联络组", "后勤组"]),
    ("指挥部办公室下设4个工作组:综合组、督查组、宣传组和保障组。",
     ["综合组", "督查组", "宣传组", "保障组"]),
    ("领导小组办公室组织3个专项工作组:报告组、数据组以及材料组。",
     ["报告组", "数据组", "材料组"]),
])
def test_groups_counted_before_their_names_are_bodies(text, names):
    assert bodies(p(text)) == names


def test_groups_whose_count_differs_from_their_names_give_none():
    assert kinds_clauses.counted_groups("下设5个小组,材料组、联络组、后勤组。") == []
    assert kinds_clauses.counted_groups("下设3个小组,材料组、联络科、后勤组。") == []  # a 科 is no 组


# ---------------------------------------------------------------- a 方案's counts are never names
@pytest.mark.parametrize("text, names", [
    ("景区管理处内设机构为一办、二部、一大队。办公室负责综合工作。规划部负责规划。营运部负责经营。稽查大队负责执法。",
     ["办公室", "规划部", "营运部", "稽查大队"]),
    ("服务中心内设机构为一室两部,即办公室、业务一部、业务二部。",
     ["办公室", "业务一部", "业务二部"]),
])
def test_a_scheme_that_counts_its_bodies_gives_the_names_it_gives_after(text, names):
    assert bodies(p(text)) == names


def test_counts_are_never_names_but_ordinal_names_are():
    assert kinds_clauses.are_counts(["一办", "二部", "一大队"])
    assert kinds_clauses.are_counts(["一室两部", "业务一部"])
    assert kinds_clauses.are_counts(["3个科室", "1个大队"])
    assert not kinds_clauses.are_counts(["一科", "二科", "三科", "四科"])  # 秘书一科… abbreviated: names
    assert not kinds_clauses.are_counts(["办公室", "综合科"])


# ---------------------------------------------------------------- a wiki source's marks
def test_a_wiki_source_link_marks_are_dropped_and_its_list_read():
    text = "'''河口纪念馆''' [[ 成立 ]] 于1990年。现有职工5人,内设 [[ 办公室 ]] 、陈列部、宣教部3个部室。[[File:馆.jpg|右]]"
    assert from_text(text).text.startswith("河口纪念馆成立于1990年。")
    assert "[[File:馆.jpg|右]]" in from_text(text).text  # a file link stays as it is
    assert bodies(p(text)) == ["办公室", "陈列部", "宣教部"]


# ---------------------------------------------------------------- units named once
def test_a_unit_read_as_a_body_set_up_under_a_group_is_the_body():
    d = p("督查工作领导小组下设督查工作办公室(简称督查办),作为督查工作领导小组日常办事机构,承担协调职责。")
    assert d["unit"] == "督查工作办公室"
    assert d["short_name"] == "督查办"


@pytest.mark.parametrize("text, unit", [
    ("东江市美术馆\n\n单位介绍\n东江美术馆现新馆于2010年落成,下设办公室、典藏部、展览部三个部门。", "东江市美术馆"),
    ("某某省名誉会长故居管理处\n某某省名誉会长故居管理处,地处某路1号。\n内设机构\n某某省故居管理处设3个内设机构,包括:办公室、宣教部、保管部。",
     "某某省名誉会长故居管理处"),
])
def test_an_entry_head_word_is_the_unit_when_the_unit_read_is_another_form_of_it(text, unit):
    assert p(text)["unit"] == unit


def test_a_head_word_gives_way_to_the_form_the_text_uses_and_to_a_body_of_it():
    assert kinds_clauses.head_word("东江市公园管理中心\n东江公园管理中心是…", "东江公园管理中心") is None
    assert kinds_clauses.head_word("东江县人民代表大会常务委员会\n…", "东江县人民代表大会常务委员会办公室") is None
    assert kinds_clauses.head_word("东江市卫健委架构布局\n…", "东江市卫健委架构") is None
    assert kinds_clauses.head_word("东江市美术馆\n…", None) is None  # no unit read: no guess


def test_an_entry_class_after_the_name_is_the_nature():
    d = p("河口县博物馆\n\n机构描述\n\n河口县博物馆 文化事业单位。隶属河口县文化局。内设陈列部、保管部和办公室。")
    assert d["unit"] == "河口县博物馆"
    assert d["nature"] == "文化事业单位"


def test_a_head_line_with_a_bracketed_second_name_gives_unit_and_plaque():
    d = p("测绘保障中心(测绘管理处)\n测绘保障中心(测绘管理处)负责本院测绘保障,下设综合科、仪器科、数据科。")
    assert d["unit"] == "测绘保障中心"
    assert d["plaques"] == ["测绘管理处"]


def test_a_group_led_by_the_party_and_government_has_that_as_its_nature():
    d = p("区社科联是在区委、区政府领导下的区级社会科学工作者组织,主要职责是:(一)开展学术交流。(二)普及社科知识。")
    assert d["unit"] == "区社科联"
    assert d["nature"] == "在区委、区政府领导下的区级社会科学工作者组织"


def test_rooms_closed_by_deng_in_the_unit_sentence_are_bodies():
    d = p("河口县文化馆位于县城东街,设有办公室、排练室、展览室、培训部等;年活动经费5万元。")
    assert bodies(d) == ["办公室", "排练室", "展览室", "培训部"]
    d = p("河口县文化馆位于县城东街。馆内下设棋牌室、乒乓球室、舞蹈室等30个活动室。")
    assert bodies(d) == []  # activity rooms counted as rooms, no bodies


def test_an_entry_untyped_staffing_is_other_staffing_and_another_unit_is_not():
    d = p("河口县科学技术协会是县委领导下的人民团体。编制4人,内设办公室、学会部。")
    assert d["unit"] == "河口县科学技术协会"
    assert d["staffing"] == [{"type": "其他编制", "raw": "编制", "count": 4, "includes": [], "unknown": True}]
    assert p("河口县科学技术协会是县委领导下的人民团体。下设社科普及中心1个,编制4人。")["staffing"] == []
    assert p("河口县科学技术协会是县委领导下的人民团体。核增行*编制4名。")["staffing"] == []


def test_numbered_section_headings_of_a_page_are_no_duties_and_the_first_names_the_unit():
    text = ("机构职能\n1、河口县博物馆职责 aB3;x9+Q\n负责文物征集;负责陈列展览;完成交办的其他工作。\n"
            "内设机构为:办公室、陈列部、保管部。\n2、办公室职责: kQ8;p1=Z\n负责行政协调工作。\n3、陈列部:\n负责展览。")
    d = p(text)
    assert d["duties"] == []
    assert d["unit"] == "河口县博物馆"
    assert bodies(d) == ["办公室", "陈列部", "保管部"]
    # numbered duties that open with a verb stay duties
    assert kinds_clauses.section_headings("1、负责文物征集。\n2、负责陈列展览。", ["负责文物征集。", "负责陈列展览。"]) == []
