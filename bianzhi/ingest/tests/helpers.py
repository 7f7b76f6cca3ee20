"""What the clause tests share: the parse of a pasted text, as a clerk's paste reaches the parser."""
from bianzhi.ingest.extract import from_text
from bianzhi.ingest.parser import parse


def p(text: str) -> dict:
    """The parsed facts of `text` (text input: extract.from_text, then parser.parse)."""
    return parse(from_text(text).text).data


def bodies(d: dict) -> list[str]:
    """The names of the internal bodies read."""
    return [b["name"] for b in d["internal_bodies"]]
