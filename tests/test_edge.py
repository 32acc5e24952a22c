"""The edge engine: the real edge-tts client against a loopback server that speaks the service's
protocol (tests/edge_server.py), healthy and in each way the service is known to fail."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pytest
from edge_tts.drm import DRM

from xcaudio.audio import decode
from xcaudio.engines import EngineError, Speech
from xcaudio.engines.edge import MAX_DELAY, EdgeEngine
from xcaudio.files import default_cache_dir
from xcaudio.render import load_script
from xcaudio.synthesize import SpeechCache, synthesize
from xcaudio.voices import load_preset

from .conftest import DATA, run_xcaudio
from .edge_server import EdgeServer, Request, speaking_seconds

FIRST = "经中央军委主席习近平批准。"
SECOND = "军队支援湖北医疗队圆满完成任务回撤。"
TWO_SENTENCES = FIRST + SECOND
YUNYANG = "Microsoft Server Speech Text to Speech Voice (zh-CN, YunyangNeural)"
ANCHOR = load_preset("anchor")
DATE = "2020-04-17"
QUICK = {"backoff": 0.01, "timeout": 5.0}
"""Retries without real waiting; a timeout only a hang reaches."""


def failures_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records
            if record.name == "xcaudio.engines.edge"]


@pytest.fixture(scope="module")
def running_server() -> Iterator[EdgeServer]:
    with EdgeServer() as server:
        yield server


@pytest.fixture
def server(running_server: EdgeServer, monkeypatch: pytest.MonkeyPatch,
           caplog: pytest.LogCaptureFixture) -> EdgeServer:
    """A healthy server with fresh counters, the engine pointed at it, its log captured."""
    running_server.reset()
    monkeypatch.setenv("XCAUDIO_EDGE_WSS_URL", running_server.url)
    monkeypatch.delenv("XCAUDIO_EDGE_BACKOFF", raising=False)
    monkeypatch.setattr(DRM, "clock_skew_seconds", 0.0)  # edge-tts's process-wide clock fix
    caplog.set_level(logging.INFO, logger="xcaudio.engines.edge")
    return running_server


def test_a_chunk_comes_back_as_decoded_audio_with_sentence_marks(server: EdgeServer) -> None:
    speech = EdgeEngine(**QUICK).synthesize(TWO_SENTENCES, ANCHOR)

    assert (speech.engine, speech.voice, speech.sample_rate) == ("edge", ANCHOR.voice, 24000)
    assert speech.samples.dtype == np.float32 and speech.samples.ndim == 1
    assert speech.seconds == pytest.approx(speaking_seconds(TWO_SENTENCES), abs=0.1)
    spectrum = np.abs(np.fft.rfft(speech.samples))
    assert np.argmax(spectrum) / speech.seconds == pytest.approx(220, abs=2)  # the server's tone
    assert [text for _, text in speech.marks] == [FIRST, SECOND]
    assert [start for start, _ in speech.marks] == pytest.approx([0, speaking_seconds(FIRST)])
    [request] = server.stats.requests
    assert (request.text, request.voice, request.boundary) == (
        TWO_SENTENCES, YUNYANG, "SentenceBoundary")
    assert server.stats.connections == 1


def test_names_reach_the_service_as_they_are_said(server: EdgeServer) -> None:
    """Places and surnames the service would misread are sent with characters of the same
    reading; the chunk itself (and so the cache and every transcript) keeps what was printed."""
    chunk = "叶县县长单晓峰到中牟县考察，他曾经在单位工作。"
    speech = EdgeEngine(**QUICK).synthesize(chunk, ANCHOR)

    [request] = server.stats.requests
    assert request.text == "涉县县长善晓峰到中木县考察，他曾经在单位工作。"
    assert speech.seconds == pytest.approx(speaking_seconds(chunk), abs=0.1)


def test_rate_pitch_and_volume_reach_the_service_in_edge_tts_forms(server: EdgeServer) -> None:
    slower = replace(ANCHOR, rate="-20%", pitch="+5Hz", volume="+10%")
    speech = EdgeEngine(**QUICK).synthesize(TWO_SENTENCES, slower)

    [request] = server.stats.requests
    assert (request.rate, request.pitch, request.volume) == ("-20%", "+5Hz", "+10%")
    assert speech.seconds == pytest.approx(speaking_seconds(TWO_SENTENCES, "-20%"), abs=0.1)


def test_word_boundaries_give_a_mark_per_word(server: EdgeServer) -> None:
    speech = EdgeEngine(boundary="WordBoundary", **QUICK).synthesize(FIRST, ANCHOR)

    assert "".join(text for _, text in speech.marks) == FIRST.rstrip("。")
    starts = [start for start, _ in speech.marks]
    assert starts == sorted(starts) and len(set(starts)) == len(starts)
    assert server.stats.requests[0].boundary == "WordBoundary"


def test_a_403_with_a_skewed_date_corrects_the_clock(server: EdgeServer) -> None:
    """The token comes from the client's clock: edge-tts takes the server's Date and retries."""
    server.clock_offset = 3 * 3600.0
    engine = EdgeEngine(**QUICK)
    first = engine.synthesize(FIRST, ANCHOR)
    second = engine.synthesize(SECOND, ANCHOR)

    assert first.seconds > 0 and second.seconds > 0
    assert server.stats.refused == {403: 1}
    assert server.stats.connections == 3  # refused, retried; then right the first time
    assert DRM.clock_skew_seconds == pytest.approx(3 * 3600, abs=2)


def test_403s_past_edge_tts_single_retry_are_retried(
        server: EdgeServer, caplog: pytest.LogCaptureFixture) -> None:
    server.fault("forbidden", times=3)  # edge-tts retries once: two refusals, then ours
    speech = EdgeEngine(**QUICK).synthesize(FIRST, ANCHOR)

    assert speech.seconds == pytest.approx(speaking_seconds(FIRST), abs=0.1)
    assert server.stats.refused == {403: 3}
    [logged] = failures_logged(caplog)
    assert "attempt 1 of 5" in logged and "HTTP 403" in logged and "retrying" in logged


def test_429_is_retried_after_an_exponential_backoff(
        server: EdgeServer, caplog: pytest.LogCaptureFixture) -> None:
    server.fault("throttle", times=2)
    began = time.monotonic()
    speech = EdgeEngine(backoff=0.2, timeout=5.0).synthesize(FIRST, ANCHOR)
    elapsed = time.monotonic() - began

    assert speech.seconds > 0
    assert server.stats.refused == {429: 2}
    assert len(failures_logged(caplog)) == 2
    assert all("HTTP 429" in message for message in failures_logged(caplog))
    assert elapsed >= 0.5 * 0.2 + 0.5 * 0.4  # at least the smallest jittered 0.2 s, 0.4 s


def test_backoff_doubles_with_jitter_up_to_a_ceiling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XCAUDIO_EDGE_BACKOFF", raising=False)
    engine = EdgeEngine(backoff=0.5)
    for attempt, base in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (12, MAX_DELAY)]:
        delays = [engine.delay(attempt) for _ in range(50)]
        assert all(0.5 * base <= delay <= 1.5 * base for delay in delays), attempt
        assert len(set(delays)) > 1  # jittered, so throttled clients do not return together


def test_no_audio_is_retried_and_a_persistent_silence_fails(
        server: EdgeServer, caplog: pytest.LogCaptureFixture) -> None:
    server.fault("no_audio", times=1)
    assert EdgeEngine(**QUICK).synthesize(FIRST, ANCHOR).seconds > 0
    assert "without audio" in failures_logged(caplog)[0]

    server.reset()
    server.fault("no_audio")
    with pytest.raises(EngineError, match="after 3 attempt.*without audio"):
        EdgeEngine(retries=2, **QUICK).synthesize(FIRST, ANCHOR)
    assert server.stats.connections == 3
    assert "giving up" in failures_logged(caplog)[-1]


def test_a_server_that_hangs_times_out_and_is_retried(
        server: EdgeServer, caplog: pytest.LogCaptureFixture) -> None:
    server.fault("hang", times=1)
    engine = EdgeEngine(timeout=1.0, backoff=0.01)
    began = time.monotonic()
    [speech] = asyncio.run(asyncio.wait_for(engine.synthesize_many([FIRST], ANCHOR), 10))
    elapsed = time.monotonic() - began

    assert isinstance(speech, Speech)
    assert speech.seconds == pytest.approx(speaking_seconds(FIRST), abs=0.1)
    assert 1.0 <= elapsed < 4.0
    [logged] = failures_logged(caplog)
    assert "within 1 s" in logged
    assert len(server.stats.requests) == 2  # the hung request was made, then made again


def test_a_connection_dropped_mid_stream_is_not_taken_for_the_whole_chunk(
        server: EdgeServer, caplog: pytest.LogCaptureFixture) -> None:
    """edge-tts ends its stream quietly when the socket closes; the cut audio must not pass."""
    server.fault("drop", times=1)
    speech = EdgeEngine(**QUICK).synthesize(TWO_SENTENCES, ANCHOR)
    assert speech.seconds == pytest.approx(speaking_seconds(TWO_SENTENCES), abs=0.1)
    assert "closed mid-turn" in failures_logged(caplog)[0]

    server.fault("drop", times=1)
    with pytest.raises(EngineError, match="closed mid-turn"):
        EdgeEngine(retries=0, **QUICK).synthesize(TWO_SENTENCES, ANCHOR)


def test_many_chunks_in_order_with_bounded_connections(server: EdgeServer) -> None:
    server.pace = 0.05  # answers take long enough for connections to overlap
    texts = [f"第{index}条，{'新闻' * index}。" for index in range(1, 13)]
    results = asyncio.run(EdgeEngine(**QUICK).synthesize_many(texts, ANCHOR, concurrency=3))

    assert all(isinstance(result, Speech) for result in results)
    seconds = [result.seconds for result in results if isinstance(result, Speech)]
    assert seconds == pytest.approx([speaking_seconds(text) for text in texts], abs=0.1)
    assert server.stats.max_active == 3


def test_a_failed_chunk_comes_back_as_an_error_in_its_place(server: EdgeServer) -> None:
    server.fault("throttle", times=1)  # the first connection, which the first chunk takes
    texts = [FIRST, SECOND, TWO_SENTENCES]
    results = asyncio.run(EdgeEngine(retries=0, **QUICK).synthesize_many(texts, ANCHOR, 1))

    assert isinstance(results[0], EngineError) and "HTTP 429" in str(results[0])
    assert [type(result) for result in results[1:]] == [Speech, Speech]


def render_anchor(server: EdgeServer, out: Path, cache: Path, *extra: str,
                  check: bool = True) -> subprocess.CompletedProcess[str]:
    return run_xcaudio(
        "render", DATA / "two_briefs.txt", "--date", DATE, "--voice", "anchor", "--out", out,
        *extra, cache=cache, check=check,
        env={"XCAUDIO_EDGE_WSS_URL": server.url, "XCAUDIO_EDGE_BACKOFF": "0.01"},
    )


def read_manifest(out: Path) -> dict:
    return json.loads((out / DATE / "manifest.json").read_text(encoding="utf-8"))


def published_files(out: Path) -> dict[Path, bytes]:
    """What listeners see: every file but the render's lock and staging area."""
    return {path.relative_to(out): path.read_bytes() for path in out.rglob("*")
            if path.is_file() and not path.relative_to(out).parts[0].startswith(".")}


