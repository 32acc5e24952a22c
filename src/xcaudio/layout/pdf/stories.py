"""Which story each column piece belongs to, and the order its pieces are read in.

A story's headline spans the columns of its text, so a piece right under a headline that
reaches over its column (or under the author's name set under it) belongs to it, unless a
rule or a frame stands between them. Then a title set upright claims the text right
beside it, and last a headline further up that reaches over a piece. A piece none of
these claim goes with its column (the piece right above it, past a subhead) or with a
column beside it, no narrower, whose text starts level with its own: a story's columns
share one width and start together, under a headline that may be narrower than they
are. Nothing crosses a rule. Inside a story, columns are read left to right and each
column top to bottom, subheads where they stand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xcaudio.layout.leads import find_credit, find_lead
from xcaudio.layout.lines import join_lines
from xcaudio.layout.pdf.blocks import Block
from xcaudio.layout.pdf.glyphs import Box, PdfPage, union_box
from xcaudio.layout.pdf.roles import Stack

ABOVE_OVERLAP = 0.1
TRACK_OVERLAP = 0.6
LEVEL_OVERLAP = 0.3
RUN_ON_LINES = 2  # how far below the piece above a column's next piece may start, in ems
SUBHEAD_SHARE = 0.75  # a subhead set in its column is at most this share of its width
LEVEL_LINES = 2  # how far apart the tops of two columns of one story may stand, in ems


@dataclass
class Story:
    stack: Stack | None
    parts: list[Block] = field(default_factory=list)
    subheads: list[Block] = field(default_factory=list)

    @property
    def box(self) -> Box:
        boxes = [block.box for block in self.parts]
        if self.stack:
            boxes.append(self.stack.box)
        return union_box(boxes)


class Geometry:
    """The page's frames and rules, which keep stories apart, and its column pieces, which
    stand between a headline and text level with it that belongs to another story."""

    def __init__(self, page: PdfPage, body: float, pieces: list[Block]) -> None:
        self.page = page
        self.body = body
        self.pieces = pieces

    def container(self, box: Box) -> Box | None:
        """The innermost frame around the box's centre."""
        cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
        around = [
            frame for frame in self.page.frames
            if frame.x0 <= cx <= frame.x1 and frame.y0 <= cy <= frame.y1
        ]
        return min(around, key=lambda frame: frame.width * frame.height, default=None)

    def rule_between_rows(self, upper: Box, lower: Box) -> bool:
        """A rule across the gap between an upper box and a lower one, under the lower."""
        return any(
            rule.width > rule.height
            and upper.y1 - 2 <= (rule.y0 + rule.y1) / 2 <= lower.y0 + 2
            and rule.overlap_x(lower) >= 0.5 * lower.width
            for rule in self.page.rules
        )

    def rule_between_columns(self, first: Box, second: Box) -> bool:
        left, right = (first, second) if first.x0 <= second.x0 else (second, first)
        return any(
            rule.height > rule.width
            and left.x1 - 2 <= (rule.x0 + rule.x1) / 2 <= right.x0 + 2
            and rule.overlap_y(right) > 0
            for rule in self.page.rules
        )

    def text_between(self, first: Box, second: Box) -> bool:
        """A column piece standing wholly between two boxes set side by side, level with
        the second."""
        left, right = (first, second) if first.x0 <= second.x0 else (second, first)
        return any(
            piece.box.x0 >= left.x1 - 2 and piece.box.x1 <= right.x0 + 2
            and piece.box.overlap_y(second) > 0
            for piece in self.pieces
        )

    def above(self, box: Box, stacks: list[Stack]) -> Stack | None:
        """The nearest headline above the box that reaches over it, in the same frame, with
        no rule between."""
        home = self.container(box)
        candidates = [
            stack for stack in stacks
            if not stack.vertical
            and self.container(stack.box) == home
            and stack.box.y1 <= box.y0 + 0.5 * self.body
            and stack.box.overlap_x(box) >= ABOVE_OVERLAP * box.width
            and not self.rule_between_rows(stack.box, box)
        ]
        return max(candidates, key=lambda stack: (stack.box.y1, stack.box.overlap_x(box)),
                   default=None)

    def owner(self, box: Box, stacks: list[Stack]) -> Stack | None:
        """The stack whose story holds what stands in `box`: the headline above it that
        reaches over it, else the one level with it, else the closest one in the same
        frame that no rule keeps apart from it (a title centred over more columns than it
        spans, not the next story's across the rule below)."""
        above = self.above(box, stacks)
        if above is not None:
            return above
        home = self.container(box)
        mine = [stack for stack in stacks if self.container(stack.box) == home]
        level = [
            stack for stack in mine
            if stack.box.overlap_y(box) > 0
            and not self.rule_between_columns(stack.box, box)
            and not self.text_between(stack.box, box)
        ]
        if level:
            return min(level, key=lambda stack: _horizontal_gap(stack.box, box))
        unruled = [stack for stack in mine if not self.ruled_off(stack.box, box)] or mine
        return min(unruled, key=lambda stack: _distance(stack.box, box), default=None)

    def owners(self, boxes: list[Box], stacks: list[Stack]) -> list[Stack | None]:
        """The owner of each column piece, claimed in turn by the headline right over it
        (a few lines up), by a title set upright right beside it, and by a headline
        further up that reaches over it. After each round, a piece with no owner yet takes
        that of the piece right above it in its column (a column runs on down, past a
        subhead), or of a piece beside it no narrower whose text starts level with its
        own, no rule between (a story's columns share one width and start together under
        its headline, which may be narrower than they are). What is left, `owner` finds."""
        found: list[Stack | None] = [None] * len(boxes)
        for claim in (self.right_under, self.upright_beside, self.above):
            found = [
                owner or claim(box, stacks) for owner, box in zip(found, boxes, strict=True)
            ]
            self.spread(boxes, found)
        return [owner or self.owner(box, stacks) for owner, box in zip(found, boxes, strict=True)]

    def right_under(self, box: Box, stacks: list[Stack]) -> Stack | None:
        """The headline above the box that reaches over it, if the box starts right under
        it, or under the author's name set under it: a few lines below at most."""
        stack = self.above(box, stacks)
        if stack is None:
            return None
        foot = max([stack.box.y1, *(block.box.y1 for _, block in stack.bylines)])
        return stack if box.y0 - foot <= RUN_ON_LINES * self.body else None

    def spread(self, boxes: list[Box], found: list[Stack | None]) -> None:
        """Give each box with no owner yet its column's, or its neighbour's: see `owners`."""
        changed = True
        while changed:
            changed = False
            for index, box in enumerate(boxes):
                if found[index] is not None:
                    continue
                owned = [other for other, owner in enumerate(found) if owner is not None]
                source = self.run_on_from(box, [boxes[other] for other in owned])
                if source is None:
                    source = self.level_beside(box, [boxes[other] for other in owned])
                if source is not None:
                    found[index] = found[owned[source]]
                    changed = True

    def run_on_from(self, box: Box, others: list[Box]) -> int | None:
        """Which of the boxes stands right above the box in its column, a few lines up at
        most, no rule between (a story set below on columns of another width is none)."""
        above = [
            number for number, other in enumerate(others)
            if self.one_column(other, box)
            and 0 <= box.y0 - other.y1 <= RUN_ON_LINES * self.body
            and not self.rule_between_rows(other, box)
        ]
        return min(above, key=lambda number: box.y0 - others[number].y1, default=None)

    def one_column(self, first: Box, second: Box) -> bool:
        """Two boxes of one column: as wide, or a subhead (much narrower) within the width
        of the text."""
        narrow, wide = sorted((first, second), key=lambda box: box.width)
        return abs(first.width - second.width) <= self.body or (
            narrow.width <= SUBHEAD_SHARE * wide.width
            and narrow.x0 >= wide.x0 - 1
            and narrow.x1 <= wide.x1 + 1
        )

    def level_beside(self, box: Box, others: list[Box]) -> int | None:
        """Which of the boxes beside the box, no narrower, starts level with it (a line
        lower at most: a column may open with a subhead after a blank line), no rule or
        text between: the nearest."""
        beside = [
            number for number, other in enumerate(others)
            if abs(other.y0 - box.y0) <= LEVEL_LINES * self.body
            and other.width >= box.width - self.body
            and not self.rule_between_columns(other, box)
            and not self.text_between(other, box)
        ]
        return min(beside, key=lambda number: _horizontal_gap(others[number], box), default=None)

    def upright_beside(self, box: Box, stacks: list[Stack]) -> Stack | None:
        """A title set upright level with the box, right beside it: no rule or text between."""
        level = [
            stack for stack in stacks
            if stack.vertical
            and stack.box.overlap_y(box) > 0
            and self.container(stack.box) == self.container(box)
            and not self.rule_between_columns(stack.box, box)
            and not self.text_between(stack.box, box)
        ]
        return min(level, key=lambda stack: _horizontal_gap(stack.box, box), default=None)

    def ruled_off(self, first: Box, second: Box) -> bool:
        """A rule stands between the two boxes: across the gap between them, one above the
        other, or down the gutter between them, side by side."""
        upper, lower = (first, second) if first.y0 <= second.y0 else (second, first)
        return self.rule_between_rows(upper, lower) or self.rule_between_columns(first, second)


