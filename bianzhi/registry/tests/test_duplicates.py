"""Duplicates do not pass silently (issue 11, finding 9): a likely duplicate unit (same name in one region; the same
统一社会信用代码 is refused by the register's unique constraint) and internal-body heads that disagree with the approved 正科级 count are warned about."""
import datetime

import pytest

from bianzhi.core.tests.factories import DocumentFactory, UnitFactory, admin_user
from bianzhi.registry.services import duplicate_warnings
from bianzhi.sanding import services as s
from bianzhi.workflow.services import readiness_warnings

pytestmark = pytest.mark.django_db


def test_same_name_in_one_region_is_warned_on_save_and_on_the_page(client):
    first = UnitFactory(name="测试市教育局")
    client.force_login(admin_user())
    second = UnitFactory(name="测试市教育局", region=first.region)
    warnings = duplicate_warnings(second)
    assert warnings == [f"可能重复：{first.region.name}已有同名单位“测试市教育局”（编号{first.pk}），请核对是否重复录入"]
    page = client.get(f"/manage/units/{second.pk}/").content.decode()
    assert warnings[0] in page
    assert duplicate_warnings(UnitFactory(name="测试市教育局")) == []   # a namesake in another region is normal


def test_internal_body_heads_below_the_approved_quota_are_warned():
    unit = UnitFactory()
    v = s.create_draft_version(unit, DocumentFactory(unit=unit, effective_on=datetime.date(2020, 1, 1)))
    for i in range(4):
        s.create_internal_body(v, f"第{i + 1}科", head_count=1, deputy_count=1)
    s.set_leadership_quota(v, "正科级", 5)
    s.set_leadership_quota(v, "副科级", 4)
    s.approve_version(v)
    assert ("现行三定：各内设机构正职领导职数合计4名，与核定的正科级领导职数5名不一致（少1名）：请核对各内设机构的正职职数"
            in readiness_warnings(unit))
