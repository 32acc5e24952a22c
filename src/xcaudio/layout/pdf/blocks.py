"""Lines into blocks: column pieces of running text, and blocks of display type.

Running text is set in the body size on a grid of columns; a column piece is an unbroken
stack of its lines, one line pitch apart, each overlapping the one above. Whatever
interrupts a column (a subhead, a photo, a story's end and the next one's headline) leaves a
gap wider than a line pitch, so pieces end there by themselves. Display lines (any other
size) stack into blocks: a title set on two lines, a subhead on three, a byline whose names
were spaced apart on one baseline.
"""

from __future__ import annotations

import bisect
import statistics
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from xcaudio.layout.headlines import line_joiner
from xcaudio.layout.pdf.glyphs import Box, union_box
from xcaudio.layout.pdf.lines import TextLine

BODY_TOLERANCE = 0.12
MAX_PITCH = 2.2
MIN_PITCH = 0.8
DISPLAY_PITCH = 2.0
SAME_SIZE = 1.15
ROW_REACH = 2.5
ROW_WORD = 4
INDENT = 1.2
COLUMN_LINES = 3


@dataclass
class Block:
    """A column piece (`body`) or a block of display type, its lines top to bottom."""

    lines: list[TextLine]
    body: bool

    @cached_property
    def box(self) -> Box:
        return union_box([line.box for line in self.lines])

    @cached_property
    def size(self) -> float:
        return max(line.size for line in self.lines)

    @property
    def vertical(self) -> bool:
        return self.lines[0].vertical

    @cached_property
    def text(self) -> str:
        """The lines joined: a space between lines set side by side, and between the two
        lines of a couplet (two phrases of equal weight, one per line); none where a phrase
        was only wrapped."""
        out = self.lines[0].text
        for previous, line in zip(self.lines, self.lines[1:], strict=False):
            beside = previous.box.overlap_y(line.box) > 0
            out += (" " if beside or couplet(previous, line) else "") + line.text
        return out


def couplet(first: TextLine, second: TextLine) -> bool:
    """Two display lines that are two phrases, not one wrapped, joined the way every reader
    joins a title's lines (`headlines.line_joiner`)."""
    return not first.vertical and line_joiner(first.text, second.text) == " "


def is_body_line(line: TextLine, body: float) -> bool:
    return not line.vertical and abs(line.size - body) <= BODY_TOLERANCE * body


def column_pieces(lines: list[TextLine], body: float) -> list[Block]:
    """Body lines chained downwards, each to the nearest line one pitch below it."""
    ordered = sorted(lines, key=lambda line: line.baseline)
    baselines = [line.baseline for line in ordered]
    below: dict[int, int] = {}
    above: dict[int, int] = {}
    for index, line in enumerate(ordered):
        start = bisect.bisect_left(baselines, line.baseline + MIN_PITCH * body)
        end = bisect.bisect_right(baselines, line.baseline + MAX_PITCH * body)
        candidates = [
            other for other in range(start, end) if _stacked(line, ordered[other])
        ]
        if candidates:
            best = min(candidates, key=lambda other: baselines[other])
            if best not in above:
                below[index], above[best] = best, index
    pieces: list[Block] = []
    for index in range(len(ordered)):
        if index in above:
            continue
        chain = [ordered[index]]
        while index in below:
            index = below[index]
            chain.append(ordered[index])
        pieces.append(Block(chain, body=True))
    return pieces


def _stacked(upper: TextLine, lower: TextLine) -> bool:
    """Two lines of one column: their left edges within an indent of each other, and the
    lower one starting before the upper one ends (a paragraph's short last line may end
    before the next paragraph's indent)."""
    reach = 3 * upper.size
    return abs(upper.box.x0 - lower.box.x0) <= reach and lower.box.x0 < upper.box.x1 + reach


def display_blocks(lines: list[TextLine]) -> list[Block]:
    """Display lines stacked (same size, a line pitch apart, overlapping) or set side by
    side on one baseline close together; vertical lines stay blocks of their own."""
    stacks: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda item: (item.box.y0, item.box.x0)):
        joined = not line.vertical and next(
            (
                stack
                for stack in reversed(stacks)
                if not stack[-1].vertical and _joins(stack[-1], line)
            ),
            None,
        )
        if joined:
            joined.append(line)
        else:
            stacks.append([line])
    return [Block(stack, body=False) for stack in stacks]


def _joins(previous: TextLine, line: TextLine) -> bool:
    larger = max(previous.size, line.size)
    if larger > SAME_SIZE * min(previous.size, line.size):
        return False
    same_row = abs(previous.baseline - line.baseline) <= 0.25 * larger
    if same_row:
        gap = line.box.x0 - previous.box.x1
        short = max(len(previous.glyphs), len(line.glyphs)) <= ROW_WORD
        return short and 0 <= gap <= ROW_REACH * larger
    pitch = line.baseline - previous.baseline
    return 0 < pitch <= DISPLAY_PITCH * larger and previous.box.overlap_x(line.box) > 0


def indented(line: TextLine, left: float) -> bool:
    """A paragraph's first line starts about two ems in from its column's left edge."""
    return line.box.x0 - left >= INDENT * line.size


def column_left(piece: Block) -> float:
    """Where most of the piece's lines start: its column's left edge (a first line may be
    indented, a line opening with a quote mark may hang out)."""
    starts = Counter(round(line.box.x0) for line in piece.lines)
    return min(start for start, count in starts.items() if count == max(starts.values()))


def paragraph_edges(pieces: list[Block]) -> dict[int, float]:
    """Each piece's column edge, which tells an indented first line from a flush one: its
    own where it has lines enough to show it, else that of the nearest longer piece in the
    same column (a one-line piece may be all indent)."""
    long_pieces = [piece for piece in pieces if len(piece.lines) >= COLUMN_LINES]
    edges: dict[int, float] = {}
    for piece in pieces:
        if piece in long_pieces:
            edges[id(piece)] = column_left(piece)
            continue
        same_column = [
            other for other in long_pieces
            if other.box.overlap_x(piece.box) >= 0.6 * min(other.box.width, piece.box.width)
        ]
        nearest = min(same_column, key=lambda other: _vertical_gap(other.box, piece.box),
                      default=None)
        edges[id(piece)] = column_left(nearest) if nearest else piece.box.x0
    return edges


def _vertical_gap(first: Box, second: Box) -> float:
    return max(first.y0 - second.y1, second.y0 - first.y1, 0.0)


def median_width(pieces: list[Block]) -> float:
    widths = [line.box.width for piece in pieces for line in piece.lines]
    return statistics.median(widths) if widths else 0.0
