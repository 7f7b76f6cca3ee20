from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the platform: `bianzhi serve`, backup/restore/verify-files, /healthz and /metrics.
    It may import any app; no app imports it."""

    name = "bianzhi.ops"
    label = "ops"
    verbose_name = "运行与运维"

    def ready(self):
        from . import jobs  # noqa: F401  (huey hooks: worker heartbeat and job durations)
