"""Trains the one-line copy's break model (bianzhi/ingest/breaks.py, ADR 0055) on the TUNE texts' own line breaks.

    .venv/bin/python scripts/train_breaks.py            # rewrites bianzhi/ingest/data/breaks.bin (byte for byte)
    .venv/bin/python scripts/train_breaks.py --check    # trains and compares with the shipped file (exit 1 if not equal)
    .venv/bin/python scripts/train_breaks.py --folds    # break precision/recall of two halves of TUNE, each
                                                        # scored by the model trained on the other half
    .venv/bin/python scripts/train_breaks.py --score heldout11,heldout13,…   # break precision/recall on those splits
                                                        # (never a heldout_final* one): rules, model, model under
                                                        # the rules' guards, rules + model as shipped

Only the TUNE splits of bench/README.md (“One-line copies: breaks restored…”, plus heldout36–38) are read; a text
pasted as three lines or fewer gives no labels and is skipped. Each text is run into one line twice, with nothing and
with a space where its lines ended (`bench.sanding_real.one_line_bare` / `one_line`), normalised as the extraction
does (`extract.normalize_before_breaks`); a place is labelled a break where the text as collected breaks too (its own
line break, not one of a PDF's wrapped lines that the extraction joins). Logistic regression on the hashed features,
mini-batch AdaGrad in a fixed order, a fixed number of epochs: the same bytes on every run.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

import numpy as np

os.environ["BIANZHI_BREAKS"] = "rules"  # the texts as collected are read without the model that is being trained
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.sanding_real import CORPUS, document_text  # noqa: E402
from bianzhi.ingest import breaks, extract  # noqa: E402

TUNE = ("heldout,heldout10,heldout10b,heldout10c,heldout12,heldout12b,heldout14,heldout14b,heldout16,heldout16b,"
        "heldout18,heldout18b,heldout2,heldout20,heldout20b,heldout22,heldout22b,heldout24,heldout24b,heldout26,"
        "heldout26b,heldout28,heldout28b,heldout30,heldout30b,heldout32,heldout34,heldout34b,heldout38,heldout4,"
        "heldout6,heldout8,tune,heldout36,heldout37").split(",")
EPOCHS = 12
BATCH = 4096
RATE = 0.3
L2 = 1e-4
THRESHOLD = 0.0  # log-odds; chosen on TUNE (bench/README.md, “One-line copies: a learned break model”)


def tune_files(splits: list[str] = TUNE) -> list[str]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    chosen = set(splits) & set(TUNE)
    return sorted(e["file"] for e in manifest if e["split"] in chosen and not e["split"].startswith("heldout_final"))


def labelled(doc: str, joiner: str) -> tuple[str, np.ndarray, np.ndarray] | None:
    """The one-line copy as the break model reads it, its places' features, and their labels (1: a line ended)."""
    lines = doc.splitlines()
    if sum(1 for line in lines if line.strip()) <= 3:
        return None
    # where each line's text starts in the document and in the one-line copy
    doc_to_copy: dict[int, int] = {}
    pos, copy_pos, first = 0, 0, True
    for line in lines:
        stripped = line.strip()
        if stripped:
            if not first and joiner:
                copy_pos += len(joiner)
            doc_to_copy[pos + line.index(stripped[0])] = copy_pos
            copy_pos += len(stripped)
            first = False
        pos += len(line) + 1
    copy = joiner.join(line.strip() for line in lines if line.strip())
    collected = extract.from_text(doc)
    kept = {collected.offsets[k + 1] for k, ch in enumerate(collected.text[:-1]) if ch == "\n"}
    bounds = np.array(sorted(doc_to_copy[o] for o in kept if o in doc_to_copy and doc_to_copy[o] > 0), dtype=np.int64)
    text, offsets, _ = extract.normalize_before_breaks(copy)
    if len(text) < 2:
        return None
    off = np.array(offsets, dtype=np.int64)
    # a break before text[g]: a line of the copy starts after text[g-1]'s source and at or before text[g]'s
    left = np.searchsorted(bounds, off[:-1], side="right")
    right = np.searchsorted(bounds, off[1:], side="right")
    labels = (right > left).astype(np.float32)
    keep = np.array([a != "\n" and b != "\n" for a, b in zip(text[:-1], text[1:], strict=True)])
    return text, breaks.features(text)[keep], labels[keep]


def dataset(files: list[str]) -> tuple[np.ndarray, np.ndarray, list[int]]:
    rows, labels, sizes = [], [], []
    for name in files:
        doc = document_text((CORPUS / name).read_text(encoding="utf-8"))
        for joiner in ("", " "):
            got = labelled(doc, joiner)
            if got is None:
                continue
            rows.append(got[1])
            labels.append(got[2])
            sizes.append(len(got[2]))
    return np.concatenate(rows), np.concatenate(labels), sizes


