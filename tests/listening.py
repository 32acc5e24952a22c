"""What a listener's player finds in our MP3s, read with tools that know nothing of our code:
ffprobe for chapters, ffmpeg's silencedetect for pauses, the MPEG bytes themselves, and the
pitch of the decoded voice."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from xcaudio.assemble import BREATH, JOIN_PAUSE
from xcaudio.audio import decode
from xcaudio.engines import VoiceSettings
from xcaudio.script import Script, Sentence

SYLLABLE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
"""What counts as one syllable of a spoken chunk: a Han character, a letter or a digit."""
BYTES_PER_SECOND = 64_000 / 8
"""The MP3s are constant 64 kbps: a byte offset is a time, to a tenth of a millisecond."""


PITCH_FRAME = 0.04
VOICED = 0.4
"""A frame is voiced when it correlates this well with itself one pitch period later."""


def median_pitch(samples: np.ndarray, rate: int) -> float:
    """The median fundamental frequency (Hz) over the loud, voiced 40 ms frames, by
    autocorrelation: a man's voice sits around 100–170 Hz, a woman's around 180–300 Hz."""
    frame = round(PITCH_FRAME * rate)
    shortest, longest = rate // 400, rate // 70
    frames = np.lib.stride_tricks.sliding_window_view(samples, frame)[::frame // 2]
    frames = frames - frames.mean(axis=1, keepdims=True)
    energy = np.sqrt(np.mean(frames ** 2, axis=1))
    frames = frames[energy >= 0.25 * energy.max()]
    spectrum = np.fft.rfft(frames, 2 * frame, axis=1)
    correlation = np.fft.irfft(np.abs(spectrum) ** 2, axis=1)[:, :frame]
    lags = shortest + np.argmax(correlation[:, shortest:longest], axis=1)
    peaks = correlation[np.arange(len(frames)), lags]
    voiced = peaks > VOICED * correlation[:, 0]
    return float(np.median(rate / lags[voiced]))


@dataclass(frozen=True)
class Chapter:
    start: float
    end: float
    title: str


def chapters(path: Path) -> list[Chapter]:
    """The ID3 chapters as ffprobe (and so ffmpeg-based players) reads them."""
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_chapters", "-print_format", "json", str(path)],
        capture_output=True, text=True, check=True,
    )
    return [Chapter(float(chapter["start_time"]), float(chapter["end_time"]),
                    chapter["tags"]["title"]) for chapter in json.loads(result.stdout)["chapters"]]


def silences(path: Path, *, noise_db: float = -45.0, minimum: float = 0.3,
             ) -> list[tuple[float, float]]:
    """(start, end) of every stretch of at least `minimum` seconds below `noise_db`, by
    ffmpeg's silencedetect on the decoded file."""
    result = subprocess.run(
        ["ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", str(path), "-af",
         f"silencedetect=noise={noise_db}dB:d={minimum}", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    )
    starts = [float(value) for value in re.findall(r"silence_start: (-?[\d.]+)", result.stderr)]
    ends = [float(value) for value in re.findall(r"silence_end: ([\d.]+)", result.stderr)]
    return list(zip(starts, ends, strict=False))


def frame_starts(frames: bytes) -> list[int]:
    """Where each MPEG-1 Layer III frame starts, walked by the headers (64 kbps, 44.1 kHz:
    208 bytes a frame, 209 with the padding bit)."""
    starts, at = [], 0
    while at + 4 <= len(frames):
        header = int.from_bytes(frames[at:at + 4], "big")
        assert header >> 21 == 0x7FF, f"no frame header at byte {at}"
        starts.append(at)
        at += 144 * 64_000 // 44_100 + (header >> 9 & 1)
    return starts


def mp3_frames(path: Path) -> bytes:
    """The audio frames of an MP3: the file without its ID3v2 tag (header, syncsafe size)."""
    data = path.read_bytes()
    if data[:3] != b"ID3":
        return data
    size = 0
    for byte in data[6:10]:
        size = size << 7 | byte & 0x7F
    footer = 10 if data[5] & 0x10 else 0
    return data[10 + size + footer:]


def split_label(story: bytes, bulletin: bytes) -> tuple[bytes, bytes]:
    """A story file cut where the AI label both files open with ends and the rest is found in
    the bulletin: the fewest frames of label that leave the rest a run of the bulletin's
    frames (nothing as label if there is no such cut)."""
    for at in frame_starts(story)[1:]:
        if not bulletin.startswith(story[:at]):
            break
        rest = story[at:]
        found = bulletin.find(rest[:4096], at)
        while found >= 0:
            if bulletin[found:found + len(rest)] == rest:
                return story[:at], rest
            found = bulletin.find(rest[:4096], found + 1)
    return b"", story


def story_files(day: Path) -> list[Path]:
    """A day's story MP3s in story order (`01-slug.mp3`, `02-…`)."""
    return sorted(day.glob("[0-9][0-9]-*.mp3"))


def chapter_problems(day: Path, story_pause: float, breath: float,
                     slack: float = 0.3) -> list[str]:
    """Where the bulletin's chapters fall, checked against its audio and its bytes.

    - Chapters tile the bulletin: the first starts at 0, each ends where the next starts.
    - A story's chapter starts inside the silence between stories, `breath` after the last
      word before it (the breath a file keeps) and `story_pause - breath` before the next
      sound (the lead-in), give or take the voice's own quiet at its edges (`slack`).
    - Each story's own file is the AI label the bulletin opens with, then the bulletin's very
      frames, found by bytes, starting after its chapter starts (its lead-in comes first) and
      ending exactly where its chapter ends.
    """
    bulletin = day / "bulletin.mp3"
    found = chapters(bulletin)
    frames = mp3_frames(bulletin)
    problems = []
    if found[0].start != 0:
        problems.append(f"the first chapter starts at {found[0].start}")
    for chapter, following in zip(found, found[1:], strict=False):
        if chapter.end != following.start:
            problems.append(f"{chapter.title!r} ends at {chapter.end}, the next starts at "
                            f"{following.start}")
    if abs(found[-1].end - len(frames) / BYTES_PER_SECOND) > 0.01:
        problems.append(f"the last chapter ends at {found[-1].end}, the audio at "
                        f"{len(frames) / BYTES_PER_SECOND:.3f}")
    quiet = silences(bulletin)
    if quiet and quiet[0][0] <= 0:
        problems.append(f"the bulletin opens with {quiet[0][1]:.2f} s of silence")
    for chapter in found[1:]:
        gap = next(((start, end) for start, end in quiet if start <= chapter.start <= end), None)
        if gap is None:
            problems.append(f"{chapter.title!r} starts at {chapter.start} inside speech")
            continue
        after_words, before_sound = chapter.start - gap[0], gap[1] - chapter.start
        if not breath <= after_words <= breath + slack:
            problems.append(f"{chapter.title!r} starts {after_words:.3f} s after the last word "
                            f"before it, not {breath} s")
        if not story_pause - breath <= before_sound <= story_pause - breath + slack:
            problems.append(f"{chapter.title!r} starts {before_sound:.3f} s before its first "
                            f"sound, not {story_pause - breath} s")
    position = 0
    for chapter, path in zip(found[1:-1], story_files(day), strict=True):
        label, story = split_label(mp3_frames(path), frames)
        at = frames.find(story, position) if label else -1
        if at < 0:
            problems.append(f"{path.name}: its frames are not the bulletin's, after the AI "
                            f"label that opens both")
            continue
        start, end = at / BYTES_PER_SECOND, (at + len(story)) / BYTES_PER_SECOND
        if not chapter.start + story_pause - breath < start < chapter.start + 4:
            problems.append(f"{path.name} starts at {start:.3f} s in the bulletin, its chapter "
                            f"at {chapter.start} s: no room for the lead-in")
        if abs(end - chapter.end) > 0.005:
            problems.append(f"{path.name} ends at {end:.3f} s in the bulletin, its chapter at "
                            f"{chapter.end} s")
        position = at + len(story)
    return problems


SECONDS_PER_SYLLABLE = 0.218
"""How long the offline voice takes per syllable at rate +0%, its own quiet at the edges of
each chunk included: measured once on the seed page (0.207-0.228 s in every story)."""
DURATION_TOLERANCE = 0.08


def speed(voice: VoiceSettings) -> float:
    """A preset's rate as a speed factor: `-15%` speaks at 0.85 times the normal pace."""
    return 1 + float(voice.rate.rstrip("%")) / 100


def predicted_seconds(sentences: list[Sentence], voice: VoiceSettings) -> float:
    """How long a file saying `sentences` should play: each syllable at the preset's pace, the
    preset's pause after each chunk but the last, and the breath a file ends with."""
    chunks = [chunk for sentence in sentences for chunk in sentence.chunks]
    syllables = sum(len(SYLLABLE.findall(chunk.spoken)) for chunk in chunks)
    pauses = sum(JOIN_PAUSE if chunk.pause == "join" else getattr(voice.pauses, chunk.pause)
                 for chunk in chunks[:-1])
    return syllables * SECONDS_PER_SYLLABLE / speed(voice) + pauses + BREATH


def decoded_seconds(path: Path) -> float:
    """How long the file plays, decoded by ffmpeg."""
    return len(decode(path, 8000)) / 8000


def duration_problems(day: Path, script: Script, voice: VoiceSettings) -> list[str]:
    """Each story file, and the bulletin, against what its script predicts (within 8%), the AI
    label that opens each included: a dropped chunk, a doubled pause or a voice at the wrong
    pace shows here."""
    problems = []
    files = story_files(day)
    if len(files) != len(script.stories):
        return [f"{len(files)} story files for {len(script.stories)} stories"]
    label = script.label.sentences
    for path, section in zip(files, script.stories, strict=True):
        predicted = predicted_seconds(label + section.sentences, voice)
        heard = decoded_seconds(path)
        if abs(heard / predicted - 1) > DURATION_TOLERANCE:
            problems.append(f"{path.name} plays {heard:.1f} s, its script predicts "
                            f"{predicted:.1f} s")
    sections = script.sections
    predicted = (sum(predicted_seconds(label * (index == 0) + section.lead_in
                                       + section.sentences, voice)
                     for index, section in enumerate(sections))
                 + (len(sections) - 1) * (voice.pauses.story - BREATH))
    heard = decoded_seconds(day / "bulletin.mp3")
    if abs(heard / predicted - 1) > DURATION_TOLERANCE:
        problems.append(f"the bulletin plays {heard:.1f} s, its script predicts {predicted:.1f} s")
    return problems
