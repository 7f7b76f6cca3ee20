"""Read a published snapshot into the plain sections the public side shows, indexes and exports.

The 三定 and 清单 parts come from `bianzhi.sanding.services.public_snapshot` and
`bianzhi.lists.services.public_snapshot`; this module is the one place that knows their shapes, and it
tolerates a missing section (the app had not provided one when the unit was published).
"""


def _first(d, *keys, default=""):
    if not isinstance(d, dict):
        return default
    for key in keys:
        value = d.get(key)
        if value not in (None, ""):
            return value
    return default


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "；".join(_text(v) for v in value if _text(v))
    if isinstance(value, dict):
        return _text(_first(value, "text", "title", "name", "citation", "label"))
    return str(value)


def _list(value):
    return value if isinstance(value, list) else []


def sanding_current(snapshot: dict) -> dict:
    sanding = snapshot.get("sanding") or {}
    return sanding.get("current") or sanding


def nature_text(snapshot: dict) -> str:
    return _text(_first(sanding_current(snapshot), "nature_text", "nature", "statement"))


DUTY_SECTIONS = {"main": "主要职责", "transform": "职能转变", "division": "职责分工"}


def duties(snapshot: dict) -> list[dict]:
    """The 三定's duty items in page order. Each carries its section (主要职责 / 职能转变 / 职责分工) and its
    number within that section (`n`) — the number a reader sees; 职能转变 items are never 主要职责 N."""
    current = sanding_current(snapshot)
    out, counters = [], {}
    for i, d in enumerate(_list(_first(current, "duties", default=[])), start=1):
        if isinstance(d, str):
            d = {"text": d}
        kind_value = d.get("kind", "main") if isinstance(d.get("kind"), str) else "main"
        section = _text(_first(d, "kind_label")) or DUTY_SECTIONS.get(kind_value, "主要职责")
        counters[section] = counters.get(section, 0) + 1
        out.append({"position": _first(d, "position", "number", default=i), "text": _text(_first(d, "text", "content")),
                    "kind": section, "section": section, "n": counters[section],
                    "label": f"{section}（{counters[section]}）", "anchor": i,
                    "id": _first(d, "id", "duty_id", default=i)})
    return out


def duty_groups(snapshot: dict) -> list[tuple[str, list[dict]]]:
    """[(section title, duties numbered within it)] in the 三定's order: 主要职责, 职能转变, 职责分工."""
    groups = {}
    for d in duties(snapshot):
        groups.setdefault(d["section"], []).append(d)
    order = list(DUTY_SECTIONS.values())
    return sorted(groups.items(), key=lambda g: order.index(g[0]) if g[0] in order else len(order))


def has_sanding(snapshot: dict) -> bool:
    """Whether an approved 三定 was published (the section exists and is not empty)."""
    current = sanding_current(snapshot)
    return bool(nature_text(snapshot) or _list(_first(current, "duties", default=[]))
                or _list(_first(current, "internal_bodies", default=[])) or history(snapshot))


def _posts(b: dict) -> str:
    parts = []
    if b.get("head_count"):
        parts.append(f"正职领导职数{b['head_count']}名")
    if b.get("deputy_count"):
        parts.append(f"副职领导职数{b['deputy_count']}名")
    if b.get("posts_note"):
        parts.append(str(b["posts_note"]))
    return "，".join(parts)


def internal_bodies(snapshot: dict) -> list[dict]:
    """Internal bodies with their duty text: from the 三定 when published, else the registry's names."""
    current = sanding_current(snapshot)
    bodies = _list(_first(current, "internal_bodies", "bodies", default=[]))
    if bodies:
        return [{"id": _first(b, "id", "body_id", default=i), "name": _text(_first(b, "name")),
                 "kind": _text(_first(b, "kind_label", "kind")), "duty_text": _text(_first(b, "duty_text", "duties")),
                 "posts": _posts(b) if isinstance(b, dict) else "",
                 "plaques": "、".join(str(x) for x in _list(b.get("plaques")) if x) if isinstance(b, dict) else ""}
                for i, b in enumerate(bodies, start=1)]
    return [{"id": b.get("id"), "name": b.get("name", ""), "kind": b.get("kind_label", ""), "duty_text": "",
             "posts": "", "plaques": ""} for b in (snapshot.get("unit") or {}).get("internal_bodies", [])]


def _includes(value) -> str:
    parts = []
    for x in _list(value):
        if isinstance(x, dict) and "count" in x:
            parts.append(f"{_text(_first(x, 'label', 'name', 'type'))}{x['count']}名")
        elif _text(x):
            parts.append(_text(x))
    return ("含" + "、".join(parts)) if parts else _text(value if not isinstance(value, list) else "")


