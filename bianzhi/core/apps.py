from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bianzhi.core"
    label = "core"
    verbose_name = "平台基础"

    def ready(self):
        from . import audit, audit_db, checks, locks  # noqa: F401  (audit and lock signal handlers, audit triggers, system checks)
