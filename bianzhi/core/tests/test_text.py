"""core.text: the fast NFKC path gives exactly unicodedata's NFKC."""
import random
import sys
import unicodedata

from bianzhi.core.text import _COMMON_WIDE, _nfkc, nfkc, search_key


def reference(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def test_every_code_point_alone_and_next_to_the_replaced_characters():
    wides = "".join(w for w, _ in _COMMON_WIDE)
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        assert _nfkc(ch) == reference(ch), hex(cp)
        if cp % 7 == 0 or unicodedata.combining(ch):  # every combining mark; a sample of the rest (time)
            for text in (f"（{ch}）", f"{ch}（", f"）{ch}", f"第{ch}，{ch}：{ch}；　{ch}", wides + ch):
                assert _nfkc(text) == reference(text), (hex(cp), text)


def test_random_texts_of_cjk_full_width_and_combining_characters():
    pool = ("测试权力事项（）：；，　、。ａＡ１２ｆｕｌｌ①⑵㍿ﬁ\u0301\u0308\u0323\u3099\u309aかがハﾊﾞｶﾞ"
            "éeÅ\u212b\u1e0b\u0323 \t\n")
    rng = random.Random(14)
    for _ in range(20000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        assert _nfkc(text) == reference(text), ascii(text)
        assert nfkc(text) == " ".join(reference(text).split())
        assert search_key(text) == "".join(reference(text).split()).lower()


def test_common_names():
    assert nfkc(" 测试权力事项第1号（审批和监管）　") == "测试权力事项第1号(审批和监管)"
    assert search_key("Ａ类：许可， 审批") == "a类:许可,审批"
    assert nfkc("") == "" and nfkc(None) == "" and search_key(None) == ""
