from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "bianzhi.ingest"
    label = "ingest"
    verbose_name = "文件识别"
