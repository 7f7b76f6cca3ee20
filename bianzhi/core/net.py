"""The client's address. X-Forwarded-For is believed only when the direct peer is one of the configured trusted
proxies (TRUSTED_PROXIES: addresses or networks, comma-separated); otherwise anyone could write any address into
the audit log or dodge the login throttle by inventing one."""
import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]):
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def _parse(value: str):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in net for net in networks)


def client_ip(request) -> str | None:
    """The nearest address not belonging to a trusted proxy: walk X-Forwarded-For from the right (each proxy
    appends the peer it saw) while the hop is trusted."""
    peer = _parse(request.META.get("REMOTE_ADDR", "") or "")
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if not _trusted(peer, networks):
        return str(peer) if peer else None
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    address = peer
    for hop in reversed(hops):
        parsed = _parse(hop)
        if parsed is None:
            break
        address = parsed
        if not _trusted(parsed, networks):
            break
    return str(address)
