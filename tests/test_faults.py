"""Nothing lost: whatever goes wrong during a render, the published feed stays whole.

Bad input, a render killed at each step (XCAUDIO_FAULT_AT, see xcaudio.render), two renders at
once, a full disk and re-renders of a published day, each checked on the files a podcast app
would fetch. Edge engines failing mid-run are covered in test_edge.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import feedparser
import pytest

from xcaudio.manifest import MANIFEST_NAME
from xcaudio.publish.webapp import SITE_NAMES
from xcaudio.render import LOCK_NAME, STAGING

from .conftest import DATA, XCAUDIO, run_xcaudio

PAGE = DATA / "two_briefs.txt"
DATE = "2020-04-17"
NEXT = "2020-04-18"
DOCUMENTS = ("feed.xml", "articles.xml", "index.html")


def hashes(out: Path) -> dict[str, str]:
    """Every file under `out` but the lock, by relative path; a manifest without its render
    time, which is the one thing that differs between two renders of the same page."""
    found = {}
    for path in sorted(out.rglob("*")):
        if not path.is_file() or path.name == LOCK_NAME:
            continue
        data = path.read_bytes()
        if path.name == MANIFEST_NAME:
            manifest = json.loads(data)
            manifest.pop("rendered_at")
            data = json.dumps(manifest, sort_keys=True).encode()
        found[path.relative_to(out).as_posix()] = hashlib.sha256(data).hexdigest()
    return found


def copy_feed(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def written(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def render(page: Path, date: str, out: Path, cache: Path, *, fault: str | None = None,
           check: bool = True) -> subprocess.CompletedProcess[str]:
    return run_xcaudio("render", page, "--date", date, "--out", out, "--jobs", "2", cache=cache,
                       check=check, env={"XCAUDIO_FAULT_AT": fault} if fault else None)


def start_xcaudio(*args: str | Path, cache: Path, env: dict[str, str] | None = None,
                  ) -> subprocess.Popen[str]:
    """`xcaudio` in the background, for runs that overlap."""
    environment = {**os.environ, "XCAUDIO_CACHE": str(cache), **(env or {})}
    return subprocess.Popen([str(XCAUDIO), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=environment)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("xcaudio: error: "), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


def local_file(out: Path, url: str) -> Path:
    return out / unquote(urlparse(url).path).lstrip("/")


def decodes(path: Path) -> bool:
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration",
                            "-of", "csv=p=0", str(path)], capture_output=True, text=True)
    return probe.returncode == 0 and float(probe.stdout) > 1


def enclosures(out: Path, name: str) -> dict[str, tuple[Path, int]]:
    """The local file of every enclosure in a feed, with its declared length, by GUID."""
    feed = feedparser.parse((out / name).read_bytes())
    assert not feed.bozo, (name, feed.get("bozo_exception"))
    assert feed.entries, name
    return {entry.guid: (local_file(out, entry.enclosures[0].href),
                         int(entry.enclosures[0].length)) for entry in feed.entries}


def assert_whole_and_consistent(out: Path, stale: frozenset[str] = frozenset()) -> None:
    """What an app or a listener could fetch: feeds that parse, a page that ends, and every
    file they link to present and playable, at the length the feed declares (except in the
    `stale` feeds: old ones that a re-rendered day's new files have overtaken)."""
    for name in ("feed.xml", "articles.xml"):
        for path, length in enclosures(out, name).values():
            assert path.is_file(), (name, path)
            assert name in stale or path.stat().st_size == length, (name, path)
            assert decodes(path), path
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.rstrip().endswith("</html>")
    assert f'id="{DATE}"' in page
    for link in set(re.findall(r'(?:href|src)="(\d{4}-\d{2}-\d{2}/[^"]+)"', page)):
        assert (out / unquote(link)).is_file(), link


@pytest.fixture
def published(two_briefs_day: Path, tmp_path: Path) -> Path:
    """A copy of the published two-brief day for one test to put through a fault."""
    return copy_feed(two_briefs_day, tmp_path / "feed")


ENORMOUS_LINE = "本报讯 " + "".join(f"许昌市第{n}个村抓好小麦田间管理，确保夏粮丰收。"
                                  for n in range(3000))
BAD_INPUTS: dict[str, Callable[[Path], list[str | Path]]] = {
    "empty file": lambda folder: [written(folder / "empty.txt", b"")],
    "binary file": lambda folder: [written(folder / "scan.txt", bytes(range(256)) * 64)],
    "directory": lambda folder: [folder],
    "missing file": lambda folder: [folder / "missing.txt"],
    "no articles": lambda folder: [written(folder / "slogan.txt", "坚持就是胜利\n")],
    # 70,000 characters (210 kB) on one line: over an hour of speech as one article
    "enormous line": lambda folder: [written(folder / "line.txt", ENORMOUS_LINE[:70_000])],
    "unknown voice": lambda folder: [PAGE, "--voice", "nobody"],
    "impossible date": lambda folder: [PAGE, "--date", "2020-13-45"],
    "word for a date": lambda folder: [PAGE, "--date", "yesterday"],
    "output under a file": lambda folder: [PAGE, "--out", folder / "a-file" / "feed"],
    "output is a file": lambda folder: [PAGE, "--out", folder / "a-file"],
}


@dataclass(frozen=True)
class BadRun:
    result: subprocess.CompletedProcess[str]
    before: dict[str, str]
    out: Path
    folder: Path


@pytest.fixture(scope="module")
def bad_runs(two_briefs_day: Path, speech_cache: Path,
             tmp_path_factory: pytest.TempPathFactory) -> dict[str, BadRun]:
    """Every bad input over its own copy of the published day, all at once: each run spends a
    second starting up, so in parallel they take the time of a few."""
    started = {}
    for case, arguments in BAD_INPUTS.items():
        folder = tmp_path_factory.mktemp("bad")
        out = copy_feed(two_briefs_day, folder / "feed")
        written(folder / "a-file", "not a folder\n")
        command = ["render", "--date", NEXT, "--out", out, *arguments(folder)]
        started[case] = (folder, out, hashes(out), command,
                         start_xcaudio(*command, cache=speech_cache))
    runs = {}
    for case, (folder, out, before, command, process) in started.items():
        stdout, stderr = process.communicate(timeout=120)
        result = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
        runs[case] = BadRun(result, before, out, folder)
    return runs


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_one_line_and_the_feed_is_unchanged(
    case: str, bad_runs: dict[str, BadRun]
) -> None:
    run = bad_runs[case]
    message = one_line_error(run.result)
    if case == "enormous line":
        assert "enormous line" in message, message  # refused, not an hour of synthesis
    assert hashes(run.out) == run.before
    assert (run.folder / "a-file").read_text() == "not a folder\n"


UNPRIVILEGED = ["setpriv", "--inh-caps=-all",
                "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
"""Root without the capabilities that let it write where a folder's mode forbids it: the kernel
then holds it to the mode bits like any user. (Switching to `nobody` is no way here: the
interpreter lives under root's 0700 home.)"""


def unprivileged(*command: str | Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """`command` as a user who cannot override file modes (as is, when not run as root)."""
    prefix = UNPRIVILEGED if os.geteuid() == 0 else []
    return subprocess.run([*prefix, *map(str, command)], capture_output=True, text=True,
                          env={**os.environ, "XCAUDIO_CACHE": str(cache)}, timeout=300)


def cached_files(cache: Path) -> set[Path]:
    return {path for path in cache.rglob("*") if path.is_file()}


def test_a_read_only_output_folder_is_one_line_and_nothing_is_spoken(
    published: Path, speech_cache: Path
) -> None:
    """Refused before speaking: the next day's opening is new, so a render that went on to
    speak would add to the cache."""
    before, spoken = hashes(published), cached_files(speech_cache)
    published.chmod(0o555)
    try:
        probe = unprivileged("touch", published / "probe", cache=speech_cache)
        result = unprivileged(XCAUDIO, "render", PAGE, "--date", NEXT, "--out", published,
                              "--jobs", "2", cache=speech_cache)
    finally:
        published.chmod(0o755)
    assert probe.returncode != 0, "the folder was writable: this test would prove nothing"
    assert "cannot write to the output folder" in one_line_error(result)
    assert hashes(published) == before
    assert cached_files(speech_cache) == spoken


@dataclass(frozen=True)
class States:
    """The published folder before a render of the changed page and after one that finished,
    for the same day and for the next; with the same day's folder, which tests only read."""

    old: dict[str, str]
    same_day: dict[str, str]
    next_day: dict[str, str]
    same_day_folder: Path


@pytest.fixture(scope="module")
def changed_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page as the desk corrects it: one title and its sentence changed, one brief added."""
    text = PAGE.read_text(encoding="utf-8")
    text = text.replace("军队支援湖北医疗队圆满完成任务回撤", "军队支援湖北医疗队完成任务返回驻地")
    text = text.replace("回撤。", "返回驻地。")
    text += ("\n本报讯（记者 王芳）4 月 16 日，许\n昌市召开春季农业生产工作会议，要\n"
             "求各地抓好小麦田间管理，确保夏粮\n丰收。\n\n许昌市部署春季农业生产\n")
    return written(tmp_path_factory.mktemp("changed") / "changed.txt", text)


@pytest.fixture(scope="module")
def states(two_briefs_day: Path, changed_page: Path, speech_cache: Path,
           tmp_path_factory: pytest.TempPathFactory) -> States:
    """Renders of the changed page that ran to the end, over a copy of the published day: the
    state every interrupted render must come back to (and its sentences, now in the cache)."""
    same = copy_feed(two_briefs_day, tmp_path_factory.mktemp("same") / "feed")
    render(changed_page, DATE, same, speech_cache)
    following = copy_feed(two_briefs_day, tmp_path_factory.mktemp("next") / "feed")
    render(changed_page, NEXT, following, speech_cache)
    return States(hashes(two_briefs_day), hashes(same), hashes(following), same)


AFTER_THE_MOVE = ("merging", "moved", "write:index.html", "write:articles.xml", "write:feed.xml")
"""Points where a re-rendered day's files are new but feed.xml or articles.xml may be old: their
file sizes are those of the day they replaced. Unavoidable while the file names stay the same;
a podcast app takes the size from the file it downloads."""


@pytest.mark.parametrize(("date", "point"), [
    (DATE, "synthesized"),
    (DATE, "write:bulletin.chapters.json"),  # halfway through assembling the day
    (DATE, "merging"),  # the first of the day's files moved in
    (DATE, "moved"),
    (DATE, "write:articles.xml"),  # index.html written
    (DATE, "write:feed.xml"),  # articles.xml written too
    (DATE, "published"),  # all written, the old day's files not yet removed
    (NEXT, "moved"),
    (NEXT, "write:feed.xml"),
])
def test_a_render_killed_at_any_step_leaves_a_whole_feed(
    date: str, point: str, published: Path, changed_page: Path, states: States,
    speech_cache: Path,
) -> None:
    new = states.same_day if date == DATE else states.next_day
    killed = render(changed_page, date, published, speech_cache, fault=point, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr  # the fault point was reached
    after = hashes(published)
    for name, digest in after.items():
        if not name.startswith(f"{STAGING}/") and not name.endswith(".tmp"):
            assert digest in (states.old.get(name), new.get(name)), f"{name} is not whole"
    for name in DOCUMENTS:
        assert after[name] in (states.old[name], new[name]), name
    stale = frozenset(name for name in ("feed.xml", "articles.xml")
                      if date == DATE and point in AFTER_THE_MOVE
                      and after[name] == states.old[name])
    assert_whole_and_consistent(published, stale)
    render(changed_page, date, published, speech_cache)
    assert hashes(published) == new  # staging, temporaries and the old day's files gone


def test_a_second_render_refuses_while_the_first_completes(
    published: Path, changed_page: Path, states: States, speech_cache: Path
) -> None:
    first = start_xcaudio("render", changed_page, "--date", NEXT, "--out", published,
                          cache=speech_cache, env={"XCAUDIO_FAULT_AT": "synthesized",
                                                   "XCAUDIO_FAULT_SIGNAL": "STOP"})
    try:
        _, status = os.waitpid(first.pid, os.WUNTRACED)
        assert os.WIFSTOPPED(status), "the first render never took the lock"
        second = render(PAGE, DATE, published, speech_cache, check=False)
        assert f"another render (pid {first.pid})" in one_line_error(second)
        assert hashes(published) == states.old
    finally:
        first.send_signal(signal.SIGCONT)
        first.communicate(timeout=60)
    assert first.returncode == 0
    assert hashes(published) == states.next_day
    assert_whole_and_consistent(published)


def test_rerendering_a_day_keeps_its_guids_and_no_old_files(
    two_briefs_day: Path, published: Path, states: States, speech_cache: Path
) -> None:
    guids = {name: list(enclosures(two_briefs_day, name)) for name in ("feed.xml", "articles.xml")}
    render(PAGE, DATE, published, speech_cache)
    assert {name: list(enclosures(published, name)) for name in guids} == guids
    assert hashes(published) == states.old
    # the corrected page: the bulletin and the unchanged story keep their GUIDs; the retitled
    # story's old files are gone, and nothing else is left in the output folder
    corrected = states.same_day_folder
    assert_whole_and_consistent(corrected)
    assert list(enclosures(corrected, "feed.xml")) == guids["feed.xml"]
    assert list(enclosures(corrected, "articles.xml"))[0] == guids["articles.xml"][0]
    manifest = json.loads((corrected / DATE / MANIFEST_NAME).read_text(encoding="utf-8"))
    listed = {manifest["bulletin"]["file"], manifest["bulletin"]["transcript"],
              manifest["chapters"], MANIFEST_NAME}
    for story in manifest["stories"]:
        listed |= {story["audio"]["file"], story["audio"]["transcript"]}
    assert len(manifest["stories"]) == 3
    assert {path.name for path in (corrected / DATE).iterdir()} == listed
    assert {path.name for path in corrected.iterdir()} == {
        LOCK_NAME, "show.toml", "cover.png", *DOCUMENTS, *SITE_NAMES, DATE}


@pytest.fixture
def small_disk(tmp_path: Path, two_briefs_day: Path) -> Iterator[Path]:
    """A tmpfs with room for the published day and its feeds, but not for another day."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    used = sum(path.stat().st_size for path in two_briefs_day.rglob("*") if path.is_file())
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={used + 256 * 1024}", "tmpfs",
                              str(mount)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.strip()}")
    try:
        yield copy_feed(two_briefs_day, mount / "feed")
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_full_or_read_only_disk_is_one_line_and_the_old_feed_stays(
    small_disk: Path, changed_page: Path, states: States, speech_cache: Path
) -> None:
    result = render(changed_page, NEXT, small_disk, speech_cache, check=False)
    assert "No space left on device" in one_line_error(result)
    assert hashes(small_disk) == states.old  # and no staging folder filling the disk
    assert_whole_and_consistent(small_disk)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk.parent)], check=True)
    result = render(changed_page, NEXT, small_disk, speech_cache, check=False)
    assert "Read-only file system" in one_line_error(result)
    assert hashes(small_disk) == states.old
