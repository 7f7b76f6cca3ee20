"""Staff pages: as-of view, 沿革, diff, the draft editor (operations, conflicts, htmx), and scope."""
import datetime

import pytest

from bianzhi.registry.models import Unit
from bianzhi.sanding import services as s
from bianzhi.sanding.models import DutyKind, SandingVersion, StaffingType, VersionStatus

D = datetime.date


@pytest.fixture
def jyj(sdemo):
    return Unit.objects.get(name="百色市教育局")


@pytest.fixture
def jtj(sdemo):
    return Unit.objects.get(name="百色市交通运输局")


@pytest.fixture
def doc(jyj):
    from bianzhi.documents.models import ApprovalDocument

    return ApprovalDocument.objects.create(unit=jyj, doc_number_raw="百编〔2026〕9号", title="关于调整市教育局编制的通知",
                                           issued_on=D(2026, 1, 5), doc_type="adjustment")


def test_unit_page_as_of_history_and_diff(client_as, jyj):
    c = client_as("luru")
    today = c.get(f"/manage/sanding/units/{jyj.pk}/").content.decode()
    assert "百编〔2019〕23号" in today and "基础教育科" in today
    versions = s.history(jyj)
    assert len(versions) >= 2
    before = versions[0].effective_date
    old = c.get(f"/manage/sanding/units/{jyj.pk}/?as_of={before.isoformat()}").content.decode()
    assert f"截至 {before.isoformat()}" in old
    bad = c.get(f"/manage/sanding/units/{jyj.pk}/?as_of=2020-13-01")
    assert bad.status_code == 200 and "格式不对" in bad.content.decode()
    history = c.get(f"/manage/sanding/units/{jyj.pk}/history/").content.decode()
    assert history.index(versions[0].doc_number) < history.index(versions[1].doc_number)
    diff = c.get(f"/manage/sanding/units/{jyj.pk}/diff/?a={versions[0].pk}&b={versions[1].pk}").content.decode()
    assert versions[1].doc_number in diff and "diff-add" in diff


def test_out_of_scope_unit_is_404(client_as, jtj, jyj):
    c = client_as("jiaotong")
    assert c.get(f"/manage/sanding/units/{jyj.pk}/").status_code == 404
    assert c.get(f"/manage/sanding/units/{jyj.pk}/history/").status_code == 404
    v = s.history(jyj)[0]
    assert c.get(f"/manage/sanding/versions/{v.pk}/").status_code == 404
    assert client_as("lingdao").get(f"/manage/sanding/units/{jyj.pk}/").status_code == 200
    assert client_as("lingdao").get(f"/manage/sanding/units/{jyj.pk}/versions/new/").status_code == 404


def test_build_draft_by_operations_and_approve(client_as, jyj, doc):
    c = client_as("luru")
    resp = c.post(f"/manage/sanding/units/{jyj.pk}/versions/new/",
                  {"document": doc.pk, "effective_date": "2026-01-05", "kind": "", "stated_admin": "99"})
    assert resp.status_code == 302
    v = SandingVersion.objects.get(document=doc)
    page = c.get(f"/manage/sanding/versions/{v.pk}/").content.decode()
    assert "草稿预览" in page and "文件所述调整后行政编制为99名" in page
    admin_now = s.snapshot(jyj).staffing_total(StaffingType.ADMIN)
    resp = c.post(f"/manage/sanding/versions/{v.pk}/op/staffing/",
                  {"staffing-row_version": v.row_version, "staffing-staffing_type": "admin", "staffing-count": 99,
                   "staffing-includes": "援派机动编制1名"})
    assert resp.status_code == 302
    v.refresh_from_db()
    page = c.get(f"/manage/sanding/versions/{v.pk}/").content.decode()
    assert "文件所述调整后行政编制为" not in page and "行政编制99名" in page
    assert f'<span class="diff-del">{admin_now}</span> → <span class="diff-add">99</span>' in page
    # htmx: add an internal body inline, the fragment comes back with the new body
    resp = c.post(f"/manage/sanding/versions/{v.pk}/op/body_create/",
                  {"body_create-row_version": v.row_version, "body_create-name": "校外教育培训监管科",
                   "body_create-duty_text": "承担教育督导工作。", "body_create-head_count": 1,
                   "body_create-deputy_count": 0}, HTTP_HX_REQUEST="true")
    assert resp.status_code == 200
    fragment = resp.content.decode()
    assert fragment.startswith('<div id="bodies">') and "校外教育培训监管科" in fragment and "<html" not in fragment
    # not yet in approved history
    assert s.snapshot(jyj).staffing_total(StaffingType.ADMIN) == admin_now
    # luru cannot approve; admin can
    assert c.post(f"/manage/sanding/versions/{v.pk}/approve/").status_code == 403
    assert client_as("admin").post(f"/manage/sanding/versions/{v.pk}/approve/").status_code == 302
    v.refresh_from_db()
    assert v.status == VersionStatus.APPROVED
    assert s.snapshot(jyj).staffing_total(StaffingType.ADMIN) == 99
    history = c.get(f"/manage/sanding/units/{jyj.pk}/history/").content.decode()
    assert "百编〔2026〕9号" in history and "校外教育培训监管科" in history


