"""Rules of the 三定 change operations (operations.py, temporal.py) on factories: each refusal names the problem in
Chinese and writes nothing; each no-op or removal leaves exactly the rows the rule says."""
import datetime

import pytest

from bianzhi.core.tests.factories import DocumentFactory, UnitFactory, admin_user
from bianzhi.sanding import services as s
from bianzhi.sanding.models import (
    DutyKind,
    DutyRevision,
    SandingPlaque,
    SandingVersion,
    StaffingLine,
    StaffingType,
)

pytestmark = pytest.mark.django_db
ADMIN, WORKER = StaffingType.ADMIN, StaffingType.WORKER


@pytest.fixture
def unit():
    """甲局 with an approved 三定: statement, one duty, 行政编制 20, 局长 1, 正科级 3, a plaque and 办公室."""
    unit = UnitFactory(name="甲局")
    v = s.create_draft_version(unit, DocumentFactory(unit=unit, issued_on=datetime.date(2019, 3, 1),
                                                     effective_on=datetime.date(2019, 3, 1)))
    s.set_statement(v, "甲局为县政府工作部门，正科级。", rank="zhengke")
    s.add_duty(v, "负责本局的日常工作。")
    s.set_staffing(v, ADMIN, 20)
    s.set_head_post(v, "局长", 1)
    s.set_leadership_quota(v, "正科级", 3)
    s.add_plaque(v, "甲局牌子")
    s.create_internal_body(v, "办公室", head_count=1, deputy_count=1)
    s.approve_version(v)
    return unit


@pytest.fixture
def draft(unit):
    return s.create_draft_version(unit, DocumentFactory(unit=unit))


def _duty(unit):
    return DutyRevision.objects.get(unit=unit, valid_to__isnull=True).duty


def _body(unit):
    return s.snapshot(unit).bodies[0].body


def _unchanged(draft):
    """The draft opened and closed nothing."""
    return not s.draft_changes(draft).changes


# ------------------------------------------------------------------------------------------------ refusals
@pytest.mark.parametrize("call,message", [
    (lambda v, u: s.set_statement(v, "任意表述", rank="dazhang"), "机构规格“dazhang”无效"),
    (lambda v, u: s.set_statement(v, "　 "), "机构性质和规格表述不能为空"),
    (lambda v, u: s.change_rank(v, "dazhang"), "机构规格“dazhang”无效"),
    (lambda v, u: s.add_duty(v, "新的职责。", kind="other"), "职责类别“other”无效"),
    (lambda v, u: s.add_duty(v, "  "), "职责内容不能为空"),
    (lambda v, u: s.reword_duty(v, _duty(u), " "), "职责内容不能为空；如要取消该职责，请使用“取消职责”"),
    (lambda v, u: s.move_duty(v, _duty(u), u, acting_user=admin_user()), "职责划入单位与划出单位相同"),
    (lambda v, u: s.sync_duties(v, "other", []), "职责类别“other”无效"),
    (lambda v, u: s.sync_duties(v, DutyKind.MAIN, [(_duty(u).pk, "负责本局的日常工作。"), (None, " ")]),
     "第2条职责内容为空"),
    (lambda v, u: s.sync_duties(v, DutyKind.MAIN, [(999999, "已删除的职责。")]),
     "第1条职责已不在此版本中（可能已被他人删除），请刷新后重试"),
    (lambda v, u: s.set_staffing(v, "secret", 3), "编制类型“secret”无效"),
    (lambda v, u: s.set_staffing(v, ADMIN, "二十"), "行政编制应为整数，收到“二十”"),
    (lambda v, u: s.set_staffing(v, ADMIN, -1), "行政编制不能为负数（-1）"),
    (lambda v, u: s.set_staffing(v, ADMIN, 20, includes=[{"label": "纪检", "count": 21}]),
     "“含纪检21名”超过该类编制总数20名"),
    (lambda v, u: s.transfer_staffing(v, from_unit=UnitFactory(), to_unit=u, staffing_type=ADMIN, count=0,
                                      acting_user=admin_user()), "划转编制数应大于0"),
    (lambda v, u: s.transfer_staffing(v, from_unit=UnitFactory(), to_unit=u, staffing_type=ADMIN, count=None,
                                      acting_user=admin_user()), "划转编制数应为整数，收到“None”"),
    (lambda v, u: s.set_head_post(v, " ", 1), "职务名称不能为空"),
    (lambda v, u: s.set_leadership_quota(v, "", 1), "领导职数级别不能为空"),
    (lambda v, u: s.transfer_leadership(v, from_unit=UnitFactory(), to_unit=u, level="正科级", count=0,
                                        acting_user=admin_user()), "划转领导职数应大于0"),
    (lambda v, u: s.add_plaque(v, " "), "牌子名称不能为空"),
    (lambda v, u: s.add_plaque(v, "甲局牌子"), "已有牌子“甲局牌子”"),
    (lambda v, u: s.create_internal_body(v, " "), "内设机构名称不能为空"),
    (lambda v, u: s.create_internal_body(v, "办公室"), "本单位已有名为“办公室”的内设机构"),
    (lambda v, u: s.create_internal_body(v, "财务科", head_count="一"), "正职领导职数应为整数，收到“一”"),
    (lambda v, u: s.update_internal_body(v, _body(u), unit=None, pending=False),
     "不能修改内设机构的字段：pending、unit"),
    (lambda v, u: s.update_internal_body(v, _body(u), name=" "), "内设机构名称不能为空"),
    (lambda v, u: s.update_internal_body(v, _body(u), deputy_count="两"), "领导职数应为整数，收到“两”"),
])
def test_bad_input_is_refused_with_the_reason_and_changes_nothing(unit, draft, call, message):
    with pytest.raises(s.SandingError) as exc:
        call(draft, unit)
    assert str(exc.value) == message
    assert _unchanged(draft)


