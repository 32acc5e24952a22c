"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import tempfile
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"


def default_cache_dir() -> Path:
    """Where spoken chunks, encoded pieces, dictionaries and models are kept between runs."""
    base = os.environ.get("XCAUDIO_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "xcaudio" if base else Path.home() / ".cache" / "xcaudio"


def digest(*parts: str | bytes | int) -> str:
    """A short name for everything a cached file is made from."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        hashed.update(len(data).to_bytes(8, "little") + data)
    return hashed.hexdigest()[:24]


def file_identity(path: str | Path) -> str:
    """A package's data file as a key: where it is, its size and when it was written (a new
    version of the package writes it anew), without reading it."""
    status = os.stat(path)
    return f"{os.path.realpath(path)}:{status.st_size}:{status.st_mtime_ns}"


def fault_point(name: str) -> None:
    """Crash tests only: with XCAUDIO_FAULT_AT=NAME the process kills itself here with SIGKILL,
    as a power cut or the OOM killer would (XCAUDIO_FAULT_SIGNAL=STOP stops it instead, like a
    render that hangs). Inert when unset. Names: see `xcaudio.render`, and write:FILE in
    `write_atomic`, just before FILE is renamed into place."""
    if os.environ.get("XCAUDIO_FAULT_AT") == name:
        signal_name = os.environ.get("XCAUDIO_FAULT_SIGNAL", "KILL")
        os.kill(os.getpid(), signal.Signals[f"SIG{signal_name}"])


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                           suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        fault_point(f"write:{path.name}")
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_json_atomic(path: Path, value: object) -> None:
    write_atomic(path, json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def remove_temporaries(folder: Path) -> None:
    """Delete what `write_atomic` left in `folder` when its process died before the rename.
    Only safe while no writer is at work there (the render lock is held)."""
    for path in folder.glob(f".*{TEMPORARY_SUFFIX}"):
        if path.is_file():
            path.unlink(missing_ok=True)
