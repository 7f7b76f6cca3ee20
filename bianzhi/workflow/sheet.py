"""确认单: everything the confirmer (部门确认) and the reviewer (审核) sign for, on one page and in one PDF.

The sheet holds the unit's 三定 as the drafts would make it, each draft's changes against the last approved
version (with the 文号 of the document making each change), the 权力清单 with their duty links and legal
bases, the 责任清单 with their duty links, the open comments and the check warnings. `digest` fingerprints
that content: 确认无误 and 审核通过 are accepted only from the sheet, with the digest of the content the signer
was shown — if anything changed meanwhile, the signer is asked to read the sheet again.
"""
import hashlib
import json

from django.template.loader import render_to_string

from bianzhi.core.pdf import html_to_pdf
from bianzhi.lists.services import public_snapshot as lists_snapshot
from bianzhi.sanding.models import SandingVersion, VersionStatus
from bianzhi.sanding.services import check_version, draft_changes, snapshot

from .readiness import readiness_warnings

SIGNING = ("confirm", "approve")


def _sanding_part(snap) -> dict:
    return {
        "statement": snap.statement.nature_text if snap.statement else "",
        "duty_groups": [(label, [d.text for d in rows]) for label, rows in snap.duty_groups],
        "bodies": [{"name": b.name, "duty_text": b.duty_text, "head_count": b.head_count,
                    "deputy_count": b.deputy_count, "posts_note": b.posts_note} for b in snap.bodies],
        "plaques": [str(p.name) for p in snap.plaques],
        "staffing": [{"label": s.display_label, "count": s.count,
                      "includes": "、".join(f"{i['label']}{i['count']}名" for i in s.includes or [])}
                     for s in snap.staffing],
        "head_posts": [{"title": h.title, "count": h.count, "note": h.note} for h in snap.head_posts],
        "leadership": [{"level": q.level, "count": q.count} for q in snap.leadership],
    }


def build(package) -> dict:
    """The sheet's content (plain data: the page, the PDF and the digest read the same thing)."""
    unit = package.unit
    drafts = list(SandingVersion.objects.filter(unit=unit, status=VersionStatus.DRAFT, primary__isnull=True)
                  .select_related("document").order_by("effective_date", "id"))
    versions = []
    for v in drafts:
        versions.append({
            "title": v.document.title, "doc_number": v.doc_number or v.document.doc_number_raw,
            "date": v.effective_date.isoformat(),
            "changes": [c.as_dict() for c in draft_changes(v).changes],
            "warnings": check_version(v),
        })
    current = snapshot(unit, draft=drafts[-1]) if drafts else snapshot(unit)
    lists = lists_snapshot(unit)
    comments = [{"target": c.target_label, "text": c.text,
                 "author": (c.author.display_name or c.author.username) if c.author_id else ""}
                for c in package.comments.filter(resolved=False).select_related("author")]
    content = {
        "unit": unit.name, "campaign": package.campaign.name, "state": package.get_state_display(),
        "sanding": _sanding_part(current), "has_draft": bool(drafts), "versions": versions,
        "powers": [{"code": p["code"], "name": p["full_name"] or p["name"], "category": p["category"],
                    "setting_basis": p["setting_basis"], "implementing_basis": p["implementing_basis"],
                    "duties": [f"主要职责{d['number']}{d['text']}" for d in p["duties"]]}
                   for p in lists["power_items"]],
        "responsibilities": [{"name": r["name"], "kind": r["kind"], "content": r["content"], "basis": r["basis"],
                              "duties": [f"主要职责{d['number']}{d['text']}" for d in r["duties"]]}
                             for r in lists["responsibility_items"]],
        "comments": comments,
        "warnings": readiness_warnings(unit),
    }
    content["digest"] = digest(content)
    return content


def current_digest(package) -> str:
    """The digest of the sheet as it is now: what a signer who has just read the sheet submits."""
    return build(package)["digest"]


def signing_problems(package, label: str, sheet_digest: str | None) -> list[str]:
    """Why a signature (确认无误 / 审核通过) with this digest is refused: none when it is the current sheet's."""
    if not sheet_digest:
        return [f"「{label}」只能在确认单上进行：请打开确认单，核对全部内容后再{label}。"]
    if sheet_digest != current_digest(package):
        return [f"确认单打开后数据已有变化：请重新打开确认单核对后再{label}。"]
    return []


def digest(content: dict) -> str:
    data = {k: v for k, v in content.items() if k not in ("digest", "state")}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:20]


def to_pdf(sheet: dict, package) -> bytes:
    html = render_to_string("workflow/sheet_print.html", {"sheet": sheet, "package": package})
    return html_to_pdf(html)