def test_body_and_plaque_of_another_unit_are_refused(unit, draft):
    other = UnitFactory(name="乙局")
    other_draft = s.create_draft_version(other, DocumentFactory(unit=other))
    foreign_body = s.create_internal_body(other_draft, "乙局办公室")
    with pytest.raises(s.SandingError, match="^该内设机构不属于本单位$"):
        s.add_plaque(draft, "乙局办公室牌子", internal_body=foreign_body)
    with pytest.raises(s.SandingError, match="^该内设机构不属于本单位$"):
        s.create_internal_body(draft, "乙局办公室", body=foreign_body)
    assert _unchanged(draft)


def test_what_the_draft_already_removed_cannot_be_changed_again(unit, draft):
    duty, body = _duty(unit), _body(unit)
    plaque = SandingPlaque.objects.get(unit=unit, name="甲局牌子")
    s.remove_duty(draft, duty)
    s.remove_plaque(draft, plaque)
    s.abolish_internal_body(draft, body)
    with pytest.raises(s.SandingError, match="^该职责在此版本中已不存在$"):
        s.reword_duty(draft, duty, "改写的职责。")
    with pytest.raises(s.SandingError, match="^该牌子在此版本中已不存在$"):
        s.remove_plaque(draft, plaque)
    with pytest.raises(s.SandingError, match="^该内设机构在此版本中已不存在$"):
        s.update_internal_body(draft, body, duty_text="新职责")


def test_renaming_a_body_to_a_name_in_use_is_refused(unit, draft):
    s.create_internal_body(draft, "财务科")
    with pytest.raises(s.SandingError, match="^本单位已有名为“财务科”的内设机构$"):
        s.rename_internal_body(draft, _body(unit), "财务科")
    assert [b.name for b in s.snapshot(unit, draft=draft).bodies] == ["办公室", "财务科"]


# ------------------------------------------------------------------------------------------------ what each change does
def test_a_rank_change_without_a_statement_opens_one(draft):
    bare = UnitFactory(name="丙局")
    v = s.create_draft_version(bare, DocumentFactory(unit=bare))
    row = s.change_rank(v, "fuchu")
    assert (row.rank, row.nature_text, row.change_note) == ("fuchu", "", "机构规格调整为副处级")


