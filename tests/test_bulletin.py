"""What a listener hears: loudness on target, chapters where stories start, timed transcripts."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest

from xcaudio.article import Article, Page
from xcaudio.assemble import CUE_LINES, CUE_SECONDS
from xcaudio.audio import decode, measure_loudness
from xcaudio.script import CAPTION_LINE, OPENING_HEADLINES, build_script

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


@pytest.fixture(scope="module")
def manifest(two_briefs_day: Path) -> dict:
    return json.loads((two_briefs_day / DAY / "manifest.json").read_text(encoding="utf-8"))


def test_bulletin_and_stories_meet_the_loudness_target(two_briefs_day: Path,
                                                       manifest: dict) -> None:
    files = [manifest["bulletin"]["file"]] + [s["audio"]["file"] for s in manifest["stories"]]
    for name in files:
        loudness = measure_loudness(two_briefs_day / DAY / name)
        assert -17.0 <= loudness.integrated_lufs <= -15.0, (name, loudness)
        assert loudness.true_peak_dbtp <= -1.0, (name, loudness)


def test_mp3s_are_mono_44k_64kbps(two_briefs_day: Path) -> None:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-print_format", "json",
         str(two_briefs_day / DAY / "bulletin.mp3")], capture_output=True, text=True, check=True)
    stream = json.loads(result.stdout)["streams"][0]
    assert (stream["codec_name"], stream["channels"], stream["sample_rate"]) == ("mp3", 1, "44100")
    assert int(stream["bit_rate"]) == 64000


def test_one_chapter_per_story_in_order_where_it_starts(two_briefs_day: Path,
                                                        manifest: dict) -> None:
    chapters = ffprobe_chapters(two_briefs_day / DAY / "bulletin.mp3")
    titles = [chapter["tags"]["title"] for chapter in chapters]
    stories = manifest["stories"]
    assert titles == ["开场", *[story["title"] for story in stories], "结束"]
    for chapter, story in zip(chapters[1:-1], stories, strict=True):
        assert abs(float(chapter["start_time"]) - story["bulletin_start"]) < 0.01
    starts = [float(chapter["start_time"]) for chapter in chapters]
    assert starts == sorted(starts) and starts[0] == 0.0
    json_chapters = json.loads((two_briefs_day / DAY / "bulletin.chapters.json").read_text())
    assert json_chapters["version"] == "1.2.0"
    assert [chapter["title"] for chapter in json_chapters["chapters"]] == titles


def test_story_audio_really_starts_at_its_chapter(two_briefs_day: Path, manifest: dict) -> None:
    """The bulletin's audio at a story's headline matches the story's own file at its headline."""
    rate = 8000
    bulletin = decode(two_briefs_day / DAY / "bulletin.mp3", rate)
    for story in manifest["stories"]:
        own = decode(two_briefs_day / DAY / story["audio"]["file"], rate)
        label, own_headline = vtt_cues(two_briefs_day / DAY / story["audio"]["transcript"])[:2]
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
        two_briefs_day: Path, manifest: dict) -> None:
    cues = vtt_cues(two_briefs_day / DAY / "bulletin.vtt")
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


def test_every_mp3_carries_id3v23_tags_and_small_cover_art(two_briefs_day: Path,
                                                           manifest: dict) -> None:
    import io

    from mutagen.id3 import ID3
    from PIL import Image

    files = [manifest["bulletin"]["file"]] + [s["audio"]["file"] for s in manifest["stories"]]
    titles = [manifest["title"]] + [story["title"] for story in manifest["stories"]]
    for name, title in zip(files, titles, strict=True):
        tags = ID3(two_briefs_day / DAY / name)
        assert tags.version[:2] == (2, 3)
        assert str(tags["TIT2"]) == title
        assert str(tags["TPE1"]) and str(tags["TALB"]) == "许昌日报有声版"
        assert str(tags["TDRC"]) == DAY
        art = tags.getall("APIC")[0]
        assert art.mime == "image/jpeg" and len(art.data) < 40_000
        with Image.open(io.BytesIO(art.data)) as image:
            assert image.width == image.height >= 300


def long_cues(folder: Path) -> list[tuple[str, float, str]]:
    """Every cue of every transcript in `folder` that is more than two lines of a subtitle, or
    on screen longer than a listener reading along needs."""
    found = []
    for path in sorted(folder.glob("*.vtt")):
        for start, end, text in vtt_cues(path):
            lines = text.split("\n")
            if (len(lines) > CUE_LINES or max(map(len, lines)) > CAPTION_LINE
                    or end - start > CUE_SECONDS):
                found.append((path.name, round(end - start, 3), text))
    return found


def test_transcript_cues_are_two_short_lines_of_at_most_seven_seconds(
        two_briefs_day: Path) -> None:
    assert long_cues(two_briefs_day / DAY) == []
    cues = vtt_cues(two_briefs_day / DAY / "bulletin.vtt")
    assert max(len(text.replace("\n", "")) for _, _, text in cues) > CAPTION_LINE, (
        "a long sentence fills two lines")


def test_the_opening_says_how_many_stories_and_reads_their_headlines(manifest: dict) -> None:
    opening_end = manifest["stories"][0]["bulletin_start"]
    said = "".join("".join(cue["text"].split()) for cue in manifest["cues"]
                   if cue["end"] <= opening_end)  # a line break may stand for a space
    assert "今天共有2篇新闻" in said
    for story in manifest["stories"]:
        assert "".join(story["title"].split()) in said


def test_a_long_day_opens_with_its_count_and_its_first_headlines() -> None:
    titles = [f"第{number}条新闻的标题" for number in range(1, 10)]
    page = Page("1", [Article(f"p1-{number}", title=title, body=["正文。"])
                      for number, title in enumerate(titles, start=1)])
    opening = build_script([page], dt.date(2020, 4, 17)).sections[0]
    said = "".join(sentence.printed for sentence in opening.sentences)
    assert "今天共有9篇新闻，主要有：" in said
    assert [title in said for title in titles] == (
        [True] * OPENING_HEADLINES + [False] * (len(titles) - OPENING_HEADLINES))
    spoken = "".join(chunk.spoken for sentence in opening.sentences for chunk in sentence.chunks)
    assert "共有九篇新闻" in spoken, "the count is spoken, by the synthesis stage"
