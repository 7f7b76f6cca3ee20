"""Releases and dumps, the change feed (a consumer stays equal to the dump), downloads, JSON-LD, API,
sitemap and cache invalidation."""
import csv
import hashlib
import io
import json
from datetime import timedelta

from openpyxl import load_workbook

from bianzhi.portal.models import Release
from bianzhi.portal.services import publish_units, unpublish_unit
from bianzhi.registry.models import Region, Unit


def _dump(client, number) -> dict:
    response = client.get(f"/data/releases/{number}.json")
    assert response.status_code == 200
    return json.loads(response.content)


class Consumer:
    """Another 公示平台: loads a full dump once, then applies the JSON change feed."""

    def __init__(self, client):
        self.client = client
        self.units = {}
        self.release = 0

    def load_dump(self, number):
        dump = _dump(self.client, number)
        self.units = {u["unit"]["id"]: u for u in dump["units"]}
        self.release = dump["release"]

    def pull(self, since=None):
        url = "/feed.json?since=" + str(self.release if since is None else since)
        while url:
            feed = self.client.get(url).json()
            for item in feed["items"]:
                ext = item["_bianzhi"]
                if ext["action"] == "withdrawn":
                    self.units.pop(ext["unit_id"], None)
                else:
                    self.units[ext["unit_id"]] = ext["unit"]
                self.release = max(self.release, ext["release"])
            url = feed.get("next_url", "").replace("http://testserver", "")


def test_feed_consumer_stays_equal_to_the_dump(client, published, users):
    admin = users["admin"]
    start = published.number
    consumer = Consumer(client)
    consumer.load_dump(start)
    # Three later releases: an update, a new unit, a withdrawal.
    unit = Unit.objects.get(name="百色市教育局")
    unit.short_name = "教育局（更新）"
    unit.save()
    publish_units([unit], note="更新简称", acting_user=admin)
    new_unit = Unit.objects.create(name="百色市大数据发展局", region=Region.objects.get(code="451000"),
                                   kind="organ", category="gov_department")
    publish_units([new_unit], note="新设", acting_user=admin)
    unpublish_unit(Unit.objects.get(name="百色市审计局"), reason="机构调整", acting_user=admin)
    latest = Release.objects.order_by("-number").first()
    assert latest.number == start + 3
    consumer.pull()
    assert consumer.release == latest.number
    assert consumer.units == {u["unit"]["id"]: u for u in _dump(client, latest.number)["units"]}
    # Pulling again changes nothing; an ISO time works like a release number.
    consumer.pull()
    assert consumer.units == {u["unit"]["id"]: u for u in _dump(client, latest.number)["units"]}
    since_time = (published.published_at + timedelta(microseconds=1)).isoformat()
    by_time = client.get("/feed.json", {"since": since_time}).json()
    by_number = client.get("/feed.json", {"since": start}).json()
    assert [i["id"] for i in by_time["items"]] == [i["id"] for i in by_number["items"]]
    assert [i["_bianzhi"]["action"] for i in by_number["items"]] == ["updated", "published", "withdrawn"]
    # The API gives the same changes.
    api = client.get("/api/v1/public/changes/", {"since": start}).json()
    assert [c["action"] for c in api["results"]] == ["updated", "published", "withdrawn"]
    assert client.get("/feed.json", {"since": "昨天"}).status_code == 400
    assert "since" in client.get("/api/v1/public/changes/", {"since": "x1"}).json()


def test_atom_feed_lists_changes_with_links(client, published):
    body = client.get("/feed.atom").content.decode()
    assert body.startswith("<?xml") and 'xmlns="http://www.w3.org/2005/Atom"' in body
    assert "百色市教育局" in body and "/unit/" in body
    assert client.get(f"/feed.atom?since={published.number}").content.decode().count("<entry>") == 0


def test_release_dump_hash_is_listed_and_verifiable(client, published):
    page = client.get("/data/").content.decode()
    for release in Release.objects.all():
        assert release.sha256 in page
        content = client.get(f"/data/releases/{release.number}.json").content
        assert hashlib.sha256(content).hexdigest() == release.sha256
        assert len(content) == release.size
    dump = _dump(client, published.number)
    assert dump["release"] == published.number and len(dump["units"]) == published.unit_count
    assert client.get("/data/releases/9999.json").status_code == 404


