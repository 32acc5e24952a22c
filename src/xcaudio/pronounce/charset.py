"""Characters as the readers know them: one simplified, standard character for each input character.

The dictionaries, jieba and the polyphone model all know simplified Chinese, so traditional forms
(`銀行`), compatibility ideographs and Kangxi radicals (`⾦`) and full-width letters and digits are
mapped, one character to one character, before anything is read (punctuation stays as it
is: the polyphone model learned from full-width marks). A traditional character is only
replaced when it is not itself in use in simplified text: `乾隆` keeps its 乾, `於` as a surname
stays, while `後` becomes 后.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from xcaudio.pronounce.polyphone_model import model_vocabulary


def is_han(char: str) -> bool:
    """A CJK unified or compatibility ideograph (any plane), or 〇."""
    return char == "〇" or unicodedata.name(char, "").startswith("CJK ")


@cache
def standard_char(char: str) -> str:
    """The character the readers should look up for `char` (itself when nothing better is known)."""
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) != 1 or not (is_han(folded) or folded.isascii() and folded.isalnum()):
        folded = char
    if folded in model_vocabulary():
        return folded
    return _traditional_to_simplified().get(folded, folded)


def standardize(text: str) -> str:
    """`text` with every character replaced by its standard form; same length as `text`."""
    return "".join(standard_char(char) for char in text)


@cache
def _traditional_to_simplified() -> dict[str, str]:
    """zhconv's mainland table, one-character entries only, so positions never shift."""
    from zhconv.zhconv import getdict

    table = getdict("zh-cn")
    return {source: target for source, target in table.items()
            if len(source) == 1 and len(target) == 1 and source != target and is_han(source)}
