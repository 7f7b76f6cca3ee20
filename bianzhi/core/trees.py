"""One tree builder for every nested list of units (staff pages, public region pages)."""
from collections.abc import Callable, Iterable
from operator import attrgetter


def nest(items: Iterable, *, key: Callable = attrgetter("pk"), parent_key: Callable = attrgetter("parent_id")) -> list:
    """Nest items (already filtered and ordered) under their parents: each gets `tree_children`; an item whose
    parent is not among them (out of scope, not published) becomes a root. Order is kept."""
    items = list(items)
    by_key = {key(item): item for item in items}
    roots = []
    for item in items:
        item.tree_children = []
    for item in items:
        parent = by_key.get(parent_key(item))
        (parent.tree_children if parent is not None else roots).append(item)
    return roots
