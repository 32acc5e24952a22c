"""Stitch spoken chunks into the day's files: one MP3 per story and the bulletin.

Pauses come from the script's structure and the voice preset; sentence timings come from the
real sample positions, so transcripts (WebVTT) and chapters (ID3 CHAP/CTOC and Podcasting 2.0
JSON) land exactly where the audio is. Everything is written into `folder`, which the render
stage then moves into place as a whole.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from mutagen import MutagenError
from mutagen.id3 import APIC, CHAP, CTOC, ID3, TALB, TCON, TDRC, TIT2, TPE1, CTOCFlags

from xcaudio.audio import ENCODER_DELAY, AudioError, Clip, combined_loudness, encode_clip
from xcaudio.engines import Speech, VoiceSettings
from xcaudio.files import write_atomic, write_json_atomic
from xcaudio.manifest import MANIFEST_NAME, AudioFile, Cue, Day, Loudness, Story
from xcaudio.script import PauseKind, Script, Section, Sentence
from xcaudio.synthesize import SAMPLE_RATE, Synthesis

SHOW_TITLE = "许昌日报有声版"
PUBLISHER = "许昌日报社"
JOIN_PAUSE = 0.06
BREATH = 0.5
PIECE_ENDS = frozenset({"paragraph", "headline", "story"})
"""Pauses after which a story's audio is cut into its separately encoded pieces."""
"""Seconds of silence a file or piece keeps after its last word."""
CHAPTERS_VERSION = "1.2.0"


@dataclass
class Track:
    """Samples of one file being built, with a cue per sentence and a mark per section."""

    parts: list[np.ndarray] = field(default_factory=list)
    length: int = 0
    cues: list[Cue] = field(default_factory=list)
    marks: list[tuple[float, Section]] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return self.length / SAMPLE_RATE

    def add(self, samples: np.ndarray) -> None:
        self.parts.append(samples.astype(np.float32, copy=False))
        self.length += len(samples)

    def samples(self) -> np.ndarray:
        return np.concatenate(self.parts) if self.parts else np.zeros(0, np.float32)


def pause_seconds(kind: PauseKind, voice: VoiceSettings) -> float:
    return JOIN_PAUSE if kind == "join" else getattr(voice.pauses, kind)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(round(seconds * SAMPLE_RATE), np.float32)


def speak_sentences(track: Track, sentences: list[Sentence], synthesis: Synthesis,
                    voice: VoiceSettings) -> None:
    for sentence in sentences:
        start = track.seconds
        speeches: list[Speech] = []
        for chunk in sentence.chunks:
            speech = synthesis.speeches[chunk.spoken]
            speeches.append(speech)
            track.add(speech.samples)
            end = track.seconds
            track.add(silence(pause_seconds(chunk.pause, voice)))
        fellback = any(speech.engine != voice.engine for speech in speeches)
        spoken_by = speeches[0]
        track.cues.append(Cue(start, end, sentence.printed, spoken_by.engine,
                              spoken_by.voice if not fellback else f"{spoken_by.voice} (fallback)"))


def trim_trailing_pause(track: Track) -> None:
    """A file ends where its last word ends, plus a short breath."""
    if not track.cues:
        return
    keep = round((track.cues[-1].end + BREATH) * SAMPLE_RATE)
    samples = track.samples()[:keep]
    track.parts, track.length = [samples], len(samples)


def build_story(section: Section, synthesis: Synthesis,
                voice: VoiceSettings) -> list[Track]:
    """A story's own audio, its headline and body, one track per paragraph: each is encoded
    and leveled on its own, so a corrected paragraph is all a re-render encodes again. The
    bulletin plays the very same pieces."""
    groups: list[list[Sentence]] = [[]]
    for sentence in section.sentences:
        groups[-1].append(sentence)
        if sentence.chunks[-1].pause in PIECE_ENDS:
            groups.append([])
    tracks = []
    for group in filter(None, groups):
        track = Track()
        speak_sentences(track, group, synthesis, voice)
        tracks.append(track)
    trim_trailing_pause(tracks[-1])
    return tracks


