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
- `write:FILE` for the page's own files (icons, `listen.css`, `player.js`, `sw.js`,
  `app.webmanifest`, written only when they change), `write:index.html`, `write:articles.xml`,
  `write:feed.xml`: the files before it are new, the rest old, each whole; a temporary file,
  which the next render removes. An old page given a new script or style meanwhile still works
  as a page of links.
- `published`: files the new day no longer has, which the next render of that day removes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import logging
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from xcaudio.article import Page
from xcaudio.assemble import Credits, Voicing, assemble
from xcaudio.engines import VoiceSettings
from xcaudio.files import fault_point, remove_temporaries
from xcaudio.layout import read_edition
from xcaudio.layout.sources import is_pdf
from xcaudio.manifest import MANIFEST_NAME, Day
from xcaudio.publish import PublishResult, publish
from xcaudio.publish.cover import COVER_NAME, embedded_cover, update_cover
from xcaudio.script import Script, build_script
from xcaudio.settings import Settings, Wording, create_settings
from xcaudio.synthesize import SpeechCache, synthesize

log = logging.getLogger(__name__)

COVERS = "covers"
"""In the cache: the cover's thumbnail for the MP3s' tags, made once per cover."""
STAGING = ".staging"
LOCK_NAME = ".render.lock"
MEGABYTE = 1_000_000
DATE_IN_NAME = re.compile(r"(?<!\d)(20\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?!\d)")
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
    voicing: Voicing
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


def name_order(path: Path) -> list[str | int]:
    """A01 < A2 < A10: the numbers in a name compared as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name)]


def edition_files(paths: list[Path]) -> list[Path]:
    """PAGE arguments as files: a folder stands for the page PDFs in it, in page order (the
    daily job renders the folder the desk fills each morning)."""
    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        pdfs = sorted((item for item in path.iterdir()
                       if item.is_file() and not item.name.startswith(".")
                       and is_pdf(item.read_bytes()[:1024])), key=name_order)
        if not pdfs:
            raise RenderError(f"{path}: no page PDFs in this folder; nothing to publish")
        files += pdfs
    return files


def date_in_names(paths: list[Path]) -> dt.date | None:
    """The paper's date, when the page files are named with it (2020-04-17_A01.pdf,
    20200417-01.pdf); None when none is; an error when they name different days."""
    found: set[dt.date] = set()
    for path in paths:
        for match in DATE_IN_NAME.finditer(path.name):
            with contextlib.suppress(ValueError):
                found.add(dt.date(*map(int, match.groups())))
    if len(found) > 1:
        raise RenderError("the page files are of different days: "
                          + ", ".join(sorted(map(str, found))))
    return found.pop() if found else None


def edition_date(paths: list[Path], asked: dt.date | None) -> dt.date:
    """`asked` (--date), else the date the files are named with, else today; the files may
    not be named with another day than the one asked for (yesterday's pages left in the
    folder must not be published as today's)."""
    named = date_in_names(paths)
    if asked and named and asked != named:
        raise RenderError(f"the page files are of {named}, not {asked}: are they today's?")
    return asked or named or dt.date.today()


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


def load_script(pages: list[Path], date: dt.date, wording: Wording | None = None) -> Script:
    return build_script([check_length(page) for page in read_edition(pages)], date, wording)


def speak(script: Script, voice: VoiceSettings, *, cache: SpeechCache, jobs: int, strict: bool,
          stage: Stage) -> Voicing:
    """Every chunk said by whom the voice says: its presenter (if it names one) the presented
    sentences, the voice itself the rest."""
    roles = [False, True] if voice.presenter else [None]
    texts = [script.chunk_texts(role) for role in roles]
    log.info("%d stories, %d chunks to speak", len(script.stories), sum(map(len, texts)))
    stage.start("speaking", sum(map(len, texts)))
    spoken = []
    for role, said in zip(roles, texts, strict=True):
        speaker = voice.speaker(bool(role))
        spoken.append(synthesize(said, speaker, cache=cache, jobs=jobs, strict=strict,
                                 advance=stage.advance))
        log.info("%s spoke %d chunks (%d from cache, %d fell back to offline)", speaker.name,
                 len(said), spoken[-1].cached, len(spoken[-1].fallbacks))
    return Voicing(read=spoken[0], presented=spoken[-1])


def render(
    pages: list[Path],
    date: dt.date,
    voice: VoiceSettings,
    out: Path,
    *,
    settings: Settings,
    cache: SpeechCache,
    jobs: int = 1,
    strict: bool = False,
    base_url: str | None = None,
    keep: int | None = None,
    stage: Stage | None = None,
) -> Rendered:
    """Render the day. `base_url` and `keep` override the settings for this run; a show whose
    settings are commercial never falls back to the (non-commercial) offline voice."""
    stage = stage or Stage()
    began = time.monotonic()
    script = load_script(pages, date, settings.wording)
    with render_lock(out):
        voicing = speak(script, voice, cache=cache, jobs=jobs,
                        strict=strict or settings.commercial, stage=stage)
        fault_point("synthesized")
        if settings.path is None:  # the show is created by its first render
            settings = create_settings(out)
        show = replace(settings.show, base_url=base_url or settings.show.base_url,
                       days_kept=keep or settings.show.days_kept)
        update_cover(out, show.cover)
        staging = out / STAGING / f"{date.isoformat()}-{os.getpid()}"
        stage.start("assembling", len(script.stories) + 1)
        try:
            day = assemble(script, voicing, staging, [path.name for path in pages],
                           Credits(show.title, show.author, voice),
                           cover=embedded_cover(out / COVER_NAME, cache.folder / COVERS), jobs=jobs,
                           clips=cache.folder / "clips", advance=stage.advance)
            fault_point("staged")
            folder = out / date.isoformat()
            names = move_into_place(staging, folder)
        except OSError as error:
            raise RenderError(f"cannot write the day into {out}: {error.strerror or error}; "
                              f"the published feed is unchanged") from error
        finally:
            shutil.rmtree(out / STAGING, ignore_errors=True)
        fault_point("moved")
        published = publish(out, show)
        fault_point("published")
        prune(folder, names)
    trimmed = cache.trim(settings.cache_limit_mb * MEGABYTE)
    log.info("cache: %d entries removed (%.0f MB), %.0f MB kept", trimmed.removed,
             trimmed.freed / MEGABYTE, trimmed.kept / MEGABYTE)
    return Rendered(day, folder, published, voicing, time.monotonic() - began)
