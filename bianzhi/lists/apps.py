from django.apps import AppConfig


class ListsConfig(AppConfig):
    name = "bianzhi.lists"
    label = "lists"
    verbose_name = "权责清单"
    nav = [("权力清单", "lists:power-list"), ("责任清单", "lists:responsibility-list"),
           ("清单报表", "lists:report-coverage")]
    unit_links = [("权责清单", "lists:unit-lists")]