def test_unit_downloads(client, published):
    unit = Unit.objects.get(name="百色市财政局")
    xlsx = client.get(f"/unit/{unit.pk}/data.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    assert wb.sheetnames == ["单位", "职责", "内设机构", "人员编制和领导职数", "沿革", "权力清单", "责任清单"]
    info = {row[1]: row[2] for row in wb["单位"].iter_rows(min_row=2, values_only=True)}
    assert info["名称"] == "百色市财政局" and info["统一社会信用代码"] == unit.uscc
    rows = list(csv.reader(io.StringIO(client.get(f"/unit/{unit.pk}/data.csv").content.decode("utf-8-sig"))))
    assert rows[0] == ["类别", "序号", "名称", "分类", "内容", "依据", "追责对象范围", "对应职责"]
    assert ["基本信息", "0", "名称", "", "百色市财政局", "", "", ""] in rows
    data = json.loads(client.get(f"/unit/{unit.pk}/data.json").content)
    assert data["units"][0]["unit"]["name"] == "百色市财政局"
    assert client.get(f"/unit/{unit.pk}/data.pdf").status_code == 404


def test_region_downloads_include_every_published_unit_of_the_region(client, published):
    rows = list(csv.reader(io.StringIO(client.get("/region/451002/data.csv").content.decode("utf-8-sig"))))
    names = {r[1] for r in rows[1:]}
    assert names == {"百色市右江区教育局", "百色市右江区财政局", "百色市右江区农业农村局", "百色市右江区教学研究室"}
    data = json.loads(client.get("/region/451002/data.json").content)
    assert len(data["units"]) == 4


def test_jsonld_uses_org_and_cpsv_terms(client, published):
    unit = Unit.objects.get(name="百色市教育科学研究所")
    doc = json.loads(client.get(f"/unit/{unit.pk}/data.jsonld").content)
    assert doc["@context"]["org"] == "http://www.w3.org/ns/org#"
    org = doc["@graph"][0]
    assert org["@type"] == "org:Organization" and org["skos:prefLabel"] == "百色市教育科学研究所"
    assert org["org:subOrganizationOf"]["skos:prefLabel"] == "百色市教育局"
    parent = Unit.objects.get(name="百色市教育局")
    graph = json.loads(client.get(f"/unit/{parent.pk}/data.jsonld").content)["@graph"]
    org = graph[0]
    assert all(b["@type"] == "org:OrganizationalUnit" for b in org["org:hasUnit"])
    assert "办公室" in [b["skos:prefLabel"] for b in org["org:hasUnit"]]
    # A unit with a published 三定 history and power items.
    found_event = found_service = False
    for pk in Unit.objects.values_list("pk", flat=True):
        response = client.get(f"/unit/{pk}/data.jsonld")
        if response.status_code != 200:
            continue
        g = json.loads(response.content)["@graph"]
        for event in g[0].get("org:changedBy", []):
            found_event = True
            assert event["@type"] == "org:ChangeEvent" and event["dct:date"]
        for node in g[1:]:
            found_service = True
            assert node["@type"] == "cpsv:PublicService"
            assert node["cv:hasCompetentAuthority"]["@id"] == g[0]["@id"]
            assert all(r["@type"] == "eli:LegalResource" for r in node.get("cv:hasLegalResource", []))
    assert found_event and found_service
    page = client.get(f"/unit/{parent.pk}/").content.decode()
    assert '<script type="application/ld+json">' in page


def test_public_api_lists_units_and_is_in_the_openapi_schema(client, published, users):
    data = client.get("/api/v1/public/units/", {"region": "451002", "limit": 100}).json()
    assert data["count"] == 4 and all(u["region_code"] == "451002" for u in data["results"])
    unit = Unit.objects.get(name="百色市财政局")
    detail = client.get(f"/api/v1/public/units/{unit.pk}/").json()
    assert detail["snapshot"]["unit"]["uscc"] == unit.uscc
    releases = client.get("/api/v1/public/releases/").json()
    assert releases["results"][0]["number"] == published.number
    assert releases["results"][0]["sha256"] == published.sha256
    # Read-only: no writes, even for a logged-in administrator.
    assert client.post("/api/v1/public/units/", {}).status_code in (403, 405)
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(users["admin"])
    assert api.delete(f"/api/v1/public/units/{unit.pk}/").status_code == 405
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    if schema.status_code == 200:  # the schema view may require login in this project
        text = schema.content.decode()
        assert "/api/v1/public/search/" in text and "/api/v1/public/changes/" in text
    api_schema = api.get("/api/v1/schema/?format=json").content.decode()
    assert "/api/v1/public/search/" in api_schema and "/api/v1/public/units/{id}/" in api_schema


def test_sitemap_lists_published_units_only(client, published):
    body = client.get("/sitemap.xml").content.decode()
    assert body.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    unit = Unit.objects.get(name="百色市财政局")
    assert f"http://testserver/unit/{unit.pk}/" in body
    assert body.count("<url>") == 3 + len({*Unit.objects.values_list("region__code", flat=True)}) + published.unit_count


def test_public_pages_are_cached_and_publishing_clears_the_cache(client, published, users):
    unit = Unit.objects.get(name="百色市水利局")
    first = client.get(f"/unit/{unit.pk}/")
    assert first["X-Portal-Cache"] == "miss"
    assert client.get(f"/unit/{unit.pk}/")["X-Portal-Cache"] == "hit"
    unit.short_name = "水利局新简称"
    unit.save()
    assert "水利局新简称" not in client.get(f"/unit/{unit.pk}/").content.decode()
    publish_units([unit], acting_user=users["admin"])
    again = client.get(f"/unit/{unit.pk}/")
    assert again["X-Portal-Cache"] == "miss" and "水利局新简称" in again.content.decode()


def test_unit_page_shows_sections_tree_and_filters(client, published):
    unit = Unit.objects.get(name="百色市财政局")
    page = client.get(f"/unit/{unit.pk}/").content.decode()
    for heading in ("基本信息", "“三定”规定（现行）", "内设机构", "权力清单", "责任清单"):
        assert heading in page
    assert "百色市国库集中支付中心" in page  # its subordinate units
    region = client.get("/region/451000/").content.decode()
    assert region.index("百色市财政局") < region.index("百色市国库集中支付中心")
    home = client.get("/").content.decode()
    assert "右江区" in home and "/region/451002/" in home
    assert client.get("/region/451002/").status_code == 200
    assert client.get("/region/451022/").status_code == 404  # a county with nothing published
    assert client.get("/unit/999999/").status_code == 404
