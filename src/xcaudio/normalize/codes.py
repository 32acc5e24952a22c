"""Numbers that name rather than count: phone numbers, codes and IDs, read digit by digit.

Phone numbers, service lines (110, 12345) and the names of programs (985高校, 211工程) say 1 as
幺 (零三七四二九六幺二三四, 幺幺零, 二幺幺), the way they are read on air and over the phone;
every other code says 一 (G一零七, 邮编四六一零零零). The words that tell them from amounts
are data (data/number_contexts.tsv); an amount still wins before a measure word or a unit.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from xcaudio.normalize.cardinal import counted, digits
from xcaudio.normalize.measure import UNIT
from xcaudio.normalize.rule import Rule


@cache
def contexts() -> dict[tuple[str, str], tuple[str, ...]]:
    """data/number_contexts.tsv by (kind, side): the words that make a number a phone number,
    a code or a program's name, and the public service numbers."""
    text = files("xcaudio.normalize").joinpath("data/number_contexts.tsv").read_text("utf-8")
    table: dict[tuple[str, str], list[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, kind, side = line.split("\t")
            table.setdefault((kind, side), []).append(word)
    return {key: tuple(words) for key, words in table.items()}


def _words(words: tuple[str, ...]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _phone(match: re.Match[str]) -> str:
    """Digits with 幺; brackets and dashes inside are silent, a list mark (、) stays."""
    spoken = re.sub(r"[0-9]+", lambda run: digits(run.group(0), yao=True), match["n"])
    return (match["lead"] or "") + re.sub(r"[()（）\s+\-－—–]", "", spoken)


def _named_phone(match: re.Match[str]) -> str | None:
    """拨打12345 is a number to call; 热线3000余个 still counts calls."""
    return None if counted(match.string[match.end():]) else _phone(match)


def _service(match: re.Match[str]) -> str | None:
    """110, 12345 standing alone are lines to call; 110人, 110千伏, 共110, 血压120 are not."""
    before, after = match.string[:match.start()], match.string[match.end():]
    if before[-1:] in _AMOUNT_BEFORE or before.endswith(_MEASURED) or re.match(
            rf"\s?(?:{UNIT}|[%‰％万亿])", after):
        return None
    return _named_phone(match)


def _code(match: re.Match[str]) -> str:
    code = match["n"].replace("-", "")
    return match["lead"] + re.sub(r"[0-9]+", lambda run: digits(run.group(0)), code)


# Before a number these make it an amount (共110000000, 人口为…, 总量…, 第110).
_AMOUNT_BEFORE = tuple("共达约为计有是超逾过至到近增减降升涨跌值额量数口第仅第余")
_MEASURED = ("血压", "身高", "体重", "分数", "得分", "成绩", "指数", "时速", "速度", "温度", "高度")
_DASH = r"[-－—–]"
_LOCAL = r"[1-9][0-9]{6,7}(?![0-9])"
# Further numbers of a list after the first: 0374-5161234、5161235.
_MORE = rf"(?:[、/](?:0[1-9][0-9]{{1,2}}{_DASH})?{_LOCAL})*"
RULES = [
    # 0374-2961234, (0374)2961234, 03742961234: an area code, then 7 or 8 digits.
    Rule("phone", re.compile(
        rf"(?P<lead>)(?<![0-9])(?P<n>[(（]?0[1-9][0-9]{{1,2}}[)）]?(?:{_DASH}| )?{_LOCAL}{_MORE})"),
        _phone),
    # Mobiles 138-1234-5678 and 400 / 800 service lines.
    Rule("phone", re.compile(
        rf"(?P<lead>)(?<![0-9])(?P<n>(?:\+86[- ]?)?1[3-9][0-9](?:{_DASH}| )?[0-9]{{4}}"
        rf"(?:{_DASH}| )?[0-9]{{4}}|[48]00{_DASH}?[0-9]{{3}}{_DASH}?[0-9]{{4}})(?![0-9])"), _phone),
    Rule("phone", re.compile(
        rf"(?P<lead>(?:{_words(contexts()['phone', 'before'])})[：:是为]?\s?)"
        rf"(?P<n>[0-9](?:[0-9]|{_DASH}(?=[0-9])){{2,}}(?![0-9.]){_MORE})"), _named_phone),
    # 12345热线, 12345服务平台: a line named by the words after it.
    Rule("phone", re.compile(
        rf"(?P<lead>)(?<![0-9A-Za-z.,])(?P<n>[0-9]{{3,6}})"
        rf"(?=\s?(?:{_words(contexts()['phone', 'after'])}))"), _phone),
    # 12345, 12306, 110, 120: the public service lines, unless an amount follows (12345元)
    # or comes before (共110, 达120).
    Rule("phone", re.compile(
        rf"(?P<lead>)(?<![0-9A-Za-z.,])(?P<n>123[0-9]{{2}}|{_words(contexts()['service', 'self'])})"
        r"(?![0-9.,])"), _service),
    # 302房间, 1203室: rooms and flights named by the word after them (3室2厅 still counts).
    Rule("code", re.compile(
        rf"(?P<lead>)(?<![0-9A-Za-z.,])(?P<n>[0-9]{{3,5}})"
        rf"(?=(?:{_words(contexts()['code', 'after'])}))"), _code),
    # 985高校, 211工程: programs named by a number.
    Rule("phone", re.compile(
        rf"(?P<lead>)(?<![0-9A-Za-z.,])(?P<n>[0-9]{{3}})"
        rf"(?=(?:{_words(contexts()['program', 'after'])}))"), _phone),
    Rule("code", re.compile(
        rf"(?P<lead>(?:{_words(contexts()['code', 'before'])})[：:是为]?\s?)"
        r"(?P<n>[A-Za-z]*[0-9][0-9A-Za-z]*(?:-[0-9A-Za-z]+)*)"), _code),
    # 107国道, 〔2020〕5号 and （2020）豫10民初123号: road numbers and years of documents.
    Rule("code", re.compile(r"(?<![0-9])[0-9]{3}(?=国道|省道|县道)"),
         lambda match: digits(match.group(0))),
    Rule("code", re.compile(r"(?<=[〔\[［（(])(?:19|20)[0-9]{2}(?=[〕\]］）)])"),
         lambda match: digits(match.group(0))),
]


def _long(match: re.Match[str]) -> str | None:
    """A run of nine or more digits inside a sentence, counting nothing, is an ID or a code
    (订单20200416001); on its own, or after a word of amount, it stays a number."""
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or text[start - 1] in _AMOUNT_BEFORE or text[start - 1].isspace():
        return None
    after = text[end:]
    return None if counted(after) or after.startswith(("元", "美元")) else digits(match.group(0))


# Late, just before plain numbers: runs too long to be an amount, or led by a zero (007).
BARE_RULES = [
    Rule("code", re.compile(
        r"(?<![0-9.,])(?:[0-9]{13,}|0[0-9]+)(?![0-9]|\.[0-9])"),
        lambda match: digits(match.group(0))),
    Rule("code", re.compile(r"(?<![0-9.,])[0-9]{9,12}(?![0-9]|[.,][0-9])"), _long),
]
