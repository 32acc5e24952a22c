"""Speech engines behind one small interface: spoken text + voice settings -> Speech.

Every engine speaks one short chunk at a time (a sentence or a piece of one, already in
spoken form); pauses, loudness and stitching are the assembler's job, not the engine's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

PERCENT = re.compile(r"^([+-]\d+(?:\.\d+)?)%$")
HERTZ = re.compile(r"^([+-]\d+(?:\.\d+)?)Hz$")


class EngineError(RuntimeError):
    """A chunk could not be spoken (after the engine's own retries)."""


def rate_factor(rate: str) -> float:
    """edge-style `+20%` -> how many times faster than normal the local voices speak (1.2)."""
    match = PERCENT.match(rate.strip())
    if not match:
        raise EngineError(f"rate must look like +10% or -15%, not {rate!r}")
    factor = 1 + float(match.group(1)) / 100
    if not 0.5 <= factor <= 2:
        raise EngineError(f"rate {rate} is outside -50%..+100%")
    return factor


def pitch_hertz(pitch: str) -> float:
    """edge-style `+10Hz` -> the shift in Hz (10.0) that a local voice should make."""
    match = HERTZ.match(pitch.strip())
    if not match:
        raise EngineError(f"pitch must look like +10Hz or -5Hz, not {pitch!r}")
    return float(match.group(1))


@dataclass(frozen=True)
class Pauses:
    """Silence in seconds after each kind of break; set per voice preset."""

    comma: float = 0.2
    sentence: float = 0.45
    paragraph: float = 0.8
    headline: float = 1.0
    story: float = 1.5


@dataclass(frozen=True)
class VoiceSettings:
    """A voice preset: which engine speaks, with which voice and prosody."""

    name: str
    engine: str
    voice: str
    rate: str = "+0%"
    pitch: str = "+0Hz"
    volume: str = "+0%"
    pauses: Pauses = field(default_factory=Pauses)
    description: str = ""
    commercial_use: bool = True
    licence: str = ""
    """Why the voice may not be used commercially, when it may not."""
    presenter: VoiceSettings | None = None
    """Another voice for the label, the opening, each story's lead-in and headline and the
    closing (a male anchor presenting, a female voice reading, say); None: this voice says all."""

    def speaker(self, presented: bool) -> VoiceSettings:
        """Who says a sentence: the presenter for what is presented, when there is one."""
        return self.presenter if presented and self.presenter else self

    def cache_key(self) -> tuple[str, str, str, str, str]:
        """What changes the sound of a chunk (pauses do not: they are added later)."""
        return (self.engine, self.voice, self.rate, self.pitch, self.volume)


@dataclass
class Speech:
    """Mono float32 samples in [-1, 1] for one chunk, and who spoke it."""

    samples: np.ndarray
    sample_rate: int
    engine: str
    voice: str
    marks: list[tuple[float, str]] = field(default_factory=list)
    """Boundaries the engine reported: (seconds from the chunk's start, text that starts there)."""

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.sample_rate


class Engine(Protocol):
    name: str

    def synthesize(self, text: str, voice: VoiceSettings) -> Speech: ...
