"""Ranges: 3～5 → 三到五, 1-3月 → 一到三月, 20%-30% → 百分之二十到百分之三十."""

from __future__ import annotations

from xcaudio.normalize.cardinal import counted, digits
from xcaudio.normalize.decimal import number
from xcaudio.normalize.fraction import PER, percent
from xcaudio.normalize.measure import amount, quantity

YEAR_WORDS = ("年", "赛季", "学年", "财年", "年度")
# After these the numbers are positions (二到三月), never counts.
POSITION_WORDS = ("月", "日", "号", "期", "楼", "层", "版", "级", "届")


def _side(value: str, unit: str | None, after: str) -> str:
    if unit in PER:
        return percent(value, unit)
    if unit:
        return quantity(value, unit)
    return number(value, count=counted(after) and not after.startswith(POSITION_WORDS))


def span(low: str, high: str, low_unit: str | None, high_unit: str | None, after: str) -> str:
    """Both ends joined by 到; a unit printed only at the high end is said once (三到五摄氏度),
    except percent, which each end needs (百分之二十到百分之三十)."""
    if low_unit is None and high_unit in PER:
        low_unit = high_unit
    if low_unit is None and high_unit:
        low_spoken = amount(low, high_unit)
    else:
        low_spoken = _side(low, low_unit, after)
    return low_spoken + "到" + _side(high, high_unit, after)


def years(low: str, high: str) -> str:
    return digits(low) + "到" + digits(high)
