"""The rendered days on disk that the feeds and the page are rebuilt from."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from xcaudio.manifest import MANIFEST_NAME, Day, Story, read_day

log = logging.getLogger(__name__)
WEEKDAYS = "一二三四五六日"


def chinese_date(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日 星期{WEEKDAYS[date.weekday()]}"


@dataclass(frozen=True)
class Edition:
    """One day's folder and what its manifest says is in it."""

    folder: Path
    day: Day

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.folder.name)

    @property
    def stories(self) -> list[Story]:
        """In the paper's order, whatever order the manifest lists them in."""
        return sorted(self.day.stories, key=lambda story: story.number)

    def path(self, name: str) -> Path:
        return self.folder / name

    def url(self, base_url: str, name: str) -> str:
        return f"{base_url.rstrip('/')}/{self.folder.name}/{quote(name)}"

    def relative_url(self, name: str) -> str:
        """For the page, so it works from any host and from a copy on disk."""
        return f"{self.folder.name}/{quote(name)}"

    def files(self) -> list[str]:
        """Every file the feeds and the page link to."""
        day = self.day
        names = [day.bulletin.file, day.bulletin.transcript, day.chapters]
        for story in day.stories:
            names += [story.audio.file, story.audio.transcript]
        return [name for name in names if name]


def is_day_folder(path: Path) -> bool:
    try:
        dt.date.fromisoformat(path.name)
    except ValueError:
        return False
    # 3.11's fromisoformat also takes 20200417; day folders are named 2020-04-17 only
    return len(path.name) == 10 and (path / MANIFEST_NAME).is_file()


def read_edition(folder: Path) -> Edition | None:
    """A day whose manifest cannot be read or whose files are missing stays out of the feeds,
    so one broken day never takes the whole feed down, and no episode links to nothing."""
    try:
        edition = Edition(folder, read_day(folder))
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("skipping %s: unreadable manifest (%s)", folder, error)
        return None
    missing = [name for name in edition.files() if not edition.path(name).is_file()]
    if missing:
        log.warning("skipping %s: missing %s", folder, ", ".join(missing))
        return None
    return edition


def find_editions(out: Path, keep: int) -> list[Edition]:
    """The newest `keep` readable days in `out`, newest first."""
    if keep < 1:
        raise ValueError(f"keep must be at least 1, not {keep}")
    folders = sorted((path for path in out.iterdir() if is_day_folder(path)), reverse=True)
    editions: list[Edition] = []
    for folder in folders:
        edition = read_edition(folder)
        if edition:
            editions.append(edition)
        if len(editions) == keep:
            break
    return editions
