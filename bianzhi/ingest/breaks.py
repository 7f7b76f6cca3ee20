"""Line breaks of a one-line copy predicted by a small model learned from the corpus (ADR 0055).

A web page often runs a 三定 text into one line with nothing where its lines ended. For each place between two
characters of the normalised text (NFKC, spaces between Chinese characters gone: what `extract.one_line_breaks`
reads), a logistic model scores “a line ended here” from the characters around it: hashed character n-grams in the
window −4…+4, the characters' classes (Han, Chinese numeral, digit, Latin, sentence end, comma, colon, brackets…),
how far the last and the next sentence end are, how far into the text, and the enumeration markers that start there
(“(一)”, “一、”, “1.”, “(1)”, “第X条”…) with whether each counts on from the last one of its kind; and (session 16,
ADR 0061) where a heading may end: how far the place is from the last marker that opens a clause and whether
punctuation came between, with the two characters on either side, how often the four characters after the place
recur in the text (a unit's name starts lines), and the characters around the place near the text's start (a
title's end). Trained on the TUNE texts' own line breaks (scripts/train_breaks.py, deterministic; it
rewrites `breaks.bin` byte for byte).

The weights (2^18 float16, 512 KiB) are read once, on the first one-line copy.
"""
from __future__ import annotations

import os
import re
import struct
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

WEIGHTS = Path(__file__).resolve().parent / "data" / "breaks.bin"
BITS = 18
SIZE = 1 << BITS
PAD = 4
_MAGIC = b"BZBRK2\x00\x00"
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX = np.uint64(1000003)

# the character classes
_OTHER, _HAN, _CN_NUM, _DIGIT, _LATIN, _END, _COMMA, _COLON, _OPEN, _CLOSE, _BREAK, _SPACE, _DOT, _DI, _UNIT = range(15)
_CLASS = np.full(0x10000, _OTHER, dtype=np.uint8)
_CLASS[0x3400:0xA000] = _HAN
_CLASS[0xF900:0xFB00] = _HAN
_CLASS[ord("0"):ord("9") + 1] = _DIGIT
_CLASS[ord("A"):ord("Z") + 1] = _LATIN
_CLASS[ord("a"):ord("z") + 1] = _LATIN
for _chars, _cls in (("〇零一二三四五六七八九十百", _CN_NUM), ("。!?;", _END), (",、", _COMMA), (":", _COLON),
                     ("([《“【〔<‘「『", _OPEN), (")]》”】〕>’」』", _CLOSE), ("\n", _BREAK), (" \t", _SPACE),
                     (".·•", _DOT), ("第", _DI), ("条章节款部", _UNIT)):
    for _ch in _chars:
        _CLASS[ord(_ch)] = _cls

# (offsets of the characters, relative to the place: −1 is the character before it, 0 the one after it)
_CHAR_TEMPLATES = [(-1,), (-2,), (-3,), (-4,), (0,), (1,), (2,), (3,),
                   (-2, -1), (-1, 0), (0, 1), (-3, -2), (1, 2),
                   (-3, -2, -1), (-2, -1, 0), (-1, 0, 1), (0, 1, 2),
                   (-4, -3, -2, -1), (-2, -1, 0, 1), (0, 1, 2, 3)]
_PUNCT = "。!?;,、:()《》“”"
_CLASS_TEMPLATES = [(-1, 0), (-2, -1, 0, 1), (-4, -3, -2, -1, 0, 1, 2, 3), (0, 1, 2), (-3, -2, -1)]
_DISTANCE_EDGES = np.array([1, 2, 4, 7, 11, 17, 26, 41, 81, 161], dtype=np.int64)
_START_EDGES = np.array([8, 20, 40, 80, 160, 320], dtype=np.int64)

