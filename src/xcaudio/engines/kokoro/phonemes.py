"""Our front end's reading of a chunk, written in the phonemes Kokoro-82M v1.0 reads.

Kokoro comes with a Mandarin front end of its own (misaki), which would read the text a second
time with other dictionaries: names, places, polyphones and 一/不 could come out differently
from the offline voice. So the words, their tones as spoken (sandhi included) and the prosodic
breaks come from `xcaudio.pronounce.analyze`, exactly as the offline voice gets them, and only
the last step differs: each pinyin syllable becomes Kokoro's IPA through data/syllables.tsv.
misaki is asked only about a syllable that table lacks.

Kokoro learned Mandarin as words separated by spaces, the syllables of a word run together,
and ASCII punctuation; our prosodic words (syllables joined by #0) play the part of its words.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from importlib.resources import files

from xcaudio.pronounce import Word, analyze

log = logging.getLogger(__name__)

TONE_SLOT = "_"
TONE_MARKS = {"1": "→", "2": "↗", "3": "↓", "4": "↘", "5": ""}
PAUSE_MARKS = {"，": ",", "、": ",", ",": ",", "。": ".", ".": ".", "！": "!", "!": "!",
               "？": "?", "?": "?", "；": ";", ";": ";", "：": ":", ":": ":", "…": "…",
               "—": "—"}
"""Punctuation that Kokoro hears as a pause (and, for ? and !, as intonation); quotes and
brackets are not said."""
SYLLABLE = re.compile(r"^([a-z]+)([1-5])$")


@cache
def syllable_table() -> dict[str, str]:
    """data/syllables.tsv: toneless pinyin -> phonemes with `_` where the tone mark goes."""
    text = files("xcaudio.engines.kokoro").joinpath("data/syllables.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and line[0] != "#")
    return {pinyin: phonemes.strip() for pinyin, phonemes in rows}


@cache
def syllable_phonemes(syllable: str) -> str:
    """`zhong1` -> `ꭧʊ→ŋ`: the table's phonemes with the tone mark in its slot.

    Raises ValueError for what neither the table nor misaki can read (g2pM's `xx5`).
    """
    match = SYLLABLE.match(syllable.lower().replace("ü", "v").replace("u:", "v"))
    if not match:
        raise ValueError(f"not a toned pinyin syllable: {syllable!r}")
    body, tone = match.groups()
    template = syllable_table().get(body)
    if template is not None:
        return template.replace(TONE_SLOT, TONE_MARKS[tone])
    guessed = misaki_phonemes(syllable)
    if guessed is None:
        raise ValueError(f"no Kokoro phonemes for {syllable!r}")
    log.warning("%r is not in kokoro/data/syllables.tsv; misaki reads it %r", syllable, guessed)
    return guessed


def misaki_phonemes(syllable: str) -> str | None:
    """misaki's reading of one toned syllable, the way Kokoro's own pipeline writes it, or None
    when misaki is not installed or cannot read it."""
    try:
        from misaki.zh import ZHG2P
    except ImportError:
        return None
    try:
        return ZHG2P.py2ipa(syllable).replace("\u032f", "")
    except (ValueError, AssertionError, KeyError):
        return None


def word_phonemes(word: Word) -> str:
    """A spoken word's syllables run together; one that cannot be read is logged and skipped."""
    said = []
    for syllable in word.syllables:
        try:
            said.append(syllable_phonemes(syllable))
        except ValueError as error:
            log.warning("%s in %r; it is not spoken", error, word.text)
    return "".join(said)


def chunk_phonemes(text: str) -> str:
    """The phoneme string Kokoro says for one chunk of spoken-form text; empty when there is
    nothing to say (only punctuation or unreadable symbols)."""
    pieces: list[str] = []
    for word in analyze(text):
        if word.spoken:
            said = word_phonemes(word)
            if said:
                joined = word.boundary == "#0" or not pieces
                pieces.append(said if joined else " " + said)
        elif pieces and pieces[-1] not in PAUSE_MARKS.values():
            mark = "".join(PAUSE_MARKS.get(char, "") for char in word.text)[-1:]
            if mark:
                pieces.append(mark)
    return "".join(pieces)
