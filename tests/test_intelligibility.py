"""Intelligibility scoring: character and toneless-syllable error rates, and Whisper-base itself.

The judge (faster-whisper and the two Whisper-base wheels) is part of the `test` extra, so
these tests run in `make test`: a missing judge is a failure, not a skip.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from xcaudio.intelligibility import (
    HALVES,
    PARTS,
    character_error_rate,
    edit_distance,
    model_folder,
    package_folder,
    syllable_error_rate,
    transcribe,
)


def test_edit_distance_counts_each_kind_of_edit_once() -> None:
    assert edit_distance("kitten", "sitting") == 3
    assert edit_distance("flaw", "lawn") == 2
    assert edit_distance("ab", "ba") == 2
    assert edit_distance("", "") == 0
    assert edit_distance([], ["a", "b"]) == 2
    assert edit_distance(["a", "b"], []) == 2
    assert edit_distance(["ta", "men"], ["ta", "men"]) == 0


def test_identical_text_scores_zero() -> None:
    text = "许昌市人民政府与省市场监督管理局签署战略合作框架协议。"
    assert character_error_rate(text, text) == 0
    assert syllable_error_rate(text, text) == 0


def test_substitution_insertion_and_deletion_per_reference_character() -> None:
    assert character_error_rate("许昌市", "许昌县") == pytest.approx(1 / 3)
    assert character_error_rate("许昌", "许昌市") == pytest.approx(1 / 2)
    assert character_error_rate("许昌市", "许昌") == pytest.approx(1 / 3)
    assert character_error_rate("许昌市", "") == 1


def test_syllables_substituted_inserted_and_deleted() -> None:
    assert syllable_error_rate("北京", "南京") == pytest.approx(1 / 2)
    assert syllable_error_rate("北京", "北京市") == pytest.approx(1 / 2)
    assert syllable_error_rate("员工正在生产口罩", "员工在生产口罩") == pytest.approx(1 / 8)


def test_homophones_are_heard_right_but_written_wrong() -> None:
    assert syllable_error_rate("他在上门", "她再上门") == 0
    assert character_error_rate("他在上门", "她再上门") == pytest.approx(2 / 4)


def test_tones_do_not_count() -> None:
    assert syllable_error_rate("买", "卖") == 0
    assert character_error_rate("买", "卖") == 1


def test_punctuation_spaces_and_traditional_forms_are_ignored() -> None:
    reference = "“他们在北京。”社区干部说：银行"
    assert character_error_rate(reference, "他们 在北京！社区干部说 銀行") == 0
    assert syllable_error_rate(reference, "他们在北京，社区干部说……銀行") == 0


def test_numbers_written_in_digits_match_their_spoken_form() -> None:
    reference = "今年六月底前，我市将有四百三十四个老旧小区完成改造，同比下降百分之九点八。"
    hypothesis = "今年6月底前,我市将有434个老旧小区完成改造,同比下降9.8%。"
    assert syllable_error_rate(reference, hypothesis) == 0
    assert character_error_rate(reference, hypothesis) == 0
    assert syllable_error_rate(reference, hypothesis.replace("434", "433")) > 0


def test_model_is_joined_from_both_halves_once(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XCAUDIO_CACHE", str(tmp_path))
    halves = [package_folder(name) / half for name, half in zip(PARTS, HALVES, strict=True)]
    folder = model_folder()
    model = folder / "model.bin"
    assert folder.is_relative_to(tmp_path)
    assert model.stat().st_size == sum(half.stat().st_size for half in halves)
    with model.open("rb") as joined:
        assert joined.read(1 << 16) == halves[0].read_bytes()[: 1 << 16]
        joined.seek(halves[0].stat().st_size)
        assert joined.read(1 << 16) == halves[1].read_bytes()[: 1 << 16]
    assert {path.name for path in folder.iterdir()} == {
        "model.bin", "config.json", "tokenizer.json", "vocabulary.txt"}
    written = model.stat().st_mtime_ns
    assert model_folder() == folder
    assert model.stat().st_mtime_ns == written


def test_whisper_understands_the_offline_voice(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from xcaudio.engines.offline import SAMPLE_RATE, OfflineEngine
    from xcaudio.voices import resolve_voice

    monkeypatch.setenv("XCAUDIO_CACHE", str(tmp_path / "cache"))
    script = "许昌市人民政府与省市场监督管理局签署战略合作框架协议。员工正在生产口罩。"
    samples = OfflineEngine().synthesize(script, resolve_voice("offline")).samples
    audio = tmp_path / "speech.wav"
    with wave.open(str(audio), "wb") as stream:
        stream.setnchannels(1)
        stream.setsampwidth(2)
        stream.setframerate(SAMPLE_RATE)
        stream.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    heard = transcribe(audio)
    assert syllable_error_rate(script, heard) <= 0.1, heard
    assert character_error_rate(script, heard) <= 0.3, heard
