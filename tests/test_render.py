"""The daily job end to end on a short page: audio that is really there, a feed that lists it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import feedparser
import pytest

from xcaudio.render import load_script
from xcaudio.voices import resolve_voice

from .conftest import DATA
from .listening import decoded_seconds, duration_problems

PAGES = {"two_briefs_day": DATA / "two_briefs.txt", "xuchang_day": DATA / "xuchang_news.md"}


@pytest.mark.parametrize("day", list(PAGES))
def test_every_mp3_plays_as_long_as_its_script_predicts(day: str,
                                                        request: pytest.FixtureRequest) -> None:
    """Within 8% of the script's syllables at the preset's pace plus its pauses: the old bound
    (at least 0.15 s a character) let a story play any length above it."""
    folder = request.getfixturevalue(day) / "2020-04-17"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    script = load_script([PAGES[day]], dt.date(2020, 4, 17))
    problems = duration_problems(folder, script, resolve_voice("offline"))
    assert not problems, "\n".join(problems)
    for story in manifest["stories"]:
        seconds = decoded_seconds(folder / story["audio"]["file"])
        assert abs(seconds - story["audio"]["duration"]) < 0.2


def test_feed_lists_the_bulletin_with_its_exact_size(two_briefs_day: Path) -> None:
    feed = feedparser.parse((two_briefs_day / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 1
    enclosure = feed.entries[0].enclosures[0]
    bulletin = two_briefs_day / "2020-04-17" / "bulletin.mp3"
    assert enclosure.href.endswith("2020-04-17/bulletin.mp3")
    assert int(enclosure.length) == bulletin.stat().st_size
    assert enclosure.type == "audio/mpeg"
