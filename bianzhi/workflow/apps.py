from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "bianzhi.workflow"
    label = "workflow"
    verbose_name = "审核流程"
