"""Trains the unit ranker (bianzhi/ingest/unit_ranker.py, ADR 0062) on the TUNE texts' labelled units.

    .venv/bin/python scripts/train_unit_ranker.py            # rewrites bianzhi/ingest/data/unit_ranker.json
    .venv/bin/python scripts/train_unit_ranker.py --check    # trains and compares with the shipped file (exit 1 if not equal)
    .venv/bin/python scripts/train_unit_ranker.py --folds    # cross-fitting: each half of TUNE (by split) scored by the
                                                             # model trained on the other half, at several thresholds

Only the TUNE splits (scripts/train_breaks.TUNE: bench/README.md's list plus heldout36–38), heldout35, heldout39 and
heldout40a are read, never a heldout_final* or CHECK split, nor heldout40b. Each text is normalised as the parser reads it (`extract.from_text`); every candidate
name (`unit_ranker.candidates`) is labelled 1 if it is the labelled unit (NFKC, white space removed), else 0 — a text
whose unit is none or is not written out as one name gives only 0s, which teaches the model to stay silent there.
A softmax over each text's candidates and “no unit” (logit 0), full-batch gradient descent with L2, a fixed number of steps: the same file on every run.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np

os.environ["BIANZHI_UNIT_RANKER"] = "off"  # the rules alone: the texts where they are silent are where the model is asked
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from train_breaks import TUNE as BREAKS_TUNE  # noqa: E402

from bench.sanding_real import CORPUS, document_text  # noqa: E402
from bianzhi.ingest import unit_ranker  # noqa: E402
from bianzhi.ingest.extract import from_text  # noqa: E402
from bianzhi.ingest.parser import parse  # noqa: E402

# the TUNE splits of the break model, the tuned splits no CHECK list holds (heldout35, heldout39) and the half of this
# session's own split that was read while the ranker was built (heldout40a; heldout40b is never trained on)
TUNE = tuple(BREAKS_TUNE) + ("heldout35", "heldout39", "heldout40a")

STEPS = 1000
RATE = 0.5
L2 = 3e-4
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8)
THRESHOLD = 0.6  # chosen by --folds (bench/README.md, “Unit names on unseen texts”)


def canon(value: str | None) -> str | None:
    return None if value is None else re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))


def texts(splits=TUNE) -> list[dict]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    rows = []
    for e in sorted(manifest, key=lambda e: e["file"]):
        if e["split"] not in set(splits) or e["split"].startswith("heldout_final"):
            continue
        text = from_text(document_text((CORPUS / e["file"]).read_text(encoding="utf-8"))).text
        label = json.loads((CORPUS / e["label"]).read_text(encoding="utf-8"))
        cands = unit_ranker.candidates(text)
        rows.append({"file": e["file"], "split": e["split"], "unit": canon(label.get("unit")), "text": text,
                     "cands": list(cands), "feats": unit_ranker.features(text, cands),
                     "rules": canon(parse(text).data.get("unit"))})
    return rows


def train(rows: list[dict]) -> dict[str, float]:
    """Softmax over each text's candidates and “no unit named” (logit 0), the labelled one (or “none”) the target."""
    names = sorted({k for r in rows for f in r["feats"] for k in f})
    index = {k: i for i, k in enumerate(names)}
    groups = []
    for r in rows:
        if not r["cands"]:
            continue
        X = np.zeros((len(r["cands"]), len(names)))
        for j, f in enumerate(r["feats"]):
            for k, v in f.items():
                X[j, index[k]] = v
        gold = [j for j, c in enumerate(r["cands"]) if canon(c) == r["unit"]]
        groups.append((X, gold[0] if gold else -1))
    w = np.zeros(len(names))
    for _ in range(STEPS):
        grad = L2 * w * len(groups)
        for X, g in groups:
            z = X @ w
            top = max(0.0, float(z.max()))
            e = np.exp(z - top)
            p = e / (np.exp(-top) + e.sum())
            grad += X.T @ p
            if g >= 0:
                grad -= X[g]
        w -= RATE * grad / len(groups)
    return {k: round(float(w[i]), 4) for k, i in index.items() if abs(w[i]) >= 1e-4}


def top(row: dict, weights: dict[str, float]) -> tuple[str | None, float]:
    if not row["cands"]:
        return None, 0.0
    ps = unit_ranker.shares([unit_ranker.logit(f, weights) for f in row["feats"]])
    i = max(range(len(ps)), key=lambda j: (ps[j], len(row["cands"][j])))
    return canon(row["cands"][i]), ps[i]


def folds(rows: list[dict]) -> None:
    """Each half of the training splits (alternate splits by name) decided by the model trained on the other half:
    `unit_ranker.unit_when_silent` (the share threshold, the headed-page margin and the guards), on the texts where
    the rules name no unit (where the parser asks it) and on every text as if the rules were silent."""
    splits = sorted({r["split"] for r in rows})
    half = {s: i % 2 for i, s in enumerate(splits)}
    weights = {k: train([r for r in rows if half[r["split"]] != k]) for k in (0, 1)}
    silent = [r for r in rows if r["rules"] is None]
    print(f"{len(rows)} texts; rules silent on {len(silent)} ({sum(1 for r in silent if r['unit'])} with a labelled unit)")
    for tau in THRESHOLDS:
        for name, group in (("every text (as if silent)", rows), ("rules silent", silent)):
            out = [(r, unit_ranker.unit_when_silent(r["text"], weights[half[r["split"]]], tau)) for r in group]
            pred = [(r, canon(f.value)) for r, f in out if f is not None]
            hits = sum(1 for r, v in pred if v == r["unit"])
            gold = sum(1 for r in group if r["unit"])
            print(f"  τ={tau:.1f} {name:<26} P {hits / max(1, len(pred)):.3f}  R {hits / max(1, gold):.3f}  ({hits}/{len(pred)}/{gold})")
            if tau == THRESHOLD and (name == "rules silent" or os.environ.get("VERBOSE")):
                for r, f in out:
                    v = canon(f.value) if f else None
                    if v != r["unit"] or name == "rules silent" and v:
                        print(f"    {r['file']}: label {r['unit']!r} model {v!r}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--folds", action="store_true")
    args = ap.parse_args(argv)
    rows = texts()
    if args.folds:
        folds(rows)
        return 0
    payload = json.dumps({"threshold": THRESHOLD, "weights": train(rows)}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if args.check:
        same = unit_ranker.WEIGHTS.read_text(encoding="utf-8") == payload
        print("unit_ranker.json " + ("is what training gives" if same else "differs from what training gives"))
        return 0 if same else 1
    unit_ranker.WEIGHTS.write_text(payload, encoding="utf-8")
    print(f"wrote {unit_ranker.WEIGHTS} ({len(rows)} texts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
