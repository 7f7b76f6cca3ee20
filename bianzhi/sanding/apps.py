from django.apps import AppConfig


class SandingConfig(AppConfig):
    name = "bianzhi.sanding"
    label = "sanding"
    verbose_name = "三定规定"
