"""Microsoft's neural voices through edge-tts 7.x, made robust enough for a daily job.

edge-tts opens one websocket per text and retries a 403 once (after correcting its clock from
the server's `Date`). Everything else the service does on a bad day — throttling (429), a turn
with no audio, a socket that hangs or drops mid-stream — surfaces as an exception, or, for a
drop, as a stream that simply ends early. Here every chunk gets `retries` more attempts, each
bounded by `timeout`, with exponential backoff and jitter between them, and at most
`concurrency` connections open at once. A chunk that still fails comes back as an EngineError
so the caller can fall back to the offline voice. Every failed attempt is logged at INFO (seen
with `xcaudio -v`); a chunk given up on is the caller's to report, as a fallback or an error.

Environment:
- XCAUDIO_EDGE_WSS_URL: the websocket endpoint to use instead of Microsoft's (tests, proxies).
  edge-tts has no parameter for it; its `communicate` module reads the module-level `WSS_URL`
  and appends `&ConnectionId=…&Sec-MS-GEC=…&Sec-MS-GEC-Version=…`, so a URL without a query
  gets `?TrustedClientToken=…` first, as the real one has.
- XCAUDIO_EDGE_BACKOFF: the first retry delay in seconds, overriding the constructor's; lets a
  test make a whole `xcaudio render` against a failing server fast.

Names reach the service the way they are said: places and surnames whose characters it would
misread are sent as characters of the same reading (`pronounce.names.for_edge`: 叶县 → 涉县).
Only the request changes; the chunk, its cache entry and every transcript keep the printed text.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
from typing import Literal

import aiohttp
from edge_tts import Communicate, communicate, constants
from edge_tts.exceptions import EdgeTTSException, NoAudioReceived

from xcaudio.audio import AudioError, decode
from xcaudio.engines import EngineError, Speech, VoiceSettings
from xcaudio.pronounce.names import for_edge

log = logging.getLogger(__name__)

SAMPLE_RATE = 24000
TICKS_PER_SECOND = 10_000_000
MAX_DELAY = 30.0
URL_VARIABLE = "XCAUDIO_EDGE_WSS_URL"
BACKOFF_VARIABLE = "XCAUDIO_EDGE_BACKOFF"
Marks = list[tuple[float, str]]
Boundary = Literal["SentenceBoundary", "WordBoundary"]
MANDARIN_VOICES = (
    "zh-CN-XiaoxiaoNeural", "zh-CN-XiaoyiNeural", "zh-CN-YunjianNeural", "zh-CN-YunxiNeural",
    "zh-CN-YunxiaNeural", "zh-CN-YunyangNeural", "zh-CN-liaoning-XiaobeiNeural",
    "zh-CN-shaanxi-XiaoniNeural",
)
"""The service's Mandarin voices as edge-tts 7 lists them; listing them live needs the network."""
RETRIED_STATUSES = frozenset({403, 408, 429})
"""HTTP refusals worth another try (and every 5xx); any other status means a bad request."""


class DroppedStream(RuntimeError):
    """The socket closed before the service ended its turn: the audio is cut short."""


def endpoint() -> str:
    """The websocket URL to connect to, ready for edge-tts to append `&ConnectionId=…`."""
    url = os.environ.get(URL_VARIABLE) or constants.WSS_URL
    if "?" not in url:
        url += f"?TrustedClientToken={constants.TRUSTED_CLIENT_TOKEN}"
    return url


def use_endpoint() -> None:
    if not hasattr(communicate, "WSS_URL"):
        raise EngineError("this edge-tts has no communicate.WSS_URL: cannot set the endpoint")
    communicate.WSS_URL = endpoint()


