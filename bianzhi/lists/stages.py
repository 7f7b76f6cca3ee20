"""The procedural stages of a per-power responsibility (责任清单按权力事项): “1.立案责任：…” text ⇄ rows."""
import re

from bianzhi.core.text import nfkc

_STAGE_RE = re.compile(r"(?:^|\n)\s*(\d+)\s*[.、．]\s*([^\n:：.。]{1,15}?)责任\s*[:：]?", re.M)


def parse_stages(text: str) -> list[tuple[str, str]]:
    """“一般程序:\\n1.立案责任:\\n…\\n2.调查取证责任:…” → [("", "一般程序:"), ("立案", "…"), …]."""
    text = (text or "").replace("\r\n", "\n").strip()
    matches = list(_STAGE_RE.finditer(text))
    if not matches:
        return []
    stages = []
    preamble = text[: matches[0].start()].strip()
    if preamble:
        stages.append(("", preamble))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        stages.append((nfkc(m.group(2)), text[m.end():end].strip()))
    return stages


def format_stages(stages) -> str:
    """[(stage, content)] → the text parse_stages reads back."""
    parts, n = [], 0
    for stage, content in stages:
        if not stage:
            parts.append(content)
            continue
        n += 1
        parts.append(f"{n}.{stage}责任：\n{content}".rstrip())
    return "\n".join(parts)
