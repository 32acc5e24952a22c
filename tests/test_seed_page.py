"""The one full-page test: the real seed page rendered from nothing, as `make demo` does."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import feedparser
import pytest

from xcaudio.audio import decode, measure_loudness

from .conftest import SEED, run_xcaudio
from .test_bulletin import long_cues

DAY = "2020-04-17"
STORIES = 9


@pytest.fixture(scope="module")
def seed_day(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed-feed")
    cache = tmp_path_factory.mktemp("seed-cache")
    run_xcaudio("render", SEED, "--date", DAY, "--out", out, "--jobs", "2", cache=cache)
    return out


@pytest.fixture(scope="module")
def manifest(seed_day: Path) -> dict:
    return json.loads((seed_day / DAY / "manifest.json").read_text(encoding="utf-8"))


def own_audio(story: dict, manifest: dict) -> float:
    """Seconds of a story's file after the AI label that opens it (and the bulletin)."""
    label = manifest["cues"][1]["start"] - manifest["cues"][0]["start"]
    return story["audio"]["duration"] - label


def test_every_story_of_the_page_has_its_file(seed_day: Path, manifest: dict) -> None:
    assert len(manifest["stories"]) == STORIES
    for story in manifest["stories"]:
        path = seed_day / DAY / story["audio"]["file"]
        assert path.name.isascii() and path.stat().st_size == story["audio"]["bytes"]
        # 3-6 syllables a second: the file holds the story's text, not a fragment of it.
        characters = sum(len(paragraph) for paragraph in story["paragraphs"])
        assert characters / 7 < own_audio(story, manifest) < characters / 2.5, story["title"]


def test_chapters_start_where_each_story_starts_strictly_in_order(seed_day: Path,
                                                                  manifest: dict) -> None:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_chapters", "-print_format", "json",
         str(seed_day / DAY / "bulletin.mp3")], capture_output=True, text=True, check=True)
    chapters = json.loads(result.stdout)["chapters"]
    assert len(chapters) == STORIES + 2
    starts = [float(chapter["start_time"]) for chapter in chapters]
    assert all(earlier < later for earlier, later in zip(starts, starts[1:], strict=False))
    for chapter, story in zip(chapters[1:], manifest["stories"], strict=False):
        assert chapter["tags"]["title"] == story["title"]
        assert abs(float(chapter["start_time"]) - story["bulletin_start"]) < 0.01
        length = story["bulletin_end"] - story["bulletin_start"]
        assert length > own_audio(story, manifest), "the chapter holds the whole story"


def test_bulletin_is_on_target_and_as_long_as_the_manifest_says(seed_day: Path,
                                                               manifest: dict) -> None:
    bulletin = seed_day / DAY / "bulletin.mp3"
    loudness = measure_loudness(bulletin)
    assert -17.0 <= loudness.integrated_lufs <= -15.0
    assert loudness.true_peak_dbtp <= -1.0
    recorded = manifest["bulletin"]["loudness"]
    assert abs(recorded["integrated_lufs"] - loudness.integrated_lufs) <= 0.3
    assert abs(recorded["true_peak_dbtp"] - loudness.true_peak_dbtp) <= 0.3
    seconds = len(decode(bulletin, 8000)) / 8000
    assert abs(seconds - manifest["bulletin"]["duration"]) < 0.1
    assert seconds > sum(story["audio"]["duration"] for story in manifest["stories"])


def test_both_feeds_list_the_day(seed_day: Path) -> None:
    bulletins = feedparser.parse((seed_day / "feed.xml").read_bytes())
    stories = feedparser.parse((seed_day / "articles.xml").read_bytes())
    assert not bulletins.bozo and not stories.bozo
    assert len(bulletins.entries) == 1 and len(stories.entries) == STORIES


def test_every_transcript_cue_of_the_page_is_short(seed_day: Path) -> None:
    assert long_cues(seed_day / DAY) == []
