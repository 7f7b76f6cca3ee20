import ipaddress

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST

from bianzhi.accounts.permissions import may_view_metrics

from . import health, metrics


@never_cache
def healthz(request):
    """For load balancers and monitoring: 200 when this node can serve, 503 otherwise (no login needed; it shows
    which shared service fails, never data)."""
    report = health.run_checks()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503,
                        json_dumps_params={"ensure_ascii": False})


def _allowed_network(addr: str) -> bool:
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.METRICS_ALLOW)


@never_cache
def metrics_view(request):
    """Prometheus text format, for staff users or scrapers from the networks in METRICS_ALLOW."""
    if not may_view_metrics(request.user) and not _allowed_network(request.META.get("REMOTE_ADDR", "")):
        raise PermissionDenied("仅限管理员或 METRICS_ALLOW 所列网络访问运行指标。")
    return HttpResponse(metrics.render(), content_type=CONTENT_TYPE_LATEST)
