from django.apps import AppConfig


class SandingConfig(AppConfig):
    name = "bianzhi.sanding"
    label = "sanding"
    verbose_name = "三定规定"
    nav = [("三定", "sanding:home")]
    unit_links = [("三定规定", "sanding:unit-sanding"), ("三定沿革", "sanding:unit-history")]

    def ready(self):
        # Imported here: models can be imported only once the app registry is ready.
        from bianzhi.documents.views import register_detail_context

        from .selectors import versions_citing_document

        register_detail_context(versions_citing_document)
