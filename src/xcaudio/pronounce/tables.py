"""The front end's data files (data/*.tsv): tab-separated rows, `#` starting a comment."""

from __future__ import annotations

from importlib.resources import files


def rows(name: str) -> list[list[str]]:
    """The rows of data/`name`, split at tabs; comments and blank lines left out."""
    text = files("xcaudio.pronounce").joinpath(f"data/{name}").read_text("utf-8")
    lines = (raw.split("#", 1)[0].rstrip() for raw in text.splitlines())
    return [line.split("\t") for line in lines if line]
