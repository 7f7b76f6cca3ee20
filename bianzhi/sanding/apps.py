from django.apps import AppConfig


class SandingConfig(AppConfig):
    name = "bianzhi.sanding"
    label = "sanding"
    verbose_name = "三定规定"
    nav = [("三定", "sanding:home")]
    unit_links = [("三定规定", "sanding:unit-sanding"), ("三定沿革", "sanding:unit-history")]
