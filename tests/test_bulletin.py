"""What a listener hears: loudness on target, chapters where stories start, timed transcripts.

The checks of a rendered day run on the default voice and on the Kokoro male voice alike.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest

from xcaudio.article import Article, Page
from xcaudio.assemble import BREATH, CUE_LINES, CUE_SECONDS
from xcaudio.audio import measure_loudness
from xcaudio.script import CAPTION_LINE, OPENING_HEADLINES, build_script
from xcaudio.voices import resolve_voice

from .conftest import run_xcaudio
from .listening import (
    DURATION_TOLERANCE,
    SECONDS_PER_SYLLABLE,
    chapter_problems,
    chapters,
    decoded_seconds,
    speed,
)

DAY = "2020-04-17"


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


# Each rendered day's fixture and the voice preset it was rendered with.
VOICES = {"two_briefs_day": "offline", "xuchang_day": "offline", "kokoro_male_day": "kokoro-male"}
# How much quiet a voice keeps at the edges of its speech beyond the trimmed margin, which the
# silence around a chapter start may hold besides its pauses (Kokoro fades out more slowly).
QUIET_EDGES = {"offline": 0.3, "kokoro-male": 0.4}


@pytest.fixture(scope="module", params=["two_briefs_day", "kokoro_male_day"])
def voiced_day(request: pytest.FixtureRequest) -> Path:
    """The two-brief page's `out` folder, with the default voice, then with kokoro-male."""
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def manifest(voiced_day: Path) -> dict:
    return json.loads((voiced_day / DAY / "manifest.json").read_text(encoding="utf-8"))


def test_bulletin_and_stories_meet_the_loudness_target(voiced_day: Path,
                                                       manifest: dict) -> None:
    files = [manifest["bulletin"]["file"]] + [s["audio"]["file"] for s in manifest["stories"]]
    for name in files:
        loudness = measure_loudness(voiced_day / DAY / name)
        assert -17.0 <= loudness.integrated_lufs <= -15.0, (name, loudness)
        assert loudness.true_peak_dbtp <= -1.0, (name, loudness)


def test_mp3s_are_mono_44k_64kbps(voiced_day: Path) -> None:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_streams", "-print_format", "json",
         str(voiced_day / DAY / "bulletin.mp3")], capture_output=True, text=True, check=True)
    stream = json.loads(result.stdout)["streams"][0]
    assert (stream["codec_name"], stream["channels"], stream["sample_rate"]) == ("mp3", 1, "44100")
    assert int(stream["bit_rate"]) == 64000


TWO_BRIEFS = [
    "开场", "习近平《携手抗疫 共克时艰——在二十国集团领导人特别峰会上的发言》单行本出版",
    "军队支援湖北医疗队圆满完成任务回撤", "结束"]
TITLES = {
    "two_briefs_day": TWO_BRIEFS,
    "kokoro_male_day": TWO_BRIEFS,
    "xuchang_day": [
        "开场", "我市新开通三条公交线路", "春季植树活动在全市展开", "市民广场举办春季招聘会",
        "结束"],
}


@pytest.fixture(params=list(TITLES))
def day(request: pytest.FixtureRequest) -> tuple[str, Path]:
    """A rendered day's folder, for each short page (and the two-brief page in kokoro-male)."""
    return request.param, request.getfixturevalue(request.param) / DAY


def test_one_chapter_per_story_titled_as_printed(day: tuple[str, Path]) -> None:
    name, folder = day
    titles = [chapter.title for chapter in chapters(folder / "bulletin.mp3")]
    assert titles == TITLES[name]
    json_chapters = json.loads((folder / "bulletin.chapters.json").read_text())
    assert json_chapters["version"] == "1.2.0"
    assert [(chapter["title"], chapter["startTime"]) for chapter in json_chapters["chapters"]] == [
        (chapter.title, chapter.start) for chapter in chapters(folder / "bulletin.mp3")]


def test_chapters_start_in_the_silence_before_each_lead_in_where_the_stories_frames_are(
        day: tuple[str, Path]) -> None:
    """Checked on the decoded audio and the MP3 bytes, not on what the manifest says: shift a
    chapter, re-encode a story, or drop a piece, and this fails."""
    name, folder = day
    voice = resolve_voice(VOICES[name])
    problems = chapter_problems(folder, voice.pauses.story, BREATH, QUIET_EDGES[voice.name])
    assert not problems, "\n".join(problems)


def test_every_story_file_opens_with_the_ai_label(voiced_day: Path, manifest: dict) -> None:
    """As the bulletin does; the frames after it are the bulletin's (checked above)."""
    for story in manifest["stories"]:
        label = vtt_cues(voiced_day / DAY / story["audio"]["transcript"])[0]
        assert label[2] == manifest["ai_label"] == manifest["cues"][0]["text"]


def test_transcript_cues_are_ordered_cover_the_audio_and_say_the_script(
        voiced_day: Path, manifest: dict) -> None:
    cues = vtt_cues(voiced_day / DAY / "bulletin.vtt")
    assert [text for _, _, text in cues] == [cue["text"] for cue in manifest["cues"]]
    for (start, end, _), (next_start, _, _) in zip(cues, cues[1:], strict=False):
        assert start < end <= next_start
    duration = manifest["bulletin"]["duration"]
    assert cues[0][0] < 0.5 and duration - cues[-1][1] < 1.0
    spoken = sum(end - start for start, end, _ in cues)
    assert spoken > 0.6 * duration
    assert any("单行本" in text for _, _, text in cues)


def test_each_preset_speaks_at_its_own_pace(tmp_path: Path, speech_cache: Path) -> None:
    """Two sentences of 46 syllables, said at the preset's pace with its pause between them and
    the breath at the end (within 8%): the old check alone (elderly more than 1.12 times as
    long as offline) also passed a rate applied twice."""
    text = "今年6月底前，我市将有434个老旧小区完成改造。还有276个老旧小区改造将于6月底前开工。"
    syllables = 24 + 22  # 今年六月底前，我市将有四百三十四个…完成改造 / 还有二百七十六个…开工
    durations = {}
    for name in ("offline", "elderly"):
        voice = resolve_voice(name)
        target = tmp_path / f"{name}.mp3"
        run_xcaudio("say", text, "-o", target, "--voice", name, cache=speech_cache)
        durations[name] = decoded_seconds(target)
        predicted = (syllables * SECONDS_PER_SYLLABLE / speed(voice) + voice.pauses.sentence
                     + BREATH)
        assert abs(durations[name] / predicted - 1) <= DURATION_TOLERANCE, (name, durations)
    assert durations["elderly"] > 1.12 * durations["offline"], durations


def test_every_mp3_carries_id3v23_tags_and_small_cover_art(voiced_day: Path,
                                                           manifest: dict) -> None:
    import io

    from mutagen.id3 import ID3
    from PIL import Image

    files = [manifest["bulletin"]["file"]] + [s["audio"]["file"] for s in manifest["stories"]]
    titles = [manifest["title"]] + [story["title"] for story in manifest["stories"]]
    for name, title in zip(files, titles, strict=True):
        tags = ID3(voiced_day / DAY / name)
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
