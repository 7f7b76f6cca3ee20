from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The top layer: loads the 百色市 demo data by calling each app's `demo.load` in layer order."""

    name = "bianzhi.demo"
    label = "demo"
    verbose_name = "演示数据"
