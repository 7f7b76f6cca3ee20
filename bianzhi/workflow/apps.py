from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "bianzhi.workflow"
    label = "workflow"
    verbose_name = "审核流程"
    nav = [("进度", "workflow:dashboard"), ("审核流程", "workflow:package-list"), ("上交材料", "workflow:material-list"),
           ("暂停业务", "workflow:hold-list")]
    unit_links = [("数据包与审核", "workflow:unit-package"), ("上交材料", "workflow:unit-materials"),
                  ("材料封面", "workflow:coversheet")]

    def ready(self):
        # Django's app registry is ready only here, so the providers are imported here (not at module level).
        from bianzhi.accounts.scope import register_scope_extension
        from bianzhi.accounts.sessions import read_with_session
        from bianzhi.core.locks import register_lock_provider

        from .locks import locked_units
        from .selectors import ASSIGNED_UNITS, assigned_packages_scope, assigned_units_memo_key

        register_lock_provider(locked_units)
        register_scope_extension(assigned_packages_scope)
        # asked by the extension on every request that reads the view scope: read in the session's statement
        read_with_session(ASSIGNED_UNITS, assigned_units_memo_key)
