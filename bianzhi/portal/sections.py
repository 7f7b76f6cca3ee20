"""Read a published snapshot (`schema.Snapshot`) into the plain sections every public format shows, indexes and
exports: the unit page, its xlsx / CSV / JSON / JSON-LD downloads, search and feeds all call these functions, so
they hold the same sections, numbers and labels.

The snapshot's shape is fixed by `schema.py` and checked when it is built; this module reads exactly those keys
(no guessing among alternative names). A snapshot without a 三定 or lists has the empty sections the schema gives.
"""
from bianzhi.core.includes import format_includes

from .schema import Snapshot


def _sanding(snapshot: Snapshot) -> dict:
    return snapshot.get("sanding") or {}


def _lists(snapshot: Snapshot) -> dict:
    return snapshot.get("lists") or {}


def sanding_current(snapshot: Snapshot) -> dict:
    """The 三定 in force when the unit was published (schema.Sanding)."""
    return _sanding(snapshot)


def nature_text(snapshot: Snapshot) -> str:
    statement = _sanding(snapshot).get("statement")
    return statement["text"] if statement else ""


DUTY_SECTIONS = {"main": "主要职责", "transform": "职能转变", "division": "职责分工"}


def duties(snapshot: Snapshot) -> list[dict]:
    """The 三定's duty items in page order. Each carries its section (主要职责 / 职能转变 / 职责分工) and its
    number within that section (`n`) — the number a reader sees; 职能转变 items are never 主要职责 N."""
    out, counters = [], {}
    for i, d in enumerate(_sanding(snapshot).get("duties", []), start=1):
        section = d["kind_label"] or DUTY_SECTIONS.get(d["kind"], "主要职责")
        counters[section] = counters.get(section, 0) + 1
        out.append({"position": d["position"], "text": d["text"], "kind": section, "section": section,
                    "n": counters[section], "label": f"{section}（{counters[section]}）", "anchor": i, "id": d["id"]})
    return out


def duty_groups(snapshot: Snapshot) -> list[tuple[str, list[dict]]]:
    """[(section title, duties numbered within it)] in the 三定's order: 主要职责, 职能转变, 职责分工."""
    groups = {}
    for d in duties(snapshot):
        groups.setdefault(d["section"], []).append(d)
    order = list(DUTY_SECTIONS.values())
    return sorted(groups.items(), key=lambda g: order.index(g[0]) if g[0] in order else len(order))


def has_sanding(snapshot: Snapshot) -> bool:
    """Whether an approved 三定 was published (the section exists and is not empty)."""
    current = _sanding(snapshot)
    return bool(nature_text(snapshot) or current.get("duties") or current.get("internal_bodies")
                or history(snapshot))


def _posts(b: dict) -> str:
    parts = []
    if b["head_count"]:
        parts.append(f"正职领导职数{b['head_count']}名")
    if b["deputy_count"]:
        parts.append(f"副职领导职数{b['deputy_count']}名")
    if b["posts_note"]:
        parts.append(b["posts_note"])
    return "，".join(parts)


def internal_bodies(snapshot: Snapshot) -> list[dict]:
    """Internal bodies with their duty text: from the 三定 when published, else the registry's names."""
    bodies = _sanding(snapshot).get("internal_bodies", [])
    if bodies:
        return [{"id": b["id"], "name": b["name"], "kind": "", "duty_text": b["duties"], "posts": _posts(b),
                 "plaques": "、".join(p for p in b["plaques"] if p)} for b in bodies]
    return [{"id": b["id"], "name": b["name"], "kind": b["kind_label"], "duty_text": "", "posts": "", "plaques": ""}
            for b in (snapshot.get("unit") or {}).get("internal_bodies", [])]


def _includes(items: list[dict]) -> str:
    text = format_includes(items)
    return f"含{text}" if text else ""


def staffing(snapshot: Snapshot) -> list[dict]:
    """人员编制, 领导职数 and 内设机构领导职数 as rows of (label, count, note)."""
    current = _sanding(snapshot)
    rows = [{"label": line["label"], "count": line["count"], "note": _includes(line["includes"])}
            for line in current.get("staffing", [])]
    rows += [{"label": post["title"], "count": post["count"],
              "note": " ".join(x for x in (post["rank"], post["note"]) if x)} for post in current.get("head_posts", [])]
    rows += [{"label": f"内设机构{quota['level']}领导职数", "count": quota["count"], "note": quota["note"]}
             for quota in current.get("internal_leadership", [])]
    return rows


def history(snapshot: Snapshot) -> list[dict]:
    """沿革: each approved version's date, document and what it changed."""
    return [{"date": h["date"], "doc_number": h["doc_number"], "title": h["title"],
             "issuing_organ": h["issuing_organ"], "kind": h["kind_label"], "summary": "；".join(h["summary"])}
            for h in _sanding(snapshot).get("history", [])]


def _numbers(links: list[dict]) -> str:
    return "、".join(d["number"] for d in links if d["number"])


def _duty_links(links: list[dict]) -> list[dict]:
    """The duties a list item is linked to: number (“主要职责（3）”) and text."""
    return [{"number": d["number"], "text": d["text"]} for d in links]


def power_items(snapshot: Snapshot) -> list[dict]:
    out = []
    for i, p in enumerate(_lists(snapshot).get("power_items", []), start=1):
        limits = [f"法定时限：{p['statutory_limit']}" if p["statutory_limit"] else "",
                  f"承诺时限：{p['promised_limit']}" if p["promised_limit"] else ""]
        out.append({"id": i, "code": p["code"], "name": p["full_name"] or p["name"],
                    "main_item_code": p["main_item_code"] or "", "category": p["category"], "subject": p["target"],
                    "basis": "；".join(b for b in [*p["setting_basis"], *p["implementing_basis"]] if b),
                    "setting_basis": list(p["setting_basis"]), "implementing_basis": list(p["implementing_basis"]),
                    "level": p["exercise_level"], "handler": p["internal_body"],
                    "limits": "；".join(x for x in limits if x),
                    "duties": _numbers(p["duties"]), "duty_links": _duty_links(p["duties"]),
                    "stages": [{"stage": s["stage"], "text": s["responsibility"]} for s in p["stages"]],
                    "accountability": p["accountability"]})
    return out


def responsibility_items(snapshot: Snapshot) -> list[dict]:
    return [{"id": i, "name": r["name"], "kind": r["kind"], "content": r["content"], "basis": r["basis"],
             "accountability": r["accountability_scope"], "division": r["division"],
             "related_units": "、".join(r["related_units"]), "power": "、".join(r["power_item_codes"]),
             "duties": _numbers(r["duties"]), "duty_links": _duty_links(r["duties"])}
            for i, r in enumerate(_lists(snapshot).get("responsibility_items", []), start=1)]


def power_categories(snapshot: Snapshot) -> list[str]:
    seen = []
    for p in power_items(snapshot):
        if p["category"] and p["category"] not in seen:
            seen.append(p["category"])
    return seen
