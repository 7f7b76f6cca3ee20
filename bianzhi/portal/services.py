"""Publication: the one way data reaches the public side.

`publish_units(units, user, note)` — one transaction: a numbered Release, a current PublishedUnit
snapshot per unit (the previous one kept, no longer current), the derived SearchEntry rows, one
ChangeEntry per unit for the feed, the release's full dump with its SHA-256, then the public cache is
invalidated. `unpublish_unit(unit, user, reason)` withdraws a unit the same way (also a release).
"""
import hashlib
import json

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.dispatch import Signal
from django.utils import timezone

from bianzhi.registry.models import Unit

from . import sections
from .models import (
    KIND_ORDER,
    ChangeAction,
    ChangeEntry,
    PublishedUnit,
    Release,
    ReleaseDump,
    SearchEntry,
    SearchKind,
)
from .search import add_grams, fts_delete, fts_insert, index_chunks
from .snapshot import build_snapshot

CACHE_GENERATION_KEY = "portal:generation"

# Sent after a release's transaction commits (number=…): the public pages are pre-rendered for it (tasks.py).
release_committed = Signal()


class PublishError(Exception):
    pass


def current_release_number() -> int:
    return Release.objects.aggregate(n=Max("number"))["n"] or 0


def public_cache_prefix() -> str:
    """The prefix of every public page's cache key: the newest release number (so a publication
    invalidates cached pages in every process, even with per-process local-memory caches) and a
    generation counter that `clear_public_cache` bumps (so a shared Redis cache is cleared at once)."""
    latest = Release.objects.order_by("-number").values_list("number", "published_at").first()
    stamp = f"{latest[0]}.{latest[1].timestamp():.6f}" if latest else "0"
    return f"portal:{stamp}:{cache.get(CACHE_GENERATION_KEY, 0)}:"


def clear_public_cache() -> None:
    try:
        cache.incr(CACHE_GENERATION_KEY)
    except ValueError:
        cache.set(CACHE_GENERATION_KEY, 1, None)


def unit_order(unit) -> int:
    """An integer sort key: region order, then the sort order of each ancestor down to the unit."""
    key = min(unit.region.sort_order, 999)
    chain = unit.ancestors() + [unit]
    for i in range(5):
        key = key * 1000 + (min(chain[i].sort_order, 998) + 1 if i < len(chain) else 0)
    return key


def search_rows(snapshot: dict) -> list[dict]:
    """The searchable things of one snapshot, in page order."""
    u = snapshot["unit"]
    rows = [{"kind": SearchKind.UNIT, "title": u["name"], "category": u.get("category_label", ""),
             "text": "；".join(x for x in [u.get("short_name", ""), *[p["name"] for p in u.get("plaques", [])],
                                          sections.nature_text(snapshot)] if x),
             "anchor": "top"}]
    for i, body in enumerate(sections.internal_bodies(snapshot), start=1):
        rows.append({"kind": SearchKind.INTERNAL_BODY, "title": body["name"], "text": body["duty_text"],
                     "category": "", "anchor": f"body-{i}"})
    for i, duty in enumerate(sections.duties(snapshot), start=1):
        rows.append({"kind": SearchKind.DUTY, "title": duty["label"], "text": duty["text"], "category": "",
                     "anchor": f"duty-{i}"})
    for i, item in enumerate(sections.power_items(snapshot), start=1):
        rows.append({"kind": SearchKind.POWER, "title": item["name"], "category": item["category"],
                     "text": "；".join(x for x in [item["code"], item["subject"], item["handler"], item["basis"]] if x),
                     "anchor": f"power-{i}"})
    for i, item in enumerate(sections.responsibility_items(snapshot), start=1):
        rows.append({"kind": SearchKind.RESPONSIBILITY, "title": item["name"], "category": "",
                     "text": "；".join(x for x in [item["content"], item["division"], item["basis"],
                                                  item["accountability"]] if x),
                     "anchor": f"resp-{i}"})
    for i, row in enumerate(rows):
        row["position"] = i
    return rows


def _index(published: PublishedUnit) -> int:
    old_ids = list(SearchEntry.objects.filter(unit_id_value=published.unit_id).values_list("id", flat=True))
    if old_ids:
        fts_delete(old_ids)
        SearchEntry.objects.filter(id__in=old_ids).delete()
    entries = []
    for row in search_rows(published.snapshot):
        title = (row["title"] or "").strip()[:500] or "（无标题）"
        for text, norm in index_chunks(title, row["text"]):
            entries.append(SearchEntry(
                published_unit=published, unit_id_value=published.unit_id, region_code=published.region_code,
                kind=row["kind"], kind_order=KIND_ORDER[row["kind"]], unit_order=published.unit_order,
                position=row["position"], category=row["category"][:60], title=title, text=text, norm=norm,
                anchor=row["anchor"]))
    created = SearchEntry.objects.bulk_create(entries, batch_size=500)
    fts_insert((e.pk, e.norm) for e in created)
    add_grams((e.norm, e.kind_order, e.unit_order) for e in created)
    return len(created)


