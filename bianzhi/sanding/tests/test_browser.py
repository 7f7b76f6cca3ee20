"""The duty entry flow in a real browser: paste a block, split it, reorder by drag and keyboard, save; a second
editor's save meets a clear conflict and keeps their input. Screenshots in test-artifacts/sanding-*.png."""
import datetime
import re

import pytest
from playwright.sync_api import expect

from bianzhi.documents.models import ApprovalDocument
from bianzhi.registry.models import Unit
from bianzhi.sanding import services as s
from bianzhi.sanding.models import DutyKind, SandingVersion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASTE = """市教育局职能转变的主要方面：
（一）深化教育领域“放管服”改革，推进管办评分离。
（二）加强教育督导，建立督政、督学、评估监测体系。
（三）推进教育数字化，提高教育公共服务水平。"""


def _texts(page):
    return [t.strip() for t in page.locator("#duty-list textarea").evaluate_all("els => els.map(e => e.value)")]


def test_duty_entry_paste_split_reorder_save_and_conflict(login, sdemo):
    from conftest import ARTIFACTS

    unit = Unit.objects.get(name="百色市教育局")
    ApprovalDocument.objects.create(unit=unit, doc_number_raw="百编〔2026〕12号", title="关于调整市教育局职能的通知",
                                    issued_on=datetime.date(2026, 3, 1), doc_type="adjustment")
    page = login("luru")
    page.goto(f"{page.base_url}/manage/sanding/units/{unit.pk}/")
    page.click("text=依据新文件建立版本")
    page.select_option("#id_document", label="百编〔2026〕12号 关于调整市教育局职能的通知")
    page.click("button:has-text('建立草稿')")
    page.wait_for_selector("text=已建立草稿版本")
    version = SandingVersion.objects.get(document__doc_number="百编〔2026〕12号")

    page.click("text=录入/编辑职能转变")
    page.wait_for_selector("h1:has-text('职能转变')")
    assert len(_texts(page)) == 1
    page.fill("#paste", PASTE)
    page.click("#split-btn")
    expect(page.locator("#duty-list .duty-item")).to_have_count(5)  # locators, not eval: the page has a strict CSP
    texts = _texts(page)
    assert texts[1] == "市教育局职能转变的主要方面："
    assert texts[2].startswith("深化教育领域") and texts[4].startswith("推进教育数字化")
    assert page.input_value("#paste") == ""
    page.screenshot(path=str(ARTIFACTS / "sanding-duty-split.png"), full_page=True)

    # the lead-in line is not a duty: remove it
    page.locator("#duty-list .duty-item").nth(1).locator("button.remove").click()
    # drag the last item (教育数字化) to the top by its handle
    items = page.locator("#duty-list .duty-item")
    items.nth(3).locator(".handle").drag_to(items.nth(0).locator(".handle"))
    expect(page.locator("#duty-list textarea").first).to_have_value(re.compile(r"^推进教育数字化"))
    # keyboard: move 加强教育督导 (now last) up by one with Alt+ArrowUp
    last = page.locator("#duty-list textarea").nth(3)
    assert last.input_value().startswith("加强教育督导")
    last.focus()
    page.keyboard.press("Alt+ArrowUp")
    texts = _texts(page)
    assert len(texts) == 4 and texts[0].startswith("推进教育数字化") and texts[2].startswith("加强教育督导")
    assert texts[3].startswith("深化教育领域")
    page.screenshot(path=str(ARTIFACTS / "sanding-duty-reordered.png"), full_page=True)
    page.click("#save-duties")
    page.wait_for_selector("text=已保存职能转变")
    saved = [d.text for d in s.snapshot(unit, draft=version).duties_of(DutyKind.TRANSFORM)]
    assert saved == texts
    page.screenshot(path=str(ARTIFACTS / "sanding-version-after-save.png"), full_page=True)

    # add an internal body inline (htmx: no page load), then another operation on the same page still saves
    url_before = page.url
    page.fill("#id_body_create-name", "教育信息化科")
    page.fill("#id_body_create-duty_text", "承担全市教育信息化建设工作。")
    page.click("#body-create-form button[type=submit]")
    page.wait_for_selector("#bodies td:has-text('教育信息化科')")
    assert page.url == url_before
    page.click("#op-staffing summary")
    page.select_option("#id_staffing-staffing_type", "admin")
    page.fill("#id_staffing-count", "31")
    page.click("#op-staffing button[type=submit]")
    page.wait_for_selector("text=已修改编制")
    draft = s.snapshot(unit, draft=version)
    assert "教育信息化科" in [b.name for b in draft.bodies] and draft.staffing_total("admin") == 31
    admin_line = [x for x in draft.staffing if x.staffing_type == "admin"][0]
    assert admin_line.includes == [{"label": "援派机动编制", "count": 1}]  # an empty “其中含” keeps the breakdown
    page.screenshot(path=str(ARTIFACTS / "sanding-version-inline-body.png"), full_page=True)

    # two editors: A opens the editor, B saves first, A's save is refused with a clear message, input kept
    editor_url = f"{page.base_url}/manage/sanding/versions/{version.pk}/duties/transform/"
    page.goto(editor_url)
    other = page.context.new_page()
    other.goto(editor_url)
    other.locator("#duty-list textarea").nth(0).fill("推进教育数字化（乙修改）。")
    other.click("#save-duties")
    other.wait_for_selector("text=已保存职能转变")
    page.locator("#duty-list textarea").nth(1).fill("深化教育领域“放管服”改革（甲修改）。")
    page.click("#save-duties")
    page.wait_for_selector("#editor-error")
    assert "已被其他用户修改" in page.inner_text("#editor-error")
    assert page.locator("#duty-list textarea").nth(1).input_value() == "深化教育领域“放管服”改革（甲修改）。"
    page.screenshot(path=str(ARTIFACTS / "sanding-duty-conflict.png"), full_page=True)
    saved = [d.text for d in s.snapshot(unit, draft=version).duties_of(DutyKind.TRANSFORM)]
    assert saved[0] == "推进教育数字化（乙修改）。" and "（甲修改）" not in "".join(saved)

    # the draft is not in the approved as-of view
    page.goto(f"{page.base_url}/manage/sanding/units/{unit.pk}/")
    assert "推进教育数字化" not in page.content() and "待批准的草稿" in page.content()
    page.screenshot(path=str(ARTIFACTS / "sanding-unit-asof.png"), full_page=True)


