"""The tagger: which kind a span is, decided in order and from its context, then read.

Rules run from the most specific to the least; what a rule reads is pinned (see `rule`), so a
later rule never reads it again. The spans whose kind depends on context are decided here:
a colon is a time (9:30) or a score / ratio (3:1, 1:2的比例); a dash is a date (2020-04-16), a
range (1-3月, 2023-2024赛季), a score (以3-1获胜), or, when none of these fits, left as printed.
"""

from __future__ import annotations

import re

from xcaudio.normalize import (
    clock,
    codes,
    date,
    decimal,
    fraction,
    letters,
    measure,
    money,
    ordinal,
    ranges,
    symbols,
)
from xcaudio.normalize.cardinal import counted
from xcaudio.normalize.decimal import MINUS, NUMBER
from xcaudio.normalize.rule import PINNED, Rule, unpin

# Words that make a colon or a dash between two numbers a score: anywhere shortly before it,
# or right after it. The weak ones count only for a dash (比赛于20:00举行 is still a time,
# 以1-3月为例 still a range, which the words after it show).
SCORE_NEAR = ("比分", "比例")
SCORE_AFTER = (
    "战胜", "击败", "胜", "负", "取胜", "获胜", "告负", "落败", "险胜", "力克", "淘汰", "拿下",
    "赢", "输", "的比例", "比例", "的比分", "的大比分", "大胜", "完胜", "逆转", "战平", "打平",
)
SCORE_BEFORE_WEAK = ("以", "打成", "战成", "之比")
SCORE_NEAR_WEAK = ("比赛", "对阵", "战胜", "击败", "爆冷", "半场", "全场")
SPORT_WORDS = ("比赛", "投篮", "三分", "罚球", "命中", "进球", "射门", "得分", "比分", "对阵",
               "发球", "破发", "局", "盘")
SCORE_MOST = 30
RANGE_BEFORE = ("约", "有", "在", "为", "是", "达", "每", "或", "从", "第", "前", "后", "共", "至")


_CLAUSE_END = re.compile(r"[，。；！？、,;!?]")


def _context(match: re.Match[str]) -> tuple[str, str]:
    """Up to eight characters each side, within the span's own clause."""
    text = match.string
    before = _CLAUSE_END.split(text[max(0, match.start() - 8):match.start()])[-1]
    return before, _CLAUSE_END.split(text[match.end():match.end() + 8])[0]


def is_score(match: re.Match[str], *, weak: bool = True) -> bool:
    before, after = _context(match)
    if any(word in before for word in SCORE_NEAR) or after.lstrip().startswith(SCORE_AFTER):
        return True
    if not weak or counted(after) or after.startswith(ranges.POSITION_WORDS + ranges.YEAR_WORDS):
        return False
    return before.rstrip().endswith(SCORE_BEFORE_WEAK) or any(
        word in before for word in SCORE_NEAR_WEAK)


def _sporting(match: re.Match[str]) -> bool:
    """Words of a match report near a slash between two numbers (三分球2/2, 罚球5/6)."""
    before, after = _context(match)
    return any(word in before or after.startswith(word) for word in SPORT_WORDS)


def _bare_score(match: re.Match[str], low: str, high: str, after: str) -> bool:
    """中国1-2, 主队0-1: two small whole numbers right after a name, and nothing after them
    in the clause, are a score; a range has its unit or a word of range around it."""
    before = match.string[:match.start()].rstrip()
    small = all(part.isdigit() and int(part) <= SCORE_MOST for part in (low, high))
    ends = not _CLAUSE_END.split(after[:8])[0].strip()
    return small and ends and bool(before) and "\u4e00" <= before[-1] <= "\u9fff" and (
        not before.endswith(RANGE_BEFORE))


def _numeric_date(match: re.Match[str]) -> str | None:
    year, month, day = match["y"], match["m"], match["d"]
    if len(year) == 4 and not date.is_year(year, "", "") or not date.valid(month, day):
        # 2020-13-45: shaped like a date but none; left as printed rather than guessed.
        return match.group(0) if len(year) == 4 and match["s"] in "-/" else None
    return date.date(year, month, day)


def _colon(match: re.Match[str]) -> str:
    parts = match.group(0).split(":")
    clock_like = all(part.isdigit() for part in parts) and len(parts) <= 3 and all(
        len(part) == 2 for part in parts[1:]) and clock.valid(*parts)
    if clock_like and (len(parts) == 3 or not is_score(match, weak=False)):
        return clock.time(*parts)
    return fraction.ratio(*parts)  # 3:1, 1:2的比例, 1:1:1


def _value(printed: str) -> float:
    return float(re.sub(f"[{MINUS}]", "-", printed).replace(",", ""))


