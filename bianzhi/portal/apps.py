from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "bianzhi.portal"
    label = "portal"
    verbose_name = "公开门户"
    nav = [("公开管理", "portal:manage")]

    def ready(self):
        from . import services, tasks

        services.release_committed.connect(tasks.on_release_committed, dispatch_uid="portal-prerender")
