"""Forms that cannot be submitted are not offered; the reason is shown instead (issue 11, finding 8)."""
import pytest

from bianzhi.accounts.permissions import edit_refusal, may_edit_unit_data, may_enter_data
from bianzhi.core.locks import is_unit_locked
from bianzhi.lists.models import PowerItem
from bianzhi.workflow.models import DataPackage

pytestmark = pytest.mark.django_db


def test_read_only_leader_is_not_offered_new_items(demo, client_for, users):
    lingdao = client_for("lingdao")
    assert not may_enter_data(users["lingdao"])
    listing = lingdao.get("/manage/lists/").content.decode()
    assert "新建权力事项" not in listing
    page = lingdao.get("/manage/lists/powers/new/")
    assert page.status_code == 403
    assert "只能查阅，不能新建权力事项" in page.content.decode()
    assert lingdao.get("/manage/lists/responsibilities/new/").status_code == 403


def test_locked_unit_offers_no_edit_form_and_says_why(demo, client_for, users):
    locked = [p.unit for p in DataPackage.objects.filter(is_current=True).select_related("unit")
              if is_unit_locked(p.unit) and PowerItem.objects.filter(unit=p.unit).exists()]
    unit = locked[0]
    admin = users["admin"]
    assert not may_edit_unit_data(admin, unit)
    reason = edit_refusal(admin, unit)
    assert reason == f"「{unit.name}」的数据已审核通过并锁定，不能修改。如需更正，请发起变更申请。"
    client = client_for("admin")
    detail = client.get(f"/manage/units/{unit.pk}/").content.decode()
    assert reason in detail and "编辑基本信息" not in detail
    edit = client.get(f"/manage/units/{unit.pk}/edit/")
    assert edit.status_code == 403 and reason in edit.content.decode() and 'name="short_name"' not in edit.content.decode()
    item = PowerItem.objects.filter(unit=unit).first()
    page = client.get(f"/manage/lists/powers/{item.pk}/edit/")
    assert page.status_code == 403 and "已审核通过并锁定" in page.content.decode()


def test_locked_unit_offers_no_sanding_draft_and_says_why(demo, client_for, users):
    """三定 pages follow the same predicate: no 依据新文件建立版本 for a locked unit, the reason instead."""
    unit = next(p.unit for p in DataPackage.objects.filter(is_current=True).select_related("unit")
                if is_unit_locked(p.unit))
    reason = edit_refusal(users["admin"], unit)
    client = client_for("admin")
    for url in (f"/manage/sanding/units/{unit.pk}/", f"/manage/sanding/units/{unit.pk}/history/"):
        page = client.get(url).content.decode()
        assert reason in page and "依据新文件建立版本" not in page, url
    create = client.get(f"/manage/sanding/units/{unit.pk}/versions/new/")
    assert create.status_code == 403 and reason in create.content.decode()
    # an unlocked unit in scope still offers it, without a refusal
    free = next(p.unit for p in DataPackage.objects.filter(is_current=True).select_related("unit")
                if not is_unit_locked(p.unit))
    page = client.get(f"/manage/sanding/units/{free.pk}/").content.decode()
    assert "依据新文件建立版本" in page and 'data-testid="edit-refusal"' not in page
