"""Trains the body-list judge (bianzhi/ingest/body_lists.py, ADR 0068) on the labelled corpus.

    .venv/bin/python scripts/train_body_lists.py            # rewrites bianzhi/ingest/data/body_lists.json
    .venv/bin/python scripts/train_body_lists.py --check    # trains and compares with the shipped file (exit 1 if not equal)
    .venv/bin/python scripts/train_body_lists.py --folds    # cross-fitting: each half of the training splits (by split)
                                                            # judged by the model trained on the other half
    .venv/bin/python scripts/train_body_lists.py --measure SPLIT,SPLIT  # the parser with and without the judge (bodies)

Trained on every split of bench/sanding_real except the heldout_final* splits (measured, never trained on) and the
CHECK splits of bench/README.md (“One-line copies…”), which stay for judging. Each text is normalised as the parser
reads it (`extract.from_text`); every item of every candidate list (`body_lists.lists`) is labelled 1 if its name is
one of the labelled internal bodies (NFKC, white space removed), else 0 — lists of the texts with no body labelled
give only 0s, which teaches the judge to stay silent on lists of 直属单位, 乡镇, duties. Logistic regression,
full-batch gradient descent with L2, a fixed number of steps: the same file on every run.
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

from bench.sanding_real import CORPUS, document_text  # noqa: E402
from bianzhi.ingest import body_lists  # noqa: E402
from bianzhi.ingest.extract import from_text  # noqa: E402

CHECK = ("heldout11,heldout13,heldout13b,heldout15,heldout17,heldout17b,heldout19,heldout19b,heldout19c,heldout19d,heldout21,"
         "heldout21b,heldout23,heldout23b,heldout23c,heldout25,heldout25b,heldout27,heldout27b,heldout29,heldout29b,heldout3,"
         "heldout31,heldout33,heldout5,heldout7,heldout9").split(",")
STEPS = 1500
RATE = 0.5
L2 = 1e-3
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)
THRESHOLD = 0.6


def trained_on(split: str) -> bool:
    """Every measured split but the CHECK ones (and BL_EXCLUDE's, for experiments)."""
    from bench.sanding_real import NOT_YET_MEASURED
    return (split not in CHECK and split not in NOT_YET_MEASURED
            and split not in os.environ.get("BL_EXCLUDE", "").split(","))


def texts(keep=trained_on) -> list[dict]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    rows = []
    for e in sorted(manifest, key=lambda e: e["file"]):
        if not keep(e["split"]):
            continue
        text = from_text(document_text((CORPUS / e["file"]).read_text(encoding="utf-8"))).text
        label = json.loads((CORPUS / e["label"]).read_text(encoding="utf-8"))
        gold = Counter(body_lists.canon(b) for b in label.get("internal_bodies") or [])
        cands = body_lists.lists(text)
        rows.append({"file": e["file"], "split": e["split"], "text": text, "gold": gold, "cands": cands,
                     "feats": [body_lists.features(text, c) for c in cands]})
    return rows


def _matrix(rows):
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
                y.append(1.0 if r["gold"].get(body_lists.canon(item[0])) else 0.0)
    return names, np.array(X), np.array(y)


def train(rows: list[dict]) -> dict[str, float]:
    names, X, y = _matrix(rows)
    w = np.zeros(len(names))
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        grad = X.T @ (p - y) / len(y) + L2 * w
        w -= RATE * grad
    return {k: round(float(w[i]), 4) for i, k in enumerate(names) if abs(w[i]) >= 1e-4}


def judge(rows, weights, tau):
    tp = pred = gold = 0
    for r in rows:
        got = Counter(body_lists.canon(f.value) for f in body_lists.bodies_when_silent(r["text"], weights, tau))
        tp += sum((got & r["gold"]).values())
        pred += sum(got.values())
        gold += sum(r["gold"].values())
    return tp, pred, gold


def folds(rows: list[dict]) -> None:
    splits = sorted({r["split"] for r in rows})
    half = {s: i % 2 for i, s in enumerate(splits)}
    weights = {k: train([r for r in rows if half[r["split"]] != k]) for k in (0, 1)}
    print(f"{len(rows)} texts, {sum(len(c['items']) for r in rows for c in r['cands'])} list items")
    for tau in THRESHOLDS:
        tp = pred = gold = 0
        for k in (0, 1):
            a, b, c = judge([r for r in rows if half[r["split"]] == k], weights[k], tau)
            tp, pred, gold = tp + a, pred + b, gold + c
        print(f"  τ={tau:.1f} every text, the judge alone: P {tp / max(1, pred):.3f} R {tp / max(1, gold):.3f} ({tp}/{pred}/{gold})")


def measure(splits: str, verbose: bool = False) -> None:
    """The parser's bodies on `splits` with the judge (as shipped) and without it (BIANZHI_BODY_LISTS=off)."""
    from bianzhi.ingest.parser import parse
    rows = texts(lambda s: s in splits.split(","))
    for mode in ("off", "on"):
        os.environ["BIANZHI_BODY_LISTS"] = mode
        tp = pred = gold = 0
        for r in rows:
            got = Counter(body_lists.canon(b.get("name") or "") for b in parse(r["text"]).data.get("internal_bodies") or [])
            tp += sum((got & r["gold"]).values())
            pred += sum(got.values())
            gold += sum(r["gold"].values())
            if verbose and mode == "on" and got != r["gold"]:
                print(f"  {r['file']}: +{sorted((got - r['gold']).elements())} -{sorted((r['gold'] - got).elements())}"[:300])
        print(f"judge {mode}: bodies P {tp / max(1, pred):.3f} R {tp / max(1, gold):.3f} ({tp}/{pred}/{gold})")


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
        shipped = json.loads(body_lists.WEIGHTS.read_text(encoding="utf-8"))
        rows = texts(lambda split: split in set(shipped["splits"]))
    else:
        rows = texts()
    if args.folds:
        folds(rows)
        return 0
    weights = train(rows)
    splits = sorted({r["split"] for r in rows})
    payload = json.dumps({"threshold": THRESHOLD, "splits": splits, "weights": weights}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if args.check:  # within 2e-4 a weight: another CPU's BLAS may sum in another order and round the 4th decimal otherwise
        shipped = json.loads(body_lists.WEIGHTS.read_text(encoding="utf-8"))
        worst = max(abs(shipped["weights"].get(k, 0.0) - weights.get(k, 0.0)) for k in set(shipped["weights"]) | set(weights))
        same = shipped["threshold"] == THRESHOLD and shipped["splits"] == splits and worst <= 2e-4
        print("body_lists.json " + ("is what training gives" if same else f"differs from what training gives (by {worst})"))
        return 0 if same else 1
    body_lists.WEIGHTS.write_text(payload, encoding="utf-8")
    print(f"wrote {body_lists.WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
