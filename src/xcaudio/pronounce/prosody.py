"""Where the voice breathes: Baker's prosody breaks between the words of one chunk.

Baker's labels, which the voice learned: `#1` ends a prosodic word (a jieba word, with particles
such as 的/了 leaning on the word before), `#2` ends a prosodic phrase (a few words said in one
breath group), `#3` ends an intonation phrase (mostly at a comma), and syllables inside a
prosodic word are joined by `#0`.
"""

from __future__ import annotations

from dataclasses import replace

from xcaudio.pronounce.readings import Word

CLAUSE_MARKS = frozenset(",.!?;:…—–，。！？；：")
LIST_MARKS = frozenset("、")
PARTICLES = frozenset("的地得了着过们吗呢吧啊呀么嘛哦儿")
"""Single characters that lean on the word before them."""
PHRASE_OPENERS = frozenset("与和及或在对把被将为从向以于跟同比让给由")
"""Prepositions and conjunctions: a prosodic phrase readily starts before them."""
LONGEST_JOINED = 2
"""Two single-syllable words said together form one prosodic word (我想, 很好)."""
PHRASE_SYLLABLES = 6
LONG_PHRASE = 9
TAIL_SYLLABLES = 3


def mark(words: list[Word]) -> list[Word]:
    """`words` with `boundary` set on every spoken word after the first."""
    tails = _syllables_to_pause(words)
    marked = list(words)
    pause = ""
    previous: Word | None = None
    word_syllables = phrase_syllables = 0
    for index, word in enumerate(words):
        if not word.spoken:
            pause = max(pause, _pause_after(word))
            continue
        boundary = pause or ("" if previous is None else _between(previous, word, word_syllables))
        if boundary == "#1" and _phrase_ends(word, phrase_syllables, tails[index]):
            boundary = "#2"
        if boundary != "#0":
            word_syllables = 0
        if boundary in ("", "#2", "#3"):
            phrase_syllables = 0
        word_syllables += len(word.syllables)
        phrase_syllables += len(word.syllables)
        marked[index] = replace(word, boundary=boundary) if boundary else word
        previous, pause = word, ""
    return marked


def _syllables_to_pause(words: list[Word]) -> list[int]:
    """For each word, the syllables from it up to the next pause of #2 or more."""
    tails = [0] * len(words)
    running = 0
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if not word.spoken and _pause_after(word) != "#1":
            running = 0
        running += len(word.syllables)
        tails[index] = running
    return tails


def _pause_after(word: Word) -> str:
    if any(char in CLAUSE_MARKS for char in word.text):
        return "#3"
    if any(char in LIST_MARKS for char in word.text):
        return "#2"
    return "#1"


def _between(previous: Word, word: Word, word_syllables: int) -> str:
    """#0 when `word` belongs to the prosodic word before it, else #1."""
    if word.kind == "han" and word.text in PARTICLES:
        return "#0"
    if word.kind != "han" and (previous.kind != "han" or len(previous.syllables) == 1):
        return "#0"
    single = len(word.syllables) == 1 and word.kind == "han" and previous.kind == "han"
    if single and word_syllables + 1 <= LONGEST_JOINED:
        return "#0"
    return "#1"


def _phrase_ends(word: Word, phrase_syllables: int, tail: int) -> bool:
    """A prosodic phrase ends before `word` when the phrase is long and enough follows."""
    if tail < TAIL_SYLLABLES:
        return False
    opener = word.kind == "han" and word.text in PHRASE_OPENERS
    return phrase_syllables >= LONG_PHRASE or (phrase_syllables >= PHRASE_SYLLABLES and opener)