def _horizontal_gap(first: Box, second: Box) -> float:
    return max(first.x0 - second.x1, second.x0 - first.x1, 0.0)


def _distance(first: Box, second: Box) -> float:
    vertical = max(first.y0 - second.y1, second.y0 - first.y1, 0.0)
    return (_horizontal_gap(first, second) ** 2 + vertical**2) ** 0.5


def heads_a_story(stack: Stack, blocks: list[Block], stacks: list[Stack],
                  geometry: Geometry) -> bool:
    """A headline stands over its story: the nearest thing under it is running text (or,
    for a vertical title, text stands beside it). A slogan or series banner has another
    headline under it, or a rule, or nothing."""
    if stack.vertical:
        return True
    home = geometry.container(stack.box)
    below = [
        (item.box.y0, isinstance(item, Block))
        for item in [*blocks, *(other for other in stacks if other is not stack)]
        if item.box.y0 >= stack.box.y1 - 2
        and item.box.overlap_x(stack.box) > 0
        and geometry.container(item.box) == home
        and not geometry.rule_between_rows(stack.box, item.box)
    ]
    return bool(below) and min(below)[1]


def subhead_in_column(block: Block, pieces: list[Block], stacks: list[Stack],
                      geometry: Geometry) -> bool:
    """A subhead-shaped block is a subhead when running text stands right above it in its
    column, or its story's title does; a block with neither heads a story of its own, and
    so does one whose text opens with a lead or a byline (`本报讯（记者 …）`): a brief's
    one-column title, stacked under the story before it."""
    home = geometry.container(block.box)

    def in_column(piece: Block) -> bool:
        return (
            piece.box.overlap_x(block.box) >= 0.5 * block.box.width
            and geometry.container(piece.box) == home
        )

    below = [piece for piece in pieces if piece.box.y0 >= block.box.y1 - 2 and in_column(piece)]
    following = min(below, key=lambda piece: piece.box.y0, default=None)
    if following is not None and opens_a_story(following):
        return False
    distances = [
        block.box.y0 - piece.box.y1
        for piece in pieces
        if piece.box.y1 <= block.box.y0 + 2
        and in_column(piece)
        and not geometry.rule_between_rows(piece.box, block.box)
    ]
    if distances and min(distances) <= 4 * geometry.body:
        return True
    return geometry.above(block.box, stacks) is not None


