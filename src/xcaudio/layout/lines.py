"""Character-level repairs of text extracted from page PDFs.

The PDF extractor breaks lines at column edges, spreads display type and justified lines
with spaces (`签 署 战 略`), and pads half-width digits (`4 月 12 日`). These helpers
undo that, and measure lines in the units a compositor uses (a Chinese character is one
em, a digit or Latin letter half of one), because column width is the best cue for
telling a wrapped body line from a headline.
"""

from __future__ import annotations

import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CLOSERS = "”’》〉）)」』】"
QUOTE_CLOSERS = "”’」』"
PAIRS = dict(zip("“‘《〈（(「『【", "”’》〉）)」』】", strict=True))
SENTENCE_END = "。！？…!?"
INNER_PUNCTUATION = re.compile("[，。；：！？,;]")
SQUEEZED_PUNCTUATION = set("，。、；：！？“”‘’（）《》〈〉「」『』【】")
FUNCTION_CHARS = set("的和与及或在对把被将为从向于以并而但之其")

_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]+")
_WIDE_COMMA = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def is_cjk(char: str) -> bool:
    return bool(re.fullmatch(f"[{CJK}]", char))


def is_wide(char: str) -> bool:
    """True for characters set one em wide: ideographs and full-width punctuation."""
    return not char.isascii() and not char.isspace()


def is_ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def visual_width(text: str, punctuation: float = 0.5) -> float:
    """Width in ems: what decides where a column line breaks.

    Ideographs take one em; Latin letters and digits half of one; the punctuation that
    Chinese compositors may squeeze (，、“” …) `punctuation` of one (half where squeezed,
    a whole em where not); spaces only where the extractor put them around Latin and
    digits, which the compositor had widened, unless it spaced out every character (a
    line letter-spaced to its column: the gaps around digits are its letter-spacing).
    """
    gap = 0.0 if is_spaced_display(text) else 0.25
    text = squeeze_spaces(text)
    total = 0.0
    for index, char in enumerate(text):
        if char == " ":
            beside = text[index - 1] + text[index + 1]
            total += gap if any(is_ascii_word(other) for other in beside) else 0.0
        elif char in SQUEEZED_PUNCTUATION:
            total += punctuation
        else:
            total += 1.0 if is_wide(char) else 0.5
    return total


def squeeze_spaces(text: str) -> str:
    return _SPACE_RUN.sub(" ", text).strip()


def is_spaced_display(text: str) -> bool:
    """True when most gaps between wide characters hold a space: letter-spaced type."""
    chars = list(squeeze_spaces(text))
    pairs = gaps = 0
    for index in range(len(chars) - 1):
        left = chars[index]
        if not is_wide(left):
            continue
        right_index = index + 1
        spaced = chars[right_index] == " "
        if spaced:
            right_index += 1
        if right_index < len(chars) and is_wide(chars[right_index]):
            pairs += 1
            gaps += spaced
    return gaps >= 3 and gaps >= 0.6 * pairs


def has_phrase_gap(text: str) -> bool:
    """A single space between two phrases (`固根基 同心协力谋发展`): a headline habit. (A
    gap after a line's first character is an extractor's, not a phrase's.)"""
    if is_spaced_display(text):
        return False
    return bool(re.search(f"[{CJK}”’]{{2}} (?=[{CJK}“‘])", squeeze_spaces(text)))


def has_inner_punctuation(text: str) -> bool:
    """Sentence punctuation before the line's last character: running prose."""
    return bool(INNER_PUNCTUATION.search(text.rstrip()[:-1]))


