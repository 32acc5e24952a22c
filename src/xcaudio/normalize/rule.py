"""A rule: a pattern and a reader; the pinning that stops later rules re-reading a span.

Rules run one after another over the whole text. Whatever a rule writes is *pinned*: its ASCII
characters are moved to a Private Use Area, so no later rule can see digits or letters in it
(`N九五` keeps its `N` away from the unit rule). The tagger unpins at the very end.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Plane 15 (Supplementary Private Use Area-A): no newspaper text uses it, unlike the BMP's
# Private Use Area, where some PDF fonts put their glyphs.
_OFFSET = 0xF0000
_PIN = {code: code + _OFFSET for code in range(0x21, 0x7F)}
_UNPIN = {code + _OFFSET: code for code in range(0x21, 0x7F)}

# A pinned character, for patterns that must treat finished spans as letters or digits.
PINNED = "\U000f0021-\U000f007e"


def pin(text: str) -> str:
    return text.translate(_PIN)


def unpin(text: str) -> str:
    return text.translate(_UNPIN)


Reader = Callable[[re.Match[str]], str | None]


@dataclass(frozen=True)
class Rule:
    """One kind of span; `read` gives the spoken form, or None to leave the span to later rules."""

    kind: str
    pattern: re.Pattern[str]
    read: Reader

    def apply(self, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            spoken = self.read(match)
            return match.group(0) if spoken is None else pin(spoken)

        return self.pattern.sub(replace, text)
