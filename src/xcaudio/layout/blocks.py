"""Sort the page's lines into running text and display lines, then into bodies.

Every line is judged by what a compositor would have done with it. Body text is set in
columns, so a body line that does not end a sentence fills its column; a line that stops
short, overruns the column, is letter-spaced, holds a phrase gap, or ends in a kicker's
`…时强调` is display type. A line that continues an open sentence is body text, whatever it
looks like. When a line could be either, the text that would follow it decides: a body
line must run on, line after line at column width, to the end of a sentence.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from enum import Enum
from functools import cache

from xcaudio.layout.leads import (
    Credit,
    find_credit,
    find_lead,
    find_marker,
    is_furniture,
    rejoin_markers,
)
from xcaudio.layout.lines import (
    CLOSERS,
    FUNCTION_CHARS,
    despace,
    ends_sentence,
    has_inner_punctuation,
    has_phrase_gap,
    has_punctuation,
    is_spaced_display,
    join_lines,
    unbalanced,
    undouble,
    visual_width,
)
from xcaudio.pronounce.readings import tokenizer

AUTHOR_NOTE = re.compile(r"[（(]\s*作\s*者")
KICKER_CUE = re.compile(r"(强调|指出|表示|要求|批准|提出|寄语|致信|时|之际|前夕|期间|以来|[：:])$")
SHORT_MARGIN = 2.5
LONG_MARGIN = 3.0
INDENT = 2.0
START_MARGIN = 0.5
COLUMN_TOLERANCE = 1.5
LOOKAHEAD_LINES = 40


class Role(Enum):
    PROSE = "prose"
    LEAD = "lead"
    DISPLAY = "display"
    CREDIT = "credit"
    FURNITURE = "furniture"
    NOTE = "note"


PUNCTUATION_WIDTHS = (0.5, 0.75, 1.0)


@dataclass
class Line:
    text: str
    blank_before: bool
    continued_on: str | None = None
    width: float = 0.0

    @property
    def closes_story(self) -> bool:
        """A continuation marker (`（下转第四版）`) ends the story on this page."""
        return self.continued_on is not None


@dataclass
class Body:
    """Running text of one story (or of one part of it, before subheads are merged)."""

    paragraphs: list[list[str]] = field(default_factory=list)
    subheads: set[int] = field(default_factory=set)
    has_lead: bool = False
    continued_on: str | None = None
    closed: bool = False
    note: list[str] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        """Each paragraph's lines re-joined, spaces still as extracted."""
        return [join_lines(lines) for lines in self.paragraphs]


@dataclass
class Display:
    """A line of display type, or a byline block / photo credit."""

    text: str
    blank_before: bool
    spaced: bool
    credit: Credit | None = None


