from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse


def platform(request):
    """Platform name and the staff navigation. Each app declares its own menu entries as
    `nav = [("标签", "namespace:url-name"), …]` on its AppConfig, so apps do not edit a shared template."""
    items = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        for config in apps.get_app_configs():
            for label, url_name in getattr(config, "nav", []):
                try:
                    items.append({"label": label, "url": reverse(url_name)})
                except NoReverseMatch:
                    continue
    return {"PLATFORM_NAME": settings.PLATFORM_NAME, "nav_items": items}
