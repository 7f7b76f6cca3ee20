"""Issue 11 acceptance walk: one department (百色市交通运输局) and its 二层单位 through the whole seed campaign in a
real browser, asserting the DATA at every step, not only that pages load.

1. 账号: the 市编办 creates the entry and confirmation accounts of the department and its 二层单位 in bulk on the
   campaign's page; the one-time passwords are shown once and the downloaded sheet holds the same; the new clerk
   and confirmer can do nothing before changing them.
2. 材料: the clerk lists the adjustment notice and uploads its PDF and Word; the office receives and accepts.
3. 录入: by hand for the department (a new 批文, a draft on it, one duty appended, 编制 changed); by document upload
   for the 二层单位 (its 三定 text read by the ingester, accepted into a draft).
4. 确认: the confirmer checks the 确认单 (what was entered is on it), sends the department back once, the clerk
   corrects, the confirmer confirms from the 确认单; the 二层单位 is confirmed as entered.
5. 审核 and 公开: the reviewer approves from the 确认单, the office publishes.
6. The 沿革 holds exactly the operations performed, each with the new 文号; the public page and the xlsx, CSV and
   JSON downloads hold the same sections and numbers as the staff view.
Screenshots: test-artifacts/walk-*.png.
"""
import csv
import io
import json
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from bianzhi.accounts.models import User
from bianzhi.registry.models import Unit
from bianzhi.sanding import services as s
from bianzhi.sanding.models import DutyKind, SandingVersion
from bianzhi.workflow.models import Campaign, DataPackage, MaterialPackage, PackageState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEPT, SUB = "百色市交通运输局", "百色市公路发展中心"
NEW_DUTY = "负责全市交通运输数字化建设和智慧交通发展工作。"
DOC_NUMBER, DOC_TITLE = "百编〔2026〕5号", "关于调整百色市交通运输局职责和编制的通知"
SUB_DOC_NUMBER = "百编〔2026〕6号"
SUB_TITLE = "百色市公路发展中心机构职能编制规定"
SUB_NATURE = "百色市公路发展中心是市交通运输局所属公益一类事业单位，为副处级。"
SUB_DUTIES = ["承担全市普通国省干线公路的养护管理工作。", "承担全市农村公路建设和养护的技术指导工作。",
              "完成市交通运输局交办的其他任务。"]
SUB_TEXT = f"""中共百色市委机构编制委员会文件
{SUB_DOC_NUMBER}
百色市公路发展中心机构职能编制规定
第一条　{SUB_NATURE}
第二条　主要职责是：
（一）承担全市普通国省干线公路的养护管理工作。
（二）承担全市农村公路建设和养护的技术指导工作。
（三）完成市交通运输局交办的其他任务。
第三条　百色市公路发展中心设下列内设机构：
（一）综合科。负责中心日常运转工作。
（二）养护管理科。负责公路养护计划的编制和实施。
第四条　百色市公路发展中心事业编制18名。设主任1名，副主任2名；正科级领导职数2名。
第五条　本规定自2026年3月1日起施行。
"""


def _shot(page, name):
    from conftest import ARTIFACTS

    path = ARTIFACTS / f"walk-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _texts(locator) -> list[str]:
    return [t.strip() for t in locator.all_inner_texts()]


def _sheet(page) -> dict:
    """What the 确认单 shows: main duties, 编制 and 领导职数 figures, internal bodies, the listed changes."""
    staffing = {cells[0]: cells[1] for cells in (_texts(r.locator("td")) for r in
                                                 page.locator("[data-testid=sheet-staffing] tr:has(td)").all())
                if len(cells) > 1}
    main = page.locator("[data-testid=sheet-duties][data-section=主要职责] li")
    return {"duties": _texts(main), "staffing": staffing,
            "bodies": _texts(page.locator("[data-testid=sheet-bodies] tr td:first-child")),
            "changes": [re.sub(r"\s+", "", t) for t in _texts(page.locator("[data-testid=sheet-changes] li"))]}


