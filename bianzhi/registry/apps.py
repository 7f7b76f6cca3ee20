from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "bianzhi.registry"
    label = "registry"
    verbose_name = "机构库"
