"""Background work (huey): pre-render a release's public pages after it is committed (prerender.py); nightly
rebuild of the search postings."""
from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import prerender
from .search import rebuild_grams


@db_task()
def prerender_release(number: int) -> None:
    prerender.render_release(number)


def on_release_committed(sender, number: int, **kwargs) -> None:
    """Connected in PortalConfig.ready to services.release_committed: stop serving the older release's pages at
    once, render the new one in the background."""
    prerender.withdraw(number)
    if settings.PORTAL_PRERENDER:
        prerender_release(number)


@db_periodic_task(crontab(minute="*"))
def check_prerendered_release() -> None:
    """Every minute: pages marked ready must be those of the newest release (a process that died between a
    publication's commit and its on-commit hook would otherwise leave the older pages served), and a rendering
    that stopped making progress (its worker died) is queued again."""
    if not settings.PORTAL_PRERENDER:
        return
    ready, newest = prerender.ready_release(), prerender.newest_release()
    if (ready is not None and ready != newest) or prerender.stalled(newest):
        prerender.withdraw(newest)
        prerender_release(newest)


@db_periodic_task(crontab(hour="3", minute="40"))
def rebuild_search_grams() -> None:
    """Nightly: recompute the search's block postings (ADR 0027) from the current entries. Publication only adds
    postings, so a withdrawn text leaves postings that merely make a search visit a block with nothing in it; the
    rebuild drops them. It runs in one transaction: searches meanwhile use the old postings."""
    rebuild_grams()
