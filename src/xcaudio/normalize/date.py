"""Dates: years digit by digit, months and days as numbers, weekdays, eras (公元 / 公元前)."""

from __future__ import annotations

import re

from xcaudio.normalize.cardinal import cardinal, counted, digits
from xcaudio.normalize.rule import Rule

_WEEKDAY = "一二三四五六日"
# 2019.09 or 2019.9: a year and month written like a decimal (only safe in a range of them).
YEAR_MONTH = re.compile(r"((?:19|20)[0-9]{2})\.(0?[1-9]|1[0-2])")
_ERA_WORDS = ("公元前", "公元", "纪元", "西元")
# After these a four-digit number before 年 is a length of time: 有1000年历史, 1500年之久.
_AMOUNT_AFTER = ("历史", "的历史", "之久", "以上", "左右", "有余")
# Around these a bare 2020 is a quantity, not a year.
_AMOUNT_BEFORE = (
    "约", "近", "达", "共", "计", "超", "逾", "仅", "第", "增加", "减少", "超过",
    "至", "到", "和", "或",
)
_NUMBER_AFTER = ("至", "到", "和", "或", "以上", "以下", "左右", "多", "余", "万", "亿")


def valid(month: str | None, day: str | None) -> bool:
    return (month is None or 1 <= int(month) <= 12) and (day is None or 1 <= int(day) <= 31)


def date(year: str | None, month: str | None = None, day: str | None = None,
         day_word: str = "日") -> str:
    """Any of year/month/day, each read the newsreader's way (二零二零年四月十六日)."""
    spoken = digits(year) + "年" if year else ""
    if month:
        spoken += cardinal(month) + "月"
    if day:
        spoken += cardinal(day) + day_word
    return spoken


def is_year(year: str, before: str, after: str) -> bool:
    """`2020年` is a year, `100年` / `民国38年` / `90年代` are amounts (read as numbers)."""
    if before.endswith(_ERA_WORDS):
        return True
    if len(year) == 4:
        return 1000 <= int(year) <= 2099 and not after.startswith(_AMOUNT_AFTER)
    # 05年, 00年: a two-digit year keeps its leading zero; 98年8月 is caught with its month.
    return len(year) == 2 and year.startswith("0") and not after.startswith("代")


def _era(match: re.Match[str]) -> str | None:
    if not valid(match["m"], match["d"]):
        return None
    era = "公元前" if match["era"].lower().startswith("b") else "公元"
    return era + date(match["y"], match["m"], match["d"])


def _year_month_day(match: re.Match[str]) -> str | None:
    year, month, day = match["y"], match["m"], match["d"]
    if month is None:
        if not is_year(year, match.string[:match.start()], match.string[match.end():]):
            return None
    elif not valid(month, day):
        return None
    return date(year, month, day, match["dw"] or "日")


def _month_day(match: re.Match[str]) -> str | None:
    if not valid(match["m"], match["d"]):
        return None
    return date(None, match["m"], match["d"], match["dw"] or "日")


def _day(match: re.Match[str]) -> str | None:
    return date(None, None, match["d"], match["dw"]) if valid(None, match["d"]) else None


def _event(match: re.Match[str]) -> str | None:
    return digits(match["m"] + match["d"]) if valid(match["m"], match["d"]) else None


def _bare_year(match: re.Match[str]) -> str | None:
    """2020 on its own (a slogan, a display line) is a year; 2020个 / 约2000 are amounts."""
    before, after = match.string[:match.start()], match.string[match.end():]
    if counted(after) or after.startswith(_NUMBER_AFTER) or before.endswith(_AMOUNT_BEFORE):
        return None
    return digits(match.group(0))


def _weekday(match: re.Match[str]) -> str:
    day = _WEEKDAY[int(match["n"]) - 1]
    return match["w"] + ("天" if day == "日" and match["w"] == "礼拜" else day)


_DAY = r"(?:(?P<d>[0-9]{1,2})(?P<dw>[日号]))"
# 2934ad, 1234b.c., 1823年3月bc: before the letters rule sees them as codes.
ERA_RULES = [
    Rule("date", re.compile(
        r"(?<![0-9])(?P<y>[0-9]{3,4})(?:年(?:(?P<m>[0-9]{1,2})月(?:(?P<d>[0-9]{1,2})日)?)?)?"
        r"(?P<era>a\.d\.|ad|b\.c\.|bc)(?![A-Za-z])", re.IGNORECASE), _era),
]
RULES = [
    Rule("date", re.compile(
        r"(?<![0-9.])(?P<y>[0-9]{2,4})年(?:(?P<m>[0-9]{1,2})月" + _DAY + r"?)?"), _year_month_day),
    Rule("date", re.compile(r"(?<![0-9.])(?P<m>[0-9]{1,2})月" + _DAY + "?"), _month_day),
    # 5·12地震, 9·11, 3·15晚会: an event named by its date is read digit by digit.
    Rule("date", re.compile(r"(?<![0-9·.])(?P<m>[0-9]{1,2})[·・](?P<d>[0-9]{1,2})(?![0-9·.])"),
         _event),
    # 80后, 00后: a generation is read digit by digit (八零后), unlike 80年代 (八十年代).
    Rule("date", re.compile(r"(?<![0-9.])[0-9]0(?=后(?![天来期续面]))"),
         lambda match: digits(match.group(0))),
    Rule("date", re.compile(r"(?<![0-9.])" + _DAY), _day),
    Rule("date", re.compile(r"(?<![0-9.,:/])(?:19|20)[0-9]{2}(?![0-9.,%‰:/]|-[A-Za-z])"),
         _bare_year),
    Rule("date", re.compile(r"(?P<w>星期|礼拜|周)(?P<n>[1-7])(?![0-9])"), _weekday),
]
