"""Shared fixtures: the real `xcaudio` command, run as a user would run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from xcaudio.publish import make_server
from xcaudio.publish.serve import FeedServer
from xcaudio.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "seeds" / "000_3c80dd779ab6423b.txt"
BENCH = ROOT.parent / "shared" / "bench"
XCAUDIO = Path(sys.executable).with_name("xcaudio")
ARTIFACTS = ROOT / "test-artifacts"
"""What tests keep for a person to look at afterwards (screenshots, figures); not in git."""
kept_artifacts: list[Path] = []


def run_xcaudio(*args: str | Path, cache: Path | None = None, check: bool = True,
                stdin: str | None = None, env: dict[str, str] | None = None,
                ) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    if cache is not None:
        environment["XCAUDIO_CACHE"] = str(cache)
    result = subprocess.run([str(XCAUDIO), *map(str, args)], capture_output=True, text=True,
                            input=stdin, env=environment, timeout=900)
    if check and result.returncode != 0:
        raise AssertionError(f"xcaudio {' '.join(map(str, args))} failed:\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def artifacts(request: pytest.FixtureRequest) -> Path:
    """A folder of `ARTIFACTS` for the requesting module, emptied for this run; the end of the
    run says where it is."""
    folder = ARTIFACTS / request.module.__name__.rpartition(".")[2]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    kept_artifacts.append(folder)
    return folder


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for folder in kept_artifacts:
        terminalreporter.write_line(f"test artefacts (screenshots, figures): {folder}")


@pytest.fixture(scope="session")
def speech_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One sentence cache for the session: tests that say the same text share the work."""
    return tmp_path_factory.mktemp("speech-cache")


def render_day(page: Path, out: Path, cache: Path, *voice: str) -> Path:
    """A short test page rendered into `out` for 2020-04-17 (with `--voice NAME` if given)."""
    run_xcaudio("render", page, "--date", "2020-04-17", "--out", out, "--jobs", "2", *voice,
                cache=cache)
    return out


@pytest.fixture(scope="session")
def two_briefs_day(tmp_path_factory: pytest.TempPathFactory, speech_cache: Path) -> Path:
    """The short two-brief page, rendered once with the offline voice: the `out` folder."""
    return render_day(DATA / "two_briefs.txt", tmp_path_factory.mktemp("two-briefs-feed"),
                      speech_cache)


@pytest.fixture(scope="session")
def kokoro_male_day(tmp_path_factory: pytest.TempPathFactory, speech_cache: Path) -> Path:
    """The same page rendered once with `--voice kokoro-male`; skipped without Kokoro."""
    from xcaudio.engines.kokoro.model import missing

    reason = missing()
    if reason is not None:
        pytest.skip(f"Kokoro is not installed: {reason}")
    out = tmp_path_factory.mktemp("two-briefs-kokoro-feed")
    return render_day(DATA / "two_briefs.txt", out, speech_cache, "--voice", "kokoro-male")


@pytest.fixture(scope="session")
def xuchang_day(tmp_path_factory: pytest.TempPathFactory, speech_cache: Path) -> Path:
    """Three short local stories (reporters to credit, a pointer to page four, a quoted list,
    a paragraph to correct), rendered once with the offline voice: the `out` folder."""
    return render_day(DATA / "xuchang_news.md", tmp_path_factory.mktemp("xuchang-feed"),
                      speech_cache)


@contextmanager
def serving(out: Path, port: int = 0) -> Iterator[FeedServer]:
    """`out` served as `xcaudio serve --out out` serves it, with the show's settings; on a port
    of its own by default, a new origin, so nothing a test before stored there (the place in
    the news, the service worker) is found."""
    server = make_server(out, "127.0.0.1", port, load_settings(out).show)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
