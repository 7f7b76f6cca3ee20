"""Trains the duty-list judge (bianzhi/ingest/duty_lists.py, ADR 0069) on the labelled corpus.

    .venv/bin/python scripts/train_duty_lists.py            # rewrites bianzhi/ingest/data/duty_lists.json
    .venv/bin/python scripts/train_duty_lists.py --check    # trains and compares with the shipped file
    .venv/bin/python scripts/train_duty_lists.py --folds    # cross-fitting over the training splits
    .venv/bin/python scripts/train_duty_lists.py --measure SPLIT,SPLIT [-v]  # the parser's duties with and without it

The same texts as the body-list judge (scripts/train_body_lists.trained_on: every measured split but CHECK). Each
line of every candidate run is labelled 1 if its first ten characters (NFKC, white space removed — the benchmark's
`duty_heads`) are one of the labelled duties' heads, else 0. Logistic regression as in train_body_lists.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_body_lists import THRESHOLDS, trained_on  # noqa: E402

from bench.sanding_real import CORPUS, document_text  # noqa: E402
from bianzhi.ingest import duty_lists  # noqa: E402
from bianzhi.ingest.extract import from_text  # noqa: E402

STEPS = 1500
RATE = 0.5
L2 = 1e-3
THRESHOLD = float(os.environ.get("DL_THRESHOLD", "0.7"))  # cross-fitting P 0.918 / R 0.674 alone; 0.6 added 17 false duties on CHECK budget notes


def texts(keep=trained_on) -> list[dict]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    rows = []
    for e in sorted(manifest, key=lambda e: e["file"]):
        if not keep(e["split"]):
            continue
        text = from_text(document_text((CORPUS / e["file"]).read_text(encoding="utf-8"))).text
        label = json.loads((CORPUS / e["label"]).read_text(encoding="utf-8"))
        gold = Counter(duty_lists.head(d) for d in label.get("duty_heads") or [])
        cands = duty_lists.runs(text)
        rows.append({"file": e["file"], "split": e["split"], "text": text, "gold": gold, "cands": cands,
                     "feats": [duty_lists.features(c, text) for c in cands]})
    return rows


def train(rows: list[dict]) -> dict[str, float]:
    names = sorted({k for r in rows for fs in r["feats"] for f in fs for k in f})
    index = {k: i for i, k in enumerate(names)}
    X, y = [], []
    for r in rows:
        for cand, fs in zip(r["cands"], r["feats"], strict=True):
            for item, f in zip(cand["items"], fs, strict=True):
                row = np.zeros(len(names))
                for k, v in f.items():
                    row[index[k]] = v
                X.append(row)
                y.append(1.0 if r["gold"].get(duty_lists.head(item[0])) else 0.0)
    X, y = np.array(X), np.array(y)
    w = np.zeros(len(names))
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        w -= RATE * (X.T @ (p - y) / len(y) + L2 * w)
    return {k: round(float(w[i]), 4) for i, k in enumerate(names) if abs(w[i]) >= 1e-4}


def judge(rows, weights, tau):
    tp = pred = gold = 0
    for r in rows:
        got = Counter(duty_lists.head(f.value) for f in duty_lists.duties_when_silent(r["text"], weights, tau))
        tp += sum((got & r["gold"]).values())
        pred += sum(got.values())
        gold += sum(r["gold"].values())
    return tp, pred, gold


def folds(rows: list[dict]) -> None:
    splits = sorted({r["split"] for r in rows})
    half = {s: i % 2 for i, s in enumerate(splits)}
    weights = {k: train([r for r in rows if half[r["split"]] != k]) for k in (0, 1)}
    print(f"{len(rows)} texts, {sum(len(c['items']) for r in rows for c in r['cands'])} run lines")
    for tau in THRESHOLDS:
        tp = pred = gold = 0
        for k in (0, 1):
            a, b, c = judge([r for r in rows if half[r["split"]] == k], weights[k], tau)
            tp, pred, gold = tp + a, pred + b, gold + c
        print(f"  τ={tau:.1f} every text, the judge alone: P {tp / max(1, pred):.3f} R {tp / max(1, gold):.3f} ({tp}/{pred}/{gold})")


def measure(splits: str, verbose: bool = False) -> None:
    from bianzhi.ingest.parser import parse
    rows = texts(lambda s: s in splits.split(","))
    for mode in ("off", "on"):
        os.environ["BIANZHI_DUTY_LISTS"] = mode
        tp = pred = gold = 0
        for r in rows:
            got = Counter(duty_lists.head(d) for d in parse(r["text"]).data.get("duties") or [] if isinstance(d, str))
            tp += sum((got & r["gold"]).values())
            pred += sum(got.values())
            gold += sum(r["gold"].values())
            if verbose and mode == "on" and got != r["gold"]:
                print(f"  {r['file']}: +{sorted((got - r['gold']).elements())} -{sorted((r['gold'] - got).elements())}"[:300])
        print(f"judge {mode}: duties P {tp / max(1, pred):.3f} R {tp / max(1, gold):.3f} ({tp}/{pred}/{gold})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--folds", action="store_true")
    ap.add_argument("--measure")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args(argv)
    if args.measure:
        measure(args.measure, args.v)
        return 0
    if args.check:  # the splits the shipped model was trained on, so that a split added later changes nothing here
        shipped = json.loads(duty_lists.WEIGHTS.read_text(encoding="utf-8"))
        rows = texts(lambda split: split in set(shipped["splits"]))
    else:
        rows = texts()
    if args.folds:
        folds(rows)
        return 0
    weights = train(rows)
    splits = sorted({r["split"] for r in rows})
    payload = json.dumps({"threshold": THRESHOLD, "splits": splits, "weights": weights}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if args.check:  # within 2e-4 a weight (another CPU's BLAS may round the fourth decimal otherwise)
        shipped = json.loads(duty_lists.WEIGHTS.read_text(encoding="utf-8"))
        worst = max(abs(shipped["weights"].get(k, 0.0) - weights.get(k, 0.0)) for k in set(shipped["weights"]) | set(weights))
        same = shipped["threshold"] == THRESHOLD and shipped["splits"] == splits and worst <= 2e-4
        print("duty_lists.json " + ("is what training gives" if same else f"differs from what training gives (by {worst})"))
        return 0 if same else 1
    duty_lists.WEIGHTS.write_text(payload, encoding="utf-8")
    print(f"wrote {duty_lists.WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