def has_punctuation(text: str) -> bool:
    """Any sentence punctuation (or the enumeration comma) anywhere in the line."""
    return bool(INNER_PUNCTUATION.search(text)) or "、" in text


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(QUOTE_CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def unbalanced(text: str) -> bool:
    """True when a bracket or quote opens in the text and does not close in it."""
    return any(text.count(opener) > text.count(closer) for opener, closer in PAIRS.items())


def join_lines(lines: list[str]) -> str:
    """Re-join a broken paragraph: Chinese needs no separator, Latin words need a space."""
    joined = ""
    for line in lines:
        piece = squeeze_spaces(line)
        if (
            joined[-1:].isascii()
            and joined[-1:].isalpha()
            and piece[:1].isascii()
            and piece[:1].isalpha()
        ):
            joined += " "
        joined += piece
    return joined


def _keeps_space(left: str, right: str, *, between_phrases: bool, in_book_title: bool) -> bool:
    if is_ascii_word(left) and is_ascii_word(right):
        return True
    if in_book_title and is_cjk(left) and is_cjk(right):
        return True
    return between_phrases and (is_cjk(left) or left in "”’") and (is_cjk(right) or right in "“‘")


def _in_typed_book_title(text: str, index: int) -> bool:
    """Whether the space at `index` is one typed inside a book title (`《携手抗疫 共克时艰》`):
    a lone one, not one of a justified line's that spread every character of it."""
    inside = text.count("《", 0, index) > text.count("》", 0, index)
    spread = text[index - 2 : index - 1] == " " or text[index + 2 : index + 3] == " "
    return inside and not spread


def despace(text: str, *, headline: bool = False) -> str:
    """Remove the spaces the extractor added, keep the ones the writer typed.

    Spaces between Latin or digit tokens (`Windows 10`) and inside book titles
    (`《携手抗疫 共克时艰》`) survive; in headlines also a single space between phrases
    (`胡五岳马林青致辞 史根治主持签约仪式`), unless the whole line is letter-spaced.
    """
    text = squeeze_spaces(text)
    between_phrases = headline and not is_spaced_display(text)
    out: list[str] = []
    for index, char in enumerate(text):
        if char != " ":
            out.append(char)
            continue
        in_book_title = _in_typed_book_title(text, index)
        left, right = text[index - 1], text[index + 1]
        if _keeps_space(left, right, between_phrases=between_phrases, in_book_title=in_book_title):
            out.append(" ")
    return widen_punctuation("".join(out))


def widen_punctuation(text: str) -> str:
    """`睦邻暖心,有效` → `睦邻暖心，有效`; `1,000` and `3:1` stay as they are."""

    def widen(match: re.Match[str]) -> str:
        return _WIDE_COMMA[match.group(0)]

    return re.sub(f"(?<=[{CJK}”’）》])[,;:?!](?=[{CJK}“‘（《]|$)", widen, text)


def clean_headline(text: str) -> str:
    return despace(text, headline=True)


def undouble(lines: list[str]) -> list[str]:
    """Undo fake bold: a PDF may draw a heavy headline twice, a hair apart, and the
    extractor then reads the first words once more on a line of their own, before the
    line they belong to, cut in two where the copy ended (`市政府与` / `市政府` /
    `与省市场监督管理局`), or before the whole line (`市政府与` / `市政府与省市场…`), or
    reads the whole line twice, spaced apart once and once not. Such a copy is dropped and
    the cut line set whole again."""
    result: list[str] = []
    index = 0
    while index < len(lines):
        copy = re.sub(r"\s", "", lines[index])
        following = re.sub(r"\s", "", lines[index + 1]) if index + 1 < len(lines) else ""
        if len(copy) >= 2 and len(following) >= len(copy) and following.startswith(copy):
            index += 1
            continue
        if len(copy) >= 2 and index + 2 < len(lines):
            head, tail = lines[index + 1], lines[index + 2]
            bare = re.sub(r"\s", "", head)
            if bare and copy != bare and copy.startswith(bare) and re.sub(
                r"\s", "", head + tail
            ).startswith(copy):
                result.append(squeeze_spaces(head) + squeeze_spaces(tail))
                index += 3
                continue
        result.append(lines[index])
        index += 1
    return result
