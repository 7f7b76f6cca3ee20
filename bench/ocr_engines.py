"""Both OCR engines side by side on the benchmark scans: character error rate, per-field accuracy, CPU per page.

    .venv/bin/python -m bench.ocr_engines [--engines rapidocr,tesseract,rapidocr-wheel] [--repeat 3] [--only a.scan.pdf]
                                          [--set ocr_rapid.FUSE=0]

For every scan in bench/sanding_corpus and bench/sanding_unseen that has a text source of the same document
(.docx or text PDF), the scan is read with each engine; CER = edit distance / reference length after NFKC and
removing white space, against the text source's extraction. Fields: the parser on the OCR text against the
label (bench.sanding_accuracy's comparison), precision and recall per field. CPU is user+system of this process
(all its threads) and its children (tesseract) per page; wall is elapsed time per page. Each scan is read
`--repeat` times per engine (timing only: the text of every repeat must be the same); the slowest page's CPU and
wall are reported as the minimum and the median over the repeats, with the load average, because the machine is
shared. Targets: CER ≤ 0.3 %, every field ≥ 0.97, ≤ 1.5 s CPU per page.

Engines: `rapidocr` (ingest/ocr_rapid.py: the wheel's models, our pipeline), `tesseract` (chi_sim with the
selective HanS re-read), `rapidocr-wheel` (the baseline in the same run: the wheel's own `RapidOCR()(path)`
pipeline with the settings used before 2026-11-26 — no angle classifier, one onnxruntime thread per session —
its boxes put into lines by the same code).
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import statistics
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
ENGINES = ("rapidocr", "tesseract", "rapidocr-wheel")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def edit_distance(a: str, b: str) -> int:
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def apply_settings(items: list[str]) -> None:
    """`--set MODULE.NAME=VALUE`: change one setting of bianzhi.ingest for this run (e.g. ocr_rapid.FUSE=0)."""
    import importlib

    for item in items:
        target, value = item.split("=", 1)
        module, name = target.rsplit(".", 1)
        mod = importlib.import_module(f"bianzhi.ingest.{module}")
        setattr(mod, name, type(getattr(mod, name))(float(value)) if value.replace(".", "").isdigit() else value)
        print(f"设置 {target} = {getattr(mod, name)!r}")


def pairs():
    for corpus in CORPORA:
        manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
        sources = {e["label"]: e["file"] for e in manifest if e["format"] in ("docx", "pdf")}
        for e in manifest:
            if e["format"] == "scan" and e["label"] in sources:
                yield corpus, e, sources[e["label"]]


class WheelPipeline:
    """The baseline: RapidOCR's own call on the page file, as ingest/ocr_rapid.py did before 2026-11-26."""

    def __init__(self):
        from rapidocr_onnxruntime import RapidOCR

        threads = {f"{part}_{kind}_op_num_threads": 1 for part in ("det", "cls", "rec") for kind in ("intra", "inter")}
        self.ocr = RapidOCR(use_cls=False, **threads)

    def read_image(self, path: str):
        result, _elapsed = self.ocr(path)
        boxes = []
        for points, text, score in result or []:
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            boxes.append(ocr_rapid.Box(min(xs), max(xs), min(ys), max(ys), text, float(score)))
        return ocr_rapid.boxes_to_lines(boxes)


