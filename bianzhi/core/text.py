"""Text normalisation: NFKC before matching or indexing; the original is kept for display."""
import unicodedata


def nfkc(text: str | None) -> str:
    """NFKC-normalise and collapse runs of white space (full-width spaces included)."""
    if not text:
        return ""
    # str.split() splits on what re's \s matches (str.isspace) and drops the ends: the regex + strip, 2× faster
    return " ".join(unicodedata.normalize("NFKC", str(text)).split())


def search_key(text: str | None) -> str:
    """The form used for substring search: NFKC, no white space at all, lower-case Latin letters."""
    if not text:
        return ""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


def search_key_of_nfkc(text: str) -> str:
    """search_key() of a text that nfkc() already returned (NFKC is idempotent): skips normalising it again."""
    return "".join(text.split()).lower() if text else ""