def test_operation_conflict_keeps_input(client_as, jyj, doc):
    v = s.create_draft_version(jyj, doc)
    stale = v.row_version
    s.set_head_post(v, "局长", 1)  # someone else saves first
    resp = client_as("luru").post(f"/manage/sanding/versions/{v.pk}/op/head_post/",
                                   {"head_post-row_version": stale, "head_post-title": "副总督学",
                                    "head_post-count": 1, "head_post-note": "由副局长兼任"})
    page = resp.content.decode()
    assert resp.status_code == 200 and "已被其他用户修改" in page
    assert 'value="副总督学"' in page and 'value="由副局长兼任"' in page
    assert not any(h.title == "副总督学" for h in s.snapshot(jyj, draft=v).head_posts)


def test_negative_transfer_refused_in_page(client_as, jyj, doc):
    v = s.create_draft_version(jyj, doc)
    other = Unit.objects.get(name="百色市发展和改革委员会")
    have = s.snapshot(other).staffing_total(StaffingType.ADMIN)
    resp = client_as("luru").post(f"/manage/sanding/versions/{v.pk}/op/staffing_transfer/",
                                   {"staffing_transfer-row_version": v.row_version,
                                    "staffing_transfer-direction": "in",
                                    "staffing_transfer-other_unit": other.pk,
                                    "staffing_transfer-staffing_type": "admin",
                                    "staffing_transfer-count": have + 1})
    assert f"现有行政编制{have}名，不能划出{have + 1}名" in resp.content.decode()


def test_duty_editor_split_save_and_conflict(client_as, jyj, doc):
    c = client_as("luru")
    v = s.create_draft_version(jyj, doc)
    split = c.post(f"/manage/sanding/versions/{v.pk}/duties/split/",
                   {"paste": "（一）贯彻执行教育方针。（二）统筹规划教育事业。"}).content.decode()
    assert split.count('class="duty-item"') == 2 and "统筹规划教育事业。" in split
    current = s.snapshot(jyj, draft=v).duties_of(DutyKind.TRANSFORM)
    ids = [str(d.duty_id) for d in current]
    texts = [d.text for d in current]
    resp = c.post(f"/manage/sanding/versions/{v.pk}/duties/transform/",
                  {"row_version": v.row_version, "duty_id": ["", *ids], "text": ["新增的职能转变条目。", *texts]})
    assert resp.status_code == 302
    assert s.snapshot(jyj, draft=v).duties_of(DutyKind.TRANSFORM)[0].text == "新增的职能转变条目。"
    # a second editor with the old row_version gets a conflict and keeps their list
    resp = c.post(f"/manage/sanding/versions/{v.pk}/duties/transform/",
                  {"row_version": v.row_version, "duty_id": [""], "text": ["乙写的条目"]})
    assert resp.status_code == 409 and "已被其他用户修改" in resp.content.decode()
    assert "乙写的条目" in resp.content.decode()
    assert "乙写的条目" not in [d.text for d in s.snapshot(jyj, draft=v).duties]


def test_home_lists_units_in_scope(client_as, jyj):
    page = client_as("luru").get("/manage/sanding/").content.decode()
    assert "百色市教育局" in page and "百编〔2021〕15号" in page and "百色市交通运输局" not in page
    assert "百色市交通运输局" in client_as("jiaotong").get("/manage/sanding/").content.decode()


def test_demo_is_idempotent(sdemo):
    from bianzhi.documents.models import ApprovalDocument
    from bianzhi.sanding import demo
    from bianzhi.sanding.models import DutyRevision

    counts = (SandingVersion.objects.count(), DutyRevision.objects.count(), ApprovalDocument.objects.count())
    demo.load(log=lambda *a: None)
    assert (SandingVersion.objects.count(), DutyRevision.objects.count(), ApprovalDocument.objects.count()) == counts
    assert counts[0] == 7  # 5 base 三定 (incl. 市场监督管理局) + the 2021 notice for 教育局 + its companion in 财政局


