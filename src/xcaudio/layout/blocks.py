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
from functools import cache, lru_cache

from xcaudio.layout.leads import (
    SURNAMES,
    Credit,
    find_credit,
    find_lead,
    find_marker,
    is_furniture,
    is_source_label,
    rejoin_markers,
)
from xcaudio.layout.lines import (
    CJK,
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
OPENERS = "“‘《〈（(「『【"
NO_OPENING = CLOSERS + "，、。；：！？,.;:!?"
HANGING_MARKS = "，、；：。！？”’）》,;:.!?"  # may hang out of the column at a line's end
SENTENCE_MARKS = re.compile("[，。；！？,;!?]")
STACK_LINES = 5
SOURCE_LINES = 4
ABOVE_LINES = 3
KICKER_CUE = re.compile(r"(强调|指出|表示|要求|批准|提出|寄语|致信|时|之际|前夕|期间|以来|[：:])$")
SHORT_MARGIN = 2.5
LONG_MARGIN = 3.0
INDENT = 2.0
INDENT_MARK = "\u3000"
START_MARGIN = 0.5
COLUMN_TOLERANCE = 1.5
LOOKAHEAD_LINES = 40
NAME_SPAN = 80  # lines an upright name's characters may be read apart


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
    block: int = 0  # which run of lines between blank lines it stands in
    indent: bool = False  # set in by an ideographic space, as a paragraph's first line
    story_break: bool = False  # `pieces`: the text read before it is another story's

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
    set_apart: bool = True  # a blank line stands before its first line
    goes_on: bool = False  # its first line opens no paragraph: it goes on with text elsewhere

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
    block = 0
    raws = undouble(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for raw, source in zip(rejoin_markers(raws), raws, strict=True):
        stripped, continued_on = find_marker(raw)
        had_marker = stripped != raw
        if stripped:
            block += blank and bool(lines)
            indent = source.startswith(INDENT_MARK)
            lines.append(Line(stripped, blank, continued_on, block=block, indent=indent))
            blank = False
        elif had_marker and lines:
            lines[-1].continued_on = lines[-1].continued_on or continued_on
        else:
            blank = True
    return measured(rejoin_split_lines(measured(upright_names(lines))))


def upright_names(lines: list[Line]) -> list[Line]:
    """An author's name set upright beside an essay's text, one character a line: the
    extractor reads its surname right under the title, or on a line of its own among the
    text, and the given name on a line of its own further on. The two make one name line
    where the surname stood."""
    lone = re.compile(f"^[{CJK}]$")
    index = 1
    while index < len(lines) - 1:
        line, above = lines[index], lines[index - 1]
        under_title = not line.blank_before and not has_punctuation(above.text)
        surname = (
            line.text in SURNAMES
            and (under_title or line.blank_before)
            and lines[index + 1].blank_before
            and not lone.match(above.text)
        )
        given = next(
            (
                number
                for number in range(index + 1, min(len(lines), index + NAME_SPAN))
                if lone.match(lines[number].text) and lines[number].blank_before
            ),
            None,
        )
        if surname and given is not None:
            line.text += lines[given].text
            if given + 1 < len(lines):
                lines[given + 1].blank_before = True
            del lines[given]
        index += 1
    return lines


def measured(lines: list[Line]) -> list[Line]:
    """The lines with their widths, punctuation set as wide as the page's wrapped lines say
    (squeezed or not)."""
    wrapped = [lines[index].text for index in wrapped_lines(lines)]
    punctuation = min(PUNCTUATION_WIDTHS, key=lambda width: irregularity(wrapped, width))
    for line in lines:
        line.width = visual_width(line.text, punctuation)
    return lines


def rejoin_split_lines(lines: list[Line]) -> list[Line]:
    """Set whole again a printed line the extractor broke at the wide gap before an opening
    quote or bracket (`许昌市委组织部制定` / `“双报到、双报告…`): the two parts together are no
    wider than the column (a mark may hang out of it). A part that ends a sentence and is
    no wider than an indent is rather a paragraph's last line, and the quote opens the next
    paragraph; an author note always opens its own line."""
    widths = column_widths(lines)
    result: list[Line] = []
    for index, (line, column) in enumerate(zip(lines, widths, strict=True)):
        previous = result[-1] if result else None
        if (
            previous is not None
            and not line.blank_before
            and line.text.lstrip()[:1] in OPENERS
            and previous.width + line.width <= column + COLUMN_TOLERANCE + hanging(line.text)
            and not falls_short(lines, index + 1, column)
            and not (ends_sentence(previous.text) and previous.width <= INDENT + COLUMN_TOLERANCE)
            and not AUTHOR_NOTE.match(line.text)
        ):
            previous.text = join_lines([previous.text, line.text])
            previous.width += line.width
            previous.continued_on = line.continued_on or previous.continued_on
            continue
        result.append(line)
    return result


def falls_short(lines: list[Line], index: int, column: float) -> bool:
    """A line set right below that runs on, yet falls short of the column even as a
    paragraph's indented first line: the column measured takes in wider lines further
    on (it widens below a picture or a headline), and the lines here are set narrower."""
    if index >= len(lines) or lines[index].blank_before:
        return False
    line = lines[index]
    return not ends_sentence(line.text) and line.width < column - INDENT - COLUMN_TOLERANCE


def hanging(text: str) -> float:
    """How far a line's last character may stand out of the column: a punctuation mark
    hangs in the margin (or is squeezed), up to its whole width."""
    return 1.0 if text.rstrip()[-1:] in HANGING_MARKS else 0.0


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
    """For each line, the width of the body column around it: the upper median of nearby
    wrapped lines (more fall short of the column, indented or measured tight, than
    overrun it), those between the same blank lines first (an extractor parts columns,
    and stories, by blank lines; one story's column may be wider than its neighbour's)."""
    wrapped = wrapped_lines(lines)
    fallback = statistics.median(line.width for line in lines) if lines else 0.0
    widths = []
    for index in range(len(lines)):
        block = lines[index].block
        near = sorted(wrapped, key=lambda other: (lines[other].block != block, abs(other - index)))
        near = sorted(lines[other].width for other in near[:6])
        widths.append(near[len(near) // 2] if near else fallback)
    return widths


@cache
def _words(text: str) -> tuple[str, ...]:
    return tuple(tokenizer().cut(text, HMM=False))


@lru_cache(maxsize=4096)
def _despaced(text: str) -> str:
    """A line without the extractor's spaces, kept: each line meets many at a break."""
    return despace(text)


def word_crosses(left: str, right: str) -> bool:
    """True when a dictionary word spans the line break: the line was cut mid-word."""
    tail, head = _despaced(left)[-3:], _despaced(right)[:3]
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
        if credit and (credit.photo or not sentence_open or self.set_in(index, credit)):
            return Role.CREDIT
        if sentence_open:
            return None
        if text.startswith("——") or text.startswith("--"):
            return Role.DISPLAY
        if (
            KICKER_CUE.search(text)
            and not has_inner_punctuation(text)
            and len(text) <= 25
            and not self.word_runs_over(index)
        ):
            return Role.DISPLAY
        return None

    def goes_on(self, index: int) -> bool:
        """A line of running text that opens no paragraph: not indented (unless a sentence
        also ends on it), or opening with a mark no line can open with."""
        line = self.lines[index]
        unindented = line.width > self.widths[index] - INDENT + START_MARGIN
        return unindented or ends_sentence(line.text) or line.text[0] in NO_OPENING

    def set_in(self, index: int, credit: Credit) -> bool:
        """An author's name set among the lines of a column (upright beside the text, read
        in with it): names alone, well short of the column, that no word runs into."""
        line = self.lines[index]
        return (
            credit.names_only
            and line.width < self.widths[index] - INDENT - COLUMN_TOLERANCE
            and index > 0
            and not word_crosses(self.lines[index - 1].text, line.text)
        )

    def word_runs_over(self, index: int) -> bool:
        """The line's last word goes on in the next line (`…开会的时` / `候，…`): no kicker's cue
        (`…时`), which ends its phrase."""
        following = index + 1
        return following < len(self.lines) and word_crosses(
            self.lines[index].text, self.lines[following].text
        )

    def starts_lead(self, index: int) -> bool:
        following = self.lines[index + 1].text if index + 1 < len(self.lines) else ""
        return find_lead(self.lines[index].text + following) is not None

    def roles(self, *, fresh_pieces: bool = False) -> list[Role]:
        """Each line's role; with `fresh_pieces`, each run of lines after a blank line is
        judged as if no sentence were open before it (the text before may not be its own)."""
        roles: list[Role] = []
        sentence_open = False
        note = ""
        stack_end = 0
        source_end = 0
        for index, line in enumerate(self.lines):
            if fresh_pieces and line.blank_before:
                sentence_open = False
            if index < source_end or not sentence_open and is_source_label(line.text):
                source_end = max(source_end, self.source_end(index))
                roles.append(Role.FURNITURE)
                continue
            if note or AUTHOR_NOTE.match(line.text):
                note = "" if not unbalanced(note + line.text) else note + line.text
                roles.append(Role.NOTE)
                continue
            role = self.fixed_role(index, sentence_open)
            if role is None:
                if index < stack_end:
                    role = Role.DISPLAY
                elif self.marked_opening(index) or (
                    sentence_open
                    and not self.short_display(index)
                    and not (roles[-1] is Role.PROSE and self.apart(index))
                    and not self.heads_paragraph(index)
                ):
                    role = Role.PROSE
                elif (depth := self.stack_depth(index)) > 1:
                    role, stack_end = Role.DISPLAY, index + depth
                else:
                    after_display = not roles or roles[-1] in (Role.DISPLAY, Role.CREDIT)
                    role = self.start_role(index, after_display)
            roles.append(role)
            if role in (Role.PROSE, Role.LEAD):
                sentence_open = not (ends_sentence(line.text) or line.closes_story)
            elif role is not Role.FURNITURE and not self.set_in_name(index, sentence_open):
                sentence_open = False
        return roles

    def source_end(self, index: int) -> int:
        """Where the source line under a chart that starts here ends: at its sentence's end,
        a blank line, or after a few lines (a source line is short)."""
        text = ""
        for end in range(index, min(len(self.lines), index + SOURCE_LINES)):
            line = self.lines[end]
            if end > index and line.blank_before:
                return end
            text += line.text
            if ends_sentence(text) and not unbalanced(text):
                return end + 1
        return index + 1

    def marked_opening(self, index: int) -> bool:
        """A line marked as set an indent in that fills the rest of its column and runs on:
        a paragraph's first line, however the extractor broke the line after it (a
        centred subhead, also set in a little, falls well short of the column)."""
        line = self.lines[index]
        return (
            line.indent
            and not ends_sentence(line.text)
            and line.width >= self.widths[index] - INDENT - COLUMN_TOLERANCE
        )

    def set_in_name(self, index: int, sentence_open: bool) -> bool:
        """An author's name read in among the lines of an unfinished sentence, which goes
        on after it."""
        credit = find_credit(self.lines[index].text)
        return bool(sentence_open and credit and not credit.photo)

    def stack_depth(self, index: int) -> int:
        """How many lines from here form a centred stack: a subhead (or a title) set in
        two to five lines, each well short of the column, with no sentence punctuation, one
        phrase whose words may run over from line to line. Running text never breaks a
        sentence on a short line. A stack of two phrases may hold a comma inside a line
        (never at a line's end, as a poem's lines have) when it stands right above the
        indented first line of the text it heads."""
        depth = 0
        marked = False
        while depth < STACK_LINES and index + depth < len(self.lines):
            current = index + depth
            line = self.lines[current]
            if (
                (depth and line.blank_before)
                or line.width >= self.widths[current] - INDENT - COLUMN_TOLERANCE
                or SENTENCE_MARKS.search(line.text.rstrip()[-1])
                or find_credit(line.text)
                or self.marked_opening(current)
            ):
                break
            marked = marked or bool(SENTENCE_MARKS.search(line.text))
            depth += 1
        if marked and not self.opens_paragraph(index + depth):
            return 0
        return depth

    def heads_paragraph(self, index: int) -> bool:
        """A centred stack set apart by a blank line, right above the indented first line
        of a paragraph: a subhead, even after an unfinished sentence (the sentence goes on
        in a column the extractor read elsewhere; running text never breaks on short
        lines only to open a paragraph right after)."""
        depth = self.stack_depth(index)
        return self.lines[index].blank_before and depth > 1 and self.opens_paragraph(index + depth)

    def opens_paragraph(self, index: int) -> bool:
        """A line set right below, an indent in from a full column, that runs on."""
        return (
            index < len(self.lines)
            and not self.lines[index].blank_before
            and indented(self.lines, self.widths, index)
        )

    def apart(self, index: int) -> bool:
        """Display type set apart by a blank line after an unfinished sentence (a headline
        between two pieces of columns): unpunctuated, running into no next line, and far
        wider than the column, narrower than an indented line, letter-spaced or with a
        phrase gap; unless the line above plainly breaks off (a word cut in two, a dangling
        的 or comma)."""
        line, column = self.lines[index], self.widths[index]
        displayed = (
            line.width > column + LONG_MARGIN
            or line.width < column - INDENT - START_MARGIN
            or is_spaced_display(line.text)
            or has_phrase_gap(line.text)
        )
        return (
            line.blank_before
            and displayed
            and not has_punctuation(line.text)
            and not self.breaks_off(index - 1)
            and not (index + 1 < len(self.lines) and self.breaks_off(index))
        )

    def short_display(self, index: int) -> bool:
        """Letter-spaced and short: display type even right after an unfinished sentence,
        unless it runs into the next line itself (a column narrowed beside a picture or a
        banner, its few characters spaced out to fill it)."""
        text = self.lines[index].text
        return (
            is_spaced_display(text)
            and not has_inner_punctuation(text)
            and self.lines[index].width < self.widths[index] - SHORT_MARGIN
            and not (index + 1 < len(self.lines) and self.runs_into(index))
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
        paragraph, so it is indented as well, unless a blank line sets it apart and it fills
        the column: then it may go on with text that the extractor put elsewhere.
        """
        line = self.lines[index]
        text, width, column = line.text, line.width, self.widths[index]
        if SENTENCE_MARKS.search(text.rstrip()[:-1]) or (
            has_inner_punctuation(text) and not self.alone(index)
        ):
            if not ends_sentence(text) and not line.closes_story and self.interrupts(index + 1):
                return Role.DISPLAY
            return Role.PROSE
        if ends_sentence(text) or line.closes_story:
            return Role.PROSE
        if has_phrase_gap(text) or is_spaced_display(text) and not self.justified(index):
            return Role.DISPLAY
        if self.interrupts(index + 1):
            return Role.DISPLAY
        if self.runs_into(index) and not self.left_open(index + 1):
            return Role.PROSE
        if width < column - INDENT - COLUMN_TOLERANCE:
            return Role.DISPLAY
        if width > column + START_MARGIN and self.lines[index + 1].width <= column + LONG_MARGIN:
            return Role.DISPLAY
        piece = line.blank_before and width >= column - COLUMN_TOLERANCE
        if after_display and not piece and (
            width > column - INDENT + START_MARGIN or self.matches_above(index)
        ):
            return Role.DISPLAY
        return Role.PROSE if self.runs_on(index) else Role.DISPLAY

    def left_open(self, index: int) -> bool:
        """A line short of its column that ends no sentence, clause or phrase, and after it
        a blank line, a lead, a byline or the page's end: running text never stops so. A
        headline's last line does (a title wrapped mid-word, `…卫生服` / `务站完成改造`)."""
        if index >= len(self.lines):
            return False
        line = self.lines[index]
        return (
            line.width < self.widths[index] - COLUMN_TOLERANCE
            and not has_punctuation(line.text[-1])
            and (self.interrupts(index + 1) or self.lines[index + 1].blank_before)
        )

    def justified(self, index: int) -> bool:
        """A body line spaced out to fill its column (less an indent, if it opens a
        paragraph), running on into the lines after it: letter-spacing that is no display.
        The column may be the one just above, set narrower beside a picture or a vertical
        title, which widens below the line."""
        line = self.lines[index]
        fits = any(
            column - INDENT - COLUMN_TOLERANCE <= line.width <= column + COLUMN_TOLERANCE
            for column in (self.widths[index], self.column_above(index))
        )
        runs = index + 1 < len(self.lines) and (self.runs_into(index) or self.runs_on(index))
        return fits and runs

    def column_above(self, index: int) -> float:
        """The width of the column the lines right above fill (the widest of a few, set
        together with this one): 0 if a blank line parts them."""
        widths = []
        for above in range(index - 1, max(-1, index - 1 - ABOVE_LINES), -1):
            if self.lines[above + 1].blank_before:
                break
            widths.append(self.lines[above].width)
        return max(widths, default=0.0)

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
        """Plain signs that a line breaks off mid-phrase: an enumeration (、) in it, or it
        breaks off."""
        return "、" in self.lines[index].text or self.breaks_off(index)

    def breaks_off(self, index: int) -> bool:
        """A line that ends in mid-phrase: a split word, a dangling 的 or 和, a trailing
        comma, or a next line that opens with punctuation."""
        text, following = self.lines[index].text, self.lines[index + 1].text
        return (
            text[-1] in FUNCTION_CHARS
            or text[-1] in "，；：、,;:"
            or following[0] in CLOSERS + "，、。；：！？"
            or word_crosses(text, following)
        )

    def alone(self, index: int) -> bool:
        """The line stands between blank lines (or the page's end)."""
        following = index + 1
        return self.lines[index].blank_before and (
            following >= len(self.lines) or self.lines[following].blank_before
        )

    def runs_on(self, index: int) -> bool:
        """Whether the lines from here read as running text, up to a line that ends a
        sentence or is plainly prose (punctuated and column-wide). Lines on the way fill
        the column, as wrapped lines do, and unpunctuated ones the same column; headline
        lines seldom do. An unpunctuated line standing alone between blank lines right after
        the line is no running text."""
        unpunctuated: list[float] = []
        for offset in range(1, LOOKAHEAD_LINES):
            current = index + offset
            if current >= len(self.lines) or self.interrupts(current):
                return False
            line, column = self.lines[current], self.widths[current]
            text = line.text
            if offset == 1 and self.alone(current) and not SENTENCE_MARKS.search(text):
                return False
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
    if not after.blank_before:
        return indented(lines, widths, following)
    return ends_sentence(after.text) or not fills


def indented(lines: list[Line], widths: list[float], index: int) -> bool:
    """A line that runs on (no sentence ends on it) set an indent in from the column and
    from the line after it: a paragraph's first line, where the extractor left no blank
    line before it. A mark that ends the line may hang out of the column."""
    line = lines[index]
    if index + 1 >= len(lines) or ends_sentence(line.text) or line.closes_story:
        return False
    if line.indent or marks_indents(lines):
        return line.indent
    column = widths[index]
    full = max(column, min(lines[index + 1].width, column + START_MARGIN))
    slack = START_MARGIN + hanging(line.text) / 2
    return full - INDENT - COLUMN_TOLERANCE <= line.width <= full - INDENT + slack


def marks_indents(lines: list[Line]) -> bool:
    """Whether the text marks paragraph indents (ideographic spaces, as the columns'
    reading sets them where a line starts in from its column's edge): a line without the
    mark stands at the edge, however short its text measures."""
    return any(line.indent for line in lines)


def segment(lines: list[Line]) -> list[Body | Display]:
    """The page's lines as a sequence of bodies and display lines, in page order."""
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
        if line.story_break:  # the text before is another story's: it ends there
            close_paragraph()
            last = next((item for item in reversed(items) if isinstance(item, Body)), None)
            if last is not None:
                last.closed = True
        if role is Role.FURNITURE:
            continue
        if role is Role.NOTE:
            close_paragraph()
            owner = body or next((item for item in reversed(items) if isinstance(item, Body)), None)
            if owner is not None:
                owner.note.append(line.text)
                owner.closed = True  # the author note ends the essay
            continue
        set_in = body is not None and paragraph and not ends_sentence(paragraph[-1])
        if role is Role.CREDIT and set_in:
            # a name set in beside the text: it goes with the text, which goes on after it
            at = next(number for number, item in enumerate(items) if item is body)
            items.insert(at, Display(line.text, True, False, find_credit(line.text)))
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
            body = Body(
                has_lead=role is Role.LEAD,
                set_apart=line.blank_before,
                goes_on=role is Role.PROSE and classifier.goes_on(index),
            )
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
    story before it, up to the credit. A story does not end in a photo credit by itself:
    its last paragraph is the caption when it is set at another width than the one before
    (a caption spans its photo, not a column), or, after a lead, opens with an
    unpunctuated line.
    """
    result: list[Body | Display] = []
    for item in items:
        previous = result[-1] if result else None
        if (
            isinstance(item, Display)
            and item.credit
            and item.credit.photo
            and isinstance(previous, Body)
            and len(previous.paragraphs) >= 2
            and (
                previous.has_lead and not has_punctuation(previous.paragraphs[-1][0])
                or set_otherwise(previous.paragraphs[-1], previous.paragraphs[-2])
            )
        ):
            result.append(Body(paragraphs=[previous.paragraphs.pop()], closed=True))
        result.append(item)
    return result


def set_otherwise(paragraph: list[str], before: list[str]) -> bool:
    """Whether a paragraph's lines are set at another width than the paragraph's before:
    the widest line of each (a last line may stop short) differs by more than a line may
    overrun its column."""
    return abs(max(map(visual_width, paragraph)) - max(map(visual_width, before))) > LONG_MARGIN
