from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bianzhi.core"
    label = "core"
    verbose_name = "平台基础"

    def ready(self):
        from . import audit, locks  # noqa: F401  (connect the audit and lock signal handlers)