def staffing(snapshot: dict) -> list[dict]:
    current = sanding_current(snapshot)
    rows = []
    for line in _list(_first(current, "staffing", "staffing_lines", default=[])):
        rows.append({"label": _text(_first(line, "label", "staffing_type_label", "type_label", "staffing_type")),
                     "count": _first(line, "count", default=""),
                     "note": _includes(line.get("includes")) or _text(_first(line, "note"))})
    for post in _list(_first(current, "head_posts", default=[])):
        rows.append({"label": _text(_first(post, "title")), "count": _first(post, "count", default=""),
                     "note": " ".join(x for x in (_text(_first(post, "rank")), _text(_first(post, "note"))) if x)})
    for quota in _list(_first(current, "internal_leadership", "leadership_quotas", default=[])):
        rows.append({"label": f"内设机构{_text(_first(quota, 'level_label', 'level'))}领导职数",
                     "count": _first(quota, "count", default=""), "note": _text(_first(quota, "note"))})
    return rows


def history(snapshot: dict) -> list[dict]:
    sanding = snapshot.get("sanding") or {}
    out = []
    for h in _list(_first(sanding, "history", "versions", default=[])):
        doc = _first(h, "document", default=None)
        doc = doc if isinstance(doc, dict) else h
        out.append({"date": _text(_first(h, "effective_date", "date")),
                    "doc_number": _text(_first(doc, "doc_number", "number")),
                    "title": _text(_first(doc, "title")),
                    "issuing_organ": _text(_first(doc, "issuing_organ")),
                    "kind": _text(_first(h, "kind_label", "kind")),
                    "summary": _text(_first(h, "summary", "changes"))})
    return out


def _lists(snapshot: dict) -> dict:
    return snapshot.get("lists") or {}


def _numbers(duties) -> str:
    return "、".join(_text(_first(d, "number", "label")) if isinstance(d, dict) else _text(d)
                    for d in _list(duties) if d)


def _duty_links(duties) -> list[dict]:
    """The duties a list item is linked to: number (“主要职责（3）”) and text."""
    return [{"number": _text(_first(d, "number", "label")), "text": _text(_first(d, "text"))}
            for d in _list(duties) if isinstance(d, dict)]


def power_items(snapshot: dict) -> list[dict]:
    out = []
    for i, p in enumerate(_list(_first(_lists(snapshot), "power_items", "powers", default=[])), start=1):
        basis = [*_list(p.get("setting_basis")), *_list(p.get("implementing_basis"))]
        out.append({"id": _first(p, "id", default=i), "code": _text(_first(p, "code")),
                    "name": _text(_first(p, "full_name", "name", "title")),
                    "main_item_code": _text(_first(p, "main_item_code")),
                    "category": _text(_first(p, "category_label", "category")),
                    "subject": _text(_first(p, "target", "object", "subject", "implementing_object")),
                    "basis": "；".join(_text(b) for b in basis if _text(b)) or _text(_first(p, "basis", "legal_basis")),
                    "setting_basis": [_text(b) for b in _list(p.get("setting_basis"))],
                    "implementing_basis": [_text(b) for b in _list(p.get("implementing_basis"))],
                    "level": _text(_first(p, "exercise_level_label", "exercise_level", "level")),
                    "handler": _text(_first(p, "internal_body", "handling_body", "handler")),
                    "limits": "；".join(x for x in (f"法定时限：{p['statutory_limit']}" if p.get("statutory_limit") else "",
                                                   f"承诺时限：{p['promised_limit']}" if p.get("promised_limit") else "")
                                       if x),
                    "duties": _numbers(p.get("duties")),
                    "duty_links": _duty_links(p.get("duties")),
                    "stages": [{"stage": _text(_first(s, "stage")), "text": _text(_first(s, "responsibility", "text"))}
                               for s in _list(p.get("stages")) if isinstance(s, dict)],
                    "accountability": _text(_first(p, "accountability"))})
    return out


def responsibility_items(snapshot: dict) -> list[dict]:
    out = []
    for i, r in enumerate(_list(_first(_lists(snapshot), "responsibility_items", "responsibilities",
                                       default=[])), start=1):
        out.append({"id": _first(r, "id", default=i), "name": _text(_first(r, "name", "title")),
                    "kind": _text(_first(r, "kind_label", "kind")),
                    "content": _text(_first(r, "content", "text")),
                    "basis": _text(_first(r, "basis", "legal_basis")),
                    "accountability": _text(_first(r, "accountability_scope", "accountability", "liability")),
                    "division": _text(_first(r, "division")),
                    "related_units": "、".join(_text(x) for x in _list(r.get("related_units"))),
                    "power": "、".join(_text(x) for x in _list(r.get("power_item_codes"))),
                    "duties": _numbers(r.get("duties")),
                    "duty_links": _duty_links(r.get("duties"))})
    return out


def power_categories(snapshot: dict) -> list[str]:
    seen = []
    for p in power_items(snapshot):
        if p["category"] and p["category"] not in seen:
            seen.append(p["category"])
    return seen
