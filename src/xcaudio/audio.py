"""Audio plumbing on real ffmpeg: decode to samples, encode loudness-normalized MP3, measure.

Loudness is set the way broadcasters check it: integrated loudness and true peak measured by
ffmpeg's EBU R128 meter on the *encoded* MP3, because MP3 encoding raises peaks. The signal is
gained to the target, limited a little below the peak ceiling, encoded, measured, and corrected
once more if the measurement misses.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from pydub import AudioSegment

from xcaudio.files import write_atomic
from xcaudio.manifest import Loudness

TARGET_LUFS = -16.0
LUFS_TOLERANCE = 0.5
TRUE_PEAK_CEILING = -1.0
MP3_RATE = 44100
MP3_BITRATE = "64k"
MP3_QUALITY = "7"
"""LAME's algorithm quality (0 best .. 9 fastest): 7 halves the encoding time of 2, and speech
at 64 kbps mono sounds the same."""
ENCODE_ATTEMPTS = 4
LIMITER_LOSS = 0.4
"""Loudness (LU) the peak limiter and the encoder typically take away: the first attempt aims
this much higher, so that it usually lands on target and the file is encoded once."""
FRAME_SAMPLES = 1152
ENCODER_DELAY = 1105 / MP3_RATE
"""Seconds of silence LAME and the decoder put before the first sample (576 + 529 samples);
with no Xing header nothing trims them, so transcripts are shifted by as much."""
MPEG1_LAYER3_KBPS = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0)
MPEG1_RATES = (44100, 48000, 32000, 0)
CLIP_FORMAT = 2


class AudioError(RuntimeError):
    """ffmpeg failed, or the loudness target could not be met."""


@dataclass(frozen=True)
class Encoding:
    gain_db: float
    limit_db: float


def to_segment(samples: np.ndarray, sample_rate: int) -> AudioSegment:
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    return AudioSegment(data=pcm.tobytes(), sample_width=2, frame_rate=sample_rate, channels=1)


def decode(source: bytes | Path, sample_rate: int) -> np.ndarray:
    """Any audio ffmpeg reads → mono float32 samples at `sample_rate`."""
    is_path = isinstance(source, Path)
    command = [
        "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error",
        "-i", str(source) if is_path else "pipe:0",
        "-ac", "1", "-ar", str(sample_rate), "-f", "f32le", "pipe:1",
    ]
    result = subprocess.run(command, input=None if is_path else source, capture_output=True)
    if result.returncode != 0:
        raise AudioError(f"ffmpeg could not decode audio: {result.stderr.decode(errors='replace')}")
    return np.frombuffer(result.stdout, dtype="<f4").copy()


def measure_loudness(path: Path, *, true_peak: bool = True) -> Loudness:
    """Integrated loudness (LUFS) and, unless asked not to, true peak (dBTP) by ffmpeg's ebur128.

    The true-peak meter oversamples fourfold and costs as much again as the rest; without it
    the peak is reported as -inf.
    """
    # framelog=verbose moves the ten lines a second of running values below the log level,
    # leaving only the summary on stderr.
    meter = "ebur128=peak=true:framelog=verbose" if true_peak else "ebur128=framelog=verbose"
    command = ["ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", str(path),
               "-af", meter, "-f", "null", "-"]
    result = subprocess.run(command, capture_output=True, text=True)
    summary = result.stderr.rpartition("Summary:")[2]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if result.returncode != 0 or not integrated or (true_peak and not peak):
        raise AudioError(f"could not measure loudness of {path.name}")
    return Loudness(float(integrated.group(1)), float(peak.group(1)) if peak else float("-inf"))


def export_mp3(samples: np.ndarray, sample_rate: int, path: Path, encoding: Encoding) -> None:
    """Bare MP3 frames, no tags and no Xing header, so that files can be joined by bytes."""
    chain = (f"volume={encoding.gain_db:.2f}dB:precision=float,"
             f"alimiter=limit={10 ** (encoding.limit_db / 20):.4f}:level=0:latency=1")
    to_segment(samples, sample_rate).export(
        str(path), format="mp3", bitrate=MP3_BITRATE,
        parameters=["-af", chain, "-ar", str(MP3_RATE), "-ac", "1", "-write_xing", "0",
                    "-id3v2_version", "0", "-compression_level", MP3_QUALITY],
    )


def encode_normalized(samples: np.ndarray, sample_rate: int, path: Path) -> Loudness:
    """Write a mono 44.1 kHz CBR MP3 at −16 LUFS (±0.5) with true peak ≤ −1 dBTP."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = path.with_suffix(".raw.wav")
    to_segment(samples, sample_rate).export(str(raw), format="wav")
    try:
        start = measure_loudness(raw, true_peak=False)
    finally:
        raw.unlink(missing_ok=True)
    if start.integrated_lufs == float("-inf"):
        raise AudioError(f"{path.name}: the audio is silent")
    encoding = Encoding(gain_db=TARGET_LUFS - start.integrated_lufs + LIMITER_LOSS,
                        limit_db=-2.0)
    for _ in range(ENCODE_ATTEMPTS):
        export_mp3(samples, sample_rate, path, encoding)
        measured = measure_loudness(path)
        loudness_error = TARGET_LUFS - measured.integrated_lufs
        peak_excess = measured.true_peak_dbtp - (TRUE_PEAK_CEILING - 0.1)
        if abs(loudness_error) <= LUFS_TOLERANCE and peak_excess <= 0:
            return measured
        encoding = Encoding(
            gain_db=encoding.gain_db + loudness_error,
            limit_db=encoding.limit_db - max(peak_excess, 0.0) - (0.3 if peak_excess > 0 else 0.0),
        )
    raise AudioError(
        f"{path.name}: loudness {measured.integrated_lufs:.1f} LUFS, true peak "
        f"{measured.true_peak_dbtp:.1f} dBTP after {ENCODE_ATTEMPTS} attempts"
    )