def test_unit_page_links_to_sanding_and_version_page_of_companion(client_as, jyj):
    page = client_as("luru").get(f"/manage/units/{jyj.pk}/").content.decode()
    assert f"/manage/sanding/units/{jyj.pk}/" in page and f"/manage/sanding/units/{jyj.pk}/history/" in page
    # the 2021 transfer from 财政局 gave 财政局 a companion version with the same 文号
    finance = Unit.objects.get(name="百色市财政局")
    companion = SandingVersion.objects.get(unit=finance, document__doc_number="百编〔2021〕15号")
    assert companion.primary.unit == jyj and companion.status == VersionStatus.APPROVED
    body = client_as("luru").get(f"/manage/sanding/versions/{companion.pk}/").content.decode()
    assert "随附于" in body and "行政编制1名划出至百色市教育局" in body
    assert s.snapshot(finance).staffing_total(StaffingType.ADMIN) == 35
    assert s.snapshot(finance, D(2020, 1, 1)).staffing_total(StaffingType.ADMIN) == 36


def test_duty_move_from_the_draft_page(client_as, jyj, doc):
    v = s.create_draft_version(jyj, doc)
    target = Unit.objects.get(name="百色市发展和改革委员会")
    duty = s.snapshot(jyj).duties_of(DutyKind.MAIN)[8]  # 负责全市语言文字工作。
    c = client_as("luru")
    page = c.get(f"/manage/sanding/versions/{v.pk}/").content.decode()
    assert 'id="op-duty_move"' in page and page.count('name="duty_move-duty"') == 1
    resp = c.post(f"/manage/sanding/versions/{v.pk}/op/duty_move/",
                  {"duty_move-row_version": v.row_version, "duty_move-duty": duty.duty_id,
                   "duty_move-target_unit": target.pk})
    assert resp.status_code == 302
    companion = SandingVersion.objects.get(primary=v, unit=target)
    assert duty.text in [d.text for d in s.snapshot(target, draft=companion).duties]
    assert duty.text not in [d.text for d in s.snapshot(jyj, draft=v).duties]


def test_duty_editor_reads_the_same_duties_as_the_snapshot(client_as, jyj, doc):
    """The editor reads one kind of duties on its own (services.duties_of): the same rows in the same order as the
    whole snapshot gives, for approved history and for a draft that rewords, removes and reorders."""
    v = s.create_draft_version(jyj, doc)
    main = s.snapshot(jyj, draft=v).duties_of(DutyKind.MAIN)
    assert len(main) >= 3
    kept = [(d.duty_id, d.text) for d in main[2:]] + [(main[0].duty_id, "改写后的第一项职责。")]
    s.sync_duties(v, DutyKind.MAIN, kept)  # the second item removed, the first reworded and moved to the end
    for kind in DutyKind.values:
        for draft in (None, v):
            whole = s.snapshot(jyj, draft=draft).duties_of(kind)
            assert [(d.pk, d.duty_id, d.text) for d in s.duties_of(jyj, kind, draft=draft)] == \
                [(d.pk, d.duty_id, d.text) for d in whole]
    assert [d.text for d in s.duties_of(jyj, DutyKind.MAIN, draft=v)] == [t for _i, t in kept]
    page = client_as("luru").get(f"/manage/sanding/versions/{v.pk}/duties/main/").content.decode()
    positions = [page.index(t) for _i, t in kept]
    assert positions == sorted(positions) and main[1].text not in page


EDITOR_QUERIES = 6  # was 8 (the scope asked again by edit_refusal; the assigned packages read with the session, ADR 0057)
EDITOR_SAVE_QUERIES = 39  # was 41 (the scope asked again by edit_refusal; the assigned packages read with the session, ADR 0057)


def test_the_duty_editor_and_its_save_ask_a_fixed_number_of_statements(client_as, jyj, doc,
                                                                       django_assert_num_queries):
    """The 三定 draft's 主要职责 editor and its save (bench.clerks steps 6–7): the unit's change scope is asked once
    (can()), not again by edit_refusal (bench/README.md, "HTML steps")."""
    v = s.create_draft_version(jyj, doc)
    c = client_as("luru")
    url = f"/manage/sanding/versions/{v.pk}/duties/main/"
    c.get(url)
    with django_assert_num_queries(EDITOR_QUERIES):
        assert c.get(url).status_code == 200
    current = s.duties_of(jyj, DutyKind.MAIN, draft=v)
    texts = [d.text for d in current]
    texts[0] += "（改）"
    with django_assert_num_queries(EDITOR_SAVE_QUERIES):
        resp = c.post(url, {"row_version": v.row_version, "duty_id": [str(d.duty_id) for d in current],
                            "text": texts})
    assert resp.status_code == 302
    assert [d.text for d in s.duties_of(jyj, DutyKind.MAIN, draft=v)] == texts