def _dash(match: re.Match[str]) -> str | None:
    low, high = (match["sa"] or "") + match["a"], (match["sb"] or "") + match["b"]
    low_unit, high_unit, after = match["ua"], match["ub"], match.string[match.end():]
    if match.string.endswith("第", 0, match.start()):
        after = ""  # 第2-3名: positions, so 二, never 两
    hyphen = match["sep"] in "-－–/"
    if hyphen and not (low_unit or high_unit) and is_score(match):
        return fraction.ratio(low, high)
    months = [date.YEAR_MONTH.fullmatch(end) for end in (low, high)]
    if all(months) and not (low_unit or high_unit):  # 2019.09—2020.06
        return "到".join(date.date(*month.groups()) for month in months if month)
    both_years = all(end.isdigit() and len(end) == 4 and date.is_year(end, "", "")
                     for end in (low, high))
    if both_years and int(low) < int(high) and not (low_unit or high_unit) and (
            after.startswith(ranges.YEAR_WORDS) or not counted(after)):
        return ranges.years(low, high)
    if match["sep"] == "/":
        # 1/3: a fraction, the fraction rule reads it; 2/2 in a match report is a score.
        return fraction.ratio(low, high) if _sporting(match) else None
    if hyphen and low == high:
        return fraction.ratio(low, high)  # 2-2: a tie, never a range
    if hyphen and _bare_score(match, low, high, after):
        return fraction.ratio(low, high)  # 中国1-2: a team, then its score
    if hyphen and _value(low) > _value(high):
        return match.group(0)  # 5-3 with nothing around it: a score? a code? left as printed.
    return ranges.span(low, high, low_unit, high_unit, after)


_UNIT = rf"%|‰|{measure.UNIT}"
# Dates printed with digits only: 2020-04-16, 2020/4/16, 12/2/2, 2019·2·10.
NUMERIC_DATES = [
    Rule("date", re.compile(
        r"(?<![0-9A-Za-z.:/-])(?P<y>[0-9]{4}|[0-9]{2})(?P<s>[-/.·])(?P<m>[0-9]{1,2})(?P=s)"
        r"(?P<d>[0-9]{1,2})(?![0-9]|[-/.·][0-9])"), _numeric_date),
    # 2019/12, 2019-12, 2019.09: a year and a month (after a dot only a zero-led month, since
    # 2019.12 may well be a decimal).
    Rule("date", re.compile(
        r"(?<![0-9A-Za-z.:/-])(?P<y>(?:19|20)[0-9]{2})(?:[-/](?P<m>0?[1-9]|1[0-2])|\.(?P<z>0[1-9]))"
        r"(?![0-9%‰万亿点元]|[-/.·][0-9])"),
        lambda match: date.date(match["y"], match["m"] or match["z"])),
    # 08-08-2008, 08/08/2008: month, day and year, the way some wire copy prints them.
    Rule("date", re.compile(
        r"(?<![0-9A-Za-z.:/-])(?P<m>0[1-9]|1[0-2])(?P<s>[-/.])(?P<d>0[1-9]|[12][0-9]|3[01])(?P=s)"
        r"(?P<y>(?:19|20)[0-9]{2})(?![0-9]|[-/.·][0-9])"),
        lambda match: date.date(match["y"], match["m"], match["d"])),
    # 08-2008, 08/2008, 08.2008: a month and a year.
    Rule("date", re.compile(
        r"(?<![0-9A-Za-z.:/-])(?P<m>0[1-9]|1[0-2])[-/.](?P<y>(?:19|20)[0-9]{2})"
        r"(?![0-9%‰]|[-/.·][0-9])"),
        lambda match: date.date(match["y"], match["m"])),
    # 08-08, 04/16, 08.08: month and day, both printed with two digits and one led by a zero
    # (after a dot, the month: 0.08 and 8.08 stay decimals).
    Rule("date", re.compile(
        r"(?<![0-9A-Za-z.:/-])(?:(?=0|[0-9]{2}[-/]0)(?P<m>0[1-9]|1[0-2])[-/]|(?P<z>0[1-9])\.)"
        r"(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9%‰]|[-/.·][0-9])"),
        lambda match: date.date(None, match["m"] or match["z"], match["d"])),
]
COLON = Rule("time", re.compile(rf"(?<![0-9:.])(?:{NUMBER})(?::(?:{NUMBER}))+(?![0-9:])"), _colon)
DASH = Rule("range", re.compile(
    rf"(?:(?<![0-9A-Za-z{PINNED}])(?P<sa>[{MINUS}]))?(?<![0-9A-Za-z.])(?P<a>{NUMBER})"
    rf"(?P<ua>{_UNIT})?"
    rf"(?P<sep>[-－–~～〜/]|—{{1,2}})(?P<sb>(?<=[~～〜])[{MINUS}])?(?P<b>{NUMBER})"
    rf"(?P<ub>{_UNIT})?(?![0-9A-Za-z])"), _dash)

# From the most specific kind to the least; the order is the tagger's main decision.
RULES: list[Rule] = [
    *symbols.GLOSS,
    *date.ERA_RULES,
    *NUMERIC_DATES,
    *decimal.MAGNITUDE_RULES,
    *codes.RULES,
    *clock.DAYTIME_RULES,
    COLON,
    *clock.RULES,
    *money.RULES,
    DASH,
    *measure.PER_RULES,
    *fraction.RULES,
    *date.RULES,
    *measure.RULES,
    *letters.RULES,
    *letters.ACRONYM_RULES,
    *ordinal.RULES,
    *money.AMOUNT_RULES,
    *codes.BARE_RULES,
    *decimal.RULES,
    *symbols.RULES,
]


def normalize(text: str) -> str:
    """Printed Mandarin news text → what a newsreader says; text without numbers is unchanged."""
    text = symbols.prepare(text)
    for rule in RULES:
        text = rule.apply(text)
    return unpin(text)
