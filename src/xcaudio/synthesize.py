"""Speak every chunk of a script: from the cache when it was said before, else by the engine.

The cache is content-addressed (engine, voice, rate, pitch, volume, and the chunk's reading:
the phones or phonemes the engine will be given, or for edge the text it will be sent), so
re-rendering a day after one story changed only synthesizes what changed, and a reading an
editor corrects in the pronunciation data is spoken anew wherever it occurs, and only there.
The local engines (offline, kokoro) run in threads of this process (one model per thread); the
edge engine runs with bounded concurrency, and a chunk it cannot say falls back to the offline
voice unless `strict`. A local engine's failure is an error, never a fallback: a bulletin
changes voice only by design.

Samples are kept as 16-bit PCM (what the encoder is fed anyway), as differences compressed
with zlib: about 37 % of the float32 they were, some 35 MB for a day's 15 minutes. A chunk just
spoken is handed on as it was packed, so it is bit-identical to the same chunk from the cache.
What each chunk says is kept too (`Readings`), and the assembler finds a piece it encoded
before by the keys of its chunks (`Said.key`), so a re-render after one story changed
neither works out readings nor unpacks samples for the rest of the day. `SpeechCache.trim`
keeps the whole cache (these and the encoded pieces in `clips/`) under a size, least recently
used first out.
"""

from __future__ import annotations

import asyncio
import hashlib
import importlib.util
import itertools
import json
import logging
import os
import re
import threading
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import numpy as np

from xcaudio.engines import Engine, EngineError, Speech, VoiceSettings
from xcaudio.files import digest, file_identity, write_atomic
from xcaudio.voices import DEFAULT_VOICE, load_preset

log = logging.getLogger(__name__)

SAMPLE_RATE = 24000
CACHE_FORMAT = 4
LENGTH_BYTES = 8
PCM_SCALE = 32767
SPEECH_SUFFIX = ".pcmz"
ENTRY_NAME = re.compile(r"^[0-9a-f]{64}$")
"""Cache entries are named by their digest (a speech chunk, or an encoded piece with its
loudness beside it); anything else in the folder (a Whisper model, say) is not trimmed."""
PARALLEL_FROM = 4
"""Fewer chunks than this are spoken in the calling thread: another thread first loads a model of
its own, about as long as speaking a chunk or two."""
Progress = Callable[[int], None]
READINGS = "readings"
READINGS_KEPT = 20000
"""Chunks whose readings are kept: some two weeks of eight-page editions."""
FRONT_END = ("xcaudio.pronounce", "xcaudio.engines.kokoro")
"""Our packages a reading is made by (code and data), for every engine."""
FRONT_END_PACKAGES = ("jieba", "pypinyin", "g2pM")


class SynthesisError(RuntimeError):
    """A chunk could not be spoken and no fallback was allowed."""


@dataclass(frozen=True)
class Said:
    """A chunk's speech as the assembler takes it: its length, and `key`, the name of its sound
    in the cache, by which a piece made of it is found already encoded. The samples are
    unpacked only when a piece must be encoded anew: after one story changed, hardly ever."""

    key: str
    length: int
    engine: str
    voice: str
    packed: bytes

    def samples(self) -> np.ndarray:
        return unpack(self.packed)


@dataclass
class Synthesis:
    speeches: dict[str, Said]
    fallbacks: list[str] = field(default_factory=list)
    cached: int = 0


def to_pcm(samples: np.ndarray) -> np.ndarray:
    return np.round(np.clip(samples, -1.0, 1.0) * PCM_SCALE).astype("<i2")


def from_pcm(pcm: np.ndarray) -> np.ndarray:
    return pcm.astype(np.float32) / np.float32(PCM_SCALE)


def pack(samples: np.ndarray) -> bytes:
    """The sample count, then the 16-bit samples as differences (wrapping, so exactly
    reversible), deflated: a chunk's length is known without unpacking it."""
    return len(samples).to_bytes(LENGTH_BYTES, "little") + zlib.compress(
        np.diff(to_pcm(samples), prepend=np.int16(0)).tobytes(), 1)


def packed_length(data: bytes) -> int:
    if len(data) < LENGTH_BYTES:
        raise ValueError("a cache entry shorter than its header")
    return int.from_bytes(data[:LENGTH_BYTES], "little")


def unpack(data: bytes) -> np.ndarray:
    samples = np.frombuffer(zlib.decompress(data[LENGTH_BYTES:]), "<i2")
    if len(samples) != packed_length(data):
        raise ValueError("a cache entry whose samples are not as many as its header says")
    return from_pcm(np.cumsum(samples, dtype=np.int16))


@dataclass(frozen=True)
class Trimmed:
    removed: int
    freed: int
    kept: int
    """Bytes the cache holds afterwards."""