_CN_VALUE = {c: v for v, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_MARKERS = [
    ("pc", re.compile(r"\((?P<n>[一二三四五六七八九十]{1,3})\)")),
    ("cd", re.compile(r"(?P<n>[一二三四五六七八九十]{1,3})[、.]")),
    ("pa", re.compile(r"\((?P<n>\d{1,2})\)")),
    ("ap", re.compile(r"(?<![\d(])(?P<n>\d{1,2})\)")),
    ("ad", re.compile(r"(?<![\d.])(?P<n>\d{1,2})(?:[、]|\.(?!\d))")),
    ("ci", re.compile(r"(?P<n>[①-⑳])")),
    ("art", re.compile(r"第(?P<n>[一二三四五六七八九十百零〇]{1,5})条")),
    ("chap", re.compile(r"第(?P<n>[一二三四五六七八九十]{1,3})(?:章|部分|节)")),
]


_PUNCT_CODES = np.array([ord(c) for c in _PUNCT], dtype=np.int64)


_HEAD_EDGES = np.array([1, 2, 3, 4, 5, 6, 8, 10, 13, 17, 25], dtype=np.int64)
_COUNT_EDGES = np.array([2, 3, 5, 9], dtype=np.int64)
_HEAD_START = "。!?;:\n"


def _heading_columns(text: str, codes: np.ndarray, padded: np.ndarray, classes: np.ndarray, at: np.ndarray,
                     start_b: np.ndarray) -> list[np.ndarray]:
    """A heading's end (“(二)机构设置⏎根据…”, “1.内设机构⏎汉中市卫健委…”): how far the place is from the last
    enumeration marker that opens a clause, whether punctuation comes between, with the words on either side; how
    often the words after the place recur in the text (a unit's name starts lines); a title's end near the start."""
    n = len(text)
    opened = np.full(n, -1, dtype=np.int64)  # the start of each marker that opens a clause
    for _, rx in _MARKERS:
        for m in rx.finditer(text):
            g = m.start()
            if g == 0 or text[g - 1] in _HEAD_START:
                opened[m.end() - 1] = g
    last_open = np.maximum.accumulate(opened)[:-1]  # the last marker ending at or before text[g-1]
    is_p = np.isin(codes, _PUNCT_CODES)
    last_p = np.maximum.accumulate(np.where(is_p, np.arange(n), -1))[:-1]
    places = np.arange(1, n)
    dist = np.where(last_open >= 0, places - last_open, 0)
    dist_b = np.where(last_open >= 0, np.searchsorted(_HEAD_EDGES, dist, side="right") + 1, 0)
    clean = (last_open >= 0) & (last_p < last_open + 1)  # no punctuation since the marker's text began
    # (a marker's own “、”/“.” is at its end; the punctuation of “(一)” is before its text)
    ends_marker = np.zeros(n - 1, dtype=bool)
    for _, rx in _MARKERS:
        for m in rx.finditer(text):
            if 0 < m.end() < n:
                ends_marker[m.end() - 1] = True
    state = np.where(last_open < 0, 0, np.where(clean, 1, 2))
    state = np.where(ends_marker, 3, state)
    left2 = padded[at - 2] * 65536 + padded[at - 1]
    right2 = padded[at] * 65536 + padded[at + 1]
    counts: dict[str, int] = {}
    for k in range(n - 3):
        key = text[k:k + 4]
        counts[key] = counts.get(key, 0) + 1
    recur = np.array([counts.get(text[g:g + 4], 0) for g in range(1, n)], dtype=np.int64)
    recur_b = np.searchsorted(_COUNT_EDGES, recur, side="right")
    return [_hash_columns(601, [state, dist_b, left2]),
            _hash_columns(602, [state, dist_b, right2]),
            _hash_columns(603, [state, dist_b, classes[at], classes[at - 1]]),
            _hash_columns(604, [state, left2, right2]),
            _hash_columns(605, [recur_b, state, classes[at - 1]]),
            _hash_columns(606, [recur_b, right2]),
            _hash_columns(607, [start_b, left2]),
            _hash_columns(608, [start_b, right2])]


def _cn_number(digits: str) -> int:
    if digits[0] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳":
        return ord(digits[0]) - ord("①") + 1
    if digits.isdigit():
        return int(digits)
    value, current = 0, 0
    for ch in digits:
        if ch == "百":
            value += max(current, 1) * 100
            current = 0
        elif ch == "十":
            value += max(current, 1) * 10
            current = 0
        else:
            current = _CN_VALUE.get(ch, 0)
    return value + current


def _hash_columns(seed: int, columns: list[np.ndarray]) -> np.ndarray:
    value = np.full(columns[0].shape, np.uint64(seed * 2654435761 + 97), dtype=np.uint64)
    for column in columns:
        value = value * _MIX + column.astype(np.uint64)
    return ((value * _GOLDEN) >> np.uint64(64 - BITS)).astype(np.int64)


def _named(names: list[str]) -> np.ndarray:
    return np.array([zlib.crc32(n.encode("utf-8")) & (SIZE - 1) for n in names], dtype=np.int64)


def features(text: str) -> np.ndarray:
    """The hashed features of each place between two characters: row g−1 for the place before text[g], g = 1…n−1;
    every row has the same number of columns (a column of index 0, the bias, pads the marker features)."""
    n = len(text)
    if n < 2:
        return np.zeros((0, 1), dtype=np.int64)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    padded = np.concatenate([np.zeros(PAD, dtype=np.int64), codes, np.zeros(PAD, dtype=np.int64)])
    classes = _CLASS[np.minimum(padded, 0xFFFF)].astype(np.int64)
    classes[:PAD] = 15
    classes[-PAD:] = 15
    at = np.arange(1, n) + PAD  # the padded index of the character after each place
    cols: list[np.ndarray] = []
    for k, offsets in enumerate(_CHAR_TEMPLATES):
        cols.append(_hash_columns(k + 1, [padded[at + o] for o in offsets]))
    for k, offsets in enumerate(_CLASS_TEMPLATES):
        cols.append(_hash_columns(101 + k, [classes[at + o] for o in offsets]))
    # how far the last sentence end (or break) is before the place, and the next one after it
    ends = (classes[PAD:-PAD] == _END) | (classes[PAD:-PAD] == _BREAK)
    index = np.arange(n)
    last = np.maximum.accumulate(np.where(ends, index, -1))[:-1]  # the last end at or before text[g-1]
    since = np.where(last >= 0, np.arange(n - 1) - last, np.arange(1, n) + 200)
    nxt = np.minimum.accumulate(np.where(ends, index, n + 200)[::-1])[::-1][1:]  # the next end at or after text[g]
    until = nxt - np.arange(1, n)
    since_b = np.searchsorted(_DISTANCE_EDGES, since, side="right")
    until_b = np.searchsorted(_DISTANCE_EDGES, until, side="right")
    start_b = np.searchsorted(_START_EDGES, np.arange(1, n), side="right")
    left_cls, right_cls = classes[at - 1], classes[at]
    cols.append(_hash_columns(201, [since_b, right_cls]))
    cols.append(_hash_columns(202, [since_b, left_cls]))
    cols.append(_hash_columns(203, [until_b, right_cls]))
    cols.append(_hash_columns(204, [since_b, until_b]))
    cols.append(_hash_columns(205, [start_b, right_cls, left_cls]))
    cols.append(_hash_columns(206, [until_b, padded[at - 1]]))
    cols.append(_hash_columns(207, [since_b, padded[at]]))
    cols.extend(_heading_columns(text, codes, padded, classes, at, start_b))
    matrix = np.stack(cols, axis=1)
    markers = np.zeros((n - 1, 3), dtype=np.int64)  # index 0: the bias (always on, counted once more)
    for kind, rx in _MARKERS:
        previous = 0
        for m in rx.finditer(text):
            value = _cn_number(m["n"])
            g = m.start()
            order = "next" if value == previous + 1 else "first" if value == 1 else "other"
            previous = value
            if g == 0:
                continue
            left = int(_CLASS[min(ord(text[g - 1]), 0xFFFF)])
            markers[g - 1] = _named([f"m:{kind}:{order}", f"m:{kind}:{order}:{left}", f"m:{order}:{left}"])
    return np.concatenate([matrix, markers], axis=1)


def variant() -> str:
    """Which breaks a one-line copy gets: “both” (the rules' and the model's, the default), or for the benchmarks'
    comparisons “rules” or “model” alone (`BIANZHI_BREAKS`; `BIANZHI_BREAKS_THRESHOLD` and `BIANZHI_BREAKS_WEIGHTS`
    try another threshold or a fold's weights)."""
    return os.environ.get("BIANZHI_BREAKS", "both")


@lru_cache(maxsize=1)
def model() -> tuple[np.ndarray, float, float]:
    """The weights, the bias and the threshold (read once)."""
    raw = Path(os.environ.get("BIANZHI_BREAKS_WEIGHTS") or WEIGHTS).read_bytes()
    if raw[:8] != _MAGIC:
        raise ValueError(f"{WEIGHTS}: not a break model")
    bias, threshold = struct.unpack("<ff", raw[8:16])
    weights = np.frombuffer(raw, dtype="<f2", offset=16).astype(np.float32)
    if weights.size != SIZE:
        raise ValueError(f"{WEIGHTS}: {weights.size} weights, expected {SIZE}")
    weights[0] = 0.0  # the markers' padding column
    return weights, bias, threshold


def save(path: Path, weights: np.ndarray, bias: float, threshold: float) -> None:
    path.write_bytes(_MAGIC + struct.pack("<ff", bias, threshold) + weights.astype("<f2").tobytes())


def scores(text: str) -> np.ndarray:
    """The log-odds that a line ended before text[g], for g = 1…n−1."""
    weights, bias, _ = model()
    if len(text) < 2:
        return np.zeros(0, dtype=np.float32)
    return weights[features(text)].sum(axis=1) + bias


def predicted_breaks(text: str, threshold: float | None = None) -> set[int]:
    """The positions g (0 < g < len(text)) before which a line ended, by the model; none next to a break already
    there."""
    if len(text) < 2:
        return set()
    if threshold is None:
        threshold = float(os.environ.get("BIANZHI_BREAKS_THRESHOLD") or model()[2])
    limit = threshold
    found = np.nonzero(scores(text) > limit)[0] + 1
    return {int(g) for g in found if text[g - 1] != "\n" and text[g] != "\n"}
