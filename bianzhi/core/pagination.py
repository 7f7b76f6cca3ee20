"""The API's default pagination (its own module: DRF imports it while its viewsets are being imported)."""
from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    """limit at most MAX_LIMIT, offset clamped: `?limit=99999999999999999999` answers a page, never a 500.

    The page is read first; a page shorter than the limit is the last one, so the count is its offset plus its
    length and no COUNT query is asked (a unit's power items: one page). A full page, or an empty one past the
    first, is counted as DRF counts it."""

    max_limit = 1000
    max_offset = 10**9

    def get_offset(self, request):
        return min(super().get_offset(request), self.max_offset)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.limit = self.get_limit(request)
        if self.limit is None:
            return None
        self.offset = self.get_offset(request)
        page = list(queryset[self.offset:self.offset + self.limit])
        if len(page) < self.limit and (page or self.offset == 0):
            self.count = self.offset + len(page)
        else:
            self.count = self.get_count(queryset)
        if self.count > self.limit and self.template is not None:
            self.display_page_controls = True
        return page

    def short_first_page(self, request, page: list) -> list:
        """A first page read otherwise (a precompiled query) with the default limit, shorter than the limit: the
        last one, counted as `paginate_queryset` counts it (its length)."""
        self.request, self.limit, self.offset = request, self.default_limit, 0
        assert len(page) < self.limit
        self.count = len(page)
        return page
