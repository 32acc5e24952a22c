"""Text that `pdftotext -layout` gave: columns side by side, read across the page.

Such text keeps each printed row whole: one column's line, a run of spaces, the next
column's line. Read as it stands, neighbouring stories interleave line by line.

Where a column's text sits on a row is the one thing the extractor keeps: it puts each
piece of text at the cell its left edge has on the page, unless the text before it ran
past that cell. How far a piece reaches is not kept: a line of wide (CJK) characters set
solid takes one cell a character, the same line spaced out by justification two. So the
columns are found by where their lines start: the cells at which many rows start a
piece of text (two or more spaces after the one before) are the columns' left edges, and
each piece belongs to the column whose edge is the last at or before its start (a piece
after a wide space inside a line, before a quote, stays in its column). A column's edge
counts only where rows nearby start there (a wide column above two narrow ones does not
split at the narrow ones' edge). Whether the extractor gave a wide character one cell
or two (poppler one; tools that count display width two), the count that lines the
pieces up at the edges better is taken.

Each column is cut into blocks at blank rows (not at a row that only other columns' text
holds, between two of its running lines: columns on baselines that differ share rows by
turns) and at rows whose text reaches over the
next column's edge (a headline, a banner; not a lone name of two to four characters,
centred under a title wherever its middle falls, nor a line running past an edge less
than half a column's width on, the same column set a few cells further in elsewhere on
the page), except that the short lines of a subhead (no clause ends in one), which a display face
sets rows apart, stay one stack (a middle line well short of the column may hold a
comma: two phrases), right on the text that a stack of two lines or more
heads (so it reads as the default extraction gives it). A headline below text reaches
over the columns to its right that hold nothing on its rows (set large, it takes one
cell a character, not the width it has on the page), or only the text of a column that
its story opens a few rows higher, well below the text above (a picture between; that
text is then read under the headline); a row that only repeats the first words (or all)
of the row right below it is a fake bold copy, dropped; two to four lone characters on a
row are one name spaced out; a column set a few cells further in on some rows (beside a
box), its text running on from one edge to the other, is one column; a title set apart
at a column's far side (a vertical title, past the column's width) is a block of its
own, read before the text it stands beside, and a name set apart below it there right
after it; a banner that starts past the ends of the lines a column narrows to beside it
stands over the columns to its right only. The running head on the page's first row is
read first. The blocks are read as an editor reads the page: parts of the page that
nothing crosses one after the other, left to right (columns that nothing crosses but
that break their text at every row where headlines cut the part to their left, a
sentence ending there, read in its bands); a part that a headline crosses band by band,
cut at the headlines (a kicker and the title right under it, nothing of the title's
columns between, one cut; a title above all the page's text cuts none), each band its
headlines first, then column by column; a column part that stops in mid-sentence is
followed by the part right below it in its column where the headline that cut the band
crosses other columns only (the column's text ran on beside it). An author's name set
under a title, which lands in the next column where the title is centred over the
columns, is read right after the title. A body line that starts a few cells in from its column's
edge is led by two ideographic spaces, the paragraph indent its text no longer shows.
Where pieces of text start wherever (no edges
line up), the text cannot be read, and the error says to give the page PDF instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from xcaudio.layout.errors import LayoutError
from xcaudio.layout.leads import is_drawing_credit

GAP = re.compile(r"\S {2,}\S")
PIECE = re.compile(r"\S+(?: \S+)*")
SIDE_BY_SIDE_SHARE = 0.25
SIDE_BY_SIDE_LINES = 4
EDGE_SHARE = 0.03
EDGE_ROWS = 4
SAME_EDGE = 6
SLACK = 2
NEARBY_ROWS = 15
LINED_UP_SHARE = 0.55
SOLID_RATIO = 1.6
SENTENCE_MARKS = re.compile("[，。；：、！？,;:!?]")
DISPLAY_SHARE = 0.8
STACK_GAP = 8
NAME_GAP = 8
CLAUSE_MARKS = re.compile("[，。；！？,;!?]")
ASIDE_MARKS = re.compile("[，。；：、！？,;:!?（）()]")
NAME_CHARS = (2, 4)
TITLE_LINES = 3
GO_ON_GAP = 5
SHIFTED_SHARE = 0.5
LEAD_ROWS = 6
NEAR_ROWS = 3
LEAD_GAP = 6
INDENT = "\u3000\u3000"
COMMAS = "，,"
INDENT_CELLS = 2
PART_ENDS = "。！？!?…”’」』）)：:"


@dataclass(frozen=True)
class Piece:
    """Text on a row between runs of two or more spaces, and the cell it starts at."""

    start: int
    text: str
    width: int

    def end(self, solid: int) -> int:
        """The cell the text reaches on the page, a wide character set solid taking
        `solid` cells (spaced out, it took its cells in the extractor's text)."""
        wide = sum(1 for char in self.text if unicodedata.east_asian_width(char) in "WF")
        narrow = len(self.text.replace(" ", "")) - wide
        return self.start + max(self.width, narrow + solid * wide)


@dataclass
class Block:
    """Consecutive rows of one column: their lines, the first and last row, the last
    column that its text reaches into, whether all its lines are display lines (short,
    where no clause ends: a subhead's), the row of the headline below whose band it is
    read in when it opens that story's column a few rows higher, whether it stands
    above all the page's text (a date line, the top title), and whether it is a title set
    apart at the far side of its column; the cell its first line starts at, and the cell
    each line reaches."""

    lines: list[str]
    column: int
    top: int
    bottom: int
    reach: int
    display: bool = False
    under: int | None = None
    topmost: bool = False
    aside: bool = False
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.starts[0]

    @property
    def crossing(self) -> bool:
        return self.reach > self.column

    @property
    def row(self) -> int:
        """The row that puts the block in a band."""
        return self.top if self.under is None else self.under


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
    rows, edges = max(
        (rows_of(text, wide) for wide in (1, 2)), key=lambda reading: at_edges(*reading)
    )
    if lined_up(rows, edges) < LINED_UP_SHARE:
        raise LayoutError(
            f"{name}: columns set side by side (pdftotext -layout?) that cannot be told "
            "apart; give the page PDF instead"
        )
    return "\n\n".join("\n".join(block) for block in read_columns(rows, edges))


def lined_up(rows: list[list[Piece]], edges: list[int]) -> float:
    """The share of pieces after a row's first that start right at a column edge: low
    where each row's second column starts wherever the first one's line ended."""
    later = [piece for pieces in rows for piece in pieces[1:]]
    at_edge = sum(1 for piece in later if any(0 <= piece.start - edge <= 1 for edge in edges))
    return at_edge / len(later) if later else 1.0


def read_columns(rows: list[list[Piece]], edges: list[int]) -> list[list[str]]:
    """The page cut into blocks of lines, each a column part, in reading order."""
    rows = [
        [] if drawn_again(rows, number) else without_art_title(spaced_name(pieces), edges)
        for number, pieces in enumerate(rows)
    ]
    solid = solid_cells(rows, edges)
    cells, merged = merge_shifted(column_cells(rows, edges), edges)
    blocks = [
        block
        for column in cells
        for block in column_blocks(cells[column], column, merged, solid, rows)
    ]
    place_headlines(blocks, len(merged))
    first_row = min(map(top_row, blocks), default=0)
    heads = [block for block in blocks if block.top == first_row and block.crossing]
    rest = arrange([block for block in blocks if block not in heads])
    order = titles_aside_first(go_on_below(heads + rest))
    return [indents_marked(block, edges) for block in names_under_titles(order)]


def indents_marked(block: Block, edges: list[int]) -> list[str]:
    """A block's lines, each of body text that starts an indent in from its column's
    edge (a few cells on, less than another column's) led by two ideographic spaces, as
    a paragraph's first line is set: the indent that the pieces' text no longer shows
    tells where a paragraph opens when its last line filled the column."""
    if block.crossing or not is_body(block):
        return block.lines
    return [
        INDENT + line if SLACK <= start - column_edge(edges, start) <= SAME_EDGE else line
        for line, start in zip(block.lines, block.starts, strict=True)
    ]


def column_edge(edges: list[int], start: int) -> int:
    """The edge of the column that a piece starting at a cell stands in (of all the
    page's edges, a column set a few cells further in beside a box counting as one)."""
    return max((edge for edge in edges if edge <= start + SLACK), default=start)


def column_cells(rows: list[list[Piece]], edges: list[int]) -> dict[int, dict[int, list[Piece]]]:
    """Each column's pieces by row: a piece goes to the column whose edge, holding on its
    row, is the last at or before where it starts."""
    cells: dict[int, dict[int, list[Piece]]] = {column: {} for column in range(len(edges))}
    for number, pieces in enumerate(rows):
        here = [column for column, edge in enumerate(edges) if starts_near(rows, number, edge)]
        for piece in pieces:
            column = max(
                (column for column in here if edges[column] <= piece.start + SLACK), default=0
            )
            cells[column].setdefault(number, []).append(piece)
    return cells


def place_headlines(blocks: list[Block], columns: int) -> None:
    """Set each headline over the columns it spans on the page: a banner beside a column
    narrowed for it over the columns to its right only, a headline below text over the
    empty columns beside it; and mark what stands above all the page's text."""
    for block in blocks:
        if block.crossing and beside_text(block, blocks):
            block.column += 1
    widen_headlines(blocks, columns)
    first = min((block.top for block in blocks if not title_like(block)), default=0)
    for block in blocks:
        block.topmost = block.bottom < first


def titles_aside_first(order: list[Block]) -> list[Block]:
    """The blocks with a title set apart at the far side of its column read before the
    column's text that it stands beside (what starts a few rows above it, after space):
    a vertical title runs down beside its story's first lines. A name set apart below
    such a title in its column is its author's: read right after it."""
    for title in [block for block in order if block.aside and not is_name(block)]:
        beside = [
            block
            for block in order
            if block.column == title.column and 0 < title.top - block.bottom <= LEAD_ROWS
        ]
        if beside and order.index(beside[0]) < order.index(title):
            order.remove(title)
            order.insert(order.index(beside[0]), title)
    for name in [block for block in order if is_name(block)]:
        if title := vertical_title(name, order):
            order.remove(name)
            order.insert(order.index(title) + 1, name)
    return order


def vertical_title(name: Block, order: list[Block]) -> Block | None:
    """The title set apart above a name set apart at the far side of the same column: the
    vertical title that the name signs."""
    titles = [
        block
        for block in order
        if block.aside and block.column == name.column and block.bottom < name.top
    ]
    title = max(titles, key=top_row, default=None)
    return title if name.aside and title is not None and not is_name(title) else None


def merge_shifted(
    cells: dict[int, dict[int, list[Piece]]], edges: list[int]
) -> tuple[dict[int, dict[int, list[Piece]]], list[int]]:
    """The columns, each that stands a few cells right of the one before, holds text on no
    row that one does, and runs on from it or into it in mid-sentence from one row to the
    next, made one with it: the same column set a few cells further in on some rows
    (beside a box)."""
    merged = [
        column
        for column in range(1, len(edges))
        if shifted(edges, column) and runs_on(cells[column - 1], cells[column])
    ]
    for column in reversed(merged):
        cells[column - 1].update(cells[column])
        cells = {
            number - (number > column): rows for number, rows in cells.items() if number != column
        }
        edges = edges[:column] + edges[column + 1 :]
    return cells, edges


def runs_on(left: dict[int, list[Piece]], right: dict[int, list[Piece]]) -> bool:
    """Whether two columns' rows never meet and one's text goes on in mid-sentence right
    below the other's (a story's column, not two stories one above the other)."""
    return not left.keys() & right.keys() and any(
        number + 1 in below and not ends_part(above[number][-1].text)
        for above, below in ((left, right), (right, left))
        for number in above
    )


def top_row(block: Block) -> int:
    """A block's first row (to sort by)."""
    return block.top


def spaced_name(pieces: list[Piece]) -> list[Piece]:
    """A row's pieces, a name letter-spaced so wide that the extractor parted it (two to
    four single wide characters, nothing else on the row) made one piece again."""
    if not NAME_CHARS[0] <= len(pieces) <= NAME_CHARS[1] or not all(
        len(piece.text) == 1 and unicodedata.east_asian_width(piece.text) == "W"
        for piece in pieces
    ):
        return pieces
    start = pieces[0].start
    width = pieces[-1].start + pieces[-1].width - start
    return [Piece(start, " ".join(piece.text for piece in pieces), width)]


def beside_text(headline: Block, blocks: list[Block]) -> bool:
    """Whether a headline starts past where its column's lines right above and below it
    end: a banner set beside the column's text (narrowed for it), in the columns to its
    right only."""
    above = [
        block.ends[-1]
        for block in blocks
        if block.column == headline.column and 0 < headline.top - block.bottom <= NEAR_ROWS
    ]
    below = [
        block.ends[0]
        for block in blocks
        if block.column == headline.column and 0 < block.top - headline.bottom <= NEAR_ROWS
    ]
    return bool(above and below) and headline.start > max(above + below)


def without_art_title(pieces: list[Piece], edges: list[int]) -> list[Piece]:
    """A row's pieces less a drawing's title set on one line with its credit, right before
    it (`消费升级  翟桂溪作（新华社发）`): a few words under the art, no column's text, which
    would otherwise read into the sentence of the column it stands under. The credit stays,
    to be dropped as furniture."""
    width = span(edges, len(edges) - 1) or 0  # the columns' usual width
    return [
        piece
        for piece, following in zip(pieces, [*pieces[1:], None], strict=False)
        if following is None
        or not is_drawing_credit(following.text)
        or CLAUSE_MARKS.search(piece.text)
        or piece.width > width / 2
    ]


def drawn_again(rows: list[list[Piece]], number: int) -> bool:
    """Whether a row is a fake bold copy: a heavy line drawn twice a hair apart, the
    extractor reads its first words (or all of it) once more on a row of their own, right
    above the row that holds them all, at the same cell."""
    if len(rows[number]) != 1 or number + 1 >= len(rows) or not rows[number + 1]:
        return False
    copy, whole = rows[number][0], rows[number + 1][0]
    bare = copy.text.replace(" ", "")
    return (
        len(bare) >= NAME_CHARS[0]
        and abs(copy.start - whole.start) <= SLACK
        and whole.text.replace(" ", "").startswith(bare)
    )


def widen_headlines(blocks: list[Block], columns: int) -> None:
    """Let each headline set below text reach over the columns to its right that hold
    nothing on its rows or the rows next to them: set in a large face, a headline takes
    one cell a character in the extractor's text but spans those columns on the page. (A
    headline at the top cuts no band, and spread over columns that start lower down it
    would tie other stories to its own.)"""
    for block in blocks:
        if not title_like(block) or not any(
            block.column <= other.column <= block.reach
            and other.bottom < block.top
            and not title_like(other)
            for other in blocks
        ):
            continue
        while block.reach + 1 < columns and beside_is_free(block, blocks):
            block.reach += 1


def beside_is_free(headline: Block, blocks: list[Block]) -> bool:
    """Whether the column right of a headline's reach is its story's too: nothing of it on
    the headline's rows or the rows next to them (a name set under the title aside), or
    only text that opens a column of the story a few rows above the headline, right
    after the text above it ended (that text then reads in the headline's band)."""
    column = headline.reach + 1
    beside = [
        other
        for other in blocks
        if other.column == column
        and not is_name(other)
        and other.top <= headline.bottom + 1
        and other.bottom >= headline.top - 1
    ]
    if not beside:
        return True
    lead = lead_in(headline, [other for other in blocks if other.column == column])
    if lead is None or any(other.top < lead.top for other in beside):
        return False
    for other in blocks:
        if other.column == column and lead.top <= other.top < headline.top:
            other.under = headline.top
    return True


def lead_in(headline: Block, column: list[Block]) -> Block | None:
    """The block of a column that opens a story's column a few rows above its headline:
    the first to start there, body text (with clauses: a subhead or a stack of headlines
    beside it opens none), well below the body text above it (a picture, its credit, or
    space between), right after a block that ends a part."""
    starts = [
        block for block in column if headline.top - LEAD_ROWS <= block.top < headline.top
    ]
    if not starts:
        return None
    lead = min(starts, key=lambda block: block.top)
    before = [block for block in column if block.bottom < lead.top]
    body = [block for block in before if is_body(block)]
    if not body or not is_body(lead):
        return None
    last = max(before, key=lambda block: block.bottom)
    text = max(body, key=lambda block: block.bottom)
    opens = lead.top - text.bottom > LEAD_GAP and ends_part(last.lines[-1])
    return lead if opens else None


def is_body(block: Block) -> bool:
    """A block with a clause in it: body text, no headline, name or credit."""
    return any(CLAUSE_MARKS.search(line) for line in block.lines)


def title_like(block: Block) -> bool:
    """A block of a few lines with no clause in them, longer than a name: a headline's."""
    return (
        len(block.lines) <= TITLE_LINES
        and len("".join(block.lines).replace(" ", "")) > NAME_CHARS[1]
        and not any(CLAUSE_MARKS.search(line) for line in block.lines)
    )


def go_on_below(order: list[Block]) -> list[Block]:
    """The blocks with a column part that stops in mid-sentence followed by the part right
    below it in its column, where the band cut between them comes from a headline over
    other columns only (the column's text ran on beside it, so the rest of the band
    above is another story's)."""
    for block in list(order):
        below = [
            other
            for other in order
            if other.column == block.column and other.top > block.bottom
        ]
        if is_title(block) or block.display or ends_part(block.lines[-1]) or not below:
            continue
        after = min(below, key=lambda other: other.top)
        headed = any(
            other.crossing and other.column <= block.column <= other.reach
            for other in order
            if block.bottom < other.top < after.top
        )
        if (
            after.top - block.bottom <= GO_ON_GAP
            and not (after.display or headed or is_title(after))
            and order.index(after) > order.index(block) + 1
        ):
            order.remove(after)
            order.insert(order.index(block) + 1, after)
    return order


def is_title(block: Block) -> bool:
    """A block that crosses into the next column with no clause in it: a headline (a
    justified body line spaced out past the column's edge has its commas)."""
    return block.crossing and not any(CLAUSE_MARKS.search(line) for line in block.lines)


def ends_part(line: str) -> bool:
    """A line that ends a sentence (or opens a quote that follows)."""
    return line.rstrip()[-1:] in PART_ENDS


def names_under_titles(order: list[Block]) -> list[Block]:
    """The blocks with an author's name set under a title (one short line, a column or two
    to the right where the title is centred over the columns) read right after the title,
    not after the text of the columns to its left (a name set apart at a column's far
    side below a vertical title is that title's)."""
    names = [block for block in order if is_name(block) and not vertical_title(block, order)]
    for name in names:
        above = [
            block
            for block in order
            if block.bottom < name.top <= block.bottom + NAME_GAP
            and block.column <= name.column
            and len(block.lines) <= TITLE_LINES
            and not any(CLAUSE_MARKS.search(line) for line in block.lines)
        ]
        if above:
            title = max(above, key=lambda block: block.bottom)
            order.remove(name)
            order.insert(order.index(title) + 1, name)
    return order


def is_name(block: Block) -> bool:
    """One line of two to four wide characters, nothing else: a name."""
    return len(block.lines) == 1 and is_name_line(block.lines[0])


def is_name_line(line: str) -> bool:
    """A line of two to four wide characters, no marks: a name (which crosses no column
    edge: set centred under a title, it lands wherever the title's middle is)."""
    text = line.replace(" ", "")
    return (
        NAME_CHARS[0] <= len(text) <= NAME_CHARS[1]
        and all(unicodedata.east_asian_width(char) == "W" for char in text)
        and not SENTENCE_MARKS.search(text)
    )


def rows_of(text: str, wide: int) -> tuple[list[list[Piece]], list[int]]:
    """Each row's pieces, placed on a grid where a wide character takes `wide` cells
    (poppler counts one, as for any character; other tools two), and the column edges."""
    rows = []
    for line in text.expandtabs().splitlines():
        cells = [0]
        for char in line:
            cells.append(cells[-1] + (wide if unicodedata.east_asian_width(char) in "WF" else 1))
        rows.append(
            [
                Piece(start, match.group(), cells[match.end()] - start)
                for match in PIECE.finditer(line)
                for start in [cells[match.start()]]
            ]
        )
    return rows, column_edges(rows)


def at_edges(rows: list[list[Piece]], edges: list[int]) -> float:
    """The share of pieces that start at a column edge: how well a grid lines them up."""
    pieces = [piece for row in rows for piece in row]
    aligned = sum(
        1 for piece in pieces if any(edge - SLACK <= piece.start <= edge + SLACK for edge in edges)
    )
    return aligned / len(pieces) if pieces else 0.0


def column_edges(rows: list[list[Piece]]) -> list[int]:
    """The cells at which many rows start a piece (nearby starts counted as one edge, at
    its leftmost cell): the columns' left edges, left to right."""
    starts = Counter(piece.start for pieces in rows for piece in pieces)
    near = {cell: sum(starts[other] for other in range(cell - 1, cell + 2)) for cell in starts}
    needed = max(EDGE_ROWS, EDGE_SHARE * sum(1 for pieces in rows if pieces))
    peaks: list[int] = []
    for cell in sorted(near, key=lambda cell: (-near[cell], cell)):
        if near[cell] < needed:
            break
        if all(abs(cell - peak) > SAME_EDGE for peak in peaks):
            peaks.append(cell)
    edges = sorted(min(cell for cell in starts if abs(cell - peak) <= 1) for peak in peaks)
    return edges + edge_beyond(rows, edges) if edges else [0]


def edge_beyond(rows: list[list[Piece]], edges: list[int]) -> list[int]:
    """The edge of a short column set right of the page's last one (a photo's caption,
    a box): too few rows to count as a column's edge, but past where every line of the
    last column ends, and on rows one right under another, as a column's lines are (a
    title and a name set upright at the far side stand rows apart)."""
    reach = max(
        (
            piece.start + piece.width
            for pieces in rows
            for piece in pieces
            if edges[-1] - SLACK <= piece.start <= edges[-1] + SAME_EDGE
        ),
        default=0,
    )
    starts = {
        (number, piece.start)
        for number, pieces in enumerate(rows)
        for piece in pieces
        if piece.start > reach
    }
    stacked = [
        cell
        for number, cell in starts
        if any((number + 1, near) in starts for near in range(cell - 1, cell + 2))
    ]
    return [min(stacked)] if stacked else []


def solid_cells(rows: list[list[Piece]], edges: list[int]) -> int:
    """How many cells a wide character set solid takes on the page: two where a column's
    longest solid line (no spaces) fills about half the cells to the next column's edge
    (the extractor counted one cell a character), else one."""
    ratios = []
    for edge, following in zip(edges, edges[1:], strict=False):
        solid = [
            len(piece.text)
            for pieces in rows
            for piece in pieces
            if edge <= piece.start <= edge + SLACK and " " not in piece.text
        ]
        if solid:
            ratios.append((following - edge) / max(solid))
    ratios.sort()
    return 2 if ratios and ratios[len(ratios) // 2] >= SOLID_RATIO else 1


def starts_near(rows: list[list[Piece]], number: int, edge: int) -> bool:
    """A column edge holds at a row where rows nearby start pieces at it (a paragraph's
    indent included); the leftmost edge always does."""
    if edge == 0:
        return True
    nearby = rows[max(0, number - NEARBY_ROWS) : number + NEARBY_ROWS + 1]
    at_edge = sum(
        1
        for pieces in nearby
        for piece in pieces
        if edge - SLACK <= piece.start <= edge + SAME_EDGE
    )
    return at_edge >= 2


def column_blocks(
    cells: dict[int, list[Piece]],
    column: int,
    edges: list[int],
    solid: int,
    rows: list[list[Piece]],
) -> list[Block]:
    """A column's rows cut into blocks at blank rows and around rows that reach into the
    next column or hold a title set apart at its far side (each of those a block of its
    own; a name, or a line past a shifted edge only, reaches no further than its
    column); the lines of a subhead, which the
    extractor set rows apart (a display face is taller than the body's rows), kept
    together."""
    blocks: list[Block] = []
    width = column_width(cells, column, edges, solid)
    left, right = edges[column], edges[column] + width
    for number in sorted(cells):
        pieces = cells[number]
        reach = max(
            [other for other, edge in enumerate(edges) if edge + SLACK < pieces[-1].end(solid)]
            + [column]
        )
        line = "  ".join(piece.text for piece in pieces)
        if (reach == column + 1 and shifted(edges, reach)) or is_name_line(line):
            reach = column
        display = (
            pieces[-1].end(solid) - edges[column] <= DISPLAY_SHARE * width
            and not CLAUSE_MARKS.search(line)
        )
        last = blocks[-1] if blocks else None
        if last is not None and last.display and reach == column and not display:
            display = 1 < number - last.bottom <= STACK_GAP and mid_stack(
                line, number, cells, solid
            )
        alone = reach == column and (
            (number - 1 not in cells and set_aside(pieces[0], line, edges, column, solid))
            or name_aside(pieces, line, edges, column)
        )
        if last is not None and not (last.crossing or last.aside or alone) and reach == column and (
            last.bottom == number - 1
            or stacks_on(last, number, display)
            or (not display and interleaved(last, number, rows[number - 1], (left, right), solid))
        ):
            last.lines.append(line)
            last.starts.append(pieces[0].start)
            last.ends.append(pieces[-1].end(solid))
            last.bottom = number
            last.display = last.display and display
        else:
            block = Block([line], column, number, number, reach, display, aside=alone)
            block.starts, block.ends = [pieces[0].start], [pieces[-1].end(solid)]
            blocks.append(block)
    return blocks


def mid_stack(line: str, row: int, cells: dict[int, list[Piece]], solid: int) -> bool:
    """Whether a line with one comma inside it (none at its end), set rows apart below a
    stack's line, is its middle line: a subhead of two phrases wraps past its comma. It
    and the line set rows apart below it (no clause in it) end well short of where the
    column's lines usually end, as no body line does."""
    following = [number for number in cells if row + 1 < number <= row + STACK_GAP]
    marks = CLAUSE_MARKS.findall(line)
    if not following or row + 1 in cells or len(marks) != 1 or marks[0] not in COMMAS:
        return False
    below = cells[min(following)]
    usual = Counter(pieces[-1].end(solid) for pieces in cells.values()).most_common(1)[0][0]
    return (
        not CLAUSE_MARKS.search(line.rstrip()[-1])
        and not CLAUSE_MARKS.search("".join(piece.text for piece in below))
        and all(
            pieces[-1].end(solid) < usual - INDENT_CELLS * solid - SLACK
            for pieces in (cells[row], below)
        )
    )


def interleaved(
    block: Block, row: int, between: list[Piece], cells: tuple[int, int], solid: int
) -> bool:
    """Whether a line of running text two rows below a block of running text goes on it:
    the row between holds text of other columns only, none over this one's cells, where
    two columns set on baselines that differ share the extractor's rows by turns."""
    left, right = cells
    return (
        row - block.bottom == 2
        and not block.display
        and bool(between)
        and all(piece.end(solid) <= left or piece.start >= right for piece in between)
    )


def name_aside(pieces: list[Piece], line: str, edges: list[int], column: int) -> bool:
    """Whether a row holds only a name set past the middle of its column: an author's name
    set upright at the column's far side (beside the text, or under a vertical title)."""
    width = span(edges, column)
    return (
        len(pieces) == 1
        and width is not None
        and pieces[0].start - edges[column] > width / 2
        and is_name_line(line)
    )


def span(edges: list[int], column: int) -> int | None:
    """A column's width: to the next column's edge, or for the last column the columns'
    usual width (none on a page of one column)."""
    if column + 1 < len(edges):
        return edges[column + 1] - edges[column]
    gaps = sorted(right - left for left, right in zip(edges, edges[1:], strict=False))
    return gaps[len(gaps) // 2] if gaps else None


def set_aside(piece: Piece, line: str, edges: list[int], column: int, solid: int) -> bool:
    """Whether a row (below a blank one) holds a title set apart at the far side of its
    column (a vertical title beside the text, which the extractor reads as one row): one
    piece, longer than a name, with no sentence mark or bracket, that starts past the
    column's middle and runs past its far edge (the next column's, or a column's width on
    for the last; a page of one column has none)."""
    width = span(edges, column)
    return (
        width is not None
        and piece.text == line
        and piece.start - edges[column] > width / 2
        and piece.end(solid) > edges[column] + width + SLACK
        and len(line.replace(" ", "")) > NAME_CHARS[1]
        and not ASIDE_MARKS.search(line)
    )


def shifted(edges: list[int], column: int) -> bool:
    """Whether a column's edge stands less than half a column's width (the median gap
    between edges) right of the one before: the same column set a few cells further in
    elsewhere on the page, which text starting at the edge before does not cross."""
    gaps = sorted(right - left for left, right in zip(edges, edges[1:], strict=False))
    return edges[column] - edges[column - 1] < SHIFTED_SHARE * gaps[len(gaps) // 2]


def stacks_on(block: Block, row: int, display: bool) -> bool:
    """Whether a row a few rows below a block of display lines goes on it: another line
    of its stack, or the text that a stack of two lines or more (a subhead) heads."""
    return (
        block.display
        and row - block.bottom <= STACK_GAP
        and (display or len(block.lines) > 1)
    )


def column_width(cells: dict[int, list[Piece]], column: int, edges: list[int], solid: int) -> int:
    """How many cells a column's text takes: to the next column's edge, or for the last
    column as far as its lines reach."""
    if column + 1 < len(edges):
        return edges[column + 1] - edges[column]
    return max(pieces[-1].end(solid) for pieces in cells.values()) - edges[column]


def arrange(blocks: list[Block]) -> list[Block]:
    """Blocks in reading order: split at the column edges that no block crosses, each part
    read in turn (a part that no headline crosses joins the banded part to its left whose
    cuts it shares); a part that crossing blocks span is cut into bands at them; a band
    read column by column."""
    columns = sorted({block.column for block in blocks})
    if len(columns) <= 1:
        return sorted(blocks, key=lambda block: block.top)
    free = [
        right
        for left, right in zip(columns, columns[1:], strict=False)
        if not any(block.column <= left and block.reach >= right for block in blocks)
    ]
    bounds = [columns[0], *free, columns[-1] + 1]
    parts: list[list[Block]] = []
    for low, high in zip(bounds, bounds[1:], strict=False):
        part = [block for block in blocks if low <= block.column < high]
        if parts and banded_beside(parts[-1], part):
            parts[-1] += part
        else:
            parts.append(part)
    if len(parts) > 1:
        return [block for part in parts for block in arrange(part)]
    cuts = band_cuts(blocks)
    if cuts:
        top = min(block.row for block in blocks)
        bounds = [top, *cuts, max(block.bottom for block in blocks) + 1]
        return [
            block
            for low, high in zip(bounds, bounds[1:], strict=False)
            for block in arrange([block for block in blocks if low <= block.row < high])
        ]
    heads = [block for block in blocks if heads_band(block, blocks)]
    rest = [block for block in blocks if block not in heads]
    return sorted(heads, key=lambda block: block.top) + sorted(
        rest, key=lambda block: (block.column, block.top)
    )


def heads_band(block: Block, blocks: list[Block]) -> bool:
    """A crossing block with no text of the columns it spans above it: a headline that
    opens the band, read before its columns (a kicker left of its title included)."""
    return block.crossing and not any(
        not other.crossing and block.column <= other.column <= block.reach and other.row < block.top
        for other in blocks
    )


def band_cuts(blocks: list[Block]) -> list[int]:
    """The rows at which crossing blocks (headlines) cut the blocks into bands: each one's
    top, where no block runs on over it, and no headline stands right above it with
    nothing of their columns between (a kicker over its title: one stack)."""
    top = min(block.row for block in blocks)
    return sorted(
        {
            block.top
            for block in blocks
            if block.crossing
            and not block.topmost
            and block.top > top
            and not any(other.row < block.top <= other.bottom for other in blocks)
            and not any(stacked(other, block, blocks) for other in blocks)
        }
    )


def stacked(upper: Block, lower: Block, blocks: list[Block]) -> bool:
    """Whether a headline stands above another over shared columns with no other text of
    the lower one's columns between them: the two are one headline stack."""
    return (
        upper.crossing
        and upper.bottom < lower.top
        and max(upper.column, lower.column) <= min(upper.reach, lower.reach)
        and not any(
            lower.column <= other.column <= lower.reach and upper.bottom < other.top < lower.top
            for other in blocks
        )
    )


def banded_beside(left: list[Block], right: list[Block]) -> bool:
    """Whether columns that no headline crosses belong to the bands of the part to their
    left: that part is cut into bands, and these columns break their text at every cut,
    a sentence ending right above it (the stories of the bands run on into them)."""
    cuts = band_cuts(left)
    return (
        bool(cuts)
        and not any(block.crossing for block in right)
        and band_cuts([*left, *right]) == cuts
        and all(ends_above(right, column, cut) for cut in cuts for column in columns_of(right))
    )


def columns_of(blocks: list[Block]) -> set[int]:
    """The columns that the blocks stand in."""
    return {block.column for block in blocks}


def ends_above(blocks: list[Block], column: int, cut: int) -> bool:
    """Whether a column's text right above a cut ends a sentence (or there is none)."""
    above = [block for block in blocks if block.column == column and block.bottom < cut]
    return not above or ends_part(max(above, key=lambda block: block.bottom).lines[-1])
