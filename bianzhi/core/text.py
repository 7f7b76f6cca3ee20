"""Text normalisation: NFKC before matching or indexing; the original is kept for display."""
import unicodedata

# The compatibility characters Chinese office texts are full of (full-width brackets, colon, semicolon, comma, the
# ideographic space), each with its NFKC form: a single ASCII character of combining class 0, so replacing it leaves
# the text's NFKD — hence its NFKC — unchanged. `unicodedata.normalize` rewrites a whole text as soon as one character
# needs it (2 µs for a 20-character name with full-width brackets, 0.15 µs without); `str.replace` of these few
# characters and the quick check (`is_normalized`) take 0.5 µs, and anything else still goes through `normalize`.
_COMMON_WIDE = tuple((wide, unicodedata.normalize("NFKC", wide)) for wide in "（）：；，　")
_is_normalized, _normalize = unicodedata.is_normalized, unicodedata.normalize


def _nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), faster for texts whose only compatibility characters are the common
    full-width punctuation: they are replaced one by one (same result, see _COMMON_WIDE), then the quick check
    decides whether anything is left for `normalize`."""
    if _is_normalized("NFKC", text):
        return text
    for wide, narrow in _COMMON_WIDE:
        if wide in text:
            text = text.replace(wide, narrow)
    return text if _is_normalized("NFKC", text) else _normalize("NFKC", text)


def nfkc(text: str | None) -> str:
    """NFKC-normalise and collapse runs of white space (full-width spaces included)."""
    if not text:
        return ""
    # str.split() splits on what re's \s matches (str.isspace) and drops the ends: the regex + strip, 2× faster
    return " ".join(_nfkc(str(text)).split())


def search_key(text: str | None) -> str:
    """The form used for substring search: NFKC, no white space at all, lower-case Latin letters."""
    if not text:
        return ""
    return "".join(_nfkc(str(text)).split()).lower()


def search_key_of_nfkc(text: str) -> str:
    """search_key() of a text that nfkc() already returned (NFKC is idempotent): skips normalising it again."""
    return "".join(text.split()).lower() if text else ""
