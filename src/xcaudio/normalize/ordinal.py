"""Ordinals: 第2 → 第二, 初2 → 初二 (a position, so never 两)."""

from __future__ import annotations

import re

from xcaudio.normalize.cardinal import cardinal
from xcaudio.normalize.rule import Rule

RULES = [
    Rule("ordinal", re.compile(r"(?P<w>第|初)(?P<n>[0-9]+)(?![0-9.,])"),
         lambda match: match["w"] + cardinal(match["n"])),
]
