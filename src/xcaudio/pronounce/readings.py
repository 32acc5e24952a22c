"""Which reading each character takes, before tone sandhi: words first, then the model.

A character's reading is decided by the first of these that knows it:
1. a surname where the text shows a person's name (names.py, data/surnames.tsv: 单 shàn),
2. a context rule for a one-character function word (rules.py: 为, 都, 地, 得...),
3. the gazetteer of places (names.py, data/gazetteer.tsv: 叶县 shè xiàn),
4. the house dictionary of news readings (data/news_readings.tsv: 银行 hang2, 还款 huan2...),
5. pypinyin's phrase dictionary, for the jieba word or the longest dictionary words inside it,
6. the g2pM polyphone model, for a polyphone left on its own,
7. the character's only (or pypinyin's first) reading; a 儿 ending a word no dictionary knows
   (小狗儿) is erhua, a 地 after a doubled character (默默地) the adverbial de.
Each syllable keeps the name of the source that decided it (`Word.sources`), which
`xcaudio pinyin --explain` shows.
Characters with no reading at all are logged, never silently dropped.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files
from typing import Literal

from xcaudio.pronounce.charset import is_han, standardize
from xcaudio.pronounce.letters import is_digit, is_letter, spell
from xcaudio.pronounce.lexicon import pypinyin_tables, taught_tokenizer
from xcaudio.pronounce.names import gazetteer, surname_at, surnames
from xcaudio.pronounce.polyphone_model import polyphone_model, polyphones
from xcaudio.pronounce.rules import reading_in_context
from xcaudio.pronounce.tables import rows

log = logging.getLogger(__name__)

Kind = Literal["han", "latin", "digit", "punct", "space", "unread"]
Source = Literal["surname", "rule", "gazetteer", "project", "phrase", "model", "char", "spelled",
                 "sandhi"]
LONGEST_WORD = 8
PAUSES = frozenset(",.!?;:…—–-·'\"“”‘’()《》〈〉【】[]{}「」『』~～/\\|、。，！？；：（）")
"""Punctuation that is heard as a pause or not at all; any other symbol left in the text
(%, &, ℃...) should have been spelled out by the normalize stage, so it is logged as unread."""
TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}


@dataclass(frozen=True)
class Word:
    """A piece of the text read as one unit: a jieba word, a letter or digit run, punctuation."""

    text: str
    kind: Kind
    syllables: tuple[str, ...] = ()
    """One per character for Han words; the spelled syllables for letters and digits."""
    sources: tuple[Source, ...] = ()
    """Where each syllable's reading came from."""
    boundary: str = ""
    """The prosody break before this word (#0 inside a prosodic word, #1, #2, #3), once set."""

    @property
    def spoken(self) -> bool:
        return bool(self.syllables)


def read(text: str) -> list[Word]:
    """`text` cut into words, each spoken word with its readings; nothing dropped."""
    standard = standardize(text)
    pieces = _pieces(standard)
    texts = [piece for piece, _ in pieces]
    words: list[Word] = []
    # (word index, offset in the text, offset in the word) of polyphones left for the model
    pending: list[tuple[int, int, int]] = []
    offset = 0
    for index, (piece, kind) in enumerate(pieces):
        if kind == "han":
            word, undecided = _read_han_word(piece, _decided(texts, index))
            pending += [(len(words), offset + i, i) for i in undecided]
            words.append(word)
        else:
            words.append(_other_word(piece, kind))
            if kind == "unread":
                log.warning("cannot read %r (U+%04X) in %r; it is not spoken",
                            text[offset], ord(text[offset]), text)
        offset += len(piece)
    return _ask_model(standard, words, pending)


def _pieces(text: str) -> list[tuple[str, Kind]]:
    """Runs of one kind of character, Han runs cut into jieba words."""
    pieces: list[tuple[str, Kind]] = []
    for run, kind in _runs(text):
        if kind == "han":
            pieces += [(word, kind) for word in tokenizer().cut(run, HMM=False)]
        else:
            pieces.append((run, kind))
    return pieces


def _runs(text: str) -> list[tuple[str, Kind]]:
    """Maximal runs of one kind of character."""
    runs: list[tuple[str, Kind]] = []
    for char in text:
        kind = _kind(char)
        if runs and runs[-1][1] == kind and kind not in ("punct", "unread"):
            runs[-1] = (runs[-1][0] + char, kind)
        else:
            runs.append((char, kind))
    return runs


@cache
def _kind(char: str) -> Kind:
    if is_han(char):
        return "han" if char_readings(char) else "unread"
    if is_letter(char):
        return "latin"
    if is_digit(char):
        return "digit"
    if char.isspace():
        return "space"
    return "punct" if char in PAUSES else "unread"


def _other_word(run: str, kind: Kind) -> Word:
    if kind in ("latin", "digit"):
        syllables = spell(run)
        return Word(run, kind, syllables, ("spelled",) * len(syllables))
    return Word(run, kind)


def _decided(words: list[str], index: int) -> dict[int, tuple[str, Source]]:
    """Readings settled by context before any dictionary: a surname where a name is shown, or
    what a context rule gives; by offset in the word."""
    if words[index][0] in surnames():
        surname = surname_at(words, index, _in_dictionary)
        if surname:
            return {offset: (syllable, "surname") for offset, syllable in enumerate(surname)}
    return {offset: (syllable, "rule")
            for offset, syllable in reading_in_context(words, index).items()}


