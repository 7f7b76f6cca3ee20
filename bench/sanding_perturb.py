"""How much the 三定 parser's score depends on the shape a copy took, not on its words (issue 12).

    .venv/bin/python -m bench.sanding_perturb [--split all|…] [--variant NAME] [-v]

Real documents reach the platform in shapes the labelled texts may not show: a web page's copy run into one line,
a PDF export wrapped mid-sentence every ~30 characters, half-width punctuation, indentation with no-break spaces,
Windows line ends, a blank line after every line. Each text of `bench/sanding_real/` (but the `heldout_final*`
splits, measured once as collected by `bench.sanding_real`) is rewritten into each shape
(`VARIANTS`, the words untouched) and scored against its unchanged hand label with the same comparison as
`bench.sanding_real`; the printed table gives P / R per shape and the ratio to the text as collected, in one run.
A shape that loses values shows rules that read the layout instead of the clause.

The file shapes go through `extract.extract_bytes` as an upload would: a .docx with Word's automatic numbering, and
the text typeset as an office sends it (`bench/gongwen.py`: a 公文 PDF exported from Word, with or without real tables,
and the same layout as a .docx); renders are cached under CACHE. The CPU per PDF page is printed under the table.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import sys
import time
import unicodedata
from collections import defaultdict

from bench import gongwen
from bench.sanding_real import CORPUS, _pr, _sum, compare, document_text, one_line_bare, predicted
from bianzhi.ingest.extract import extract_bytes, from_text
from bianzhi.ingest.parser import parse


def _wrap(text: str, width: int = 30, jitter: bool = False) -> str:
    """Hard-wrap every paragraph at `width` characters; with `jitter`, each line 2 shorter to 1 longer (a
    justified PDF line holds a character or two more or fewer), from a fixed seed."""
    rnd, out = random.Random(7), []
    for line in text.splitlines():
        line, i = line.strip(), 0
        if not line:
            out.append("")
        while i < len(line):
            n = width + (rnd.randint(-2, 1) if jitter else 0)
            out.append(line[i:i + n])
            i += n
    return "\n".join(out)


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CN = "一二三四五六七八九"
# the item numbers a typist lets Word number: kind → (pattern at a line's start, number format, label text, suffix)
_WORD_LISTS = {
    "article": (r"第(?P<n>[一二三四五六七八九十百]{1,4})条[ \t\u3000]*", "chineseCounting", "第%1条", "space"),
    "section": (r"(?P<n>[一二三四五六七八九十]{1,3})、", "chineseCounting", "%1、", "nothing"),
    "item": (r"[（(](?P<n>[一二三四五六七八九十]{1,3})[)）]", "chineseCounting", "（%1）", "nothing"),
    "arabic": (r"(?P<n>\d{1,2})[.．][ \t]*(?!\d)", "decimal", "%1.", "nothing"),
    "arabic_dun": (r"(?P<n>\d{1,2})、", "decimal", "%1、", "nothing"),
}


def _cn_value(n: str) -> int:
    if n.isdigit():
        return int(n)
    if "百" in n:
        return 0
    if "十" not in n:
        return _CN.index(n) + 1 if n in _CN else 0
    tens, _, units = n.partition("十")
    return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(units) + 1 if units else 0)


def word_numbering(text: str) -> bytes:
    """The text as a .docx whose item numbers (“第一条”, “一、”, “（一）”, “1.”) are Word's automatic numbering, as a
    typist's 三定 often has them: each marker leaves the paragraph's text for a list definition in numbering.xml;
    a run that starts again at 1 (or jumps) is a new list instance, so Word shows the numbers the text had."""
    import io

    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    for k, (_rx, fmt, label, suff) in enumerate(_WORD_LISTS.values()):
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {_W} w:abstractNumId="{900 + k}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="{fmt}"/><w:suff w:val="{suff}"/><w:lvlText w:val="{label}"/></w:lvl></w:abstractNum>'))
    compiled = {kind: re.compile(r"^[ \t\u3000]*" + spec[0]) for kind, spec in _WORD_LISTS.items()}
    current: dict[str, tuple[int, int]] = {}  # kind → (numId, last value)
    next_id = 900
    for line in text.splitlines():
        p = document.add_paragraph()
        for k, (kind, rx) in enumerate(compiled.items()):
            m = rx.match(line)
            value = _cn_value(m["n"]) if m else 0
            if not m or value == 0 or len(line) == m.end():
                continue
            num_id, last = current.get(kind, (None, 0))
            if num_id is None or value != last + 1:  # a new list instance, started at the text's number
                next_id += 1
                num_id = next_id
                numbering.append(parse_xml(
                    f'<w:num {_W} w:numId="{num_id}"><w:abstractNumId w:val="{900 + k}"/>'
                    f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{value}"/></w:lvlOverride></w:num>'))
            current[kind] = (num_id, value)
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {_W}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
            line = line[m.end():]
            break
        p.add_run(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# rendering a document takes ~0.5 s (WeasyPrint) against ~0.05 s to read it back: rendered files are kept under
# CACHE, keyed by the bytes that determine them (the HTML, or the text and the renderer's source), so that a rerun
# after an extraction change reads the same files without typesetting them again
CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "bianzhi", "gongwen")
_RENDERER = hashlib.sha256(open(gongwen.__file__, "rb").read()).hexdigest()[:12]


def _cached(key: str, make) -> bytes:
    path = os.path.join(CACHE, hashlib.sha256(key.encode("utf-8")).hexdigest() + ".bin")
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        pass
    data = make()
    os.makedirs(CACHE, exist_ok=True)
    with open(path + ".tmp", "wb") as handle:
        handle.write(data)
    os.replace(path + ".tmp", path)
    return data


def pdf_document(text: str, tables: bool = False) -> bytes:
    """The text as a text PDF exported from Word in the 公文 layout (bench/gongwen.py; WeasyPrint, A4)."""
    page = gongwen.document_html(text, tables)
    return _cached("pdf:" + page, lambda: gongwen.pdf_document(text, tables))


def docx_document(text: str, tables: bool = False) -> bytes:
    """The text as a .docx typed in the 公文 layout (bench/gongwen.py; python-docx, header and page-number footer)."""
    return _cached(f"docx:{_RENDERER}:{tables}:" + text, lambda: gongwen.docx_document(text, tables))


VARIANTS = {
    "original": lambda t: t,
    "one_line": one_line_bare,
    "one_line_spaced": lambda t: " ".join(line.strip() for line in t.splitlines() if line.strip()),
    "pdf_wrap_30": _wrap,
    "pdf_wrap_22": lambda t: _wrap(t, 22),
    "pdf_wrap_36_jitter": lambda t: _wrap(t, 36, jitter=True),
    # Word's automatic numbering lost in the copy: “（一）负责…” → “负责…”, “1.办公室” → “办公室” (articles and
    # chapter headings are typed text and stay)
    "numbers_lost": lambda t: re.sub(r"(?m)^([ \t\u3000]*)(?:[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、．])[ \t\u3000]*", r"\1", t),
    "half_width": lambda t: unicodedata.normalize("NFKC", t),
    "nbsp_indent_crlf": lambda t: "\r\n".join("\u00a0\u00a0\u00a0\u00a0" + line.strip() if line.strip() else ""
                                               for line in t.splitlines()),
    "blank_lines": lambda t: "\n\n".join(t.splitlines()),
    # a Word file whose item numbers are automatic numbering (read through the .docx extraction)
    "word_numbering": word_numbering,
    # the files clerks upload: a 红头文件 exported from Word to PDF (read through pdfplumber and join_lines), the same
    # with the “|” lines of a copied table as a real table, and the .docx typed in that layout
    "pdf_document": pdf_document,
    "pdf_document_tables": lambda t: pdf_document(t, tables=True),
    "docx_document": docx_document,
    "docx_document_tables": lambda t: docx_document(t, tables=True),
}


def run(split: str = "all", variants=None, verbose: bool = False) -> dict:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    # the final splits are measured once, as collected, by bench.sanding_real; they are not reshaped here
    rows = [e for e in manifest if e["split"] == split or split == "all" and not e["split"].startswith("heldout_final")]
    names = variants or list(VARIANTS)
    results, slowest = {}, 0.0
    pdf_cpu, pdf_pages = 0.0, 0
    lost = defaultdict(list)
    for name in names:
        counts = defaultdict(lambda: {"tp": 0, "pred": 0, "gold": 0})
        for entry in rows:
            text = VARIANTS[name](document_text((CORPUS / entry["file"]).read_text(encoding="utf-8")))
            label = json.loads((CORPUS / entry["label"]).read_text(encoding="utf-8"))
            started = time.process_time()
            if isinstance(text, bytes):
                extracted = extract_bytes(text, "copy.pdf" if text[:5] == b"%PDF-" else "copy.docx")
            else:
                extracted = from_text(text)
            got = predicted(parse(extracted.text).data)
            spent = time.process_time() - started
            if extracted.method == "pdf-text":
                pdf_cpu += spent
                pdf_pages += extracted.pages
            elif not isinstance(text, bytes):
                slowest = max(slowest, spent)
            errors: list[str] = []
            compare(label, got, counts, errors)
            if errors and verbose:
                lost[name].append((entry["file"], errors))
        results[name] = _sum(counts)
    base_p, base_r = _pr(results.get("original") or results[names[0]])
    print(f"三定解析对文本形态的稳健性 — 拆分：{split}（{len(rows)} 份；标注不变，仅改变排版）")
    print(f"{'形态':<20}{'精确率':>8}{'召回率':>8}{'命中':>7}{'识别':>7}{'标注':>7}{'召回比原文':>10}")
    for name in names:
        t = results[name]
        p, r = _pr(t)
        print(f"{name:<20}{p:>8.3f}{r:>8.3f}{t['tp']:>7}{t['pred']:>7}{t['gold']:>7}{r / base_r if base_r else 0:>10.3f}")
    print(f"\n最慢一份（文本输入）{slowest * 1000:.1f} ms CPU；系统负载 {os.getloadavg()[0]:.1f}")
    if pdf_pages:
        print(f"PDF 读取与解析：每页 {pdf_cpu / pdf_pages * 1000:.1f} ms CPU（{pdf_pages} 页）")
    if verbose:
        for name in names:
            if name == "original":
                continue
            for file, errors in lost[name]:
                print(f"[{name}] {file}")
                print("\n".join(e for e in errors if not re.match(r"\s*$", e)))
    return {n: _pr(t) for n, t in results.items()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="all")
    ap.add_argument("--variant", action="append", choices=list(VARIANTS))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    run(args.split, args.variant, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
