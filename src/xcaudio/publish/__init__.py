"""Publish stage: the podcast feeds, the listening page and the cover, rebuilt from the days'
manifests on disk, and a small server for the folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xcaudio.files import write_atomic
from xcaudio.publish.cover import COVER_NAME, ensure_cover
from xcaudio.publish.days import find_editions
from xcaudio.publish.feed import (
    ARTICLES_NAME,
    FEED_NAME,
    PAGE_NAME,
    articles_feed,
    bulletin_feed,
)
from xcaudio.publish.page import render_page
from xcaudio.publish.serve import make_server, serve
from xcaudio.publish.show import DEFAULT_OWNER_EMAIL, Show

__all__ = ["PublishResult", "Show", "make_server", "publish", "serve"]


@dataclass(frozen=True)
class PublishResult:
    written: list[Path]
    days: int
    episodes: int  # in feed.xml plus articles.xml


def publish(
    out: Path, base_url: str, keep: int = 30, *, owner_email: str = DEFAULT_OWNER_EMAIL
) -> PublishResult:
    """Rebuild everything from the newest `keep` days in `out`. Older day folders stay on disk
    but leave the feeds. The feeds are written last, so when an app sees a new episode, the page
    and the cover it points to are already in place."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    show = Show(owner_email=owner_email)
    editions = find_editions(out, keep)
    documents = [
        (PAGE_NAME, render_page(editions, show)),
        (ARTICLES_NAME, articles_feed(editions, base_url, show)),
        (FEED_NAME, bulletin_feed(editions, base_url, show)),
    ]
    written = [] if (out / COVER_NAME).exists() else [ensure_cover(out)]
    for name, data in documents:
        write_atomic(out / name, data)
    stories = sum(len(edition.day.stories) for edition in editions)
    return PublishResult(
        written=written + [out / name for name, _ in documents],
        days=len(editions),
        episodes=len(editions) + stories,
    )
