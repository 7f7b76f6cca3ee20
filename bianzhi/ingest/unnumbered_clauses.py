"""Lists whose numbers were lost (issue 12).

A 三定 copied out of Word loses its automatic numbering: “（一）负责…” arrives as “负责…”, “（一）办公室。负责…” as
“办公室。负责…”. The clause readers find lists by their numbers, so such a copy gave no duties and no bodies although
every line is there (found by probing, session 5). Here the lines under a line that announces the list (“主要职责是：”,
“X设下列内设机构：”) are read one a line: a duty is a sentence ending with 。 or ；; a body is a name with a body
suffix, alone or followed by “。” and its duties. The list ends at a blank line, at the next article or numbered
heading, or at a line of another kind. Only used when no numbered list was found.
"""
from __future__ import annotations

import re

from bianzhi.core.numerals import NUM, to_int

from .clauses import BODY_SUFFIX, CJK, CN_NUM, DUTY_VERB_RE, VERB_START, Found  # noqa: F401 (DUTY_VERB_RE: imported from here too)

DUTY_TRIGGER_RE = re.compile(r"(?m)^[^\n]*(?:主要职责是|主要职责如下|主要职责为|主要职责|主要职能是|主要职能|"
                             r"履行(?:以下|下列)(?:主要)?职责|(?:职责|职能)如下|承担(?:以下|下列)职责|业务范围如下)[ \t]*[:：][ \t]*$")
# the catch-all last duty of a list: “完成区委交办的其他任务。”, “承办上级交办的其他事项。”
CATCH_ALL_RE = re.compile(r"^(?:完成|承办|办理)[^。;；]{0,40}?交办的其他(?:任务|工作|事项)")
# a heading of its own: “一、部门职责”, “主要职责”, “（一）主要职能：”
_HEAD_NUMBER = r"(?:(?:" + CN_NUM + r"、|\(" + CN_NUM + r"\)|\d{1,2}[.、])[ \t]*)?"
DUTY_HEADING_RE = re.compile(r"(?m)^[ \t]*" + _HEAD_NUMBER + r"(?:[" + CJK + r"]{0,8}?|[" + CJK + r"()]{2,30}?(?:的|(?<=[局委办厅院会室所站队心处科股部])))(?:主要职责|主要职能|部门职责|单位职责|"
                             r"职能职责|工作职责|职责|职能)(?:和任务|及任务|任务)?[ \t]*[:：。]?[ \t]*$")
BODY_HEADING_RE = re.compile(r"(?m)^[ \t]*" + _HEAD_NUMBER + r"(?:内设机构|机构设置|内设科室|科室设置|处室设置)(?:情况)?[ \t]*[:：]?[ \t]*$")
BODY_TRIGGER_RE = re.compile(r"(?m)^[^\n]*(?:设下列(?:内设)?机构|设(?:以下|如下)?\s*" + NUM + r"\s*个(?:内设机构|职能[处科股司]室?|处室|科室|"
                             r"股室|部室)|内设机构(?:如下|为|有)?)[ \t]*[:：][ \t]*$")
# a sentence counting the bodies, then the names one a line: “…主管新区的司法行政工作,设13个内设机构。”, “开发区设13个内设机构”
# (the count must match the names read)
COUNTED_TRIGGER_RE = re.compile(r"(?m)^[^\n]*设\s*" + NUM + r"\s*个(?:内设机构|职能[处科股司]室?|处室|科室|股室|部室)[ \t]*[。]?[ \t]*$")
# the next article, a numbered heading or item (a list with numbers is the numbered readers'), an appendix
STOP_RE = re.compile(r"^(?:第" + CN_NUM + r"[条章]|" + CN_NUM + r"、|\(" + CN_NUM + r"\)|\(?\d|[①-⑳]|附件|附则)")
BODY_LINE_RE = re.compile(r"^(?P<name>(?!" + VERB_START + r")[" + CJK + r"“”]{2,24}?" + BODY_SUFFIX + r"(?:\([^()\n]{1,40}\))?)"
                          r"(?:\s*[。.:：]\s*(?P<rest>.*))?$")
MIN_ITEMS = 2



def _lines_after(text: str, pos: int, spaced: bool = False):
    """(start, line) of the lines after the one ending at `pos`, up to the first blank line after a filled one (with
    `spaced`, a page that puts a blank line after every paragraph: up to two blank lines in a row)."""
    start = text.find("\n", pos)
    if start == -1:
        return
    start += 1
    seen = blanks = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        raw = text[start:end]
        line = raw.strip()
        if not line:
            blanks += 1
            if seen and (not spaced or blanks >= 2):
                return
        else:
            seen, blanks = 1, 0
            yield start + raw.index(line), line
        start = end + 1


def _triggers(text: str, *patterns):
    return sorted((m for rx in patterns for m in rx.finditer(text)), key=lambda m: m.start())


def duties(text: str) -> list[Found]:
    for trigger, spaced in ((t, spaced) for t in _triggers(text, DUTY_TRIGGER_RE, DUTY_HEADING_RE) for spaced in (False, True)):
        out: list[Found] = []
        for start, line in _lines_after(text, trigger.end(), spaced):
            if line[-1] not in "。;；" and len(out) >= MIN_ITEMS and len(line) >= 10 and DUTY_VERB_RE.match(line) \
                    and not text[start + len(line):].strip():
                out.append(Found(line, start, start + len(line)))  # the page ends inside this duty (heldout21)
                break
            if STOP_RE.match(line) or len(line) < 6 or line[-1] not in "。;；" or BODY_LINE_RE.match(line) and \
                    len(BODY_LINE_RE.match(line)["name"]) == len(line.rstrip("。;；")):
                break
            out.append(Found(line, start, start + len(line)))
        if len(out) >= MIN_ITEMS and (sum(bool(DUTY_VERB_RE.match(f.value)) for f in out) * 3 >= len(out) * 2
                                      or CATCH_ALL_RE.match(out[-1].value)):
            return out
    return []


def bodies(text: str) -> list[tuple[Found, str]]:
    """[(name, its duties)] for the bodies listed one a line under the line that announces them."""
    for trigger, spaced in ((t, spaced) for t in _triggers(text, BODY_TRIGGER_RE, BODY_HEADING_RE, COUNTED_TRIGGER_RE)
                            for spaced in (False, True)):
        out: list[list] = []
        for start, line in _lines_after(text, trigger.end(), spaced):
            if STOP_RE.match(line):
                break
            m = BODY_LINE_RE.match(line)
            if m is None:
                if out and line[-1] in "。;；":  # the previous body's duties, continued on the next line
                    out[-1][1] = (out[-1][1] + "\n" + line).strip()
                    continue
                break
            out.append([Found(m["name"], start, start + len(m["name"])), (m["rest"] or "").strip()])
        counted = re.search(r"(" + NUM + r")\s*个", trigger.group(0))
        if counted and to_int(counted.group(1)) != len(out):
            continue  # “下设三个处室：” over two names: not the list it announces
        if len(out) >= MIN_ITEMS:
            return [(found, duty) for found, duty in out]
    return []
