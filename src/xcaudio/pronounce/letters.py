"""Latin letters and stray digits, spelled the way Mandarin speakers say them aloud.

The voice knows only Mandarin initials and finals, so each letter is written as the syllables a
Mandarin speaker uses for it (GDP 'ji di pi', N95's N 'en'). A few are not standard pinyin but
still map onto the voice's phones: Q is k + iou ('kiu'), J is zh + ei ('zhei').
"""

from __future__ import annotations

LETTERS: dict[str, tuple[str, ...]] = {
    "a": ("ei1",), "b": ("bi4",), "c": ("xi1",), "d": ("di4",), "e": ("yi4",),
    "f": ("ai4", "fu5"), "g": ("ji4",), "h": ("ei1", "qi1"), "i": ("ai4",), "j": ("zhei4",),
    "k": ("kai4",), "l": ("ai4", "le5"), "m": ("ai4", "mu5"), "n": ("en1",), "o": ("ou1",),
    "p": ("pi4",), "q": ("kiu1",), "r": ("a4", "er5"), "s": ("ai4", "si1"), "t": ("ti4",),
    "u": ("you1",), "v": ("wei1",), "w": ("da2", "bu5", "liu1"), "x": ("ai4", "ke4", "si1"),
    "y": ("wai1",), "z": ("zei4",),
}
DIGITS: dict[str, tuple[str, ...]] = {
    "0": ("ling2",), "1": ("yi1",), "2": ("er4",), "3": ("san1",), "4": ("si4",),
    "5": ("wu3",), "6": ("liu4",), "7": ("qi1",), "8": ("ba1",), "9": ("jiu3",),
}
"""Digits the normalize stage left as digits are read one by one, like a code."""


def is_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def is_digit(char: str) -> bool:
    return char.isascii() and char.isdigit()


def spell(run: str) -> tuple[str, ...]:
    """The syllables for a run of Latin letters and digits, one letter or digit after another."""
    return tuple(syllable for char in run.lower()
                 for syllable in LETTERS.get(char) or DIGITS[char])
