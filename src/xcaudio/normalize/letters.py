"""Model codes and abbreviations: letters stay letters, the digits among them are read.

N95 → N九五, G20 → G二十, 5G → 五G, PM2.5 → PM二点五, G107 → G一零七, H7N9 → H七N九.
Letters in codes are kept as printed; abbreviations printed in lower case are spelled as capitals
(nba → NBA), which the offline voice spells in its own front end and edge voices read as letters.
"""

from __future__ import annotations

import re

from xcaudio.normalize.cardinal import cardinal, digits
from xcaudio.normalize.decimal import dotted, number
from xcaudio.normalize.rule import PINNED, Rule

# Codes whose short digit runs are still said digit by digit (N九五, not N九十五).
DIGIT_CODES = frozenset({"N95", "KN95", "KN90", "FFP2", "FFP3", "P2", "N99", "N100"})
# Near these a letter and its number are a road, read digit by digit (G四 / S八八郑栾高速).
ROAD = re.compile(r"[GSXY][0-9]+")
ROAD_WORDS = re.compile(r"^[^，。；、]{0,6}?(?:国道|省道|县道|高速|公路|绕城)")


def _digit_run(run: str, by_digit: bool) -> str:
    if run.count(".") > 1:
        return dotted(run)
    if "." in run:
        return number(run)
    return digits(run) if by_digit or len(run) > 2 or run.startswith("0") else cardinal(run)


def code(text: str, *, road: bool = False) -> str:
    """Read the digit runs of a code; a dash by a digit is silent (COVID十九, CN四一零零三四)."""
    by_digit = road or text.upper() in DIGIT_CODES or re.search(r"[0-9]-[0-9]", text) is not None
    text = re.sub(r"-(?=[0-9])|(?<=[0-9])-", "", text)
    return re.sub(r"[0-9]+(?:\.[0-9]+)*", lambda run: _digit_run(run.group(0), by_digit), text)


def _code(match: re.Match[str]) -> str:
    text = match.group(0)
    road = ROAD.fullmatch(text) is not None and (
        ROAD_WORDS.match(match.string[match.end():]) is not None
        or match.string.endswith(("高速", "国道", "省道"), 0, match.start()))
    return code(text, road=road)


RULES = [
    Rule("code", re.compile(
        rf"(?<![0-9A-Za-z.{PINNED}])"
        r"(?=[0-9.-]*[A-Za-z])(?=[A-Za-z-]*[0-9])[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*"
        r"(?![0-9A-Za-z])"), _code),
    # ISO 9001, GB 2760: a standard's number, spaced from its capitals, digit by digit.
    Rule("code", re.compile(rf"(?<![0-9A-Za-z{PINNED}])[A-Z]{{2,}} [0-9]{{3,}}(?![0-9A-Za-z.])"),
         _code),
]
# Late, once units and codes have taken their letters: an abbreviation printed in lower case
# (nba, cctv, Atm) or spaced (c e o) is spelled as the capitals it stands for. Longer words
# and mixed case (iPhone, Android) stay as printed.
ACRONYM_RULES = [
    Rule("abbr", re.compile(
        rf"(?<![A-Za-z{PINNED}])(?:[a-z]{{2,5}}|[A-Z][a-z]{{1,4}})(?![A-Za-z{PINNED}])"),
        lambda match: match.group(0).upper()),
    Rule("abbr", re.compile(rf"(?<![A-Za-z{PINNED}])[a-z](?: [a-z])+(?![A-Za-z{PINNED}])"),
         lambda match: match.group(0).upper()),
]