def reading(text: str, engine: str) -> str:
    """What `engine` will say for a chunk of spoken-form text, in its own symbols: the text
    alone would keep a chunk's old sound after its reading was corrected."""
    if engine == "edge":
        from xcaudio.pronounce.names import for_edge

        return for_edge(text)
    if engine == "kokoro":
        from xcaudio.engines.kokoro.phonemes import chunk_phonemes

        return chunk_phonemes(text)
    from xcaudio.pronounce import phones

    return " ".join(phones(text))


def contents_digest(folder: Path) -> str:
    """A digest of every file under `folder`, by name and content (compiled bytecode aside)."""
    parts: list[str | bytes] = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [str(path.relative_to(folder)), path.read_bytes()]
    return digest(*parts)


@cache
def front_end_identity() -> str:
    """A digest of all a reading is made from: the front end's code and data, read whole (an
    editor's one-line fix to a reading makes a new digest), and the packages whose dictionaries
    and model it reads, by their files' identities (a new version writes them anew)."""
    parts: list[str | int] = [CACHE_FORMAT]
    for package in FRONT_END + FRONT_END_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            parts.append(f"{package}: none")
        elif package in FRONT_END:
            parts.append(contents_digest(Path(spec.origin).parent))
        else:
            parts.append(file_identity(spec.origin))
    return digest(*parts)


@dataclass
class Readings:
    """Each chunk's reading as `reading` works it out, kept between runs in a file named by
    the engine and `front_end_identity`: a re-render knows what its chunks say without loading
    the dictionaries and the model that work it out (half a second), and a corrected reading
    or a new dictionary starts a new file."""

    engine: str
    path: Path
    known: dict[str, str]
    used: dict[str, str] = field(default_factory=dict)
    new: int = 0

    @classmethod
    def load(cls, folder: Path, engine: str) -> Readings:
        path = folder / f"{engine}-{front_end_identity()}.json"
        try:
            known = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(known, dict):
                raise ValueError("not a table")
        except FileNotFoundError:
            known = {}
        except (OSError, ValueError) as error:
            log.warning("readings cache %s unreadable (%s); working them out again", path, error)
            known = {}
        return cls(engine, path, known)

    def get(self, text: str) -> str:
        said = self.used.get(text, self.known.get(text))
        if not isinstance(said, str):
            said = reading(text, self.engine)
            self.new += 1
        self.used[text] = said
        return said

    def save(self) -> None:
        """When some reading was new: those used in this run, then those known before, at most
        `READINGS_KEPT`; the files of other front ends go."""
        if not self.new:
            return
        kept = dict(itertools.islice({**self.used, **self.known}.items(), READINGS_KEPT))
        try:
            write_atomic(self.path, json.dumps(kept, ensure_ascii=False))
            for old in self.path.parent.glob(f"{self.engine}-*.json"):
                if old != self.path:
                    old.unlink(missing_ok=True)
        except OSError as error:
            log.warning("cannot keep the readings in %s: %s", self.path.parent, error)
        self.known, self.used, self.new = kept, {}, 0


