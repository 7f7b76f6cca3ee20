"""Field-level accuracy and speed of 三定 ingestion (extraction + parser) on the labelled corpus.

    .venv/bin/python -m bench.sanding_accuracy [--corpus DIR] [--no-ocr]

For every document in bench/sanding_corpus/manifest.json: extract the file (docx / text PDF / scan via
OCR / text), parse it, and compare with its label. Values are compared after NFKC with all white space
removed (OCR puts spaces between Chinese characters and uses half-width punctuation). List fields are
compared as multisets of whole items (a duty item counts only if its whole text is right).
Targets: ≥ 0.98 precision and recall on every field; ≤ 1 s per text document; ≤ 3 s per scanned page.
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from bianzhi.ingest.extract import ExtractionError, extract_file, tesseract_available
from bianzhi.ingest.parser import parse

CORPUS = Path(__file__).resolve().parent / "sanding_corpus"
SCALAR_FIELDS = ["title", "doc_number", "unit", "nature", "rank"]
LIST_FIELDS = ["plaques", "duties", "internal_bodies", "internal_bodies.name", "staffing", "posts",
               "internal_leadership", "changes"]
TOTAL_FIELDS = ["totals_after.internal_bodies", "totals_after.staffing", "totals_after.leadership"]
FIELDS = SCALAR_FIELDS + LIST_FIELDS + TOTAL_FIELDS
TARGET = 0.98


def canon(value) -> str:
    """A comparison key: NFKC, no white space, dict keys sorted."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return re.sub(r"\s+|\\n", "", unicodedata.normalize("NFKC", text))


def field_values(data: dict, name: str):
    if name == "internal_bodies.name":
        return [b.get("name") for b in data.get("internal_bodies") or []]
    if name.startswith("totals_after."):
        return (data.get("totals_after") or {}).get(name.split(".", 1)[1])
    return data.get(name)


def compare(expected: dict, got: dict, counts: dict, errors: list):
    for name in FIELDS:
        exp, out = field_values(expected, name), field_values(got, name)
        if isinstance(exp, list) or isinstance(out, list):
            exp_c, out_c = Counter(canon(v) for v in exp or []), Counter(canon(v) for v in out or [])
            tp = sum((exp_c & out_c).values())
            counts[name]["tp"] += tp
            counts[name]["pred"] += sum(out_c.values())
            counts[name]["gold"] += sum(exp_c.values())
            for missing in (exp_c - out_c):
                errors.append(f"  {name}: 缺少/不符 {missing[:90]}")
            for extra in (out_c - exp_c):
                errors.append(f"  {name}: 多出/不符 {extra[:90]}")
        else:
            ok = exp is not None and out is not None and canon(exp) == canon(out)
            counts[name]["tp"] += int(ok)
            counts[name]["pred"] += int(out is not None)
            counts[name]["gold"] += int(exp is not None)
            if not ok and (exp is not None or out is not None):
                errors.append(f"  {name}: 期望 {exp!r} 得到 {out!r}")


