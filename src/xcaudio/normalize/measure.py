"""Units after a number (25kg → 二十五千克, -3℃ → 零下三摄氏度) and 每 for a slash (万吨/年)."""

from __future__ import annotations

import re

from xcaudio.normalize.cardinal import counted
from xcaudio.normalize.decimal import MINUS, NUMBER, number
from xcaudio.normalize.rule import PINNED, Rule

# Symbols read as their Chinese name. Letters that are also common model codes (A, G, M, T,
# S, V, W on their own) are left out: 5A级, 5G, 4S店 stay letters.
UNITS = {
    "km/h": "千米每小时", "km²": "平方千米", "km2": "平方千米", "m²": "平方米", "m2": "平方米",
    "m³": "立方米", "m3": "立方米", "cm²": "平方厘米", "cm³": "立方厘米", "㎡": "平方米",
    "㎥": "立方米", "㎞": "千米", "㎏": "千克", "㎝": "厘米", "㎜": "毫米",
    "km": "千米", "cm": "厘米", "mm": "毫米", "nm": "纳米", "μm": "微米", "m": "米",
    "kg": "千克", "mg": "毫克", "μg": "微克", "g": "克", "t": "吨",
    "℃": "摄氏度", "°C": "摄氏度", "°c": "摄氏度", "℉": "华氏度", "°F": "华氏度", "°": "度",
    "kV": "千伏", "kv": "千伏", "kW": "千瓦", "kw": "千瓦", "kWh": "千瓦时", "kwh": "千瓦时",
    "MW": "兆瓦", "GW": "吉瓦", "MWh": "兆瓦时", "mAh": "毫安时", "mA": "毫安",
    "Hz": "赫兹", "kHz": "千赫", "MHz": "兆赫", "GHz": "吉赫",
    "ms": "毫秒", "min": "分钟", "h": "小时", "L": "升", "mL": "毫升", "ml": "毫升",
    "ha": "公顷", "MPa": "兆帕", "kPa": "千帕", "dB": "分贝", "mmol": "毫摩尔",
    "′": "分", "″": "秒",
}
TEMPERATURE = ("摄氏度", "华氏度")
UNIT = "|".join(re.escape(unit) for unit in sorted(UNITS, key=len, reverse=True))

# Chinese units a slash can join: 万吨/年 → 万吨每年, 元/平方米 → 元每平方米.
CHINESE_UNITS = (
    "平方米", "平方千米", "平方公里", "公顷", "立方米", "微克", "毫克", "毫升", "千克", "公斤",
    "千米", "公里", "千瓦时", "千瓦", "万元", "亿元", "美元", "元", "吨", "克", "斤", "米", "亩",
    "小时", "分钟", "年", "月", "日", "天", "周", "时", "分", "秒", "人次", "人", "次", "户", "台",
    "辆", "件", "个", "瓦", "度", "升", "箱", "袋",
)
_CHINESE = "|".join(sorted(CHINESE_UNITS, key=len, reverse=True))


def unit_name(unit: str, per: str | None = None) -> str:
    """km → 千米; with a per-unit, km/h → 千米每小时."""
    return UNITS.get(unit, unit) + ("每" + unit_name(per) if per else "")


def amount(value: str, unit: str) -> str:
    """The number part of a measure: below zero a temperature is 零下, anything else 负."""
    name = unit_name(unit)
    if name in TEMPERATURE and value[0] in MINUS:
        return "零下" + number(value[1:])
    return number(value, count=counted(name))


def quantity(value: str, unit: str, per: str | None = None) -> str:
    return amount(value, unit) + unit_name(unit, per)


def _measure(match: re.Match[str]) -> str:
    value = (match["sign"] or "") + match["n"]
    if match["big"]:  # 3.6万m²: the 万 belongs to the number
        return number(value, count=True) + match["big"] + unit_name(match["unit"], match["per"])
    return quantity(value, match["unit"], match["per"])


_SYMBOL_UNITS = "|".join(unit for unit in UNITS if not unit.isascii())
RULES = [
    Rule("measure", re.compile(
        rf"(?:(?<![0-9A-Za-z{PINNED}])(?P<sign>[{MINUS}]))?(?<![0-9A-Za-z.{PINNED}])"
        rf"(?P<n>{NUMBER})(?P<big>万|亿)? ?(?P<unit>{UNIT})(?:/(?P<per>{UNIT}|{_CHINESE}))?"
        r"(?![A-Za-z²³]|(?<=[A-Za-z])[0-9])(?: (?=[\u4e00-\u9fff]))?"), _measure),
    # 三十℃, 五万㎡: a symbol after a number already spelled out.
    Rule("measure", re.compile(rf"(?<=[零一二两三四五六七八九十百千万亿])(?:{_SYMBOL_UNITS})"),
         lambda match: unit_name(match.group(0))),
]
# Runs before numbers are read, while the digits before 万吨/年 are still there to see.
PER_RULES = [
    Rule("measure", re.compile(
        rf"(?<=[0-9万亿千百])(?P<a>{_CHINESE})/(?P<b>{UNIT}|{_CHINESE})(?![A-Za-z])"),
        lambda match: match["a"] + "每" + unit_name(match["b"])),
]
