"""System checks for the 等保三级 settings that must never be configured below the requirement."""
from django.conf import settings
from django.core.checks import Error, register


@register()
def audit_retention(app_configs, **kwargs):
    days = getattr(settings, "AUDIT_RETENTION_DAYS", 0)
    if days < 180:
        return [Error(f"AUDIT_RETENTION_DAYS={days}：审计日志须至少保存 180 天（等保三级）。", id="bianzhi.E015")]
    return []