def page_lines(text: str) -> list[Line]:
    """Non-blank lines with their continuation markers removed and remembered."""
    lines: list[Line] = []
    blank = True
    raws = undouble(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for raw in rejoin_markers(raws):
        stripped, continued_on = find_marker(raw)
        had_marker = stripped != raw
        if stripped:
            lines.append(Line(stripped, blank, continued_on))
            blank = False
        elif had_marker and lines:
            lines[-1].continued_on = lines[-1].continued_on or continued_on
        else:
            blank = True
    wrapped = [lines[index].text for index in wrapped_lines(lines)]
    punctuation = min(PUNCTUATION_WIDTHS, key=lambda width: irregularity(wrapped, width))
    for line in lines:
        line.width = visual_width(line.text, punctuation)
    return lines


def wrapped_lines(lines: list[Line]) -> list[int]:
    """Lines that surely wrap in a body column: punctuated, no sentence end, no lead."""
    return [
        index
        for index, line in enumerate(lines)
        if has_inner_punctuation(line.text)
        and not ends_sentence(line.text)
        and 6 <= visual_width(line.text) <= 40
        and not find_lead(line.text)
    ]


def irregularity(texts: list[str], punctuation: float) -> float:
    """How far wrapped lines stray from their neighbours' width when punctuation is set
    `punctuation` ems wide: least for the width the compositor used (squeezed or not)."""
    widths = [visual_width(text, punctuation) for text in texts]
    if len(widths) < 2:
        return 0.0
    deviations = []
    for number, width in enumerate(widths):
        near = widths[max(0, number - 3) : number] + widths[number + 1 : number + 4]
        deviations.append(abs(width - statistics.median(near)))
    return statistics.mean(deviations)


def column_widths(lines: list[Line]) -> list[float]:
    """For each line, the width of the body column around it (median of nearby wrapped lines)."""
    wrapped = wrapped_lines(lines)
    fallback = statistics.median(line.width for line in lines) if lines else 0.0
    widths = []
    for index in range(len(lines)):
        near = sorted(wrapped, key=lambda other: abs(other - index))[:6]
        widths.append(statistics.median(lines[other].width for other in near) if near else fallback)
    return widths


@cache
def _words(text: str) -> tuple[str, ...]:
    return tuple(tokenizer().cut(text, HMM=False))


def word_crosses(left: str, right: str) -> bool:
    """True when a dictionary word spans the line break: the line was cut mid-word."""
    tail, head = despace(left)[-3:], despace(right)[:3]
    if not tail or not head:
        return False
    position = 0
    for word in _words(tail + head):
        if position < len(tail) < position + len(word):
            return True
        position += len(word)
    return False


class Classifier:
    """Decides each line's role, left to right, with lookahead where a line is ambiguous."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.widths = column_widths(lines)

    def fixed_role(self, index: int, sentence_open: bool) -> Role | None:
        text = self.lines[index].text
        if is_furniture(text):
            return Role.FURNITURE
        if self.starts_lead(index):
            return Role.LEAD
        credit = find_credit(text)
        if credit and (credit.photo or not sentence_open):
            return Role.CREDIT
        if sentence_open:
            return None
        if text.startswith("——") or text.startswith("--"):
            return Role.DISPLAY
        if KICKER_CUE.search(text) and not has_inner_punctuation(text) and len(text) <= 25:
            return Role.DISPLAY
        return None

    def starts_lead(self, index: int) -> bool:
        following = self.lines[index + 1].text if index + 1 < len(self.lines) else ""
        return find_lead(self.lines[index].text + following) is not None

    def roles(self) -> list[Role]:
        roles: list[Role] = []
        sentence_open = False
        note = ""
        for index, line in enumerate(self.lines):
            if note or AUTHOR_NOTE.match(line.text):
                note = "" if not unbalanced(note + line.text) else note + line.text
                roles.append(Role.NOTE)
                continue
            role = self.fixed_role(index, sentence_open)
            if role is None:
                if sentence_open and not self.short_display(index):
                    role = Role.PROSE
                else:
                    after_display = not roles or roles[-1] in (Role.DISPLAY, Role.CREDIT)
                    role = self.start_role(index, after_display)
            roles.append(role)
            if role in (Role.PROSE, Role.LEAD):
                sentence_open = not (ends_sentence(line.text) or line.closes_story)
            elif role is not Role.FURNITURE:
                sentence_open = False
        return roles

    def short_display(self, index: int) -> bool:
        """Letter-spaced and short: display type even right after an unfinished sentence."""
        text = self.lines[index].text
        return (
            is_spaced_display(text)
            and not has_inner_punctuation(text)
            and self.lines[index].width < self.widths[index] - SHORT_MARGIN
        )

    def interrupts(self, index: int) -> bool:
        """A line no body line can run into: a lead, a byline, or the page's end."""
        if index >= len(self.lines):
            return True
        text = self.lines[index].text
        return self.starts_lead(index) or find_credit(text) is not None

    def start_role(self, index: int, after_display: bool) -> Role:
        """The role of a line that follows a finished sentence or display type.

        Such a line, if body text, opens a sentence: it is never wider than the column, and
        never much narrower unless it also ends the sentence. After display type it opens a
        paragraph, so it is indented as well.
        """
        line = self.lines[index]
        text, width, column = line.text, line.width, self.widths[index]
        if has_inner_punctuation(text):
            if not ends_sentence(text) and not line.closes_story and self.interrupts(index + 1):
                return Role.DISPLAY
            return Role.PROSE
        if ends_sentence(text) or line.closes_story:
            return Role.PROSE
        if is_spaced_display(text) or has_phrase_gap(text):
            return Role.DISPLAY
        if self.interrupts(index + 1):
            return Role.DISPLAY
        if self.runs_into(index):
            return Role.PROSE
        if width < column - INDENT - COLUMN_TOLERANCE:
            return Role.DISPLAY
        if width > column + START_MARGIN and self.lines[index + 1].width <= column + LONG_MARGIN:
            return Role.DISPLAY
        if after_display and (width > column - INDENT + START_MARGIN or self.matches_above(index)):
            return Role.DISPLAY
        return Role.PROSE if self.runs_on(index) else Role.DISPLAY

    def matches_above(self, index: int) -> bool:
        """Set right below an unpunctuated display line, as wide as it: its next line."""
        if index == 0 or self.lines[index].blank_before:
            return False
        above = self.lines[index - 1]
        return (
            not has_punctuation(above.text)
            and abs(above.width - self.lines[index].width) <= START_MARGIN
        )

    def runs_into(self, index: int) -> bool:
        """Plain signs that a line breaks off mid-phrase: a split word, a dangling 的 or 和,
        an enumeration (、), a trailing comma, or a next line that opens with punctuation."""
        text, following = self.lines[index].text, self.lines[index + 1].text
        return (
            "、" in text
            or text[-1] in FUNCTION_CHARS
            or text[-1] in "，；：,;:"
            or following[0] in CLOSERS + "，、。；：！？"
            or word_crosses(text, following)
        )

    def runs_on(self, index: int) -> bool:
        """Whether the lines from here read as running text, up to a line that ends a
        sentence or is plainly prose (punctuated and column-wide). Lines on the way fill
        the column, as wrapped lines do, and unpunctuated ones the same column; headline
        lines seldom do."""
        unpunctuated: list[float] = []
        for offset in range(1, LOOKAHEAD_LINES):
            current = index + offset
            if current >= len(self.lines) or self.interrupts(current):
                return False
            line, column = self.lines[current], self.widths[current]
            text = line.text
            if text.startswith("——") or self.short_display(current) or has_phrase_gap(text):
                return False
            if ends_sentence(text) or line.closes_story:
                return line.width <= column + LONG_MARGIN
            if not column - COLUMN_TOLERANCE <= line.width <= column + LONG_MARGIN:
                return False
            if has_inner_punctuation(text):
                return True
            unpunctuated.append(line.width)
            if max(unpunctuated) - min(unpunctuated) > COLUMN_TOLERANCE or not (
                column - COLUMN_TOLERANCE <= line.width <= column + COLUMN_TOLERANCE
            ):
                return False
        return False


def paragraph_ends(
    lines: list[Line], roles: list[Role], widths: list[float], index: int, first: bool
) -> bool:
    """A sentence end on a short line (for a paragraph's first line, short of its indent),
    or followed by anything but more prose, or by a blank line and a line that could open
    a paragraph (one that fills the column and runs on cannot: the blank line is stray)."""
    line = lines[index]
    if line.closes_story:
        return True
    if not ends_sentence(line.text):
        return False
    following = index + 1
    if following >= len(lines) or roles[following] is not Role.PROSE:
        return True
    indent = INDENT if first else 0.0
    if line.width < widths[index] - indent - COLUMN_TOLERANCE:
        return True
    after = lines[following]
    column = widths[following]
    fills = column - INDENT + COLUMN_TOLERANCE < after.width <= column + LONG_MARGIN
    return after.blank_before and (ends_sentence(after.text) or not fills)


def segment(text: str) -> list[Body | Display]:
    """The page as a sequence of bodies and display lines, in page order."""
    lines = page_lines(text)
    classifier = Classifier(lines)
    roles = classifier.roles()
    items: list[Body | Display] = []
    body: Body | None = None
    paragraph: list[str] = []

    def close_paragraph() -> None:
        nonlocal paragraph
        if body is not None and paragraph:
            body.paragraphs.append(paragraph)
        paragraph = []

    for index, (line, role) in enumerate(zip(lines, roles, strict=True)):
        if role is Role.FURNITURE:
            continue
        if role is Role.NOTE:
            owner = body or next((item for item in reversed(items) if isinstance(item, Body)), None)
            if owner is not None:
                owner.note.append(line.text)
            continue
        if role in (Role.DISPLAY, Role.CREDIT):
            close_paragraph()
            body = None
            credit = find_credit(line.text) if role is Role.CREDIT else None
            spaced = is_spaced_display(line.text)
            items.append(Display(line.text, line.blank_before, spaced, credit))
            continue
        if role is Role.LEAD or body is None or body.closed:
            close_paragraph()
            body = Body(has_lead=role is Role.LEAD)
            items.append(body)
        paragraph.append(line.text)
        if line.continued_on:
            body.continued_on = line.continued_on
        if paragraph_ends(lines, roles, classifier.widths, index, len(paragraph) == 1):
            close_paragraph()
        if line.closes_story:
            body.closed = True
    close_paragraph()
    return split_captions(items)


def split_captions(items: list[Body | Display]) -> list[Body | Display]:
    """Cut a photo caption off the story it was read into.

    A caption whose headline line was taken for a paragraph's first line runs on from the
    story before it, up to the credit. A story with a lead does not end in a photo credit
    by itself; when its last paragraph opens with an unpunctuated line, that paragraph is
    the caption.
    """
    result: list[Body | Display] = []
    for item in items:
        previous = result[-1] if result else None
        if (
            isinstance(item, Display)
            and item.credit
            and item.credit.photo
            and isinstance(previous, Body)
            and previous.has_lead
            and len(previous.paragraphs) >= 2
            and not has_punctuation(previous.paragraphs[-1][0])
        ):
            result.append(Body(paragraphs=[previous.paragraphs.pop()], closed=True))
        result.append(item)
    return result
