"""The parser's builder: entries taken out of a list keep the spans of the others, renumbered; a list emptied or filled
with values read from the text keeps its spans in step."""
from bianzhi.ingest.clauses import Found
from bianzhi.ingest.parser import _Builder


def test_drop_items_removes_entries_with_their_spans_and_renumbers_the_rest():
    b = _Builder("行政编制0名，事业编制30名，工勤编制2名。")
    for i, (kind, count, start, end) in enumerate([("行政编制", 0, 0, 7), ("事业编制", 30, 8, 16), ("工勤编制", 2, 17, 24)]):
        b.data["staffing"].append({"type": kind, "raw": kind, "count": count, "includes": []})
        b.span(f"staffing[{i}]", start, end)
    b.span("unit", 30, 34)
    b.drop_items("staffing", {0})
    assert [s["count"] for s in b.data["staffing"]] == [30, 2]
    assert sorted(b.spans) == [("staffing[0]", 8, 16), ("staffing[1]", 17, 24), ("unit", 30, 34)]


def test_drop_items_keeps_an_entry_that_had_no_span():
    b = _Builder("")
    b.data["internal_leadership"] += [{"level": "正科级", "count": 3}, {"level": "副科级", "count": 2}]
    b.span("internal_leadership[1]", 5, 9)
    b.drop_items("internal_leadership", {0})
    assert b.data["internal_leadership"] == [{"level": "副科级", "count": 2}]
    assert b.spans == [("internal_leadership[0]", 5, 9)]


def test_clear_items_empties_one_list_and_only_its_spans():
    b = _Builder("")
    b.data["duties"] += ["负责甲。", "负责乙。"]
    b.span("duties[0]", 0, 4)
    b.span("duties[1]", 5, 9)
    b.data["internal_bodies"].append({"name": "办公室", "duties": ""})
    b.span("internal_bodies[0].name", 10, 13)
    b.span("unit", 20, 24)
    b.clear_items("duties")
    b.clear_items("internal_bodies")
    assert b.data["duties"] == [] and b.data["internal_bodies"] == []
    assert b.spans == [("unit", 20, 24)]


def test_add_items_appends_after_the_entries_there_each_with_its_span():
    b = _Builder("")
    b.data["duties"].append("负责甲。")
    b.span("duties[0]", 0, 4)
    b.add_items("duties", [Found("负责乙。", 5, 9), Found("负责丙。", 10, 14)])
    assert b.data["duties"] == ["负责甲。", "负责乙。", "负责丙。"]
    assert b.spans == [("duties[0]", 0, 4), ("duties[1]", 5, 9), ("duties[2]", 10, 14)]
