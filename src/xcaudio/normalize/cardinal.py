"""Integers: the cardinal reading, the digit-by-digit reading, and the 两/二 choice."""

from __future__ import annotations

DIGIT = "零一二三四五六七八九"
_PLACES = ("千", "百", "十", "")
_GROUPS = ("", "万", "亿", "万亿")
LONGEST = 4 * len(_GROUPS)

# After a bare 2 these are counted things, so it is 两 (两个, 两万, 两公里), not 二.
# Left out on purpose, because 2 there names a position: 月 日 号 楼 层级 期 班 等 级 线 度.
MEASURE_WORDS = (
    "个", "位", "名", "人", "次", "倍", "条", "家", "项", "种", "类", "所", "座", "辆", "架", "艘",
    "台", "部", "本", "件", "张", "只", "头", "匹", "支", "把", "块", "元", "角", "毛", "分", "万",
    "千", "百", "亿", "年", "天", "周", "岁", "斤", "吨", "米", "亩", "户", "栋", "间", "场", "轮",
    "批", "份", "套", "组", "对", "双", "句", "篇", "段", "首", "幅", "枚", "颗", "粒", "棵", "株",
    "片", "起", "例", "届", "回", "遍", "趟", "声", "封", "笔", "门", "道", "盏", "室", "厅", "夜",
    "晚", "杯", "碗", "瓶", "袋", "箱", "包", "盒", "成", "点", "秒", "克", "升", "宗", "公里",
    "公斤", "公顷", "千克", "千米", "平方", "立方", "小时", "分钟", "毫", "厘", "英里", "美元",
    "欧元", "港元", "日元", "亿元", "万元", "千瓦", "兆瓦", "千伏", "摄氏", "多", "余", "来",
)
_NOT_COUNTED = ("年级", "分之", "点钟")


def counted(following: str) -> bool:
    """Whether the text right after a number starts with a measure word (so 2 is 两)."""
    return following.startswith(MEASURE_WORDS) and not following.startswith(_NOT_COUNTED)


def digits(text: str, *, yao: bool = False) -> str:
    """Digit by digit (years, codes); `yao` says 1 as 幺, the way phone numbers are read."""
    spoken = "".join(DIGIT[int(digit)] for digit in text)
    return spoken.replace("一", "幺") if yao else spoken


def _group(four: str, *, first: bool, last: bool) -> str:
    spoken, zero = "", False
    for place, digit in zip(_PLACES, four, strict=True):
        if digit == "0":
            zero = zero or bool(spoken)
            continue
        if zero:
            spoken, zero = spoken + "零", False
        word = "两" if digit == "2" and place == "千" else DIGIT[int(digit)]
        spoken += word + place
    # 十一万, 十亿: a leading 一十 drops its 一; so does 零十万 inside (NeMo's reading too).
    if spoken.startswith("一十") and (first or (not last and four.startswith("001"))):
        spoken = spoken[1:]
    return spoken


def cardinal(number: str, *, count: bool = False) -> str:
    """An integer read as a quantity; `count` says a bare 2 as 两 (before a measure word)."""
    number = number.lstrip("0")
    if not number:
        return "零"
    if len(number) > LONGEST:
        return digits(number)
    if number == "2":
        return "两" if count else "二"
    width = -(-len(number) // 4) * 4
    padded = number.rjust(width, "0")
    groups = [padded[start:start + 4] for start in range(0, width, 4)]
    spoken, zero = "", False
    for index, four in enumerate(groups):
        unit = _GROUPS[len(groups) - 1 - index]
        if four == "0000":
            zero = True
            continue
        first, last = index == 0, index == len(groups) - 1
        if not first and (zero or four.startswith("0")):
            spoken += "零"
        zero = False
        reading = _group(four, first=first, last=last)
        if first and four == "0002" and unit:
            reading = "两"
        spoken += reading + unit
    return spoken
