from django.apps import AppConfig


def assigned_packages_scope(user, action):
    """SCOPE_EXTENSIONS: an assigned confirmer or reviewer can always read the unit assigned to them."""
    from django.db.models import Q

    if action != "view" or user is None or not user.is_authenticated:
        return None
    from .models import DataPackage

    assigned = DataPackage._base_manager.filter(Q(assigned_confirmer=user) | Q(assigned_reviewer=user))
    return Q(pk__in=assigned.values("unit_id"))  # a subquery: no extra round trip


class WorkflowConfig(AppConfig):
    name = "bianzhi.workflow"
    label = "workflow"
    verbose_name = "审核流程"
    nav = [("进度", "workflow:dashboard"), ("审核流程", "workflow:package-list"), ("上交材料", "workflow:material-list"),
           ("暂停业务", "workflow:hold-list")]
    unit_links = [("数据包与审核", "workflow:unit-package"), ("上交材料", "workflow:unit-materials"),
                  ("材料封面", "workflow:coversheet")]

    def ready(self):
        from bianzhi.accounts.scope import SCOPE_EXTENSIONS

        from . import locks  # noqa: F401  (connects the lock signal handlers)

        if assigned_packages_scope not in SCOPE_EXTENSIONS:
            SCOPE_EXTENSIONS.append(assigned_packages_scope)
