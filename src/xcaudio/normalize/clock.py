"""Clock times: 9:30 → 九点三十分, 9:05 → 九点零五分, 14:00 → 十四点."""

from __future__ import annotations

import re

from xcaudio.normalize.cardinal import cardinal, digits
from xcaudio.normalize.rule import Rule


def valid(hour: str, minute: str, second: str | None = None) -> bool:
    return int(hour) <= 24 and int(minute) <= 59 and (second is None or int(second) <= 59)


def time(hour: str, minute: str, second: str | None = None) -> str:
    """Minutes under ten keep their 零 (九点零五分); a whole hour is just the hour."""
    spoken = cardinal(hour, count=True) + "点"
    if int(minute) or second is not None:
        spoken += ("零" if 0 < int(minute) < 10 else "") + cardinal(minute) + "分"
    if second is not None:
        spoken += cardinal(second) + "秒"
    return spoken


def _printed(match: re.Match[str]) -> str:
    """9时30分 / 9点05分: the words are printed; a zero-led minute keeps its 零."""
    minute = match["m"]
    spoken = cardinal(match["h"], count=True) + match["w"]
    spoken += ("零" if len(minute) == 2 and minute.startswith("0") else "") + cardinal(minute)
    return spoken + "分"


def _daytime(match: re.Match[str]) -> str:
    """8:00 a.m. → 上午八点, 3 p.m. → 下午三点, 12 p.m. → 中午十二点; a 上午/下午 already
    printed before it is not said twice."""
    hour, minute = match["h"], match["m"] or "00"
    if not valid(hour, minute):
        return match.group(0)
    part = "上午" if match["p"].lower() == "a" else "中午" if int(hour) == 12 else "下午"
    said = time(hour, minute)
    before = match.string[:match.start()].rstrip()
    return said if before.endswith(("上午", "下午", "中午", "凌晨", "晚上")) else part + said


# Before colons are read: the a.m. / p.m. after a time says which half of the day it is.
DAYTIME_RULES = [
    Rule("time", re.compile(
        r"(?<![0-9:.])(?P<h>[0-9]{1,2})(?::(?P<m>[0-9]{2}))?\s?(?P<p>[aApP])\.?\s?[mM]\.?"
        r"(?![A-Za-z])"), _daytime),
]
RULES = [
    # 9秒83: hundredths of a second are read digit by digit (九秒八三).
    Rule("time", re.compile(r"(?<![0-9.])(?P<s>[0-9]{1,2})秒(?P<f>[0-9]{2})(?![0-9])"),
         lambda match: cardinal(match["s"]) + "秒" + digits(match["f"])),
    Rule("time", re.compile(
        r"(?<![0-9.])(?P<h>[0-9]{1,2})(?P<w>[时点])(?P<m>[0-9]{1,2})分(?!之)"), _printed),
]