def test_department_and_its_second_tier_unit_through_the_seed_campaign(login, browser_page, demo, tmp_path):
    page = browser_page
    base = page.base_url
    dept, sub = Unit.objects.get(name=DEPT), Unit.objects.get(name=SUB)
    subtree = list(Unit.objects.filter(tree_path__startswith=dept.tree_path).order_by("tree_path"))
    campaign = Campaign.objects.get(name="2017年机构编制云平台基础数据录入")
    assert set(subtree) <= set(campaign.units.all())
    _not_started(subtree)
    staff_before = s.snapshot(dept)
    duties_before = [d.text for d in staff_before.duties_of(DutyKind.MAIN)]
    admin_staffing_before = [x for x in staff_before.staffing if x.staffing_type == "admin"][0].count

    def logout():
        page.context.clear_cookies()

    # ---------------------------------------------------------------- 1. accounts in bulk, one-time passwords
    login("admin")
    page.goto(f"{base}/manage/workflow/campaigns/")
    page.click("[data-testid=campaign-accounts]")
    page.goto(f"{page.url}?under={dept.pk}")
    rows = page.locator("[data-testid=campaign-units] tr[data-unit]")
    assert [r.get_attribute("data-unit") for r in rows.all()] == [u.name for u in subtree]
    page.check("#check-all")
    page.click("[data-testid=create-accounts]")
    page.wait_for_selector("[data-testid=one-time-warning]")
    creds = {}
    for row in page.locator("[data-testid=credentials] tr:has(td)").all():
        cells = _texts(row.locator("td"))
        creds[(cells[3], cells[2])] = (cells[0], cells[4])
    assert sorted(creds) == sorted((u.name, role) for u in subtree for role in ("录入员", "部门确认员"))
    assert creds[(DEPT, "录入员")][0] == f"lr{dept.pk}" and creds[(DEPT, "部门确认员")][0] == f"qr{dept.pk}"
    _shot(page, "1-accounts-created")
    with page.expect_download() as download:
        page.click("[data-testid=download-credentials]")
    assert download.value.suggested_filename == "initial-passwords.xlsx"
    sheet = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    assert {(r[3], r[2]): (r[0], r[4]) for r in sheet.iter_rows(min_row=2, values_only=True)} == creds
    for unit in subtree:  # the account list, filtered by unit: the two new accounts, waiting for a password change
        page.goto(f"{base}/manage/accounts/?unit={unit.name}&active=1")
        rows = [_texts(r.locator("td")) for r in page.locator("[data-testid=accounts] tr:has(td)").all()]
        mine = [(r[0], r[2], r[6]) for r in rows if r[3] == unit.name and r[0].startswith(("lr", "qr"))]
        assert mine == [(f"lr{unit.pk}", "录入员", "待修改初始密码"), (f"qr{unit.pk}", "部门确认员", "待修改初始密码")]
    page.goto(f"{base}/manage/accounts/?unit={DEPT}")
    _shot(page, "1-account-list")
    page.click(f"[data-testid=accounts] a:text-is('lr{dept.pk}')")  # the clerk is in the department's own entry group
    group = page.locator("[data-testid=groups] tr", has_text=f"{DEPT}录入组")
    assert group.locator("input[type=checkbox]").is_checked()
    _shot(page, "1-account-detail")
    logout()

    clerk, clerk_pw = creds[(DEPT, "录入员")]
    confirmer, confirmer_pw = creds[(DEPT, "部门确认员")]
    passwords = {clerk: "Jiaotong-Luru-2026", confirmer: "Jiaotong-Queren-2026"}

    def first_login(username, one_time):
        login(username, one_time)
        assert page.url.endswith("/accounts/password/")  # nothing but the password change
        page.goto(f"{base}/manage/workflow/")
        assert page.url.endswith("/accounts/password/")
        page.fill("#id_old_password", one_time)
        page.fill("#id_new_password1", passwords[username])
        page.fill("#id_new_password2", passwords[username])
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        assert not User.objects.get(username=username).must_change_password

    # ---------------------------------------------------------------- 2. materials
    first_login(clerk, clerk_pw)
    page.goto(f"{base}/manage/workflow/units/{sub.pk}/materials/")
    page.fill("#id_title", SUB_TITLE)
    page.fill("#id_doc_number", SUB_DOC_NUMBER)
    page.fill("#id_issued_on", "2026-03-01")
    page.fill("#id_position", "1")
    page.check("#id_marked_newest")
    page.click("button:has-text('添加')")
    page.wait_for_selector("text=已添加文件条目")
    pdf, docx = tmp_path / f"{SUB_TITLE}.pdf", tmp_path / f"{SUB_TITLE}.docx"
    pdf.write_bytes(_pdf_bytes())
    _write_docx(docx, SUB_TEXT)
    for fmt, path in (("pdf", pdf), ("docx", docx)):
        form = page.locator("form[action*='/upload/']").first
        form.locator("select[name=fmt]").select_option(fmt)
        form.locator("input[name=file]").set_input_files(str(path))
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()
    _shot(page, "2-materials")
    logout()
    login("admin")
    page.goto(f"{base}/manage/workflow/units/{sub.pk}/materials/")
    page.click("button:has-text('登记接收')")
    page.wait_for_load_state()
    page.select_option("select[name=decision]", "accept")
    page.click("button:has-text('提交验收结论')")
    page.wait_for_load_state()
    material = MaterialPackage.objects.get(unit=sub, campaign=campaign)
    assert material.status == "accepted", (material.status, page.inner_text("main")[:1500])
    assert [(i.doc_number, sorted(f.fmt for f in i.files.all())) for i in material.items.all()] == [
        (SUB_DOC_NUMBER, ["docx", "pdf"])]
    logout()

    # ---------------------------------------------------------------- 3a. entry by hand (department)
    login(clerk, passwords[clerk])
    page.goto(f"{base}/manage/documents/new/")
    page.select_option("#id_unit", str(dept.pk))
    page.fill("#id_doc_number_raw", DOC_NUMBER)
    page.fill("#id_title", DOC_TITLE)
    page.fill("#id_issued_on", "2026-03-01")
    page.fill("#id_effective_on", "2026-03-01")
    page.select_option("#id_doc_type", "adjustment")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{base}/manage/sanding/units/{dept.pk}/versions/new/")
    page.select_option("#id_document", label=f"{DOC_NUMBER} {DOC_TITLE}")
    page.click("button:has-text('建立草稿')")
    page.wait_for_selector("text=已建立草稿版本")
    version = SandingVersion.objects.get(document__doc_number=DOC_NUMBER)
    page.click("text=录入/编辑主要职责")
    page.wait_for_selector("#duty-list")
    expect(page.locator("#duty-list .duty-item")).to_have_count(len(duties_before))
    page.fill("#paste", NEW_DUTY)
    page.click("#split-btn")  # split on the server (async): wait for the new item
    expect(page.locator("#duty-list .duty-item")).to_have_count(len(duties_before) + 1)
    page.click("#save-duties")
    page.wait_for_selector("text=已保存主要职责")
    page.goto(f"{base}/manage/sanding/versions/{version.pk}/")
    page.click("#op-staffing summary")
    page.select_option("#id_staffing-staffing_type", "admin")
    page.fill("#id_staffing-count", str(admin_staffing_before + 2))
    page.click("#op-staffing button[type=submit]")
    page.wait_for_selector("text=已修改编制")
    draft = s.snapshot(dept, draft=version)
    assert [d.text for d in draft.duties_of(DutyKind.MAIN)] == duties_before + [NEW_DUTY]
    _shot(page, "3-draft")

    # ---------------------------------------------------------------- 3b. entry by document upload (二层单位)
    page.goto(f"{base}/manage/ingest/units/{sub.pk}/upload/")
    page.set_input_files("#id_file", str(docx))  # the Word file delivered with the materials
    page.click("button:has-text('上传并识别')")
    page.wait_for_selector("form.ingest-draft")
    assert page.locator("#unit-mismatch").count() == 0
    if page.locator("#id_effective_on").input_value() == "":
        page.fill("#id_effective_on", "2026-03-01")
    _shot(page, "3-ingest-review")
    page.click("button:has-text('采用勾选的内容')")
    page.wait_for_selector("text=已按核对结果生成三定草稿")
    sub_version = SandingVersion.objects.filter(unit=sub).latest("id")
    sub_draft = s.snapshot(sub, draft=sub_version)
    assert [d.text for d in sub_draft.duties_of(DutyKind.MAIN)] == SUB_DUTIES
    assert [b.name for b in sub_draft.bodies] == ["综合科", "养护管理科"]
    assert sub_draft.staffing_total() == 18

    # ---------------------------------------------------------------- submit both packages
    page.goto(f"{base}/manage/workflow/units/{dept.pk}/package/")
    package = DataPackage.objects.get(unit=dept, is_current=True)
    assert package.state == PackageState.ENTERING
    page.click("[data-transition=submit]")
    page.wait_for_selector("text=已提交部门确认。")
    page.goto(f"{base}/manage/workflow/units/{sub.pk}/package/")
    sub_package = DataPackage.objects.get(unit=sub, is_current=True)
    page.click("[data-transition=submit]")
    page.wait_for_selector("text=已提交部门确认。")
    logout()

    # ---------------------------------------------------------------- 4. the confirmer: sheet, send back, confirm
    first_login(confirmer, confirmer_pw)
    page.goto(f"{base}/manage/workflow/packages/{package.pk}/sheet/")
    # the 确认单 holds exactly what was entered: the draft's duties, 编制, and the changes with the new 文号
    sheet = _sheet(page)
    assert sheet["staffing"]["行政编制"] == str(admin_staffing_before + 2)
    del sheet["staffing"]
    assert sheet == {"duties": duties_before + [NEW_DUTY], "bodies": [b.name for b in staff_before.bodies],
                            "changes": [f"职责新增：{NEW_DUTY}（{DOC_NUMBER}）",
                                        f"编制调整：行政编制（数额由“{admin_staffing_before}”改为"
                                        f"“{admin_staffing_before + 2}”）（{DOC_NUMBER}）"]}
    _shot(page, "4-sheet-before-return")
    page.fill("#comment-dept_return", f"行政编制应为{admin_staffing_before + 1}名，与{DOC_NUMBER}一致")
    page.click("[data-transition=dept_return]")
    page.wait_for_selector("text=已部门退回。")
    logout()

    login(clerk, passwords[clerk])
    page.goto(f"{base}/manage/sanding/versions/{version.pk}/")
    page.click("#op-staffing summary")
    page.select_option("#id_staffing-staffing_type", "admin")
    page.fill("#id_staffing-count", str(admin_staffing_before + 1))
    page.click("#op-staffing button[type=submit]")
    page.wait_for_selector("text=已修改编制")
    page.goto(f"{base}/manage/workflow/packages/{package.pk}/")
    for button in page.locator("[data-testid=resolve]").all():
        page.fill("input[name=resolution]", "已按意见改为行政编制" + str(admin_staffing_before + 1) + "名")
        button.click()
        page.wait_for_selector("text=意见已标记为已处理。")
    page.click("[data-transition=submit]")
    page.wait_for_selector("text=已提交部门确认。")
    logout()

    login(confirmer, passwords[confirmer])
    page.goto(f"{base}/manage/workflow/packages/{package.pk}/sheet/")
    assert _sheet(page)["staffing"]["行政编制"] == str(admin_staffing_before + 1)  # the correction is what is signed
    signed_powers = [(c[0], c[1]) for c in (_texts(r.locator("td")) for r in
                                            page.locator("[data-testid=sheet-powers] tr:has(td)").all())]
    signed_responsibilities = _texts(page.locator("[data-testid=sheet-responsibilities] tr td:first-child"))
    assert signed_powers and signed_responsibilities
    page.click("[data-transition=confirm]")
    page.wait_for_selector("text=已确认无误。")
    page.goto(f"{base}/manage/workflow/packages/{sub_package.pk}/sheet/")
    sheet = _sheet(page)
    assert (sheet["duties"], sheet["bodies"]) == (SUB_DUTIES, ["综合科", "养护管理科"])
    assert sheet["staffing"] == {"事业编制": "18", "主任": "1", "副主任": "2", "内设机构正科级领导职数": "2"}
    assert sheet["changes"] == ([f"机构性质和规格新增：{SUB_NATURE}（{SUB_DOC_NUMBER}）"]  # the text, not the section
                                + [f"职责新增：{d}（{SUB_DOC_NUMBER}）" for d in SUB_DUTIES]
                                + [f"内设机构新增：{b}（{SUB_DOC_NUMBER}）" for b in ("综合科", "养护管理科")]
                                + [f"{what}新增：{name}（{SUB_DOC_NUMBER}）" for what, name in (
                                    ("编制", "事业编制"), ("领导职数", "主任"), ("领导职数", "副主任"),
                                    ("内设机构领导职数", "正科级"))])
    page.click("[data-transition=confirm]")
    page.wait_for_selector("text=已确认无误。")
    _shot(page, "4-confirmed")
    logout()

    # ---------------------------------------------------------------- 5. review and publication
    login(clerk, passwords[clerk])
    for pkg in (package, sub_package):
        page.goto(f"{base}/manage/workflow/packages/{pkg.pk}/")
        page.click("[data-transition=submit_review]")
        page.wait_for_selector("text=已提交审核。")
    logout()
    login("shenhe")
    for pkg in (package, sub_package):
        page.goto(f"{base}/manage/workflow/packages/{pkg.pk}/sheet/")
        page.click("[data-transition=approve]")
        page.wait_for_selector("text=已审核通过。")
    logout()
    login("admin")
    for pkg in (package, sub_package):
        page.goto(f"{base}/manage/workflow/packages/{pkg.pk}/")
        page.click("[data-transition=publish]")
        page.wait_for_selector("text=已对外公开。")
    for pkg in (package, sub_package):
        pkg.refresh_from_db()
        assert pkg.state == PackageState.PUBLISHED
    assert [t.name for t in package.transitions.order_by("at", "id")] == [
        "submit", "dept_return", "submit", "confirm", "submit_review", "approve", "publish"]
    assert [t.name for t in sub_package.transitions.order_by("at", "id")] == [
        "submit", "confirm", "submit_review", "approve", "publish"]

    # ---------------------------------------------------------------- 6. the data: 沿革, staff view, public, downloads
    staff = s.snapshot(dept)
    expected_duties = [(d, "百编〔2019〕28号") for d in duties_before] + [(NEW_DUTY, DOC_NUMBER)]
    assert [(d.text, d.opened_by.doc_number) for d in staff.duties_of(DutyKind.MAIN)] == expected_duties
    staffing = [(x.display_label, x.count) for x in staff.staffing]
    assert ("行政编制", admin_staffing_before + 1) in staffing
    bodies = [b.name for b in staff.bodies]
    # the 沿革 holds exactly what the document changed: the appended duty and the net 编制 change, with its 文号
    expected_history = [f"职责新增：{NEW_DUTY}",
                        f"编制调整：行政编制（数额由“{admin_staffing_before}”改为“{admin_staffing_before + 1}”）"]
    page.goto(f"{base}/manage/sanding/units/{dept.pk}/history/")
    latest = page.locator("ol.timeline > li").last
    assert DOC_NUMBER in latest.inner_text() and DOC_TITLE in latest.inner_text()
    assert _texts(latest.locator("ul li")) == expected_history
    _shot(page, "6-history")
    # the staff page: only the appended duty carries the new 文号
    page.goto(f"{base}/manage/sanding/units/{dept.pk}/")
    labels = _texts(page.locator("#sec-duties ol.duties li"))[:len(expected_duties)]
    assert [re.sub(r"\s+", "", x) for x in labels] == [f"{t}（{n}）" for t, n in expected_duties]

    logout()
    # the public page: the same duties, bodies, numbers and history
    page.goto(f"{base}/unit/{dept.pk}/")
    public = page.locator("main").inner_text()
    positions = [public.index(text) for text, _ in expected_duties]
    assert positions == sorted(positions)
    assert all(name in public for name in bodies) and all(line in public for line in expected_history)
    assert DOC_NUMBER in public
    for heading in ("基本信息", "主要职责", "人员编制和领导职数", "内设机构", "沿革", "权力清单", "责任清单"):
        assert page.locator(f"main h2:has-text('{heading}'), main h3:has-text('{heading}')").count() >= 1, heading
    assert all(name in public for _, name in signed_powers) and all(n in public for n in signed_responsibilities)
    _shot(page, "6-public")
    downloads = {fmt: page.request.get(f"{base}/unit/{dept.pk}/data.{fmt}") for fmt in ("json", "csv", "xlsx")}
    assert {fmt: r.status for fmt, r in downloads.items()} == {"json": 200, "csv": 200, "xlsx": 200}
    # JSON
    data = json.loads(downloads["json"].body())["units"][0]["sanding"]
    assert [(d["text"], d["doc_number"]) for d in data["duties"] if d["kind"] == "main"] == expected_duties
    assert [b["name"] for b in data["internal_bodies"]] == bodies
    assert [(x["label"], x["count"]) for x in data["staffing"]] == staffing
    # CSV
    rows = list(csv.reader(io.StringIO(downloads["csv"].body().decode("utf-8-sig"))))
    by_section = {}
    for row in rows[1:]:
        by_section.setdefault(row[0], []).append(row)
    assert [r[4] for r in by_section["主要职责"]] == [t for t, _ in expected_duties]
    assert [r[2] for r in by_section["内设机构"]] == bodies
    assert [(r[2], r[4]) for r in by_section["人员编制和领导职数"][:len(staffing)]] == [(lab, str(n)) for lab, n in staffing]
    assert by_section["沿革"][-1][4] == "；".join(expected_history) and by_section["沿革"][-1][5].startswith(DOC_NUMBER)
    # xlsx
    wb = load_workbook(io.BytesIO(downloads["xlsx"].body()))
    sheet_rows = {ws.title: list(ws.iter_rows(min_row=2, values_only=True)) for ws in wb.worksheets}
    assert [(r[2], r[4]) for r in sheet_rows["职责"]] == [("主要职责", t) for t, _ in expected_duties]
    assert [r[3] for r in sheet_rows["内设机构"]] == bodies
    assert [(r[3], r[4]) for r in sheet_rows["人员编制和领导职数"][:len(staffing)]] == staffing
    assert (sheet_rows["沿革"][-1][3], sheet_rows["沿革"][-1][5]) == (DOC_NUMBER, "；".join(expected_history))
    # every format has the same sections, and the lists the confirmer signed
    sections = ["单位", "职责", "内设机构", "人员编制和领导职数", "沿革", "权力清单", "责任清单"]
    assert wb.sheetnames == sections
    assert list(by_section) == ["基本信息", "主要职责"] + sections[2:]
    assert [(r[3], r[4]) for r in sheet_rows["权力清单"]] == signed_powers
    assert [r[2] for r in by_section["权力清单"]] == [name for _, name in signed_powers]
    assert [r[3] for r in sheet_rows["责任清单"]] == signed_responsibilities
    assert [r[2] for r in by_section["责任清单"]] == signed_responsibilities
    assert [r[8] for r in sheet_rows["权力清单"]] == [r[7] for r in by_section["权力清单"]]  # the duty links
    assert all(r[8] for r in sheet_rows["权力清单"])
    # the 二层单位: what the document said is what was published
    sub_data = json.loads(page.request.get(f"{base}/unit/{sub.pk}/data.json").body())["units"][0]["sanding"]
    assert [d["text"] for d in sub_data["duties"]] == SUB_DUTIES
    assert {d["doc_number"] for d in sub_data["duties"]} == {SUB_DOC_NUMBER}
    assert [b["name"] for b in sub_data["internal_bodies"]] == ["综合科", "养护管理科"]
    assert sub_data["staffing_total"] == 18


def _not_started(units):
    """The department has not started the campaign yet: its workflow rows from the demo are removed (test setup,
    raw deletes as in the workflow tests' `base` fixture)."""
    from bianzhi.workflow import models as m

    m.DataPackage.objects.filter(supersedes__unit__in=units).update(supersedes=None)
    for model, key in ((m.Notification, "unit__in"), (m.ReviewComment, "package__unit__in"),
                       (m.Transition, "package__unit__in"), (m.Hold, "unit__in"),
                       (m.MaterialFile, "item__package__unit__in"), (m.MaterialItem, "package__unit__in"),
                       (m.MaterialPackage, "unit__in"), (m.DataPackage, "unit__in")):
        qs = model.objects.filter(**{key: units})
        qs._raw_delete(qs.db)


def _write_docx(path, text):
    from docx import Document

    doc = Document()
    for line in text.strip().splitlines():
        doc.add_paragraph(line)
    doc.save(str(path))


def _pdf_bytes() -> bytes:
    """A one-page PDF (the stamped scan stands in for a real one)."""
    from bianzhi.core.pdf import html_to_pdf

    return html_to_pdf(f"<p>{SUB_TITLE}</p>")
