"""`xcaudio serve`: the feed folder over HTTP, the way podcast apps expect it.

Apple requires byte ranges (206) for audio, apps look at content types, and the folder is the
only thing that may be reachable: any path with `..`, `.` or hidden names is refused, a
resolved path must stay inside the folder (symlinks included), and only the kinds of file the
feeds and the page link to are served (not the show's settings): audio, transcripts, chapters,
feeds, the page with its style, script, service worker, web app manifest and images.

While the show has no public base URL, the feeds are a preview: each request for feed.xml or
articles.xml gets a feed whose links point at the address the client used (its Host header),
so an app on the local network downloads from where it subscribed. A listener's app that
drops a connection is one line in the log, not a traceback.
"""

from __future__ import annotations

import contextlib
import email.utils
import fcntl
import hashlib
import io
import os
import re
import socket
import struct
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urlsplit

from xcaudio.publish.days import find_editions
from xcaudio.publish.feed import FEEDS
from xcaudio.publish.show import Show

CHUNK = 64 * 1024
CONTENT_TYPES = {
    ".mp3": "audio/mpeg",
    ".vtt": "text/vtt; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".json": "application/json",
}
CHAPTERS_SUFFIX = ".chapters.json"
RANGE = re.compile(r"bytes=(?P<first>\d*)-(?P<last>\d*)", re.ASCII)
HOST = re.compile(r"^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$")
ANY_ADDRESS = ("0.0.0.0", "::", "")
SIOCGIFADDR = 0x8915
DROPPED = (ConnectionError, TimeoutError)


class Refused(Exception):
    def __init__(self, status: HTTPStatus) -> None:
        super().__init__(status.phrase)
        self.status = status


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in Content-Range

    @property
    def length(self) -> int:
        return self.end - self.start + 1


