"""The 权力事项编码 scheme: settings.BIANZHI_POWER_CODE_FORMAT with fields {region} {prefix} {serial}."""
from django.conf import settings

DEFAULT_CODE_FORMAT = "{region}-{prefix}-{serial:05d}"


def code_format() -> str:
    return getattr(settings, "BIANZHI_POWER_CODE_FORMAT", DEFAULT_CODE_FORMAT)
