from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bianzhi.ops import backup


class Command(BaseCommand):
    help = "从 bianzhi backup 的备份文件恢复到空数据库和空数据目录，并逐表、逐文件核对。"
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("archive", help="备份文件（.tar.gz）")

    def handle(self, *args, archive, **opts):
        try:
            result = backup.restore(Path(archive), log=self.stdout.write)
        except backup.BackupError as exc:
            raise CommandError(str(exc))
        if not result.ok:
            raise CommandError("恢复后的数据与备份清单不一致（见上）。")
