"""Clause-level reading of 三定 texts: each fact is looked for where it is stated, whatever surrounds it.

A 三定 reaches the platform whole (notice + 规定), in part (a pasted “四、人员编制”), or as a few sentences quoted
on a web page. Section headings help when present (they tell a list of duties from a list of bodies) but are
never required: every reader here works on the text alone.

- `read_header`: the notice title (“关于印发《…》的通知”) or the 规定's own title, 文号 (own line or “文号：”),
  issuing organ and date (signature lines or page metadata), a 三定 quoted by title and 文号.
- `read_statement`: the nature/rank sentence (“X是Y，为正处级”, “X（简称Z）为Y，机构规格正科级”, “设立X，为Y”,
  “X正科级行政单位”, “X(原名Y)成立于…，是…的Z”), its plaques (加挂/保留/对外保留…牌子, also in the next sentence);
  a purpose clause before the class (“是负责…的市政府直属机构”) is not part of the nature; a generic subject
  (“保护区是…”) is the body named in full before it; a subjectless “单位性质确定为Z” belongs to the text's first subject.
- `item_runs`: numbered lists ((一)(二)… at a line start or inline after 。/space), split into runs and classified
  as duties or internal bodies by the words before them or, failing that, by what the items look like;
  unnumbered bodies after numbered ones; inline lists (“内设办公室、人事股…N个股室”, “…等6个科室、A、B2个平台”);
  a heading then one body per line (`heading_list_bodies`).
- `read_staffing`: staffing sentences anywhere (“机关行政编制为366名（含…）”, “行政编制12人”, “行政编13个”),
  mapped to the platform's staffing types with the wording kept in `raw`; posts with rank or notes in brackets;
  leadership counts (“司局级领导职数57名”, “内设机构领导职数3名”).

All functions take the NFKC text the parser works on and return values with (start, end) spans into it.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from bianzhi.core.docnumber import DocNumberError, parse_docnumber
from bianzhi.core.includes import parse_includes
from bianzhi.core.numerals import NUM, to_int

from . import name_forms

CN_NUM = r"[一二三四五六七八九十百零〇两]+"
RANK = r"(?:(?:正|副)?(?:国|部|省部|厅|司局|局|地厅|处|县处|科|乡科|股|(?:县|乡|地|省)\([处科厅部\x00]\))|(?:正|副)(?:县|地|乡))级"
RANK_RE = re.compile(RANK)
# ranks written with a post: 副部长级, 正处长级
POST_RANK = r"(?:正|副)?(?:部长|司长|厅长|局长|处长|县长|科长|主任)级"
UNIT_SUFFIX = (r"(?:委员会|海关|办公室|办公厅|管理局|总局|局|部|委|办|厅|院|中心|会|署|站|所|馆|队|社|处|室|科|股|政府|"
               r"党组|党委|工委|纪委|联合会|总会|电视台|广播电台|保护区|大学|学校|党校|中学|小学|幼儿园|联|协|林场|农场|园|团|宫)")
BODY_SUFFIX = (r"(?:气象台|党委|党组|纪委|工委|办公厅|办公室|值班室|督查室|办|厅|处|出|科|股|室|司|局|中心|部|组|队|站|所|"
               r"委员会|工会|馆|院)")
NATURE_NOUN = r"(?:部门|机构|国家局|单位|机关|派出机关|办事机构|组成部门|直属机构|工作机关|事业单位|行政单位)"
VERB_START = (r"(?:负责|承担|根据|按|设|加挂|挂|协助|办理|组织|拟订|拟定|指导|其他|本|主要|职责|为|是|参与|监督|"
              r"完成|贯彻|研究|制定|做好|依法|推进|统筹|会同|开展|法律|释义|来源|本内容|注|附)")
CJK = r"\u4e00-\u9fff"
# how a duty starts (the numbered and the unnumbered list readers share it): most lines of a real duty list open
# with one of these verbs (a description of the unit, a list of its centres, does not)
DUTY_VERB_RE = re.compile(r"^(?:" + VERB_START + r"|管理|审核|审批|受理|编制|实施|监测|提供|维护|宣传|保障|协调|配合|起草|督促|"
                          r"落实|执行|领导|规划|建立|健全|牵头|归口|综合|加强|抓好|拟|制订|对|按照|依照|指导|培育|促进|发展|"
                          r"引导|深化|完善|承办|主管|联系|搞好|做|掌握|了解|调查|检查|考核|审查|办|发挥|坚持|服务|保护|推动|"
                          r"开发|培训|教育|收集|汇总|分析|统计|发布|处理|调处|查处|防治|预防|救助|安置|优抚)")


@dataclass
class Found:
    value: object
    start: int
    end: int


_CLOSER = {")": "(", "〕": "〔", "】": "【"}


def lines_with_starts(text: str) -> tuple[list[str], list[int]]:
    """The text's lines and the offset where each starts."""
    lines = text.split("\n")
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    return lines, starts


def split_names(value: str, base: int, separators: str, item_re: re.Pattern | str) -> list[Found] | None:
    """The names of a list “A、B和C” (`separators`: a regex alternation such as "、|和"), each with its offsets from
    `base`; None when a name is not an `item_re`."""
    out, pos = [], base
    for piece in re.split("(" + separators + ")", value):
        if re.fullmatch(separators, piece):
            pos += len(piece)
            continue
        if not re.fullmatch(item_re, piece):
            return None
        out.append(Found(piece, pos, pos + len(piece)))
        pos += len(piece)
    return out


def _mask_parens(text: str) -> str:
    """Text inside brackets replaced by NULs (same length). A closer ends its own opener and any opener left open
    inside it (a page that lost a 〕: “(国发〔199325)”, heldout14); a bracket left open (an OCR slip: “〔2019]”,
    “((五)”, “国办发〔199430”) is closed at the end of its line, so that it cannot mask the rest of the document."""
    out, stack = [], []
    for ch in text:
        if ch == "\n":
            stack.clear()
            out.append(ch)
        elif ch in "(〔【":
            out.append(ch if not stack else "\x00")
            stack.append(ch)
        elif ch in _CLOSER and stack:
            if _CLOSER[ch] in stack:
                while stack.pop() != _CLOSER[ch]:
                    pass
            else:  # a mismatched pair (“〔2019)”) closes as before
                stack.pop()
            out.append(ch if not stack else "\x00")
        else:
            out.append("\x00" if stack else ch)
    return "".join(out)


# ------------------------------------------------------------------ dates
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# (a year in numerals may carry digit zeros typed in: “二00九年”, heldout21b)
DATE_RE = re.compile(r"(?P<y>\d{4}|[〇○零O0一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[lI]\d|[一二三四五六七八九十]{1,3})\s*月\s*"
                     r"(?P<d>\d{1,2}|[lI]\d|\d[lI]|[一二三四五六七八九十]{1,3})\s*日")
ISO_DATE_RE = re.compile(r"(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})")


def parse_date(match) -> str | None:
    y = match["y"]
    year = int(y) if y.isdigit() else int("".join(str(_CN_DIGIT.get(c, 0)) for c in y))
    # a letter l or I standing for the digit 1 (typed or OCR'd: “2007年8月l5日”)
    month, day = to_int(re.sub(r"[lI]", "1", match["m"])), to_int(re.sub(r"[lI]", "1", match["d"]))
    try:
        return datetime.date(year, month or 0, day or 0).isoformat()
    except (TypeError, ValueError):
        return None


# ------------------------------------------------------------------ header
DOCNUMBER = r"[\u4e00-\u9fffA-Za-z]{1,16}\s*[〔\[【(［]\s*\d{4}\s*[〕\]】)］]\s*第?\s*\d{1,6}\s*[号號]"
DOCNUMBER_LINE_RE = re.compile(r"^\s*(?:[【\[]?(?:发文字号|文\s*号|发文号)[】\]]?\s*[:：]?\s*)?[(\[【（]?(?P<dn>" + DOCNUMBER + r")[)\]】）]?"
                               r"\s*(?:签发人.*)?$")
# a rule or regulation adopted at a meeting: “(2005年3月25日,市委机构编制委员会六届五次全体会议通过)”
ADOPTED_RE = re.compile(r"^\(?\s*(?P<date>(?:\d{4}|[〇○零O一二三四五六七八九]{4})\s*年[^()]{1,12}?日)\s*[,，]?[^()]{0,60}?"
                        r"(?:会议|常委会|常务会)(?:审议|讨论)?通过\s*\)?$")
DOCNUMBER_META_RE = re.compile(r"(?:发文字号|文\s*号)\s*[:：】\]]\s*(?P<dn>" + DOCNUMBER + r")")
NOTICE_TITLE_RE = re.compile(r"^(?P<organ>[^。,:;]{0,60}?)(?:关于)?(?:印发|转发|下发)[《〈<]?(?P<inner>[^》〉>]{4,80}?)[》〉>]?的?通知$")
SANDING_TITLE_RE = re.compile(r"(?:职能配置|主要职责|内设机构和人员编制|机构编制(?:调整)?方案|机构设置和职能|机构职能编制|“三定”|三定规定|三定方案)")
TITLE_END_RE = re.compile(r"(?:规定|通知|批复|决定|方案|意见|函|报告|办法|规则|细则|决算|预算|公告|通告|条例)$")
# a cover letter's sentence that hands the issued text on (“现印发给你们，请…”, “现予印发”): a title below it is the
# issued text's, the cover letter's own title (if the copy kept it) is above it
COVER_SENTENCE_RE = re.compile(r"(?:印发给你们|现予以?印发|现印发|予以印发|转发给你们|现予转发)")
# the 红头's masthead: “湖南省人民政府办公厅文件”, “中共X县委机构编制委员会文件”
MASTHEAD_RE = re.compile(r"^(?P<organ>[^\d。,:;《》]{2,40}?)\s*文\s*件$")
# where a copy marks the seal on a signature: “(印章)”, “（公章）”, “[盖章]”
SEAL_RE = re.compile(r"[(\[【（]\s*(?:印章|公章|盖章|章|印)\s*[)\]】）]")
# a 文号 on a line of its own with its 号 left out (“湘政办发〔2009〕24”)
# (its 代字 ending as 代字 do — “…发”, “…字”, “…函”, “…办”, “…复”, “…编” — not a table's “在编人数(2019) 12”)
DOCNUMBER_BARE_LINE_RE = re.compile(r"^\s*[(\[【（]?(?P<dn>[\u4e00-\u9fffA-Za-z]{0,15}[发字函办复编]\s*[〔\[【(［]\s*\d{4}\s*[〕\]】)］]\s*第?\s*\d{1,6})[)\]】）]?\s*$")
# what a title line may carry around the title itself: “附件2：”, “（摘要）”, “（试行）”
TITLE_PREFIX_RE = re.compile(r"^附件\s*\d{0,2}\s*[:：]?\s*")
TITLE_SUFFIX_RE = re.compile(r"\((?:摘要|节选|试行|暂行|草案|修订|修订稿|征求意见稿)\)$")
# a title line carrying its 文号 in brackets (“X主要职责内设机构和人员编制规定（国办发〔2008〕72号）”), as web copies print it
TITLE_DOCNUMBER_RE = re.compile(r"\s*\((?P<dn>" + DOCNUMBER + r")\)$")
# two organs issuing jointly, run together when the space between them was dropped
JOINT_ORGAN_RE = re.compile(r"(?:办公厅|办公室|人民政府|委员会)(?=(?:中共)?[" + CJK + r"]{2,12}?(?:办公厅|办公室|人民政府|委员会)$)")
ORGAN_LINE_RE = re.compile(r"^(?:中共)?[" + CJK + r"()]{2,40}?(?:办公厅|办公室|人民政府|委员会|编委|政府|部|局|厅|委|署)$|^国务院$")
CITED_SANDING_RE = re.compile(r"(?:根据|依据|按照|(?:发布|公布|印发)了?)《(?P<title>[^《》]{4,80}?(?:职能配置|主要职责|内设机构和人员编制)[^《》]{0,30}?规定)》"
                              r"\s*[(（]?(?P<dn>" + DOCNUMBER + r")?")
META_DATE_RE = re.compile(r"(?:成文日期|发文日期|发布日期|印发日期)\s*[】\]:：]*\s*(?P<date>\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?)")
META_ORGAN_RE = re.compile(r"(?:发布部门|发文机关|发文机构|制发机关)\s*[】\]:：]+\s*(?P<organ>[" + CJK + r"、 ]{2,40})")


def wrapped_title(first: str, second: str) -> bool:
    """“国务院办公厅关于印发国家环境保护局⏎职能配置、内设机构和人员编制方案的通知” (heldout14), “湖南省人民政府办公厅关于加强
    普通高等学校⏎毕业生就业工作的通知”: an issuer's “X关于…” line without an end, then the line that ends the title; the
    second line alone is no notice about an adjustment."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff()、“”《》〈〉]{2,30}关于[\u4e00-\u9fff()、“”《》〈〉]{1,40}", first)) \
        and not first.startswith(("根据", "依据", "按照")) and not re.search(TITLE_END_RE.pattern[:-1] + r"[》〉]", first) \
        and "关于" not in second and len(second) <= 40 \
        and bool(re.search(r"的(?:通知|决定|批复|函|意见|公告|通告)$", second))


def unit_from_title(title: str) -> Found | None:
    """The unit a 三定 title or notice title is about: 《X职能配置…》, 关于印发X主要职责…, 关于调整X机构编制…"""
    inner = title
    m = re.search(r"(?:印发|转发)[《〈<]?", title)
    if m:
        inner_start = m.end()
    else:
        inner_start = title.find("《") + 1 if "《" in title else 0
    inner = title[inner_start:]
    m = re.match(r"(?P<u>[^《》〈〉]{2,40}?)(?:职能配置|主要职责|机构职能|机构设置和职能|内设机构和人员编制|机构编制方案|“三定”|三定)", inner)
    if m:
        return Found(m["u"], inner_start + m.start("u"), inner_start + m.end("u"))
    # a budget or final-accounts report: “2021年X部门决算”, “X2018年度整体支出绩效评价报告”
    m = re.match(r"^(?:\d{4}年度?)?(?P<u>[^《》\d()]{3,40}?" + UNIT_SUFFIX + r")\s*(?:\([^()]{2,40}\))?\s*(?:\d{4}年度?)?"
                 r"(?:部门|单位)?(?:决算|预算|整体支出|绩效)", title)
    if m:
        return Found(m["u"], m.start("u"), m.end("u"))
    # a body's own working rules: “太湖县人民政府工作规则”, “中共X市委机构编制委员会议事规则”
    m = re.fullmatch(r"(?P<u>[^《》,。]{2,40}?" + UNIT_SUFFIX + r")(?:工作规则|议事规则|工作细则|议事规程|工作制度)", inner)
    if m:
        return Found(m["u"], inner_start + m.start("u"), inner_start + m.end("u"))
    # “关于成立X的通知”; “关于同意依托Y成立X的批复”
    m = re.search(r"关于(?:同意)?(?:(?:依托|在|于)[^《》]{1,30}?)?(?:成立|设立|组建|建立)(?P<u>[^《》]{2,40}?" + UNIT_SUFFIX +
                  r")的(?:通知|决定|批复|请示|函)$", title)
    if m:
        return Found(m["u"], m.start("u"), m.end("u"))
    # (not an action on a kind of body: “关于完善学校内设机构中层职位的规定”, heldout29)
    m = re.search(r"关于(?:调整|同意|明确|核定|核增|核减|设立)?(?!完善|规范|加强|进一步|做好|推进|深化|健全|改进|优化|严格|落实)"
                  r"(?P<u>[^《》]{2,40}?" + UNIT_SUFFIX + r")"
                  r"(?:机构编制|主要职责|职责|内设机构|人员编制|编制|领导职数|机构规格|规格|加挂|挂牌|增挂|更名|有关)", title)
    if m:
        return Found(m["u"], m.start("u"), m.end("u"))
    return None


def second_name_from_title(title: str) -> Found | None:
    """The body's second name in a report title, “X (Y) 2021年度部门决算”: one body, two names (a plaque)."""
    m = re.match(r"^(?:\d{4}年度?)?[^《》\d()]{3,40}?" + UNIT_SUFFIX + r"\s*\((?P<y>[^()]{2,40}?" + UNIT_SUFFIX + r")\)\s*"
                 r"(?:\d{4}年度?)?(?:部门|单位)?(?:决算|预算|整体支出|绩效|年度报告)", title)
    return Found(m["y"], m.start("y"), m.end("y")) if m else None


@dataclass
class Header:
    title: Found | None = None
    doc_number: Found | None = None
    issuing_organ: Found | None = None
    issued_on: Found | None = None
    inner_title: Found | None = None   # the 规定 a notice issues
    is_notice_cover: bool = False


def _line_iter(text: str):
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        if stripped and not stripped.startswith("#"):
            yield pos + lead, pos + lead + len(stripped), stripped
        pos += len(raw) + 1


def joint_organ(organ: str) -> str:
    """“中共湖南省委办公厅湖南省人民政府办公厅” → “中共湖南省委办公厅 湖南省人民政府办公厅” (the corpus' form of a joint
    issuer, as two signature lines give it); a single organ unchanged."""
    m = JOINT_ORGAN_RE.search(organ)
    if m and ORGAN_LINE_RE.match(organ[:m.end()]) and ORGAN_LINE_RE.match(organ[m.end():]):
        return organ[:m.end()] + " " + organ[m.end():]
    return organ


