"""Tone sandhi: the tones the voice must say, from the readings a dictionary gives.

The Baker corpus was labelled with the tones as spoken (卡尔普 ka2 er2 pu3), so the voice expects
them:
- 一 yi1 is yi2 before a fourth (or neutral) tone, yi4 before the others, but stays yi1 when
  counted or ordered (第一, 十一, 统一), and inside numbers said as digits: years and codes
  (一九九一, 二零一零), decimals (一点四, 三点一万), ratios and scores (一比一), clock hours;
  it is neutral between a doubled verb (看一看);
- 不 bu4 is bu2 before a fourth tone, and neutral between a doubled word (好不好) and inside
  a verb with its complement (对不起, 来不及);
- a third tone before a third tone becomes a second tone inside a prosodic word, word by word
  from the inside out (展览馆 2-2-3, 纸老虎 3-2-3).
Words from the project dictionary already carry the spoken tones of 一 and 不.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

from xcaudio.pronounce.readings import Word, known_word

DIGITS = frozenset("零〇一二三四五六七八九")
LARGE_UNITS = frozenset("百千万亿")
NUMERALS = DIGITS | frozenset("两十百千万亿")
JOINS = frozenset("点比")
"""What joins two numbers said digit by digit on one side: the decimal point, a ratio."""
CLOCK_AFTER = frozenset("钟半整")
CLOCK_BEFORE = frozenset("午晨晚")
"""一点 is one o'clock before 钟/半/整 and after 上午, 凌晨, 晚上…; elsewhere 'a little'."""


@dataclass
class Slot:
    """One Han syllable and where it sits (word number, index in the word), for 一 and 不."""

    word: int
    index: int
    char: str
    syllable: str
    settled: bool
    """Its tone came from the project dictionary, as spoken."""


def tone(syllable: str) -> str:
    return syllable[-1]


def _with_tone(syllable: str, new: str) -> str:
    return syllable[:-1] + new


def yi_and_bu(words: list[Word]) -> list[Word]:
    """`words` with 一 and 不 as said before the syllable that follows them."""
    if not any(word.kind == "han" and ("一" in word.text or "不" in word.text) for word in words):
        return words
    changed = {number: list(word.syllables) for number, word in enumerate(words)}
    for clause in _clauses(words):
        for position, slot in enumerate(clause):
            if slot.settled or (slot.char, slot.syllable) not in (("一", "yi1"), ("不", "bu4")):
                continue
            before = clause[position - 1] if position > 0 else None
            after = clause[position + 1] if position + 1 < len(clause) else None
            text = words[slot.word].text
            if slot.char == "不":
                complement = len(text) == 3 and slot.index == 1 and text[2] != "是"
                changed[slot.word][slot.index] = "bu5" if complement else _bu(before, after)
                continue
            word_final = len(text) > 1 and slot.index == len(text) - 1
            if _said_as_digit(clause, position):
                changed[slot.word][slot.index] = "yi1"
                continue
            changed[slot.word][slot.index] = _yi(before, after, word_final)
    return [_said(word, changed[number]) for number, word in enumerate(words)]


def _said(word: Word, syllables: list[str]) -> Word:
    """`word` with the syllables sandhi gave it, each changed one marked as sandhi's."""
    if tuple(syllables) == word.syllables:
        return word
    sources = tuple("sandhi" if new != old else source for new, old, source
                    in zip(syllables, word.syllables, word.sources, strict=True))
    return replace(word, syllables=tuple(syllables), sources=sources)


def _clauses(words: list[Word]) -> list[list[Slot]]:
    """Han syllables grouped between pauses that punctuation makes."""
    clauses: list[list[Slot]] = [[]]
    for number, word in enumerate(words):
        if word.kind != "han":
            clauses.append([])
            continue
        for index, (char, syllable) in enumerate(zip(word.text, word.syllables, strict=True)):
            settled = word.sources[index] == "project"
            clauses[-1].append(Slot(number, index, char, syllable, settled))
    return [clause for clause in clauses if clause]


def _yi(before: Slot | None, after: Slot | None, word_final: bool) -> str:
    if after is None:
        return "yi1"
    if before is not None and after.char == before.char:
        return "yi5"
    if word_final or _counted(before, after):
        return "yi1"
    return "yi2" if tone(after.syllable) in "45" else "yi4"