@dataclass
class AnchorDay:
    out: Path
    cache: Path
    requests: list[Request]


@pytest.fixture(scope="module")
def anchor_day(running_server: EdgeServer, tmp_path_factory: pytest.TempPathFactory) -> AnchorDay:
    """The two-brief page rendered once with the anchor voice against the healthy server."""
    running_server.reset()
    root = tmp_path_factory.mktemp("anchor-day")
    render_anchor(running_server, root / "feed", root / "cache", "--jobs", "4")
    return AnchorDay(root / "feed", root / "cache", list(running_server.stats.requests))


def test_render_with_the_anchor_voice_end_to_end(anchor_day: AnchorDay) -> None:
    manifest = read_manifest(anchor_day.out)
    assert (manifest["voice"], manifest["engine"], manifest["fallbacks"]) == ("anchor", "edge", 0)
    assert len(manifest["stories"]) == 2
    assert anchor_day.requests and {request.voice for request in anchor_day.requests} == {YUNYANG}
    seconds = len(decode(anchor_day.out / DATE / "bulletin.mp3", 16000)) / 16000
    spoken = "".join(request.text for request in anchor_day.requests)
    assert seconds >= speaking_seconds(spoken)  # every chunk, plus the pauses between them
    assert seconds == pytest.approx(manifest["bulletin"]["duration"], abs=0.2)