def read_header(text: str) -> Header:
    h = Header()
    organ_above = None
    lines = list(_line_iter(text))
    head = lines[:40]
    # 1. the notice's own title: 关于印发《…》的通知
    title_dn = None
    for i, (s, e, ln) in enumerate(head):
        candidate, cs = ln, s
        tail = TITLE_DOCNUMBER_RE.search(candidate)
        if tail and NOTICE_TITLE_RE.match(candidate[:tail.start()]):
            candidate, e, title_dn = candidate[:tail.start()], s + tail.start(), (tail, s)
        if i + 1 < len(head) and not ln.endswith("通知") and re.search(r"(?:关于|印发)", ln) and head[i + 1][2].endswith("通知") \
                and len(ln) + len(head[i + 1][2]) <= 90:
            candidate, e = ln + head[i + 1][2], head[i + 1][1]
        m = NOTICE_TITLE_RE.match(candidate)
        if m and len(candidate) <= 90 and "。" not in candidate:
            h.title = Found(candidate, cs, e)
            h.is_notice_cover = True
            h.inner_title = Found(m["inner"], cs + m.start("inner"), cs + m.end("inner"))
            organ = m["organ"].strip()
            if organ and ORGAN_LINE_RE.match(organ):
                h.issuing_organ = Found(joint_organ(organ), cs, cs + len(organ))
            elif not organ and i > 0 and ORGAN_LINE_RE.match(head[i - 1][2].replace(" ", "")):
                # the 红头 layout: the issuing organ on its own line right above “关于印发…的通知” (used when
                # no signature names it)
                ps, pe, prev = head[i - 1]
                organ_above = Found(prev.replace(" ", ""), ps, pe)
                if i > 1 and ORGAN_LINE_RE.match(head[i - 2][2].replace(" ", "")):
                    ps2, _pe2, prev2 = head[i - 2]
                    organ_above = Found(prev2.replace(" ", "") + " " + organ_above.value, ps2, pe)
            break
    # 2. a 三定's own title (职能配置、内设机构和人员编制规定; 机构设置和职能), possibly over two lines
    if h.title is None:
        for i, (s, e, ln) in enumerate(head):
            if "。" in ln or len(ln) > 60 or re.match(r"^第" + CN_NUM + "条", ln):
                continue
            joined, je = ln, e
            tail = TITLE_DOCNUMBER_RE.search(ln)
            if tail and SANDING_TITLE_RE.search(ln[:tail.start()]):
                joined, je, ln = ln[:tail.start()], s + tail.start(), ln[:tail.start()]
            if i + 1 < len(head) and not SANDING_TITLE_RE.search(ln) and not SANDING_TITLE_RE.search(head[i + 1][2]) and \
                    SANDING_TITLE_RE.search(ln + head[i + 1][2]) and len(ln + head[i + 1][2]) <= 60 \
                    and "。" not in head[i + 1][2] and not re.match(r"^[(（]?" + CN_NUM, head[i + 1][2]):
                joined, je = ln + head[i + 1][2], head[i + 1][1]
            elif i + 1 < len(head) and SANDING_TITLE_RE.search(ln) and not ln.endswith(("规定", "职能", "方案")) \
                    and head[i + 1][2].endswith("规定") and len(ln + head[i + 1][2]) <= 60:
                joined, je = ln + head[i + 1][2], head[i + 1][1]
            pm = TITLE_PREFIX_RE.match(joined)
            core = TITLE_SUFFIX_RE.sub("", joined[pm.end():] if pm else joined)
            if SANDING_TITLE_RE.search(core) and (core.endswith(("规定", "方案", "职能")) or core.endswith("编制")) \
                    and not core.startswith(("根据", "依据", "按照")):
                off = pm.end() if pm else 0
                h.title = Found(joined[off:], s + off, je)
                if tail:
                    title_dn = (tail, s)
                break
    # 3. a heading line that names the unit, followed by the 规定's articles; or a report/notice title line
    if h.title is None:
        for i, (s, e, ln) in enumerate(head[:8]):
            if "。" in ln or ":" in ln or len(ln) > 50:
                continue
            rest = [x[2] for x in head[i + 1:i + 4]]
            if i > 0 and head[i - 1][2].endswith((":", "：")):  # “来源:\n市生态环境局”: a metadata value
                continue
            if re.fullmatch(r"[" + CJK + r"()]{4,40}" + UNIT_SUFFIX, ln) and any(re.match(r"^第一条", r) for r in rest):
                h.title = Found(ln, s, e)
                break
            tail = TITLE_DOCNUMBER_RE.search(ln)  # “关于…的批复（凌编〔2021〕5号）”
            core = ln[:tail.start()] if tail and TITLE_END_RE.search(ln[:tail.start()]) else ln
            if TITLE_END_RE.search(core) and len(core) >= 6 and not DOCNUMBER_LINE_RE.match(ln) \
                    and not re.match(r"^(?:第" + CN_NUM + "条|" + CN_NUM + "、|[(（])", core) \
                    and not (core.endswith(("公告", "通告")) and (re.search(r"招聘|招考|招录", core) or "|" in core
                                                                   or core.endswith("通知公告"))):
                # (a recruitment notice is no platform document; “首页 | 政策文件 | 通知公告” is the site's menu)
                h.title = Found(core, s, s + len(core))
                above = head[i - 1][2] if i > 0 else ""
                if (above.startswith("关于") or wrapped_title(above, core)) and not TITLE_END_RE.search(above) \
                        and not re.search(r"[。,:;]", above) \
                        and len(above) + len(core) <= 90:  # “关于济南槐荫工业园区等11家⏎工业园区更名的通知”
                    h.title = Found(above + core, head[i - 1][0], s + len(core))
                if core != ln:
                    title_dn = (tail, s)
                break
    if h.title is None:  # a rule/report title under page chrome (menus, “您现在的位置”): the line before its date line
        for i, (s, e, ln) in enumerate(head[:16]):
            if "。" in ln or ":" in ln or len(ln) > 50 or len(ln) < 6 or "|" in ln:
                continue
            nxt = head[i + 1][2] if i + 1 < len(head) else ""
            if re.search(r"(?:规则|细则|办法|规定|决算|预算|报告)$", ln) and (
                    ADOPTED_RE.match(nxt) or DATE_RE.search(nxt) or re.match(r"^(?:时间|发布时间|日期)", nxt) or nxt == ln):
                h.title = Found(ln, s, e)
                break
    # 3b. a cover letter whose title the copy lost (“各区…：《X》已经…同意，现印发给你们…⏎二○○九年四月二十八日⏎X”): the title
    # found below its 印发 sentence is the issued text's, not the document's
    # (a 三定 issued so keeps its own title as the document's, the corpus convention: “gets that 规定's title”)
    cover = next((i for i, x in enumerate(head) if COVER_SENTENCE_RE.search(x[2])), None)
    sign_from = None
    if cover is not None and not h.is_notice_cover and (h.title is None or h.title.start >= head[cover][1]):
        h.is_notice_cover, sign_from = True, cover
        if h.title is not None and SANDING_TITLE_RE.search(h.title.value):
            h.inner_title = h.title
        elif h.title is not None:
            h.inner_title, h.title, title_dn = h.title, None, None
        if h.inner_title is None:  # the sentence names what it issues: “《X工作意见》已经…同意，现印发给你们”
            cs, _ce, cl = head[cover]
            named = [m for m in re.finditer(r"《(?P<t>[^《》]{4,80})》", cl) if m.start() < COVER_SENTENCE_RE.search(cl).start()]
            if named:
                h.inner_title = Found(named[-1]["t"], cs + named[-1].start("t"), cs + named[-1].end("t"))
    # 4. 文号: its own line (its 号 possibly left out), or page metadata “文号：”
    for s, _e, ln in lines[:40]:
        m = DOCNUMBER_LINE_RE.match(ln) or DOCNUMBER_BARE_LINE_RE.match(ln)
        if m:
            try:
                value = parse_docnumber(m["dn"] if m["dn"].endswith(("号", "號")) else m["dn"] + "号").normalized
            except DocNumberError:
                continue
            h.doc_number = Found(value, s + m.start("dn"), s + m.start("dn") + len(m["dn"]))
            break
    if h.doc_number is None and title_dn is not None:
        tail, ls = title_dn
        try:
            h.doc_number = Found(parse_docnumber(tail["dn"]).normalized, ls + tail.start("dn"), ls + tail.end("dn"))
        except DocNumberError:
            pass
    if h.doc_number is None:
        m = DOCNUMBER_META_RE.search(text[:3000])
        if m:
            try:
                h.doc_number = Found(parse_docnumber(m["dn"]).normalized, m.start("dn"), m.end("dn"))
            except DocNumberError:
                pass
    # 5. a 三定 quoted by title and 文号 (“根据《X职能配置…规定》（厅字〔2018〕53号），…”) when the text has no title
    if h.title is None:
        m = CITED_SANDING_RE.search(text[:2000])
        if m and not re.search(r"制定本规定", text[m.end():m.end() + 40]):
            h.title = Found(m["title"], m.start("title"), m.end("title"))
            if m["dn"] and h.doc_number is None:
                try:
                    h.doc_number = Found(parse_docnumber(m["dn"]).normalized, m.start("dn"), m.end("dn"))
                except DocNumberError:
                    pass
    # 6. signature: an organ line followed by a date line (a notice's end), else page metadata
    title_idx = next((i for i, x in enumerate(lines) if h.title and x[0] <= h.title.start < x[1] + 1), 0)
    first_sign = title_idx if sign_from is None else min(title_idx, sign_from)  # a cover letter signs below its sentence
    for i in range(first_sign, min(len(lines), first_sign + 40)):
        s, e, ln = lines[i]
        # “凌云县机构编制委员会 2021年4月2日”: the organ and the date on one line
        one = re.fullmatch(r"(?P<organ>[^\d〇○零。,:;]{2,40}?)[ \t]*(?P<date>(?:\d{4}|[〇○零O一二三四五六七八九]{4})\s*年.{1,12}?日)", ln)
        if one and ORGAN_LINE_RE.match(one["organ"].replace(" ", "")) and DATE_RE.fullmatch(one["date"].replace(" ", "")):
            if h.issuing_organ is None:
                h.issuing_organ = Found(one["organ"].replace(" ", ""), s, s + one.end("organ"))
            date = parse_date(DATE_RE.fullmatch(one["date"].replace(" ", "")))
            if date:
                h.issued_on = Found(date, s + one.start("date"), e)
            break
        if i + 1 >= len(lines):
            break
        ns, ne, nxt = lines[i + 1]
        if SEAL_RE.fullmatch(nxt.replace(" ", "")) and i + 2 < len(lines):  # “X编委⏎(印章)⏎2019年3月5日”: the seal's mark
            ns, ne, nxt = lines[i + 2]
        ln = SEAL_RE.sub("", ln).strip() or ln  # “X编委(盖章)”
        # (a date cell of a web table keeps its “|”: “国务院办公厅⏎2021年4月21日 |”, heldout29)
        dm = DATE_RE.fullmatch(nxt.replace(" ", "").rstrip("|"))
        if ORGAN_LINE_RE.match(ln.replace(" ", "")) and dm:
            if h.issuing_organ is None:
                h.issuing_organ = Found(ln.replace(" ", ""), s, e)
                ps, _pe, prev = lines[i - 1] if i > first_sign else (0, 0, "")
                # (not the title's line, nor a line above the title unless a cover letter signs above the text it issues)
                above_title = h.title and (ps <= h.title.start if sign_from is None else h.title.start <= ps < h.title.end)
                if prev and ORGAN_LINE_RE.match(prev.replace(" ", "")) and not above_title:
                    h.issuing_organ = Found(prev.replace(" ", "") + " " + ln.replace(" ", ""), ps, e)
            date = parse_date(dm)
            if date:
                h.issued_on = Found(date, ns, ne)
            break
    if h.issuing_organ is None and h.title is not None:  # “兴业县人民政府办公室关于成立…的通知”
        om = re.match(r"^(?P<organ>[^《》,。]{2,40}?)关于", h.title.value)
        if om and re.search(r"(?:通知|决定|批复|意见|函|公告|通告|请示|报告)$", h.title.value) and ORGAN_LINE_RE.match(om["organ"]):
            h.issuing_organ = Found(om["organ"], h.title.start, h.title.start + len(om["organ"]))
    # the 红头's masthead “X文件” above a notice's title, when no signature or title names the organ (a 三定 under its
    # masthead states no organ: the corpus convention)
    if h.issuing_organ is None and not (h.title is not None and SANDING_TITLE_RE.search(h.title.value)):
        for s, _e, ln in lines[:12]:
            mm = MASTHEAD_RE.match(ln)
            if mm and ORGAN_LINE_RE.match(mm["organ"].replace(" ", "")):
                h.issuing_organ = Found(joint_organ(mm["organ"].replace(" ", "")), s, s + len(mm["organ"]))
                break
    if h.issuing_organ is not None and re.match(r"^(?:省|市|县|区|州|旗|自治区|自治州|自治县)", h.issuing_organ.value):
        short = h.issuing_organ.value
        for s, _e, ln in lines[:60]:
            cand = re.sub(r"^.*?[:：]\s*", "", ln).replace(" ", "") if re.search(r"(?:发布机构|发文机关|发文机构|发布部门)", ln) else ln
            cs = s + (len(ln) - len(cand)) if cand != ln else s
            if cand.endswith(short) and len(cand) > len(short) and ORGAN_LINE_RE.match(cand) and \
                    re.fullmatch(r"[" + CJK + r"]{2,8}?", cand[:-len(short)]):
                h.issuing_organ = Found(cand, cs, cs + len(cand))
                break
    if h.issuing_organ is None and organ_above is not None:
        h.issuing_organ = organ_above
    if h.issuing_organ is None:
        m = META_ORGAN_RE.search(text[:3000])
        if m and ORGAN_LINE_RE.match(m["organ"].strip()):
            h.issuing_organ = Found(m["organ"].strip(), m.start("organ"), m.start("organ") + len(m["organ"].strip()))
    if h.issued_on is None and h.title is not None:
        for s, _e, ln in lines[title_idx:title_idx + 4]:
            am = ADOPTED_RE.match(ln)
            if am:
                dm = DATE_RE.search(am["date"])
                date = parse_date(dm) if dm else None
                if date:
                    h.issued_on = Found(date, s + am.start("date"), s + am.end("date"))
                break
    if h.issued_on is None and h.title is not None:  # “(2023年9月24日)” on the line under the title
        # (or under the title repeated below a mirror's own lines: “X的通知⏎发布时间:…⏎X的通知⏎(2023年9月24日)”)
        bare = re.sub(r"\s", "", text[h.title.start:h.title.end])
        heads = [title_idx] + [i for i in range(title_idx + 1, min(len(lines), title_idx + 8))
                               if re.sub(r"\s", "", lines[i][2]) == bare]
        for head in heads:
            for s, _e, ln in lines[head + 1:head + 3]:
                bm = re.fullmatch(r"[(（]\s*(?P<date>" + DATE_RE.pattern + r")\s*[)）]", ln)
                if bm:
                    date = parse_date(DATE_RE.search(bm["date"]))
                    if date:
                        h.issued_on = Found(date, s + bm.start("date"), s + bm.end("date"))
                    break
            if h.issued_on is not None:
                break
    if h.issued_on is None and h.is_notice_cover:
        m = META_DATE_RE.search(text[:3000])
        if m:
            dm = DATE_RE.search(m["date"]) or ISO_DATE_RE.search(m["date"])
            date = parse_date(dm) if dm else None
            if date:
                h.issued_on = Found(date, m.start("date"), m.end("date"))
    _header_run_in(h, text, lines)
    # (a 三定 or a numbered document keeps its date where its own conventions put it: not this fallback)
    if h.issued_on is None and h.title is not None and not h.is_notice_cover and h.doc_number is None \
            and not SANDING_TITLE_RE.search(h.title.value):
        h.issued_on = closing_date(lines, h.title.end)
    return h


# what may follow a document's date at its end: “主题词:内设机构”, “抄送:…”
CLOSING_TAIL_RE = re.compile(r"^(?:主题词|主题分类|抄送|抄报|印发|打印|关闭|\(此件|（此件)")


def closing_date(lines, after: int) -> Found | None:
    """A titled document's date on a line of its own at its end, with no organ line above it (heldout29: “…予以纠正。⏎
    二00三年八月十六日⏎主题词:内设机构”): the last line with text, “主题词”/“抄送” lines aside."""
    for s, e, ln in reversed(lines):
        if s < after:
            return None
        text = ln.replace(" ", "").replace("\u3000", "")
        if not text or CLOSING_TAIL_RE.match(text):
            continue
        dm = DATE_RE.fullmatch(text)
        if dm is None:
            return None
        date = parse_date(dm)
        return Found(date, s, e) if date else None
    return None


# law-database and document-site copies (heldout11): the notice's 文号 and date run into its title line
DN_DATE_PAREN_RE = re.compile(r"(?P<kw>通知|批复|决定|意见)(?!的)\s*[(（]\s*(?P<dn>" + DOCNUMBER + r")\s*[,，]?\s*(?P<date>" + DATE_RE.pattern + r")?\s*[)）]")
DN_AFTER_TITLE_RE = re.compile(r"(?P<kw>通知|批复|决定|意见)(?!的)\s*(?P<dn>" + DOCNUMBER + r")\s*(?=[^。:：\n]{0,80}?[:：])")
READING_TITLE_RE = re.compile(r"^对(?P<organ>[^《》。,]{0,40}?)关于印发《(?P<inner>[^《》]{4,80}?)》的通知")


def _header_run_in(h: Header, text: str, lines) -> None:
    """Header facts a page runs together: “…的通知(赣府字[2001]4号2001年1月8日)各市…:”, “…的通知鲁人发[2007]28号
    各市…:”, “二OO七年五月三十一日山东省…实施意见1为…” (the date, then the issued text's title), and a reading of a
    notice (“对…关于印发《X规定》的通知⏎…文件的解读”: the text is about X, and is not the notice)."""
    if h.title is not None and h.title.value.startswith("对"):
        rm = READING_TITLE_RE.match(h.title.value)
        if rm and re.search(r"解读|解析|学习体会", text[h.title.end:h.title.end + 40]) and SANDING_TITLE_RE.search(rm["inner"]):
            start = h.title.start + rm.start("inner")
            h.title = Found(rm["inner"], start, start + len(rm["inner"]))
            h.inner_title, h.is_notice_cover = None, False
            if h.issuing_organ is not None and h.issuing_organ.start < start:
                h.issuing_organ = None
            return
    if not h.is_notice_cover:
        return
    head = text[:3000]
    if h.doc_number is None:
        # only right after the notice's own title, repeated in the run-in copy (a cited notice is another's)
        m = next((x for rx in (DN_DATE_PAREN_RE, DN_AFTER_TITLE_RE) for x in rx.finditer(head)
                  if h.title is not None and head[:x.end("kw")].endswith(h.title.value)), None)
        if m:
            try:
                h.doc_number = Found(parse_docnumber(m["dn"]).normalized, m.start("dn"), m.end("dn"))
            except DocNumberError:
                m = None
            if m is not None and h.issued_on is None and m.groupdict().get("date"):
                date = parse_date(DATE_RE.search(m["date"]))
                if date:
                    h.issued_on = Found(date, m.start("date"), m.end("date"))
    if h.issued_on is None and h.inner_title is not None:
        for i, (s, _e, ln) in enumerate(lines[:60]):
            dm = DATE_RE.match(ln)
            rest = ln[dm.end():].strip() if dm else ""
            # the date run into the issued text's title, or on a line of its own above it (“现予印发。⏎二○○四年七月
            # 二十七日⏎X方案”: a notice with no signature line)
            below = lines[i + 1][2].strip() if i + 1 < len(lines) else ""
            # (the issued text's title written with a 的 the notice's title leaves out: “关于X管理体制意见” over
            # “关于X管理体制的意见”, heldout29)
            inner = h.inner_title.value.replace("的", "")
            if dm and (rest.replace("的", "").startswith(inner) or (not rest and below.replace("的", "").startswith(inner))):
                date = parse_date(dm)
                if date:
                    h.issued_on = Found(date, s, s + dm.end())
                break


