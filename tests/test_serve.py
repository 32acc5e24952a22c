"""`xcaudio serve`: byte ranges, content types, and nothing outside the feed folder."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from xcaudio.publish import make_server
from xcaudio.publish.serve import ByteRange, Refused, parse_range

AUDIO = bytes(range(256)) * 40  # 10240 bytes, every offset tells its own value
SECRET = "not for the network"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    tmp_path = tmp_path_factory.mktemp("serve")
    (tmp_path / "secret.txt").write_text(SECRET)
    out = tmp_path / "feed"
    day = out / "2020-04-17"
    day.mkdir(parents=True)
    (day / "bulletin.mp3").write_bytes(AUDIO)
    (day / "bulletin.vtt").write_text("WEBVTT\n", encoding="utf-8")
    (day / "bulletin.chapters.json").write_text('{"version": "1.2.0"}', encoding="utf-8")
    (day / "manifest.json").write_text("{}", encoding="utf-8")
    (day / "01-许昌.mp3").write_bytes(AUDIO[:100])
    (out / "feed.xml").write_text("<rss/>", encoding="utf-8")
    (out / "index.html").write_text("<!doctype html><title>页</title>", encoding="utf-8")
    (out / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for name in ("listen.css", "player.js", "sw.js", "app.webmanifest"):
        (out / name).write_text("/* the page's */", encoding="utf-8")
    (out / ".feed.xml.abc.tmp").write_text("<rss/>", encoding="utf-8")
    (out / "escape").symlink_to(tmp_path)
    return out


@pytest.fixture(scope="module")
def address(folder: Path) -> Iterator[tuple[str, int]]:
    server = make_server(folder, port=0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server.server_address[:2]
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def fetch(address: tuple[str, int], path: str, method: str = "GET", **headers: str):
    """Send `path` exactly as written: http.client does not normalise `..` away."""
    connection = http.client.HTTPConnection(*address, timeout=10)
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_listens_on_localhost_by_default(folder: Path) -> None:
    with make_server(folder, port=0) as server:
        assert server.server_address[0] == "127.0.0.1"


def test_whole_file_advertises_ranges(address) -> None:
    status, headers, body = fetch(address, "/2020-04-17/bulletin.mp3")
    assert status == 200
    assert body == AUDIO
    assert headers["Accept-Ranges"] == "bytes"
    assert headers["Content-Length"] == str(len(AUDIO))


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [("bytes=0-1", 0, 1), ("bytes=1000-1999", 1000, 1999), ("bytes=10000-", 10000, 10239),
     ("bytes=-240", 10000, 10239), ("bytes=10200-99999", 10200, 10239)],
)
def test_range_request_returns_206_with_the_right_bytes(address, header, start, end) -> None:
    status, headers, body = fetch(address, "/2020-04-17/bulletin.mp3", Range=header)
    assert status == 206
    assert body == AUDIO[start : end + 1]
    assert headers["Content-Range"] == f"bytes {start}-{end}/{len(AUDIO)}"
    assert headers["Content-Length"] == str(end - start + 1)


def test_range_past_the_end_is_416(address) -> None:
    status, headers, _ = fetch(address, "/2020-04-17/bulletin.mp3", Range="bytes=20000-")
    assert status == 416
    assert headers["Content-Range"] == f"bytes */{len(AUDIO)}"


def test_a_changed_file_is_sent_whole_to_a_resuming_client(address) -> None:
    status, _, body = fetch(address, "/2020-04-17/bulletin.mp3", Range="bytes=0-9",
                            **{"If-Range": '"an-older-version"'})
    assert (status, body) == (200, AUDIO)
    _, headers, _ = fetch(address, "/2020-04-17/bulletin.mp3")
    status, _, body = fetch(address, "/2020-04-17/bulletin.mp3", Range="bytes=0-9",
                            **{"If-Range": headers["ETag"]})
    assert (status, body) == (206, AUDIO[:10])


def test_an_unchanged_feed_is_304(address) -> None:
    _, headers, _ = fetch(address, "/feed.xml")
    status, _, body = fetch(address, "/feed.xml", **{"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")


def test_head_sends_headers_only(address) -> None:
    status, headers, body = fetch(address, "/2020-04-17/bulletin.mp3", method="HEAD")
    assert (status, body) == (200, b"")
    assert headers["Content-Length"] == str(len(AUDIO))


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/2020-04-17/bulletin.mp3", "audio/mpeg"),
     ("/2020-04-17/bulletin.vtt", "text/vtt; charset=utf-8"),
     ("/2020-04-17/bulletin.chapters.json", "application/json+chapters"),
     ("/2020-04-17/manifest.json", "application/json"),
     ("/feed.xml", "application/rss+xml; charset=utf-8"),
     ("/cover.png", "image/png"),
     ("/", "text/html; charset=utf-8"),
     ("/2020-04-17/01-%E8%AE%B8%E6%98%8C.mp3", "audio/mpeg"),
     ("/feed.xml?refresh=1", "application/rss+xml; charset=utf-8"),
     ("/listen.css?v=1", "text/css; charset=utf-8"),
     ("/player.js?v=1", "text/javascript; charset=utf-8"),
     ("/sw.js?v=1", "text/javascript; charset=utf-8"),
     ("/app.webmanifest?v=1", "application/manifest+json; charset=utf-8")],
)
def test_content_types(address, path, content_type) -> None:
    status, headers, _ = fetch(address, path)
    assert (status, headers["Content-Type"]) == (200, content_type)


@pytest.mark.parametrize(
    "path",
    ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
     "/2020-04-17/../../secret.txt", "/2020-04-17/%2e%2e/%2e%2e/secret.txt",
     "/escape/secret.txt", "/.feed.xml.abc.tmp", "//secret.txt", "/..%5csecret.txt",
     "/2020-04-17/", "/nothing.mp3"],
)
def test_nothing_outside_the_folder_or_hidden_is_served(address, path) -> None:
    status, _, body = fetch(address, path)
    assert status in (400, 403, 404)
    assert SECRET.encode() not in body


def test_parse_range_ignores_what_it_does_not_understand() -> None:
    assert parse_range("bytes=0-1,5-6", 10) is None
    assert parse_range("items=0-1", 10) is None
    assert parse_range("bytes=5-2", 10) is None
    assert parse_range("bytes=-", 10) is None
    assert parse_range("bytes=٣-", 10) is None
    assert parse_range("bytes=3-", 10) == ByteRange(3, 9)
    with pytest.raises(Refused):
        parse_range("bytes=-0", 10)
