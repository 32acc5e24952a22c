"""NeMo's public Mandarin text-normalization suite: at least 90% exact, every miss on purpose.

The suite is read where it lies (../shared/bench), never copied into the project.
"""

from __future__ import annotations

import re

import pytest

from xcaudio.normalize import normalize, suite_accuracy, suite_cases

from .conftest import BENCH

NEMO = BENCH / "tn_zh_nemo.tsv"
pytestmark = pytest.mark.skipif(not NEMO.exists(), reason="NeMo suite absent")


def test_nemo_accuracy() -> None:
    assert suite_accuracy(NEMO) >= 0.90


def _house_to_nemo(text: str) -> str:
    """Undo the differences the package docstring lists, to prove they explain every miss."""
    text = text.replace(" ", "").upper()
    text = text.replace("人民币", "元").replace("零下", "负").replace("号", "日")
    text = re.sub(r"(?<=点)零(?=[一二三四五六七八九]分)", "", text)  # 三点零四分 / 三点四分
    text = re.sub(r"^(上午|下午)(.+)$", lambda m: m[2] + ("AM" if m[1] == "上午" else "PM"), text)
    return re.sub(r"^([一二三四五六七八九])十年$", r"\1零年", text)  # 50年: an amount here


def test_every_nemo_miss_is_a_documented_difference() -> None:
    unexplained = [(written, target, normalize(written)) for written, target in suite_cases(NEMO)
                   if _house_to_nemo(normalize(written)) != _house_to_nemo(target)]
    assert unexplained == []
