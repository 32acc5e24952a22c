"""A loopback stand-in for Microsoft's read-aloud websocket service, for the edge engine's tests.

It speaks the protocol the way edge-tts 7.x (`edge_tts/communicate.py`) reads it, so the real
client can be tested without the internet:

- The client connects to `…/edge/v1?TrustedClientToken=…&ConnectionId=…&Sec-MS-GEC=…` and sends
  two text frames, `speech.config` (JSON: which boundaries it wants) and `ssml` (voice, prosody,
  text). A text frame is CRLF-separated `Key:Value` headers, a blank line, then the body.
- The server answers `turn.start`, then for each sentence an `audio.metadata` frame (JSON with
  SentenceBoundary or WordBoundary offsets and durations in 100-ns ticks) followed by binary
  audio frames, then an empty audio frame and `turn.end`.
- A binary frame is a 2-byte big-endian header length, the headers, then MP3 bytes. edge-tts
  slices the headers from the start of the frame *including* the two length bytes and drops the
  last two header bytes, so the header block must end with CRLF and `Path` must not come first.

Like the real service, it checks the Sec-MS-GEC token against its own clock and answers 403 with
its `Date` when the token is stale; set `clock_offset` to make the client's clock look wrong. A
request without the query edge-tts sends (token, connection id, Sec-MS-GEC and its version) gets
400, so a wrongly overridden endpoint URL shows.

The audio is real MP3 (a 220 Hz tone, 24 kHz mono 48 kbps CBR like the service's
`audio-24khz-48kbitrate-mono-mp3`), made once per server start and cut into 24 ms frames; each
answer is as long as the text at `SECONDS_PER_CHARACTER`, stretched by the requested rate.
"""

from __future__ import annotations

import asyncio
import json
import math
import re
import subprocess
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.utils import formatdate

from aiohttp import WSMsgType, web
from edge_tts.drm import generate_sec_ms_gec_v2

SAMPLE_RATE = 24000
FRAME_BYTES = 144  # MPEG-2 layer III at 24 kHz and 48 kbps: 72 * 48000 / 24000, never padded
FRAME_SECONDS = 576 / SAMPLE_RATE
FRAMES_PER_MESSAGE = 40
TONE_SECONDS = 30
SECONDS_PER_CHARACTER = 0.2
TICKS_PER_SECOND = 10_000_000
TOKEN_WINDOW = 300  # Sec-MS-GEC changes every five minutes
SSML = "{http://www.w3.org/2001/10/synthesis}"
SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]*")
WORD = re.compile(r"[A-Za-z0-9]+|\w")
QUERY = {"TrustedClientToken", "ConnectionId", "Sec-MS-GEC", "Sec-MS-GEC-Version"}
"""What edge-tts puts in the query; a request missing any is refused with 400."""

FAULTS = ("ok", "forbidden", "throttle", "no_audio", "hang", "drop")
"""What a faulty connection does: forbidden = 403 with a correct Date; throttle = 429;
no_audio = turn.start then turn.end; hang = accept the request and never answer;
drop = cut the TCP connection after the first audio message."""


@dataclass(frozen=True)
class Request:
    """What one connection asked for."""

    text: str
    voice: str
    rate: str
    pitch: str
    volume: str
    boundary: str


@dataclass
class Stats:
    connections: int = 0
    refused: dict[int, int] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    active: int = 0
    max_active: int = 0


def make_tone_frames() -> list[bytes]:
    """A real MP3 tone from ffmpeg, split into its fixed-size frames."""
    command = [
        "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
        "-i", f"sine=frequency=220:sample_rate={SAMPLE_RATE}:duration={TONE_SECONDS}",
        "-ac", "1", "-c:a", "libmp3lame", "-b:a", "48k",
        "-write_xing", "0", "-id3v2_version", "0", "-f", "mp3", "pipe:1",
    ]
    mp3 = subprocess.run(command, capture_output=True, check=True).stdout
    if len(mp3) % FRAME_BYTES or mp3[:2] != b"\xff\xf3":
        raise RuntimeError("ffmpeg did not write bare 24 kHz 48 kbps MP3 frames")
    return [mp3[start : start + FRAME_BYTES] for start in range(0, len(mp3), FRAME_BYTES)]


