from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "bianzhi.documents"
    label = "documents"
    verbose_name = "批文"
    nav = [("批文", "documents:document-list")]