def _summary(old: dict | None, new: dict) -> str:
    if old is None:
        return "首次公开"
    labels = {"unit": "基本信息", "sanding": "三定规定及沿革", "lists": "权力清单和责任清单"}
    changed = [label for key, label in labels.items() if (old or {}).get(key) != new.get(key)]
    return "更新：" + "、".join(changed) if changed else "重新发布（内容未变）"


def _new_release(user, note: str) -> Release:
    number = current_release_number() + 1
    return Release.objects.create(number=number, published_at=timezone.now(), published_by=user, note=note[:500])


def dump_payload(release: Release) -> dict:
    units = [p.snapshot for p in PublishedUnit.objects.public().order_by("unit_id").only("snapshot")]
    return {"release": release.number, "published_at": release.published_at.isoformat(), "units": units}


def dump_bytes(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _finish(release: Release, changes: int) -> Release:
    data = dump_bytes(dump_payload(release))
    release.sha256 = hashlib.sha256(data).hexdigest()
    release.size = len(data)
    release.unit_count = PublishedUnit.objects.public().count()
    release.change_count = changes
    release.save(update_fields=["sha256", "size", "unit_count", "change_count"])
    ReleaseDump.objects.create(release=release, content=data.decode("utf-8"))
    transaction.on_commit(clear_public_cache)
    number = release.number
    transaction.on_commit(lambda: release_committed.send(sender=Release, number=number))
    return release


@transaction.atomic
def publish_units(units, note: str = "", *, acting_user) -> Release:
    """Publish the given units' current approved state as one new release. Returns the Release."""

    ids = sorted({u.pk if hasattr(u, "pk") else int(u) for u in units})
    if not ids:
        raise PublishError("未选择要公开的单位。")
    unit_rows = list(Unit._base_manager.filter(pk__in=ids).select_related("region", "parent", "parent_relation")
                     .prefetch_related("plaques", "internal_bodies", "successors"))
    if len(unit_rows) != len(ids):
        raise PublishError("部分单位不存在，未公开任何内容。")
    # Serialise concurrent publications: the release number is unique, the lock keeps numbers dense.
    Release.objects.select_for_update().order_by("-number").first()
    release = _new_release(acting_user, note)
    now = release.published_at
    for unit in unit_rows:
        snapshot = build_snapshot(unit)
        previous = PublishedUnit.objects.filter(unit=unit, is_current=True).first()
        if previous:
            PublishedUnit.objects.filter(pk=previous.pk).update(is_current=False)
        published = PublishedUnit.objects.create(
            unit=unit, release=release, snapshot=snapshot, is_current=True, name=unit.name,
            region_code=unit.region.code, parent_unit_id=unit.parent_id, unit_order=unit_order(unit))
        _index(published)
        ChangeEntry.objects.create(release=release, unit=unit, published_unit=published,
                                   action=ChangeAction.UPDATED if previous else ChangeAction.PUBLISHED,
                                   name=unit.name, summary=_summary(previous.snapshot if previous else None, snapshot),
                                   published_at=now)
    return _finish(release, len(unit_rows))


@transaction.atomic
def unpublish_unit(unit, reason: str, *, acting_user) -> Release:
    """Withdraw a unit from the public side (its history stays in earlier releases' dumps)."""
    reason = (reason or "").strip()
    if not reason:
        raise PublishError("撤回公开须填写理由。")
    current = PublishedUnit.objects.filter(unit=unit, is_current=True).first()
    if current is None:
        raise PublishError(f"“{unit.name}”目前没有公开，无需撤回。")
    Release.objects.select_for_update().order_by("-number").first()
    release = _new_release(acting_user, f"撤回：{unit.name}。{reason}")
    old_ids = list(SearchEntry.objects.filter(unit_id_value=unit.pk).values_list("id", flat=True))
    fts_delete(old_ids)
    SearchEntry.objects.filter(id__in=old_ids).delete()
    current.is_current = False
    current.withdrawn_at = release.published_at
    current.withdraw_reason = reason[:300]
    current.save(update_fields=["is_current", "withdrawn_at", "withdraw_reason", "updated_at", "row_version"])
    ChangeEntry.objects.create(release=release, unit=unit, published_unit=None, action=ChangeAction.WITHDRAWN,
                               name=current.name, summary=f"撤回：{reason}"[:500], published_at=release.published_at)
    return _finish(release, 1)
