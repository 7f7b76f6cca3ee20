from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bianzhi.accounts"
    label = "accounts"
    verbose_name = "账号与权限"

    def ready(self):
        from bianzhi.core.scoping import register_scope

        from .scope import restrict_audit_queryset, restrict_queryset

        register_scope(restrict=restrict_queryset, restrict_audit=restrict_audit_queryset)

        from . import signals  # noqa: F401  (login events into the audit log)
