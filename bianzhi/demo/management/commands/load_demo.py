from django.core.management.base import BaseCommand
from django.db import transaction

from bianzhi.accounts import demo as accounts_demo
from bianzhi.core.context import acting_as
from bianzhi.ingest import demo as ingest_demo
from bianzhi.lists import demo as lists_demo
from bianzhi.personnel import demo as personnel_demo
from bianzhi.registry import demo as registry_demo
from bianzhi.sanding import demo as sanding_demo
from bianzhi.workflow import demo as workflow_demo

# Order matters: each app's demo builds on the ones before it (the workflow's demo ends by publishing, as the
# 编办 would, what its flow approved).
DEMO_LOADERS = [registry_demo, accounts_demo, sanding_demo, lists_demo, workflow_demo, ingest_demo, personnel_demo]


class Command(BaseCommand):
    help = "载入百色市演示数据（可重复执行，不会重复创建）"

    def handle(self, *args, **options):
        self.stdout.write("载入演示数据……")
        with acting_as(None, request_id="load_demo"):
            for module in DEMO_LOADERS:
                with transaction.atomic():
                    module.load(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("演示数据就绪。"))