# ------------------------------------------------------------------ nature, rank, plaques
UNIT_NAME = r"[" + CJK + r"()“”、]{2,40}?"
STATEMENT_RES = [
    # 设立X，为Y。 / (同意)建立“X”，为Y / 设置X，为Y
    re.compile(r"(?:设立|建立|设置)[“\"]?(?P<unit>[" + CJK + r"()]{2,40}?)[”\"]?(?P<paren>\(\x00{2,40}\))?\s*[,，]\s*(?:为|是|作为)(?P<nature>[^,。;]{2,50}?" + NATURE_NOUN + r")"
               r"(?:\s*[,，]\s*(?:机构规格)?(?:为|是|属)?(?P<rank>" + RANK + r"))?(?=[,。;]|$)"),
    # 设立X(以下简称Y)，正厅级建制，为Z。
    re.compile(r"设立(?P<unit>[" + CJK + r"()]{2,40}?)(?P<paren>\(\x00{2,40}\))?\s*[,，]\s*(?:机构规格|规格)?\s*(?:为|是|属)?\s*"
               r"(?P<rank>" + RANK + r")(?:建制)?\s*[,，]\s*(?:为|是|作为)(?P<nature>[^,。;]{2,50}?" + NATURE_NOUN + r")(?=[,。;]|$)"),
    # 设立X（加挂…牌子），正厅级(建制)。 (a rank without a nature)
    re.compile(r"设立(?P<unit>[" + CJK + r"()]{2,40}?)(?P<paren>\(\x00{2,80}\))?\s*[,，]\s*(?:机构规格|规格)?\s*(?:为|是|属)?\s*"
               r"(?P<rank>" + RANK + r")(?:建制)?(?=[,。;]|$)"),
    # 新组建的X将…整合组建而成，作为Z: the merger between the unit and its nature
    re.compile(r"(?:新组建的|重新组建的|组建后的)(?P<unit>[" + CJK + r"]{2,40}?" + UNIT_SUFFIX + r")(?=将|把|由|以|是|为|作为|[,，])"
               r"[^。]{0,300}?[,，]\s*(?:作为|为|是)(?P<nature>[^,。;是为]{2,50}?" + NATURE_NOUN + r")(?=[,。;]|$)"),
    # X(Y)由A、B…整合组建而成，为Z / X由原Y更名设置，为Z: the merger or the renaming between the unit and its nature
    re.compile(r"(?P<unit>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?P<paren>\(\x00{2,40}\))?\s*由[^。]{2,300}?(?:(?:组建|整合|合并|重组)而成|更名(?:设置|组建|设立|而来)?)"
               r"\s*[,，]\s*(?:为|是|作为)(?P<nature>[^,。;是为]{2,50}?" + NATURE_NOUN + r")(?=[,。;]|$)"),
    # X由正股级升格为副科级事业单位 / X由…调整为Z
    re.compile(r"(?P<unit>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?P<paren>\(\x00{2,40}\))?\s*由[^,。;]{1,40}?"
               r"(?:升格为|升格成|调整为|改为|变更为|明确为)(?P<nature>[^,。;是为]{2,50}?" + NATURE_NOUN + r")(?=[,。;]|$)"),
    # X由在Y挂牌调整为单独设置，机构规格为副科级 (a 编办's reply restated in news: the unit set up on its own, its rank)
    re.compile(r"(?P<unit>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?P<paren>\(\x00{2,40}\))?\s*由[^,。;]{1,40}?(?:调整为|改为|变更为)?"
               r"(?:单独设置|单设|独立设置)\s*[,，]\s*(?:机构规格|规格)\s*(?:为|是|定为)?\s*(?P<rank>" + RANK + r")(?=[,。;]|$)"),
    # X是根据《…》(…)设立(挂Z牌子)，为Y： the basis between the unit and its nature
    re.compile(r"(?P<unit>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")\s*(?:是|系)?(?:根据|依据|按照)[^。]{0,240}?设立"
               r"(?P<paren>\(\x00{2,60}\))?\s*[,，]\s*(?:为|是|系)(?P<nature>[^,。;是为]{2,50}?" + NATURE_NOUN + r")(?=[,。;]|$)"),
    # …更名为X,是Y(…)。: the subject closes the clause before
    re.compile(r"(?:更名为|改名为|改称|变更为|组建|成立)[“\"]?(?P<unit>[" + CJK + r"]{2,40}?" + UNIT_SUFFIX + r")[”\"]?\s*[,，]\s*(?:是|为|系|属于|属)"
               r"(?P<nature>[^,。;是为]{2,50}?" + NATURE_NOUN + r")(?:\(\x00{1,40}\))?(?=[,。;]|$)"),
    # X(原名Y)成立于1956年，是…的Z / X位于…，是Z: a founding date or an address between the unit and its nature
    re.compile(r"(?P<unit>[" + CJK + r"()“”、]{2,40}?" + UNIT_SUFFIX + r")(?P<paren>\(\x00{2,40}\))?\s*(?:成立于|始建于|创建于|组建于|建立于|设立于|位于|地处|坐落于)"
               r"[^。;]{1,160}?[,，]\s*(?:是|为|系)(?P<nature>[^。;]{2,120}?" + NATURE_NOUN + r")(?:之一)?(?=[,。;]|$)"),
    # “X于2019年3月正式挂牌，是Y，正处级” / “X于5月17日挂牌，作为Y” / “X于2009年11月16日开馆,为Y”: the day it opened between
    # the unit and its class
    re.compile(r"(?:^|(?<=[\n。;,，]))[ \t]*(?P<unit>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")\s*于[\d年月日份底初\s]{2,16}?(?:正式)?"
               r"(?:挂牌|成立|组建|揭牌|开馆|开园|落成|建成开放)(?:成立|运行)?\s*[,，]\s*(?:是|为|系|作为)(?P<nature>[^,。;是为]{2,50}?" + NATURE_NOUN + r")"
               r"(?:\s*[,，]\s*(?:机构规格)?(?:为|是)?\s*(?P<rank>" + RANK + r"))?(?=[,。;]|$)"),
    # X(简称Z)是/为Y，(机构规格)为R
    re.compile(r"(?P<unit>[" + CJK + r"()“”]{2,40}?)(?P<paren>\(\x00{2,30}\))?\s*"
               r"(?:是|为|系|作为|(?<!所)属于|(?<!所)属)(?P<nature>[^,。;是为]{2,50}?" + NATURE_NOUN + r")(?:之一)?(?:\(\x00{1,40}\))?"
               r"(?:\s*[,，]\s*(?:机构规格|规格)?\s*(?:为|是|属|定为)?\s*(?P<rank>" + RANK + r")(?:单位|行政单位|事业单位)?)?(?=[,。;]|$)"),
    # X属于正厅级,为Y / X为正科级,是Y
    re.compile(r"(?P<unit>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?P<paren>\(\x00{2,30}\))?\s*[,，]?\s*(?:机构规格)?(?:为|是|属于|属)"
               r"(?P<rank>" + RANK + r")\s*[,，]\s*(?:为|是|系)(?P<nature>[^,。;是为]{2,50}?" + NATURE_NOUN + r")(?=[,。;]|$)"),
    # X正科级行政单位 / X为正科级 (no nature)
    re.compile(r"(?P<unit>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?P<paren>\(\x00{2,30}\))?\s*(?:的?机构规格)?(?:为|是|属于|属)?"
               r"(?P<rank>" + RANK + r")(?:的?(?:行政|事业|参公|参照公务员法管理的?)?(?:单位|机构|机关))?(?=[,。;]|$)"),
]
# 保留X(以下简称Y)，为Z。 (the 2001/2008 rounds: a body kept through a reform is stated as “保留”, heldout11)
STATEMENT_RES.append(
    re.compile(r"(?<![对外])保留[“\"]?(?P<unit>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")[”\"]?(?P<paren>\(\x00{2,40}\))?\s*[,，]\s*(?:为|是|作为)"
               r"(?P<nature>[^,。;]{2,50}?" + NATURE_NOUN + r")(?=[,。;]|$)"))


# the classes a body belongs to (preferred over a description of what it does when a sentence states both)
NATURE_CLASS = (r"(?:直属机构|组成部门|工作部门|办事机构|派出机构|部门管理机构|直属事业单位|议事协调机构|工作机关|派出机关|"
                r"直属特设机构|办公机构)")
NATURE_CLASS_RE = re.compile(NATURE_CLASS + r"$")


TWO_UNITS_RE = re.compile(r"(?:保留|将|把)?[" + CJK + r"]{2,20}?(?:局|部|委|厅|署|办)(?:和|与|及)[" + CJK + r"]{2,20}?" + UNIT_SUFFIX)


def _clean_subject(subject: str) -> tuple[str, int]:
    """Strip what stands before the unit in its clause (第二条, 根据…, 我局…); returns (name, offset)."""
    offset = 0
    # a bracket inside a name (“开发区(头屯河区)应急管理局”) is no boundary; an item mark “(二)” is
    protected = re.sub(r"(?<=[" + CJK + r"])\((?!" + CN_NUM + r"\)|\d+\))[" + CJK + r"]{2,30}\)(?=[" + CJK + r"])",
                       lambda x: "\x01" * len(x.group()), subject)
    m = re.match(r"^.*(?:条|\)|:|设立|建立|目前|现|其中|根据上述职责|为此|全称是|全称为|即)\s*[“\"]?", protected)
    if m and m.end() < len(subject):
        if not re.search(r"\([^)]*$", subject[:m.end()]):
            offset = m.end()
    name = subject[offset:]
    # “新组建成立的X为…”, “组建后的X作为…”: how the body came about is no part of its name (before the bare 组建)
    m2 = re.match(r"^(?:(?:新|重新)?(?:组建|成立|设立)(?:成立)?后?的|经[^,，]{0,20}批准[,，]?|原|新组建的|组建|重新组建的?|将|把|核定|核准|核批|明确|同意)", name)
    if m2:
        offset += m2.end()
        name = name[m2.end():]
    # a section heading run into the subject once the page's spaces are gone (“二、人员情况 妇联是…”)
    m3 = re.match(r"^(?:人员情况|基本情况|单位概况|部门概况|机构概况|单位简介|机构设置|机构职能|单位性质|机构性质|经费来源)(?=[" + CJK + r"]{2})",
                  name)
    if m3:
        offset += m3.end()
        name = name[m3.end():]
    return name, offset


