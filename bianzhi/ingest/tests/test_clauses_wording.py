"""Wordings of real 三定 clauses probed one by one (session 5): each test is a clause kind the parser read wrong or
not at all when written in a common variant. The snippets are written for the tests, not taken from the corpus."""
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse


def p(text):
    return parse(from_text(text).text).data


def test_a_verb_before_the_subject_of_a_staffing_sentence_is_not_part_of_the_unit():
    d = p("核定县水利局行政编制8名，其中局长1名、副局长2名。")
    assert d["unit"] == "县水利局"
    assert [(s["type"], s["count"]) for s in d["staffing"]] == [("行政编制", 8)]
    assert p("明确市林业局机关行政编制26名。")["unit"] == "市林业局"


def test_a_rank_stated_as_equivalent_to_a_level():
    d = p("县文化馆是县文化和旅游局所属公益一类事业单位，机构规格相当于股级，核定事业编制8名。")
    assert d["rank"] == "股级"
    assert d["nature"] == "县文化和旅游局所属公益一类事业单位"
    assert p("县综合行政执法大队为县城管局所属事业单位，机构规格相当副科级。")["rank"] == "副科级"
    # “相当于” elsewhere in the sentence is no rank
    assert p("县档案馆是县委直属事业单位，其规模相当于一个中等馆。")["rank"] is None


def test_bodies_listed_after_a_colon_behind_the_units_own_内设():
    d = p("县水利局内设：办公室、水旱灾害防御股、水资源管理股、河湖管理股。")
    assert d["unit"] == "县水利局"
    assert [b["name"] for b in d["internal_bodies"]] == ["办公室", "水旱灾害防御股", "水资源管理股", "河湖管理股"]
    # a list of what a body does after “内设” is no list of bodies
    assert p("县水利局内设：负责全县水利工作、指导水资源管理。")["internal_bodies"] == []