def frame_count(data: bytes) -> int:
    """MPEG-1 Layer III frames in a bare stream, walked header by header."""
    count = position = 0
    while position + 4 <= len(data):
        header = int.from_bytes(data[position:position + 4], "big")
        bitrate = MPEG1_LAYER3_KBPS[(header >> 12) & 0xF]
        rate = MPEG1_RATES[(header >> 10) & 0x3]
        if header >> 21 != 0x7FF or not bitrate or not rate:
            raise AudioError(f"not an MPEG-1 Layer III frame at byte {position}")
        position += 144 * bitrate * 1000 // rate + ((header >> 9) & 1)
        count += 1
    return count


@dataclass(frozen=True)
class Clip:
    """A loudness-normalized piece of audio as bare MP3 frames: files are clips joined."""

    data: bytes
    loudness: Loudness

    @cached_property
    def seconds(self) -> float:
        """What a player plays: whole frames, encoder delay and padding included (walked once
        per clip: the assembler asks for it every time it places the clip)."""
        return frame_count(self.data) * FRAME_SAMPLES / MP3_RATE


def encode_clip(identity: str, samples: Callable[[], np.ndarray], sample_rate: int,
                cache: Path | None = None) -> Clip:
    """`encode_normalized` into memory, served from `cache` when a piece of the same
    `identity` (a name for what its samples are made of) was encoded before: a re-render after
    one story changed makes the samples of, and re-encodes, only that story's changed pieces."""
    digest = hashlib.sha256(
        f"{CLIP_FORMAT}|{sample_rate}|{MP3_BITRATE}|{MP3_QUALITY}|{TARGET_LUFS}|{identity}"
        .encode()
    ).hexdigest()
    stored = cache / digest[:2] / f"{digest}.mp3" if cache else None
    if stored and stored.exists():
        try:
            meta = json.loads(stored.with_suffix(".json").read_text(encoding="utf-8"))
            clip = Clip(stored.read_bytes(), Loudness(**meta))
            os.utime(stored)  # used now: the last to go when the cache is trimmed
            return clip
        except (OSError, ValueError, TypeError):
            pass
    with tempfile.TemporaryDirectory(prefix="xcaudio-clip-") as folder:
        path = Path(folder) / "clip.mp3"
        loudness = encode_normalized(samples(), sample_rate, path)
        clip = Clip(path.read_bytes(), loudness)
    if stored:
        write_atomic(stored.with_suffix(".json"), json.dumps(asdict(loudness)))
        write_atomic(stored, clip.data)
    return clip


def combined_loudness(parts: list[tuple[float, Loudness]]) -> Loudness:
    """The loudness of pieces played one after another, from each piece's (seconds, loudness):
    the duration-weighted mean of their powers, and the highest true peak. Close to measuring
    the joined file (the pieces' gating differs by hundredths of a LU when all sit at the
    target), without decoding it again."""
    seconds = sum(length for length, _ in parts)
    power = sum(length * 10 ** (loudness.integrated_lufs / 10) for length, loudness in parts)
    return Loudness(round(10 * math.log10(power / seconds), 1),
                    max(loudness.true_peak_dbtp for _, loudness in parts))