class SpeechCache:
    """Chunks already spoken, compressed 16-bit samples in files named by a hash of what shaped
    them; in `readings/`, what each chunk says; and, in `clips/`, the assembler's encoded
    pieces."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.readings: dict[str, Readings] = {}

    def reading(self, text: str, engine: str) -> str:
        if engine not in self.readings:
            self.readings[engine] = Readings.load(self.folder / READINGS, engine)
        return self.readings[engine].get(text)

    def keep_readings(self) -> None:
        for readings in self.readings.values():
            readings.save()

    def key(self, text: str, voice: VoiceSettings) -> str:
        said = self.reading(text, voice.engine)
        identity = json.dumps([CACHE_FORMAT, *voice.cache_key(), said], ensure_ascii=False)
        return hashlib.sha256(identity.encode("utf-8")).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{SPEECH_SUFFIX}"

    def load(self, text: str, voice: VoiceSettings) -> Said | None:
        key = self.key(text, voice)
        path = self.path(key)
        try:
            packed = path.read_bytes()
            said = Said(key, packed_length(packed), voice.engine, voice.voice, packed)
            os.utime(path)  # used now: the last to go when the cache is trimmed
        except (OSError, ValueError):
            return None
        return said

    def store(self, text: str, voice: VoiceSettings, speech: Speech) -> Said:
        key = self.key(text, voice)
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        packed = pack(speech.samples)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(packed)
        os.replace(temporary, path)
        return Said(key, len(speech.samples), speech.engine, speech.voice, packed)

    def trim(self, limit_bytes: int) -> Trimmed:
        """Remove the entries used longest ago until the cache holds at most `limit_bytes`."""
        entries: dict[Path, list[Path]] = {}
        for path in self.folder.rglob("*"):
            if path.is_file() and ENTRY_NAME.match(path.stem):
                entries.setdefault(path.with_suffix(""), []).append(path)
        sized = [(max(file.stat().st_mtime for file in files),
                  sum(file.stat().st_size for file in files), files)
                 for files in entries.values()]
        total = sum(size for _, size, _ in sized)
        removed = freed = 0
        for _, size, files in sorted(sized, key=lambda entry: entry[0]):
            if total - freed <= limit_bytes:
                break
            for file in files:
                file.unlink(missing_ok=True)
            removed += 1
            freed += size
        return Trimmed(removed, freed, total - freed)


LOCAL_ENGINES = ("offline", "kokoro")
_engines = threading.local()


def local_engine(name: str, threads: int = 1) -> Engine:
    """One model per engine per thread (a LiteRT interpreter serves one thread at a time),
    computing on `threads` cores, loaded on first use."""
    loaded: dict[tuple[str, int], Engine] = _engines.__dict__
    if (name, threads) not in loaded:
        if name == "kokoro":
            from xcaudio.engines.kokoro import KokoroEngine as Loaded
        else:
            from xcaudio.engines.offline import OfflineEngine as Loaded
        loaded[name, threads] = Loaded(threads)
    return loaded[name, threads]


def _speak_locally(text: str, voice: VoiceSettings, threads: int = 1) -> Speech:
    return local_engine(voice.engine, threads).synthesize(text, voice)


def speak_locally(
    texts: list[str], voice: VoiceSettings, jobs: int, done: Callable[[str, Speech], None]
) -> None:
    """Speak on a local engine: a few chunks (a correction) in this thread, its model on all
    `jobs` cores; more in `jobs` threads of this process, each with its own model on one core.
    The models compute without Python's lock, so threads use the cores as processes would,
    while the front end's dictionaries are loaded once."""
    if not texts:
        return
    if jobs <= 1 or len(texts) < PARALLEL_FROM:
        for text in texts:
            done(text, _speak_locally(text, voice, max(1, jobs)))
        return
    with ThreadPoolExecutor(max_workers=min(jobs, len(texts))) as pool:
        for text, speech in zip(texts, pool.map(_speak_locally, texts, [voice] * len(texts)),
                                strict=True):
            done(text, speech)


def speak_edge(
    texts: list[str], voice: VoiceSettings, jobs: int, done: Callable[[str, Speech], None]
) -> list[tuple[str, EngineError]]:
    """Speak on edge; returns the chunks that failed after the engine's retries."""
    from xcaudio.engines.edge import EdgeEngine

    results = asyncio.run(EdgeEngine().synthesize_many(texts, voice, concurrency=jobs))
    failures: list[tuple[str, EngineError]] = []
    for text, result in zip(texts, results, strict=True):
        if isinstance(result, EngineError):
            failures.append((text, result))
        else:
            done(text, result)
    return failures


def fallback_voice(voice: VoiceSettings) -> VoiceSettings:
    """The offline voice at the failing preset's rate, so a fallback keeps the pace."""
    return replace(load_preset(DEFAULT_VOICE), rate=voice.rate, pitch="+0Hz")


def synthesize(
    texts: Iterable[str],
    voice: VoiceSettings,
    *,
    cache: SpeechCache,
    jobs: int = 1,
    strict: bool = False,
    advance: Progress = lambda count: None,
) -> Synthesis:
    result = Synthesis(speeches={})
    missing: list[str] = []
    for text in texts:
        cached = cache.load(text, voice)
        if cached is None:
            missing.append(text)
        else:
            result.speeches[text] = cached
            result.cached += 1
            advance(1)

    def done_with(settings: VoiceSettings) -> Callable[[str, Speech], None]:
        def done(text: str, speech: Speech) -> None:
            result.speeches[text] = cache.store(text, settings, speech)
            advance(1)

        return done

    if voice.engine in LOCAL_ENGINES:
        speak_locally(missing, voice, jobs, done_with(voice))
    elif voice.engine == "edge":
        failures = speak_edge(missing, voice, jobs, done_with(voice))
        if failures and strict:
            text, error = failures[0]
            raise SynthesisError(
                f"{len(failures)} chunk(s) failed on edge, first {text!r}: {error}"
            )
        for text, error in failures:
            log.warning("edge failed, falling back to the offline voice for %r: %s", text, error)
        result.fallbacks = [text for text, _ in failures]
        backup = fallback_voice(voice)
        speak_locally(result.fallbacks, backup, jobs, done_with(backup))
    else:
        raise SynthesisError(f"unknown engine {voice.engine!r} in voice {voice.name!r}")
    cache.keep_readings()
    return result
