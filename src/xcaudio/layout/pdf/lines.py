"""Characters into lines: runs along one baseline, or down one vertical axis.

Horizontal lines break where the gap between two characters is wider than a column gutter
could be inside one line (about one em for body type, more for letter-spaced display
type). Vertical headlines (one character per line, as many pages set a feature's title
beside its text) are stacks of characters that have no neighbour on their own baseline.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from xcaudio.layout.pdf.glyphs import Box, Glyph

BASELINE_TOLERANCE = 0.25
BODY_GAP = 0.8
DISPLAY_GAP = 1.6
DISPLAY_RATIO = 1.3
SIZE_STEP = 1.3
WORD_SPACE = 0.25
VERTICAL_STEP = 2.5
NEIGHBOUR_REACH = 1.6
# Vertical quote marks as printed in vertical headlines, read as ordinary quotes.
VERTICAL_FORMS = str.maketrans("﹃﹄﹁﹂︵︶︽︾", "“”“”（）《》")


@dataclass
class TextLine:
    glyphs: list[Glyph]
    vertical: bool = False

    @cached_property
    def size(self) -> float:
        return statistics.median(glyph.size for glyph in self.glyphs)

    @cached_property
    def font(self) -> str:
        return Counter(glyph.font for glyph in self.glyphs).most_common(1)[0][0]

    @cached_property
    def box(self) -> Box:
        x0 = min(glyph.x for glyph in self.glyphs)
        x1 = max(glyph.x + glyph.advance for glyph in self.glyphs)
        y0 = min(glyph.y - 0.88 * glyph.size for glyph in self.glyphs)
        y1 = max(glyph.y + 0.12 * glyph.size for glyph in self.glyphs)
        return Box(x0, y0, x1, y1)

    @cached_property
    def text(self) -> str:
        """The characters in order; a space where the printed gap is wider than the line's
        usual spacing by a word space (justified lines spread every gap alike)."""
        if self.vertical:
            return "".join(glyph.char for glyph in self.glyphs).translate(VERTICAL_FORMS)
        pairs = list(zip(self.glyphs, self.glyphs[1:], strict=False))
        gaps = [glyph.x - (previous.x + previous.advance) for previous, glyph in pairs]
        usual = statistics.median(gaps) if gaps else 0.0
        out = [self.glyphs[0].char]
        for (previous, glyph), gap in zip(pairs, gaps, strict=True):
            if gap - max(usual, 0.0) > WORD_SPACE * max(previous.size, glyph.size):
                out.append(" ")
            out.append(glyph.char)
        return "".join(out).translate(VERTICAL_FORMS)

    @property
    def baseline(self) -> float:
        return statistics.median(glyph.y for glyph in self.glyphs)


def body_size(glyphs: list[Glyph]) -> float:
    """The type size most characters are set in: the running text's."""
    if not glyphs:
        return 0.0
    return Counter(round(glyph.size, 1) for glyph in glyphs).most_common(1)[0][0]


def build_lines(glyphs: list[Glyph], body: float) -> list[TextLine]:
    """All lines of the page, vertical ones included, in no particular order."""
    vertical = vertical_lines(glyphs, body)
    taken = {id(glyph) for line in vertical for glyph in line.glyphs}
    rest = [glyph for glyph in glyphs if id(glyph) not in taken]
    return horizontal_lines(rest, body) + vertical


def _baseline_rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    rows: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda item: (item.y, item.x)):
        if rows and abs(glyph.y - rows[-1][0].y) <= BASELINE_TOLERANCE * rows[-1][0].size:
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    return rows


def horizontal_lines(glyphs: list[Glyph], body: float) -> list[TextLine]:
    lines: list[TextLine] = []
    for row in _baseline_rows(glyphs):
        row.sort(key=lambda glyph: glyph.ink)
        current = [row[0]]
        for previous, glyph in zip(row, row[1:], strict=False):
            if _breaks(previous, glyph, body):
                lines.append(TextLine(current))
                current = []
            current.append(glyph)
        lines.append(TextLine(current))
    return lines


def _breaks(previous: Glyph, glyph: Glyph, body: float) -> bool:
    larger = max(previous.size, glyph.size)
    if larger > SIZE_STEP * min(previous.size, glyph.size):
        return True
    reach = DISPLAY_GAP if larger > DISPLAY_RATIO * body else BODY_GAP
    return glyph.x - (previous.x + previous.advance) > reach * larger


def vertical_lines(glyphs: list[Glyph], body: float) -> list[TextLine]:
    """Stacks of at least three characters (two, off the body size) with no neighbour on
    their own baseline: vertical headlines and the author names set beside them."""
    rows: dict[int, list[Glyph]] = defaultdict(list)
    for glyph in glyphs:
        rows[round(glyph.y)].append(glyph)

    def alone(glyph: Glyph) -> bool:
        return not any(
            other is not glyph
            and max(other.size, glyph.size) <= SIZE_STEP * min(other.size, glyph.size)
            and abs(other.y - glyph.y) <= BASELINE_TOLERANCE * glyph.size
            and abs(other.x - glyph.x) < NEIGHBOUR_REACH * glyph.size
            for key in (round(glyph.y) - 1, round(glyph.y), round(glyph.y) + 1)
            for other in rows.get(key, ())
        )

    axes: dict[tuple[float, int], list[Glyph]] = defaultdict(list)
    for glyph in glyphs:
        if alone(glyph):
            axes[(round(glyph.size, 1), round(glyph.x / 2))].append(glyph)
    lines: list[TextLine] = []
    for (size, _), stack in axes.items():
        stack.sort(key=lambda glyph: glyph.y)
        run = [stack[0]]
        for glyph in stack[1:]:
            if glyph.y - run[-1].y <= VERTICAL_STEP * size:
                run.append(glyph)
                continue
            lines += _vertical_run(run, body)
            run = [glyph]
        lines += _vertical_run(run, body)
    return lines


def _vertical_run(run: list[Glyph], body: float) -> list[TextLine]:
    shortest = 2 if abs(run[0].size - body) > 0.5 else 3
    return [TextLine(run, vertical=True)] if len(run) >= shortest else []
