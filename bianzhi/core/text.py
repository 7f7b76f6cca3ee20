"""Text normalisation: NFKC before matching or indexing; the original is kept for display."""
import re
import unicodedata

_SPACE_RE = re.compile(r"\s+")


def nfkc(text: str | None) -> str:
    """NFKC-normalise and collapse runs of white space (full-width spaces included)."""
    if not text:
        return ""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", str(text))).strip()


def search_key(text: str | None) -> str:
    """The form used for substring search: NFKC, no white space at all, lower-case Latin letters."""
    return _SPACE_RE.sub("", nfkc(text)).lower()


def search_key_of_nfkc(text: str) -> str:
    """search_key() of a text that nfkc() already returned (NFKC is idempotent): skips normalising it again."""
    return _SPACE_RE.sub("", text).lower() if text else ""
