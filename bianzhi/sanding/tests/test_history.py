"""A ministry-like history built through the service operations, read back as of dates and as diffs."""
import datetime

import pytest

from bianzhi.core.tests.factories import admin_user
from bianzhi.sanding import services as s
from bianzhi.sanding.models import DutyKind, DutyRevision, SandingVersion, StaffingType, VersionStatus

D = datetime.date
ADMIN = StaffingType.ADMIN


@pytest.fixture
def ministry(make_unit, make_doc):
    """2018 base 三定 of a ministry (行政编制 478, 司局级 78) and of a neighbouring ministry, both approved."""
    m = make_unit("测试部")
    other = make_unit("相邻部")
    base = make_doc("国办发〔2018〕64号", "测试部职能配置、内设机构和人员编制规定", D(2018, 9, 10), "sanding", m)
    v = s.create_draft_version(m, base)
    s.set_statement(v, "测试部是国务院组成部门，为正部级。", "zhengbu")
    d1 = s.add_duty(v, "拟订并组织实施发展战略、中长期规划和年度计划。")
    d2 = s.add_duty(v, "负责统筹推进行业改革。")
    s.add_duty(v, "精简行政审批事项，加强事中事后监管。", kind=DutyKind.TRANSFORM)
    office = s.create_internal_body(v, "办公厅", "负责机关日常运转。", head_count=1, deputy_count=2)
    policy = s.create_internal_body(v, "政策研究室", "研究重大政策问题。", head_count=1, deputy_count=2)
    s.add_plaque(v, "新闻办公室", internal_body=policy)
    s.set_staffing(v, ADMIN, 478, includes=[{"label": "援派机动编制", "count": 3}])
    s.set_head_post(v, "部长", 1)
    s.set_head_post(v, "副部长", 4)
    s.set_leadership_quota(v, "司局级", 78)
    s.approve_version(v)

    ob = make_doc("国办发〔2018〕70号", "相邻部职能配置、内设机构和人员编制规定", D(2018, 9, 20), "sanding", other)
    v2 = s.create_draft_version(other, ob)
    s.set_staffing(v2, ADMIN, 300)
    s.set_leadership_quota(v2, "司局级", 50)
    s.approve_version(v2)
    return {"unit": m, "other": other, "duties": [d1, d2], "office": office, "policy": policy,
            "acting": admin_user()}  # transfers change both units: the acting user must be allowed to change both


def _notice_2023(ministry, make_doc):
    m, other, policy = ministry["unit"], ministry["other"], ministry["policy"]
    doc = make_doc("中编办发〔2023〕12号", "关于调整测试部职责机构编制的通知", D(2023, 3, 16), "adjustment", m)
    v = s.create_draft_version(m, doc, stated_totals={"staffing:admin": 504, "leadership:司局级": 79})
    s.transfer_staffing(v, from_unit=other, to_unit=m, staffing_type=ADMIN, count=4, acting_user=ministry["acting"])
    s.transfer_leadership(v, from_unit=other, to_unit=m, level="司局级", count=1, acting_user=ministry["acting"])
    row = s.snapshot(m, draft=v).staffing[0]
    s.set_staffing(v, ADMIN, row.count + 22, note="增加行政编制22名")  # 478 + 4 + 22 = 504
    plaque = [p for p in s.snapshot(m, draft=v).plaques if p.internal_body_id == policy.pk][0]
    s.remove_plaque(v, plaque)
    s.rename_internal_body(v, policy, "研究室")
    s.update_internal_body(v, policy, duty_text="研究重大政策问题，起草重要文稿。")
    return v


