"""What the two list judges' training scripts share (scripts/train_body_lists.py, scripts/train_duty_lists.py; ADR
0068, 0069): which texts they learn from, the logistic regression, cross-fitting, measuring the parser with and
without a judge, and the model file with the splits it was trained on.

A judge is described by a `Judge`: its module (`WEIGHTS`, `canon`-like `key`, the candidates and features), how a
label's gold values are read, what the parser gives, the switch that turns it off, and its threshold.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sanding_real import CORPUS, NOT_YET_MEASURED, document_text  # noqa: E402
from bianzhi.ingest.extract import from_text  # noqa: E402

# the splits kept for judging (bench/README.md, “One-line copies: breaks restored…”): never trained on
CHECK = ("heldout11,heldout13,heldout13b,heldout15,heldout17,heldout17b,heldout19,heldout19b,heldout19c,heldout19d,heldout21,"
         "heldout21b,heldout23,heldout23b,heldout23c,heldout25,heldout25b,heldout27,heldout27b,heldout29,heldout29b,heldout3,"
         "heldout31,heldout33,heldout5,heldout7,heldout9").split(",")
STEPS = 1500
RATE = 0.5
L2 = 1e-3
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)


def trained_on(split: str) -> bool:
    """Every measured split but the CHECK ones (and BL_EXCLUDE's, for experiments)."""
    return (split not in CHECK and split not in NOT_YET_MEASURED
            and split not in os.environ.get("BL_EXCLUDE", "").split(","))


@dataclass
class Judge:
    module: object                                   # body_lists / duty_lists
    key: Callable[[str], str]                        # an item's comparable form (NFKC name, duty head)
    gold: Callable[[dict], list[str]]                # the label's values
    candidates: Callable[[str], list[dict]]          # the text's candidate lists
    features: Callable[[str, dict], list[dict]]      # each item's features
    judged: Callable[..., list]                      # module.bodies_when_silent / duties_when_silent
    parsed: Callable[[dict], list[str]]              # the parser's values of the field
    switch: str                                      # the environment variable that turns it off
    threshold: float


def texts(judge: Judge, keep=trained_on, corpus: Path = CORPUS) -> list[dict]:
    """The candidates, features and gold values of `corpus`'s texts whose split `keep` takes (the benchmark's corpus,
    or an office's confirmed documents exported by `bianzhi export-ingest-corpus`, ADR 0070)."""
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    rows = []
    for e in sorted(manifest, key=lambda e: e["file"]):
        if not keep(e["split"]):
            continue
        text = from_text(document_text((corpus / e["file"]).read_text(encoding="utf-8"))).text
        label = json.loads((corpus / e["label"]).read_text(encoding="utf-8"))
        cands = judge.candidates(text)
        rows.append({"file": e["file"], "split": e["split"], "text": text, "cands": cands,
                     "gold": Counter(judge.key(v) for v in judge.gold(label)),
                     "feats": [judge.features(text, c) for c in cands]})
    return rows


def train(judge: Judge, rows: list[dict]) -> dict[str, float]:
    """Logistic regression over every item of every candidate (1: its key is among the label's), full-batch gradient
    descent with L2 and a fixed number of steps: the same weights on every run."""
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
                y.append(1.0 if r["gold"].get(judge.key(item[0])) else 0.0)
    X, y = np.array(X), np.array(y)
    w = np.zeros(len(names))
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        w -= RATE * (X.T @ (p - y) / len(y) + L2 * w)
    return {k: round(float(w[i]), 4) for i, k in enumerate(names) if abs(w[i]) >= 1e-4}


def _alone(judge: Judge, rows, weights, tau) -> tuple[int, int, int]:
    tp = pred = gold = 0
    for r in rows:
        got = Counter(judge.key(f.value) for f in judge.judged(r["text"], weights, tau))
        tp += sum((got & r["gold"]).values())
        pred += sum(got.values())
        gold += sum(r["gold"].values())
    return tp, pred, gold


def folds(judge: Judge, rows: list[dict]) -> None:
    """Each half of the training splits (alternate splits by name) judged by the model trained on the other half."""
    splits = sorted({r["split"] for r in rows})
    half = {s: i % 2 for i, s in enumerate(splits)}
    weights = {k: train(judge, [r for r in rows if half[r["split"]] != k]) for k in (0, 1)}
    print(f"{len(rows)} texts, {sum(len(c['items']) for r in rows for c in r['cands'])} candidate items")
    for tau in THRESHOLDS:
        tp = pred = gold = 0
        for k in (0, 1):
            a, b, c = _alone(judge, [r for r in rows if half[r["split"]] == k], weights[k], tau)
            tp, pred, gold = tp + a, pred + b, gold + c
        print(f"  τ={tau:.1f} every text, the judge alone: P {tp / max(1, pred):.3f} R {tp / max(1, gold):.3f} ({tp}/{pred}/{gold})")


def measure(judge: Judge, splits: str, verbose: bool = False) -> None:
    """The parser's field on `splits` with the judge as shipped and without it."""
    from bianzhi.ingest.parser import parse
    rows = texts(judge, lambda s: s in splits.split(","))
    for mode in ("off", "on"):
        os.environ[judge.switch] = mode
        tp = pred = gold = 0
        for r in rows:
            got = Counter(judge.key(v) for v in judge.parsed(parse(r["text"]).data))
            tp += sum((got & r["gold"]).values())
            pred += sum(got.values())
            gold += sum(r["gold"].values())
            if verbose and mode == "on" and got != r["gold"]:
                print(f"  {r['file']}: +{sorted((got - r['gold']).elements())} -{sorted((r['gold'] - got).elements())}"[:300])
        print(f"judge {mode}: P {tp / max(1, pred):.3f} R {tp / max(1, gold):.3f} ({tp}/{pred}/{gold})")


def main(judge: Judge, description: str, argv=None) -> int:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--folds", action="store_true")
    ap.add_argument("--measure")
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--extra", action="append", default=[], metavar="DIR",
                    help="also train on a corpus exported by `bianzhi export-ingest-corpus` (the office's confirmed documents)")
    args = ap.parse_args(argv)
    if args.measure:
        measure(judge, args.measure, args.v)
        return 0
    weights_file = judge.module.WEIGHTS
    if args.check:  # the splits the shipped model was trained on, so that a split added later changes nothing here
        shipped = json.loads(weights_file.read_text(encoding="utf-8"))
        rows = texts(judge, lambda split: split in set(shipped["splits"]))
    else:
        rows = texts(judge)
    for extra in args.extra:  # every text of it: an office's documents are never the benchmark's CHECK
        rows += texts(judge, lambda split: True, Path(extra))
    if args.folds:
        folds(judge, rows)
        return 0
    weights = train(judge, rows)
    splits = sorted({r["split"] for r in rows})
    payload = json.dumps({"threshold": judge.threshold, "splits": splits, "weights": weights}, ensure_ascii=False, indent=1,
                         sort_keys=True) + "\n"
    if args.check:  # within 2e-4 a weight: another CPU's BLAS may sum in another order and round the 4th decimal otherwise
        worst = max(abs(shipped["weights"].get(k, 0.0) - weights.get(k, 0.0)) for k in set(shipped["weights"]) | set(weights))
        same = shipped["threshold"] == judge.threshold and shipped["splits"] == splits and worst <= 2e-4
        print(f"{weights_file.name} " + ("is what training gives" if same else f"differs from what training gives (by {worst})"))
        return 0 if same else 1
    weights_file.write_text(payload, encoding="utf-8")
    print(f"wrote {weights_file}")
    return 0
