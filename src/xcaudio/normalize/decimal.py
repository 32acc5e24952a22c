"""Numbers as printed: sign, thousands separators, decimal point."""

from __future__ import annotations

import re

from xcaudio.normalize.cardinal import cardinal, counted, digits
from xcaudio.normalize.rule import PINNED, Rule

# A printed number: 3,560 / 3.5 / 70. Callers wrap it with their own context.
NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
MINUS = "-−－"


def number(text: str, *, count: bool = False) -> str:
    """Read a printed number; a leading minus is 负, a bare 2 is 两 when `count`."""
    sign = ""
    if text[0] in MINUS:
        sign, text = "负", text[1:]
    whole, _, fraction = text.replace(",", "").partition(".")
    if fraction:
        return sign + cardinal(whole) + "点" + digits(fraction)
    return sign + cardinal(whole, count=count)


def _number(match: re.Match[str]) -> str:
    following = match.string[match.end():match.end() + 4]
    return number((match["sign"] or "") + match["n"], count=counted(following))


def dotted(text: str) -> str:
    """3.1.2 → 三点一点二, 127.0.0.1 → 一二七点零点零点一: part by part, long parts by digit."""
    return "点".join(digits(part) if len(part) > 2 else cardinal(part) for part in text.split("."))


# Early, before codes would spell them: a lower-case w or k after a number is 万 or 千, the way
# web copy writes round numbers (300w张, 10w+, 5k).
MAGNITUDE = {"w": "万", "k": "千"}
MAGNITUDE_RULES = [
    Rule("cardinal", re.compile(
        rf"(?<![0-9A-Za-z.{PINNED}])(?P<n>{NUMBER})(?P<m>[wk])(?![A-Za-z])"),
        lambda match: number(match["n"], count=True) + MAGNITUDE[match["m"]]),
]

# The last numeric rules: whatever digits no other kind claimed are an amount (我买了5个苹果);
# three or more parts joined by dots (第3.1.2条, 192.168.1.1) are read part by part with 点.
RULES = [
    Rule("cardinal", re.compile(r"(?<![0-9.])[0-9]+(?:\.[0-9]+){2,}(?![0-9])"),
         lambda match: dotted(match.group(0))),
    # .22口径: a number printed with its point first (calibres) is said from the point.
    Rule("decimal", re.compile(r"(?<![0-9A-Za-z.])\.(?P<d>[0-9]+)(?![0-9.])"),
         lambda match: "点" + digits(match["d"])),
    Rule("cardinal", re.compile(
        rf"(?:(?<![0-9A-Za-z{PINNED}])(?P<sign>[{MINUS}]))?(?<![0-9])(?P<n>{NUMBER})"), _number),
]