def test_history_as_of_and_diff_pages(login, sdemo):
    from conftest import ARTIFACTS

    unit = Unit.objects.get(name="百色市教育局")
    page = login("lingdao")
    page.goto(f"{page.base_url}/manage/sanding/units/{unit.pk}/")
    page.fill("#as_of", "2020-01-01")
    page.click("#asof-form button[type=submit]")
    page.wait_for_selector("text=截至 2020-01-01")
    text = page.inner_text("#sec-staffing")
    assert "行政编制\t28 名" in text and "行政编制\t30 名" not in text
    assert "职业教育与成人教育科" in page.inner_text("#sec-bodies")
    page.screenshot(path=str(ARTIFACTS / "sanding-asof-2020.png"), full_page=True)
    page.click("text=沿革")
    page.wait_for_selector("h1:has-text('三定沿革')")
    assert page.locator("ol.timeline > li").count() == 2
    page.screenshot(path=str(ARTIFACTS / "sanding-history.png"), full_page=True)
    page.click("text=与上一版本比较")
    page.wait_for_selector("h1:has-text('变化比较')")
    body = page.inner_text("main")
    assert "职业教育与成人教育科" in body and "职业教育与终身教育科" in body and "百编〔2021〕15号" in body
    page.screenshot(path=str(ARTIFACTS / "sanding-diff.png"), full_page=True)