def describe(error: Exception, timeout: float) -> tuple[str, bool]:
    """What went wrong, in words for the log, and whether another attempt may help."""
    if isinstance(error, aiohttp.ClientResponseError):  # refused at the websocket handshake
        retry = error.status in RETRIED_STATUSES or error.status >= 500
        return f"refused with HTTP {error.status}", retry
    if isinstance(error, TimeoutError):
        return f"no complete answer within {timeout:g} s", True
    if isinstance(error, NoAudioReceived):
        return "the service ended its turn without audio", True
    if isinstance(error, DroppedStream | AudioError):
        return str(error), True
    if isinstance(error, aiohttp.ClientError):
        return f"connection failed ({type(error).__name__}: {error})", True
    if isinstance(error, EdgeTTSException):
        return f"unexpected answer ({type(error).__name__}: {error})", True
    return f"{type(error).__name__}: {error}", False


class EdgeEngine:
    """edge-tts with retries, timeouts and bounded concurrency; see the module docstring."""

    name = "edge"

    def __init__(
        self,
        *,
        retries: int = 4,
        timeout: float = 20.0,
        backoff: float = 0.5,
        boundary: Boundary = "SentenceBoundary",
    ):
        self.retries = retries
        self.timeout = timeout
        self.backoff = float(os.environ.get(BACKOFF_VARIABLE, backoff))
        self.boundary = boundary

    def synthesize(self, text: str, voice: VoiceSettings) -> Speech:
        """One chunk, for callers without an event loop; raises EngineError."""
        return asyncio.run(self._speak(text, voice, asyncio.Semaphore(1)))

    async def synthesize_many(
        self, texts: list[str], voice: VoiceSettings, concurrency: int = 4
    ) -> list[Speech | EngineError]:
        """Every chunk, in order; at most `concurrency` connections open at once."""
        slots = asyncio.Semaphore(max(1, concurrency))

        async def result(text: str) -> Speech | EngineError:
            try:
                return await self._speak(text, voice, slots)
            except EngineError as error:
                return error

        return list(await asyncio.gather(*(result(text) for text in texts)))

    def delay(self, attempt: int) -> float:
        """The pause after failed attempt N (1, 2, …): exponential, jittered so throttled
        connections do not all come back at the same moment."""
        return min(self.backoff * 2 ** (attempt - 1), MAX_DELAY) * random.uniform(0.5, 1.5)

    async def _speak(self, text: str, voice: VoiceSettings, slots: asyncio.Semaphore) -> Speech:
        if not text.strip():
            raise EngineError("nothing to say: the chunk is empty")
        use_endpoint()
        attempts = self.retries + 1
        attempt = 0
        while True:
            attempt += 1
            try:
                async with slots:
                    audio, marks = await asyncio.wait_for(self._stream(text, voice), self.timeout)
                samples = await asyncio.to_thread(decode, audio, SAMPLE_RATE)
                return Speech(samples, SAMPLE_RATE, self.name, voice.voice, marks)
            except Exception as error:
                what, worth_retrying = describe(error, self.timeout)
                if not worth_retrying or attempt == attempts:
                    log.info("edge attempt %d of %d for %r failed: %s; giving up",
                             attempt, attempts, text, what)
                    raise EngineError(f"edge failed after {attempt} attempt(s): {what}") from error
                pause = self.delay(attempt)
                log.info("edge attempt %d of %d for %r failed: %s; retrying in %.2f s",
                         attempt, attempts, text, what, pause)
                await asyncio.sleep(pause)

    async def _stream(self, text: str, voice: VoiceSettings) -> tuple[bytes, Marks]:
        """One connection: the MP3 bytes and the boundaries, or an exception."""
        talk = Communicate(for_edge(text), voice.voice, rate=voice.rate, pitch=voice.pitch,
                           volume=voice.volume, boundary=self.boundary)
        audio = bytearray()
        marks: Marks = []
        async for chunk in talk.stream():
            if chunk["type"] == "audio":
                audio += chunk["data"]
            elif chunk["type"] in ("SentenceBoundary", "WordBoundary"):
                marks.append((chunk["offset"] / TICKS_PER_SECOND, chunk["text"]))
        # edge-tts counts audio bytes into cumulative_audio_bytes only when turn.end arrives;
        # a socket closed mid-turn ends its stream quietly, with the audio cut short.
        if talk.state["cumulative_audio_bytes"] != len(audio):
            raise DroppedStream(f"the connection closed mid-turn after {len(audio)} bytes of audio")
        return bytes(audio), marks
