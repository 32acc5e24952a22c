"""What a listener hears: loudness on target, chapters where stories start, timed transcripts.

The checks of a rendered day run on the default voice and on the Kokoro male voice alike.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from xcaudio.audio import decode, measure_loudness

from .conftest import run_xcaudio

DAY = "2020-04-17"


def ffprobe_chapters(path: Path) -> list[dict]:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_chapters", "-print_format", "json", str(path)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)["chapters"]


def vtt_cues(path: Path) -> list[tuple[float, float, str]]:
    def seconds(stamp: str) -> float:
        hours, minutes, rest = stamp.split(":")
        return int(hours) * 3600 + int(minutes) * 60 + float(rest)

    text = path.read_text(encoding="utf-8")
    assert text.startswith("WEBVTT\n")
    cues = []
    for block in text.split("\n\n")[1:]:
        timing, _, words = block.strip().partition("\n")
        match = re.fullmatch(r"(\S+) --> (\S+)", timing)
        assert match, block
        cues.append((seconds(match.group(1)), seconds(match.group(2)), words))
    return cues


@pytest.fixture(scope="module", params=["two_briefs_day", "kokoro_male_day"])
def day(request: pytest.FixtureRequest) -> Path:
    """A rendered `out` folder: the two-brief page with the default voice, then kokoro-male."""
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def manifest(day: Path) -> dict:
    return json.loads((day / DAY / "manifest.json").read_text(encoding="utf-8"))


def test_bulletin_and_stories_meet_the_loudness_target(day: Path, manifest: dict) -> None:
    files = [manifest["bulletin"]["file"]] + [s["audio"]["file"] for s in manifest["stories"]]
    for name in files:
        loudness = measure_loudness(day / DAY / name)
        assert -17.0 <= loudness.integrated_lufs <= -15.0, (name, loudness)
        assert loudness.true_peak_dbtp <= -1.0, (name, loudness)


def test_mp3s_are_mono_44k_64kbps(day: Path) -> None:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-print_format", "json",
         str(day / DAY / "bulletin.mp3")], capture_output=True, text=True, check=True)
    stream = json.loads(result.stdout)["streams"][0]
    assert (stream["codec_name"], stream["channels"], stream["sample_rate"]) == ("mp3", 1, "44100")
    assert int(stream["bit_rate"]) == 64000


def test_one_chapter_per_story_in_order_where_it_starts(day: Path, manifest: dict) -> None:
    chapters = ffprobe_chapters(day / DAY / "bulletin.mp3")
    titles = [chapter["tags"]["title"] for chapter in chapters]
    stories = manifest["stories"]
    assert titles == ["开场", *[story["title"] for story in stories], "结束"]
    for chapter, story in zip(chapters[1:-1], stories, strict=True):
        assert abs(float(chapter["start_time"]) - story["bulletin_start"]) < 0.01
    starts = [float(chapter["start_time"]) for chapter in chapters]
    assert starts == sorted(starts) and starts[0] == 0.0
    json_chapters = json.loads((day / DAY / "bulletin.chapters.json").read_text())
    assert json_chapters["version"] == "1.2.0"
    assert [chapter["title"] for chapter in json_chapters["chapters"]] == titles


def test_story_audio_really_starts_at_its_chapter(day: Path, manifest: dict) -> None:
    """The bulletin's audio at a story's headline matches the story's own file at its headline."""
    rate = 8000
    bulletin = decode(day / DAY / "bulletin.mp3", rate)
    for story in manifest["stories"]:
        own = decode(day / DAY / story["audio"]["file"], rate)
        label, own_headline = vtt_cues(day / DAY / story["audio"]["transcript"])[:2]
        assert label[2] == manifest["ai_label"] == manifest["cues"][0]["text"]
        lead_in_cue = next(cue for cue in manifest["cues"]
                           if cue["start"] >= story["bulletin_start"] - 1e-3)
        # the story's file starts with the AI label, then its headline; in the bulletin, the
        # headline comes right after the lead-in
        headline_cue = manifest["cues"][manifest["cues"].index(lead_in_cue) + 1]
        assert headline_cue["text"] == own_headline[2]
        offset = round(headline_cue["start"] * rate)
        start = round(own_headline[0] * rate)
        expected = own[start:start + rate * 2]
        actual = bulletin[offset:offset + len(expected)]
        correlation = float((expected * actual).sum() /
                            ((expected ** 2).sum() * (actual ** 2).sum()) ** 0.5)
        assert correlation > 0.9, (story["title"], correlation)


def test_transcript_cues_are_ordered_cover_the_audio_and_say_the_script(
        day: Path, manifest: dict) -> None:
    cues = vtt_cues(day / DAY / "bulletin.vtt")
    assert [text for _, _, text in cues] == [cue["text"] for cue in manifest["cues"]]
    for (start, end, _), (next_start, _, _) in zip(cues, cues[1:], strict=False):
        assert start < end <= next_start
    duration = manifest["bulletin"]["duration"]
    assert cues[0][0] < 0.5 and duration - cues[-1][1] < 1.0
    spoken = sum(end - start for start, end, _ in cues)
    assert spoken > 0.6 * duration
    assert any("单行本" in text for _, _, text in cues)


def test_elderly_preset_is_slower_and_longer(tmp_path: Path, speech_cache: Path) -> None:
    text = "今年6月底前，我市将有434个老旧小区完成改造。"
    durations = {}
    for voice in ("offline", "elderly"):
        target = tmp_path / f"{voice}.mp3"
        run_xcaudio("say", text, "-o", target, "--voice", voice, cache=speech_cache)
        durations[voice] = len(decode(target, 8000)) / 8000
    assert durations["elderly"] > 1.12 * durations["offline"], durations


def test_every_mp3_carries_id3v23_tags_and_small_cover_art(day: Path, manifest: dict) -> None:
    import io

    from mutagen.id3 import ID3
    from PIL import Image

    files = [manifest["bulletin"]["file"]] + [s["audio"]["file"] for s in manifest["stories"]]
    titles = [manifest["title"]] + [story["title"] for story in manifest["stories"]]
    for name, title in zip(files, titles, strict=True):
        tags = ID3(day / DAY / name)
        assert tags.version[:2] == (2, 3)
        assert str(tags["TIT2"]) == title
        assert str(tags["TPE1"]) and str(tags["TALB"]) == "许昌日报有声版"
        assert str(tags["TDRC"]) == DAY
        art = tags.getall("APIC")[0]
        assert art.mime == "image/jpeg" and len(art.data) < 40_000
        with Image.open(io.BytesIO(art.data)) as image:
            assert image.width == image.height >= 300