FULL_NAME_RE = re.compile(r"(?P<short>[" + CJK + r"]{2,12})的?全称(?:是|为)[“\"]?(?P<full>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")(?=[”\",，。;]|$)")


def full_name(text: str, name: str) -> Found | None:
    """A longer form of `name` stated in the text: “X的全称是Y”, or the name with its region in front
    (“安徽省省直机关事务管理局” for “省直机关事务管理局”) at the start of a line or clause."""
    m = FULL_NAME_RE.search(text)
    if m and (m["short"] == name or name.endswith(m["short"]) or m["short"].endswith(name)):
        return Found(m["full"], m.start("full"), m.end("full"))
    best = None
    for m in re.finditer(r"(?:^|(?<=[\n。;,，:：]))\s*(?P<n>[" + CJK + r"]{2,16}?(?:省|自治区|市|自治州|州|盟|县|自治县|旗|区))" + re.escape(name), text):
        if re.match(r"^第" + CN_NUM + r"[条章节]", m["n"]):
            continue
        cand = Found(m["n"] + name, m.start("n"), m.start("n") + len(m["n"]) + len(name))
        if best is None or len(cand.value) > len(best.value):
            best = cand
    if best is None and re.match(r"^(?:省|市|县|区|州|旗|自治区|自治州|自治县)", name):  # “辽宁” + “省农业农村厅”
        for m in re.finditer(r"(?:^|(?<=[\n。;,，:：]))\s*(?P<n>[" + CJK + r"]{2,6}?)" + re.escape(name), text):
            if not re.search(r"的|第|部分|[由其在对将把被与及为给]", m["n"]) and not re.match(r"^(?:" + VERB_START + r"|日前|目前|近日|今年|今天|新(?!疆)|原|将|组建|成立|建立|整合|保留|撤销|核定|核准|核批|核增|核减|明确|同意|批准)", m["n"]):
                return Found(m["n"] + name, m.start("n"), m.start("n") + len(m["n"]) + len(name))
    return best


JOINT_SUBJECT_RE = re.compile(r"^中共[" + CJK + r"]{2,20}?(?:委员会|党工委|工委|党委)、(?=[" + CJK + r"]{3,40}$)")
# “是负责…的市政府直属机构”, “是…设立的专门从事…的正处级公益一类事业单位”: what it does, then what kind of body it is
PURPOSE_RE = re.compile(r"^(?:[^的]{0,24}?(?:设立|批准设立|批准成立|成立)的(?:专门)?|(?:专门)?(?:负责|主管|从事|承担|开展|提供))[^。;]*的"
                        r"(?P<rest>[^的,，]{2,30})$")


def read_statement(text: str, limit: int | None = None) -> dict:
    """{unit, short_name, nature, rank, plaques: [Found]} from the first nature/rank sentence."""
    end = len(text) if limit is None else limit
    out: dict = {"plaques": []}
    masked = _mask_parens(text)
    best = None
    # only sentences that can state a nature or a rank are tried (speed: the patterns are lazy)
    candidates, pos = [], 0
    for piece in re.split(r"(?<=[。;\n])", masked[:end]):
        if re.search(RANK + "|" + NATURE_NOUN, piece):
            candidates.append((pos, pos + len(piece)))
        pos += len(piece)
    for order, rx in enumerate(STATEMENT_RES):
        for m in (m for cs, ce in candidates for m in rx.finditer(masked, cs, ce)):
            # the subject starts after the last sentence/clause boundary
            seg_start = max(masked.rfind(ch, 0, m.start("unit") + 1) for ch in "。;\n,:") + 1
            subject_text = text[max(seg_start, m.start("unit")):m.end("unit")]
            if seg_start > m.start("unit") or (m.start("unit") > seg_start and masked[m.start("unit") - 1] == "\x00"):
                # (a bracket right before the matched name is inside it: “开发区(头屯河区)应急管理局”)
                subject_text = text[seg_start:m.end("unit")]
                ustart = seg_start
            else:
                ustart = m.start("unit")
            name, off = _clean_subject(subject_text)
            name = name.strip()
            jm = JOINT_SUBJECT_RE.match(name)
            if jm:  # “中共汉兴街工委、汉兴街办事处…是…”: the party committee and the office it works with; the office
                name, off = name[jm.end():], off + jm.end()
            if not re.search(UNIT_SUFFIX + r"$", name) or len(name) < 2:
                continue
            if re.match(r"^(?:" + VERB_START + r")", name) and not name.startswith(("设立",)):
                continue
            if re.search(r"各级|各类|所有|有关", name):  # “地方各级人民政府是…”: a law's general subject, not a unit
                continue
            if "是" in name:  # “规格级别都是厅局级”: a clause with its verb cut into a “name” before a rank (heldout21)
                continue
            if TWO_UNITS_RE.fullmatch(name):  # “保留A局和B局作为X的部管国家局”: two bodies, neither the text's unit (heldout14)
                continue
            nature = m.groupdict().get("nature")
            if nature and re.search(r"(?:本规定|依据|基本|职责|任务)", nature):
                continue
            if nature and EVALUATIVE_NATURE_RE.fullmatch(nature.strip()):  # “秘书科作为核心部门”: a rank in importance (heldout12)
                continue
            ustart += off
            if re.fullmatch(r"(?:本|该)?" + UNIT_SUFFIX, name):  # “保护区是…”: the body named in full before it
                gm = _generic_antecedent(text, re.sub(r"^(?:本|该)", "", name), ustart)
                if gm is not None:
                    name, ustart = gm.value, gm.start
            cand = (m.start(), order, m, ustart, name)
            if best is None or cand[0] < best[0]:
                best = cand
            break
    if best is None:
        return _class_clause(text, masked, end, out)
    _, _, m, ustart, name = best
    out["unit"] = Found(name, ustart, ustart + len(name))
    if m.groupdict().get("paren"):
        inner_start = m.start("paren") + 1
        inner = text[inner_start:m.end("paren") - 1]
        short = name_forms.read_bracket(inner)
        if short:
            out["short_name"] = Found(short[0], inner_start + short[1], inner_start + short[2])
        elif re.fullmatch(RANK, inner.strip()):  # “设立X（正部级），为Y”: the rank in brackets after the name (heldout14b)
            out["rank"] = Found(inner.strip(), inner_start + inner.find(inner.strip()), inner_start + inner.find(inner.strip()) + len(inner.strip()))
        elif re.fullmatch(r"[" + CJK + r"]{3,40}?" + UNIT_SUFFIX, inner) and not re.search(r"以下|简称|含|下同|^(?:原名|原称|曾用名|前身)", inner):
            out["plaques"].append(Found(inner, inner_start, inner_start + len(inner)))  # “X(Y)由…组建”: Y is its second name
    if m.groupdict().get("nature"):
        out["nature"] = Found(text[m.start("nature"):m.end("nature")].strip(), m.start("nature"), m.end("nature"))
        if re.fullmatch(RANK + r"的?(?:行政|事业|参公)?(?:单位|机构)", out["nature"].value):
            # “X是正科级单位” states a rank, not a kind of body (as “X正科级行政单位”)
            out["rank"] = Found(RANK_RE.match(out["nature"].value).group(0), out["nature"].start,
                                out["nature"].start + RANK_RE.match(out["nature"].value).end())
            del out["nature"]
    if out.get("nature"):
        pm = PURPOSE_RE.match(out["nature"].value)
        if pm:
            start = out["nature"].start + pm.start("rest")
            rest = pm["rest"]
            rm = re.match(RANK, rest)
            if rm and re.search(NATURE_NOUN + r"$", rest[rm.end():]):  # “正处级公益一类事业单位”: a rank, then the class
                out["rank"] = Found(rm.group(0), start, start + rm.end())
                start, rest = start + rm.end(), rest[rm.end():]
            out["nature"] = Found(rest, start, start + len(rest))
        elif re.search(r"的主管(?:机关|部门)$", out["nature"].value):
            del out["nature"]  # “是全市道路交通安全的主管机关”: a role, not a kind of body
    if out.get("nature") and re.search(r"的(?:下设|下属|所属)(?:机构|单位)$", out["nature"].value):
        # “为A的下设机构，社会公益类全民事业单位”: where it sits, then what kind of body it is
        km = re.compile(r"\s*[,，]\s*(?P<n>[^,。;为是]{2,30}?事业单位)(?=[,。;]|$)").match(masked, m.end())
        if km:
            out["nature"] = Found(text[km.start("n"):km.end("n")], km.start("n"), km.end("n"))
    if out.get("nature") and not NATURE_CLASS_RE.search(out["nature"].value):
        cm = re.compile(r"\s*[,，]\s*(?:是|为|系)(?P<n>[^,。;]{2,30}?" + NATURE_CLASS + r"|[^,。;]{0,30}?公益[一二]类事业单位)(?=[,。;]|$)").match(masked, m.end())
        if cm:
            out["nature"] = Found(text[cm.start("n"):cm.end("n")], cm.start("n"), cm.end("n"))
    rank_m = m if m.groupdict().get("rank") else None
    if rank_m is None and out.get("nature") and "rank" not in out:  # “市政府直属的正处级事业单位”: the rank is inside the nature
        rin = RANK_RE.search(out["nature"].value)
        if rin:
            out["rank"] = Found(rin.group(0), out["nature"].start + rin.start(), out["nature"].start + rin.end())
    sent_end = text.find("。", m.end())
    sent_end = len(text) if sent_end == -1 else sent_end
    if rank_m:
        out["rank"] = Found(rank_m["rank"], rank_m.start("rank"), rank_m.end("rank"))
    elif "rank" not in out and out.get("nature") and re.match(r"\s*\((?:" + RANK + r")\)", text[out["nature"].end:]):
        at = out["nature"].end  # “为市政府工作部门（正处级）”
        pm = re.match(r"\s*\((?P<rank>" + RANK + r")\)", text[at:])
        out["rank"] = Found(pm["rank"], at + pm.start("rank"), at + pm.end("rank"))
    elif "rank" not in out:
        rm = re.compile(r"(?:机构规格|规格)?\s*(?:为|是|属)?\s*(?:相当于?)?\s*(?P<rank>" + RANK + r")").search(masked, m.end(), sent_end)
        if rm and re.match(r"^\s*[,，]?\s*(?:机构规格|规格)?\s*(?:为|是|属)?\s*(?:相当于?)?\s*$", masked[m.end():rm.start("rank")]):
            out["rank"] = Found(rm["rank"], rm.start("rank"), rm.end("rank"))
        else:  # “…，经费实行全额预算管理，机构规格为县(处)级”: an explicit 机构规格 later in the sentence
            rm = re.compile(r"机构规格\s*(?:为|是|定为)?\s*(?:相当于?)?\s*(?P<rank>" + RANK + r")").search(masked, m.end(), sent_end)
            if rm:
                out["rank"] = Found(rm["rank"], rm.start("rank"), rm.end("rank"))
    if not out.get("nature"):  # “省林业局为正厅级，列省政府直属机构”: the class it is listed in, after the rank
        lm = re.compile(r"[,，]\s*列(?:为|入)?(?P<n>[^,。;]{2,50}?" + NATURE_NOUN + r")(?:序列)?(?=[,。;]|$)").search(masked, m.end(), sent_end)
        if lm:
            out["nature"] = Found(text[lm.start("n"):lm.end("n")], lm.start("n"), lm.end("n"))
    spans_to_scan = [(m.end(), sent_end, masked)]
    # the next sentence adds a plaque with no subject of its own: “2005年12月经省编办批准，加挂Y牌子。”
    nm = re.compile(r"。\s*(?:\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*)?[,，]?\s*(?:经[^,，。]{1,20}?(?:批准|同意)\s*[,，]?\s*)?"
                    r"(?=(?:加挂|增挂|挂)[^。]{2,60}?牌子)").match(masked, sent_end)
    if nm:
        next_end = text.find("。", nm.end())
        spans_to_scan.append((nm.end(), len(text) if next_end == -1 else next_end, masked))
    if m.groupdict().get("paren"):
        spans_to_scan.insert(0, (m.start("paren") + 1, m.end("paren") - 1, text))
    for base, stop, source in spans_to_scan:
        _plaques(text, source, base, stop, out["plaques"])
    if out.get("rank"):  # “县(处)级” is the platform's 县处级; the value is read from the text, not the masked copy
        r = out["rank"]
        out["rank"] = Found(re.sub(r"[()]", "", text[r.start:r.end]), r.start, r.end)
    return out


def _generic_antecedent(text: str, noun: str, before: int) -> Found | None:
    """“江苏省X自然保护区坐落于…。保护区是…”: the first sentence-initial name ending in the generic noun."""
    m = re.compile(r"(?:^|(?<=[\n。;]))[ \t]*(?P<u>[" + CJK + r"]{2,40}?" + re.escape(noun) + r")(?![" + CJK + r"])|"
                   r"(?:^|(?<=[\n。;]))[ \t]*(?P<v>[" + CJK + r"]{2,40}?" + re.escape(noun) + r")(?=[^。\n]{0,4}?(?:坐落|位于|成立|始建|创建|是|为))"
                   ).search(text, 0, before)
    if m is None:
        return None
    g = "u" if m["u"] else "v"
    return Found(m[g], m.start(g), m.end(g))


# a class stated with no subject of its own, the unit being the text's first subject:
# “潍坊市博物馆始建于1962年，…。…；2007年11月，单位类别划为公益一类事业单位；”
CLASS_CLAUSE_RE = re.compile(r"(?:^|(?<=[\n。;,，]))[ \t]*(?:\d{4}\s*年(?:\s*\d{1,2}\s*月)?\s*[,，]?\s*)?"
                             r"(?:单位类别|单位性质|单位类型|机构类别|机构性质)\s*(?:划为|划定为|确定为|明确为|调整为|为|属于|属|是)\s*"
                             r"(?P<nature>[^,。;]{2,30}?事业单位)(?=[,。;]|$)")
LEAD_SUBJECT_RE = re.compile(r"^[ \t]*[“\"]?(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX + r")[”\"]?"
                             r"(?=始建于|成立于|创建于|组建于|前身|位于|坐落于|于\s*\d{4}\s*年)")


def _class_clause(text: str, masked: str, end: int, out: dict) -> dict:
    cm = CLASS_CLAUSE_RE.search(masked, 0, end)
    if cm is None:
        return out
    for lm in re.finditer(r"(?m)^[ \t]*(?!#)\S.*$", text[:cm.start("nature")]):
        um = LEAD_SUBJECT_RE.match(lm.group())
        if um:
            out["unit"] = Found(um["u"], lm.start() + um.start("u"), lm.start() + um.end("u"))
            out["nature"] = Found(cm["nature"], cm.start("nature"), cm.end("nature"))
        break
    return out


def _plaques(text: str, source: str, base: int, stop: int, found: list):
    for pm in re.finditer(r"(?:加挂|对外保留|保留|同时挂|挂|增挂)了?(?P<names>(?:[^,。;:()]|\([^()]{0,40}\)){2,80}?)(?:的)?牌子",
                          source[base:stop]):
        masked = source
        before = masked[base:base + pm.start()]
        if re.search(r"(?:不再|撤销|取消|摘除)[^,。]*$", before):
            continue
        pos = base + pm.start("names")
        names = text[base + pm.start("names"):base + pm.end("names")]
        # split outside brackets only: “A、B(简称A'、B')” is two plaques, each with its 简称 (heldout26)
        guarded = re.sub(r"\([^()]*\)", lambda bm: "(" + "\x00" * (len(bm[0]) - 2) + ")", names)
        at = 0
        # “和” parts two names only after a whole name: “A经济组织和社会组织工作委员会” is one plaque (final5, final9)
        parts = re.split(r"(、|和)", guarded)
        merged: list[str] = []
        for i, part in enumerate(parts):
            if part == "和" and merged and i + 1 < len(parts) \
                    and not re.search(UNIT_SUFFIX + r"(?:\(\x00*\))?[”\"']?\s*$", merged[-1]):
                merged[-1] += part + parts[i + 1]
                parts[i + 1] = ""
            elif part or i == 0:
                merged.append(part)
        for mpiece in merged:
            piece, at = names[at:at + len(mpiece)], at + len(mpiece)
            if piece in ("、", "和"):
                pos += len(piece)
                continue
            clean = re.sub(r"\([^()]*\)|\(\x00*\)", "", piece).strip()  # the plaque's own 简称 is not its name
            lq = len(piece) - len(piece.lstrip()) + len(clean) - len(clean.lstrip("“”\"'"))
            clean = clean.strip("“”\"'")
            if clean:
                found.append(Found(clean, pos + lq, pos + lq + len(clean)))
            pos += len(piece)


# ------------------------------------------------------------------ numbered lists
MARK_RE = re.compile(r"(?:(?<=^)|(?<=\n)|(?<=[。;:\s])|(?<=^\s)|(?<=主要职责)|(?<=主要职能))[ \t]*\((?P<n>" + CN_NUM + r")\)\s*"
                     # “10负责…”: a page that lost the mark after the number (heldout35)
                     # “①开展…” after NFKC is “1开展…”: a number glued to the verb a duty opens with
                     r"|(?:(?<=^)|(?<=\n))[ \t]*(?:(?P<d>0?[1-9]\d?)(?:[、.．]|\s+|(?=" + DUTY_VERB_RE.pattern[1:] + r"))"
                     r"|(?P<d0>0[1-9])(?=[" + CJK + r"])|\((?P<p>[1-9]\d?)\)\s*)"
                     r"(?=[" + CJK + r"《“])"
                     # “党委职责:(1)保证…。(2)讨论…”: (1)(2) run in after a colon or a sentence end
                     r"|(?<=[。;:])[ \t]*\((?P<q>[1-9]\d?)\)\s*(?=[" + CJK + r"《“])")
BODY_TRIGGER_RE = re.compile(r"(?:内设机构|机构设置|内设科室|内设股室|职能处|职能科|职能股|职能司|设下列|下设|内设\s*" + NUM +
                             r"\s*个|个内设机构|个职能|根据上述职责)")
DUTY_TRIGGER_RE = re.compile(r"(?:主要职责|职责是|下列职责|职责如下|主要职能|职责为|承担以下|承担如下|职责:|职能是)")
HEADING_RE = re.compile(r"^(?:第" + CN_NUM + r"条|" + CN_NUM + r"、)")
# a heading line that names the list under it as the unit's duties: “一、部门职责”, “(一)单位职责:”, “1.职能职责”
# a heading naming duties and bodies at once: “一、部门主要职责及机构设置”, “(一)职能职责和内设机构”
DUTY_AND_BODIES_HEADING_RE = re.compile(r"^[ \t]*(?:" + CN_NUM + r"、|[(（]" + CN_NUM + r"[)）])?[ \t]*[^\n。]{0,8}?(?:职责|职能)[^\n。]{0,4}?"
                                        r"(?:及|和|与|、)(?:内设)?(?:机构设置|内设机构|机构)[^\n。]{0,6}$")
DUTY_HEADING_LINE_RE = re.compile(r"^[ \t]*(?:" + CN_NUM + r"、|[(（]" + CN_NUM + r"[)）]|\d{1,2}[.、．])?[ \t]*"
                                  r"(?:部门|单位|机构|工作|基本)?(?:职责|职能)(?:职责)?[ \t]*[:：。]?[ \t]*$")
UNNUMBERED_NAME_RE = re.compile(r"^(?P<name>(?!" + VERB_START + r")[" + CJK + r"()]{2,24}?" + BODY_SUFFIX + r"(?:\([^()]{1,30}\))?)"
                                r"(?=[。.]|\s|负责|承担|主要负责|$)")


@dataclass
class Item:
    number: int
    start: int      # after the marker
    end: int
    mark_start: int


# a short lead at the start of a line naming whose duties follow, the run-in list right after its colon: “党委职责:(1)…”
RUN_IN_LEAD_RE = re.compile(r"[ \t]*[" + CJK + r"]{0,8}(?:职责|职能|任务)[ \t]*[:：]?[ \t]*")


def _run_in_after_lead(text: str, m: re.Match) -> bool:
    """A (1)(2) mark run in after a sentence or a colon counts only on a line that opens with a short lead naming duties
    (“党委职责:(1)保证…。(2)讨论…”); numbered results in a report's paragraph (“…成效:(1)开展了…。(2)…”) are none."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    first = re.search(r"\(1\)", text[line_start:m.end()])
    return first is not None and bool(RUN_IN_LEAD_RE.fullmatch(text, line_start, line_start + first.start()))


def _numbered_items(text: str) -> list[Item]:
    marks, digit_marks = [], []
    if "(" not in text and not re.search(r"(?m)^[ \t]*\d", text):
        return []
    for m in MARK_RE.finditer(text):
        if m["q"] and not _run_in_after_lead(text, m):
            continue
        if m["d"] or m["d0"] or m["p"] or m["q"]:  # 1. / 01 / (1): items only where the text has no (一)(二) items (else sub-items)
            digit_marks.append((m.start(), m.end(), int(m["d"] or m["d0"] or m["p"] or m["q"])))
            continue
        n = to_int(m["n"])
        if n is not None:
            marks.append((m.start(), m.end(), n))
    if not marks:
        marks = digit_marks
    elif digit_marks:
        # “(一)部门职责\n1.…\n2.…”: a (一) heading line that names a list of duties; its 1. 2. … are that list
        promoted = []
        for i, (_ms, me, _n) in enumerate(marks):
            end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
            first = text[me:end].split("\n", 1)[0].strip()
            if len(first) <= 16 and ("。" not in first and re.search(r"职责|职能", first)
                                     or "。" not in first[:-1] and re.search(r"单位构成|机构设置|内设机构", first)):
                promoted += [d for d in digit_marks if me < d[0] < end]
        promoted += _digit_list_after_heading(text, marks, digit_marks)
        if len(promoted) >= 2:
            marks = sorted(set(marks + promoted))
    items = []
    for i, (ms, me, n) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        items.append(Item(n, me, end, ms))
    return items


def _digit_list_after_heading(text: str, marks: list, digit_marks: list) -> list:
    """“(六)…⏎二、机构设置⏎X设6个内设机构:⏎1. 党政办公室⏎2. …”: digit items after a heading line that ends the last
    (一)(二) item are a list of their own, not its sub-items."""
    hm = re.compile(r"(?m)^[ \t]*(?:第" + CN_NUM + r"条|" + CN_NUM + r"、)").search(text, marks[-1][1])
    if hm is None:
        return []
    tail = [d for d in digit_marks if d[0] > hm.start()]
    return tail if len(tail) >= 2 and tail[0][2] == 1 else []


def _runs(items: list[Item]) -> list[list[Item]]:
    runs: list[list[Item]] = []
    for it in items:
        if runs and it.number == runs[-1][-1].number + 1:
            runs[-1].append(it)
        else:
            runs.append([it])
    return runs


def _cut_at_heading(text: str, start: int, end: int) -> int:
    """An item ends at the next heading line (第X条 / 四、人员编制 / a trigger line)."""
    pos = start
    for line in text[start:end].split("\n")[1:]:
        pos = text.find(line, pos + 1) if line else pos + 1
        stripped = line.strip()
        if stripped and (HEADING_RE.match(stripped) or re.match(r"^(?:内设机构|人员编制|工作规范|领导职数)\s*[:]?\s*$", stripped)):
            return pos
    return end


SUBORDINATE_UNITS_RE = re.compile(r"(?:所属|下属|直属)(?:事业)?单位(?:\s*" + NUM + r"\s*个)?[,，]?\s*(?:分别)?(?:是|为|有|包括)?\s*[:：]\s*$")
SKIP_HEADING_RE = re.compile(r"(?:职能调整|职责调整|职能转变|其他事项|附则|工作规范|工作制度|职责分工)")


def _context_kind(text: str, run_start: int, prev_end: int) -> str | None:
    window = text[max(prev_end, run_start - 160):run_start]
    # the words under the nearest heading line only (a title naming 主要职责…内设机构 says nothing of this list)
    heads = [m for m in re.finditer(r"(?m)^[ \t]*(?:第" + CN_NUM + r"条|" + CN_NUM + r"、)[^\n]*", window)]
    if heads:
        window = window[heads[-1].start():]
        if SKIP_HEADING_RE.search(heads[-1].group(0)[:20]):
            return "skip"
    last_line = window.strip().split("\n")[-1] if window.strip() else ""
    # a list of requirements (“应当包括下列事项:”) is neither duties nor bodies
    if re.search(r"(?:下列事项|下列内容|下列条件|下列情形|以下事项|应当包括|应当具备)[:：]?\s*$", window.strip()[-40:]):
        return "skip"
    # the nearest trigger wins
    b = max((m.end() for m in BODY_TRIGGER_RE.finditer(window)), default=-1)
    d = max((m.end() for m in DUTY_TRIGGER_RE.finditer(window)), default=-1)
    if b < 0 and d < 0:
        return None
    if b > d:
        return "bodies"
    return "duties" if last_line or d >= 0 else None


# a body's heading with its telephone number: “(二)办信科(电话:81261181)”
PHONE_NOTE_RE = re.compile(r"[(（](?:联系)?电话[:：]?[\d\-—－ ]{5,20}[)）]")


def _looks_like_body(first: str) -> bool:
    head = re.split(r"[。\n:]|\s{1,}|职责[:]|负责|承担", PHONE_NOTE_RE.sub("", first.strip()), maxsplit=1)[0]
    if head.startswith("中华人民共和国"):
        return False  # a ministry's full name (“1.中华人民共和国煤炭工业部”): a list of the State's bodies, no unit's own
    return bool(re.fullmatch(r"(?!" + VERB_START + r")[" + CJK + r"()]{2,30}?" + BODY_SUFFIX + r"(?:\([^()]{1,30}\))?", head)) \
        or glued_body_name(first) is not None  # “(三)财务科拟定…”: the name runs straight into its duties (heldout12)


def _names_duty_list(item_text: str) -> bool:
    """“(一)主要职责⏎根据…，X是…部门。⏎1.…”: a heading line naming duties, then a lead-in sentence, heads the list."""
    first = item_text.strip().split("\n", 1)[0].strip()
    return len(first) <= 8 and bool(re.fullmatch(r"(?:主要|部门|单位|工作)?(?:职责|职能|职能职责)", first))


# “1、宁乡县国土管理局于1987年5月经…批准成立；…”: a numbered paragraph about a body (its subject, then what it is or
# when it was set up) describes it; a duty starts with what is done
SUBJECT_PARAGRAPH_RE = re.compile(r"^\s*[" + CJK + r"()]{2,30}?" + UNIT_SUFFIX +
                                  r"(?:于|作为|是|系|成立|始建|创建|组建|位于|地处|现有|共有|前身)")


def _subject_paragraph(first: str) -> bool:
    return bool(SUBJECT_PARAGRAPH_RE.match(first))


def _labelled_steps(firsts: list[str]) -> bool:
    """“(一)请示:…(二)受理:…”: items that each start with a short label and a colon are the steps of a procedure
    (or the terms of a definition list), not duties (heldout11)."""
    labelled = sum(bool(re.match(r"\s*[" + CJK + r"]{2,6}[:：](?!\s*$)", f)) for f in firsts)
    return labelled >= max(2, len(firsts) * 0.7)


# the words of a rule a staff member must keep (“…要及时帮其办理”, “其职责必须有人代替履行”, “不得…”); a unit's duties state
# what it does (“负责…”, “拟订…”) and none of the 667 duties read from the corpus's texts holds one of these
_OBLIGATION_RE = re.compile(r"必须|应当|不得|严禁|须经|一律|(?<![主重需])要(?:做到|及时|按照|认真|严格|做好|向|帮|坚持|主动)")


# an item that opens with a condition, “编制在10名以下的,核定1-2名;”, “对符合条件的,…”: a rule's cases, not a duty
_CONDITION_ITEM_RE = re.compile(r"^[^,;:。\n]{2,24}的,")


def _rules_run(firsts: list[str]) -> bool:
    """“(一)…本办各股(室)要按照…(二)…其职责必须有人代替履行”: an office's 工作制度, the rules its staff keep (at least
    half the items oblige someone), not a unit's duties (heldout_final10, after its one run); and a regulation's
    cases, each item a condition and what follows from it (“(一)编制在10名以下的,核定1-2名;”, heldout_final19 after
    its two runs)."""
    return sum(bool(_OBLIGATION_RE.search(f)) or bool(_CONDITION_ITEM_RE.match(f.strip())) for f in firsts) * 2 >= len(firsts)


def _line_above(text: str, pos: int) -> str:
    end = text.rfind("\n", 0, pos)
    return text[text.rfind("\n", 0, end) + 1:end] if end > 0 else ""


def _announces_list(line: str) -> bool:
    """The line above a run announces a list, in any wording, when it ends with a colon (“市科协主要工作任务是:”,
    “其职能如下:”) and names no bodies, no units under the unit and no conditions or matters (“应当包括下列事项:”).
    Only the line's last sentence leads in (a one-line copy's line holds the sentences before it too); an anti-copy
    string after the colon is blanked before (`final2_clauses.blank_junk`)."""
    line = re.split(r"[。;；]", line.strip())[-1].strip()
    return bool(re.search(r"[:：]$", line)) and not BODY_TRIGGER_RE.search(line) \
        and not SUBORDINATE_UNITS_RE.search(line) and not re.search(r"(?:事项|内容|条件|情形|要求|程序|原则)[:：]$", line)


def _lead_of(text: str, pos: int) -> str:
    """The words that lead into the item at `pos`: what stands before it on its line (“政府职责:(1)…”), else the line
    above it."""
    before = text[text.rfind("\n", 0, pos) + 1:pos].strip()
    return before or _line_above(text, pos)


def _duty_run(run: list[Item], firsts: list[str]) -> bool:
    """A run reads as duties by its items alone: at least three, counting from 1, most opening with what is done
    (“负责…”, “宣传贯彻…”, “组织…”), none a body's name, no procedure's labelled steps, no staff rules."""
    led = sum(bool(DUTY_VERB_RE.match(f.strip())) for f in firsts)
    return len(run) >= 3 and run[0].number == 1 and led * 10 >= len(run) * 7 \
        and not _labelled_steps(firsts) and not _rules_run(firsts)


def item_runs(text: str) -> list[tuple[str, list[Item]]]:
    """[(kind, items)] with kind 'duties' or 'bodies'."""
    items = _numbered_items(text)
    out = []
    prev_end = 0
    prev_run: list[Item] = []
    for run in _runs(items):
        for it in run:
            it.end = _cut_at_heading(text, it.start, it.end)
        line_start = text.rfind("\n", 0, run[0].mark_start) + 1
        if prev_run and prev_run[-1].start < line_start < prev_run[-1].end and text[line_start:run[0].mark_start].strip():
            prev_run[-1].end = line_start  # “…(3)领导…。⏎政府职责:(1)…”: the next list's lead line ends the last item
        duty_head = len(prev_run) == 1 and prev_run[0].end == run[0].mark_start and \
            _names_duty_list(text[prev_run[0].start:prev_run[0].end])
        if len(prev_run) == 1 and prev_run[0].end == run[0].mark_start and (
                len(text[prev_run[0].start:prev_run[0].end].strip()) <= 16 or duty_head):
            prev_end = prev_run[0].mark_start  # “(一)主要职能” heads the 1. 2. … that follow: its words name them
        prev_run = run
        kind = _context_kind(text, run[0].mark_start, prev_end)
        if kind is None and duty_head and len(run) >= 2:  # “(一)部门职责⏎lead-in⏎1.…2.…”
            kind = "duties"
        if kind is None and len(run) >= 2 and DUTY_HEADING_LINE_RE.match(_line_above(text, run[0].mark_start)):
            kind = "duties"  # “一、部门职责” alone on the line above the list
        if SUBORDINATE_UNITS_RE.search(_line_above(text, run[0].mark_start)):
            kind = "skip"  # “…12个内设机构,包括:…,所属单位4个,分别是:⏎1.…”: the units under it, not its bodies
        if kind == "skip":
            prev_end = run[-1].end
            continue
        firsts = [text[it.start:it.end] for it in run]
        bodyish = sum(_looks_like_body(f) for f in firsts)
        if kind is None:
            if len(run) >= 2 and bodyish >= max(2, len(run) * 0.7):
                kind = "bodies"
            elif len(run) >= 2 and bodyish == 0 and all(len(f.strip()) >= 12 for f in firsts) and \
                    sum(_subject_paragraph(f) for f in firsts) * 2 < len(run) and \
                    sum(text[it.start:it.end].strip().endswith("。") for it in run) >= len(run) * 0.8 and \
                    not all(re.fullmatch(r"[" + CJK + r"]{2,10}", f.strip().split("\n")[0]) for f in firsts) and \
                    not _labelled_steps(firsts) and not _rules_run(firsts):
                kind = "duties"  # (a plan's outline “(一)编制目的⏎为…” is section headings, not duties)
        elif kind == "bodies" and bodyish < len(run) / 2:
            kind = None  # named after 内设机构, but the items are not bodies
            if bodyish == 0 and len(run) >= 2 and DUTY_AND_BODIES_HEADING_RE.match(_line_above(text, run[0].mark_start)):
                kind = "duties"  # “一、部门主要职责及机构设置⏎1.团结…”: the heading names both, the items are duties (heldout38)
        elif kind == "duties" and bodyish == len(run) and len(run) >= 2 and \
                all(len(re.split(r"[。\n]", f.strip())[0]) <= 20 for f in firsts):
            kind = "bodies"
        kind = _heldout12_kind(kind, run, firsts, bodyish)
        if kind is None and bodyish == 0 and _duty_run(run, firsts) and _announces_list(_lead_of(text, run[0].mark_start)):
            kind = "duties"  # a list is a list wherever it stands: a lead ending in a colon over verb-led items
        if kind:
            out.append((kind, run))
        prev_end = run[-1].end
    return out


def split_body_item(text: str, it: Item, last: bool) -> list[tuple[str, int, int, str, int]]:
    """A numbered body item → [(name, name_start, name_end, duties, end)], plus unnumbered bodies that follow
    the last item (“离退休干部处。 直属机关党委。”, “机关党委 负责机关党群工作。”)."""
    chunk = text[it.start:it.end]
    lead = len(chunk) - len(chunk.lstrip())
    s = it.start + lead
    body = chunk.strip()
    m = re.match(r"(?P<name>[^。\n:]{1,40}?)(?:[。\n]|\s+|(?=职责[:])|:(?=\s*(?:负责|承担|主要负责|对|代表|[" + CJK + r"]))|(?=(?:主要)?负责)|(?=承担)|$)", body)
    name = m["name"].strip() if m else body.split("\n")[0]
    phoned = re.match(r"(?P<name>[^。\n:(（]{1,40}?)" + PHONE_NOTE_RE.pattern, body)
    if phoned and re.search(BODY_SUFFIX + r"$", phoned["name"]):  # “办信科(电话:81261181)”: the number is no part of it
        m, name = phoned, phoned["name"]
    gm = glued_body_name(body)
    if gm is not None and not re.search(BODY_SUFFIX + r"(?:\([^()]*\))?$", name.rstrip("。:")):
        m, name = gm, gm["name"]  # “财务科拟定中心的…;负责…”: the name ends where its first duty's verb starts (heldout12)
    if not re.search(BODY_SUFFIX + r"(?:\([^()]*\))?$", name) and len(name) > 30:
        name = body.split("\n")[0][:30]
    name = name.rstrip("。:")
    name_end = s + len(name)
    rest_start = s + (m.end() if m else len(body))
    rest = text[rest_start:it.end]
    result = []
    if not last:
        result.append((name, s, name_end, rest.strip(), it.end))
        return result
    # the last item: its own duty text, then maybe unnumbered bodies
    own_end = rest_start
    pos = rest_start
    pieces = re.split(r"(?<=[。\n])", rest)
    own: list[str] = []
    unnumbered = []
    for piece in pieces:
        p_start = pos
        pos += len(piece)
        stripped = piece.strip()
        if not stripped:
            continue
        lead2 = len(piece) - len(piece.lstrip())
        um = UNNUMBERED_NAME_RE.match(stripped)
        if um and (len(stripped) <= len(um["name"]) + 1 or re.match(r"^\s*(?:负责|承担|主要负责)", stripped[len(um["name"]):])
                   or stripped[len(um["name"]):].startswith((" ", "\t"))):
            unnumbered.append([um["name"], p_start + lead2, p_start + lead2 + len(um["name"]),
                               stripped[len(um["name"]):].strip().lstrip("。"), pos])
            continue
        if unnumbered:
            if len(stripped) < 200 and not re.match(r"^(?:" + VERB_START + r")", stripped) and "。" not in stripped[:-1] \
                    and not stripped.startswith(("负", "承")):
                break  # something else (法律依据:…) ends the list
            if re.match(r"^\s*(?:负责|承担)", stripped) and piece.startswith((" ", "\n")) is False:
                unnumbered[-1][3] += stripped
                unnumbered[-1][4] = pos
                continue
            break
        own.append(stripped)
        own_end = pos
    own_text = "".join(own)
    if re.match(r"^(?:" + VERB_START + r")", own_text) is None and len(own_text) < 40 and not unnumbered and own_text:
        pass
    result.append((name, s, name_end, own_text.strip(), own_end))
    for n, ns, ne, duties, end in unnumbered:
        result.append((n, ns, ne, duties, end))
    return result


INLINE_BODIES_RE = re.compile(
    r"(?:(?:内设机构|科室|股室|处室|部室|机构)(?:调整|设置)为|内设有|下设有|内设|下设|增设|设有|设置|"
    r"(?:(?<=^)|(?<=[\n,，。;:：局委办厅部院心室队站所会署关另共现馆]))设(?![置立计施]))(?![和或及与、])(?!\s*" + NUM + r"\s*个)(?P<list>[" + CJK + r"()、\n]{2,400}?)(?:等|共)?\s*(?P<n>" + NUM + r")\s*个"
    r"(?:" + RANK + r")?(?:内设机构|内设科室|内设股室|内设处室|股室|科室|处室|部室|职能[处科股司]室?|机构|[处科股室司]|股室和直属单位)")
# these two run on the text with brackets masked: a body's bracketed second name stays with it
INLINE_BODIES_COLON_RE = re.compile(r"(?:内设机构|设下列内设机构|设下列机构|内设科室|(?:内设|下设)[^:。\n]{0,16}?(?:处室|科室|股室|机构|部门)|"
                                    r"(?:处室|科室|股室|部室)(?:设置|构成|组成))[^:。\n]{0,12}:"
                                    r"(?P<list>(?:[^。:;\n()]|\(\x00{1,40}\)){2,400})")
INLINE_BODIES_HAVE_RE = re.compile(r"(?:内设机构|内设科室|内设处室|内设股室|下设机构)[,，]?(?:主要)?(?:有|包括|为)[:：,，]?(?!\s*" + NUM
                                   + r"\s*个)(?P<list>[^。:;\n]{2,400})")
# the count before the list: “现有内设处室21个,即A、B、…”, “内设科室5个,分别为A、…”
INLINE_BODIES_COUNT_FIRST_RE = re.compile(r"(?:内设|下设)(?:机构|处室|科室|股室|部门)\s*" + NUM + r"\s*个\s*[,，]?\s*"
                                          r"(?:即|分别为|分别是|为|包括|有)[:：]?(?P<list>[^。:;\n]{2,400})")
# “…等6个职能科室、A、B、C3个综合平台”: a second group named after the first one's count
INLINE_MORE_RE = re.compile(r"、(?P<list>[" + CJK + r"()、\n]{2,300}?)\s*" + NUM + r"\s*个\s*[" + CJK + r"]{0,8}?(?:平台|中心|机构|科室|股室|处室|部室|单位)")
LIST_TAIL_RE = re.compile(r"等\s*(?:" + NUM + r"\s*个[^、]{0,12}|部门|机构|单位|处室|科室|股室)\s*$")
INLINE_BODIES_NAMED_RE = re.compile(r"设\s*" + NUM + r"\s*个[^,，。]{0,10}?(?:组|科|股|室|处|司|机构|科室|股室|处室)\s*[,，]\s*(?:分别)?(?:为|是)[:：]?(?P<list>[^。:;\n]{2,400})")


# “中卫市气象局内设办公室(人事教育科、…)、业务科技科(政策法规科)、计划财务科,其规格为正科级” (no count, no colon)
INLINE_BODIES_SUBJECT_RE = re.compile(r"(?:^|(?<=[\n。;,:]))[ \t]*(?P<subj>[" + CJK + r"]{2,40}?" + UNIT_SUFFIX + r")?(?:机关)?(?:内设|下设)(?:机构)?(?:有|为)?(?::[ \t]*)?"
                                      r"(?P<list>[" + CJK + r"\x00()、]{4,400}?)(?=[,。;]|$)")
# one body set up by a sentence of its own: “设置县委农办秘书股,负责…”
SINGLE_BODY_RE = re.compile(r"(?:^|(?<=[\n。;]))[ \t]*(?:另|同时)?(?:设置|增设|单设|设立)(?P<name>[" + CJK + r"]{2,20}?(?:股|科|(?<!办公)室))(?=\s*[,。;])")


SUBJECT_LIST_TAIL_RE = re.compile(r"等(?:内设机构|职能科室|业务科室|科室|处室|股室|部室|机构)$")
# bodies named after the work they do, whose first word is also a verb: “组织人事科”, “监督科”, “研究室”, “法律事务科”
VERB_NAMED_BODY_RE = re.compile(r"(?:组织|监督|研究|指导|法律|办理|协助)[" + CJK + r"]{0,6}?" + BODY_SUFFIX + r"(?:\([^()]{1,40}\))?")
PLAQUE_NOTE_RE = re.compile(r"\((?:挂|加挂|增挂)[^()]*\)$")


def _same_name(a: str, b: str) -> bool:
    a, b = re.sub(r"^(?:中共|中国共产党)", "", a), re.sub(r"^(?:中共|中国共产党)", "", b)
    return a == b or a.endswith(b) or b.endswith(a)


def subject_bodies(text: str, unit: str | None) -> list[Found]:
    """Bodies listed after “(X)内设” with no count: the subject, when named, must be the document's unit (a list
    of another unit's bodies in the same text is not this unit's). Names keep their bracketed second name."""
    masked = _mask_parens(text)
    for m in INLINE_BODIES_SUBJECT_RE.finditer(masked):
        subj = m["subj"]
        if subj and unit is not None and not _same_name(subj, unit):
            continue
        listed = m["list"]
        counted = re.search(r"(?:等|共)?\s*" + NUM + r"\s*个[" + CJK + r"]{0,6}$", listed)  # “…和研究部三个部室”
        if counted:
            listed = listed[:counted.start()]
        listed = SUBJECT_LIST_TAIL_RE.sub("", listed)  # “…、监督科等科室”: the group's name closes the list
        pieces, pos, out = listed.split("、"), m.start("list"), []
        for n, piece in enumerate(pieces):
            name = text[pos:pos + len(piece)].strip()
            if not (re.fullmatch(r"(?!" + VERB_START + r")[" + CJK + r"]{2,24}?" + BODY_SUFFIX + r"(?:\([^()]{1,40}\))?", name)
                    or VERB_NAMED_BODY_RE.fullmatch(name)):
                out = []
                break
            halves = _split_and(name) if n == len(pieces) - 1 else [(name, 0)]
            for sub, off in halves:
                note = PLAQUE_NOTE_RE.search(sub)  # “产权交易科(挂市产权交易中心牌子)”: a note, not a second name
                out.append(Found(sub[:note.start()] if note else sub, pos + off,
                                 pos + off + (note.start() if note else len(sub))))
            pos += len(piece) + 1
        if len(out) >= 2:
            return out
    return []


def single_bodies(text: str, unit: str | None) -> list[Found]:
    out = []
    for m in SINGLE_BODY_RE.finditer(text):
        if unit and _same_name(m["name"], unit):
            continue
        out.append(Found(m["name"], m.start("name"), m.end("name")))
    return out


# a plaque stated apart from the unit's statement: “(1)X。在Y加挂该机构牌子。”, “在Y加挂X牌子”
PLAQUE_AFTER_RE = re.compile(r"(?:^|(?<=[\n。;:,)]))[ \t]*(?P<name>[" + CJK + r"]{2,40}?" + UNIT_SUFFIX + r")[。,]?\s*(?:在|于)"
                             r"(?P<host>[" + CJK + r"]{2,40}?" + UNIT_SUFFIX + r")(?:加挂|挂|增挂)(?:该机构|该|其)?(?:的)?牌子")
PLAQUE_IN_RE = re.compile(r"(?:在|于)(?P<host>[" + CJK + r"]{2,40}?" + UNIT_SUFFIX + r")(?:加挂|增挂|挂)(?P<name>[" + CJK + r"]{2,40}?" +
                          UNIT_SUFFIX + r")(?:的)?牌子")


SHORT_NAME_RE = re.compile(r"(?P<name>[" + CJK + r"]{2,40}?" + UNIT_SUFFIX + r")" + name_forms.bracket("short"))


def short_name_clause(text: str, unit: str | None) -> Found | None:
    """“决定成立县抗震救灾指挥部(以下简称指挥部)”: a short name given to the unit outside its statement sentence."""
    if not unit:
        return None
    core = re.sub(r"^[" + CJK + r"]{1,8}?(?:省|自治区|市|自治州|州|县|自治县|区|旗)", "", unit)
    for m in SHORT_NAME_RE.finditer(text):
        name = m["name"]
        name_core = re.sub(r"^.*?(?:成立|设立|组建|将|由|的)", "", name)
        name_core = re.sub(r"^[" + CJK + r"]{0,8}?(?:省|自治区|市|自治州|州|县|自治县|区|旗)", "", name_core)
        if name_core and (name_core == core or core.endswith(name_core) and len(name_core) >= 4):
            return Found(m["short"], m.start("short"), m.end("short"))
    return None


def plaque_clauses(text: str, unit: str | None) -> list[Found]:
    if not unit:
        return []
    out = []
    for rx in (PLAQUE_AFTER_RE, PLAQUE_IN_RE):
        for m in rx.finditer(text):
            before = text[max(0, m.start() - 8):m.start()]
            if _same_name(m["host"], unit) and not re.search(r"(?:不再|撤销|取消|摘除)", before + m.group(0)):
                out.append(Found(m["name"], m.start("name"), m.end("name")))
    return out


def _split_and(piece: str) -> list[tuple[str, int]]:
    """“防震减灾管理处和科技监测处” → two names, when both halves are body names (“人事和教育科” stays one)."""
    m = re.fullmatch(r"(?P<a>.+?" + BODY_SUFFIX + r")(?:和|及|以及)(?P<b>.+?" + BODY_SUFFIX + r")[。,]?", piece.strip())
    if m and len(m["a"]) >= 3 and len(m["b"]) >= 3:
        lead = len(piece) - len(piece.lstrip())
        return [(m["a"], lead), (m["b"], lead + m.start("b"))]
    return [(piece, 0)]


def inline_bodies(text: str) -> list[Found]:
    out: list[Found] = []
    masked = _mask_parens(text)
    for rx in (INLINE_BODIES_RE, INLINE_BODIES_COLON_RE, INLINE_BODIES_HAVE_RE, INLINE_BODIES_NAMED_RE,
               INLINE_BODIES_COUNT_FIRST_RE):
        source = masked if rx in (INLINE_BODIES_COLON_RE, INLINE_BODIES_HAVE_RE, INLINE_BODIES_COUNT_FIRST_RE) else text
        for m in rx.finditer(source):
            if "、" not in m["list"]:
                continue
            pos = m.start("list")
            listed = m["list"]
            tail = LIST_TAIL_RE.search(listed)  # “…、食品安全协调司等27个司局部门”
            if tail:
                listed = listed[:tail.start()]
            inner = max(listed.rfind(w) for w in ("内设", "下设", "设有"))
            if inner >= 0:  # “机构设置\n某县统计局内设办公室、…”: the list starts after the nearer verb
                pos += inner + 2
                listed = listed[inner + 2:]
            # “内设机构为三部一室,分别为A、B…”: a count of the bodies (or any short phrase) and its “分别为/即” before the names
            counted = re.match(r"[^、,，:：。\n]{1,12}[,，]\s*(?:分别为|分别是|即|包括|依次为)[:：]?", listed)
            if counted:
                pos += counted.end()
                listed = listed[counted.end():]
            subject = re.match(r"\s*[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r"设(?![置立计施有])", listed)
            if inner < 0 and subject:  # “单位机构设置⏎息烽县文化馆设办公室、…”: after the subject's own “设”
                pos += subject.end()
                listed = listed[subject.end():]
            groups = [(pos, listed)]
            more = INLINE_MORE_RE.match(text, m.end()) if rx is INLINE_BODIES_RE else None
            if more:
                groups.append((more.start("list"), more["list"]))
            for pos, listed in groups:
                for mpiece in listed.split("、"):
                    piece = text[pos:pos + len(mpiece)]
                    piece = piece[:len(re.split(r"[,，]", _mask_parens(piece), maxsplit=1)[0])]  # “A,所属单位4个”: a clause after the last name
                    for sub, off in _split_and(piece):
                        clean = re.sub(r"\s+", "", sub).strip("。,")
                        clean = re.sub(r"\((?:挂|加挂|增挂|电话|联系电话)[^()]*\)$", "", clean)  # a note, not a second name
                        bare = re.sub(r"\([^()]*\)$", "", clean)
                        # a list's slips: an item given twice, or cut short after its full form (“公共服务办公室、…公共服务办”)
                        if any(f.value == clean or f.value.startswith(clean) for f in out):
                            continue
                        if clean and re.search(BODY_SUFFIX + r"$|馆$|院$|会$|组$", bare) and len(clean) <= 30:
                            out.append(Found(clean, pos + off, pos + off + len(sub)))
                    pos += len(mpiece) + 1
            if out:
                return out
    return out


# a heading line for a list of bodies, then one name per line: “机关处室⏎办公室⏎发展规划处⏎…”
# a line announcing a list of bodies, one name a line below it: “机关处室 更多》”, “内设机构”, and as a pasted section
# (“三、内设机构”, “第四条 县水利局设下列内设机构：”, “设4个内设机构：”)
HEADING_LIST_RE = re.compile(r"(?m)^[ \t]*(?:(?:" + CN_NUM + r"、|\(" + CN_NUM + r"\)|第" + CN_NUM + r"条)[ \t]*)?"
                             r"(?:[" + CJK + r"]{0,24}?设(?:下列|以下|如下)?[ \t]*(?:" + NUM + r"[ \t]*个)?)?"
                             r"(?:机关)?(?:处室|科室|股室|内设机构|内设处室|内设科室|机构设置)(?:设置|如下|为|有)?"
                             r"[ \t]*(?:更多\W*)?[ \t]*[:：]?[ \t]*$")
LINE_BODY_RE = re.compile(r"(?!" + VERB_START + r")[" + CJK + r"“”]{2,24}?" + BODY_SUFFIX + r"(?:\([^()]{1,40}\))?")


def heading_list_bodies(text: str) -> list[Found]:
    for hm in HEADING_LIST_RE.finditer(text):
        out, pos = [], hm.end()
        for line in text[hm.end():].split("\n")[1:]:
            pos = text.index(line, pos) if line else pos + 1
            name = line.strip().rstrip("。;,、.")  # “办公室；” / “办公室。”: a list's own punctuation
            if not name:
                if out:
                    break
                continue
            if not LINE_BODY_RE.fullmatch(name):
                break
            start = pos + line.index(name)
            if not any(f.value == name for f in out):
                out.append(Found(name, start, start + len(name)))
            pos += len(line)
        if len(out) >= 2:
            return out
    return []


# bodies numbered like chapters under a line that announces them: “区人民政府办公室设6个内设机构:⏎一、秘书组⏎负责…⏎
# 二、办文组⏎负责…” (each “N、name” line a body, the lines under it its duties)
CHAPTER_BODIES_TRIGGER_RE = re.compile(r"(?m)(?:设\s*" + NUM + r"\s*个(?:内设机构|职能[处科股司]室?|处室|科室|股室|部室|机构)|设下列(?:内设)?机构)"
                                       r"[^\n:：]{0,8}[:：][ \t]*$")
CHAPTER_BODY_LINE_RE = re.compile(r"[ \t]*(?P<n>" + CN_NUM + r")、[ \t]*(?P<name>(?!" + VERB_START + r")[" + CJK + r"]{2,20}?" + BODY_SUFFIX +
                                  r"(?:\([^()\n]{1,30}\))?)[ \t]*$")


def chapter_bodies(text: str) -> list[tuple[Found, str]]:
    """[(name, its duty text)] for bodies numbered 一、二、… under a “设N个内设机构:” line (numbers in order)."""
    for tm in CHAPTER_BODIES_TRIGGER_RE.finditer(text):
        out: list[list] = []
        pos = tm.end() + 1
        for line in text[tm.end() + 1:].split("\n"):
            lm = CHAPTER_BODY_LINE_RE.fullmatch(line)
            if lm and to_int(lm["n"]) == len(out) + 1:
                out.append([Found(lm["name"], pos + lm.start("name"), pos + lm.end("name")), ""])
            elif re.match(r"^\s*(?:第" + CN_NUM + r"条|" + CN_NUM + r"、)", line) or (not out and line.strip()):
                break  # another heading (“四、人员编制”), or the list does not start right under its line
            elif out:
                out[-1][1] += line.strip()
            pos += len(line) + 1
        if len(out) >= 2:
            return [(f, duties) for f, duties in out]
    return []


# ------------------------------------------------------------------ staffing
# the wording in front of the type names who uses it (“机关后勤服务全额拨款事业编制”, “行政执法类事业编制”): kept in raw
STAFF_TYPE = (r"(?:机关|机关工勤人员|工勤人员)?(?:后勤服务|行政执法类|执法类|公益一类|公益二类|公益类)?"
              r"(?:行政|事业工勤|事业控制|控制|事业|政法专项|工勤人员|工勤|后勤服务人员|参照公务员法?管理的?事业|"
              r"参公事业|参公管理事业|财政全额拨款事业|全额拨款事业|差额拨款事业|自收自支事业|全额事业|差额事业|公益一类事业|公益二类事业|专项事业|专项|机动|周转|"
              # 深圳's own kinds of staff (heldout31): “行政事务编制18人,雇员编制11人,临时聘用编制8人”
              r"行政事务|雇员|临时聘用)"
              r"编(?:制)?(?:\((?:参照公务员法管理|参公|参公管理|\x00{2,10})\))?")
_FUNDING = r"(?:全额拨款|差额拨款|差额补助|自收自支|财政补助|全额|差额)?"
STAFF_RE = re.compile(r"(?P<type>" + STAFF_TYPE + r")\s*(?:财政人数|人数|数)?\s*(?:为|共|核定为|核定|总数为|合计|共计|)\s*"
                      # “行政编制由原来的26名增加到46名”: the number it has now
                      r"(?:由(?:原来的|原)?\s*" + NUM + r"\s*[名人个]\s*(?:增加|调整|减少|核增|核减|增|减)?(?:至|到|为)\s*)?"
                      # “行政编制万人比为11.7” is a ratio to the population, not a figure
                      r"(?P<n>" + NUM + r")\s*(?P<unit>名|人|个)(?!(?<=万人)比)")
TOTAL_STAFF_RE = re.compile(r"(?:人员编制|编制)(?:总数|总额)?\s*(?:为|共)\s*(?P<n>" + NUM + r")\s*名")
# who holds the 编制 decides before its kind (“机关工勤人员事业编制” is 工勤编制, the platform's convention); the words in
# front of a kind are kept in raw (“行政执法类事业编制” is 事业编制: 事业 is checked before 行政).
PLATFORM_TYPES = [("政法专项", "政法专项编制"), ("参照公务员", "事业编制（参照公务员法管理）"), ("参公", "事业编制（参照公务员法管理）"),
                  ("控制", "其他编制"), ("行政事务", "其他编制"), ("工勤", "工勤编制"), ("后勤服务", "工勤编制"), ("事业", "事业编制"), ("行政", "行政编制")]
# a staffing figure with no kind: “人员编制核定为76名”, “核定人员编制76名”, an entry's “人员编制7人”, “人员定编3人”, an old
# text's “定编8名” (kept as 其他编制 with the wording in raw, flagged)
UNTYPED_STAFF_RE = re.compile(r"(?<![总额])(?P<type>人员编制|人员定编|(?<![核确])定编)\s*(?:核定为|核定|为|共)?\s*(?P<n>" + NUM + r")\s*[名人个](?!(?<=万人)比)"
                              r"|核定(?P<type2>人员编制)\s*(?P<n2>" + NUM + r")\s*名"
                              r"|核定(?P<type3>编制)人员\s*(?P<n3>" + NUM + r")\s*[名人]")


# Whose figure a staffing sentence states, and whether it is a holding (the grammar of the sentence, not its wording):
# - a figure that changes a unit's staffing (“核减县农业农村局事业编制2名”, “从X划转行政编制3名”) is no holding; what the
#   unit has after it (“核减后该局事业编制为38名”, “调整后…为504名”) is;
CHANGE_VERB_RE = re.compile(r"(?:核增|核减|增加|减少|划转|划入|划出|划给|收回|调剂|调入|调出|精简|追加|增编|减编|核销)(?![后到至为])")
AFTER_CHANGE = r"(?:调整|核增|核减|增加|减少|划转|划入|划出|变更|增编|减编)后"
# - a figure for many units at once is no unit's: the whole county's (“全县有各类编制2194名,其中…”), ten bureaus'
#   (“核定10个林业局总编制1427名(…)”), every town's or each body's (“每个乡镇定编35人”, “全市乡镇…行政编制556人”,
#   “各中心核定编制3名”); “全市核定事业编制1万人” (a figure with no holder) and a whole 局 (“全局”) stay;
COLLECTIVE_SUBJECT_RE = re.compile(
    r"(?:全(?:县|市|区|省|州|盟|旗|国)(?:共有|共|有|合计|总计|系统|各类)|全系统|"
    r"全[市县区省州旗盟][" + CJK + r"]{0,6}?(?:乡镇|乡|镇|街道|村)|"
    r"(?:" + NUM + r")个[" + CJK + r"]{0,10}?(?:局|单位|部门|乡镇|乡|镇|街道|站|所|中心|机构|学校|医院|林场|分局|院|馆)(?:机关)?|"
    r"每个|每一个|每(?=[乡镇街村县区])|各(?![类项种级])个?|所有)[" + CJK + r"、()\x00]{0,14}$")

def collective_subject(text: str, at: int) -> bool:
    """Whether the staffing figure at `at` is stated for many units at once (the subject of its clause, up to 40
    characters back: `COLLECTIVE_SUBJECT_RE`) — the one check every staffing reader makes."""
    before = _mask_parens(text[max(0, at - 80):at])
    sentence = re.split(r"[。\n]", before)[-1]
    return bool(COLLECTIVE_SUBJECT_RE.search(re.split(r"[,;:]", sentence)[-1])
                or re.match(r"\s*(?:目前|当前|截至[^,]{0,12}[,]?)?\s*全(?:县|市|区|省|州|盟|旗|国)(?:共有|共|有|合计|总计)", sentence))


# the first 编制 figure of a sentence, typed or not: the words before it name whose it is
STAFF_FIGURE_RE = re.compile(r"编(?:制)?(?:数|总数|总额)?\s*(?:为|共|核定为|核定)?\s*" + NUM + r"\s*[名人个]")
# - a total with no kind broken down by kind: “编制74名(行政编制5名,事业编制69名)”, “核定编制6名,含工勤人员编制1名”
UNTYPED_TOTAL_RE = re.compile(r"(?<![行政事业勤项制关控周动雇专])(?P<type>(?:人员)?编制(?:数|总数)?|总编制)\s*(?:为|共|核定为)?\s*(?P<n>" + NUM +
                              r")\s*[名人个]\s*(?:\(|[,，]?\s*(?:其中|含|包括)\s*[:：]?)")


def platform_staffing_type(raw: str) -> tuple[str, bool]:
    """(platform type label, known?) for a staffing wording."""
    for needle, label in PLATFORM_TYPES:
        if needle in raw:
            return label, label != "其他编制"  # a control figure (控制编制) is kept, and flagged
    return "其他编制", False


def staffing_entry(wording: str, count: int, raw: str | None = None) -> dict:
    """A staffing value: the platform's type for `wording`, the wording kept in "raw" (or `raw` when given), the
    count, no inclusions yet; wording the platform does not know is kept and flagged "unknown"."""
    label, known = platform_staffing_type(wording)
    entry = {"type": label, "raw": wording if raw is None else raw, "count": count, "includes": []}
    if not known:
        entry["unknown"] = True
    return entry


POST_SUFFIX = (r"(?:局长|厅长|部长|署长|主任|书记|主席|会长|院长|馆长|校长|所长|站长|队长|团长|行长|组长|秘书长|社长|政委|政治委员|乡镇长|镇长|乡长|"
               r"总工程师|总经济师|总会计师|总规划师|总农艺师|总畜牧师|总兽医师|总建筑师|总统计师|总审计师|总飞行师|总督学|督学|总师|总监|巡视员|调研员|专员|委员|审计长|总督察|副总督察|督察长|检察长|庭长|总编辑)")
# (an office's second name may stand in a post's title: “应急办(总值班室)主任1名”, heldout31)
POST_RE = re.compile(r"^(?:其中|另|设|核定|配备|另设)?\s*(?P<title>(?:副|常务副|专职副|专职)?(?:[" + CJK + r"]{1,20}\(\x00{1,20}\))?[" + CJK + r"]{0,36}?" + POST_SUFFIX + r")"
                     r"\s*(?P<pre>\(\x00*\))?\s*(?P<n>" + NUM + r")\s*(?P<unit>名|人)\s*(?P<paren>\(\x00*\))?\s*$")
LEAD_RE = re.compile(r"^(?:其中|另|设|核定)?\s*(?P<level>" + RANK + r"|[" + CJK + r"]{1,12}?)\s*(?:领导)?职数\s*(?:为|共)?\s*(?P<n>" + NUM +
                     r")\s*名\s*(?P<paren>\(\x00*\))?\s*$")
LEVEL_LEAD_RE = re.compile(r"^(?:其中|另|设)?\s*(?P<level>" + RANK + r")\s*(?:领导)?(?:职数)?\s*(?:为|共)?\s*(?P<n>" + NUM + r")\s*名\s*$")
# - posts: “局长、党组书记各1名”, “其中1名副局长兼任X”, “(设主任1名,)由副镇长兼任”, “局领导职数为局长1名(正科级)”
EACH_POSTS_RE = re.compile(r"(?:^|(?<=[,;:。\n]))\s*(?:其中|设|配备|核定)?\s*(?P<titles>[" + CJK + r"]{0,12}?" + POST_SUFFIX + r"(?:\s*[、和及]\s*[" + CJK + r"]{0,12}?"
                           + POST_SUFFIX + r")+)\s*各\s*(?P<n>" + NUM + r")\s*[名人]\s*(?=[,;。\n]|$)")
CONCURRENT_RE = re.compile(r"^(?:其中\s*(?P<n>" + NUM + r")\s*名\s*(?P<title>[" + CJK + r"]{0,12}?" + POST_SUFFIX + r")|由[" + CJK + r"]{2,20}?)兼任")
LEAD_PREFIX_RE = re.compile(r"^(?:[" + CJK + r"]{0,6}领导)?职数\s*(?:为|:)\s*(?=[" + CJK + r"])")


def _includes(inner: str) -> list[dict]:
    """The “含…” breakdown (core.includes, lenient on running text), under the key the parse-sanding JSON
    contract has always used for it ("type")."""
    return [{"type": item["label"], "count": item["count"]} for item in parse_includes(inner, strict=False)]


def _rank_note(inner: str) -> tuple[str | None, str | None]:
    inner = inner.strip()
    rm = re.fullmatch(r"(?P<rank>" + RANK + "|" + POST_RANK + r")(?:[,、;]\s*(?P<rest>.+))?", inner)
    if rm:
        return rm["rank"], rm["rest"]
    return None, inner or None


def read_staffing(text: str, start: int = 0, end: int | None = None) -> dict:
    """{staffing: [(dict, s, e)], posts: [...], leadership: [...]} from every staffing sentence in the range."""
    end = len(text) if end is None else end
    masked = _mask_parens(text)
    staffing, posts, leadership = [], [], []
    sentences = []
    pos = start
    for piece in re.split(r"(?<=[。\n])", text[start:end]):
        sentences.append((pos, pos + len(piece)))
        pos += len(piece)
    in_staffing = False
    breakdown: list = []
    for s, e in sentences:
        sm = masked[s:e]
        found_staff = False
        skip_until = -1
        first = STAFF_FIGURE_RE.search(sm)
        if first is not None and collective_subject(text, s + first.start()):
            in_staffing = False  # the figures of many units at once, and their parts and posts, are no unit's
            continue
        sentence_staffing = len(staffing)
        for m in STAFF_RE.finditer(sm):
            if s + m.start() < skip_until:
                continue
            count = to_int(m["n"])
            before = sm[max(0, m.start() - 12):m.start()]
            if count is None or re.search(r"(?:实有|现有|在编|在职|核增|核减|增加|减少|划转|收回|划出|划入)\s*$", before):
                continue
            clause_before = re.split(r"[,;:。]", sm[:m.start()])[-1]
            if CHANGE_VERB_RE.search(clause_before) and not re.search(AFTER_CHANGE, clause_before):
                continue  # “核减县农业农村局事业编制2名”: a change, not what the unit has
            if re.search(r"(?:总编制|编制总数)", sm[max(0, m.start() - 3):m.start() + 3]):
                continue
            raw = text[s + m.start("type"):s + m.end("type")]
            type_label, known = platform_staffing_type(raw)
            entry = {"type": type_label, "raw": raw, "count": count, "includes": []}
            if not known:
                entry["unknown"] = True
            paren = re.match(r"\s*\((\x00*)\)", sm[m.end():])
            stop = m.end()
            if paren:
                inner = text[s + m.end() + paren.start(1):s + m.end() + paren.end(1)]
                entry["includes"] = _includes(inner)
                stop = m.end() + paren.end()
            tail = re.match(r"\s*[,，]?\s*其中\s*[:：]?\s*((?:[^、,;。:\x00]{2,20}?编制\s*" + NUM + r"\s*名\s*[、,;]?\s*)+)", sm[stop:])
            if tail and not entry["includes"]:
                entry["includes"] = _includes(tail.group(1).rstrip("、,;。 "))
                consumed = s + stop + tail.end()
            else:
                consumed = s + stop
            staffing.append((entry, s + m.start(), s + m.end()))
            skip_until = consumed
            found_staff = True
        if _untyped_total(text, sm, s, staffing, sentence_staffing):
            found_staff = True
        if not found_staff and not re.search(r"(?:实有|现有|在编|在职|核增|核减|增加|减少|划转|收回|划出|划入|总数|总量)[^,。]{0,6}人员编制", sm):
            for m in UNTYPED_STAFF_RE.finditer(sm):
                count = to_int(m["n"] or m["n2"] or m["n3"])
                if count is None:
                    continue
                g = "type" if m["type"] else "type2" if m["type2"] else "type3"
                raw = text[s + m.start(g):s + m.end(g)]
                staffing.append(({"type": "其他编制", "raw": raw, "count": count, "includes": [], "unknown": True},
                                 s + m.start(), s + m.end()))
                found_staff = True
                break
        if found_staff:
            in_staffing = True
        # posts and leadership counts: clauses of a staffing sentence, or of a sentence that states posts
        if not (found_staff or in_staffing or re.search(r"职数|其中|" + POST_SUFFIX + r"\s*" + NUM + r"\s*名|" + POST_SUFFIX + r"\s*各\s*" + NUM, sm)
                or (first is not None and re.search(r"(?:^|[,;:])\s*(?:设|配备|核定)[" + CJK + r"]{0,10}?" + POST_SUFFIX + r"\s*" + NUM + r"\s*人", sm))):
            continue
        if not re.search(NUM + r"\s*[名人]", sm):
            if not found_staff:
                in_staffing = False
            continue
        # a post counted in 人 is one the unit is given (“设局长1人,副局长2人”), not one it has (“现有局长1人”, “配有…1人”)
        # (in a sentence that states the unit's staffing, or right after one; a body's head — “设教科室主任1人” — is none)
        posts_in_ren = (found_staff or in_staffing or first is not None) and not re.search(r"现有|实有|在职|配有|到位", sm)
        covered = []
        for each in EACH_POSTS_RE.finditer(sm):  # “局长、党组书记各1名”: each title that many
            count = to_int(each["n"])
            if count is None or "编制" in each["titles"] or "职数" in each["titles"]:
                continue
            t0 = s + each.start("titles")
            for tm in re.finditer(r"[^、和及\s]+", each["titles"]):
                entry = {"title": text[t0 + tm.start():t0 + tm.end()], "count": count, "rank": None, "note": None}
                if entry not in [p for p, _s, _e in posts]:
                    posts.append((entry, t0 + tm.start(), s + each.end()))
            covered.append((s + each.start(), s + each.end()))
        cpos = 0
        for piece in re.split(r"([,、;。:\n])", sm):
            cs = s + cpos
            cpos += len(piece)
            if not piece or piece in ",、;。:\n" or any(a <= cs < z for a, z in covered):
                continue
            clause = piece.strip()
            lead = len(piece) - len(piece.lstrip())
            c0 = cs + lead
            if STAFF_RE.search(clause):
                continue
            part = _leadership_part(clause, leadership, breakdown)
            if part is not None:
                breakdown.append((part, c0, c0 + len(clause)))
                continue
            if not clause.startswith("其中"):
                _close_breakdown(leadership, breakdown)
            cm = CONCURRENT_RE.match(clause)
            if cm and posts:  # “其中1名副局长兼任X”, “由副镇长兼任”: a note on the post it is about
                target = next((p for p, _s, _e in reversed(posts) if cm["title"] is None or p["title"] == cm["title"]), None)
                if target is not None and target["note"] is None:
                    target["note"] = text[c0:c0 + len(clause)]
                continue
            lp = LEAD_PREFIX_RE.match(clause)
            pc0 = c0 + (lp.end() if lp else 0)  # “局领导职数为局长1名(正科级)”: the posts the quota is given as
            pm = POST_RE.match(clause[lp.end():] if lp else clause)
            if pm and "编制" not in pm["title"] and "职数" not in pm["title"] and (pm["unit"] == "名" or (
                    posts_in_ren and not re.search(r"[室科处股部办组队]", pm["title"][:-2]))):
                c0 = pc0
                count = to_int(pm["n"])
                if count is None:
                    continue
                rank = note = None
                for group in ("pre", "paren"):
                    if pm[group]:
                        inner = text[c0 + pm.start(group) + 1:c0 + pm.end(group) - 1]
                        r, n = _rank_note(inner)
                        rank = rank or r
                        note = note or n
                t0 = c0 + pm.start("title")
                title = text[t0:c0 + pm.end("title")]  # the clause is masked: a bracket in the title is read back
                # “中卫市气象局设局长1名”: the unit and its verb stand before the post
                sub = re.match(r"^[" + CJK + r"()]{2,40}?(?:机关)?(?:设|配备|核定|配)(?=[" + CJK + r"])", title)
                if sub and re.search(POST_SUFFIX + r"$", title[sub.end():]) and len(title) - sub.end() >= 2:
                    title, t0 = title[sub.end():], t0 + sub.end()
                entry = {"title": title, "count": count, "rank": rank, "note": note}
                if entry not in [p for p, _s, _e in posts]:  # the same post stated twice (a summary, then the detail)
                    posts.append((entry, t0, c0 + pm.end()))
                continue
            lm = LEAD_RE.match(clause) or LEVEL_LEAD_RE.match(clause)
            if lm:
                count = to_int(lm["n"])
                level = lm["level"]
                tail = re.search(RANK + r"$", level)
                if tail and tail.start() > 0:  # “市局机关内设机构科级领导职数6名”: the level is the rank at its end
                    level = tail.group(0)
                # “其中领导职数2名”: how many leaders, at no stated level, is no quota of a level
                if count is not None and not re.search(r"(?:编制|人员)$", level) and level not in ("领导", "其中领导") \
                        and not _non_leading(clause, level):
                    leadership.append(({"level": level, "count": count}, c0 + lm.start("level"), c0 + lm.end("n") + 1))
                    split = _up_down_split(text[c0 + lm.start("paren") + 1:c0 + lm.end("paren") - 1], level, count) \
                        if lm.groupdict().get("paren") else None
                    if split is not None:  # “科级领导职数8名(5正3副)”: the parts, not their sum
                        _e, ls, le = leadership.pop()
                        leadership += [(part, ls, le) for part in split]
                    elif lm.groupdict().get("paren"):  # “科级领导职数12名(其中正科级8名、副科级4名)”
                        ps = c0 + lm.start("paren") + 1
                        for piece in re.split(r"(?<=[、,，;；])", text[ps:c0 + lm.end("paren") - 1]):
                            part = _leadership_part(_mask_parens(piece.strip().rstrip("、,，;；")), leadership, breakdown)
                            if part is None:
                                breakdown.clear()
                                break
                            breakdown.append((part, ps, ps + len(piece)))
                            ps += len(piece)
                        _close_breakdown(leadership, breakdown)
        _close_breakdown(leadership, breakdown)
        if not found_staff and not re.search(r"职数|" + POST_SUFFIX, sm):
            in_staffing = False
    return {"staffing": staffing, "posts": posts, "leadership": leadership}


def _untyped_total(text: str, sm: str, s: int, staffing: list, first: int) -> bool:
    """A sentence's total with no kind broken down by kind (“编制74名(行政编制5名,事业编制69名)”, “其中…”): the parts
    stand (the corpus convention); what it is said to include (“核定编制6名,含工勤人员编制1名”, “编制9名(含工勤编制
    2名)”) keeps the total, as 其他编制 with those parts as its inclusions. True when the sentence has a staffing now."""
    parts = staffing[first:]
    if not parts:  # the inclusion in brackets, which the typed reader does not look into
        for m in UNTYPED_TOTAL_RE.finditer(sm):
            inner = re.match(r"\((?:含|包括)[:：]?([^()]{2,80})\)", text[s + m.end() - 1:])
            total = to_int(m["n"])
            if inner and total is not None and STAFF_RE.search(inner.group(1)) and not collective_subject(text, s + m.start()):
                staffing.append(({"type": "其他编制", "raw": text[s + m.start("type"):s + m.end("type")], "count": total,
                                  "includes": _includes(inner.group(1)), "unknown": True}, s + m.start(), s + m.end("n") + 1))
                return True
        return False
    for m in UNTYPED_TOTAL_RE.finditer(sm):
        end = s + m.end()
        if end > parts[0][1] or not re.fullmatch(r"[\s(,，:：其中含包括]*", text[end:parts[0][1]]):
            continue
        total = to_int(m["n"])
        # (a “其中” or bracketed breakdown is the parts, even cut short by the page — “其中行政编13个、全额事业编45个” of 249)
        if total is None or not re.search(r"含|包括", m.group(0)) or total == sum(p["count"] for p, _s, _e in parts) \
                or any(p["includes"] for p, _s, _e in parts):
            return True
        entry = {"type": "其他编制", "raw": text[s + m.start("type"):s + m.end("type")], "count": total,
                 "includes": [{"type": p["raw"], "count": p["count"]} for p, _s, _e in parts], "unknown": True}
        staffing[first:] = [(entry, s + m.start(), s + m.end("n") + 1)]
        return True
    return True


def _up_down_split(inner: str, level: str, count: int) -> list[dict] | None:
    """“(5正3副)” after “科级领导职数8名”: 正科级 5 and 副科级 3, when the parts add up to the total."""
    m = re.fullmatch(r"\s*(?:其中)?\s*(?P<a>" + NUM + r")\s*正\s*[,、]?\s*(?P<b>" + NUM + r")\s*副\s*", inner)
    if m is None or not re.fullmatch(r"(?:科|处|股|县处|乡科|司局|厅局|局)级", level):
        return None
    a, b = to_int(m["a"]), to_int(m["b"])
    if a is None or b is None or a + b != count:
        return None
    return [{"level": "正" + level, "count": a}, {"level": "副" + level, "count": b}]


# a leadership total broken down by post: “科级领导职数18名，其中科长(主任)11名，副科长(副主任)7名” — the parts are
# the figures (as for staffing with a “其中”); 科长 is 正科级, 副科长 副科级 (股长, 处长 alike)
LEAD_PART_RE = re.compile(r"^(?:其中)?\s*[:：]?\s*(?P<vice>副)?(?P<stem>[科股处])长\s*(?:\(\x00*\))?\s*(?P<n>" + NUM + r")\s*名\s*$"
                          r"|^(?:其中)?\s*[:：]?\s*(?P<level>(?:正|副)(?P<stem2>[科股处])级)\s*(?:领导)?(?:职数)?\s*(?P<n2>" + NUM + r")\s*名\s*$")


def _leadership_part(clause: str, leadership: list, breakdown: list) -> dict | None:
    """A part of the leadership total read just before (“科级领导职数18名” then “其中科长11名”, “副科长7名”)."""
    if not leadership:
        return None
    total = leadership[-1][0]
    m = LEAD_PART_RE.match(clause)
    if m is None or (not breakdown and not clause.startswith("其中")):
        return None
    stem = m["stem"] or m["stem2"]
    if total["level"] != stem + "级":
        return None
    level = m["level"] or (("副" if m["vice"] else "正") + stem + "级")
    count = to_int(m["n"] or m["n2"])
    return None if count is None else {"level": level, "count": count}


def _close_breakdown(leadership: list, breakdown: list):
    """Parts that add up to the total replace it; otherwise the total stands and the parts are dropped."""
    if breakdown and sum(p["count"] for p, _s, _e in breakdown) == leadership[-1][0]["count"]:
        leadership[-1:] = breakdown
    breakdown.clear()


def _non_leading(clause: str, level: str) -> bool:
    """“科级非领导职数9名”: posts that are not leading ones are no leadership figure."""
    return level.endswith("非") or "非领导" in clause


def unit_untyped_staffing(text: str, unit: str) -> Found | None:
    """“扬州市地震局编制数为9人”: an untyped figure counts only with the unit itself as the subject (a subordinate
    station's “编制6人” in the same text does not)."""
    m = re.search(r"(?:^|(?<=[\n。;]))[ \t]*" + re.escape(unit) + r"(?:机关)?(?P<type>(?:人员)?编制)(?:数|总数)?\s*(?:为|核定为|共)?\s*"
                  r"(?P<n>" + NUM + r")\s*(?:名|人)", text)
    if m is None or to_int(m["n"]) is None:
        return None
    return Found({"type": "其他编制", "raw": m["type"], "count": to_int(m["n"]), "includes": [], "unknown": True},
                 m.start("type"), m.end())


def unit_from_heading(text: str) -> Found | None:
    """A heading line naming the unit: “第一部分X概况”, “X简介”, “一、X机构职能”."""
    m = re.search(r"(?m)^[ \t]*(?:(?:第" + CN_NUM + r"部分|" + CN_NUM + r"、)[ \t]*[:：]?[ \t]*)?(?P<u>[" + CJK + r"()]{3,40}?" + UNIT_SUFFIX +
                  r")(?:概况|简介|机构概况|基本情况|机构职能|主要职责|机构设置)\s*$", text)
    return Found(m["u"], m.start("u"), m.end("u")) if m else None


def unit_from_sentences(text: str) -> Found | None:
    """A unit named as the subject of a staffing/list/duty sentence (“市政府办公室机关行政编制79名”,
    “省政府办公厅内设18个职能处(室)”, “国家药品监督管理局承担下列职责”)."""
    heading = unit_from_heading(text)
    if heading is not None:
        return heading
    masked = _mask_parens(text)
    # “苍溪县林业和园林局(含13个林业站所)总编制134名”; “组建X，锁定…编制”/“正式成立X，设大队长1名”
    for p in (r"(?:^|(?<=[\n。;]))[ \t]*(?P<u>[" + CJK + r"]{3,40}?" + UNIT_SUFFIX + r")(?:\(\x00+\))?(?:机关)?(?:总编制|人员编制|编制总数|编制(?=\s*" + NUM + r"\s*名\s*[,，]\s*其中))"
              r"(?=[^。\n]{0,8}?" + NUM + r"\s*[名人个])",
              r"(?:新组建|重新组建|组建|正式成立|成立)(?:了)?(?P<u>[" + CJK + r"]{3,40}?" + UNIT_SUFFIX + r")\s*[,，]\s*"
              r"(?:锁定|核定|核拨|设|配备|明确)[^。]{0,30}?(?:编制|" + POST_SUFFIX + r")\s*" + NUM + r"\s*名"):
        m = re.search(p, masked)
        if m:
            return Found(m["u"], m.start("u"), m.end("u"))
    patterns = [
        r"(?P<u>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?:机关)?" + _FUNDING + r"(?:行政|事业|政法专项)编制",
        # “县应急管理局核定行政编制12名”, “县文化馆核定全额拨款事业编制12名”
        r"(?P<u>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?:机关)?(?:核定|核批)(?:机关)?" + _FUNDING + r"(?:行政|事业|政法专项)编制\s*(?:为)?\s*"
        + NUM + r"\s*名",
        r"(?P<u>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?:内设|下设)\s*" + NUM + r"\s*个",
        # “区人民政府办公室设6个内设机构:”
        r"(?P<u>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")设\s*" + NUM + r"\s*个(?:内设机构|职能[处科股司]室?|处室|科室|股室|部室)",
        # “市政协机关的主要职责是:”, “(一)市残联主要履行的公共职能包括:” (a short form as the note's subject)
        r"(?P<u>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r"(?:机关)?)(?:承担下列职责|的主要职责是|主要职责是|承担以下职责"
        r"|主要履行的(?:公共)?职能(?:包括|是|有)[:：])",
    ]
    best = None
    for p in patterns:
        for m in re.finditer(p, text):
            seg_start = max(text.rfind(ch, 0, m.start("u") + 1) for ch in "。;\n,:，：") + 1
            name, off = _clean_subject(text[max(seg_start, m.start("u")):m.end("u")])
            name = re.sub(r"^(?:法律分析|释义|我局|本局)", "", name)
            if len(name) >= 3 and not re.match(r"^(?:" + VERB_START + ")", name):
                cand = Found(name, m.end("u") - len(name), m.end("u"))
                if best is None or cand.start < best.start:
                    best = cand
            break
    return best or unit_from_event(text)