def read(engine: str, path: Path, wheel: WheelPipeline | None):
    """extract_file with the engine chosen; for rapidocr-wheel the page reader is the baseline pipeline."""
    os.environ["BIANZHI_OCR_ENGINE"] = "tesseract" if engine == "tesseract" else "rapidocr"
    if engine != "rapidocr-wheel":
        return extract.extract_file(path)
    ours = ocr_rapid.read_image
    ocr_rapid.read_image = wheel.read_image
    try:
        return extract.extract_file(path)
    finally:
        ocr_rapid.read_image = ours


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--engines", default="rapidocr,tesseract,rapidocr-wheel")
    ap.add_argument("--only", default="", help="comma-separated scan file names (default: every scan)")
    ap.add_argument("--repeat", type=int, default=1, help="reads per scan and engine, for min/median timing")
    ap.add_argument("--per-field", action="store_true", help="print precision/recall of every field")
    ap.add_argument("--set", action="append", default=[], metavar="MODULE.NAME=VALUE",
                    help="change one setting of bianzhi.ingest (e.g. ocr_rapid.FUSE=0) for this run")
    args = ap.parse_args(argv)
    apply_settings(args.set)
    only = {n for n in args.only.split(",") if n}
    engines = [e for e in args.engines.split(",") if e]
    for engine in engines:
        if engine not in ENGINES:
            ap.error(f"未知引擎 {engine}（可选 {', '.join(ENGINES)}）")
    if not ocr_rapid.available():
        print("跳过 rapidocr、rapidocr-wheel：未安装 rapidocr-onnxruntime")
        engines = [e for e in engines if not e.startswith("rapidocr")]
    if "tesseract" in engines and not extract.tesseract_available():
        print("跳过 tesseract：未安装 tesseract")
        engines.remove("tesseract")
    wheel = WheelPipeline() if "rapidocr-wheel" in engines else None
    if "rapidocr" in engines:
        ocr_rapid.engine()  # model load once, not counted per page
    rows = []
    fields = {e: defaultdict(lambda: {"tp": 0, "pred": 0, "gold": 0}) for e in engines}
    loads = []
    for corpus, entry, source in pairs():
        if only and entry["file"] not in only:
            continue
        reference = _norm(extract.extract_file(corpus / source).text)
        label = json.loads((corpus / entry["label"]).read_text(encoding="utf-8"))
        for engine in engines:
            cpus, walls, texts = [], [], set()
            for _ in range(max(1, args.repeat)):
                cpu0, wall0 = _cpu(), time.perf_counter()
                got = read(engine, corpus / entry["file"], wheel)
                cpus.append((_cpu() - cpu0) / got.pages)
                walls.append((time.perf_counter() - wall0) / got.pages)
                texts.add(got.text)
                loads.append(os.getloadavg()[0])
            if len(texts) != 1:
                print(f"  注意：{entry['file']} {engine} 多次识别结果不同")
            text = _norm(got.text)
            dist = edit_distance(reference, text)
            errors: list[str] = []
            compare(label, parse(got.text).data, fields[engine], errors)
            rows.append((entry["file"], engine, got.pages, dist, len(reference), cpus, walls, len(errors)))
            print(f"  {entry['file']} {engine}: {dist}/{len(reference)} 字错, CPU {min(cpus):.2f}–{max(cpus):.2f} 秒/页, "
                  f"字段不符 {len(errors)}, 负载 {os.getloadavg()[0]:.1f}", flush=True)
    print("扫描件文字识别：两种引擎对照（CER = 编辑距离 / 参考文字长度，参考为同一文件的 Word/文字 PDF；"
          f"CPU、墙钟为 {max(1, args.repeat)} 次中的最小值 / 中位数）")
    print(f"{'文件':<44}{'引擎':<15}{'页':>3}{'错字':>6}{'字数':>7}{'CER':>8}{'CPU秒/页':>14}{'墙钟秒/页':>14}{'字段不符':>8}")
    for name, engine, pages, dist, n, cpus, walls, nerr in rows:
        cpu = f"{min(cpus):.2f}/{statistics.median(cpus):.2f}"
        wall = f"{min(walls):.2f}/{statistics.median(walls):.2f}"
        print(f"{name:<44}{engine:<15}{pages:>3}{dist:>6}{n:>7}{dist / max(1, n):>8.2%}{cpu:>14}{wall:>14}{nerr:>8}")
    print()
    baseline = {}
    for engine in engines:
        mine = [r for r in rows if r[1] == engine]
        if not mine:
            continue
        dist, n = sum(r[3] for r in mine), sum(r[4] for r in mine)
        cpu_min = max(min(r[5]) for r in mine)
        cpu_med = max(statistics.median(r[5]) for r in mine)
        wall_min = max(min(r[6]) for r in mine)
        wall_med = max(statistics.median(r[6]) for r in mine)
        baseline.setdefault("cpu", cpu_med)
        c = fields[engine]
        tp, pred, gold = (sum(v[k] for v in c.values()) for k in ("tp", "pred", "gold"))
        per_field = {f: (c[f]["tp"] / c[f]["pred"] if c[f]["pred"] else 1.0, c[f]["tp"] / c[f]["gold"] if c[f]["gold"] else 1.0)
                     for f in FIELDS}
        low = min((min(p, r), f) for f, (p, r) in per_field.items())
        print(f"{engine:<15} CER {dist / max(1, n):.3%}（{dist}/{n}）  字段 精确率 {tp / max(1, pred):.3f} 召回率 "
              f"{tp / max(1, gold):.3f}  最低字段 {low[1]} {low[0]:.3f}  最慢页 CPU {cpu_min:.2f}/{cpu_med:.2f} 秒"
              f"（最小/中位，目标 ≤ 1.5，比值 {cpu_med / 1.5:.2f}；与首个引擎之比 {cpu_med / baseline['cpu']:.2f}）"
              f"  墙钟 {wall_min:.2f}/{wall_med:.2f} 秒")
        if args.per_field:
            for f, (p, r) in per_field.items():
                if c[f]["gold"] or c[f]["pred"]:
                    print(f"    {f:<32} P {p:.3f}  R {r:.3f}  ({c[f]['tp']}/{c[f]['pred']}/{c[f]['gold']})")
    print(f"运行时系统负载 {min(loads, default=0):.2f}–{max(loads, default=0):.2f}（{os.cpu_count()} 核）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
