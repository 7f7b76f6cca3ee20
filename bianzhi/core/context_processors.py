from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

_NAV: dict = {}  # (script prefix, URLconf) -> the staff navigation: the same for every signed-in user


def _nav_items() -> list:
    key = (get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    if key not in _NAV:
        items = []
        for config in apps.get_app_configs():
            for label, url_name in getattr(config, "nav", []):
                try:
                    items.append({"label": label, "url": reverse(url_name)})
                except NoReverseMatch:
                    continue
        _NAV[key] = items
    return [dict(item) for item in _NAV[key]]


def platform(request):
    """Platform name and the staff navigation. Each app declares its own menu entries as
    `nav = [("标签", "namespace:url-name"), …]` on its AppConfig, so apps do not edit a shared template. The entries
    are reversed once per process (and script prefix), not on every page."""
    user = getattr(request, "user", None)
    items = _nav_items() if user is not None and user.is_authenticated else []
    return {"PLATFORM_NAME": settings.PLATFORM_NAME, "nav_items": items}