def text_frame(path: str, body: str, request_id: str) -> str:
    content_type = "application/json; charset=utf-8"
    return f"X-RequestId:{request_id}\r\nContent-Type:{content_type}\r\nPath:{path}\r\n\r\n{body}"


def audio_frame(mp3: bytes, request_id: str) -> bytes:
    content_type = "Content-Type:audio/mpeg\r\n" if mp3 else ""
    headers = f"X-RequestId:{request_id}\r\n{content_type}Path:audio\r\n".encode()
    return len(headers).to_bytes(2, "big") + headers + mp3


def parse_frame(frame: str) -> tuple[dict[str, str], str]:
    head, _, body = frame.partition("\r\n\r\n")
    headers = dict(line.split(":", 1) for line in head.split("\r\n"))
    return headers, body


def parse_request(config: str, ssml: str) -> Request:
    options = json.loads(config)["context"]["synthesis"]["audio"]["metadataoptions"]
    word = options["wordBoundaryEnabled"] == "true"
    root = ElementTree.fromstring(ssml)
    voice = root.find(f"{SSML}voice")
    prosody = root.find(f".//{SSML}prosody")
    if voice is None or prosody is None:
        raise ValueError("ssml without voice or prosody")
    return Request(
        text=prosody.text or "",
        voice=voice.get("name", ""),
        rate=prosody.get("rate", ""),
        pitch=prosody.get("pitch", ""),
        volume=prosody.get("volume", ""),
        boundary="WordBoundary" if word else "SentenceBoundary",
    )


def speaking_seconds(text: str, rate: str = "+0%") -> float:
    """How long the fake voice takes to say `text`: a faster rate (+N%) shortens it."""
    return max(len(text), 1) * SECONDS_PER_CHARACTER / (1 + int(rate.rstrip("%")) / 100)


def boundary_metadata(request: Request, sentence: re.Match[str]) -> list[str]:
    """Metadata frame bodies for one sentence: the sentence itself, or each of its words.

    One boundary per frame, as the service sends them (edge-tts reads only the first)."""
    seconds = speaking_seconds(request.text, request.rate)
    tick = seconds / max(len(request.text), 1) * TICKS_PER_SECOND
    if request.boundary == "WordBoundary":
        pieces = [(sentence.start() + word.start(), word.group())
                  for word in WORD.finditer(sentence.group())]
    else:
        pieces = [(sentence.start(), sentence.group())]
    return [
        json.dumps({"Metadata": [{
            "Type": request.boundary,
            "Data": {"Offset": round(start * tick), "Duration": round(len(text) * tick),
                     "text": {"Text": text, "Length": len(text), "BoundaryType": request.boundary}},
        }]}, ensure_ascii=False)
        for start, text in pieces
    ]