def test_ministry_history_2018_base_and_2023_notice(ministry, make_doc):
    m, other, policy = ministry["unit"], ministry["other"], ministry["policy"]
    v = _notice_2023(ministry, make_doc)

    # before approval, the draft is invisible in approved history but previewable
    assert s.snapshot(m, D(2024, 1, 1)).staffing_total(ADMIN) == 478
    preview = s.snapshot(m, draft=v)
    assert preview.staffing_total(ADMIN) == 504 and preview.leadership_total("司局级") == 79
    assert s.check_version(v) == []

    s.approve_version(v)
    v.refresh_from_db()
    assert v.status == VersionStatus.APPROVED
    now = s.snapshot(m)
    assert now.staffing_total(ADMIN) == 504
    assert now.leadership_total("司局级") == 79
    assert now.staffing[0].includes == [{"label": "援派机动编制", "count": 3}]
    other_now = s.snapshot(other)
    assert other_now.staffing_total(ADMIN) == 296 and other_now.leadership_total("司局级") == 49

    old = s.snapshot(m, D(2020, 1, 1))
    assert old.staffing_total(ADMIN) == 478 and old.leadership_total("司局级") == 78
    assert [b.name for b in old.bodies] == ["办公厅", "政策研究室"]
    assert [p.name for p in old.body_plaques(policy.pk)] == ["新闻办公室"]
    assert [b.name for b in now.bodies] == ["办公厅", "研究室"] and now.body_plaques(policy.pk) == []
    assert s.snapshot(other, D(2020, 1, 1)).staffing_total(ADMIN) == 300

    # the registry follows the approved name
    policy.refresh_from_db()
    assert policy.name == "研究室"

    # diff between two dates: item- and field-level, each with the 文号
    d = s.diff(m, D(2020, 1, 1), D(2024, 1, 1))
    by = {(c.section, c.action): c for c in d.changes}
    staffing = by[("编制", "changed")]
    assert staffing.fields[0][1:] == ("478", "504") and staffing.doc_number == "中编办发〔2023〕12号"
    assert by[("内设机构领导职数", "changed")].fields[0][1:] == ("78", "79")
    removed = by[("牌子", "removed")]
    assert "新闻办公室" in removed.label and removed.doc_number == "中编办发〔2023〕12号"
    body = by[("内设机构", "changed")]
    assert ("名称", "政策研究室", "研究室") in body.fields
    assert any(f[0] == "职责" for f in body.fields)

    # both units' 沿革 show the document; the summary lists the changes
    assert [x.doc_number for x in s.history(m)] == ["国办发〔2018〕64号", "中编办发〔2023〕12号"]
    assert [x.doc_number for x in s.history(other)] == ["国办发〔2018〕70号", "中编办发〔2023〕12号"]
    assert "政策研究室" in s.history(m)[1].summary

    pub = s.public_snapshot(m)
    assert pub["staffing_total"] == 504 and len(pub["history"]) == 2
    assert pub["internal_bodies"][1]["name"] == "研究室"
    assert s.public_snapshot(m, D(2020, 1, 1))["staffing_total"] == 478


def test_transfer_that_would_go_negative_is_refused(ministry, make_doc):
    m, other = ministry["unit"], ministry["other"]
    doc = make_doc("中编办发〔2023〕13号", "关于划转编制的通知", D(2023, 5, 1), "adjustment", m)
    v = s.create_draft_version(m, doc)
    with pytest.raises(s.SandingError, match="现有行政编制300名，不能划出301名"):
        s.transfer_staffing(v, from_unit=other, to_unit=m, staffing_type=ADMIN, count=301, acting_user=ministry["acting"])
    with pytest.raises(s.SandingError, match="不能划出"):
        s.transfer_leadership(v, from_unit=other, to_unit=m, level="司局级", count=51, acting_user=ministry["acting"])
    # nothing half-written
    assert not SandingVersion.objects.filter(primary=v).exists()
    assert s.snapshot(other).staffing_total(ADMIN) == 300
    assert s.snapshot(m, draft=v).staffing_total(ADMIN) == 478


def test_checks_warn_on_stated_totals_and_body_posts(ministry, make_doc):
    m = ministry["unit"]
    doc = make_doc("中编办发〔2023〕14号", "通知", D(2023, 5, 1), "adjustment", m)
    v = s.create_draft_version(m, doc, stated_totals={"staffing:admin": 500})
    s.set_leadership_quota(v, "司局级", 5)
    warnings = s.check_version(v)
    assert any("文件所述调整后行政编制为500名，按各项操作计算为478名" in w for w in warnings)
    assert any("各内设机构领导职数合计6名，超过核定的内设机构领导职数5名" in w for w in warnings)


def test_duty_operations_and_move(ministry, make_doc):
    m, other = ministry["unit"], ministry["other"]
    d1, d2 = ministry["duties"]
    doc = make_doc("中编办发〔2024〕3号", "职责调整", D(2024, 2, 1), "adjustment", m)
    v = s.create_draft_version(m, doc)
    s.reword_duty(v, d1, "拟订并组织实施发展战略和规划。")
    moved = s.move_duty(v, d2, other, acting_user=ministry["acting"])
    new = s.add_duty(v, "承办上级交办的其他任务。")
    s.approve_version(v)
    assert d1.text == "拟订并组织实施发展战略和规划。"
    assert d1.text_as_of(D(2020, 1, 1)) == "拟订并组织实施发展战略、中长期规划和年度计划。"
    assert d2.text == "" and moved.origin == d2 and moved.text == "负责统筹推进行业改革。"
    assert moved in type(moved).objects.current().filter(unit=other)
    assert new.text == "承办上级交办的其他任务。"
    changes = s.diff(m, D(2023, 1, 1), D(2024, 6, 1)).changes
    assert {(c.section, c.action) for c in changes} == {("职责", "changed"), ("职责", "removed"), ("职责", "added")}
    assert all(c.doc_number == "中编办发〔2024〕3号" for c in changes)


