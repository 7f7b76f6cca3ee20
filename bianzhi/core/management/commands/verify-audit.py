"""`bianzhi verify-audit`: seal what is pending, then recompute the audit log's hash chain and name every entry
that was changed, inserted or deleted. Exit status 1 when the chain is broken (for cron / monitoring)."""
from django.core.management.base import BaseCommand, CommandError

from bianzhi.core.audit_chain import ALGORITHM, seal_pending, verify
from bianzhi.core.audit_models import AuditLogEntry


class Command(BaseCommand):
    help = "校验审计日志哈希链（发现被篡改、插入或删除的条目）"

    def add_arguments(self, parser):
        parser.add_argument("--no-seal", action="store_true", help="不先封存待封存的条目")

    def handle(self, *args, **options):
        sealed = 0 if options["no_seal"] else seal_pending()
        problems = verify()
        total = AuditLogEntry.objects.filter(seq__isnull=False).count()
        if sealed:
            self.stdout.write(f"封存待封存条目 {sealed} 条。")
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"审计日志哈希链校验失败：{len(problems)} 处问题（共 {total} 条，算法 {ALGORITHM.upper()}）。")
        self.stdout.write(self.style.SUCCESS(f"审计日志哈希链完整：{total} 条（算法 {ALGORITHM.upper()}）。"))