def text_similarity(expected: dict, got: dict) -> float:
    """Character-level similarity of all duty and internal-body text (OCR errors show here)."""
    def blob(d):
        parts = list(d.get("duties") or []) + [b.get("name", "") + (b.get("duties") or "") for b in d.get("internal_bodies") or []]
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", "".join(parts)))
    a, b = blob(expected), blob(got)
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--no-ocr", action="store_true", help="skip scanned documents")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    counts: dict = defaultdict(lambda: {"tp": 0, "pred": 0, "gold": 0})
    by_format: dict = defaultdict(lambda: defaultdict(lambda: {"tp": 0, "pred": 0, "gold": 0}))
    timing_rows = []
    skipped = []
    all_errors = []
    char_ratio: dict = defaultdict(list)
    for entry in manifest:
        if entry["format"] == "scan" and (args.no_ocr or not tesseract_available()):
            skipped.append(entry["file"])
            continue
        label = json.loads((corpus / entry["label"]).read_text(encoding="utf-8"))
        started = time.perf_counter()
        cpu_before = os.times()
        try:
            extracted = extract_file(corpus / entry["file"])
            pages = extracted.pages
            if entry["file"].endswith("-1.png"):
                pages = entry.get("pages", 1)
            result = parse(extracted.text)
            got = result.data
        except ExtractionError as exc:
            print(f"{entry['file']}: 无法读取：{exc}", file=sys.stderr)
            got, pages = {}, entry.get("pages", 1)
        seconds = time.perf_counter() - started
        cpu_after = os.times()
        cpu = sum(getattr(cpu_after, k) - getattr(cpu_before, k) for k in ("user", "system", "children_user", "children_system"))
        errors: list[str] = []
        compare(label, got, counts, errors)
        compare(label, got, by_format[entry["format"]], [])
        char_ratio[entry["format"]].append(text_similarity(label, got))
        timing_rows.append((entry["file"], entry["format"], entry.get("layout"), pages, seconds, cpu, len(errors)))
        if errors:
            all_errors.append((entry["file"], errors))

    print("三定文件识别准确率（字段级，按条目整体比对；NFKC、去空白后比较）")
    print(f"{'字段':<30}{'精确率':>8}{'召回率':>8}{'命中':>6}{'识别':>6}{'标注':>6}  达标(≥{TARGET})")
    worst = 1.0
    for name in FIELDS:
        c = counts[name]
        precision = c["tp"] / c["pred"] if c["pred"] else 1.0
        recall = c["tp"] / c["gold"] if c["gold"] else 1.0
        worst = min(worst, precision, recall)
        flag = "是" if precision >= TARGET and recall >= TARGET else "否"
        print(f"{name:<30}{precision:>8.3f}{recall:>8.3f}{c['tp']:>6}{c['pred']:>6}{c['gold']:>6}  {flag}")
    print()
    print("按输入格式（所有字段合计）")
    for fmt, fields in sorted(by_format.items()):
        tp = sum(c["tp"] for c in fields.values())
        pred = sum(c["pred"] for c in fields.values())
        gold = sum(c["gold"] for c in fields.values())
        ratios = char_ratio[fmt]
        print(f"  {fmt:<6} 精确率 {tp / pred if pred else 1:.3f}  召回率 {tp / gold if gold else 1:.3f}  （{tp}/{pred}/{gold}）"
              f"  职责/内设机构文字的字符级相似度 {sum(ratios) / len(ratios):.4f}")
    print()
    print(f"{'文件':<52}{'格式':<7}{'版式':<8}{'页数':>4}{'秒':>8}{'秒/页':>8}{'CPU秒':>8}{'不符项':>6}  达标")
    slowest_text, slowest_page = 0.0, 0.0
    for name, fmt, layout, pages, seconds, cpu, nerr in timing_rows:
        per_page = seconds / max(1, pages)
        if fmt == "scan":
            slowest_page = max(slowest_page, per_page)
            ok = per_page <= 3.0
        else:
            slowest_text = max(slowest_text, seconds)
            ok = seconds <= 1.0
        print(f"{name:<52}{fmt:<7}{layout or '':<8}{pages:>4}{seconds:>8.3f}{per_page:>8.3f}{cpu:>8.2f}{nerr:>6}  {'是' if ok else '否'}")
    print()
    print(f"最慢的文字文档 {slowest_text:.3f} 秒（目标 ≤ 1 秒，比值 {slowest_text / 1.0:.2f}）；"
          f"最慢的扫描页 {slowest_page:.3f} 秒/页（目标 ≤ 3 秒，比值 {slowest_page / 3.0:.2f}）")
    print(f"最低字段得分 {worst:.3f}（目标 ≥ {TARGET}）；运行时系统负载 {os.getloadavg()[0]:.2f}（{os.cpu_count()} 核）")
    if skipped:
        print(f"跳过 {len(skipped)} 个扫描件（{'--no-ocr' if args.no_ocr else '未安装 tesseract'}）：{', '.join(skipped)}")
    if all_errors and args.verbose:
        print("\n不符明细：")
        for name, errors in all_errors:
            print(name)
            print("\n".join(errors))
    elif all_errors:
        print(f"{sum(len(e) for _, e in all_errors)} 处不符（-v 查看明细）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
