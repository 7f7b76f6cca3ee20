"""Trains the body-list judge (bianzhi/ingest/body_lists.py, ADR 0068) on the labelled corpus.

    .venv/bin/python scripts/train_body_lists.py            # rewrites bianzhi/ingest/data/body_lists.json
    .venv/bin/python scripts/train_body_lists.py --check    # retrains on the splits the shipped file names and compares
    .venv/bin/python scripts/train_body_lists.py --folds    # cross-fitting: each half of the training splits (by split)
                                                            # judged by the model trained on the other half
    .venv/bin/python scripts/train_body_lists.py --measure SPLIT,SPLIT [-v]  # the parser's bodies with and without it

Trained on every measured split of bench/sanding_real except the CHECK splits of bench/README.md (“One-line
copies…”), which stay for judging (`judge_training.trained_on`). Each text is normalised as the parser reads it
(`extract.from_text`); every item of every candidate list (`body_lists.lists`) is labelled 1 if its name is one of the
labelled internal bodies (NFKC, white space removed), else 0 — lists of the texts with no body labelled give only 0s,
which teaches the judge to stay silent on lists of 直属单位, 乡镇, duties. The shared logistic regression of
scripts/judge_training.py: the same file on every run.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import judge_training  # noqa: E402

from bianzhi.ingest import body_lists  # noqa: E402

THRESHOLD = 0.5  # cross-fitting (ADR 0068, session 19)

JUDGE = judge_training.Judge(
    module=body_lists, key=body_lists.canon, gold=lambda label: label.get("internal_bodies") or [],
    candidates=body_lists.lists, features=body_lists.features, judged=body_lists.bodies_when_silent,
    parsed=lambda data: [b.get("name") or "" for b in data.get("internal_bodies") or []],
    switch="BIANZHI_BODY_LISTS", threshold=THRESHOLD)

if __name__ == "__main__":
    sys.exit(judge_training.main(JUDGE, __doc__.splitlines()[0]))
