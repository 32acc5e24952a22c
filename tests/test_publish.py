"""The publish stage on real files: feeds read by feedparser and gPodder, the page in Chromium."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import feedparser
import pytest
from lxml import etree
from PIL import Image

from xcaudio.files import write_atomic, write_json_atomic
from xcaudio.manifest import MANIFEST_NAME, AudioFile, Cue, Day, Loudness, Story
from xcaudio.publish import Show, make_server, publish
from xcaudio.publish.podcast_ext import PODCAST_NS, articles_guid, podcast_guid
from xcaudio.publish.webapp import SITE_NAMES
from xcaudio.settings import default_settings

from .browser import Chromium

BASE = "https://audio.xcdaily.example/xc"
GUID = "0b7a1b7e-6b1e-5d5e-9f43-3c1f5d1e2a10"
OWNER = "owner@xcdaily.example"


def show(base_url: str = BASE, **changes) -> Show:
    """The default show as `xcaudio init` would make it, published at `base_url`."""
    return replace(default_settings().show, base_url=base_url, owner_email=OWNER, guid=GUID,
                   **changes)
DATES = ("2020-04-16", "2020-04-17")
STORIES = (
    ("许昌市与中国电信签署战略合作协议", "共建数字许昌"),
    ("我市春季植树造林工作进展顺利", None),
)
PAGE_STORY_TEXT = "许昌市人民政府与中国电信河南分公司签署5G战略合作协议。"


def tone(path: Path, frequency: int, seconds: float) -> Path:
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", f"sine=f={frequency}:d={seconds}", "-ac", "1", "-ar", "44100",
         "-b:a", "64k", str(path)],
        check=True,
    )
    return path


@pytest.fixture(scope="module")
def recordings(tmp_path_factory) -> dict[str, Path]:
    """Real MP3s, a different tone per file so a mixed-up download cannot pass."""
    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg is not installed")
    folder = tmp_path_factory.mktemp("recordings")
    files: dict[str, Path] = {}
    for day_index, date in enumerate(DATES):
        files[f"{date}/bulletin.mp3"] = tone(folder / f"{date}-b.mp3", 300 + 100 * day_index, 2.5)
        for number in (1, 2):
            frequency = 600 + 100 * number + 10 * day_index
            files[f"{date}/{number:02d}"] = tone(folder / f"{date}-{number}.mp3", frequency, 1.2)
    return files


def vtt(cues: list[Cue]) -> str:
    def stamp(seconds: float) -> str:
        return f"{int(seconds // 3600):02d}:{int(seconds % 3600 // 60):02d}:{seconds % 60:06.3f}"

    blocks = [f"{stamp(cue.start)} --> {stamp(cue.end)}\n{cue.text}" for cue in cues]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def write_day(out: Path, date: str, recordings: dict[str, Path]) -> Day:
    folder = out / date
    folder.mkdir(parents=True)
    stories = []
    for number, (title, subtitle) in enumerate(STORIES, start=1):
        name = f"{number:02d}-story-{number}"
        audio_path = folder / f"{name}.mp3"
        shutil.copyfile(recordings[f"{date}/{number:02d}"], audio_path)
        cues = [Cue(0.0, 1.2, title)]
        write_atomic(folder / f"{name}.vtt", vtt(cues))
        stories.append(
            Story(
                id=f"p1-{number}",
                number=number,
                kind="article",
                title=title,
                kicker="本报讯" if number == 1 else None,
                subtitle=subtitle,
                byline=None,
                paragraphs=[PAGE_STORY_TEXT, "双方将在智慧城市等领域开展合作。"],
                audio=AudioFile(f"{name}.mp3", audio_path.stat().st_size, 1.2,
                                Loudness(-16.0, -1.5), f"{name}.vtt"),
                bulletin_start=0.5 + (number - 1) * 1.0,
                bulletin_end=1.5 + (number - 1) * 1.0,
            )
        )
    bulletin = folder / "bulletin.mp3"
    shutil.copyfile(recordings[f"{date}/bulletin.mp3"], bulletin)
    cues = [Cue(0.0, 0.5, "欢迎收听"), *(Cue(s.bulletin_start, s.bulletin_end, s.title)
                                        for s in stories)]
    write_atomic(folder / "bulletin.vtt", vtt(cues))
    write_json_atomic(
        folder / "bulletin.chapters.json",
        {"version": "1.2.0",
         "chapters": [{"startTime": s.bulletin_start, "title": s.title} for s in stories]},
    )
    day = Day(
        date=date,
        title=f"许昌日报有声版 {date}",
        sources=["seed.txt"],
        voice="offline",
        engine="offline",
        bulletin=AudioFile("bulletin.mp3", bulletin.stat().st_size, 2.5,
                           Loudness(-16.0, -1.2), "bulletin.vtt"),
        chapters="bulletin.chapters.json",
        stories=stories,
        cues=cues,
    )
    write_json_atomic(folder / MANIFEST_NAME, day.to_dict())
    return day


@pytest.fixture
def out(tmp_path: Path, recordings: dict[str, Path]) -> Path:
    folder = tmp_path / "feed"
    for date in DATES:
        write_day(folder, date, recordings)
    return folder


@pytest.fixture
def served(out: Path) -> Iterator[str]:
    """`out` published for, and served at, a local address."""
    server = make_server(out, "127.0.0.1", 0)
    base = server.url.rstrip("/")
    publish(out, show(base))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def podcast_tags(xml: bytes, name: str) -> list[etree._Element]:
    return etree.fromstring(xml).findall(f".//{{{PODCAST_NS}}}{name}")


def test_feed_has_every_field_apple_and_podcasting_2_ask_for(out: Path) -> None:
    result = publish(out, show(BASE + "/"))
    assert (result.days, result.episodes) == (2, 2 + 2 * len(STORIES))
    xml = (out / "feed.xml").read_bytes()
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    channel = parsed.feed
    assert channel.title == "许昌日报有声版"
    assert channel.language == "zh-cn"
    assert channel.link == BASE + "/"
    assert channel.author == "许昌日报社"
    assert channel.image.href == BASE + "/cover.png"
    assert [tag.term for tag in channel.tags] == ["News", "Daily News"]
    assert channel.publisher_detail.email == OWNER
    assert channel.subtitle == "每天的《许昌日报》，读给您听"
    assert channel.description
    # feedparser maps only yes/explicit/clean, so the true/false Apple wants is checked as written
    assert b"<itunes:explicit>false</itunes:explicit>" in xml

    assert channel.itunes_type == "episodic"
    assert channel.podcast_guid == GUID, "the show's own guid, never derived from the address"
    assert channel.podcast_locked == {"owner": OWNER}
    assert podcast_tags(xml, "locked")[0].text == "yes"  # feedparser keeps only the attributes

    assert [entry.title for entry in parsed.entries] == [f"许昌日报有声版 {d}" for d in
                                                        reversed(DATES)]
    for entry, date in zip(parsed.entries, reversed(DATES), strict=True):
        (enclosure,) = entry.enclosures
        assert enclosure.href == f"{BASE}/{date}/bulletin.mp3"
        assert int(enclosure.length) == (out / date / "bulletin.mp3").stat().st_size
        assert enclosure.type == "audio/mpeg"
        assert entry.id == f"xcaudio:{date}:bulletin"
        assert entry.guidislink is False
        published = dt.datetime(*entry.published_parsed[:6])
        assert published == dt.datetime.fromisoformat(date) - dt.timedelta(hours=2)  # 06:00 +8
        assert entry.itunes_duration == "2"  # 2.5 s, to the nearest (even) second
        assert STORIES[0][0] in entry.summary
        assert "本节目由人工智能合成语音播报。" in entry.summary, "the AI label in words"
        assert entry.itunes_episodetype == "full"
        assert entry.podcast_chapters == {"url": f"{BASE}/{date}/bulletin.chapters.json",
                                          "type": "application/json+chapters"}
        assert entry.podcast_transcript == {"url": f"{BASE}/{date}/bulletin.vtt",
                                            "type": "text/vtt", "language": "zh-cn"}


def test_articles_feed_has_one_episode_per_story_in_reading_order(out: Path) -> None:
    publish(out, show())
    parsed = feedparser.parse((out / "articles.xml").read_bytes())
    assert not parsed.bozo
    titles = [title for title, _ in STORIES]
    assert [entry.title for entry in parsed.entries] == titles * len(DATES)
    newest = parsed.entries[0]
    assert newest.enclosures[0].href == f"{BASE}/{DATES[-1]}/01-story-1.mp3"
    assert int(newest.enclosures[0].length) == (out / DATES[-1] / "01-story-1.mp3").stat().st_size
    assert newest.id == f"xcaudio:{DATES[-1]}:story:p1-1"
    assert PAGE_STORY_TEXT in newest.content[0].value
    dates = [entry.published_parsed for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True), "story 1 must be on top of its day"
    assert podcast_tags((out / "articles.xml").read_bytes(), "guid")[0].text == articles_guid(
        GUID)
    assert articles_guid(GUID) != GUID


def test_podcast_guid_matches_the_spec_example() -> None:
    assert podcast_guid("https://podnews.net/rss/") == "9b024349-ccf0-5f69-a609-6b82873eab3c"


def test_guids_survive_a_rerender_and_a_new_base_url(out: Path) -> None:
    publish(out, show())
    first = feedparser.parse((out / "feed.xml").read_bytes())
    feed_bytes = (out / "feed.xml").read_bytes()
    publish(out, show())
    assert (out / "feed.xml").read_bytes() == feed_bytes, "same days must give the same feed"
    publish(out, show("http://192.168.1.20:8000"))
    moved = feedparser.parse((out / "feed.xml").read_bytes())
    assert [entry.id for entry in moved.entries] == [entry.id for entry in first.entries]
    assert moved.feed.podcast_guid == first.feed.podcast_guid == GUID
    assert moved.entries[0].enclosures[0].href.startswith("http://192.168.1.20:8000/")


def test_keep_drops_old_days_from_feeds_and_page_but_not_from_disk(out: Path) -> None:
    result = publish(out, show(days_kept=1))
    assert result.days == 1
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    articles = feedparser.parse((out / "articles.xml").read_bytes())
    assert [entry.id for entry in feed.entries] == [f"xcaudio:{DATES[-1]}:bulletin"]
    assert len(articles.entries) == len(STORIES)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert DATES[-1] in page and DATES[0] not in page
    assert (out / DATES[0] / "bulletin.mp3").is_file()


def test_a_day_with_missing_audio_stays_out_of_the_feed(out: Path) -> None:
    (out / DATES[-1] / "02-story-2.mp3").unlink()
    result = publish(out, show())
    assert result.days == 1
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert [entry.id for entry in feed.entries] == [f"xcaudio:{DATES[0]}:bulletin"]


def test_cover_is_a_square_png_apple_accepts_and_is_not_overwritten(out: Path) -> None:
    publish(out, show())
    with Image.open(out / "cover.png") as cover:
        assert cover.format == "PNG"
        assert cover.width == cover.height
        assert 1400 <= cover.width <= 3000
        assert len(cover.getcolors(maxcolors=1 << 16) or ()) != 1, "the cover is not blank"
    write_atomic(out / "cover.png", b"the publisher's own artwork")
    result = publish(out, show())
    assert (out / "cover.png").read_bytes() == b"the publisher's own artwork"
    assert out / "cover.png" not in result.written


def test_publish_leaves_no_temporary_files(out: Path) -> None:
    publish(out, show())
    assert sorted(path.name for path in out.iterdir() if path.is_file()) == sorted(
        ["articles.xml", "cover.png", "feed.xml", "index.html", *SITE_NAMES])


def test_page_is_large_plain_and_needs_nothing_from_elsewhere(out: Path) -> None:
    publish(out, show())
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page
    style = (out / "listen.css").read_text(encoding="utf-8")
    body_size = re.search(r"body \{[^}]*font-size: ([\d.]+)rem", style)
    assert body_size and float(body_size.group(1)) * 16 >= 22, "large, and the reader's to scale"
    links = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert not [link for link in links if "//" in link or link.startswith("/")], "all relative"
    for link in links:
        assert (out / unquote(link.partition("?")[0].partition("#")[0] or "index.html")).is_file()
    assert page.count('class="play-day"') == len(DATES)
    assert page.count('class="play-story"') == page.count('class="play-alone"') == (
        len(DATES) * len(STORIES))
    assert [float(rate) for rate in re.findall(r'data-rate="([\d.]+)"', page)] == [0.75, 1, 1.25]
    assert PAGE_STORY_TEXT in page
    assert f'href="{DATES[-1]}/01-story-1.mp3"' in page
    assert '<p class="ai-label">本节目由人工智能合成语音播报。</p>' in page


def test_the_page_has_a_web_app_manifest_and_icons_from_the_cover(out: Path) -> None:
    publish(out, show())
    manifest = json.loads((out / "app.webmanifest").read_text(encoding="utf-8"))
    assert (manifest["name"], manifest["display"], manifest["start_url"]) == (
        "许昌日报有声版", "standalone", "./")
    assert manifest["theme_color"] in (out / "index.html").read_text(encoding="utf-8")
    with Image.open(out / "cover.png") as cover:
        corner = cover.convert("RGB").getpixel((2, 2))
    for icon in manifest["icons"] + [{"src": "apple-touch-icon.png", "sizes": "180x180"}]:
        with Image.open(out / icon["src"]) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]
            assert image.convert("RGB").getpixel((2, 2)) == corner, "the cover's colours"
            assert len(image.getcolors(maxcolors=1 << 16) or ()) > 2, "not blank"
    assert {icon["purpose"] for icon in manifest["icons"]} == {"any", "maskable"}


def test_the_page_in_chromium_plays_from_the_keyboard_at_the_chosen_speed(
        served: str, tmp_path: Path) -> None:
    """Every play link becomes a button; Tab to the first, press Enter: the day's bulletin
    plays; the speed chosen stays for the next recording."""
    chromium = Chromium(tmp_path / "profile")
    try:
        tab = chromium.tab
        tab.open(f"{served}/index.html")
        assert tab.value("document.querySelectorAll('[role=button]').length") == (
            len(DATES) * (1 + 2 * len(STORIES)))
        assert tab.value("document.querySelector('[aria-pressed=true]').dataset.rate") == "1"
        tab.press("Tab", 9)
        assert tab.value("document.activeElement.getAttribute('href')") == (
            f"{DATES[-1]}/bulletin.mp3")
        tab.press("Enter", 13, "\r")
        tab.until("!audio.paused && audio.currentTime > 0")
        assert tab.value("audio.src").endswith(f"/{DATES[-1]}/bulletin.mp3")
        assert tab.value("document.getElementById('toggle').textContent") == "暂停"
        tab.value("document.getElementById('speed').click()")
        tab.value("document.querySelector('[data-rate=\"0.75\"]').click()")
        tab.value("document.querySelector('.play-alone').click()")
        tab.until("audio.src.endsWith('01-story-1.mp3') && !audio.paused")
        assert tab.value("audio.playbackRate") == 0.75
        assert tab.errors == []
    finally:
        chromium.close()


def test_gpodder_subscribes_and_downloads_the_bulletin(
    served: str, out: Path, tmp_path: Path
) -> None:
    gpo = shutil.which("gpo")
    if not gpo:
        pytest.skip("gPodder's gpo is not installed (Debian package gpodder)")
    home, downloads = tmp_path / "home", tmp_path / "downloads"
    environment = {**os.environ, "HOME": str(home), "GPODDER_HOME": str(home / "gPodder"),
                   "GPODDER_DOWNLOAD_DIR": str(downloads)}
    feed_url = f"{served}/feed.xml"
    for command in (["subscribe", feed_url], ["update"], ["download"]):
        done = subprocess.run([gpo, *command], env=environment, capture_output=True, text=True,
                              timeout=120, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    mp3s = {path.read_bytes() for path in downloads.rglob("*.mp3")}
    for date in DATES:
        assert (out / date / "bulletin.mp3").read_bytes() in mp3s, f"{date} not downloaded"
