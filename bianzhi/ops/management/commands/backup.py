import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bianzhi.ops import backup


class Command(BaseCommand):
    help = "备份：数据库（PostgreSQL 用 pg_dump，SQLite 用在线备份接口）+ 全部存储文件 + 清单（每个文件的 SHA-256、每张表的行数和内容哈希），写成一个 .tar.gz。"

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="备份文件路径（默认 数据目录/backups/bianzhi-时间.tar.gz）")

    def handle(self, *args, archive=None, **opts):
        if not archive:
            stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
            archive = Path(settings.DATA_DIR) / "backups" / f"bianzhi-{stamp}.tar.gz"
        try:
            backup.backup(Path(archive), log=self.stdout.write)
        except backup.BackupError as exc:
            raise CommandError(str(exc))
