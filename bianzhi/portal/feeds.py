"""The public change feed (Atom and JSON Feed 1.1): what was published, updated or withdrawn, release by
release. `?since=<release number>` or `?since=<ISO 8601 time>` returns only later changes, so another
platform can fetch a full dump once and then apply the feed to stay equal to the newest release."""
from datetime import UTC, datetime, time

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.feedgenerator import Atom1Feed

from .models import ChangeAction, ChangeEntry, Release

JSON_LIMIT = 1000
ATOM_LIMIT = 200


class SinceError(ValueError):
    pass


def parse_since(since: str | None):
    """(release_number, None) or (None, aware datetime) or (None, None)."""
    since = (since or "").strip()
    if not since:
        return None, None
    if since.isdigit():
        return int(since), None
    moment = parse_datetime(since.replace(" ", "+")) if "T" in since else None
    if moment is None:
        day = parse_date(since)
        if day is not None:
            moment = datetime.combine(day, time.min)
    if moment is None:
        raise SinceError(f"参数 since 无效：“{since}”。请填写发布版本号（如 3）或 ISO 8601 时间（如 2026-06-15T08:00:00+08:00）。")
    if moment.year < 1971:  # before any release; also keeps the UTC conversion of 0001-01-01 in range
        return None, datetime(1971, 1, 1, tzinfo=UTC)
    if moment.year > 9998:
        moment = datetime(9998, 12, 31, tzinfo=UTC)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return None, moment


def changes_since(since: str | None):
    number, moment = parse_since(since)
    qs = ChangeEntry.objects.public().select_related("release", "published_unit")
    if number is not None:
        qs = qs.filter(release__number__gt=number)
    elif moment is not None:
        qs = qs.filter(published_at__gt=moment)
    return qs.order_by("release__number", "id")


def _unit_url(base, unit_id):
    return base + reverse("portal:unit", args=[unit_id])


def entry_dict(entry: ChangeEntry, base: str) -> dict:
    data = {
        "id": f"{base}/feed/changes/{entry.pk}",
        "url": _unit_url(base, entry.unit_id) if entry.action != ChangeAction.WITHDRAWN else base + "/",
        "title": f"{entry.name}：{entry.get_action_display()}",
        "summary": entry.summary,
        "content_text": entry.summary,
        "date_published": entry.published_at.isoformat(),
        "_bianzhi": {
            "release": entry.release.number,
            "action": entry.action,
            "unit_id": entry.unit_id,
            "unit": entry.published_unit.snapshot if entry.published_unit_id else None,
        },
    }
    return data


def json_feed(entries, base: str, since: str | None) -> dict:
    items = list(entries[:JSON_LIMIT + 1])
    truncated = len(items) > JSON_LIMIT
    if truncated:
        items = items[:JSON_LIMIT]
        last = items[-1].release.number
        if items[0].release.number != last:  # never cut a release in half
            items = [e for e in items if e.release.number != last]
    latest = Release.objects.public().order_by("-number").values_list("number", flat=True).first() or 0
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{settings.PLATFORM_NAME} 公开数据变更",
        "home_page_url": base + "/",
        "feed_url": base + reverse("portal:feed-json"),
        "language": "zh-CN",
        "_bianzhi": {"latest_release": latest, "since": since or "",
                     "up_to_release": items[-1].release.number if items else (int(since) if (since or "").isdigit()
                                                                               else latest)},
        "items": [entry_dict(e, base) for e in items],
    }
    if truncated and items:
        feed["next_url"] = base + reverse("portal:feed-json") + f"?since={items[-1].release.number}"
    return feed


def atom(entries, base: str) -> str:
    feed = Atom1Feed(title=f"{settings.PLATFORM_NAME} 公开数据变更", link=base + "/",
                     description="已审核公开的机构、三定规定、权力清单和责任清单的变更", language="zh-CN",
                     feed_url=base + reverse("portal:feed-atom"))
    items = list(entries.reverse()[:ATOM_LIMIT]) if hasattr(entries, "reverse") else list(entries)[-ATOM_LIMIT:]
    for e in items:
        link = _unit_url(base, e.unit_id) if e.action != ChangeAction.WITHDRAWN else base + "/"
        feed.add_item(title=f"{e.name}：{e.get_action_display()}（第 {e.release.number} 版）", link=link,
                      description=e.summary, unique_id=f"{base}/feed/changes/{e.pk}", pubdate=e.published_at,
                      updateddate=e.published_at, categories=[e.get_action_display()])
    return feed.writeString("utf-8")