def _said_as_digit(clause: list[Slot], position: int) -> bool:
    """一 inside a number said digit by digit: a run of digits (二零一零, 一九四九), a decimal
    (一点四万亿, 三点一, 五点一万), a ratio or score (一比一), a clock hour (一点三十分,
    下午一点). The normalize stage writes every number in one of these shapes, so the same test
    serves numbers it spelled out and numbers printed in Chinese."""
    def char(offset: int) -> str:
        index = position + offset
        return clause[index].char if 0 <= index < len(clause) else ""

    if char(-1) in DIGITS or char(1) in DIGITS:
        return True
    if char(1) in JOINS and (char(2) in NUMERALS or char(1) == "点" and char(2) in CLOCK_AFTER):
        return True
    if char(-1) in JOINS and char(-2) in NUMERALS:
        return True
    return char(1) == "点" and char(-1) in CLOCK_BEFORE


def _counted(before: Slot | None, after: Slot) -> bool:
    """一 as a digit or an ordinal: 第一, 十一, 二〇一一, 一九, 三百一十, 四月一日."""
    if after.char in DIGITS or after.char == "十":
        return True
    if before is None:
        return False
    if before.char in ("第", "十", "月") or before.char in DIGITS:
        return True
    return before.char in LARGE_UNITS and after.char not in LARGE_UNITS


def _bu(before: Slot | None, after: Slot | None) -> str:
    if after is None:
        return "bu4"
    if before is not None and after.char == before.char:
        return "bu5"
    return "bu2" if tone(after.syllable) == "4" else "bu4"


def third_tones(words: list[Word]) -> list[Word]:
    """Third-tone sandhi inside each prosodic word (words joined by #0), inner pieces first."""
    result = list(words)
    for group in _prosodic_words(words):
        tones = "".join(tone(syllable) for number in group for syllable in words[number].syllables)
        if "33" in tones:
            for number, syllables in _settle(words, group).items():
                result[number] = replace(words[number], syllables=syllables)
    return result


def _prosodic_words(words: list[Word]) -> list[list[int]]:
    """The numbers of the Han words that make up each prosodic word."""
    groups: list[list[int]] = []
    for number, word in enumerate(words):
        if not word.spoken:
            continue
        if word.kind != "han":
            groups.append([])
        elif word.boundary == "#0" and groups and groups[-1]:
            groups[-1].append(number)
        else:
            groups.append([number])
    return [group for group in groups if group]


def _settle(words: list[Word], group: list[int]) -> dict[int, tuple[str, ...]]:
    """Third-tone sandhi over one prosodic word, piece by piece, then between the pieces."""
    syllables = {number: list(words[number].syllables) for number in group}
    spans: list[tuple[int, int, int]] = []
    for number in group:
        start = 0
        for piece in _pieces(words[number].text):
            spans.append((number, start, start + len(piece)))
            start += len(piece)
    for number, start, end in spans:
        syllables[number][start:end] = _inside(syllables[number][start:end])
    for (number, _, end), (following, start, _) in reversed(list(pairwise(spans))):
        last, first = syllables[number][end - 1], syllables[following][start]
        if tone(last) == "3" and tone(first) == "3":
            syllables[number][end - 1] = _with_tone(last, "2")
    return {number: tuple(new) for number, new in syllables.items()}


def _inside(syllables: list[str]) -> list[str]:
    """Within one short piece, every third tone followed by a third tone becomes second."""
    spoken = list(syllables)
    for index in range(len(spoken) - 2, -1, -1):
        if tone(syllables[index]) == "3" and tone(syllables[index + 1]) == "3":
            spoken[index] = _with_tone(spoken[index], "2")
    return spoken


def _pieces(word: str) -> list[str]:
    """A long word cut into the dictionary words it is made of (纸老虎 -> 纸 + 老虎)."""
    if len(word) <= 2:
        return [word]
    if len(word) == 3:
        if known_word(word[1:]) and not known_word(word[:2]):
            return [word[0], word[1:]]
        return [word]
    for cut in (2, 3, len(word) - 2):
        if 0 < cut < len(word) and known_word(word[:cut]) and known_word(word[cut:]):
            return _pieces(word[:cut]) + _pieces(word[cut:])
    return [word[:2], *_pieces(word[2:])]
