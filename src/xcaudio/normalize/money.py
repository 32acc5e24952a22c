"""Money: ￥12.5 → 十二点五元, $1.5万 → 一点五万美元, 1.50元 → 一点五元.

Prices are said without the trailing zeros printed after the point (36.00元 → 三十六元).
"""

from __future__ import annotations

import re

from xcaudio.normalize.decimal import NUMBER, number
from xcaudio.normalize.rule import Rule

CURRENCY = {
    "￥": "元", "¥": "元", "RMB": "元", "CNY": "元", "US$": "美元", "USD": "美元", "HK$": "港元",
    "HKD": "港元", "A$": "澳元", "AUD": "澳元", "EUR": "欧元", "JPY": "日元", "GBP": "英镑",
    "$": "美元", "€": "欧元", "£": "英镑", "₩": "韩元", "₽": "卢布", "₹": "卢比",
}
_SIGN = "|".join(re.escape(sign) for sign in sorted(CURRENCY, key=len, reverse=True))


_NAMES = "|".join(sorted(set(CURRENCY.values()) | {"块"}, key=len, reverse=True))


def price(value: str) -> str:
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return number(value, count=True)


def _money(match: re.Match[str]) -> str:
    return price(match["n"]) + (match["big"] or "") + CURRENCY[match["cur"]]


RULES = [
    Rule("money", re.compile(
        rf"(?P<cur>{_SIGN}) ?(?P<n>{NUMBER})(?P<big>万亿|[万亿])?(?![0-9])"), _money),
]
# Late, once ranges and rates (元/斤) are read: a plain amount of money.
AMOUNT_RULES = [
    Rule("money", re.compile(rf"(?<![0-9.]){NUMBER}(?=(?:万亿|[万亿])?(?:{_NAMES}))"),
         lambda match: price(match.group(0))),
]