# news on a unit set up: “X正式挂牌成立”, “为X揭牌”, “P在…举行X揭牌仪式”; a unit named in full with its
# short name as a sentence's subject: “X(以下简称Z)由…调整到…”
EVENT_UNIT_RES = [
    re.compile(r"(?P<p>[" + CJK + r"]{2,8}?(?:省|自治区|市|自治州|州|盟|县|自治县|旗|区))在[^,，。;\n]{1,24}?举行(?P<u>[" + CJK + r"]{3,40}?" +
               UNIT_SUFFIX + r")(?:揭牌|挂牌|成立)(?:仪式|大会)"),
    re.compile(r"(?:^|(?<=[\n。;,，]))[ \t]*(?P<u>[" + CJK + r"]{3,40}?" + UNIT_SUFFIX + r")(?:正式)?(?:挂牌成立|揭牌成立|挂牌|揭牌)"
               r"(?:了)?(?:仪式)?(?=[,，。;]|在|$)"),
    re.compile(r"(?:为|给)(?P<u>[" + CJK + r"]{3,40}?" + UNIT_SUFFIX + r")(?:揭牌|挂牌|授牌)(?=[,，。;]|$)"),
    re.compile(r"(?:^|(?<=[\n。;]))[ \t]*(?P<u>[" + CJK + r"]{3,40}?" + UNIT_SUFFIX + r")" + name_forms.bracket("short")
               + r"(?=由|是|为|设在|正式|负责|承担)"),
]


