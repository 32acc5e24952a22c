"""The second offline engine: Kokoro-82M v1.0 (int8 ONNX) with its Mandarin voices, on ONNX Runtime.

Unlike the default offline voice, Kokoro's weights and voices are Apache-2.0, and it has male
voices as well as female ones. It reads phonemes, not text: `phonemes.py` writes what our own
front end decided (the same readings, tones and breaks the offline voice gets) in Kokoro's IPA,
and `model.py` finds and checks the model and the voice files. One style row per input length
is part of the model's design: a voice file holds 510 of them, so a chunk may have at most 510
phoneme symbols (a 40-syllable chunk has about 200).

The exported graph has no random operators, so the same phonemes give the same samples, bit for
bit, whatever was spoken before and however many threads run it; that keeps the cache honest.
"""

from __future__ import annotations

import numpy as np

from xcaudio.engines import EngineError, Speech, VoiceSettings, pitch_hertz, rate_factor
from xcaudio.engines.kokoro.model import STYLE_ROWS, encode, model_bytes, style_table
from xcaudio.engines.kokoro.phonemes import chunk_phonemes

SAMPLE_RATE = 24000
MARGIN = 0.25
"""Seconds of silence kept before and after the speech: Kokoro pads a chunk with about 0.35 s
before and 1 s after, where the offline voice leaves about a quarter second, and the presets'
pauses are set for that."""
SILENT = 1e-3
LICENSE_NOTE = (
    "Kokoro-82M v1.0 by hexgrad: weights and voices under the Apache License 2.0, the int8 ONNX "
    "export (kokoro-onnx) under the MIT License. Its model card says the training data included "
    "synthetic audio made with commercial TTS providers' models, besides public-domain and "
    "permissively licensed audio: a newsroom's lawyer should decide whether that matters."
)


def trimmed(samples: np.ndarray, margin: float = MARGIN) -> np.ndarray:
    """`samples` with at most `margin` seconds of silence before and after the speech."""
    heard = np.flatnonzero(np.abs(samples) > SILENT)
    if not heard.size:
        return samples[:0]
    keep = round(margin * SAMPLE_RATE)
    return samples[max(0, heard[0] - keep): heard[-1] + 1 + keep]


class KokoroEngine:
    """One loaded model that speaks every Mandarin voice: a second or two to load, about
    750 MB resident while speaking 40-syllable chunks; load once per process and reuse it.

    ONNX Runtime's memory arena stays on: without it, a 40-syllable chunk peaked at twice that.
    """

    name = "kokoro"

    def __init__(self, threads: int = 1) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            model_bytes(), sess_options=options, providers=["CPUExecutionProvider"])
        self.styles: dict[str, np.ndarray] = {}

    def synthesize(self, text: str, voice: VoiceSettings) -> Speech:
        """One chunk of spoken-form text; nothing to say (only punctuation) gives no samples."""
        said = chunk_phonemes(text)
        samples = self.speak_phonemes(said, voice) if said else np.zeros(0, np.float32)
        return Speech(samples, SAMPLE_RATE, self.name, voice.voice)

    def speak_phonemes(self, said: str, voice: VoiceSettings) -> np.ndarray:
        """A phoneme string in one voice, at the voice's rate -> samples at 24 kHz."""
        if pitch_hertz(voice.pitch):
            raise EngineError(f"Kokoro's voices cannot shift pitch; {voice.name} asks for "
                              f"{voice.pitch}: use +0Hz")
        ids = encode(said)
        if len(ids) > STYLE_ROWS:
            raise EngineError(f"chunk too long for Kokoro: {len(ids)} phoneme symbols")
        audio = self.session.run(None, {
            "tokens": np.array([[0, *ids, 0]], np.int64),
            "style": self.style(voice.voice)[len(ids) - 1: len(ids)],
            "speed": np.array([rate_factor(voice.rate)], np.float32),
        })[0]
        return trimmed(np.clip(audio, -1.0, 1.0).astype(np.float32))

    def style(self, voice: str) -> np.ndarray:
        if voice not in self.styles:
            self.styles[voice] = style_table(voice)
        return self.styles[voice]
