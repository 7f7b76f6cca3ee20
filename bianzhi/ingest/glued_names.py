"""A unit's name read with the page's words glued in front of it, and the name as the text states it elsewhere.

A web copy that lost its line breaks runs the site's words into the document: “全部服务分类沙河市市场监督管理局机构设置和
职能”, “您的位置首页国内国家金融监督管理总局职能配置、…规定”, “我们东营市公共资源交易中心是…”, “教科文股环县图书馆2020年
预算公开”. A reader that takes the name from such a line takes the glued words with it. The text itself says where the
name starts: it names the unit again elsewhere, on its own — after a line break, a space or a punctuation mark —
and a name starts as names do (a place: “…省/市/县/区/州/旗/盟/镇/乡”, or 中国/中共/国家/国务院/全国…).

`glued_prefix(value, text)` gives the length of the words glued in front of `value` (0 when none): the shortest
prefix whose cut leaves a name that starts as a name starts and that the text states on its own somewhere else
(after a non-CJK character, or after an article's number: “第二条X是…”). A prefix that is itself a place
(“湖南省怀化市”) or ends a place's name (“广西壮族”) is never cut: “怀化市X” stated alone elsewhere is the same unit
named shorter, not a page's words.
"""
from __future__ import annotations

import re

from .clauses import CJK

# how a name starts: a national organ's prefix, or a place (up to seven characters before its suffix); never a bare
# level or a zone word (“市城市管理执法督察大队” of 大冶市…, “自治区人民政府” of 内蒙古…: a name cut inside)
_NAME_START_RE = re.compile(r"(?![省市县区州旗盟镇乡]|自治|地区|开发区|高新区|新区|园区|工业区|保税区|社区|景区|城区|辖区|市区|县区|县市|市县)(?:中国|中共|中华|国家|国务院|全国|最高|[" + CJK + r"]{1,7}?(?:省|自治区|市|自治州|州|地区|盟|县|自治县|区|旗|镇|乡))"
                            r"(?=[" + CJK + r"])")
# a prefix that is a place, or a place's name cut inside (“广西壮族”, “内蒙古”): never the page's words
_PLACE_PREFIX_RE = re.compile(r"(?:省|自治区|市|州|地区|盟|县|区|旗|镇|乡|族|自治|街道)$|^(?:中国|中共|中华)")
_MIN_NAME = 5
_CJK_RE = re.compile("[" + CJK + "]")
# an article's or a heading's number just before (“第二条国家…”, “一、青岭市…”: the extraction drops the space after it)
_ARTICLE_END_RE = re.compile(r"(?:第[一二三四五六七八九十百零〇\d]{1,4}条|^[一二三四五六七八九十]{1,3}、)$", re.M)


def _stated_alone(name: str, text: str, glued: str) -> bool:
    """Whether `text` states `name` with no CJK character before it, other than where `glued` is before it."""
    start = 0
    while (at := text.find(name, start)) != -1:
        start = at + 1
        if text[max(0, at - len(glued)):at] == glued or (
                at and _CJK_RE.match(text[at - 1]) and not _ARTICLE_END_RE.search(text, max(0, at - 8), at)):
            continue
        return True
    return False


def glued_prefix(value: str, text: str) -> int:
    """The length of the words glued before the name in `value` (0 when none; see the module's doc)."""
    if not value or len(value) < _MIN_NAME + 2:
        return 0
    for k in range(2, len(value) - _MIN_NAME + 1):
        prefix, rest = value[:k], value[k:]
        if _PLACE_PREFIX_RE.search(prefix):
            continue
        if _NAME_START_RE.match(rest) and _stated_alone(rest, text, prefix):
            return k
    return 0


def starts_as_name(name: str) -> bool:
    """Whether `name` starts as a unit's name starts (a place, 中国/国家/…) and goes on after it."""
    return _NAME_START_RE.match(name) is not None
