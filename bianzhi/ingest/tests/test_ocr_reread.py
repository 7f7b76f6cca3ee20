"""The selective second read of doubtful OCR lines (ocr_reread): which lines are re-read, which second
reading is taken, and the fallback without the HanS model. No corpus, no HanS model needed."""
import subprocess

from PIL import Image

from bianzhi.ingest import extract, ocr_prep, ocr_reread
from bianzhi.ingest.ocr_reread import ReadLine


def no_slips(text):
    return 0


def slips_in(text):
    return text.count("日党")  # a stand-in for the vocabulary check: 日党 is a slip for 日常


def test_a_line_is_doubtful_for_a_vocabulary_slip_or_a_low_confidence_word():
    assert ocr_reread.doubtful(ReadLine("承担机关日党工作。", 91), slips_in)
    assert ocr_reread.doubtful(ReadLine("承查实施最严格水资源管理制度", 46), slips_in)
    assert not ocr_reread.doubtful(ReadLine("承担机关日常工作。", 91), slips_in)
    assert not ocr_reread.doubtful(ReadLine("承担机关日常工作。", -1), slips_in)  # no confidence known


def test_the_second_reading_is_taken_only_when_it_scores_better():
    first = ReadLine("承担机关日党工作。", 80)
    assert ocr_reread.better(first, ReadLine("承担机关日常工作。", 70), slips_in)      # fewer slips wins
    assert not ocr_reread.better(ReadLine("承担机关日常工作。", 70), ReadLine("承担机关日党工作。", 95), slips_in)
    low = ReadLine("承查实施最严格水资源管理制度", 46)
    assert ocr_reread.better(low, ReadLine("承担实施最严格水资源管理制度", 73), no_slips)
    assert not ocr_reread.better(low, ReadLine("承担实施最严格水资源管理制度", 49), no_slips)  # gain too small
    assert not ocr_reread.better(low, ReadLine(low.text, 99), no_slips)                      # nothing to change


def test_a_second_reading_with_an_extra_or_missing_character_is_refused():
    plaque = ReadLine("加挂市国有林场管理站牌子", 40)
    assert not ocr_reread.better(plaque, ReadLine("加挂市国有有林场管理站牌子", 95), no_slips)
    assert not ocr_reread.better(plaque, ReadLine("加挂市国林场管理站牌子", 95), no_slips)
    assert not ocr_reread.better(plaque, ReadLine("", 95), no_slips)
    # spaces tesseract puts between characters do not count
    assert ocr_reread.better(ReadLine("(九 )职能转变", 30), ReadLine("( 九 ) 职能转变", 90), no_slips)


def _tsv(rows):
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    return "\n".join([head] + ["\t".join(str(v) for v in (5, 1, 1, 1, n, 1, left, top, w, h, conf, text))
                               for n, (left, top, w, h, conf, text) in enumerate(rows, 1)]) + "\n"


def test_only_doubtful_lines_are_re_read_and_put_back_in_their_place(tmp_path, monkeypatch):
    page = tmp_path / "page.png"
    Image.new("L", (600, 200), 255).save(page)
    lines = [ReadLine("第一条 为了规范职能配置", 92, (10, 10, 400, 40)),
             ReadLine("承查实施最严格水资源管理制度", 30, (10, 60, 500, 90)),
             ReadLine("(幻) 承办交办的其他事项", 0, (10, 110, 400, 140))]
    seen = {}

    def fake_tesseract(cmd, **kwargs):
        seen["cmd"] = cmd
        with Image.open(cmd[1]) as sheet:  # read before the temporary directory goes
            seen["size"] = sheet.size
        # the sheet holds the two doubtful crops (42 px high each) at y 24 and 90
        out = _tsv([(30, 30, 480, 30, 88, "承担实施最严格水资源管理制度"),
                    (30, 96, 380, 30, 93, "(七) 承办交办的其他事项")])
        return subprocess.CompletedProcess(cmd, 0, out.encode(), b"")

    monkeypatch.setattr(ocr_reread.subprocess, "run", fake_tesseract)
    monkeypatch.setattr(ocr_reread, "slips", no_slips)
    replaced = ocr_reread.reread(str(page), lines, extract.clean_ocr_line, {})
    assert replaced == 2
    assert [ln.text for ln in lines] == ["第一条 为了规范职能配置", "承担实施最严格水资源管理制度", "(七) 承办交办的其他事项"]
    assert seen["cmd"][seen["cmd"].index("-l") + 1] == ocr_reread.REREAD_LANGUAGES
    assert seen["size"][1] == 2 * 42 + 3 * ocr_reread.GAP  # only the two doubtful lines were cut out


def test_without_doubtful_lines_tesseract_is_not_run_again(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr_reread.subprocess, "run", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    lines = [ReadLine("承担机关日常工作。", 95, (0, 0, 100, 30))]
    assert ocr_reread.reread(str(tmp_path / "missing.png"), lines, extract.clean_ocr_line, {}) == 0


def test_without_the_hans_model_the_user_is_told_and_nothing_breaks(monkeypatch):
    monkeypatch.setattr(extract, "_ocr_image", lambda path: [extract.Line(100, 1500, "承担机关日常工作。", 35)])
    monkeypatch.setattr(extract, "_check_tesseract", lambda: None)
    scan = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    monkeypatch.setattr(ocr_prep, "installed_languages", lambda: frozenset({"chi_sim", "eng"}))
    ex = extract.extract_bytes(scan, "scan.png")
    assert "承担机关日常工作" in ex.text
    assert any("tesseract-ocr-script-hans" in w and "二次识别" in w for w in ex.warnings)
    monkeypatch.setattr(ocr_prep, "installed_languages", lambda: frozenset({"chi_sim", "HanS"}))
    assert not any("tesseract-ocr-script-hans" in w for w in extract.extract_bytes(scan, "scan.png").warnings)


def test_without_the_hans_model_a_page_is_read_by_chi_sim_alone(tmp_path, monkeypatch):
    import shutil

    import pytest
    from PIL import ImageDraw

    if not shutil.which("tesseract"):
        pytest.skip("tesseract is not installed")
    img = Image.new("L", (800, 80), 255)
    ImageDraw.Draw(img).text((20, 20), "abc", fill=0)
    path = tmp_path / "page.png"
    img.save(path)
    monkeypatch.setattr(ocr_prep, "installed_languages", lambda: frozenset({"chi_sim"}))
    monkeypatch.setattr(ocr_reread, "reread", lambda *a, **k: (_ for _ in ()).throw(AssertionError("re-read")))
    extract._ocr_image(str(path))  # no second read attempted, no error
