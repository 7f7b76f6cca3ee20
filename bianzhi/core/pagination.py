"""The API's default pagination (its own module: DRF imports it while its viewsets are being imported)."""
from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    """limit at most MAX_LIMIT, offset clamped: `?limit=99999999999999999999` answers a page, never a 500."""

    max_limit = 1000
    max_offset = 10**9

    def get_offset(self, request):
        return min(super().get_offset(request), self.max_offset)
