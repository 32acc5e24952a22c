"""The speech cache over a year of mornings: compact samples, a size cap, oldest out first."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import numpy as np

from xcaudio.audio import decode
from xcaudio.engines import Speech
from xcaudio.settings import SETTINGS_NAME
from xcaudio.synthesize import (
    ENTRY_NAME,
    READINGS,
    SAMPLE_RATE,
    SPEECH_SUFFIX,
    SpeechCache,
    contents_digest,
    from_pcm,
    pack,
    synthesize,
    to_pcm,
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
    assert np.array_equal(unpack(packed), from_pcm(to_pcm(speech)))
    assert unpack(packed).dtype == np.float32
    assert len(packed) < 0.45 * speech.astype(np.float32).nbytes, "under half of float32"


def test_a_speech_from_the_cache_equals_the_one_just_spoken(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path)
    voice = resolve_voice("offline")
    spoken = Speech(np.sin(np.arange(24000) / 7).astype(np.float32) * 0.6, SAMPLE_RATE,
                    "offline", "baker")
    stored = cache.store("你好", voice, spoken)
    loaded = SpeechCache(tmp_path).load("你好", voice)
    assert np.array_equal(loaded.samples(), from_pcm(to_pcm(spoken.samples)))
    assert np.array_equal(loaded.samples(), stored.samples())
    assert (loaded.key, loaded.length) == (stored.key, len(spoken.samples))


def test_the_cache_knows_a_chunk_by_what_is_said_not_by_its_characters(tmp_path: Path) -> None:
    """Homophones share one entry and a different reading gets its own: so a reading corrected
    in the pronunciation data is spoken again, and nothing else is."""
    cache = SpeechCache(tmp_path)
    voice = resolve_voice("offline")
    first = synthesize(["公式。"], voice, cache=cache)
    same_sound = synthesize(["攻势。"], voice, cache=cache)
    other_sound = synthesize(["共识。"], voice, cache=cache)
    assert (first.cached, same_sound.cached, other_sound.cached) == (0, 1, 0)
    assert np.array_equal(same_sound.speeches["攻势。"].samples(),
                          first.speeches["公式。"].samples())
    assert len(list(tmp_path.rglob(f"*{SPEECH_SUFFIX}"))) == 2
    kept = json.loads(next((tmp_path / READINGS).glob("offline-*.json")).read_text("utf-8"))
    assert kept["公式。"] == kept["攻势。"] != kept["共识。"], "what each says, for the next run"


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
    outside = {path.parent.name for path in folder.rglob("*.*") if path not in trimmed}
    assert outside <= {"covers", "dictionaries", "models", "readings"}, (
        "only what start-up reads stands outside the cap")
    assert hashes(out) == before, "the day re-rendered from the cache, byte for byte"


def test_a_new_cover_is_the_art_in_the_next_render(two_briefs_day: Path, speech_cache: Path,
                                                   tmp_path: Path) -> None:
    """The MP3s' thumbnail of the cover is made once and kept: a new cover must replace it."""
    from mutagen.id3 import ID3
    from PIL import Image

    out = copy_feed(two_briefs_day, tmp_path / "feed")
    artwork = tmp_path / "artwork.png"
    Image.new("RGB", (1400, 1400), (20, 90, 200)).save(artwork)
    set_settings(out, cover=str(artwork))
    run_xcaudio("render", DATA / "two_briefs.txt", "--date", "2020-04-17", "--out", out,
                cache=speech_cache)
    for mp3 in (out / "2020-04-17").glob("*.mp3"):
        with Image.open(io.BytesIO(ID3(mp3).getall("APIC")[0].data)) as art:
            red, green, blue = art.convert("RGB").getpixel((art.width // 2, art.height // 2))
        assert blue > 150 and red < 80, f"{mp3.name}: the old cover's art, not the new"


def test_the_kept_readings_are_dropped_when_a_reading_is_corrected(tmp_path: Path) -> None:
    """Kept readings are filed under a digest of the front end's files: an editor's fix to one
    line of its data makes another digest; compiled bytecode does not."""
    data = tmp_path / "pronounce" / "data" / "news_readings.tsv"
    data.parent.mkdir(parents=True)
    data.write_text("银行\tyin2 hang2\n重庆\tchong2 qing4\n", encoding="utf-8")
    before = contents_digest(tmp_path / "pronounce")
    (tmp_path / "pronounce" / "__pycache__").mkdir()
    (tmp_path / "pronounce" / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"\0")
    assert contents_digest(tmp_path / "pronounce") == before
    data.write_text("银行\tyin2 hang2\n重庆\tchong2 qing4\n行长\thang2 zhang3\n", "utf-8")
    assert contents_digest(tmp_path / "pronounce") != before
