"""三定 API: versions with ?as_of, unit state as of a date, drafts hidden, diffs; the OpenAPI schema."""
import datetime

import pytest
from rest_framework.test import APIClient

from bianzhi.accounts.models import User
from bianzhi.documents.models import ApprovalDocument
from bianzhi.registry.models import Unit
from bianzhi.sanding import services as s
from bianzhi.sanding.models import StaffingType

D = datetime.date


@pytest.fixture
def api(sdemo):
    def make(username):
        c = APIClient()
        c.force_authenticate(User.objects.get(username=username))
        return c

    return make


@pytest.fixture
def jyj(sdemo):
    return Unit.objects.get(name="百色市教育局")


def test_unit_state_as_of_and_history(api, jyj):
    c = api("luru")
    now = c.get(f"/api/v1/sanding/units/{jyj.pk}/").json()
    old = c.get(f"/api/v1/sanding/units/{jyj.pk}/?as_of=2020-01-01").json()
    admin = lambda snap: [x for x in snap["staffing"] if x["type"] == "admin"][0]["count"]  # noqa: E731
    assert admin(old) == 28 and admin(now) == 30
    assert [h["doc_number"] for h in old["history"]] == ["百编〔2019〕23号"]
    assert [h["doc_number"] for h in now["history"]] == ["百编〔2019〕23号", "百编〔2021〕15号"]
    names = [b["name"] for b in now["internal_bodies"]]
    assert "职业教育与终身教育科" in names and "职业教育与成人教育科" in [b["name"] for b in old["internal_bodies"]]
    assert c.get(f"/api/v1/sanding/units/{jyj.pk}/?as_of=2020-02-30").status_code == 400
    hist = c.get(f"/api/v1/sanding/units/{jyj.pk}/history/").json()
    assert hist[1]["summary"] and hist[1]["doc_number"] == "百编〔2021〕15号"


def test_versions_as_of_and_diff(api, jyj):
    c = api("luru")
    listed = c.get(f"/api/v1/sanding/versions/?unit={jyj.pk}&as_of=2020-01-01").json()["results"]
    assert [v["doc_number"] for v in listed] == ["百编〔2019〕23号"]
    second = c.get(f"/api/v1/sanding/versions/?unit={jyj.pk}").json()["results"][1]
    changes = c.get(f"/api/v1/sanding/versions/{second['id']}/diff/").json()["changes"]
    assert all(ch["doc_number"] == "百编〔2021〕15号" for ch in changes)
    assert {"section": "内设机构", "action": "changed"}.items() <= next(
        ch for ch in changes if ch["section"] == "内设机构").items()
    diff = c.get(f"/api/v1/sanding/units/{jyj.pk}/diff/?from=2020-01-01&to=2022-01-01").json()
    staffing = [ch for ch in diff["changes"] if ch["section"] == "编制"][0]
    assert staffing["fields"][0] == {"field": "数额", "old": "28", "new": "30"}
    assert c.get(f"/api/v1/sanding/units/{jyj.pk}/diff/").status_code == 400


def test_scope_and_drafts(api, jyj):
    doc = ApprovalDocument.objects.create(unit=jyj, doc_number_raw="百编〔2026〕3号", title="草稿文件",
                                          issued_on=D(2026, 2, 1))
    draft = s.create_draft_version(jyj, doc)
    s.set_staffing(draft, StaffingType.ADMIN, 40)
    assert api("jiaotong").get(f"/api/v1/sanding/units/{jyj.pk}/").status_code == 404
    assert api("jiaotong").get(f"/api/v1/sanding/versions/{draft.pk}/").status_code == 404
    # the draft is not in as-of views, but staff in scope can preview it
    luru = api("luru")
    now = luru.get(f"/api/v1/sanding/units/{jyj.pk}/").json()
    assert [x["count"] for x in now["staffing"] if x["type"] == "admin"] == [30] and "百编〔2026〕3号" not in str(now)
    preview = luru.get(f"/api/v1/sanding/units/{jyj.pk}/?draft={draft.pk}").json()
    assert [x["count"] for x in preview["staffing"] if x["type"] == "admin"] == [40]
    # a leader (read-only everywhere) sees approved versions but not drafts
    ids = [v["id"] for v in api("lingdao").get(f"/api/v1/sanding/versions/?unit={jyj.pk}").json()["results"]]
    assert draft.pk not in ids and len(ids) == 2
    assert api("lingdao").get(f"/api/v1/sanding/units/{jyj.pk}/?draft={draft.pk}").status_code == 404
    assert draft.pk in [v["id"] for v in luru.get(f"/api/v1/sanding/versions/?unit={jyj.pk}").json()["results"]]


def test_public_snapshot_only_approved(jyj):
    doc = ApprovalDocument.objects.create(unit=jyj, doc_number_raw="百编〔2026〕4号", title="草稿", issued_on=D(2026, 2, 1))
    draft = s.create_draft_version(jyj, doc)
    s.add_duty(draft, "草稿中的职责")
    data = s.public_snapshot(jyj)
    import json

    text = json.dumps(data, ensure_ascii=False)
    assert "草稿中的职责" not in text and "百编〔2026〕4号" not in text
    assert data["statement"]["rank_label"] == "正处级"
    assert [d["kind"] for d in data["duties"]][:1] == ["main"]
    assert data["internal_bodies"][0]["name"] == "办公室"
    assert any(p["name"] == "百色市语言文字工作委员会办公室" for p in data["plaques"])
    assert data["head_posts"][2] == {"title": "总督学", "count": 1, "rank": "副处级", "note": "由副局长兼任",
                                     "doc_number": "百编〔2019〕23号"}


def test_openapi_schema_has_sanding_endpoints(api):
    schema = api("admin").get("/api/v1/schema/").content.decode()
    for path in ["/api/v1/sanding/versions/", "/api/v1/sanding/units/{id}/", "/api/v1/sanding/units/{id}/diff/",
                 "/api/v1/sanding/units/{id}/history/", "/api/v1/sanding/versions/{id}/diff/"]:
        assert path in schema
    assert "as_of" in schema
