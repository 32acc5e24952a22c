"""Test suites of (written, spoken) pairs, such as NeMo's, and the accuracy on them."""

from __future__ import annotations

from pathlib import Path

from xcaudio.normalize.tagger import normalize


def suite_cases(path: Path) -> list[tuple[str, str]]:
    """The pairs of a tab-separated suite; lines starting with # are comments."""
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            written, spoken = line.split("\t")[:2]
            cases.append((written, spoken))
    return cases


def _squeeze(text: str) -> str:
    return "".join(text.split())


def suite_accuracy(path: Path) -> float:
    """Share of cases whose output equals the target, spaces ignored."""
    cases = suite_cases(path)
    right = sum(_squeeze(normalize(written)) == _squeeze(spoken) for written, spoken in cases)
    return right / len(cases)
