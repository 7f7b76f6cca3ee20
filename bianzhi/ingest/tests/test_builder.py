"""The parser's builder: entries taken out of a list keep the spans of the others, renumbered."""
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
