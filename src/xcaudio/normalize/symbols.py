"""Characters before and after the numbers: full-width forms, PDF spacing, dashes, tildes.

Chinese punctuation is kept as printed (《》 for titles, 、 for lists); only `——` becomes a comma,
the pause a reader makes there, and a dash or tilde left between two spoken numbers becomes 到.
"""

from __future__ import annotations

import re

from xcaudio.normalize.rule import PINNED, Rule

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_FULL_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULL_WIDTH.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULL_WIDTH.update({ord("％"): "%", ord("＄"): "$", ord("＋"): "+"})

# Full-width ： ． ／ － and the ratio sign ∶ between digits are the ASCII ones (9：30, 3∶1,
# 3．5); elsewhere they are punctuation.
_BETWEEN_DIGITS = re.compile(r"(?<=[0-9])([：∶．／－])(?=[0-9])")
_ASCII = {"：": ":", "∶": ":", "．": ".", "／": "/", "－": "-"}
# PDF display type spaces digits out: `2 0 2 0 年`, `4 月 12 日`, `20 万吨`.
_SPACED_DIGITS = re.compile(r"(?<![0-9A-Za-z])[0-9](?: [0-9](?![0-9]))+(?![0-9A-Za-z])")
_NEAR_DIGIT = re.compile(
    r"(?<=[0-9])[ \t\xa0\u3000]+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])[ \t\xa0\u3000]+(?=[0-9])"
    r"|(?<=[0-9])[ \t]+(?=[%:/~\-])|(?<=[:/~])[ \t]+(?=[0-9])"
)


def prepare(text: str) -> str:
    """Undo typesetting: full-width digits and letters, spaces that PDF extraction put in."""
    text = text.translate(_FULL_WIDTH)
    text = _BETWEEN_DIGITS.sub(lambda match: _ASCII[match.group(1)], text)
    text = _SPACED_DIGITS.sub(lambda match: match.group(0).replace(" ", ""), text)
    return _NEAR_DIGIT.sub("", text)


_NUMERAL = "零一二两三四五六七八九十百千万亿"
# Where a dash or tilde joins two spoken dates, times or weekdays (十六日-十八日, 周一～周五).
_SPOKEN_END = "零一二两三四五六七八九十年月日号点分秒"
_SPOKEN_START = "零一二两三四五六七八九十周星"
# Signs of arithmetic between or before spoken numbers: ≥60岁, 3×3.
_BEFORE_NUMBER = {"<=": "小于等于", ">=": "大于等于", "≠": "不等于", "!=": "不等于",
                  "±": "正负", "≥": "大于等于", "≤": "小于等于", "＞": "大于", "＜": "小于",
                  ">": "大于", "<": "小于", "≈": "约等于"}
_BETWEEN_NUMBERS = {"×": "乘", "=": "等于", "÷": "除以"}
_SIGNS = "|".join(re.escape(sign) for sign in _BEFORE_NUMBER)  # two-character signs first
# A slash between two words: 每 before a unit of time or count (兆比特/秒), 比 in a ratio
# (债务率（债务余额/综合财力）), else the pause a reader makes between alternatives.
_PER_WORDS = ("秒", "分钟", "小时", "天", "日", "周", "月", "年", "人", "次", "户", "台", "件",
              "吨", "千克", "公斤", "克", "米", "平方米", "亩", "升", "度")
_RATIO_NEAR = ("率", "比", "比例", "占比", "之比")
_PER_UNIT = re.compile(rf"(?:{'|'.join(sorted(_PER_WORDS, key=len, reverse=True))})"
                       r"(?![\u4e00-\u9fff])|[秒时天年月]的")
def _slash(match: re.Match[str]) -> str:
    """每 before a unit standing alone (兆比特/秒), 比 near a word of ratio, else a pause."""
    if _PER_UNIT.match(match.string, match.end()):
        return "每"
    before = match.string[max(0, match.start() - 12):match.start()]
    return "比" if any(word in before for word in _RATIO_NEAR) else "、"


# A Latin gloss in brackets right after the Chinese name it glosses: 爱思唯尔（Elsevier）,
# 世界卫生组织（WHO）. The listener has heard the name; spelling the gloss out helps no one.
GLOSS = [
    Rule("symbol", re.compile(
        r"(?<=[\u4e00-\u9fff])\s?[（(]\s?[A-Za-z][A-Za-z0-9 .,'&/+-]*\s?[)）]"), lambda match: ""),
]
RULES = [
    # A dash at the start or after other punctuation opens a subtitle: nothing to say.
    Rule("symbol", re.compile(r"(?:^|(?<=[\s，。、；：！？（《“]))——+"), lambda match: ""),
    Rule("symbol", re.compile(r"——+"), lambda match: "，"),
    Rule("symbol", re.compile(
        rf"(?<=[{_SPOKEN_END}])\s*[-－~～〜—–]\s*(?=[{_SPOKEN_START}])"), lambda match: "到"),
    # 5G+工业互联网, 互联网+: a plus that joins words is said 加.
    Rule("symbol", re.compile(rf"(?<=[\w{PINNED}]) ?\+ ?(?=[\w{PINNED}])|(?<=\w)\+"),
         lambda match: "加"),
    Rule("symbol", re.compile(rf"\s?(?:{_SIGNS})\s?(?=[{_NUMERAL}负])"),
         lambda match: _BEFORE_NUMBER[match.group(0).strip()]),
    Rule("symbol", re.compile(r"(?<=[\u4e00-\u9fff])/(?=[\u4e00-\u9fff])"), _slash),
    Rule("symbol", re.compile(
        rf"(?<=[{_NUMERAL}])\s?[{''.join(_BETWEEN_NUMBERS)}]\s?(?=[{_NUMERAL}])"),
        lambda match: _BETWEEN_NUMBERS[match.group(0).strip()]),
]
