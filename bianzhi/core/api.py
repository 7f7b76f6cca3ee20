"""Shared API pieces: Chinese error bodies, scoped viewsets, token auth recorded in the audit context."""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .context import current
from .locks import LockedError
from .models import ConcurrentEditError


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    if isinstance(exc, ConcurrentEditError):
        return Response({"detail": str(exc), "code": "conflict"}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, LockedError):
        return Response({"detail": str(exc), "code": "locked"}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("未找到该对象，或您无权访问。")
    response = drf_exception_handler(exc, context)
    return response


class ScopedViewSetMixin:
    """Every queryset passes through restrict(user, action): reads use "view", writes "change".

    Objects outside the scope are absent, so they answer 404 like objects that do not exist."""

    scope_write_action = "change"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        ctx = current()
        if request.user and request.user.is_authenticated:
            ctx.user_id, ctx.username = request.user.pk, request.user.get_username()

    def get_scope_action(self) -> str:
        return "view" if self.request.method in ("GET", "HEAD", "OPTIONS") else self.scope_write_action

    def get_queryset(self):
        return super().get_queryset().restrict(self.request.user, self.get_scope_action())


class ScopedModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    pass


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass
