"""A correction re-speaks and re-encodes only the paragraph that changed.

The desk corrects one word in the second paragraph of the first story of a published day and
renders it again. Counted from outside: the chunks added to the speech cache, the pieces added
to the clip cache, and ffmpeg's MP3 encodes (through a wrapper on PATH that logs each call and
runs the real ffmpeg). The new files must be the old ones with that paragraph's frames, and
only those, replaced.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from xcaudio.audio import ENCODE_ATTEMPTS
from xcaudio.synthesize import SPEECH_SUFFIX
from xcaudio.voices import resolve_voice

from .conftest import DATA, run_xcaudio
from .listening import BYTES_PER_SECOND, SECONDS_PER_SYLLABLE, mp3_frames, story_files

DAY = "2020-04-17"
WRONG, RIGHT = "晚上十点结束", "晚上十一点结束"
CORRECTED_SYLLABLES = 17 + 10 + 7
"""Paragraph 2 of story 1 as corrected, one sentence short enough for one chunk:
新开通的公交线路经过多个社区和学校，每天早上六点开始运行，晚上十一点结束。"""


def spoken_chunks(cache: Path) -> set[Path]:
    """The speech cache's entries: one file per chunk spoken."""
    return set(cache.rglob(f"*{SPEECH_SUFFIX}"))


def encoded_pieces(cache: Path) -> set[Path]:
    return set(cache.rglob("clips/**/*.mp3"))


def logging_ffmpeg(folder: Path) -> tuple[Path, Path]:
    """A folder holding an `ffmpeg` that logs its arguments and runs the real one."""
    real = shutil.which("ffmpeg")
    assert real
    folder.mkdir()
    log = folder / "calls.log"
    wrapper = folder / "ffmpeg"
    wrapper.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\nexec "{real}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    return folder, log


def replaced(old: bytes, new: bytes, piece: bytes) -> tuple[bytes, bytes]:
    """`new` must be `old` with one run of frames replaced by `piece`: the run it replaced, and
    what is around it, unchanged."""
    at = new.find(piece)
    assert at >= 0, "the newly encoded piece is not in the file"
    head, tail = new[:at], new[at + len(piece):]
    assert old.startswith(head) and old.endswith(tail), "frames outside the piece changed"
    return head, old[len(head):len(old) - len(tail)]


def test_a_corrected_paragraph_is_all_that_is_spoken_and_encoded_again(
    xuchang_day: Path, speech_cache: Path, tmp_path: Path
) -> None:
    text = (DATA / "xuchang_news.md").read_text(encoding="utf-8")
    assert text.count(WRONG) == 1
    page = tmp_path / "xuchang_news.md"
    page.write_text(text.replace(WRONG, RIGHT), encoding="utf-8")
    out = shutil.copytree(xuchang_day, tmp_path / "feed")
    old_story, old_bulletin = (mp3_frames(story_files(out / DAY)[0]),
                               mp3_frames(out / DAY / "bulletin.mp3"))
    spoken, encoded = spoken_chunks(speech_cache), encoded_pieces(speech_cache)
    wrapper, log = logging_ffmpeg(tmp_path / "bin")

    run_xcaudio("render", page, "--date", DAY, "--out", out, "--jobs", "2", cache=speech_cache,
                env={"PATH": f"{wrapper}:{os.environ['PATH']}"})

    new_chunks = spoken_chunks(speech_cache) - spoken
    new_pieces = encoded_pieces(speech_cache) - encoded
    exports = [line for line in log.read_text().splitlines() if "-f mp3" in line]
    assert len(new_chunks) == 1, f"{len(new_chunks)} chunks spoken, not the one corrected"
    assert len(new_pieces) == 1, f"{len(new_pieces)} pieces encoded, not the one paragraph"
    assert 1 <= len(exports) <= ENCODE_ATTEMPTS, f"{len(exports)} MP3 encodes for one piece"

    piece = new_pieces.pop().read_bytes()
    paragraph = (CORRECTED_SYLLABLES * SECONDS_PER_SYLLABLE
                 + resolve_voice("offline").pauses.paragraph)
    seconds = len(piece) / BYTES_PER_SECOND
    assert abs(seconds / paragraph - 1) < 0.1, f"a piece of {seconds:.1f} s, not the paragraph"
    head, old_piece = replaced(old_story, mp3_frames(story_files(out / DAY)[0]), piece)
    assert len(head) > 0 and len(old_piece) > 0
    assert replaced(old_bulletin, mp3_frames(out / DAY / "bulletin.mp3"), piece)[1] == old_piece
