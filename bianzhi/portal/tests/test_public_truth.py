"""The public 三定 says what the staff view says (issue 11, findings 2 and 6): 职能转变 / 职责分工 are their own
sections (never 主要职责 13/14), every public format carries 编制 and 领导职数, and power items show the duties
they are linked to."""
import csv
import io
import json

import pytest
from openpyxl import load_workbook

from bianzhi.portal.models import PublishedUnit, SearchEntry
from bianzhi.registry.models import Unit
from bianzhi.sanding import services as sanding
from bianzhi.sanding.models import DutyKind

pytestmark = pytest.mark.django_db


def _education():
    return Unit.objects.get(name="百色市教育局")


def test_unit_page_separates_duty_sections_like_the_staff_view(client, published):
    unit = _education()
    staff = sanding.snapshot(unit)
    main = [d.text for d in staff.duties_of(DutyKind.MAIN)]
    transform = [d.text for d in staff.duties_of(DutyKind.TRANSFORM)]
    assert main and transform
    html = client.get(f"/unit/{unit.pk}/").content.decode()
    import re

    sections = dict(re.findall(r'<ol class="pub-duties" data-section="([^"]+)">(.*?)</ol>', html, re.S))
    assert re.findall(r"<li[^>]*>(.*?)</li>", sections["主要职责"]) == main
    assert re.findall(r"<li[^>]*>(.*?)</li>", sections["职能转变"]) == transform
    # search labels the items by their own section and number
    titles = dict(SearchEntry.objects.filter(unit_id_value=unit.pk, kind="duty").values_list("text", "title"))
    assert titles[transform[0]] == "职能转变（1）"
    assert titles[main[-1]] == f"主要职责（{len(main)}）"
    assert not any(t == f"主要职责（{len(main) + 1}）" for t in titles.values())


def test_every_public_format_has_staffing_and_duty_links(client, published):
    unit = _education()
    staff = sanding.snapshot(unit)
    admin = [s for s in staff.staffing if s.staffing_type == "admin"][0]
    wb = load_workbook(io.BytesIO(client.get(f"/unit/{unit.pk}/data.xlsx").content), read_only=True)
    assert "人员编制和领导职数" in wb.sheetnames and "职责" in wb.sheetnames
    staffing = {r[3]: r[4] for r in wb["人员编制和领导职数"].iter_rows(min_row=2, values_only=True)}
    assert staffing[admin.display_label] == admin.count
    for h in staff.head_posts:
        assert staffing[h.title] == h.count
    duties = [(r[2], r[3], r[4]) for r in wb["职责"].iter_rows(min_row=2, values_only=True)]
    assert ("职能转变", 1, staff.duties_of(DutyKind.TRANSFORM)[0].text) in duties

    snap = PublishedUnit.objects.get(unit_id=unit.pk, is_current=True).snapshot
    linked = [p for p in snap["lists"]["power_items"] if p["duties"]]
    assert linked, "the demo links power items to duties"
    item = linked[0]
    expected = f"主要职责{item['duties'][0]['number']}{item['duties'][0]['text']}"
    powers = {r[4]: r[8] for r in wb["权力清单"].iter_rows(min_row=2, values_only=True)}
    assert expected in powers[item["name"]]
    rows = list(csv.reader(io.StringIO(client.get(f"/unit/{unit.pk}/data.csv").content.decode("utf-8-sig"))))
    assert rows[0][-1] == "对应职责"
    assert any(r[0] == "权力清单" and r[2] == item["name"] and expected in r[-1] for r in rows)
    assert any(r[0] == "人员编制和领导职数" and r[2] == admin.display_label for r in rows)
    jsonld = json.loads(client.get(f"/unit/{unit.pk}/data.jsonld").content)
    node = [n for n in jsonld["@graph"] if n.get("dct:title") == item["name"]][0]
    assert node["dct:relation"][0]["skos:definition"] == item["duties"][0]["text"]
    html = client.get(f"/unit/{unit.pk}/").content.decode()
    assert f'title="{item["duties"][0]["text"]}">主要职责{item["duties"][0]["number"]}' in html