def build_intro(section: Section, synthesis: Synthesis, voice: VoiceSettings,
                first: bool) -> Track:
    """What the bulletin says before a section's own audio: the pause between stories, and the
    lead-in (下面请听：); for the opening and the closing, the whole section."""
    track = Track()
    if not first:
        track.add(silence(max(voice.pauses.story - BREATH, 0.0)))
    sentences = section.lead_in if section.article else section.lead_in + section.sentences
    speak_sentences(track, sentences, synthesis, voice)
    trim_trailing_pause(track)
    return track


@dataclass
class Part:
    """An encoded piece of a file, with its cues as they fall in the decoded piece."""

    clip: Clip
    cues: list[Cue]


def encode_track(track: Track, clips: Path | None) -> Part:
    clip = encode_clip(track.samples(), SAMPLE_RATE, clips)
    return Part(clip, [replace(cue, start=cue.start + ENCODER_DELAY, end=cue.end + ENCODER_DELAY)
                       for cue in track.cues])


def loudness_of(parts: list[Part]) -> Loudness:
    return combined_loudness([(part.clip.seconds, part.clip.loudness) for part in parts])


@dataclass
class Joined:
    """Parts played one after another: the bytes, the cues, and where each part starts."""

    data: bytes
    cues: list[Cue]
    starts: list[float]
    seconds: float


def join(parts: list[Part]) -> Joined:
    """MP3 frames joined by bytes: each part was encoded alone, so no frame refers back into
    another part, and no audio is encoded twice."""
    cues: list[Cue] = []
    starts: list[float] = []
    offset = 0.0
    for part in parts:
        starts.append(offset)
        cues += [replace(cue, start=cue.start + offset, end=cue.end + offset) for cue in part.cues]
        offset += part.clip.seconds
    return Joined(b"".join(part.clip.data for part in parts), cues, starts, offset)


def vtt_time(seconds: float) -> str:
    milliseconds = round(seconds * 1000)
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def webvtt(cues: list[Cue]) -> str:
    blocks = [f"{vtt_time(cue.start)} --> {vtt_time(cue.end)}\n{cue.text}" for cue in cues]
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


def slug(text: str) -> str:
    ascii_slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return ascii_slug[:48].rstrip("-") or "story"


class InOrderID3(ID3):
    """ID3 tags written in the order they were added.

    mutagen sorts frames by size; players that ignore the CTOC (ffmpeg's among them) list
    chapters in file order, so the CHAP frames must follow the story order.
    """

    def _write(self, config) -> bytearray:
        from mutagen.id3._tags import save_frame

        return bytearray().join(save_frame(frame, config=config) for frame in self.values())


def tag_mp3(path: Path, title: str, date: dt.date, cover: bytes | None,
            chapters: list[tuple[float, float, str]] = ()) -> None:
    """ID3v2.3: title, artist, album, date, cover art, and CTOC + CHAP per chapter."""
    tags = InOrderID3()
    tags.add(TIT2(encoding=3, text=title))
    tags.add(TPE1(encoding=3, text=PUBLISHER))
    tags.add(TALB(encoding=3, text=SHOW_TITLE))
    tags.add(TCON(encoding=3, text="Podcast"))
    tags.add(TDRC(encoding=3, text=date.isoformat()))
    if chapters:
        ids = [f"chp{number}" for number in range(len(chapters))]
        tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                      child_element_ids=ids, sub_frames=[TIT2(encoding=3, text=title)]))
        for element_id, (start, end, name) in zip(ids, chapters, strict=True):
            tags.add(CHAP(element_id=element_id, start_time=round(start * 1000),
                          end_time=round(end * 1000),
                          sub_frames=[TIT2(encoding=3, text=name)]))
    if cover:
        tags.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="cover", data=cover))
    try:
        tags.save(str(path), v2_version=3)
    except MutagenError as error:
        raise AudioError(f"cannot tag {path.name}: {error}") from None


