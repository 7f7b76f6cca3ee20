"""Open-data formats built only from published snapshots: xlsx, CSV, JSON and JSON-LD.

JSON-LD uses the W3C Organization Ontology for units and internal bodies (org:Organization,
org:hasUnit / org:unitOf, org:subOrganizationOf, org:ChangeEvent via org:changedBy) and CPSV-AP for
power items (cpsv:PublicService, cv:hasCompetentAuthority, cv:hasLegalResource).
"""
import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from bianzhi.core.spreadsheet import safe_row

from . import sections

UNIT_FIELDS = [("名称", "name"), ("简称", "short_name"), ("统一社会信用代码", "uscc"), ("单位性质", "kind_label"),
               ("机构类别", "category_label"), ("机构规格", "rank_label"), ("经费形式", "funding_form_label"),
               ("事业单位分类", "institution_class_label"), ("层级", "level_label"), ("地址", "address"),
               ("邮政编码", "postcode"), ("状态", "status_label"), ("成立日期", "established_on"),
               ("撤销日期", "abolished_on")]


def unit_info_rows(snapshot: dict) -> list[list]:
    u = snapshot["unit"]
    rows = [[label, u.get(key) or ""] for label, key in UNIT_FIELDS]
    rows.append(["行政区划", f"{u['region']['name']}（{u['region']['code']}）"])
    if u.get("parent"):
        rows.append(["主管部门", f"{u['parent']['name']}（{u['parent'].get('relation', '')}）"])
    if u.get("plaques"):
        rows.append(["加挂牌子", "；".join(p["name"] for p in u["plaques"])])
    nature = sections.nature_text(snapshot)
    if nature:
        rows.append(["机构性质和规格", nature])
    return rows


def item_rows(snapshot: dict, with_unit: bool = False) -> tuple[list[str], list[list]]:
    """One flat table of everything on a unit's page: section, number, name, category, content, basis."""
    u = snapshot["unit"]
    head = ["单位ID", "单位名称"] if with_unit else []
    prefix = [u["id"], u["name"]] if with_unit else []
    headers = head + ["类别", "序号", "名称", "分类", "内容", "依据", "追责对象范围", "对应职责"]
    rows = [prefix + ["基本信息", 0, label, "", value, "", "", ""] for label, value in unit_info_rows(snapshot)]
    for d in sections.duties(snapshot):
        rows.append(prefix + [d["section"], d["n"], "", d["section"], d["text"], "", "", ""])
    for i, b in enumerate(sections.internal_bodies(snapshot), start=1):
        rows.append(prefix + ["内设机构", i, b["name"], b["kind"], b["duty_text"], "", "", ""])
    for i, s in enumerate(sections.staffing(snapshot), start=1):
        rows.append(prefix + ["人员编制和领导职数", i, s["label"], "", f"{s['count']} {s['note']}".strip(), "", "", ""])
    for i, h in enumerate(sections.history(snapshot), start=1):
        rows.append(prefix + ["沿革", i, h["title"], h["kind"], h["summary"], f"{h['doc_number']} {h['date']}".strip(), "", ""])
    for i, p in enumerate(sections.power_items(snapshot), start=1):
        rows.append(prefix + ["权力清单", i, p["name"], p["category"], p["subject"], p["basis"], "",
                              _linked(p)])
    for i, r in enumerate(sections.responsibility_items(snapshot), start=1):
        rows.append(prefix + ["责任清单", i, r["name"], "", r["content"], r["basis"], r["accountability"],
                              _linked(r)])
    return headers, rows


def _linked(item: dict) -> str:
    """The duties a list item is linked to, as a reader sees them: 主要职责（三）负责……"""
    return "；".join(f"主要职责{d['number']}{d['text']}" for d in item.get("duty_links", []))


def to_csv(snapshots: list[dict], with_unit: bool) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    headers = None
    for snap in snapshots:
        h, rows = item_rows(snap, with_unit=with_unit)
        if headers is None:
            headers = h
            writer.writerow(h)
        writer.writerows(safe_row(r) for r in rows)
    if headers is None:
        writer.writerow(item_rows({"unit": {"id": 0, "name": "", "region": {"code": "", "name": ""}}},
                                  with_unit=with_unit)[0])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 CSV correctly