def test_approved_version_cannot_be_edited_and_backdating_refused(ministry, make_doc):
    m = ministry["unit"]
    v = SandingVersion.objects.filter(unit=m).first()
    with pytest.raises(s.SandingError, match="已批准"):
        s.add_duty(v, "x")
    doc = make_doc("国办发〔2017〕1号", "旧文件", D(2017, 1, 1), "adjustment", m)
    with pytest.raises(s.SandingError, match="早于"):
        s.create_draft_version(m, doc)


def test_two_drafts_cannot_close_the_same_row(ministry, make_doc):
    m = ministry["unit"]
    a = s.create_draft_version(m, make_doc("中编办发〔2024〕5号", "甲", D(2024, 5, 1), "adjustment", m))
    b = s.create_draft_version(m, make_doc("中编办发〔2024〕6号", "乙", D(2024, 6, 1), "adjustment", m))
    s.set_staffing(a, ADMIN, 480)
    with pytest.raises(s.SandingError, match="另一待批准版本（中编办发〔2024〕5号）"):
        s.set_staffing(b, ADMIN, 490)
    s.discard_draft(a)
    s.set_staffing(b, ADMIN, 490)
    s.approve_version(b)
    assert s.snapshot(m).staffing_total(ADMIN) == 490


def test_concurrent_editor_gets_conflict(ministry, make_doc):
    from bianzhi.core.models import ConcurrentEditError

    m = ministry["unit"]
    v = s.create_draft_version(m, make_doc("中编办发〔2024〕7号", "丙", D(2024, 7, 1), "adjustment", m))
    loaded = v.row_version
    s.add_duty(v, "甲的修改", expected_version=loaded)
    with pytest.raises(ConcurrentEditError):
        s.add_duty(v, "乙的修改", expected_version=loaded)
    assert DutyRevision.objects.filter(opened_by=v).count() == 1


def test_sync_duties_from_editor(ministry, make_doc):
    m = ministry["unit"]
    d1, d2 = ministry["duties"]
    v = s.create_draft_version(m, make_doc("中编办发〔2024〕8号", "丁", D(2024, 8, 1), "adjustment", m))
    stats = s.sync_duties(v, DutyKind.MAIN, [(None, "新职责"), (d2.pk, "负责统筹推进行业改革。"), (d1.pk, "改写")])
    assert stats == {"added": 1, "reworded": 1, "removed": 0, "moved": 1}
    texts = [d.text for d in s.snapshot(m, draft=v).duties_of(DutyKind.MAIN)]
    assert texts == ["新职责", "负责统筹推进行业改革。", "改写"]
    stats = s.sync_duties(v, DutyKind.MAIN, [(d2.pk, "负责统筹推进行业改革。")])
    assert stats["removed"] == 2


@pytest.mark.parametrize("text,expected", [
    ("（一）贯彻执行方针政策。\n（二）拟订规划。\n（三）完成其他任务。", ["贯彻执行方针政策。", "拟订规划。", "完成其他任务。"]),
    ("(一)甲。(二)乙。", ["甲。", "乙。"]),
    ("一、负责甲。\n二、负责乙，包括1.丙；2.丁。", ["负责甲。", "负责乙，包括1.丙；2.丁。"]),
    ("1. 负责甲。\n2. 负责乙，金额2.5亿元。\n3、负责丙。", ["负责甲。", "负责乙，金额2.5亿元。", "负责丙。"]),
    ("市教育局主要职责是：\n（一）甲。\n（二）乙。", ["市教育局主要职责是：", "甲。", "乙。"]),
    ("第一行\n第二行", ["第一行", "第二行"]),
])
def test_split_duty_text(text, expected):
    assert s.split_duty_text(text) == expected


