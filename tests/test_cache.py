"""The speech cache over a year of mornings: compact samples, a size cap, oldest out first."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np

from xcaudio.audio import decode
from xcaudio.engines import Speech
from xcaudio.settings import SETTINGS_NAME
from xcaudio.synthesize import (
    ENTRY_NAME,
    SAMPLE_RATE,
    SPEECH_SUFFIX,
    SpeechCache,
    on_pcm_grid,
    pack,
    synthesize,
    unpack,
)
from xcaudio.voices import resolve_voice

from .conftest import DATA, run_xcaudio
from .test_faults import copy_feed, hashes
from .test_golive import set_settings

DIGITS = "0123456789abcdef"


def entry(folder: Path, number: int, size: int, age_days: float, suffixes=(SPEECH_SUFFIX,)):
    digest = (DIGITS[number % 16] * 64)[:63] + DIGITS[number // 16 % 16]
    files = []
    for suffix in suffixes:
        path = folder / digest[:2] / f"{digest}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)
        stamp = time.time() - age_days * 86400
        os.utime(path, (stamp, stamp))
        files.append(path)
    return files


def test_cached_speech_is_the_speech_used_bit_for_bit_and_small(two_briefs_day: Path) -> None:
    speech = decode(two_briefs_day / "2020-04-17" / "bulletin.mp3", SAMPLE_RATE)[:SAMPLE_RATE * 20]
    packed = pack(speech)
    assert np.array_equal(unpack(packed), on_pcm_grid(Speech(speech, SAMPLE_RATE, "", "")).samples)
    assert unpack(packed).dtype == np.float32
    assert len(packed) < 0.45 * speech.astype(np.float32).nbytes, "under half of float32"


def test_a_speech_from_the_cache_equals_the_one_just_spoken(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    voice = resolve_voice("offline")
    spoken = Speech(np.sin(np.arange(24000) / 7).astype(np.float32) * 0.6, SAMPLE_RATE,
                    "offline", "baker")
    cache.store("你好", voice, spoken)
    assert np.array_equal(cache.load("你好", voice).samples, on_pcm_grid(spoken).samples)


def test_the_cache_knows_a_chunk_by_what_is_said_not_by_its_characters(tmp_path: Path) -> None:
    """Homophones share one entry and a different reading gets its own: so a reading corrected
    in the pronunciation data is spoken again, and nothing else is."""
    cache = SpeechCache(tmp_path)
    voice = resolve_voice("offline")
    first = synthesize(["公式。"], voice, cache=cache)
    same_sound = synthesize(["攻势。"], voice, cache=cache)
    other_sound = synthesize(["共识。"], voice, cache=cache)
    assert (first.cached, same_sound.cached, other_sound.cached) == (0, 1, 0)
    assert np.array_equal(same_sound.speeches["攻势。"].samples, first.speeches["公式。"].samples)
    assert len(list(tmp_path.rglob(f"*{SPEECH_SUFFIX}"))) == 2


def test_trim_removes_the_least_recently_used_first(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    old = entry(tmp_path, 1, 4000, age_days=30)
    used = entry(tmp_path, 2, 4000, age_days=20)
    piece = entry(tmp_path / "clips", 3, 3000, age_days=10, suffixes=(".mp3", ".json"))
    new = entry(tmp_path, 4, 4000, age_days=1)
    model = tmp_path / "whisper-base-1.0.0" / "model.bin"
    model.parent.mkdir()
    model.write_bytes(b"m" * 50_000)
    os.utime(used[0])  # just read, as `SpeechCache.load` marks it
    trimmed = cache.trim(9000)
    assert not any(path.exists() for path in old + piece), "oldest first, a piece with its json"
    assert all(path.exists() for path in used + new)
    assert model.exists(), "only cache entries are trimmed"
    assert (trimmed.removed, trimmed.freed, trimmed.kept) == (2, 10_000, 8000)
    assert cache.trim(9000).removed == 0


def test_a_render_keeps_the_cache_under_its_cap(two_briefs_day: Path, speech_cache: Path,
                                                tmp_path: Path) -> None:
    out = copy_feed(two_briefs_day, tmp_path / "feed")
    set_settings(out, cache_limit_mb=10)
    assert (out / SETTINGS_NAME).is_file()
    cache = tmp_path / "cache"
    folder = cache / "xcaudio"
    for source in (speech_cache / "xcaudio").rglob("*"):
        if source.is_file():
            target = folder / source.relative_to(speech_cache / "xcaudio")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    stale = entry(folder, 5, 12_000_000, age_days=90)
    before = hashes(out)
    run_xcaudio("render", DATA / "two_briefs.txt", "--date", "2020-04-17", "--out", out,
                "--jobs", "2", cache=cache)
    assert not stale[0].exists()
    trimmed = [path for path in folder.rglob("*") if ENTRY_NAME.match(path.stem)]
    assert sum(path.stat().st_size for path in trimmed) < 10_000_000
    assert {path.parent.name for path in folder.rglob("*.*") if path not in trimmed} <= {
        "dictionaries", "models"}, "only the start-up caches stand outside the cap"
    assert hashes(out) == before, "the day re-rendered from the cache, byte for byte"