def test_a_rerun_of_the_day_speaks_from_the_sentence_cache(
        anchor_day: AnchorDay, server: EdgeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XCAUDIO_CACHE", str(anchor_day.cache))  # as run_xcaudio set it
    texts = load_script([DATA / "two_briefs.txt"], dt.date.fromisoformat(DATE)).chunk_texts()
    again = synthesize(texts, ANCHOR, cache=SpeechCache(default_cache_dir()), jobs=4)
    assert again.cached == len(texts) and not again.fallbacks
    assert server.stats.connections == 0


def test_when_edge_always_fails_strict_stops_and_otherwise_falls_back(
        anchor_day: AnchorDay, server: EdgeServer, tmp_path: Path) -> None:
    out = shutil.copytree(anchor_day.out, tmp_path / "feed")
    published = published_files(out)
    server.fault("throttle")

    failed = render_anchor(server, out, tmp_path / "cache", "--strict", check=False)
    assert failed.returncode != 0
    [line] = failed.stderr.strip().splitlines()
    assert line.startswith("xcaudio: error:") and "HTTP 429" in line
    assert published_files(out) == published

    refused = server.stats.refused[429]
    render_anchor(server, out, tmp_path / "cache", "--jobs", "1")  # one offline model to load
    manifest = read_manifest(out)
    assert manifest["engine"] == "edge"
    failed_chunks = (server.stats.refused[429] - refused) // 5  # five attempts each
    assert manifest["fallbacks"] == failed_chunks == len(anchor_day.requests)