def test_rank_plaques_abolish_and_posts_check(ministry, make_doc):
    m, office, policy = ministry["unit"], ministry["office"], ministry["policy"]
    doc = make_doc("中编办发〔2024〕9号", "机构调整", D(2024, 9, 1), "adjustment", m)
    v = s.create_draft_version(m, doc)
    s.change_rank(v, "fubu", "测试部是国务院直属机构，为副部级。")
    s.add_plaque(v, "国家测试局", kind="added")
    with pytest.raises(s.SandingError, match="已有牌子"):
        s.add_plaque(v, "国家测试局")
    s.abolish_internal_body(v, policy)
    s.create_internal_body(v, "综合司", "承担综合协调工作。", head_count=1, deputy_count=3)
    s.set_leadership_quota(v, "司局级", 0)
    s.set_leadership_quota(v, "正司级", 2)
    s.set_leadership_quota(v, "副司级", 4)
    warnings = s.check_version(v)
    assert warnings == ["各内设机构副职领导职数合计5名，超过核定的副司级领导职数4名"]
    s.approve_version(v)
    now, before = s.snapshot(m), s.snapshot(m, D(2024, 8, 31))
    assert now.statement.rank == "fubu" and before.statement.rank == "zhengbu"
    assert [p.name for p in now.unit_plaques()] == ["国家测试局"]
    assert [b.name for b in now.bodies] == ["办公厅", "综合司"]
    assert before.body_plaques(policy.pk) and not any(p.internal_body_id == policy.pk for p in now.plaques)
    policy.refresh_from_db()
    assert policy.abolished_on == D(2024, 9, 1)
    changes = {(c.section, c.action, c.label) for c in s.diff(m, D(2024, 8, 31), D(2024, 9, 1)).changes}
    assert ("内设机构", "removed", "政策研究室") in changes and ("内设机构", "added", "综合司") in changes
    assert ("牌子", "added", "国家测试局") in changes
    assert any(c[0] == "机构性质和规格" and c[1] == "changed" for c in changes)
    assert office.pk in [b.body_id for b in now.bodies]


def test_discard_draft_restores_everything(ministry, make_doc):
    m, other = ministry["unit"], ministry["other"]
    d1 = ministry["duties"][0]
    v = s.create_draft_version(m, make_doc("中编办发〔2024〕10号", "作废草稿", D(2024, 10, 1), "adjustment", m))
    s.transfer_staffing(v, from_unit=other, to_unit=m, staffing_type=ADMIN, count=10, acting_user=ministry["acting"])
    s.remove_duty(v, d1)
    s.discard_draft(v)
    assert not SandingVersion.objects.filter(document__doc_number="中编办发〔2024〕10号").exists()
    v2 = s.create_draft_version(m, make_doc("中编办发〔2024〕11号", "新草稿", D(2024, 11, 1), "adjustment", m))
    s.remove_duty(v2, d1)  # the row is free again
    assert s.snapshot(other, draft=None).staffing_total(ADMIN) == 300


def test_invalid_input_refused_in_chinese(ministry, make_doc):
    m = ministry["unit"]
    v = s.create_draft_version(m, make_doc("中编办发〔2024〕12号", "校验", D(2024, 12, 1), "adjustment", m))
    with pytest.raises(s.SandingError, match="行政编制不能为负数"):
        s.set_staffing(v, ADMIN, -1)
    with pytest.raises(s.SandingError, match="超过该类编制总数"):
        s.set_staffing(v, ADMIN, 5, includes=[{"label": "援派机动编制", "count": 6}])
    with pytest.raises(s.SandingError, match="职责内容不能为空"):
        s.add_duty(v, "  ")
    with pytest.raises(s.SandingError, match="已有名为“办公厅”"):
        s.create_internal_body(v, "办公厅")
    with pytest.raises(s.SandingError, match="划出单位与划入单位相同"):
        s.transfer_staffing(v, from_unit=m, to_unit=m, staffing_type=ADMIN, count=1, acting_user=ministry["acting"])


def test_duty_with_text_annotation_in_one_query(ministry, django_assert_num_queries):
    from bianzhi.sanding.models import Duty

    m = ministry["unit"]
    with django_assert_num_queries(1):
        rows = list(Duty.objects.filter(unit=m).with_text().order_by("kind_now", "position_now"))
    assert [r.text_now for r in rows][:2] == ["拟订并组织实施发展战略、中长期规划和年度计划。", "负责统筹推进行业改革。"]
    assert rows[0].kind_now == "main"
    assert set(Duty.objects.current().filter(unit=m)) == set(rows)
