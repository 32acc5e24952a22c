"""What each display block is: page furniture, a subhead inside a column, a byline, or part
of a story's headline stack (kicker, title, subtitle).

The cues are the compositor's: furniture sits in the page's head and foot bands or says what
furniture says (date line, page label, editor credits); a subhead is set inside one column
with running text above it (or right under its story's title); a byline is a few short
names in small type; everything else that is display type stacks into headlines, one
stack per story, its largest line the title.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from xcaudio.layout.leads import find_credit, furniture_words, is_furniture
from xcaudio.layout.lines import CJK, clean_headline
from xcaudio.layout.pdf.blocks import Block
from xcaudio.layout.pdf.glyphs import Box, PdfPage, union_box
from xcaudio.layout.pdf.lines import TextLine

HEAD_BAND = 0.04
HEAD_RULE_WIDTH = 0.5
HEAD_RULE_DEPTH = 0.2
MASTHEAD = re.compile(r"^今日\d+版$|^农历\S+年")
PAGE_REFERENCE = re.compile(r"\s*(第?\s*[A-Za-z]?\d{1,2}\s*版|[A-Za-z]\d{1,2})$")
FOOT_BAND = 0.02
PAGE_LABEL = re.compile(r"^(第\s*)?[A-Za-z]?\d{1,2}\s*(版)?\s*[\u4e00-\u9fff]{0,6}$")
DATE_LINE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|星期[一二三四五六日天]")
NAME_TOKEN = re.compile(f"[{CJK}·]{{1,8}}")
SUBHEAD_MAX_SIZE = 2.0
BYLINE_MAX_SIZE = 1.45
STACK_GAP = 2.5


@dataclass
class Stack:
    """A story's headline blocks, top to bottom; its title the largest."""

    blocks: list[Block]
    bylines: list[tuple[list[str], Block]] = field(default_factory=list)

    @cached_property
    def box(self) -> Box:
        return union_box([block.box for block in self.blocks])

    @cached_property
    def title(self) -> Block:
        return max(self.blocks, key=lambda block: (round(block.size, 1), -block.box.y0))

    @property
    def vertical(self) -> bool:
        return self.title.vertical


def head_rule(page: PdfPage) -> Box | None:
    """The rule under a masthead or running head: across most of the page, near its top."""
    rules = [
        rule for rule in page.rules
        if rule.width >= HEAD_RULE_WIDTH * page.width and rule.y1 <= HEAD_RULE_DEPTH * page.height
    ]
    return max(rules, key=lambda rule: rule.y1, default=None)


def is_page_furniture(block: Block, page: PdfPage) -> bool:
    """Head and foot bands (and what stands over the rule under a masthead), the date line,
    page number and label, editor credits, the paper's name."""
    box, text = block.box, clean_headline(block.text)
    in_bands = box.y1 <= HEAD_BAND * page.height or box.y0 >= (1 - FOOT_BAND) * page.height
    if in_bands and not block.body:
        return True
    rule = head_rule(page)
    if rule and box.y1 <= rule.y0 + 2 and box.overlap_x(rule) >= 0.5 * box.width:
        return True
    compact = text.replace(" ", "")
    if MASTHEAD.search(compact) or compact.endswith(furniture_words("masthead")):
        return True
    if is_furniture(text):
        return True
    near_top = box.y1 <= 0.1 * page.height
    return near_top and bool(DATE_LINE.search(text) or PAGE_LABEL.fullmatch(text))


@dataclass
class IndexBox:
    """A boxed list of headlines inside the paper, with their pages: furniture whose entries
    become the page's `headlines`."""

    frame: Box
    blocks: list[Block]
    entries: list[str]


def index_boxes(frames: list[Box], blocks: list[Block]) -> list[IndexBox]:
    """Frames whose lines, but for a heading like 导读, end in page references."""
    boxes: list[IndexBox] = []
    for frame in frames:
        inside = [block for block in blocks if frame.contains(block.box, margin=2)]
        rows = _rows([line for block in inside for line in block.lines])
        headings = furniture_words("index")
        lines = [row for row in rows if clean_headline(row).replace(" ", "") not in headings]
        referenced = [line for line in lines if PAGE_REFERENCE.search(line)]
        if lines and len(referenced) >= max(2, 0.6 * len(lines)):
            entries = [clean_headline(PAGE_REFERENCE.sub("", line)) for line in referenced]
            boxes.append(IndexBox(frame, inside, entries))
    return boxes


def _rows(lines: list[TextLine]) -> list[str]:
    """Lines that share a baseline read as one, left to right (an entry and its page)."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda item: (item.box.y0, item.box.x0)):
        if rows and rows[-1][-1].box.overlap_y(line.box) > 0.5 * line.box.height:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [" ".join(line.text for line in sorted(row, key=lambda item: item.box.x0))
            for row in rows]


def byline_names(block: Block, body: float) -> list[str] | None:
    """The names of a byline in small type (`陈曙光`, `叶 帆`, `汪 涛 吴光胜`), else None."""
    if block.size > BYLINE_MAX_SIZE * body:
        return None
    credit = find_credit(block.text)
    if credit:
        return credit.people
    tokens = block.text.split()
    if tokens and all(len(token) == 1 for token in tokens):
        tokens = ["".join(tokens)]
    names: list[str] = []
    for token in tokens:
        if not NAME_TOKEN.fullmatch(token):
            return None
        if len(token) == 1 and names and len(names[-1]) == 1:
            names[-1] += token
        else:
            names.append(token)
    if not names or not all(2 <= len(name) <= 4 or "·" in name for name in names):
        return None
    return names


def is_subhead_shaped(block: Block, body: float, column: float) -> bool:
    """Set inside one column, not much larger than the running text."""
    return (
        not block.vertical
        and block.size < SUBHEAD_MAX_SIZE * body
        and block.box.width <= column + 1.5 * body
    )


def stacks_of(blocks: list[Block], frame: Callable[[Box], Box | None]) -> list[Stack]:
    """Headline blocks grouped into stacks: blocks set close above or below each other and
    overlapping across, inside the same frame (a banner boxed over the page stacks with
    no title below its box); vertical titles stand alone."""
    groups: list[list[Block]] = []
    for block in sorted(blocks, key=lambda item: (item.box.y0, item.box.x0)):
        home = None
        if not block.vertical:
            home = next(
                (
                    group for group in groups
                    if _stacks_with(group, block) and frame(group[-1].box) == frame(block.box)
                ),
                None,
            )
        if home is None:
            groups.append([block])
        else:
            home.append(block)
    return [Stack(group) for group in groups]


def _stacks_with(group: list[Block], block: Block) -> bool:
    last = group[-1]
    if last.vertical:
        return False
    gap = block.box.y0 - last.box.y1
    reach = STACK_GAP * min(block.size, last.size)
    overlaps = union_box([member.box for member in group]).overlap_x(block.box) > 0
    return -0.5 * block.size <= gap <= reach and overlaps
