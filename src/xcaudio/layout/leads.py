"""Leads, bylines, photo credits, continuation markers and page furniture.

These are the conventions of the Chinese press, not of one page: `本报讯（记者 石冠兵）`,
`新华社北京 4 月 16 日电`, `据新华社武汉 4 月 16 日电（记者 黎云 贾启龙）`, a byline block
`本报记者 徐民府 孔刚领 通讯员 窦青`, a credit `本报记者 乔利峰 摄`, `（下转第四版）`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from xcaudio.article import Article
from xcaudio.layout.lines import CJK, despace, join_lines, squeeze_spaces

AGENCIES = (
    "新华社|中新社|中国新闻社|人民日报|光明日报|经济日报|中国日报|工人日报|法治日报|农民日报"
    "|央视新闻|央视网|央广网|中央广播电视总台|人民网|新华网|河南日报|大河报|本报"
)
_DATE = r"\d{1,2}\s*月\s*\d{1,2}\s*日"
LEAD = re.compile(
    rf"^\s*(?P<dateline>(?:据\s*)?(?:本\s*报\s*讯"
    rf"|(?:{AGENCIES})[^\s，。、（(]{{0,8}}?\s*(?:{_DATE}\s*)?电"
    rf"|[{CJK}]{{2,10}}\s*{_DATE}\s*电(?=[\s（(])))"
    r"\s*(?:[（(](?P<credit>[^）)]{1,60})[）)])?\s*"
)
ROLES = (
    "本报特约通讯员|本报特约记者|本报见习记者|本报实习生|本报通讯员|本报记者|新华社记者|特约通讯员"
    "|特约记者|见习记者|实习记者|首席记者|通讯员|实习生|评论员|记者|摄影|文/图|图/文|文／图|图／文"
)
_ROLE = re.compile(rf"^(?:{ROLES})")
_ROLE_PREFIX = re.compile(rf"^.*(?:{ROLES})")
_NAME = re.compile(rf"^[{CJK}]{{2,4}}$|^[{CJK}]{{1,6}}·[{CJK}]{{1,8}}$")
# The commonest Chinese surnames: a line of bare names is a byline only if each has one.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关"
    "兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻"
    "祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿"
    "桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = "欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐"
_SURNAMED = re.compile(rf"^(?:{COMPOUND_SURNAMES}|[{SURNAMES}])[{CJK}]{{1,2}}$")
_CREDIT_TAIL = re.compile(r"\s*(?:摄影|摄|报道)$")
# A drawing's credit: names then 作, often with the agency that sent it (`（新华社发）`).
_SENT = rf"[（(]\s*(?:{AGENCIES})\s*发\s*[）)]"
_DRAWN = re.compile(rf"^(?P<names>[{CJK}·、\s]+?)\s*作\s*(?P<sent>{_SENT})?$")
# `赵 鹏`: a two-character name letter-spaced to the width of a three-character one.
_SPACED_NAME = re.compile(rf"(?<![{CJK}])([{CJK}]) ([{CJK}])(?=\s|摄|$)")
MARKER = re.compile(
    r"[（(]\s*(?P<verb>下\s*转|转|续|上\s*接|接)\s*"
    r"(?P<page>第?\s*[A-Za-z]?\s*[一二三四五六七八九十\d]+\s*版)\s*[）)]"
)
_MARKER_START = re.compile(r"[（(][^（()）]{0,8}$")
FURNITURE_WORDS = "data/furniture.tsv"
# A folio: the page number, a gap, the page's name (`7 理论`, `A3 要闻`); not a count
# (`3 个确保`, `20 年建成`), which a measure word or a unit of time follows.
_COUNTED = "个大项条年月日天种次位名家件点份批倍万亿千百"
PAGE_LABEL = re.compile(rf"^[A-Za-z]?\d{{1,2}} (?![{_COUNTED}])[{CJK}]{{2,4}}$")


@dataclass
class Lead:
    """The lead that opens a story, split off its body text."""

    dateline: str
    byline: str | None
    people: list[str]
    rest: str


@dataclass
class Credit:
    """A byline block or a photo credit standing on its own line."""

    byline: str
    people: list[str] = field(default_factory=list)
    photo: bool = False

    @property
    def names_only(self) -> bool:
        """Names and nothing else (`徐民府`): how an essay is signed, under its title."""
        return not self.photo and self.byline.split() == self.people


def find_lead(text: str) -> Lead | None:
    """Split `本报讯（记者 石冠兵）4 月 16 日上午，…` into its lead and the rest."""
    match = LEAD.match(text)
    if not match:
        return None
    credit = spaced_credit(match.group("credit") or "") or None
    people = names_in(credit) if credit else []
    return Lead(
        dateline=despace(match.group("dateline")),
        byline=credit,
        people=people,
        rest=text[match.end() :],
    )


def join_lead(lines: list[str]) -> str:
    """A lead paragraph's lines re-joined, with the space restored that a line break took
    from between two bylined names (`黎云` / `贾启龙`): where the break splits a run of
    names too long for one (five characters or more) into parts of two or more."""
    text = join_lines(lines)
    match = LEAD.match(text)
    if not match or match.group("credit") is None:
        return text
    start, end = match.span("credit")
    for number in reversed(range(1, len(lines))):
        cut = len(join_lines(lines[:number]))
        left = re.search(f"[{CJK}]+$", text[start:cut])
        right = re.match(f"[{CJK}]+", text[cut:end])
        if left and right:
            name = _ROLE_PREFIX.sub("", left.group())
            if min(len(name), len(right.group())) >= 2 and len(name + right.group()) >= 5:
                text = text[:cut] + " " + text[cut:]
    return text


def is_wire(dateline: str) -> bool:
    """A news-agency dateline (新华社…电): the item is a brief, not our own story."""
    return dateline != "本报讯" and not dateline.lstrip("据").startswith("本报")


def spaced_credit(credit: str) -> str:
    """`记者黎云 贾启龙` → `记者 黎云 贾启龙`: the space a line break swallowed, restored
    between role words and names (never between two names: where it fell is unknowable)."""
    return closed_names(squeeze_spaces(re.sub(f"({ROLES})", r" \1 ", credit)))


def closed_names(credit: str) -> str:
    """`本报记者 赵 鹏 摄` → `本报记者 赵鹏 摄`: letter-spacing inside a name closed, so the
    name reads as one (spaces between names stay)."""
    return _SPACED_NAME.sub(r"\1\2", credit)


def names_in(credit: str) -> list[str]:
    """People named in a credit: every token that is not a role word."""
    people: list[str] = []
    for token in re.split(r"[\s、，,]+", _CREDIT_TAIL.sub("", credit)):
        name = token
        while _ROLE.match(name):
            name = _ROLE.sub("", name, count=1)
        if name and name not in people and re.fullmatch(f"[{CJK}·]+", name):
            people.append(name)
    return people


def find_credit(line: str) -> Credit | None:
    """A line made only of role words and names, optionally ending in 摄: a byline block.
    Names alone make one too (an essay's author under its title) where each starts with a
    common surname. A credit set over two lines (`本报记者 陈静怡` / `通讯员 马国庆`) reads
    the same with its lines joined."""
    text = spaced_credit(line)
    photo = bool(re.search(r"\s*摄影?$", text))
    body = _CREDIT_TAIL.sub("", text) if photo else text
    tokens = [token for token in re.split(r"[\s、]+", body) if token]
    if not tokens or len(text) > 48:
        return None
    starts_with_role = bool(_ROLE.match(tokens[0]))
    names_alone = "、" not in text and all(_SURNAMED.match(token) for token in tokens)
    if not (starts_with_role or photo or names_alone):
        return None
    for token in tokens:
        name = _ROLE.sub("", token, count=1) if _ROLE.match(token) else token
        if name and not _NAME.match(name):
            return None
    people = names_in(body)
    if not people:
        return None
    return Credit(byline=text, people=people, photo=photo)


def find_marker(text: str) -> tuple[str, str | None]:
    """Remove continuation markers; return the text and the page it continues on, if any."""
    continued_on: str | None = None
    for match in MARKER.finditer(text):
        if not re.sub(r"\s", "", match.group("verb")).endswith("接"):
            continued_on = re.sub(r"\s", "", match.group("page"))
    return MARKER.sub("", text).rstrip(), continued_on


def find_continued_from(text: str) -> str | None:
    """The page a part continues from: `（上接第一版）` → `第一版`."""
    for match in MARKER.finditer(text):
        if re.sub(r"\s", "", match.group("verb")).endswith("接"):
            return re.sub(r"\s", "", match.group("page"))
    return None


def rejoin_markers(lines: list[str]) -> list[str]:
    """Put a continuation marker that a line break cut (`（下转第` / `四版）`) back on one line,
    so that `find_marker` sees it whole."""
    lines = [squeeze_spaces(line) for line in lines]
    for index, line in enumerate(lines):
        opening = _MARKER_START.search(line)
        following = next((n for n in range(index + 1, len(lines)) if lines[n]), None)
        if opening is None or following is None:
            continue
        head = line[opening.start() :]
        match = MARKER.match(head + lines[following])
        if match and match.end() > len(head):
            cut = match.end() - len(head)
            lines[index] += lines[following][:cut]
            lines[following] = lines[following][cut:].lstrip()
    return lines


@cache
def furniture_words(kind: str) -> tuple[str, ...]:
    """The words of one kind in data/furniture.tsv (credit roles, masthead and index cues),
    longest first so that a pattern of them tries `责任编辑` before `编辑`."""
    text = files("xcaudio.layout").joinpath(FURNITURE_WORDS).read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return tuple(sorted((word for key, word in rows if key == kind), key=len, reverse=True))


@cache
def _furniture() -> re.Pattern[str]:
    roles = "|".join(map(re.escape, furniture_words("credit")))
    series = "|".join(map(re.escape, furniture_words("series")))
    paper = rf"(?:[{CJK}]{{1,4}}(?:{'|'.join(map(re.escape, furniture_words('paper')))}))"
    return re.compile(
        rf"({roles})\s*[：:]"
        rf"|^[{CJK}]{{4,}}(?:{series})$"
        rf"|^{paper}$"
        rf"|^{paper}?\s*\d{{4}}年\d{{1,2}}月\d{{1,2}}日\s*星期."
        rf"(?:[A-Za-z]?\d{{1,2}}[{CJK}]{{2,4}}|\s*{paper})?$"
        r"|^第?[A-Za-z]?\d{1,2}版$"
    )


def is_furniture(line: str) -> bool:
    """Page furniture (staff, chart and drawing credits, the page's date line, its folio, or
    both read as one row, with or without the paper's name, or that name alone, a series
    banner): neither news nor headline."""
    text = squeeze_spaces(line)
    return bool(
        _furniture().search(despace(text, headline=True))
        or PAGE_LABEL.match(text)
        or is_drawing_credit(text)
    )


def is_drawing_credit(line: str) -> bool:
    """`张三作（新华社发）` under a cartoon: like `插图：张三`, a credit of art that has no
    text to read, so nobody's byline. Without the agency the names must look like names
    (`…加强合作` ends a line of text as well)."""
    match = _DRAWN.match(closed_names(line))
    if not match:
        return False
    names = [name for name in re.split(r"[\s、]+", match.group("names")) if name]
    if match.group("sent"):
        return all(_NAME.match(name) for name in names)
    return all(_SURNAMED.match(name) for name in names)


@cache
def _source_label() -> re.Pattern[str]:
    labels = "|".join(map(re.escape, furniture_words("source")))
    return re.compile(rf"^(?:{labels})[：:]")


def is_source_label(line: str) -> bool:
    """The source line under a chart or table (`数据来源：…`): a caption, never news."""
    return bool(_source_label().match(despace(line)))


def add_paragraph(article: Article, text: str) -> None:
    """Sort one paragraph of a story (where paragraphs come ready-made: Markdown, Founder XML,
    or a page PDF's recovered columns, lines joined with a space) into the article: lead,
    credit, continuation marker or body text."""
    article.continued_from = article.continued_from or find_continued_from(text)
    text, continued_on = find_marker(text)
    article.continued_on = continued_on or article.continued_on
    credit = find_credit(text)
    if credit:
        add_people(article, credit.byline, credit.people)
        article.kind = "photo" if credit.photo else article.kind
        return
    lead = find_lead(text) if not article.body else None
    if lead:
        article.dateline = lead.dateline
        add_people(article, lead.byline, lead.people)
        if is_wire(lead.dateline) and article.kind != "photo":
            article.kind = "brief"
        text = lead.rest
    cleaned = despace(text)
    if cleaned:
        article.body.append(cleaned)


def add_people(article: Article, byline: str | None, people: list[str]) -> None:
    """A credit added to the article's byline (a lead's reporters, then a photo's credit),
    its names to its people."""
    if byline:
        article.byline = f"{article.byline} {byline}" if article.byline else byline
    article.people += [person for person in people if person not in article.people]