def train(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    weights = np.zeros(breaks.SIZE, dtype=np.float64)
    squares = np.full(breaks.SIZE, 1e-8, dtype=np.float64)
    bias, bias_sq = 0.0, 1e-8
    order = np.random.default_rng(55).permutation(len(y))
    cols = x.shape[1]
    for _ in range(EPOCHS):
        for start in range(0, len(y), BATCH):
            batch = order[start:start + BATCH]
            xb, yb = x[batch], y[batch]
            z = weights[xb].sum(axis=1) + bias
            p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
            g = p - yb
            grad = np.bincount(xb.ravel(), weights=np.repeat(g, cols), minlength=breaks.SIZE)
            grad[0] = 0.0  # the markers' padding column
            grad += L2 * weights * len(batch)
            squares += grad * grad
            weights -= RATE * grad / np.sqrt(squares)
            gb = float(g.sum())
            bias_sq += gb * gb
            bias -= RATE * gb / np.sqrt(bias_sq)
    weights[0] = 0.0
    return weights.astype(np.float32), float(bias)


def quality(weights: np.ndarray, bias: float, x: np.ndarray, y: np.ndarray) -> None:
    w = weights.astype(np.float16).astype(np.float32)
    z = w[x].sum(axis=1) + np.float32(bias)
    for t in (-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0):
        pred = z > t
        tp = float((pred & (y > 0)).sum())
        p = tp / max(1, pred.sum())
        r = tp / max(1, (y > 0).sum())
        print(f"  threshold {t:+.1f}: precision {p:.3f} recall {r:.3f} (breaks {int((y > 0).sum())})")


def score(splits: list[str]) -> None:
    """Break restoration itself on `splits`: the breaks each source puts back against those the text as collected
    keeps (the one-line copy's places next to a break the run-in rules put back are left out, as in training)."""
    if any(name.startswith("heldout_final") for name in splits):
        raise SystemExit("heldout_final* splits are measured by the lead only")
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    files = sorted(e["file"] for e in manifest if e["split"] in set(splits))
    for joiner, name in (("", "bare"), (" ", "spaced")):
        totals: dict[str, list[int]] = {k: [0, 0] for k in ("rules", "model", "model, guards", "rules + model")}
        gold = 0
        for file in files:
            got = labelled(document_text((CORPUS / file).read_text(encoding="utf-8")), joiner)
            if got is None:
                continue
            text, _, y = got
            places = [g for g in range(1, len(text)) if text[g - 1] != "\n" and text[g] != "\n"]
            truth = {g for g, label in zip(places, y, strict=True) if label}
            gold += len(truth)
            os.environ["BIANZHI_BREAKS"] = "rules"
            rebroken, _ = extract.one_line_breaks(text, list(range(len(text))))
            rules, shift = set(), 0
            for k, ch in enumerate(rebroken):
                if ch == "\n" and (k - shift >= len(text) or text[k - shift] != "\n"):
                    rules.add(k - shift)
                    shift += 1
            guarded = extract._model_breaks(text)
            for key, found in (("rules", rules), ("model", breaks.predicted_breaks(text)), ("model, guards", guarded),
                               ("rules + model", rules | guarded)):
                found = found & set(places)
                totals[key][0] += len(found & truth)
                totals[key][1] += len(found)
        for key, (hits, predicted) in totals.items():
            print(f"{name:<7}{key:<15}precision {hits / max(1, predicted):.3f}  recall {hits / max(1, gold):.3f}"
                  f"  ({hits}/{predicted}/{gold})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--folds", action="store_true")
    ap.add_argument("--out", type=Path, default=breaks.WEIGHTS)
    ap.add_argument("--only", help="train on these TUNE splits only (comma-separated; a fold's model, with --out)")
    ap.add_argument("--score", help="break precision/recall of the shipped model and the rules on these splits")
    args = ap.parse_args(argv)
    if args.score:
        score(args.score.split(","))
        return 0
    files = tune_files(args.only.split(",") if args.only else TUNE)
    if args.folds:
        halves = [tune_files(TUNE[0::2]), tune_files(TUNE[1::2])]  # by source: the splits taken in turn
        for k in (0, 1):
            x, y, _ = dataset(halves[1 - k])
            w, b = train(x, y)
            xt, yt, _ = dataset(halves[k])
            print(f"half {k} scored by the model of the other half ({len(halves[k])} texts):")
            quality(w, b, xt, yt)
        return 0
    x, y, sizes = dataset(files)
    print(f"{len(files)} TUNE texts, {len(sizes)} one-line copies with labels, {len(y)} places, {int(y.sum())} breaks")
    weights, bias = train(x, y)
    quality(weights, bias, x, y)
    if args.check:
        tmp = Path("/tmp") / f"breaks-check-{hashlib.sha1(str(ROOT).encode()).hexdigest()[:8]}.bin"
        breaks.save(tmp, weights, bias, THRESHOLD)
        same = tmp.read_bytes() == breaks.WEIGHTS.read_bytes()
        tmp.unlink()
        print("same bytes as the shipped model" if same else "DIFFERS from the shipped model")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    breaks.save(args.out, weights, bias, THRESHOLD)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, sha256 {hashlib.sha256(args.out.read_bytes()).hexdigest()[:16]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
