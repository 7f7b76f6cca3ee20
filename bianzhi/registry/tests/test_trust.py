"""Issue 11: draft content stays out of the register until approval (finding 7); styled Chinese error pages
with the reason (finding 8)."""
import datetime

import pytest

from bianzhi.core.tests.factories import DocumentFactory, UnitFactory, admin_user
from bianzhi.sanding import services as s

pytestmark = pytest.mark.django_db


def test_internal_body_created_in_a_draft_is_not_on_the_staff_page_until_approved(client):
    unit = UnitFactory()
    admin = admin_user()
    v = s.create_draft_version(unit, DocumentFactory(unit=unit, effective_on=datetime.date(2023, 3, 1)))
    s.create_internal_body(v, "草稿新设科", "负责草稿中的工作。", head_count=1)
    client.force_login(admin)
    page = client.get(f"/manage/units/{unit.pk}/")
    assert list(page.context["internal_bodies"]) == []
    assert "<td>草稿新设科</td>" not in page.content.decode()
    api = client.get(f"/api/v1/units/{unit.pk}/").json()
    assert [b["name"] for b in api["internal_bodies"]] == []
    s.approve_version(v)
    page = client.get(f"/manage/units/{unit.pk}/")
    assert "<td>草稿新设科</td>" in page.content.decode()


def test_discarded_draft_leaves_no_internal_body():
    unit = UnitFactory()
    v = s.create_draft_version(unit, DocumentFactory(unit=unit))
    s.create_internal_body(v, "将被放弃的科", "")
    s.discard_draft(v)
    assert not unit.internal_bodies.exists()


def test_404_and_403_pages_are_chinese_and_styled(client, settings):
    settings.DEBUG = False
    client.force_login(admin_user())
    page = client.get("/manage/units/99999999/")
    assert page.status_code == 404
    text = page.content.decode()
    assert "页面不存在（404）" in text and "app.css" in text and "Not Found" not in text
    from bianzhi.core.tests.factories import UserFactory

    client.force_login(UserFactory(role="leader"))
    page = client.post("/manage/lists/categories/new/", {"name": "越权", "code_prefix": "YQ"})
    assert page.status_code == 403
    text = page.content.decode()
    assert "无权进行此操作（403）" in text and "403 Forbidden" not in text
