"""The daily job end to end on a short page: audio that is really there, a feed that lists it."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser

from xcaudio.audio import decode
from xcaudio.layout import read_page

from .conftest import DATA

MIN_SECONDS_PER_CHARACTER = 0.15


def spoken_characters(text: str) -> int:
    return sum(1 for character in text if "\u4e00" <= character <= "\u9fff")


def test_every_mp3_decodes_with_a_duration_plausible_for_its_text(two_briefs_day: Path) -> None:
    folder = two_briefs_day / "2020-04-17"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    articles = read_page(DATA / "two_briefs.txt").articles
    assert len(manifest["stories"]) == len(articles) == 2
    for story, article in zip(manifest["stories"], articles, strict=True):
        seconds = len(decode(folder / story["audio"]["file"], 16000)) / 16000
        characters = spoken_characters("".join(article.body))
        assert seconds >= MIN_SECONDS_PER_CHARACTER * characters, (story["title"], seconds)
        assert abs(seconds - story["audio"]["duration"]) < 0.2
    bulletin_seconds = len(decode(folder / "bulletin.mp3", 16000)) / 16000
    story_seconds = sum(story["audio"]["duration"] for story in manifest["stories"])
    assert bulletin_seconds > story_seconds + 5  # opening, transitions and closing too


def test_feed_lists_the_bulletin_with_its_exact_size(two_briefs_day: Path) -> None:
    feed = feedparser.parse((two_briefs_day / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 1
    enclosure = feed.entries[0].enclosures[0]
    bulletin = two_briefs_day / "2020-04-17" / "bulletin.mp3"
    assert enclosure.href.endswith("2020-04-17/bulletin.mp3")
    assert int(enclosure.length) == bulletin.stat().st_size
    assert enclosure.type == "audio/mpeg"
