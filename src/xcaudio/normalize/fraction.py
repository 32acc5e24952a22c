"""Parts of a whole: percent, per-mille, fractions (1/3 → 三分之一), ratios and scores (3:1)."""

from __future__ import annotations

import re

from xcaudio.normalize.cardinal import cardinal
from xcaudio.normalize.decimal import MINUS, NUMBER, number
from xcaudio.normalize.rule import PINNED, Rule

PER = {"%": "百分之", "％": "百分之", "‰": "千分之", "‱": "万分之"}
_SIGN = rf"(?:(?<![0-9A-Za-z{PINNED}])(?P<sign>[{MINUS}]))?"


def percent(value: str, sign: str = "%") -> str:
    """-5% → 负百分之五: the sign goes before the whole phrase; 100% is 百分之百."""
    minus = "负" if value[0] in MINUS else ""
    value = value.lstrip(MINUS)
    return minus + PER[sign] + ("百" if value == "100" and sign in "%％" else number(value))


def fraction(numerator: str, denominator: str) -> str:
    return cardinal(denominator) + "分之" + cardinal(numerator)


def ratio(*parts: str) -> str:
    return "比".join(number(part) for part in parts)


def _percent(match: re.Match[str]) -> str:
    return percent((match["sign"] or "") + match["n"], match["per"])


def _fraction(match: re.Match[str]) -> str:
    whole = cardinal(match["w"]) + "又" if match["w"] else ""
    sign = "负" if match["sign"] else ""
    return sign + whole + fraction(match["a"], match["b"])


def _spelled(match: re.Match[str]) -> str:
    sign = "负" if match["sign"] else ""
    return sign + fraction(match["a"], match["b"])


RULES = [
    Rule("percent", re.compile(_SIGN + rf"(?P<n>{NUMBER})\s?(?P<per>[%％‰‱])"), _percent),
    Rule("fraction", re.compile(
        _SIGN + r"(?<![0-9/.])(?:(?P<w>[0-9]+)又)?(?P<a>[0-9]+)/(?P<b>[0-9]+)(?![0-9/]|\.[0-9])"),
        _fraction),
    # 100分之57 is printed with the Chinese word already; only its numbers need reading.
    Rule("fraction", re.compile(_SIGN + r"(?<![0-9.])(?P<b>[0-9]+)分之(?P<a>[0-9]+)(?![0-9.])"),
         _spelled),
    Rule("fraction", re.compile(rf"(?<![0-9A-Za-z{PINNED}])[{MINUS}](?=[百千万]分之)"),
         lambda match: "负"),
]