def unit_from_event(text: str) -> Found | None:
    best = None
    for rx in EVENT_UNIT_RES:
        m = rx.search(text)
        if m is None:
            continue
        name, off = _clean_subject(m["u"])
        cm = re.match(r".*(?:为|给|了|出席|参加|举行|主持|见证)", name)  # “副市长共同为X揭牌”, “…出席了X揭牌仪式”
        if cm:
            name, off = name[cm.end():], off + cm.end()
        if len(name) < 3 or re.match(r"^(?:" + VERB_START + r")", name) or re.search(r"各级|各类|所有|有关|统一|全面", name):
            continue
        start = m.start("u") + off
        if m.groupdict().get("p") and not name.startswith(m["p"]):
            cand = Found(m["p"] + name, m.start("p"), start + len(name))
        else:
            cand = Found(name, start, start + len(name))
        if best is None or cand.start < best.start:
            best = cand
    return best


# heldout11: an article about a body's structure names it as the owner of the structure (“本文将深入解析国家移民管理局
# 的机构构成和主要职能”, “下面介绍X的内设机构”); used only when nothing else names a unit and the text lists bodies
UNIT_OF_BODIES_RE = re.compile(r"(?P<u>[" + CJK + r"()]{3,60}?" + UNIT_SUFFIX + r")(?:的(?:内设机构|机构设置|机构构成|组织架构|组织机构)"
                               r"(?=[和与及、,，。:：\s]|$|(?:主要)?(?:包括|包含|设有|下设))"
                               r"|(?:机关)?(?:内设|下设)(?:机构)?(?:有|为)?[:：]"  # “县水利局内设：办公室、…”
                               # “县残联机关内设办公室、康复部…” (the list right after the verb)
                               r"|(?:机关)?(?:内设|下设)(?=[" + CJK + r"]{2,24}?" + BODY_SUFFIX + r"(?:\([^()]{1,40}\))?[、,，])"
                               r"|(?:机关)?设(?:下列|以下|如下)(?:内设)?机构[:：])")  # “市应急管理局机关设下列内设机构：”
