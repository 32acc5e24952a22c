"""Speech engines behind one small interface: spoken text + voice settings -> Speech.

Every engine speaks one short chunk at a time (a sentence or a piece of one, already in
spoken form); pauses, loudness and stitching are the assembler's job, not the engine's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np


class EngineError(RuntimeError):
    """A chunk could not be spoken (after the engine's own retries)."""


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
