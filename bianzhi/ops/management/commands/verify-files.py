from django.core.management.base import BaseCommand, CommandError

from bianzhi.ops import backup


class Command(BaseCommand):
    help = "核对每个存储文件：记录指向的文件都在，记有 SHA-256 的（批文、上交材料、识别文件）内容未被改动。"

    def handle(self, *args, **opts):
        result = backup.verify_files()
        for label in result.missing:
            self.stdout.write(f"缺失：{label}")
        for label in result.mismatched:
            self.stdout.write(f"内容与记录的 SHA-256 不符：{label}")
        self.stdout.write(f"核对 {result.checked} 个文件（其中 {result.hashed} 个核对 SHA-256）："
                          f"缺失 {len(result.missing)}，不符 {len(result.mismatched)}；"
                          f"存储中未被任何记录引用的文件 {len(result.unreferenced)} 个。")
        if not result.ok:
            raise CommandError("文件核对未通过。")
