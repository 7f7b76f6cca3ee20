"""Clause kinds of 机构编制方案 and the pages that restate them (bench/sanding_real, split heldout24): a 方案 whose page
cuts after one unit's “三定” block, a bureau's page whose body is its 所属事业单位 方案, a news item restating an 编办
批复 for several units at once, a body's 办事机构和工作机构 listed after “包括”, a unit named short with its full name
in quotes, and a law's wording that names no body (“可以设立若干区公所,作为它的派出机关”).

Each reader takes the normalised text and returns what it finds (Found values with their positions), or None/[]."""
import re

from .clauses import CJK, RANK, UNIT_SUFFIX, Found, split_names

# ---------------------------------------------------------------- one unit's block in a 方案: “X。仍为相当于科级事业机构。”
# a 方案 keeping several units writes each one's name as a sentence of its own, then its class
SCHEME_BLOCK_RE = re.compile(r"(?:^|(?<=\n))[ \t]*(?P<u>[" + CJK + r"()]{2,30}?" + UNIT_SUFFIX + r")。[ \t]*(?:仍|现)?为"
                             r"(?P<n>[" + CJK + r"()]{2,30}?(?:事业机构|事业单位|行政机构|行政单位))。")
RANK_CLASS_RE = re.compile(r"(?:相当于?)?(?P<r>" + RANK + r")(?:事业|行政)?(?:机构|单位)")


def scheme_block(text: str) -> tuple[Found, Found | None, Found | None] | None:
    """(unit, nature, rank) of the first “X。仍为Y。” block line; Y that is a rank and a kind of body (“相当于科级事业机构”,
    “正科级事业单位”) gives the rank only (the corpus' reading of “正科级行政单位”)."""
    m = SCHEME_BLOCK_RE.search(text)
    if m is None:
        return None
    unit = Found(m["u"], m.start("u"), m.end("u"))
    rank_only = RANK_CLASS_RE.fullmatch(m["n"])
    if rank_only:
        start = m.start("n") + rank_only.start("r")
        return unit, None, Found(rank_only["r"], start, start + len(rank_only["r"]))
    return unit, Found(m["n"], m.start("n"), m.end("n")), None


# ---------------------------------------------------------------- a bureau's 所属事业单位 方案 under its heading
OWNER_SCHEME_RE = re.compile(r"(?P<u>[" + CJK + r"()]{2,30}?" + UNIT_SUFFIX + r")所属(?:各)?(?:事业单位|单位)(?:的)?"
                             r"(?:机构编制方案|机构编制事项|机构改革方案|机构设置方案)")
ITEM_UNIT_RE = re.compile(r"[ \t]*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是]|\d{1,2}[、.．])"
                          r"[ \t]*(?P<u>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")[,，、]")


def owner_scheme(text: str) -> Found | None:
    """The bureau whose 所属事业单位 a 方案 sets (“X所属事业单位机构编制方案确定如下”), or None."""
    m = OWNER_SCHEME_RE.search(text)
    return Found(m["u"], m.start("u"), m.end("u")) if m else None


def heading_named(text: str, name: str) -> bool:
    """Whether a line of the text is the name alone (a page's or an entry's heading)."""
    return re.search(r"(?:^|\n)[ \t]*" + re.escape(name) + r"[ \t]*(?:\n|$)", text) is not None


def other_unit_item(text: str, pos: int, unit: str | None) -> bool:
    """Whether `pos` lies in a numbered item whose subject is another unit (“(二)清远市森林病虫害防治与检疫站,…核定事业编制
    8名”): the figures and posts stated there are that unit's."""
    start = text.rfind("\n", 0, pos) + 1
    m = ITEM_UNIT_RE.match(text, start)
    return m is not None and m.end() <= pos and m["u"] != unit


# ---------------------------------------------------------------- several units, one item each: “一是X为…;二是Y为…”
SERIES_UNIT_RE = re.compile(r"(?:^|(?<=[\n。;]))[ \t]*[一二三四五六七八九十]是(?P<u>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")"
                            r"(?=为|是|更名为|不再|加挂|挂)")


def series_units(text: str) -> list[Found]:
    """The units of an “一是…二是…” series whose items each name a unit as subject (a news item restating a 批复 for
    several units at once); [] when fewer than two different units."""
    out = [Found(m["u"], m.start("u"), m.end("u")) for m in SERIES_UNIT_RE.finditer(text)]
    return out if len({f.value for f in out}) >= 2 else []


