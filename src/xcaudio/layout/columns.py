"""Text that `pdftotext -layout` gave: columns side by side, read across the page.

Such text keeps each printed row whole: one column's line, a run of spaces, the next
column's line. Read as it stands, neighbouring stories interleave line by line. The
columns show as gutters, cells that (almost) no row fills, at the same place row after
row. The page is cut at its gutters and each column read top to bottom, left column
first; rows that cross a gutter (a headline over several columns) are read in place,
between the columns above them and those below. Where no gutter runs, blank rows cut
the page into bands that are read in turn.

The rows are aligned on a grid of character cells. Whether a wide (CJK) character takes
one cell or two depends on the extractor (poppler 22 counts one, as for any character,
`unicodedata.east_asian_width` would say two): the count that parts the columns better
(fewer rows left with a wide gap, then fewer pieces) is used. Where neither parts them,
the text cannot be read, and the error says to give the page PDF instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from xcaudio.layout.errors import LayoutError

GAP = re.compile(r"\S {2,}\S")
SIDE_BY_SIDE_SHARE = 0.25
SIDE_BY_SIDE_LINES = 4
GUTTER = 2
MIN_COLUMN = 6
CROSSING_SHARE = 0.1
LEFT_OVER_SHARE = 0.15
SLACK = 3


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    char: str


Grid = list[list[Cell]]


def side_by_side(text: str) -> bool:
    """Many lines hold a run of two or more spaces between words: columns read across."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    gapped = sum(1 for line in lines if GAP.search(line))
    return gapped >= SIDE_BY_SIDE_LINES and gapped >= SIDE_BY_SIDE_SHARE * len(lines)


def unfold_columns(text: str, name: str) -> str:
    """The text with its columns one after another; unchanged if it has none side by side.

    Raises LayoutError when columns are side by side but cannot be told apart.
    """
    if not side_by_side(text):
        return text
    readings = [read_columns(grid_of(text, wide)) for wide in (1, 2)]
    blocks = min(readings, key=lambda blocks: (left_over(blocks), len(blocks)))
    if left_over(blocks) > LEFT_OVER_SHARE:
        raise LayoutError(
            f"{name}: columns set side by side (pdftotext -layout?) that cannot be told "
            "apart; give the page PDF instead"
        )
    return "\n\n".join("\n".join(block) for block in blocks)


def grid_of(text: str, wide: int) -> Grid:
    """Each row's printed characters with the cells they cover, a wide one `wide` cells."""
    grid: Grid = []
    for line in text.expandtabs().splitlines():
        cells, position = [], 0
        for char in line:
            size = wide if unicodedata.east_asian_width(char) in "WF" else 1
            if not char.isspace():
                cells.append(Cell(position, position + size, char))
            position += size
        grid.append(cells)
    return grid


def left_over(blocks: list[list[str]]) -> float:
    """The share of lines that still hold a wide gap: columns the cut did not part."""
    lines = [line for block in blocks for line in block if line]
    return sum(1 for line in lines if GAP.search(line)) / len(lines) if lines else 0.0


def read_columns(grid: Grid) -> list[list[str]]:
    """The page cut into blocks of lines, each a column part, in reading order."""
    blocks: list[list[str]] = []
    _cut(dict(enumerate(grid)), blocks)
    return blocks


Region = dict[int, list[Cell]]


def _cut(region: Region, blocks: list[list[str]]) -> None:
    """Cut a region (each row's cells in it) at its gutters, else at blank rows, else read it."""
    rows = list(region)
    filled = [row for row in rows if region[row]]
    if not filled:
        return
    gutters = _gutters(region, filled)
    parts = {row: _split(region[row], gutters) for row in filled}
    crossing = {row for row in filled if parts[row] is None}
    if gutters and len(crossing) < len(filled):
        if crossing:
            for band in _runs(rows, lambda row: row in crossing):
                _cut({row: region[row] for row in band}, blocks)
            return
        for number in range(len(gutters) + 1):
            _cut({row: parts[row][number] if region[row] else [] for row in rows}, blocks)
        return
    inside = rows[rows.index(filled[0]) : rows.index(filled[-1]) + 1]
    bands = [band for band in _runs(inside, lambda row: not region[row]) if region[band[0]]]
    if len(bands) > 1:
        for band in bands:
            _cut({row: region[row] for row in band}, blocks)
        return
    blocks.append([_text(region[row]) for row in inside])


def _gutters(region: Region, filled: list[int]) -> list[tuple[int, int]]:
    """Runs of cells that at most a tenth of the rows fill, with a column on each side."""
    low = min(region[row][0].start for row in filled)
    high = max(region[row][-1].end for row in filled)
    fill = [0] * (high - low)
    for row in filled:
        for cell in region[row]:
            for position in range(cell.start, cell.end):
                fill[position - low] += 1
    limit = int(CROSSING_SHARE * len(filled))
    gutters: list[tuple[int, int]] = []
    start = None
    for position, count in enumerate([*fill, len(filled) + 1]):
        if count <= limit and start is None:
            start = position
        elif count > limit and start is not None:
            if position - start >= GUTTER:
                gutters.append((start + low, position + low))
            start = None
    kept: list[tuple[int, int]] = []
    for start, end in gutters:
        if start - (kept[-1][1] if kept else low) >= MIN_COLUMN and high - end >= MIN_COLUMN:
            kept.append((start, end))
    return kept


def _split(cells: list[Cell], gutters: list[tuple[int, int]]) -> list[list[Cell]] | None:
    """A row's cells on each side of each gutter, parted where the row has a gap (of two
    cells or more) at the gutter or beside it (a justified line may run into it); None
    for a row whose text runs across a gutter."""
    parts: list[list[Cell]] = []
    rest = cells
    for start, end in gutters:
        cut = _gap_near(rest, start, end)
        if cut is None:
            return None
        parts.append([cell for cell in rest if cell.start < cut])
        rest = [cell for cell in rest if cell.start >= cut]
    return [*parts, rest]


def _gap_near(cells: list[Cell], start: int, end: int) -> int | None:
    """Where a row is parted at the gutter from `start` to `end`: after a gap in or beside
    the gutter; or, for a row without one, wholly on the side of the gutter's middle where
    all its characters start (None when they start on both: a row across the gutter)."""
    for left, right in zip(cells, cells[1:], strict=False):
        near = right.start > start - SLACK and left.end < end + SLACK
        if near and right.start - left.end >= GUTTER:
            return right.start
    middle = (start + end) // 2
    sides = {cell.start < middle for cell in cells}
    return middle if len(sides) == 1 else None


def _runs(rows: list[int], key: Callable[[int], bool]) -> list[list[int]]:
    """Consecutive rows grouped by `key`."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and key(runs[-1][-1]) == key(row):
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


def _text(cells: list[Cell]) -> str:
    """A row's characters, one space where the row had a space, two where it had more."""
    text = ""
    for previous, cell in zip([None, *cells], cells, strict=False):
        gap = cell.start - previous.end if previous is not None else 0
        text += " " * min(gap, GUTTER) + cell.char
    return text