def _read_han_word(word: str, decided: dict[int, tuple[str, Source]]) -> tuple[Word, list[int]]:
    """The word with what context and the dictionaries decide, and the offsets left for the
    model. No dictionary word is looked up across a syllable context decided."""
    syllables: list[str] = []
    sources: list[Source] = []
    undecided: list[int] = []
    start = 0
    while start < len(word):
        if start in decided:
            syllable, source = decided[start]
            syllables.append(syllable)
            sources.append(source)
            start += 1
            continue
        limit = min((offset for offset in decided if offset > start), default=len(word)) \
            if decided else len(word)
        length, readings, source = _longest_known(word[:limit] if decided else word, start)
        if readings is None:
            char = word[start]
            options = char_readings(char)
            if char == "儿" and 0 < start == len(word) - 1:
                readings, source = ("er5",), "char"
            elif char == "地" and 2 <= start == len(word) - 1 and word[-2] == word[-3]:
                readings, source = ("de5",), "rule"
            elif char in polyphones():
                undecided.append(start)
                readings, source = (options[0] if options else polyphones()[char][0],), "model"
            else:
                readings, source = (options[0],), "char"
        syllables += readings
        sources += [source] * length
        start += length
    return Word(word, "han", tuple(syllables), tuple(sources)), undecided


def _longest_known(word: str, start: int) -> tuple[int, tuple[str, ...] | None, Source]:
    """The longest dictionary word at `start` (the whole jieba word first, places first)."""
    project, places = project_dictionary(), gazetteer()
    if start == 0 and word in places:
        return len(word), places[word], "gazetteer"
    if start == 0 and word in project:
        return len(word), project[word], "project"
    for end in range(min(len(word), start + LONGEST_WORD), start + 1, -1):
        piece = word[start:end]
        if piece in places:
            return end - start, places[piece], "gazetteer"
        if piece in project:
            return end - start, project[piece], "project"
        phrase = phrase_readings(piece)
        if phrase:
            return end - start, phrase, "phrase"
    return 1, None, "char"


def _ask_model(text: str, words: list[Word], pending: list[tuple[int, int, int]]) -> list[Word]:
    """Fill in the polyphones the dictionaries left open, each judged in its whole sentence."""
    guesses = polyphone_model().guess(text, [position for _, position, _ in pending])
    for (index, _, start), guess in zip(pending, guesses, strict=True):
        syllables = list(words[index].syllables)
        syllables[start] = guess.reading
        words[index] = replace(words[index], syllables=tuple(syllables))
    return words


def numbered(marked: str) -> str:
    """pypinyin's tone-marked syllable with a tone number instead: `lǜ` -> `lv4`, `me` -> `me5`."""
    tone, letters = "5", []
    for char in unicodedata.normalize("NFD", marked):
        if char in TONE_MARKS:
            tone = TONE_MARKS[char]
        elif char == "\u0308":
            letters[-1] = "v"
        elif not unicodedata.combining(char):
            letters.append(char)
    return "".join(letters) + tone


@cache
def char_readings(char: str) -> tuple[str, ...]:
    """Every reading pypinyin lists for a character, most common first."""
    listed = pypinyin_tables()[0].get(ord(char))
    return tuple(dict.fromkeys(numbered(r) for r in listed.split(","))) if listed else ()


@cache
def phrase_readings(word: str) -> tuple[str, ...] | None:
    """pypinyin's reading of a word of two or more characters, if it lists the word."""
    listed = pypinyin_tables()[1].get(word) if len(word) > 1 else None
    if not listed:
        return None
    return tuple(_citation(char, numbered(options[0]))
                 for char, options in zip(word, listed, strict=True))


def _citation(char: str, reading: str) -> str:
    """一 and 不 back to their own tones (pypinyin writes some as said: 一个 yí gè), so that
    the sandhi step decides them the same way in every word."""
    if char == "一" and reading in ("yi2", "yi4"):
        return "yi1"
    if char == "不" and reading == "bu2":
        return "bu4"
    return reading


@cache
def project_dictionary() -> dict[str, tuple[str, ...]]:
    """Our own news readings, `word<TAB>pin1 yin1` per line, `#` starting a comment."""
    text = files("xcaudio.pronounce").joinpath("data/news_readings.tsv").read_text("utf-8")
    entries: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            word, readings = re.split(r"\t+", line, maxsplit=1)
            entries[word] = tuple(readings.split())
    return entries


def _in_dictionary(word: str) -> bool:
    """A word the house dictionary or pypinyin's phrases read (单一, 曾经): not a name."""
    return word in project_dictionary() or phrase_readings(word) is not None


def known_word(word: str) -> bool:
    """A word jieba or one of the dictionaries knows."""
    return (word in project_dictionary() or phrase_readings(word) is not None
            or tokenizer().FREQ.get(word, 0) > 0)


@cache
def tokenizer():
    """jieba's own tokenizer, taught the house dictionary's words and the gazetteer's places so it
    cuts at them, and taught to cut the runs data/cuts.tsv lists as listed (lexicon.py keeps it on
    disk). One dictionary per process (the layout stage cuts with the same one): each costs
    about 90 MB."""
    return taught_tokenizer(project_dictionary(), gazetteer(), rows("cuts.tsv"))
