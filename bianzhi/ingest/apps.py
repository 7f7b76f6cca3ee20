from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "bianzhi.ingest"
    label = "ingest"
    verbose_name = "文件识别"
    nav = [("文件识别", "ingest:job-list")]
    unit_links = [("上传三定文件识别", "ingest:unit-upload")]