def to_xlsx(snapshots: list[dict]) -> bytes:
    wb = Workbook()
    sheets = {
        "单位": (["单位ID", "项目", "内容"], lambda s: [[s["unit"]["id"], *r] for r in unit_info_rows(s)]),
        "职责": (["单位ID", "单位名称", "类别", "序号", "职责内容"],
               lambda s: [[s["unit"]["id"], s["unit"]["name"], d["section"], d["n"], d["text"]]
                          for d in sections.duties(s)]),
        "内设机构": (["单位ID", "单位名称", "序号", "名称", "主要职责"],
                 lambda s: [[s["unit"]["id"], s["unit"]["name"], i, b["name"], b["duty_text"]]
                            for i, b in enumerate(sections.internal_bodies(s), start=1)]),
        "人员编制和领导职数": (["单位ID", "单位名称", "序号", "项目", "数额", "说明"],
                      lambda s: [[s["unit"]["id"], s["unit"]["name"], i, x["label"], x["count"], x["note"]]
                                 for i, x in enumerate(sections.staffing(s), start=1)]),
        "沿革": (["单位ID", "单位名称", "生效日期", "文号", "文件标题", "变化"],
               lambda s: [[s["unit"]["id"], s["unit"]["name"], h["date"], h["doc_number"], h["title"], h["summary"]]
                          for h in sections.history(s)]),
        "权力清单": (["单位ID", "实施部门", "序号", "编码", "事项名称", "事项类别", "实施对象", "实施依据", "对应职责"],
                 lambda s: [[s["unit"]["id"], s["unit"]["name"], i, p["code"], p["name"], p["category"], p["subject"],
                             p["basis"], _linked(p)] for i, p in enumerate(sections.power_items(s), start=1)]),
        "责任清单": (["单位ID", "单位名称", "序号", "事项名称", "内容", "依据", "追责对象范围", "对应职责"],
                 lambda s: [[s["unit"]["id"], s["unit"]["name"], i, r["name"], r["content"], r["basis"],
                             r["accountability"], _linked(r)]
                            for i, r in enumerate(sections.responsibility_items(s), start=1)]),
    }
    first = True
    for title, (headers, rows_of) in sheets.items():
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = title
        ws.append(headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for snap in snapshots:
            for row in rows_of(snap):
                ws.append(safe_row("" if v is None else v for v in row))
        for col, width in zip("ABCDEFGHI", [10, 30, 8, 30, 60, 40, 40, 40, 40], strict=True):
            ws.column_dimensions[col].width = width
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


JSONLD_CONTEXT = {
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
}


def unit_jsonld(snapshot: dict, base: str, parent_published: bool = True) -> dict:
    """One unit as a JSON-LD graph: the organisation, its internal bodies, its change events and powers."""
    u = snapshot["unit"]
    uid = f"{base}/unit/{u['id']}/"
    org = {"@id": uid, "@type": "org:Organization", "skos:prefLabel": u["name"],
           "org:classification": u.get("category_label") or u.get("kind_label") or ""}
    if u.get("short_name"):
        org["skos:altLabel"] = [u["short_name"], *[p["name"] for p in u.get("plaques", [])]]
    elif u.get("plaques"):
        org["skos:altLabel"] = [p["name"] for p in u["plaques"]]
    if u.get("uscc"):
        org["org:identifier"] = {"@type": "skos:Concept", "skos:notation": u["uscc"],
                                 "dct:description": "统一社会信用代码"}
    if u.get("parent"):
        org["org:subOrganizationOf"] = {"@id": f"{base}/unit/{u['parent']['id']}/",
                                        "skos:prefLabel": u["parent"]["name"]}
    if u.get("address"):
        org["org:hasSite"] = {"@type": "org:Site", "org:siteAddress": {"dct:description": u["address"],
                                                                       "cv:postCode": u.get("postcode", "")}}
    org["dct:spatial"] = {"skos:notation": u["region"]["code"], "skos:prefLabel": u["region"]["name"]}
    units = []
    for i, body in enumerate(sections.internal_bodies(snapshot), start=1):
        node = {"@id": f"{uid}#body-{i}", "@type": "org:OrganizationalUnit", "skos:prefLabel": body["name"],
                "org:unitOf": {"@id": uid}}
        if body["duty_text"]:
            node["org:purpose"] = body["duty_text"]
        units.append(node)
    if units:
        org["org:hasUnit"] = units
    duties = [{"@id": f"{uid}#duty-{d['anchor']}", "@type": "skos:Concept", "skos:notation": d["label"],
               "skos:inScheme": d["section"], "skos:definition": d["text"]} for d in sections.duties(snapshot)]
    if duties:
        org["org:purpose"] = duties
    events = []
    for i, h in enumerate(sections.history(snapshot), start=1):
        event = {"@id": f"{uid}#change-{i}", "@type": "org:ChangeEvent", "dct:date": h["date"],
                 "dct:description": h["summary"] or h["kind"], "org:resultingOrganization": {"@id": uid}}
        if h["doc_number"] or h["title"]:
            event["prov:used"] = {"@type": "eli:LegalResource", "eli:id_local": h["doc_number"],
                                  "dct:title": h["title"]}
        events.append(event)
    if events:
        org["org:changedBy"] = events
    services = []
    for i, p in enumerate(sections.power_items(snapshot), start=1):
        node = {"@id": f"{uid}#power-{i}", "@type": "cpsv:PublicService", "dct:title": p["name"],
                "dct:type": p["category"], "cv:hasCompetentAuthority": {"@id": uid}}
        if p["code"]:
            node["dct:identifier"] = p["code"]
        if p["basis"]:
            node["cv:hasLegalResource"] = [{"@type": "eli:LegalResource", "dct:title": b.strip()}
                                           for b in p["basis"].split("；") if b.strip()]
        if p["subject"]:
            node["dct:audience"] = p["subject"]
        if p["duty_links"]:
            node["dct:relation"] = [{"skos:notation": f"主要职责{d['number']}", "skos:definition": d["text"]}
                                    for d in p["duty_links"]]
        services.append(node)
    return {"@context": JSONLD_CONTEXT, "@graph": [org, *services]}


def many_jsonld(snapshots: list[dict], base: str) -> dict:
    graph = []
    for snap in snapshots:
        graph.extend(unit_jsonld(snap, base)["@graph"])
    return {"@context": JSONLD_CONTEXT, "@graph": graph}
