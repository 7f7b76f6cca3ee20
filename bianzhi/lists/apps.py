from django.apps import AppConfig


class ListsConfig(AppConfig):
    name = "bianzhi.lists"
    label = "lists"
    verbose_name = "权责清单"
