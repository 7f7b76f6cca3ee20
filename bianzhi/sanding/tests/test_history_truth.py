"""History records exactly what each document changed (issue 11, finding 1).

The 沿革 is built from the diff of approved versions; a reorder is recorded only for an item a person moved,
never for items renumbered because another item was added, removed or moved, and each entry carries the 文号 of
the document that made it. A seeded random generator drives the duty editor (`sync_duties`, what the entry page
calls) through many edit sequences and checks the diff of approved versions equals the applied operations.
"""
import datetime
import random

import pytest

from bianzhi.sanding import services as s
from bianzhi.sanding.models import DutyKind, DutyRevision

D = datetime.date
MAIN = DutyKind.MAIN


def _base(make_unit, make_doc, n=10):
    unit = make_unit("测试教育局")
    doc = make_doc("测编〔2019〕1号", "测试教育局职能配置、内设机构和人员编制规定", D(2019, 1, 10), "sanding", unit)
    v = s.create_draft_version(unit, doc)
    for i in range(1, n + 1):
        s.add_duty(v, f"原有职责第{i}项。")
    s.add_duty(v, "职能转变事项。", kind=DutyKind.TRANSFORM)
    s.approve_version(v)
    return unit, v


def _editor_items(version, kind=MAIN):
    rows = DutyRevision.objects.in_draft(version).filter(unit=version.unit, kind=kind).order_by("position", "id")
    return [(r.duty_id, r.text) for r in rows]


def test_append_and_move_above_last_records_only_the_new_duty(make_unit, make_doc):
    """The reported case: append a duty, move it above the last item. The last item was not moved."""
    unit, base = _base(make_unit, make_doc)
    doc = make_doc("测编〔2023〕7号", "关于调整测试教育局职责的通知", D(2023, 6, 1), "adjustment", unit)
    v = s.create_draft_version(unit, doc)
    s.add_duty(v, "负责推进全市教育信息化工作。")
    items = _editor_items(v)
    items = items[:9] + [items[10], items[9]]           # the new one above the (previously) last one
    s.sync_duties(v, MAIN, items)
    s.approve_version(v)
    v.refresh_from_db()

    changes = s.diff_versions(base, v).changes
    assert [(c.section, c.action, c.label, c.fields, c.doc_number) for c in changes] == [
        ("职责", "added", "负责推进全市教育信息化工作。", [], "测编〔2023〕7号")]
    # the 沿革 line a person reads names only the added duty, and the staff/public history agree
    assert v.summary.splitlines() == ["职责新增：负责推进全市教育信息化工作。"]
    pub = s.public_snapshot(unit)
    assert [h["summary"] for h in pub["history"]][-1] == ["职责新增：负责推进全市教育信息化工作。"]
    assert [d["text"] for d in pub["duties"] if d["kind"] == MAIN][-2:] == [
        "负责推进全市教育信息化工作。", "原有职责第10项。"]


def test_a_real_move_is_recorded_for_the_moved_item_only(make_unit, make_doc):
    unit, base = _base(make_unit, make_doc)
    doc = make_doc("测编〔2023〕8号", "关于调整职责顺序的通知", D(2023, 7, 1), "adjustment", unit)
    v = s.create_draft_version(unit, doc)
    items = _editor_items(v)
    items = [items[7]] + items[:7] + items[8:]          # item 8 becomes the first
    s.sync_duties(v, MAIN, items)
    s.approve_version(v)
    changes = s.diff_versions(base, v).changes
    assert [(c.action, c.label, c.fields, c.doc_number) for c in changes] == [
        ("changed", "原有职责第8项。", [("顺序", "8", "1")], "测编〔2023〕8号")]


def _random_round(rng, items, serial):
    """One document's edits of the duty list: removals, rewords, at most one move (by two or more places among
    the surviving items, so that the move is unambiguous), additions at random places. Returns the editor's
    list and the operations a person performed."""
    expected = set()
    survivors = []
    for duty_id, text in items:
        if rng.random() < 0.15:
            expected.add(("removed", text, ()))
            continue
        if rng.random() < 0.2:
            new_text = f"{text.rstrip('。')}（第{serial}次修订）。"
            survivors.append([duty_id, new_text, {"内容"}])
        else:
            survivors.append([duty_id, text, set()])
    if len(survivors) >= 3 and rng.random() < 0.6:
        i = rng.randrange(len(survivors))
        j = rng.choice([j for j in range(len(survivors)) if abs(i - j) >= 2])
        item = survivors.pop(i)
        survivors.insert(j, item)
        item[2].add("顺序")
    final = [tuple(x) for x in survivors]
    for k in range(rng.randrange(0, 3)):
        text = f"新增职责{serial}-{k}。"
        final.insert(rng.randrange(len(final) + 1), (None, text, set()))
        expected.add(("added", text, ()))
    for duty_id, text, fields in final:
        if duty_id and fields:
            expected.add(("changed", text, tuple(sorted(fields))))
    return [(duty_id, text) for duty_id, text, _ in final], expected


@pytest.mark.parametrize("seed", range(12))
def test_random_edit_sequences_diff_equals_applied_operations(make_unit, make_doc, seed):
    rng = random.Random(seed)
    unit, previous = _base(make_unit, make_doc, n=rng.randrange(3, 9))
    for serial in range(1, 4):
        doc = make_doc(f"测编〔{2020 + serial}〕{seed + 1}号", f"第{serial}次调整", D(2020 + serial, 3, 1), "adjustment",
                       unit)
        v = s.create_draft_version(unit, doc)
        items, expected = _random_round(rng, _editor_items(v), serial)
        if not items:
            items, expected = [(None, "兜底职责。")], expected | {("added", "兜底职责。", ())}
        s.sync_duties(v, MAIN, items)
        s.approve_version(v)
        v.refresh_from_db()

        changes = s.diff_versions(previous, v).changes
        got = {(c.action, c.label, tuple(sorted(f for f, _a, _b in c.fields))) for c in changes}
        assert got == expected, f"seed {seed}, round {serial}"
        assert len(changes) == len(expected)
        assert all(c.section == "职责" and c.doc_number == doc.doc_number_raw for c in changes)
        # the 沿革 line of this document lists exactly these changes
        assert sorted(v.summary.splitlines()) == sorted(c.sentence for c in changes)
        # and the approved list reads as the editor left it
        assert [d.text for d in s.snapshot(unit).duties_of(MAIN)] == [t for _i, t in items]
        previous = v
