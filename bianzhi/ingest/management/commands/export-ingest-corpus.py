"""`bianzhi export-ingest-corpus DIR --user NAME`: the 三定 documents clerks have confirmed, as labelled texts the
learned judges can be trained on (ADR 0070): `scripts/train_body_lists.py --extra DIR`, `train_duty_lists.py --extra DIR`."""
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from bianzhi.ingest.corpus import export_corpus


class Command(BaseCommand):
    help = "导出录入员核对采用的三定识别结果（原文 + 标注），供重新训练列表判定模型；只导出该用户有权查看的单位"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="导出目录")
        parser.add_argument("--user", required=True, help="以该用户的权限范围导出（用户名）")

    def handle(self, *args, **options):
        try:
            user = get_user_model().objects.get(username=options["user"])
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"用户“{options['user']}”不存在") from exc
        n = export_corpus(Path(options["directory"]), acting_user=user)
        self.stdout.write(f"已导出 {n} 份核对采用的三定识别结果到 {options['directory']}")
