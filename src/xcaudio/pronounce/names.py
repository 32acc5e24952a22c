"""Names of people and places, read the way a newsreader says them.

A listener forgives a flat voice, not a mispronounced name. Both kinds are data:
- places: data/gazetteer.tsv, every province, prefecture-level city and county-level division
  of China and Henan's towns and townships, each with its reading (叶县 shè, 中牟 mù); the
  tokenizer is taught every name, so a place is one word and read as the gazetteer says;
- people: data/surnames.tsv, the surnames that read otherwise than their character (单 shàn,
  解 xiè, 曾 zēng). A surname is read so only where the text shows a name: a word jieba's
  dictionary tags as a person's name (曾国藩, 任正非), a surname before a given name next to a
  title (本报记者单晓峰, 仇建国市长, data/person_titles.tsv), or a surname before a form of
  address (朴先生, 缪女士). Anywhere else the character is read as a word (曾经, 任务, 单位).
Edge voices take plain text, so what they are sent carries characters of the same reading where
a name's own are misread (data/edge_respell.tsv: 叶县 → 涉县); see `for_edge`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from xcaudio.pronounce.rules import word_tag
from xcaudio.pronounce.tables import rows

ADDRESSES = frozenset({"先生", "女士", "小姐", "老师", "同志", "师傅", "大爷", "大妈", "阿姨",
                       "某", "某某", "老", "总", "氏", "姓", "教授", "院士"})
"""Forms of address said right after a bare surname (朴先生, 缪女士, 曾老): never after a verb
such as 任 (任县长 is 'serves as county head'), unlike posts (市长), which need a given name."""
NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
NOT_GIVEN = ("v", "d", "p", "c", "u", "r", "m", "q", "f", "y", "e", "o")
"""jieba's tags of words that are no given name: verbs, adverbs, pronouns, particles…
(曾/任/县长 is 'once served as county head', not 曾任, county head)."""
LONGEST_GIVEN = 2


@cache
def gazetteer() -> dict[str, tuple[str, ...]]:
    """Every place name the gazetteer lists, and each stem it says is read alone (长葛)."""
    places: dict[str, tuple[str, ...]] = {}
    for name, reading, _level, _code, alone, *_ in rows("gazetteer.tsv"):
        syllables = tuple(reading.split())
        places[name] = syllables
        if alone:
            places.setdefault(alone, syllables[:len(alone)])
    return places


@cache
def surnames() -> dict[str, tuple[str, ...]]:
    return {surname: tuple(reading.split()) for surname, reading, *_ in rows("surnames.tsv")}


@cache
def person_titles() -> frozenset[str]:
    """Words that mark a name on either side of it (记者, 市长, 同志)."""
    return frozenset(row[0] for row in rows("person_titles.tsv") if len(row) == 1)


@cache
def after_name() -> frozenset[str]:
    """Words that mark a name right after it: the titles, and verbs of saying (说, 表示)."""
    return person_titles() | {row[0] for row in rows("person_titles.tsv") if row[1:] == ["after"]}


def surname_at(words: list[str], index: int, known: Callable[[str], bool]) -> tuple[str, ...]:
    """The surname reading of the start of `words[index]` when the text shows a name there,
    else (). `known` answers whether a word is a dictionary word (曾经, 单一)."""
    word = words[index]
    table = surnames()
    for surname in (word[:2], word[:1]):
        if surname not in table:
            continue
        if len(word) > len(surname):
            return table[surname] if _whole_name(word, surname, known) else ()
        return table[surname] if _name_follows(words, index) else ()
    return ()


def _whole_name(word: str, surname: str, known: Callable[[str], bool]) -> bool:
    """曾国藩 as one word that jieba tags as a name, and not a word of its own (单一化, 华为)."""
    given = word[len(surname):]
    if not 1 <= len(given) <= LONGEST_GIVEN or word_tag(word) not in NAME_TAGS:
        return False
    return not (known(word) or len(given) == 2 and known(word[:len(surname) + 1]))


def _name_follows(words: list[str], index: int) -> bool:
    """A bare surname: before a form of address (朴先生), or before a one- or two-character
    given name with a title on either side (本报记者单晓峰, 仇建国市长) or a verb of saying
    after it (单晓峰说), or before a
    two-character word jieba tags as a name (单/晓峰). A one-character word jieba tags as a name
    is as often a surname of its own (梁文燕於…), so it is not enough."""
    after = words[index + 1] if index + 1 < len(words) else ""
    if after in ADDRESSES:
        return True
    before = words[index - 1] if index > 0 else ""
    titled_before = any(before.endswith(title) for title in person_titles()) if before else False
    given = 0
    for end in range(index + 1, min(len(words), index + 1 + LONGEST_GIVEN)):
        following = words[end]
        if (not _is_han(following) or given + len(following) > LONGEST_GIVEN
                or word_tag(following).startswith(NOT_GIVEN)):
            break
        given += len(following)
        next_word = words[end + 1] if end + 1 < len(words) else ""
        if titled_before or next_word in after_name() or next_word in ADDRESSES:
            return True
        if len(following) == LONGEST_GIVEN and word_tag(following) in NAME_TAGS:
            return True
    return False


def _is_han(word: str) -> bool:
    return bool(word) and all("\u4e00" <= char <= "\u9fff" for char in word)


@cache
def edge_respellings() -> dict[str, str]:
    """data/edge_respell.tsv: written -> what an edge voice is sent (叶县 -> 涉县)."""
    return {written: respelled for written, respelled, *_ in rows("edge_respell.tsv")}


def for_edge(text: str) -> str:
    """`text` as sent to an edge voice: places the gazetteer reads and surnames the name finder
    reads carry characters of the same reading where theirs are known to be misread (叶县 →
    涉县, 单晓峰 → 善晓峰). Same length as `text`; anything else is left as it is."""
    from xcaudio.pronounce.readings import read

    respell = edge_respellings()
    pieces: list[str] = []
    offset = 0
    for word in read(text):
        printed = text[offset:offset + len(word.text)]
        offset += len(word.text)
        if "surname" in word.sources:
            surname = word.sources.count("surname")
            printed = respell.get(printed[:surname], printed[:surname]) + printed[surname:]
        elif "gazetteer" in word.sources:
            for written in sorted(respell, key=len, reverse=True):
                if len(written) > 1 and written in printed:
                    printed = printed.replace(written, respell[written])
        pieces.append(printed)
    return "".join(pieces)