def content_type(path: Path) -> str:
    if path.name.endswith(CHAPTERS_SUFFIX):
        return "application/json+chapters"
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def resolve_request(root: Path, target: str) -> Path:
    """The file inside `root` that a request target names, or `Refused`."""
    path = unquote(urlsplit(target).path, errors="strict")
    if "\x00" in path or "\\" in path or not path.startswith("/"):
        raise Refused(HTTPStatus.BAD_REQUEST)
    parts = path.split("/")[1:]
    if any(part.startswith(".") for part in parts):
        raise Refused(HTTPStatus.FORBIDDEN)
    if parts[-1] == "":
        parts[-1] = "index.html"
    if any(part == "" for part in parts):
        raise Refused(HTTPStatus.NOT_FOUND)
    root = root.resolve()
    candidate = root.joinpath(*parts).resolve()
    if not candidate.is_relative_to(root):
        raise Refused(HTTPStatus.FORBIDDEN)
    if not candidate.is_file() or candidate.suffix.lower() not in CONTENT_TYPES:
        raise Refused(HTTPStatus.NOT_FOUND)
    return candidate


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """One `bytes=` range; `None` (send the whole file) for anything this server does not
    understand, as RFC 9110 allows; `Refused(416)` for a range past the end."""
    match = RANGE.fullmatch(header.strip()) if header else None
    if not match or not (match["first"] or match["last"]):
        return None
    if not match["first"]:
        suffix = int(match["last"])
        if suffix == 0 or size == 0:
            raise Refused(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
        return ByteRange(max(0, size - suffix), size - 1)
    start = int(match["first"])
    if start >= size:
        raise Refused(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
    end = min(int(match["last"]), size - 1) if match["last"] else size - 1
    return None if end < start else ByteRange(start, end)


def copy_bytes(source: BinaryIO, sink: BinaryIO, length: int) -> None:
    while length > 0:
        chunk = source.read(min(CHUNK, length))
        if not chunk:
            break
        sink.write(chunk)
        length -= len(chunk)


class FeedRequestHandler(BaseHTTPRequestHandler):
    server: FeedServer
    server_version = "xcaudio"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.respond(send_body=True)

    def do_HEAD(self) -> None:
        self.respond(send_body=False)

    def respond(self, send_body: bool) -> None:
        try:
            path = resolve_request(self.server.root, self.path)
            with path.open("rb") as stream:
                stat = os.fstat(stream.fileno())
                modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
                preview = self.server.preview_feed(path, self.base_url())
                if preview is not None:
                    etag = f'"{hashlib.sha256(preview).hexdigest()[:32]}"'
                    self.send(path, io.BytesIO(preview), len(preview), etag, modified, send_body)
                else:
                    # the open file's size and time: a feed replaced meanwhile is served whole
                    etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
                    self.send(path, stream, stat.st_size, etag, modified, send_body)
        except Refused as refused:
            self.send_error(refused.status)

    def base_url(self) -> str:
        """The address the client asked for (the Host header), else the server's own."""
        host = self.headers.get("Host", "")
        return f"http://{host}" if HOST.match(host) else self.server.url

    def send(self, path: Path, stream: BinaryIO, size: int, etag: str, modified: str,
             send_body: bool) -> None:
        if self.not_modified(etag, modified):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        try:
            byte_range = self.wanted_range(size, etag, modified)
        except Refused:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if byte_range:
            self.send_response(HTTPStatus.PARTIAL_CONTENT)
            self.send_header("Content-Range", f"bytes {byte_range.start}-{byte_range.end}/{size}")
        else:
            byte_range = ByteRange(0, size - 1)
            self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type(path))
        self.send_header("Content-Length", str(byte_range.length))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.end_headers()
        if send_body:
            stream.seek(byte_range.start)
            copy_bytes(stream, self.wfile, byte_range.length)

    def not_modified(self, etag: str, modified: str) -> bool:
        """Lets podcast apps poll the feed cheaply; the ETag wins when both are sent."""
        if "If-None-Match" in self.headers:
            return self.headers["If-None-Match"] == etag
        return self.headers.get("If-Modified-Since") == modified

    def wanted_range(self, size: int, etag: str, modified: str) -> ByteRange | None:
        """A resumed download of a file that has changed since gets the new file whole."""
        if_range = self.headers.get("If-Range")
        if if_range is not None and if_range not in (etag, modified):
            return None
        return parse_range(self.headers.get("Range"), size)


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, host: str, port: int, show: Show | None) -> None:
        self.root = root
        self.show = show
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), FeedRequestHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/"

    def preview_feed(self, path: Path, base_url: str) -> bytes | None:
        """The feed at `path` for a show with no public address yet, pointing at `base_url`;
        None for every other file, and for a published show (its feeds are served as written)."""
        if self.show is None or self.show.is_public or path.parent != self.root.resolve():
            return None
        build = FEEDS.get(path.name)
        if build is None:
            return None
        return build(find_editions(self.root, self.show.days_kept), base_url, self.show)

    def handle_error(self, request, client_address) -> None:
        """A client that went away mid-request (a podcast app closing a download, a phone
        leaving the network) is routine: one line, not a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, DROPPED):
            super().handle_error(request, client_address)
            return
        host, port = client_address[:2]
        sys.stderr.write(f"{host}:{port} dropped the connection "
                         f"({error.strerror or type(error).__name__})\n")


def make_server(out: Path, host: str = "127.0.0.1", port: int = 8000,
                show: Show | None = None) -> FeedServer:
    """A server bound and ready; port 0 picks any free port (see `server.url`). With the
    show's settings, a show without a public base URL gets preview feeds (see above)."""
    return FeedServer(Path(out), host, port, show)


def lan_addresses() -> Iterator[str]:
    """The machine's IPv4 addresses other than loopback, read from its network interfaces
    (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in socket.if_nameindex():
            request = struct.pack("256s", name.encode()[:15])
            try:
                reply = fcntl.ioctl(probe.fileno(), SIOCGIFADDR, request)
            except OSError:
                continue  # an interface without an IPv4 address
            address = socket.inet_ntoa(reply[20:24])
            if not address.startswith("127."):
                yield address


def addresses_to_open(server: FeedServer) -> list[str]:
    """What a listener types: the LAN addresses when listening on every address, else the
    address listened on."""
    host, port = server.server_address[:2]
    if host not in ANY_ADDRESS and str(host) not in ("0.0.0.0", "::"):
        return [server.url]
    return [f"http://{address}:{port}/" for address in lan_addresses()] + [
        f"http://127.0.0.1:{port}/"]


def serve(server: FeedServer) -> None:
    """Serve until interrupted."""
    with server, contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
