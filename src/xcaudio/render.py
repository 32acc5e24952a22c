"""The daily job: pages in, a published day out, with nothing half-written on the way.

The day is assembled in a staging folder inside the output folder, moved into place with
renames, and the feeds are rebuilt last. A lock file keeps two renders from interleaving.

What a render killed at any moment leaves behind (the crash tests check each point; their names
are the `fault_point` names, set XCAUDIO_FAULT_AT=NAME to stop there):
- `synthesized`, `staged`, or write:FILE for a file of the day (mid-assembly): the published
  folder as it was; a staging folder, which the next render removes.
- `merging`, `moved` (re-rendering a published day only): the new day's files are in place, each
  whole, beside the old ones the feeds still link to; feed.xml lists the old day with the old
  file sizes until it is rewritten. A new day is a single rename, so nothing is ever half there.
- `write:index.html`, `write:articles.xml`, `write:feed.xml`: the files before it are new, the
  rest old, each whole; a temporary file, which the next render removes.
- `published`: files the new day no longer has, which the next render of that day removes.
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

from xcaudio.article import Page
from xcaudio.assemble import assemble
from xcaudio.engines import VoiceSettings
from xcaudio.files import fault_point, remove_temporaries
from xcaudio.layout import read_edition
from xcaudio.manifest import MANIFEST_NAME, Day
from xcaudio.publish import PublishResult, publish
from xcaudio.publish.cover import embedded_cover, ensure_cover
from xcaudio.script import Script, build_script
from xcaudio.synthesize import SpeechCache, Synthesis, synthesize

log = logging.getLogger(__name__)

STAGING = ".staging"
LOCK_NAME = ".render.lock"
MAX_ARTICLE_CHARACTERS = 20_000
"""About 75 minutes of speech. The longest articles a paper prints (a full-page report) are
half that; an article this long is a page whose layout was not recognised, e.g. one
enormous line, and speaking it would take an hour."""


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
    """Hold the output folder for one render, refusing a second one at once; then clear what
    a killed render left (staging folders, temporary files): no one else is writing now."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = (out / LOCK_NAME).open("a+")
    except FileExistsError:
        raise RenderError(f"{out} is a file, not an output folder") from None
    except OSError as error:
        raise RenderError(f"cannot write to the output folder {out}: {error.strerror}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise RenderError(f"another render (pid {holder}) is working on {out}; "
                              f"try again when it has finished") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        shutil.rmtree(out / STAGING, ignore_errors=True)
        remove_temporaries(out)
        try:
            # The lock file may be an old one that is still writable: only making something
            # in the folder shows that the day can be written, before an hour of speaking.
            (out / STAGING).mkdir()
            (out / STAGING).rmdir()
        except OSError as error:
            raise RenderError(
                f"cannot write to the output folder {out}: {error.strerror}") from None
        yield


def move_into_place(staging: Path, target: Path) -> list[str]:
    """Put a fully written day folder in place; the names of its files come back.

    A new day is one rename. A published day is replaced file by file, each by one rename and
    the manifest last, so every file the old feeds link to stays whole and present until the
    feeds are rewritten; `prune` then removes the files the new day no longer has.
    """
    names = sorted((path.name for path in staging.iterdir()), key=lambda name: (
        name == MANIFEST_NAME, name))
    if not target.exists():
        os.replace(staging, target)
        return names
    for name in names:
        os.replace(staging / name, target / name)
        fault_point("merging")
    staging.rmdir()
    return names


def prune(folder: Path, names: list[str]) -> None:
    """Remove what a day folder holds besides `names`: the files of the day it replaced."""
    for path in folder.iterdir():
        if path.name not in names and path.is_file():
            path.unlink()


def check_length(page: Page) -> Page:
    for article in page.articles:
        characters = sum(map(len, article.body))
        if characters > MAX_ARTICLE_CHARACTERS:
            raise RenderError(
                f"{page.page}: an article of {characters:,} characters (more than "
                f"{MAX_ARTICLE_CHARACTERS:,}, over an hour of speech): the page's layout was not "
                f"recognised; is the text one enormous line?"
            )
    return page


def load_script(pages: list[Path], date: dt.date) -> Script:
    return build_script([check_length(page) for page in read_edition(pages)], date)


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
        fault_point("synthesized")
        cover = ensure_cover(out)
        staging = out / STAGING / f"{date.isoformat()}-{os.getpid()}"
        stage.start("assembling", len(script.stories) + 1)
        try:
            day = assemble(script, synthesis, voice, staging, [path.name for path in pages],
                           cover=embedded_cover(cover), jobs=jobs, clips=cache.folder / "clips",
                           advance=stage.advance)
            fault_point("staged")
            folder = out / date.isoformat()
            names = move_into_place(staging, folder)
        except OSError as error:
            raise RenderError(f"cannot write the day into {out}: {error.strerror or error}; "
                              f"the published feed is unchanged") from error
        finally:
            shutil.rmtree(out / STAGING, ignore_errors=True)
        fault_point("moved")
        published = publish(out, base_url=base_url, keep=keep)
        fault_point("published")
        prune(folder, names)
    return Rendered(day, folder, published, synthesis, time.monotonic() - began)
