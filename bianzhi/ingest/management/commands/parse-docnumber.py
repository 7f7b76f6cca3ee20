"""`bianzhi parse-docnumber TEXT`: {raw, normalized, issuer_code, year, serial, conforms} as JSON.

Text that is not a 文号: exit code 2 and the Chinese reason on stderr.
"""
import json
import sys

from django.core.management.base import BaseCommand

from bianzhi.core.docnumber import DocNumberError, parse_docnumber


class Command(BaseCommand):
    help = "解析发文字号（文号），输出 JSON"
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("text", help="文号，如 百编〔2017〕18号")

    def handle(self, *args, **options):
        try:
            parsed = parse_docnumber(options["text"])
        except DocNumberError as exc:
            sys.stderr.write(f"parse-docnumber: {exc}\n")
            sys.exit(2)
        sys.stdout.write(json.dumps(parsed.as_dict(), ensure_ascii=False) + "\n")
