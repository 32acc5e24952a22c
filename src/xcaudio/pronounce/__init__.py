"""The offline voice's front end: what it says for a chunk of spoken-form text, and how.

text -> readings (names and places, context rules, dictionaries, then the polyphone model) ->
一/不 as said -> prosody breaks -> third-tone sandhi -> the voice's phone symbols. Dictionaries
and the model load once, on first use. Every syllable keeps the source that decided it
(`written`), which `xcaudio pinyin --explain` shows.

`pinyin` and `per_char` write pinyin the way textbooks do: each syllable with its own tone
(neutral tones and erhua included), 一 and 不 with the tone they are said with (一个 yi2 ge4,
不是 bu2 shi4), and third tones left as third tones (处理 chu3 li3), since pinyin never writes
that sandhi. `phones` and `analyze` carry every tone as the voice says it (处理 chu2 li3).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path

from xcaudio.pronounce import phones as _phones
from xcaudio.pronounce import prosody, readings, sandhi
from xcaudio.pronounce.letters import spell
from xcaudio.pronounce.readings import Word

__all__ = ["Word", "analyze", "marked_accuracy", "marked_sentences", "misread", "parse_marked",
           "per_char", "phones", "pinyin", "polyphone_accuracy", "written"]


def analyze(text: str) -> list[Word]:
    """`text` as words with every tone as spoken and the prosody breaks between them."""
    return sandhi.third_tones(prosody.mark(_written(text)))


def _written(text: str) -> list[Word]:
    """The readings as pinyin writes them: 一 and 不 as said, third tones as they are."""
    return sandhi.yi_and_bu(readings.read(text))


def pinyin(text: str) -> list[str]:
    """The syllables the voice will say (tone numbers 1-5, ü as v), letters spelled out."""
    return [syllable for word in _written(text) for syllable in word.syllables]


def written(text: str) -> list[Word]:
    """`text` as words with their readings as pinyin writes them and the source of each."""
    return _written(text)


def per_char(printed: str, spoken: str | None = None) -> list[str]:
    """Exactly one token per character of `printed`: the pinyin of a Han character, the spelled
    syllables of a letter or digit joined by `_` (G → ji4, W → da2_bu5_liu1), the character
    itself where nothing is said (punctuation, what cannot be read).

    With `spoken`, the text the normalize stage made of `printed`, the readings are those of the
    spoken text: a printed span that was rewritten gives its whole reading to its first
    character (99% → bai3_fen1_zhi1_jiu3_shi2_jiu3) and `~` to the others, and a span left
    unsaid (a gloss in brackets) shows its characters.
    """
    if spoken is None or spoken == printed:
        return _spoken_tokens(printed)
    said = _spoken_tokens(spoken)
    tokens: list[str] = []
    matcher = SequenceMatcher(None, printed, spoken, autojunk=False)
    for operation, start, end, said_start, said_end in matcher.get_opcodes():
        if operation == "equal":
            tokens += said[said_start:said_end]
            continue
        syllables = "_".join(token for token, char in zip(said[said_start:said_end],
                                                          spoken[said_start:said_end], strict=True)
                             if token != char)
        if operation == "insert":
            if tokens:
                tokens[-1] = "_".join(filter(None, (tokens[-1], syllables)))
            continue
        if not syllables:
            tokens += list(printed[start:end])
            continue
        tokens += [syllables] + ["~"] * (end - start - 1)
    return tokens


def _spoken_tokens(text: str) -> list[str]:
    """One token per character of a text in spoken form."""
    tokens: list[str] = []
    for word in _written(text):
        original = text[len(tokens): len(tokens) + len(word.text)]
        if word.kind == "han":
            tokens += word.syllables
        elif word.kind in ("latin", "digit"):
            tokens += ["_".join(spell(char)) for char in original]
        else:
            tokens += list(original)
    return tokens


def phones(text: str) -> list[str]:
    """The voice's phone symbols for one chunk: `sil`, initials, toned finals, breaks, `sil`.

    Empty when the chunk has nothing to say (only punctuation or unreadable symbols).
    """
    return _phones.utterance(analyze(text))


def polyphone_accuracy(path: Path) -> float:
    """Share of marked characters read right in a `sentence<TAB>index<TAB>pinyin` file (the
    CPP test set's format), by `per_char`; `#` lines are comments."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    right = sum(per_char(text)[int(index)] == reading.replace("u:", "v")
                for text, index, reading in rows)
    return right / len(rows)


MARK = re.compile(r"\[([a-z]+[1-5])\]")
Marked = tuple[str, list[tuple[int, str]]]


def parse_marked(line: str) -> Marked:
    """A marked sentence (`他被评为[wei2]劳模`): each marked character is followed by its reading
    in brackets; the text without the marks and the (position, reading) of each mark."""
    text, marks = "", []
    for piece in MARK.split(line):
        if MARK.fullmatch(f"[{piece}]"):
            marks.append((len(text) - 1, piece))
        else:
            text += piece
    return text, marks


def marked_sentences(path: Path) -> list[Marked]:
    """The sentences of a marked file (tests/data/polyphones_*.txt); `#` lines are comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [parse_marked(line) for line in lines if line.strip() and not line.startswith("#")]


def misread(path: Path) -> tuple[list[tuple[str, str, str, str]], int]:
    """The marks of a marked file read otherwise (character, marked, read, sentence), and how
    many marks it has, each sentence read by `per_char` as the voice reads it."""
    sentences = marked_sentences(path)
    wrong = []
    for text, marks in sentences:
        tokens = per_char(text)
        wrong += [(text[index], reading, tokens[index], text) for index, reading in marks
                  if tokens[index] != reading]
    return wrong, sum(len(marks) for _, marks in sentences)


def marked_accuracy(path: Path) -> float:
    """Share of the marks of a marked file read as marked."""
    wrong, total = misread(path)
    return 1 - len(wrong) / total