def test_unchanged_values_write_nothing(unit, draft):
    """Saving what is already there (same duty text, 编制, 职数, body fields) neither closes nor opens a row."""
    approved = {r.pk for r in StaffingLine.objects.filter(unit=unit)}
    assert s.reword_duty(draft, _duty(unit), "负责本局的日常工作。").opened_by.is_draft is False
    assert s.set_staffing(draft, ADMIN, 20).pk in approved
    assert s.set_leadership_quota(draft, "正科级", 3).opened_by_id != draft.pk
    assert s.update_internal_body(draft, _body(unit), name="办公室", head_count="1").opened_by_id != draft.pk
    assert _unchanged(draft)


def test_zero_removes_a_line_and_adds_none(unit, draft):
    assert s.set_staffing(draft, WORKER, 0) is None
    assert s.set_head_post(draft, "副局长", 0) is None
    assert s.set_leadership_quota(draft, "副科级", 0) is None
    assert _unchanged(draft)
    assert s.set_staffing(draft, ADMIN, 0) is None
    assert s.set_head_post(draft, "局长", 0) is None
    assert s.set_leadership_quota(draft, "正科级", 0) is None
    snap = s.snapshot(unit, draft=draft)
    assert (snap.staffing, snap.head_posts, snap.leadership) == ([], [], [])
    notes = set(StaffingLine.objects.filter(unit=unit, closed_by=draft).values_list("change_note", flat=True))
    assert notes == {"核销编制"}


def test_includes_without_a_label_are_dropped(unit, draft):
    line = s.set_staffing(draft, ADMIN, 20, includes=[{"label": " ", "count": 5}, {"label": "纪检监察", "count": "2"}])
    assert line.includes == [{"label": "纪检监察", "count": 2}]
    # the same total with a new breakdown says what changed (never "编制由20名调整为20名")
    assert line.change_note == "编制20名，其中含由“无”调整为“纪检监察2名”"


def test_head_count_change_is_noted(unit, draft):
    row = s.update_internal_body(draft, _body(unit), deputy_count=2)
    assert (row.deputy_count, row.change_note) == (2, "办公室领导职数调整")


def test_transferring_everything_to_a_unit_without_the_line(unit, draft):
    """All 20 行政编制 go to a unit that had none: the giving line ends, the receiving unit gets a new line."""
    other = UnitFactory(name="丁局")
    s.transfer_staffing(draft, from_unit=unit, to_unit=other, staffing_type=ADMIN, count=20, acting_user=admin_user())
    s.transfer_leadership(draft, from_unit=unit, to_unit=other, level="正科级", count=3, acting_user=admin_user())
    assert s.snapshot(unit, draft=draft).staffing == [] and s.snapshot(unit, draft=draft).leadership == []
    companion = SandingVersion.objects.get(unit=other, primary=draft)
    snap = s.snapshot(other, draft=companion)
    assert [(r.count, r.change_note) for r in snap.staffing] == [(20, "由甲局划入行政编制20名")]
    assert [(r.level, r.count) for r in snap.leadership] == [("正科级", 3)]


def test_an_operation_on_the_companion_draft_returns_to_the_primary(unit, draft):
    """Working on the other unit's companion draft, a transfer back to the primary unit uses the primary draft —
    no third version."""
    other = UnitFactory(name="戊局")
    s.transfer_staffing(draft, from_unit=unit, to_unit=other, staffing_type=ADMIN, count=5, acting_user=admin_user())
    companion = SandingVersion.objects.get(unit=other, primary=draft)
    s.transfer_staffing(companion, from_unit=other, to_unit=unit, staffing_type=ADMIN, count=2,
                        acting_user=admin_user())
    assert SandingVersion.objects.filter(primary=draft).count() == 1
    assert SandingVersion.objects.filter(unit=unit, status="draft").get() == draft
    assert [r.count for r in s.snapshot(unit, draft=draft).staffing] == [17]
    assert [r.count for r in s.snapshot(other, draft=companion).staffing] == [3]
