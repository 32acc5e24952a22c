"""Publish stage: the podcast feeds, the listening page and the cover, rebuilt from the days'
manifests on disk, and a small server for the folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xcaudio.files import write_atomic
from xcaudio.publish.cover import update_cover
from xcaudio.publish.days import find_editions
from xcaudio.publish.feed import ARTICLES_NAME, FEED_NAME, FEEDS, PAGE_NAME
from xcaudio.publish.page import render_page
from xcaudio.publish.serve import make_server, serve
from xcaudio.publish.show import Show
from xcaudio.publish.webapp import write_site

__all__ = ["PublishResult", "Show", "make_server", "publish", "serve"]


@dataclass(frozen=True)
class PublishResult:
    written: list[Path]
    days: int
    episodes: int  # in feed.xml plus articles.xml


def publish(out: Path, show: Show) -> PublishResult:
    """Rebuild everything from the newest `show.days_kept` days in `out`, with links under the
    show's base URL (or the local preview address). Older day folders stay on disk but leave
    the feeds. The page's own files (style, script, service worker, icons) come before the page
    and the feeds last, so when a phone or an app sees something new, what it points to is
    already in place."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    editions = find_editions(out, show.days_kept)
    cover = update_cover(out, show.cover)
    version, site = write_site(out, show)
    written = ([cover] if cover else []) + site
    documents = [(PAGE_NAME, render_page(editions, show, version).encode("utf-8"))]
    documents += [(name, FEEDS[name](editions, show.feed_base, show))
                  for name in (ARTICLES_NAME, FEED_NAME)]
    for name, data in documents:
        write_atomic(out / name, data)
    stories = sum(len(edition.day.stories) for edition in editions)
    return PublishResult(
        written=written + [out / name for name, _ in documents],
        days=len(editions),
        episodes=len(editions) + stories,
    )