def opens_a_story(piece: Block) -> bool:
    """Text that starts as only a story starts: a lead, or a byline block."""
    first = join_lines([line.text for line in piece.lines[:2]])
    return find_lead(first) is not None or find_credit(piece.lines[0].text) is not None


def reading_order(parts: list[Block]) -> list[Block]:
    """Columns left to right, each top to bottom. A column is a track of parts that overlap
    across most of the narrower one: a column that widens under a vertical title, or
    narrows beside a picture, is still one column."""
    track = list(range(len(parts)))

    def find(index: int) -> int:
        while track[index] != index:
            track[index] = track[track[index]]
            index = track[index]
        return index

    for first, one in enumerate(parts):
        for second in range(first + 1, len(parts)):
            other = parts[second]
            narrower = min(one.box.width, other.box.width)
            if one.box.overlap_x(other.box) >= TRACK_OVERLAP * narrower:
                track[find(first)] = find(second)
    left = {}
    for index, part in enumerate(parts):
        root = find(index)
        left[root] = min(left.get(root, part.box.x0), part.box.x0)
    order = sorted(range(len(parts)), key=lambda index: (left[find(index)], parts[index].box.y0))
    return [parts[index] for index in order]


def assemble(pieces: list[Block], subheads: list[Block], stacks: list[Stack],
             geometry: Geometry) -> list[Story]:
    """Every headline's story, and one of the pieces no headline claims; parts in reading
    order."""
    stories = {id(stack): Story(stack) for stack in stacks}
    orphans = Story(None)
    blocks = pieces + subheads
    owners = geometry.owners([block.box for block in blocks], stacks)
    for block, owner in zip(blocks, owners, strict=True):
        story = stories[id(owner)] if owner else orphans
        story.parts.append(block)
        if block in subheads:
            story.subheads.append(block)
    result = [story for story in stories.values() if story.parts]
    if orphans.parts:
        result.append(orphans)
    for story in result:
        story.parts = reading_order(story.parts)
    return result


def page_order(first: Story, second: Story) -> int:
    """Stories whose headlines stand level with each other are read left to right; others
    top to bottom."""
    one, other = (story.stack.box if story.stack else story.box for story in (first, second))
    level = one.overlap_y(other) >= LEVEL_OVERLAP * min(one.height, other.height)
    if level:
        return -1 if one.x0 < other.x0 else 1
    return -1 if one.y0 < other.y0 else 1
