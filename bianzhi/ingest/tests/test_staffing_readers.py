"""The staffing sentence and what hangs on it, read by one reader wherever it stands (clauses.read_staffing; the 调整通知's
totals after a change go through it too): whose figure it is (a holding, a change, many units' figure), a total and
its breakdown, counts in 名/人/个 and Chinese numerals, posts with ranks, 兼任 notes and “各N名” distributions
(heldout41, session 16). The wordings are written for the tests, with other units, places and counts than the corpus."""
from bianzhi.ingest import clauses
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse

from .helpers import p


def staff(d):
    return [(s["type"], s["raw"], s["count"], [(i["type"], i["count"]) for i in s["includes"]]) for s in d["staffing"]]


def posts(d):
    return [(x["title"], x["count"], x["rank"], x["note"]) for x in d["posts"]]


# ---- whose figure: a holding, not a change; one unit's, not many units'
def test_a_change_in_the_sentence_is_no_holding_and_the_figure_after_it_is():
    r = parse(from_text("经研究,核减河口县林业局事业编制3名,核减后该局事业编制为27名。").text)
    assert r.data["totals_after"]["staffing"] == [{"type": "事业编制", "count": 27}]
    read = clauses.read_staffing("同意从县财政局划转行政编制2名至县审计局。县审计局行政编制共11名。")
    assert [(e["raw"], e["count"]) for e, _s, _e in read["staffing"]] == [("行政编制", 11)]


def test_a_notice_reads_what_the_unit_has_after_any_kind_of_change():
    r = parse(from_text("关于调整东川区司法局机构编制事项的通知\n区司法局:\n一、为你局核增政法专项编制4名,核增后,"
                        "区司法局政法专项编制为31名,科级领导职数6名。\n").text)
    assert r.data["totals_after"]["staffing"] == [{"type": "政法专项编制", "count": 31}]
    assert r.data["totals_after"]["leadership"] == [{"level": "科级", "count": 6}]


def test_the_whole_countys_figure_and_its_parts_are_no_units():
    assert staff(p("据统计,全县共有各类编制3120名,其中行政编制812名,事业编制2308名。")) == []
    assert staff(p("全市有行政编制900名。")) == []
    assert staff(p("集团公司核定8个林场机关总编制960名(行政编制900名,工勤编制60名)。")) == []
    assert staff(p("目前全区共有卫生院12个,整体人员编制230个,实有218人。")) == []


def test_one_units_figure_beside_a_count_of_its_bodies_stays():
    d = p("河口县林业局(含6个林业站)核定行政编制14名,工勤编制2名。")
    assert staff(d) == [("行政编制", "行政编制", 14, []), ("工勤编制", "工勤编制", 2, [])]
    d = p("全市核定事业编制1万人。")  # no holder named: the old reading stays
    assert staff(d) == [("事业编制", "事业编制", 10000, [])]


# ---- a total and its breakdown
def test_a_breakdown_by_kind_is_the_parts_and_an_inclusion_keeps_the_total():
    d = p("河口县统计局编制11人,其中行政编制8人、事业编制3人。")
    assert staff(d) == [("行政编制", "行政编制", 8, []), ("事业编制", "事业编制", 3, [])]
    d = p("青溪县科协核定编制7名,含工勤人员编制1名。")
    assert staff(d) == [("其他编制", "编制", 7, [("工勤人员编制", 1)])]
    d = p("青溪县档案馆核定编制9名(含工勤编制2名)。")
    assert staff(d) == [("其他编制", "编制", 9, [("工勤编制", 2)])]


def test_a_figure_counted_in_ge_and_in_chinese_numerals():
    assert staff(p("青溪县地震服务中心人员编制4个,设主任1名。")) == [("其他编制", "人员编制", 4, [])]
    assert staff(p("青溪县民政局核定行政编制九名。")) == [("行政编制", "行政编制", 9, [])]


# ---- posts
def test_posts_after_a_quota_word_are_posts():
    d = p("青溪县水利局行政编制10名。局领导职数为局长1名(正科级),副局长2名(副科级)。")
    assert posts(d) == [("局长", 1, "正科级", None), ("副局长", 2, "副科级", None)]


def test_each_of_several_titles_gets_the_count():
    d = p("青溪县审计局机关行政编制为十名。局长、党组书记各1名,副局长2名。")
    assert posts(d) == [("局长", 1, None, None), ("党组书记", 1, None, None), ("副局长", 2, None, None)]
    d = p("青溪县水文站事业编制6名。设站长、副站长各1名。")
    assert posts(d) == [("站长", 1, None, None), ("副站长", 1, None, None)]


def test_a_concurrent_post_is_a_note_on_the_post_it_names():
    d = p("青溪县发展和改革局核定行政编制12名。设局长1名,副局长3名,其中1名副局长兼任县粮食和物资储备中心主任。")
    assert posts(d) == [("局长", 1, None, None), ("副局长", 3, None, "其中1名副局长兼任县粮食和物资储备中心主任")]
    d = p("青溪镇便民服务中心核定事业编制5名。设主任1名,由副镇长兼任。")
    assert posts(d) == [("主任", 1, None, "由副镇长兼任")]


def test_posts_counted_in_persons_with_the_units_staffing_and_not_those_on_hand():
    d = p("青溪县统计局编制9人,设局长1人,副局长2人。")
    assert posts(d) == [("局长", 1, None, None), ("副局长", 2, None, None)]
    assert posts(p("1992年,青溪县统计局有局长1人,副局长2人,干部6人。")) == []
    assert posts(p("青溪县统计局编制9人。现有局长1人,副局长2人。")) == []
    # a body's head in a school's rules is no post of the unit
    assert posts(p("青溪县职业中学核定编制80人。增设实训处,设实训处主任1人,由教务处副主任兼任。")) == []


def test_a_generic_quota_of_ranks_stays_no_leadership():
    d = p("事业单位的领导职数一般按规格核定,单位领导职数为正处级1名,副处级2-3名。")
    assert d["internal_leadership"] == []


def test_a_notices_date_under_its_title_repeated_below_a_mirrors_lines():
    text = ("中共中央办公厅 国务院办公厅关于调整水利部职责机构编制的通知\n发布时间:2024-11-20 10:01:02 来源: 某站\n"
            "中共中央办公厅 国务院办公厅关于调整水利部职责机构编制的通知\n(2023年9月20日)\n"
            "一、将某部2名行政编制划入水利部。\n调整后,水利部机关行政编制401名,司局级领导职数70名。\n")
    r = parse(from_text(text).text)
    assert r.data["issued_on"] == "2023-09-20"
    assert r.data["totals_after"]["staffing"] == [{"type": "机关行政编制", "count": 401}]
    assert r.data["totals_after"]["leadership"] == [{"level": "司局级", "count": 70}]


def test_a_qa_pages_question_names_its_unit():
    d = p("河阳省地震局的机构沿革\n\n如题所述\n\n第1个回答 2015-03-02\n\n1970年5月,河阳省革命委员会设地震办公室。\n"
          "1985年,成立河阳省地震局,编制40名(行政编制12名,事业编制28名)。\n")
    assert d["unit"] == "河阳省地震局"
    assert staff(d) == [("行政编制", "行政编制", 12, []), ("事业编制", "事业编制", 28, [])]
