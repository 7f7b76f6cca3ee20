"""`bianzhi parse-sanding FILE`: one JSON object on stdout (the draft a 三定 or 调整通知 yields).

Keys: title, doc_number, unit, nature, rank, plaques, duties, internal_bodies, staffing, posts,
internal_leadership, changes, totals_after, issuing_organ, issued_on, short_name, inner_title, `inferred`: the
fields a learned model filled where the rules read nothing (unit, internal_bodies, duties — ADR 0062, 0068, 0069), to
be checked item by item, and last `stated_counts`: the number of items the document states for a field a learned
judge filled, where it differs from the number found ({"internal_bodies": 10}, ADR 0072); an unknown value is null or
an empty list.
A file that cannot be read: exit code 2 and a Chinese message on stderr, nothing on stdout.
"""
import json
import sys

from django.core.management.base import BaseCommand

from bianzhi.ingest.extract import ExtractionError, extract_file
from bianzhi.ingest.parser import KEYS, parse


class Command(BaseCommand):
    help = "识别三定规定或调整通知（.docx/.doc/PDF/扫描件/图片/文本），输出 JSON"
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", help="文件路径")

    def handle(self, *args, **options):
        try:
            extracted = extract_file(options["file"])
        except ExtractionError as exc:
            sys.stderr.write(f"parse-sanding: {exc}\n")
            sys.exit(2)
        result = parse(extracted.text)
        payload = {key: result.data[key] for key in KEYS}
        payload["inferred"] = list(result.meta.get("learned") or [])
        payload["stated_counts"] = dict(result.meta.get("stated_counts") or {})
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
