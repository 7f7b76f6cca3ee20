"""Trains the duty-list judge (bianzhi/ingest/duty_lists.py, ADR 0069) on the labelled corpus.

    .venv/bin/python scripts/train_duty_lists.py            # rewrites bianzhi/ingest/data/duty_lists.json
    .venv/bin/python scripts/train_duty_lists.py --check    # retrains on the splits the shipped file names and compares
    .venv/bin/python scripts/train_duty_lists.py --folds    # cross-fitting over the training splits
    .venv/bin/python scripts/train_duty_lists.py --measure SPLIT,SPLIT [-v]  # the parser's duties with and without it

The same texts as the body-list judge (`judge_training.trained_on`: every measured split but CHECK). Each line of
every candidate run is labelled 1 if its first ten characters (NFKC, white space removed — the benchmark's
`duty_heads`) are one of the labelled duties' heads, else 0. The shared logistic regression of
scripts/judge_training.py.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import judge_training  # noqa: E402

from bianzhi.ingest import duty_lists  # noqa: E402

# cross-fitting P 0.918 / R 0.674 alone; 0.6 added 17 false duties on CHECK budget notes (ADR 0069)
THRESHOLD = float(os.environ.get("DL_THRESHOLD", "0.7"))

JUDGE = judge_training.Judge(
    module=duty_lists, key=duty_lists.head, gold=lambda label: label.get("duty_heads") or [],
    candidates=duty_lists.runs, features=lambda text, cand: duty_lists.features(cand, text),
    judged=duty_lists.duties_when_silent,
    parsed=lambda data: [d for d in data.get("duties") or [] if isinstance(d, str)],
    switch="BIANZHI_DUTY_LISTS", threshold=THRESHOLD)

if __name__ == "__main__":
    sys.exit(judge_training.main(JUDGE, __doc__.splitlines()[0]))
