"""Build the CJK font subset shipped in bianzhi/static/fonts/ (used by WeasyPrint PDFs, no system font needed).

Source: Noto Sans CJK SC Regular (one face: headings are set larger, not bolder, to keep the repository small) (SIL Open Font License 1.1), e.g. from Debian's fonts-noto-cjk
(`apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb x`).
Characters: ASCII, Latin-1, general/CJK punctuation, full-width forms, every GB 2312 character (6763 汉字 +
symbols), GB 18030 extras used in place names of the demo data, and every CJK character that appears in the
project's own source, templates and fixtures.

    python scripts/build_cjk_font.py x/usr/share/fonts/opentype/noto
"""
import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bianzhi" / "static" / "fonts"
FACES = {  # output file: (collection file, PostScript name of the SC face)
    "BianzhiSans-Regular.otf": ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular"),
}


def gb2312() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def project_chars() -> set[str]:
    chars = set()
    for path in (ROOT / "bianzhi").rglob("*"):
        if path.suffix in {".py", ".html", ".txt", ".json", ".csv", ".md", ".yaml"} and path.is_file():
            chars.update(re.findall(r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]", path.read_text("utf-8", "ignore")))
    return chars


def unicodes() -> list[int]:
    chars = gb2312() | project_chars()
    codes = {ord(c) for c in chars}
    codes |= set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | set(range(0x2000, 0x2070))
    codes |= set(range(0x3000, 0x3040)) | set(range(0xFF00, 0xFFF0)) | {0x2103, 0x2116, 0x2160, 0x2161, 0x2162}
    return sorted(codes)


def main(source_dir: str) -> None:
    codes = unicodes()
    OUT.mkdir(parents=True, exist_ok=True)
    for out_name, (collection, ps_name) in FACES.items():
        ttc = TTCollection(str(Path(source_dir) / collection))
        font = next(f for f in ttc.fonts if f["name"].getDebugName(6) == ps_name)
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.hinting = False
        options.desubroutinize = False
        sub = subset.Subsetter(options)
        sub.populate(unicodes=codes)
        sub.subset(font)
        family = "Bianzhi Sans"
        style = "Bold" if "Bold" in out_name else "Regular"
        # Reserved Font Name rule of the OFL: a modified version gets its own family name.
        for record in font["name"].names:
            if record.nameID in (1, 16):
                record.string = family
            elif record.nameID == 4:
                record.string = f"{family} {style}"
            elif record.nameID == 6:
                record.string = f"BianzhiSans-{style}"
            elif record.nameID == 3:
                record.string = f"bianzhi subset of {ps_name}"
        font.save(str(OUT / out_name))
        print(out_name, (OUT / out_name).stat().st_size, "bytes,", len(codes), "code points")


if __name__ == "__main__":
    main(sys.argv[1])
