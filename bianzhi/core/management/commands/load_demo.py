import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from bianzhi.core.context import acting_as

# Order matters: each app's demo builds on the ones before it. An app without demo.py is skipped.
DEMO_APPS = ["registry", "accounts", "documents", "sanding", "lists", "workflow", "portal", "ingest", "personnel"]


class Command(BaseCommand):
    help = "载入百色市演示数据（可重复执行，不会重复创建）"

    def handle(self, *args, **options):
        self.stdout.write("载入演示数据……")
        with acting_as(None, request_id="load_demo"):
            for app in DEMO_APPS:
                try:
                    module = importlib.import_module(f"bianzhi.{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name == f"bianzhi.{app}.demo":
                        continue
                    raise
                with transaction.atomic():
                    module.load(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("演示数据就绪。"))