def write_audio(joined: Joined, loudness: Loudness, path: Path, title: str, date: dt.date,
                cover: bytes | None, chapters: list[tuple[float, float, str]] = ()) -> AudioFile:
    """The MP3 with its tags and its transcript."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(joined.data)
    tag_mp3(path, title, date, cover, chapters)
    transcript = path.with_suffix(".vtt")
    write_atomic(transcript, webvtt(joined.cues))
    return AudioFile(file=path.name, bytes=path.stat().st_size,
                     duration=round(joined.seconds, 3), loudness=loudness,
                     transcript=transcript.name)


def day_title(date: dt.date) -> str:
    weekday = "一二三四五六日"[date.weekday()]
    return f"{SHOW_TITLE} {date.year}年{date.month}月{date.day}日 星期{weekday}"


def assemble(script: Script, synthesis: Synthesis, voice: VoiceSettings, folder: Path,
             sources: list[str], cover: bytes | None = None, jobs: int = 1,
             clips: Path | None = None, advance=lambda count: None) -> Day:
    """Write the day's MP3s, transcripts, chapters and manifest into `folder`.

    Every piece is encoded once (in `jobs` threads: ffmpeg does the work), loudness-normalized
    on its own, and kept in `clips` so a re-render re-encodes only what changed. Each story's
    file is its pieces joined; the bulletin joins them all, and its loudness follows from theirs.
    """
    date = script.date
    title = day_title(date)
    with ThreadPoolExecutor(max(1, jobs)) as pool:

        def encode(track: Track) -> Future[Part]:
            return pool.submit(encode_track, track, clips)

        intros = [build_intro(section, synthesis, voice, first=index == 0)
                  for index, section in enumerate(script.sections)]
        said = {id(section): encode(intro) for section, intro in
                zip(script.sections, intros, strict=True) if intro.cues}
        bodies = {}
        for section in script.stories:
            pieces = [encode(track) for track in build_story(section, synthesis, voice)]
            pieces[-1].add_done_callback(lambda _: advance(1))
            bodies[id(section)] = pieces
        sections = [
            ([said[id(section)].result()] if id(section) in said else [])
            + [piece.result() for piece in bodies.get(id(section), [])]
            for section in script.sections
        ]
    parts = [part for section_parts in sections for part in section_parts]
    bulletin = join(parts)
    first_parts = itertools.accumulate([len(pieces) for pieces in sections[:-1]], initial=0)
    section_starts = [bulletin.starts[index] for index in first_parts]
    ends = section_starts[1:] + [bulletin.seconds]
    chapters = [(start, end, section.title)
                for start, end, section in zip(section_starts, ends, script.sections, strict=True)]
    bulletin_file = write_audio(bulletin, loudness_of(parts), folder / "bulletin.mp3", title,
                                date, cover, chapters)
    advance(1)
    chapters_name = "bulletin.chapters.json"
    write_json_atomic(folder / chapters_name, {
        "version": CHAPTERS_VERSION,
        "chapters": [{"startTime": round(start, 3), "endTime": round(end, 3), "title": name}
                     for start, end, name in chapters],
    })
    spans = {id(section): (start, end)
             for section, (start, end, _) in zip(script.sections, chapters, strict=True)}
    stories = []
    for number, section in enumerate(script.stories, start=1):
        body = [piece.result() for piece in bodies[id(section)]]
        name = f"{number:02d}-{slug(section.id)}.mp3"
        audio = write_audio(join(body), loudness_of(body), folder / name, section.title, date,
                            cover)
        start, end = spans[id(section)]
        stories.append(Story(
            id=section.id, number=number, kind=section.article.kind, title=section.title,
            kicker=section.article.kicker, subtitle=section.article.subtitle,
            byline=section.article.byline, paragraphs=list(section.article.body), audio=audio,
            bulletin_start=round(start, 3), bulletin_end=round(end, 3),
        ))
    day = Day(
        date=date.isoformat(), title=title, sources=sources, voice=voice.name,
        engine=voice.engine, bulletin=bulletin_file, chapters=chapters_name, stories=stories,
        cues=bulletin.cues, fallbacks=len(synthesis.fallbacks),
        rendered_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    write_json_atomic(folder / MANIFEST_NAME, day.to_dict())
    return day