# ---------------------------------------------------------------- “X的办事机构和工作机构包括:A、B…和E”
LISTED_BODIES_RE = re.compile(r"(?:^|(?<=[\n。;]))[ \t]*(?P<u>(?![本我该其此])[" + CJK + r"()]{2,30}?(?:常委会|机关|" + UNIT_SUFFIX[3:-1] + r"))的"
                              r"(?:办事机构和工作机构|工作机构和办事机构|内设机构|工作机构|办事机构|职能部门|职能处室)"
                              r"(?:主要)?(?:包括|有)[:：]?[ \t]*(?P<list>[^。\n:：]{4,300}?)(?:等)?(?:[" + CJK + r"]{0,3}个[" + CJK
                              + r"]{0,6})?。")
BODY_NAME_RE = re.compile(r"[" + CJK + r"()]{2,30}?(?:委员会|办公厅|办公室|室|厅|局|司|处|科|股|中心|部|组|队|站|所)")


def listed_bodies(text: str) -> tuple[Found, list[Found]] | None:
    """(the owner, its bodies) of “X的办事机构和工作机构包括:A、B、C和D。”; None when a piece is no body name."""
    m = LISTED_BODIES_RE.search(text)
    if m is None:
        return None
    pieces, out, pos = re.split(r"(、|和|及)", m["list"]), [], m.start("list")
    for piece in pieces:
        if piece in ("、", "和", "及"):
            pos += len(piece)
            continue
        name = piece.strip()
        if not BODY_NAME_RE.fullmatch(name):
            return None
        lead = len(piece) - len(piece.lstrip())
        out.append(Found(name, pos + lead, pos + lead + len(name)))
        pos += len(piece)
    if len(out) < 2:
        return None
    return Found(m["u"], m.start("u"), m.end("u")), out


# ---------------------------------------------------------------- “林场设A、B…5个职能机构”: the unit's class word as subject
def class_word_bodies(text: str, unit: str | None) -> list[Found]:
    """The bodies of “S设A、B、…N个职能机构” whose subject S is the unit, or the class word its name ends with
    (“金顶毛竹林场” → “林场设…”); [] if there is none or a piece is no body name."""
    if not unit:
        return []
    tail = re.search(UNIT_SUFFIX + r"$", unit)
    subjects = {unit} | ({tail.group()} if tail and len(tail.group()) >= 2 else set())
    pattern = (r"(?:^|(?<=[\n。;,，]))[ \t]*(?:" + "|".join(re.escape(s) for s in sorted(subjects, key=len, reverse=True))
               + r")(?:内设|下设|设置|设)(?P<list>[" + CJK + r"()、]{4,300}?)(?:等|共)?\s*[\d一二三四五六七八九十]{1,3}\s*个"
               r"(?:职能机构|内设机构|职能股室|股室|科室|职能科室|办事机构|工作机构)")
    m = re.search(pattern, text)
    if m is None:
        return []
    out = split_names(m["list"], m.start("list"), "、", BODY_NAME_RE) or []
    return out if len(out) >= 2 else []


# ---------------------------------------------------------------- a unit named short, in full in quotes
def quoted_full_name(text: str, unit: str | None) -> Found | None:
    """“正式创办“安福县金顶毛竹林场”…新组建的金顶毛竹林场,为…”: the quoted name is the unit's name with its place."""
    if not unit:
        return None
    m = re.search(r"[“\"](?P<full>[" + CJK + r"]{2,12}?[省市县区州旗盟镇乡]" + re.escape(unit) + r")[”\"]", text)
    return Found(m["full"], m.start("full"), m.end("full")) if m else None


# ---------------------------------------------------------------- a law's wording: “可以设立若干区公所,作为它的派出机关”
VAGUE_UNIT_RE = re.compile(r"^(?:若干|一些|有关|相关|各类|各级|下级|本级)")
VAGUE_NATURE_RE = re.compile(r"^(?:它的|它们的|其)")


# ---------------------------------------------------------------- “X和Y、Z实行“一套班子、三块牌子””
SHARED_PLAQUES_RE = re.compile(r"(?P<u>[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX + r")(?:和|与|同)(?P<others>[" + CJK + r"()、和与]{2,120}?)"
                               r"(?:合署办公[,，]?)?实行[“\"]?(?:(?:一套班子|一套人马|一个机构)[、,，]?[两二三四]块牌子|"
                               r"[两二三四]块牌子[、,，]?(?:一套班子|一套人马))")


def shared_plaques(text: str, unit: str | None) -> list[Found]:
    """The other names of “X和Y、Z实行“一套班子、三块牌子””: the unit X's plaques; [] when X is not the unit."""
    if not unit:
        return []
    for m in SHARED_PLAQUES_RE.finditer(text):
        subject = m["u"]
        if not (subject == unit or subject.endswith(unit)):
            continue
        return split_names(m["others"], m.start("others"), "、|和|与", r"[" + CJK + r"()]{2,40}?" + UNIT_SUFFIX) or []
    return []