class EdgeServer:
    """The fake service on 127.0.0.1 (a free port), in a thread with its own event loop.

    `fault(mode, times)` makes the next `times` connections misbehave (every one if None);
    `stats` records connections, refusals, requests and the most connections open at once.
    """

    def __init__(self, clock_offset: float = 0.0, pace: float = 0.0):
        self.clock_offset = clock_offset
        self.pace = pace
        """Seconds between the server's messages, so tests can make requests overlap."""
        self.stats = Stats()
        self._mode = "ok"
        self._times: int | None = None
        self._frames: list[bytes] = []
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.port = 0

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/consumer/speech/synthesize/readaloud/edge/v1"

    def start(self) -> EdgeServer:
        self._frames = make_tone_frames()
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def __enter__(self) -> EdgeServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def fault(self, mode: str, times: int | None = None) -> None:
        if mode not in FAULTS:
            raise ValueError(f"unknown fault {mode!r}: one of {', '.join(FAULTS)}")
        self._mode, self._times = mode, times

    def reset(self) -> None:
        """Back to a healthy server with fresh counters, for the next test."""
        self.fault("ok")
        self.clock_offset = 0.0
        self.pace = 0.0
        self.stats = Stats()

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_get("/{path:.*}", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    def _next_fault(self) -> str:
        if self._times is None:
            return self._mode
        if self._times > 0:
            self._times -= 1
            return self._mode
        return "ok"

    def _token_is_fresh(self, token: str) -> bool:
        now = time.time() + self.clock_offset
        windows = (now - TOKEN_WINDOW, now, now + TOKEN_WINDOW)
        return token in {generate_sec_ms_gec_v2(moment) for moment in windows}

    def _refuse(self, status: int) -> web.Response:
        self.stats.refused[status] = self.stats.refused.get(status, 0) + 1
        date = formatdate(time.time() + self.clock_offset, usegmt=True)
        return web.Response(status=status, headers={"Date": date})

    @contextmanager
    def _counted(self) -> Iterator[None]:
        stats = self.stats  # a connection still open at reset() counts in its own test's stats
        stats.connections += 1
        stats.active += 1
        stats.max_active = max(stats.max_active, stats.active)
        try:
            yield
        finally:
            stats.active -= 1

    async def _handle(self, http: web.Request) -> web.StreamResponse:
        with self._counted():
            if not QUERY.issubset(http.query):
                return self._refuse(400)
            if not self._token_is_fresh(http.query["Sec-MS-GEC"]):
                return self._refuse(403)
            mode = self._next_fault()
            if mode in ("forbidden", "throttle"):
                return self._refuse(403 if mode == "forbidden" else 429)
            socket = web.WebSocketResponse()
            await socket.prepare(http)
            request = await self._read_request(socket)
            if request is None:
                return socket
            self.stats.requests.append(request)
            if mode == "hang":
                async for _ in socket:  # says nothing until the client gives up
                    pass
                return socket
            await self._answer(http, socket, request, mode)
            return socket

    async def _read_request(self, socket: web.WebSocketResponse) -> Request | None:
        """The two text frames of a request, or None if the client left first."""
        bodies: dict[str, str] = {}
        while "ssml" not in bodies:
            message = await socket.receive()
            if message.type != WSMsgType.TEXT:
                return None
            headers, body = parse_frame(message.data)
            bodies[headers["Path"]] = body
        return parse_request(bodies["speech.config"], bodies["ssml"])

    async def _answer(self, http: web.Request, socket: web.WebSocketResponse,
                      request: Request, mode: str) -> None:
        request_id = uuid.uuid4().hex
        await socket.send_str(text_frame("turn.start", '{"context":{}}', request_id))
        if mode == "no_audio":
            await socket.send_str(text_frame("turn.end", "{}", request_id))
            return
        frame_count = math.ceil(speaking_seconds(request.text, request.rate) / FRAME_SECONDS)
        frames = [self._frames[index % len(self._frames)] for index in range(frame_count)]
        sent = 0
        for sentence in SENTENCE.finditer(request.text):
            for metadata in boundary_metadata(request, sentence):
                await socket.send_str(text_frame("audio.metadata", metadata, request_id))
            until = math.ceil(sentence.end() / len(request.text) * frame_count)
            for start in range(sent, until, FRAMES_PER_MESSAGE):
                end = min(start + FRAMES_PER_MESSAGE, until)
                await socket.send_bytes(audio_frame(b"".join(frames[start:end]), request_id))
                if mode == "drop" and http.transport is not None:
                    http.transport.abort()
                    return
                await asyncio.sleep(self.pace)
            sent = max(sent, until)
        await socket.send_bytes(audio_frame(b"", request_id))
        await socket.send_str(text_frame("turn.end", "{}", request_id))
        async for _ in socket:  # the service keeps the socket for further turns
            pass


def main() -> None:
    """`python tests/edge_server.py [FAULT]`: serve until Ctrl-C, for trying renders by hand."""
    with EdgeServer() as server:
        if len(sys.argv) > 1:
            server.fault(sys.argv[1])
        print(f"XCAUDIO_EDGE_WSS_URL={server.url}", flush=True)
        with suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
