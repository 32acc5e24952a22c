"""The daily job: pages in, a published day out, with nothing half-written on the way.

The day is assembled in a staging folder inside the output folder, moved into place with
renames, and the feeds are rebuilt last. A lock file keeps two renders from interleaving.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from xcaudio.assemble import assemble
from xcaudio.engines import VoiceSettings
from xcaudio.layout import read_page
from xcaudio.manifest import Day
from xcaudio.publish import PublishResult, publish
from xcaudio.publish.cover import embedded_cover, ensure_cover
from xcaudio.script import Script, build_script
from xcaudio.synthesize import SpeechCache, Synthesis, synthesize

log = logging.getLogger(__name__)

STAGING = ".staging"
LOCK_NAME = ".render.lock"


class RenderError(RuntimeError):
    """The render could not finish; the published feed is as it was."""


@dataclass
class Rendered:
    day: Day
    folder: Path
    published: PublishResult
    synthesis: Synthesis
    seconds: float


@dataclass
class Stage:
    """Progress reporting: the CLI shows a bar, tests pass nothing."""

    start: Callable[[str, int], None] = lambda description, total: None
    advance: Callable[[int], None] = lambda count: None


@contextmanager
def render_lock(out: Path) -> Iterator[None]:
    out.mkdir(parents=True, exist_ok=True)
    with (out / LOCK_NAME).open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RenderError(f"another render is running on {out} (lock {LOCK_NAME})") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield


def move_into_place(staging: Path, target: Path) -> None:
    """Swap a fully written day folder in for the old one with two renames."""
    retired = staging.parent / f"retired-{target.name}-{os.getpid()}"
    if target.exists():
        os.replace(target, retired)
    os.replace(staging, target)
    shutil.rmtree(retired, ignore_errors=True)


def load_script(pages: list[Path], date: dt.date) -> Script:
    return build_script([read_page(path) for path in pages], date)


def render(
    pages: list[Path],
    date: dt.date,
    voice: VoiceSettings,
    out: Path,
    *,
    cache: SpeechCache,
    jobs: int = 1,
    strict: bool = False,
    base_url: str = "http://127.0.0.1:8000/",
    keep: int = 30,
    stage: Stage | None = None,
) -> Rendered:
    stage = stage or Stage()
    began = time.monotonic()
    script = load_script(pages, date)
    texts = script.chunk_texts()
    log.info("%d stories, %d chunks to speak", len(script.stories), len(texts))
    with render_lock(out):
        stage.start("speaking", len(texts))
        synthesis = synthesize(texts, voice, cache=cache, jobs=jobs, strict=strict,
                               advance=stage.advance)
        log.info("spoke %d chunks (%d from cache, %d fell back to offline)",
                 len(texts), synthesis.cached, len(synthesis.fallbacks))
        cover = ensure_cover(out)
        staging_root = out / STAGING
        staging = staging_root / f"{date.isoformat()}-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        stage.start("assembling", len(script.stories) + 1)
        day = assemble(script, synthesis, voice, staging, [path.name for path in pages],
                       cover=embedded_cover(cover), jobs=jobs, clips=cache.folder / "clips",
                       advance=stage.advance)
        folder = out / date.isoformat()
        move_into_place(staging, folder)
        published = publish(out, base_url=base_url, keep=keep)
    return Rendered(day, folder, published, synthesis, time.monotonic() - began)
