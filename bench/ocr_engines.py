"""Both OCR engines side by side on the benchmark scans: character error rate, per-field accuracy, CPU per page.

    .venv/bin/python -m bench.ocr_engines [--engines rapidocr,tesseract]

For every scan in bench/sanding_corpus and bench/sanding_unseen that has a text source of the same document
(.docx or text PDF), the scan is read with each engine; CER = edit distance / reference length after NFKC and
removing white space, against the text source's extraction. Fields: the parser on the OCR text against the
label (bench.sanding_accuracy's comparison). CPU is user+system of this process and its children per page.
Targets: CER ≤ 0.3 %, every field ≥ 0.97, ≤ 1.5 s CPU per page.
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
from collections import defaultdict
from pathlib import Path

from bench.sanding_accuracy import FIELDS, compare
from bianzhi.ingest import extract, ocr_rapid
from bianzhi.ingest.parser import parse

ROOT = Path(__file__).resolve().parent
CORPORA = [ROOT / "sanding_corpus", ROOT / "sanding_unseen"]


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def edit_distance(a: str, b: str) -> int:
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def pairs():
    for corpus in CORPORA:
        manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
        sources = {e["label"]: e["file"] for e in manifest if e["format"] in ("docx", "pdf")}
        for e in manifest:
            if e["format"] == "scan" and e["label"] in sources:
                yield corpus, e, sources[e["label"]]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engines", default="rapidocr,tesseract")
    ap.add_argument("--only", default="", help="comma-separated scan file names (default: every scan)")
    args = ap.parse_args(argv)
    only = {n for n in args.only.split(",") if n}
    engines = [e for e in args.engines.split(",") if e]
    rows = []
    fields = {e: defaultdict(lambda: {"tp": 0, "pred": 0, "gold": 0}) for e in engines}
    if "rapidocr" in engines and ocr_rapid.available():
        ocr_rapid.engine()  # model load once, not counted per page
    for corpus, entry, source in pairs():
        if only and entry["file"] not in only:
            continue
        reference = _norm(extract.extract_file(corpus / source).text)
        label = json.loads((corpus / entry["label"]).read_text(encoding="utf-8"))
        for engine in engines:
            if engine == "rapidocr" and not ocr_rapid.available():
                print("跳过 rapidocr：未安装 rapidocr-onnxruntime")
                continue
            if engine == "tesseract" and not extract.tesseract_available():
                print("跳过 tesseract：未安装 tesseract")
                continue
            os.environ["BIANZHI_OCR_ENGINE"] = engine
            cpu0, wall0 = _cpu(), time.perf_counter()
            got = extract.extract_file(corpus / entry["file"])
            cpu, wall = _cpu() - cpu0, time.perf_counter() - wall0
            text = _norm(got.text)
            dist = edit_distance(reference, text)
            errors: list[str] = []
            compare(label, parse(got.text).data, fields[engine], errors)
            rows.append((entry["file"], engine, got.pages, dist, len(reference), cpu / got.pages, wall / got.pages, len(errors)))
            print(f"  {entry['file']} {engine}: {dist}/{len(reference)} 字错, CPU {cpu / got.pages:.2f} 秒/页, 字段不符 {len(errors)}",
                  flush=True)
    print("扫描件文字识别：两种引擎对照（CER = 编辑距离 / 参考文字长度，参考为同一文件的 Word/文字 PDF）")
    print(f"{'文件':<40}{'引擎':<11}{'页':>3}{'错字':>6}{'字数':>7}{'CER':>8}{'CPU秒/页':>10}{'墙钟秒/页':>10}{'字段不符':>8}")
    for name, engine, pages, dist, n, cpu, wall, nerr in rows:
        print(f"{name:<40}{engine:<11}{pages:>3}{dist:>6}{n:>7}{dist / max(1, n):>8.2%}{cpu:>10.2f}{wall:>10.2f}{nerr:>8}")
    print()
    for engine in engines:
        mine = [r for r in rows if r[1] == engine]
        if not mine:
            continue
        dist, n = sum(r[3] for r in mine), sum(r[4] for r in mine)
        worst_cpu = max(r[5] for r in mine)
        c = fields[engine]
        tp, pred, gold = (sum(v[k] for v in c.values()) for k in ("tp", "pred", "gold"))
        low = min(((c[f]["tp"] / c[f]["pred"] if c[f]["pred"] else 1.0), (c[f]["tp"] / c[f]["gold"] if c[f]["gold"] else 1.0), f)
                  for f in FIELDS)
        print(f"{engine:<10} CER {dist / max(1, n):.3%}（{dist}/{n}）  字段 精确率 {tp / max(1, pred):.3f} 召回率 {tp / max(1, gold):.3f}"
              f"  最低字段 {low[2]} {min(low[0], low[1]):.3f}  最慢页 CPU {worst_cpu:.2f} 秒（目标 ≤ 1.5，比值 {worst_cpu / 1.5:.2f}）")
    print(f"运行时系统负载 {os.getloadavg()[0]:.2f}（{os.cpu_count()} 核）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
