"""The offline voice's front end: what it says for a chunk of spoken-form text, and how.

text -> readings (dictionaries, then the polyphone model) -> 一/不 as said -> prosody breaks
-> third-tone sandhi -> the voice's phone symbols. Dictionaries and the model load once, on
first use.

`pinyin` and `per_char` write pinyin the way textbooks do: each syllable with its own tone
(neutral tones and erhua included), 一 and 不 with the tone they are said with (一个 yi2 ge4,
不是 bu2 shi4), and third tones left as third tones (处理 chu3 li3), since pinyin never writes
that sandhi. `phones` and `analyze` carry every tone as the voice says it (处理 chu2 li3).
"""

from __future__ import annotations

from pathlib import Path

from xcaudio.pronounce import phones as _phones
from xcaudio.pronounce import prosody, readings, sandhi
from xcaudio.pronounce.readings import Word

__all__ = ["Word", "analyze", "per_char", "phones", "pinyin", "polyphone_accuracy"]


def analyze(text: str) -> list[Word]:
    """`text` as words with every tone as spoken and the prosody breaks between them."""
    return sandhi.third_tones(prosody.mark(_written(text)))


def _written(text: str) -> list[Word]:
    """The readings as pinyin writes them: 一 and 不 as said, third tones as they are."""
    return sandhi.yi_and_bu(readings.read(text))


def pinyin(text: str) -> list[str]:
    """The syllables the voice will say (tone numbers 1-5, ü as v), letters spelled out."""
    return [syllable for word in _written(text) for syllable in word.syllables]


def per_char(text: str) -> list[str]:
    """Exactly one token per character of `text`: the pinyin of a Han character, the character
    itself for anything else (punctuation, letters, digits, what cannot be read)."""
    tokens: list[str] = []
    for word in _written(text):
        original = text[len(tokens): len(tokens) + len(word.text)]
        tokens += word.syllables if word.kind == "han" else list(original)
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