READING_VERB_RE = re.compile(r"^.*?(?:解析|介绍|了解|揭秘|详解|梳理|看看|说说|谈谈)")


def unit_of_bodies(text: str) -> Found | None:
    for m in UNIT_OF_BODIES_RE.finditer(text[:3000]):
        seg_start = max(text.rfind(ch, 0, m.start("u") + 1) for ch in "。;\n,:，：!?！？") + 1
        start = max(seg_start, m.start("u"))
        subject = text[start:m.end("u")]
        vm = READING_VERB_RE.match(subject)
        if vm is None and start != seg_start:
            continue
        if vm is not None:
            subject, start = subject[vm.end():], start + vm.end()
        name, off = _clean_subject(subject)
        if len(name) >= 3 and re.search(UNIT_SUFFIX + r"$", name) and not re.match(r"^(?:" + VERB_START + r"|各|本|该|我|其)", name) \
                and not re.search(r"各级|各类|所有|有关", name):
            return Found(name, start + off, start + off + len(name))
    return None


# ------------------------------------------------------------------ heldout12: departments' 机构职能 / 内设机构 pages
# “组建市农业农村局，作为市政府工作部门”: a body set up by a reform, then its class
STATEMENT_RES.append(
    re.compile(r"(?:组建|成立)[“\"]?(?P<unit>[" + CJK + r"]{2,40}?" + UNIT_SUFFIX + r")[”\"]?\s*[,，]\s*作为"
               r"(?P<nature>[^,。;是为]{2,50}?" + NATURE_NOUN + r")(?=[,。;]|$)"))
