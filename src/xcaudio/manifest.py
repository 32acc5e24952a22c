"""What one rendered day holds: `feed/YYYY-MM-DD/manifest.json`.

The feed and the listening page are rebuilt from these manifests alone, so every fact a
publisher needs (titles, files, sizes, durations, loudness, timings) is recorded here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

MANIFEST_NAME = "manifest.json"


@dataclass
class Loudness:
    integrated_lufs: float
    true_peak_dbtp: float


@dataclass
class Cue:
    """One spoken sentence (or chunk) of a file: where it starts and ends, what it says."""

    start: float
    end: float
    text: str
    engine: str = ""
    voice: str = ""


@dataclass
class AudioFile:
    file: str
    bytes: int
    duration: float
    loudness: Loudness
    transcript: str


@dataclass
class Story:
    id: str
    number: int
    kind: str
    title: str
    kicker: str | None
    subtitle: str | None
    byline: str | None
    paragraphs: list[str]
    audio: AudioFile
    bulletin_start: float
    bulletin_end: float
    dateline: str | None = None
    """As printed before the story (`本报讯`, `新华社北京4月16日电`): the page credits the story
    with it and the byline, as the paper does."""


@dataclass
class Day:
    date: str
    title: str
    sources: list[str]
    voice: str
    engine: str
    bulletin: AudioFile
    chapters: str
    stories: list[Story] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    fallbacks: int = 0
    rendered_at: str = ""
    ai_label: str = ""
    """The AI-content label spoken at the start of the bulletin and of every story."""
    producer: str = ""
    """Who publishes the synthetic speech, as the MP3s' implicit AI label names them."""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Day:
        def audio(item: dict) -> AudioFile:
            return AudioFile(**{**item, "loudness": Loudness(**item["loudness"])})

        stories = [
            Story(**{**story, "audio": audio(story["audio"])}) for story in data["stories"]
        ]
        return cls(
            **{
                **data,
                "bulletin": audio(data["bulletin"]),
                "stories": stories,
                "cues": [Cue(**cue) for cue in data.get("cues", [])],
            }
        )


def read_day(folder: Path) -> Day:
    return Day.from_dict(json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8")))
