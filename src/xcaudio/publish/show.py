"""Who publishes the show and how it presents itself to podcast directories.

The values come from the show's settings file (`xcaudio.settings`); their defaults, for
许昌日报, are data in `xcaudio/show.toml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PREVIEW_BASE_URL = "http://127.0.0.1:8000/"
"""Where the feeds point while no public base URL is set: `xcaudio serve` on this machine."""


@dataclass(frozen=True)
class Show:
    title: str
    articles_title: str
    subtitle: str
    description: str
    author: str
    copyright: str
    owner_name: str
    owner_email: str
    base_url: str
    website: str
    language: str
    category: str
    subcategory: str
    cover: Path | None
    explicit: bool
    days_kept: int
    guid: str
    ai_label: str
    """The AI-content label in words, for episode descriptions and the listening page."""

    @property
    def is_public(self) -> bool:
        return bool(self.base_url)

    @property
    def feed_base(self) -> str:
        """The base URL written into feed files: the public one, else the local preview."""
        return (self.base_url or PREVIEW_BASE_URL).rstrip("/")