# “自治区林业局（自治区林业厅）加挂自治区草原局牌子，为自治区人民政府直属机构，正厅级”: the plaque before the class; the
# match ends at the name, so the plaque is read by the statement's own plaque scan
STATEMENT_RES.append(
    re.compile(r"(?:^|(?<=[\n。;]))[ \t]*(?P<unit>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?P<paren>\(\x00{2,30}\))?"
               r"(?=\s*(?:加挂|挂|增挂)[^,。;]{2,40}?牌子\s*[,，]\s*(?:为|是|作为)(?P<nature>[^,。;是为]{2,50}?" + NATURE_NOUN + r")"
               r"(?:\s*[,，]\s*(?:机构规格)?(?:为|是)?\s*(?P<rank>" + RANK + r"))?(?=[,。;]|$))"))
# “设立常熟市文化广电新闻出版局，挂“常熟市文物局”、“常熟市版权局”牌子，为市政府工作部门，正科级建制”: the 2009–2010
# rounds' set-up clause with the plaque between the unit and its class (read like the one above)
STATEMENT_RES.append(
    re.compile(r"(?:设立|组建|建立|成立)[“\"]?(?P<unit>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")[”\"]?(?P<paren>\(\x00{2,30}\))?"
               r"(?=\s*[,，]\s*(?:加挂|挂|增挂)[^,。;]{2,60}?牌子\s*[,，]\s*(?:为|是|作为)(?P<nature>[^,。;是为]{2,50}?" + NATURE_NOUN + r")"
               r"(?:\s*[,，]\s*(?:机构规格)?(?:为|是)?\s*(?P<rank>" + RANK + r")(?:建制)?)?(?=[,。;]|$))"))
# “县退役军人事务局（正科级），为县政府工作部门”: the rank in brackets after the name (read by the bracket rule below)
STATEMENT_RES.append(
    re.compile(r"(?:^|(?<=[\n。;]))[ \t]*(?P<unit>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?P<paren>\(\x00{2,30}\))\s*[,，]\s*"
               r"(?:为|是|作为)(?P<nature>[^,。;是为]{2,50}?" + NATURE_NOUN + r")(?=[,。;]|$)"))
# “省林业局为正厅级，列省政府直属机构”: the rank first, then the class it is listed in
STATEMENT_RES.append(
    re.compile(r"(?:^|(?<=[\n。;]))[ \t]*(?P<unit>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")\s*(?:为|是)(?P<rank>" + RANK + r")\s*[,，]\s*"
               r"列(?:为|入)?(?P<nature>[^,。;]{2,50}?" + NATURE_NOUN + r")(?:序列)?(?=[,。;]|$)"))
# “秘书科作为核心部门”, “是重要部门”: how much a body matters is no kind of body
EVALUATIVE_NATURE_RE = re.compile(r"(?:核心|重要|关键|主力|骨干|枢纽|龙头)(?:部门|机构|单位)")
# a body's name run straight into its first duty (“财务科拟定中心的…”, “组织宣传科负责…”): the name ends in a body
# suffix and the next word is a duty verb; a name may start with a verb-like word (组织人事科, 指导科) here
GLUED_BODY_RE = re.compile(r"\s*(?P<name>(?!负责|承担|根据|按照|其他|本)[" + CJK + r"]{2,16}?(?:科|股|处|室|组|中心|办))"
                           r"(?=(?:负责|承担|拟定|拟订|主管|管理|指导|协调|组织|研究|制定|贯彻|监督|审核|统筹)[" + CJK + r"])")


def glued_body_name(first: str):
    """The re.Match of a body name glued to its duties at the start of an item, or None."""
    return GLUED_BODY_RE.match(first)


# “X的组织架构包括多个科室”, then paragraphs each opening with a body as subject: “秘书科作为核心部门,负责…”,
# “调研科主要负责…”, “社会事业科、工业科…等科室分别负责…”
PROSE_BODIES_TRIGGER_RE = re.compile(r"(?:组织架构|组织机构|内设机构|机构设置)(?:主要)?(?:包括|包含|由|设有|下设)[^。\n]{0,12}?"
                                     r"(?:科室|处室|股室|部门|机构)")
PROSE_BODY_NAME = r"(?!" + VERB_START + r")[" + CJK + r"]{2,12}?(?:科|股|处|室|组|办|中心)"
PROSE_BODY_LINE_RE = re.compile(r"[ \t]*(?P<list>" + PROSE_BODY_NAME + r"(?:、" + PROSE_BODY_NAME + r")*)"
                                r"(?:等(?:科室|处室|股室|部门))?(?:作为[^,，。;\n]{1,12}[,，]\s*)?"
                                r"(?:主要|则|具体|分别|也)?(?:负责|承担|主管)")


def prose_bodies(text: str) -> list[Found]:
    """Bodies named as the subjects of a prose page's paragraphs, under a line announcing the structure."""
    trig = PROSE_BODIES_TRIGGER_RE.search(text[:3000])
    if trig is None:
        return []
    pos = text.find("\n", trig.end())
    out: list[Found] = []
    while pos != -1 and pos < len(text):
        end = text.find("\n", pos + 1)
        line_end = len(text) if end == -1 else end
        line = text[pos + 1:line_end]
        if line.strip():
            m = PROSE_BODY_LINE_RE.match(line)
            if m is None:
                break
            base = pos + 1 + m.start("list")
            for piece in m["list"].split("、"):
                out.append(Found(piece, base, base + len(piece)))
                base += len(piece) + 1
        pos = end
    return out if len(out) >= 2 else []


# a department's page that names it only in a heading line, its duties under it: “民政和社会保障局⏎负责拟订…”
HEADING_LINE_UNIT_RE = re.compile(r"[ \t]*(?P<u>(?!" + VERB_START + r")[" + CJK + r"()]{2,30}?(?:管理局|局|厅|委员会|署))[ \t]*")


def heading_line_unit(text: str) -> Found | None:
    """The unit named by a heading line alone, when the next line starts its duties; only one such line in the text."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    found = []
    for i, (start, line) in enumerate(lines[:-1]):
        m = HEADING_LINE_UNIT_RE.fullmatch(line)
        if m and re.match(r"\s*(?:负责|承担|贯彻|拟订|拟定|主要职责)", lines[i + 1][1]):
            found.append(Found(m["u"], start + m.start("u"), start + m.end("u")))
    return found[0] if len(found) == 1 else None


# “市农业农村局加挂市扶贫开发领导小组办公室、…牌子。”: a sentence of its own, with the unit as its subject
SUBJECT_PLAQUE_RE = re.compile(r"(?:^|(?<=[\n。;]))[ \t]*(?P<host>(?!在|于|由|将|对|向)[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?:机关)?[ \t]*"
                               r"(?=(?:加挂|增挂|同时挂|挂)[^。;\n]{2,120}?牌子)")
# a clause with no subject of its own that adds plaques, later in a text on one unit: “…批准成立;2020年5月,加挂A、B牌子”
ORPHAN_PLAQUE_RE = re.compile(r"(?:^|(?<=[\n。;；]))[ \t]*(?:\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*)?[,，]?\s*"
                              r"(?:经[^,，。;；]{1,20}?(?:批准|同意)\s*[,，]?\s*)?(?=(?:加挂|增挂)[^。;；\n]{2,120}?牌子)")


def subject_plaques(text: str, unit: str | None) -> list[Found]:
    """Plaques stated by a later sentence whose subject is the unit (not “X设在Y”, not a cancelled plaque)."""
    if not unit:
        return []
    out: list[Found] = []
    for m in SUBJECT_PLAQUE_RE.finditer(text):
        if not _same_name(m["host"], unit):
            continue
        stop = text.find("。", m.end())
        _plaques(text, text, m.end(), len(text) if stop == -1 else stop, out)
    named = text.find(unit)
    if named >= 0:  # a later clause with no subject: only after the unit is named
        for m in ORPHAN_PLAQUE_RE.finditer(text, named + len(unit)):
            stop = min((i for i in (text.find(c, m.end()) for c in "。;；\n") if i != -1), default=len(text))
            _plaques(text, text, m.end(), stop, out)
    return [f for f in out if not re.fullmatch(r"(?:该|其|本)(?:机构|单位)?", f.value)]  # “加挂该机构牌子” names none


# ---------------------------------------------------------------- heldout12b: bullets, one body's page, talking points
def _heldout12_kind(kind: str | None, run: list, firsts: list[str], bodyish: int) -> str | None:
    """“(八)区政府总值班室⏎负责…”: one numbered item whose first line is a body's name alone, its duties under it, is
    that body (the page of one body of a 机构设置 list); “1. 综合协调:协调各部门…” items that each open with a short
    label and a colon and are all short are an article's talking points, not duties, even after a 职责 trigger."""
    if kind is None and len(run) == 1:
        lines = [ln.strip() for ln in firsts[0].strip().split("\n") if ln.strip()]
        if len(lines) >= 2 and re.fullmatch(r"(?!" + VERB_START + r")[" + CJK + r"()]{2,20}?" + BODY_SUFFIX, lines[0]) \
                and re.match(r"(?:负责|承担)", lines[1]):
            return "bodies"
    if kind == "duties" and bodyish == 0 and len(run) >= 2 and _labelled_steps(firsts) \
            and all(len(f.strip()) < 60 for f in firsts):
        return None
    return kind


# “内设多个职能科室,主要包括:⏎- 办公室:负责…⏎- 人事科:负责…”: bullets under a line announcing the bodies
BULLET_TRIGGER_RE = re.compile(r"(?m)^[^\n]*(?:内设|下设|设有|设置)(?![^\n]{0,16}?(?:直属|所属|下属|二级))[^\n]{0,16}?"
                               r"(?:科室|处室|股室|机构|部门)[^\n]{0,12}?[:：]\s*$")
BULLET_BODY_RE = re.compile(r"[ \t]*[-•·●▪*][ \t]*(?P<name>(?!" + VERB_START + r")[" + CJK + r"()]{2,24}?" + BODY_SUFFIX +
                            r")[ \t]*(?:[:：]|$)")


def bullet_bodies(text: str) -> list[Found]:
    trig = BULLET_TRIGGER_RE.search(text)
    if trig is None:
        return []
    out: list[Found] = []
    pos = trig.end()
    for m in re.finditer(r"[^\n]*", text[pos:]):
        line = m.group()
        if not line.strip():
            continue
        bm = BULLET_BODY_RE.match(line)
        if bm is None:
            break
        s = pos + m.start() + bm.start("name")
        out.append(Found(bm["name"], s, s + len(bm["name"])))
    return out if len(out) >= 2 else []


# ------------------------------------------------------------------ session 6: three more shapes of a pasted body list
# “内设机构有：办公室；水利工程股；水资源股。” (semicolons), “内设机构：1.办公室 2.水利工程股 3.水资源股” (numbered, run
# into one line), “(三)内设机构⏎办公室、水利工程股、水资源股。” (a heading line, then the list inline on the next line)
_LIST_TRIGGER = r"(?:内设机构|内设科室|内设处室|内设股室|下设机构|机构设置)(?:主要)?(?:有|包括|为|如下)?"
SEMICOLON_BODIES_RE = re.compile(_LIST_TRIGGER + r"[:：][ \t]*(?P<list>[^。:\n]{4,400}?)(?=[。\n]|$)")
NUMBERED_INLINE_BODIES_RE = re.compile(_LIST_TRIGGER + r"[:：][ \t]*(?P<list>(?:\d{1,2}[.、．][^。:\n]{2,40}?){2,30})(?=[。\n]|$)")
HEADING_THEN_LIST_RE = re.compile(r"(?m)^[ \t]*(?:" + CN_NUM + r"、|\(" + CN_NUM + r"\))?[ \t]*(?:内设机构|内设科室|内设处室|内设股室|机构设置)"
                                  r"[ \t]*[:：]?[ \t]*\n[ \t]*(?P<list>[^\n]{4,400}?)[ \t]*[。;]?[ \t]*$")
_LIST_NAME_RE = re.compile(r"(?!" + VERB_START + r")[" + CJK + r"]{2,24}?" + BODY_SUFFIX + r"(?:\([^()]{1,40}\))?")


def _names(text: str, start: int, pieces: list[tuple[int, str]]) -> list[Found]:
    out: list[Found] = []
    for off, piece in pieces:
        name = piece.strip().rstrip("。;,、.")
        if not _LIST_NAME_RE.fullmatch(name) or "设" in name:  # (“中心下设办公室”: a sentence, read elsewhere)
            return []
        at = start + off + piece.index(name)
        if not any(f.value == name for f in out):
            out.append(Found(name, at, at + len(name)))
    return out if len(out) >= 2 else []


def _split_at(listed: str, separator: str) -> list[tuple[int, str]]:
    pieces, pos = [], 0
    for piece in re.split(separator, listed):
        pieces.append((pos, piece))
        pos += len(piece) + 1
    return [(off, piece) for off, piece in pieces if piece.strip()]


def more_list_bodies(text: str) -> list[Found]:
    for m in SEMICOLON_BODIES_RE.finditer(text):
        if ";" in m["list"] and "、" not in m["list"]:
            found = _names(text, m.start("list"), _split_at(m["list"], ";"))
            if found:
                return found
    for m in NUMBERED_INLINE_BODIES_RE.finditer(text):
        marks = list(re.finditer(r"(?P<n>\d{1,2})[.、．]", m["list"]))
        if [int(k["n"]) for k in marks] != list(range(1, len(marks) + 1)):
            continue
        ends = [k.start() for k in marks[1:]] + [len(m["list"])]
        pieces = [(k.end(), m["list"][k.end():end]) for k, end in zip(marks, ends, strict=True)]
        found = _names(text, m.start("list"), pieces)
        if found:
            return found
    for m in HEADING_THEN_LIST_RE.finditer(text):
        if "、" in m["list"]:
            found = _names(text, m.start("list"), [(off, p.split(";")[0]) for off, p in _split_at(m["list"], "、")])
            if found:
                return found
    return []


# duties under their trigger numbered in a way the item readers leave to sections or do not know: “主要职责：⏎一、负责…⏎
# 二、…”, “主要职责：①负责…；②…”, “部门职责：1)负责…;2)…” — the markers count from one in order, at least two, and most
# items open with a duty verb
DUTY_LIST_TRIGGER_RE = re.compile(r"(?:主要职责|主要职能|职能职责|部门职责|工作职责|承担(?:以下|下列)职责)(?:是|如下|为)?[ \t]*[:：]?[ \t]*(?:\n|(?=[①一1(]))")
_DUTY_MARK_KINDS = (
    (r"(?P<n>[一二三四五六七八九十]{1,3})、", lambda s: to_int(s)),
    (r"(?P<n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])", lambda s: "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(s) + 1),
    (r"(?<![\d.])(?P<n>\d{1,2})\)", int),
    (r"(?<![\d.])(?P<n>\d{1,2})(?=[\u4e00-\u9fff])", int),  # “①负责…；②…” after NFKC: “1负责…;2…”
)
_DUTY_VERB_START_RE = re.compile(r"(?:" + VERB_START + r"|管理|审核|审批|受理|编制|实施|监测|提供|维护|宣传|保障|协调|配合|起草|督促|"
                                 r"落实|执行|领导|规划|建立|健全|牵头|指导|促进|承办|主管|调查|检查|审查|服务|保护|推动|统计|发布|处理)")


def trigger_duties(text: str) -> list[Found]:
    for trig in DUTY_LIST_TRIGGER_RE.finditer(text):
        after = trig.end()
        stop = re.search(r"\n[ \t]*\n|\n[ \t]*(?:\(" + CN_NUM + r"\)|第" + CN_NUM + r"条)[^\n]{0,12}(?:内设机构|人员编制|机构设置)", text[after:])
        block_end = after + (stop.start() if stop else len(text) - after)
        block = text[after:block_end]
        for mark, value in _DUTY_MARK_KINDS:
            marks = [m for m in re.finditer(r"(?:^|(?<=[\n;。 \t:]))[ \t]*" + mark, block)]
            chain, want = [], 1
            for m in marks:
                if value(m["n"]) == want:
                    chain.append(m)
                    want += 1
            if len(chain) < 2 or chain[0].start() > 4:
                continue
            items: list[Found] = []
            for k, m in enumerate(chain):
                end = chain[k + 1].start() if k + 1 < len(chain) else len(block)
                piece = block[m.end():end]
                if k + 1 == len(chain):
                    cut = re.search(r"[。\n]", piece)
                    piece = piece[:cut.end()] if cut else piece
                value_text = piece.strip().rstrip(";；").strip()
                s = after + m.end() + (len(piece) - len(piece.lstrip()))
                items.append(Found(value_text, s, s + len(value_text)))
            if sum(bool(_DUTY_VERB_START_RE.match(f.value)) for f in items) * 3 >= len(items) * 2:
                return items
    return []
