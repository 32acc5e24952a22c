"""A small newspaper typesetter for tests: page PDFs of 许昌日报 whose articles are known.

The spec objects are the truth. A `Story` holds what an editor would read off the page
(kicker, title, subtitle, dateline, byline, people, body paragraphs, continuation pages),
a `PageSpec` places stories and furniture on a six-column grid, and `build_pdf` sets them
the way a compositor would: body type of 10 pt on a fixed grid, lines justified to the
column, paragraphs indented 2 em, 14 pt line pitch, 1 em gutters, thin rules between
stories, text flowing down one column and on to the top of the next inside its story's
region. `expected_articles` gives the truth in the JSON shape of `xcaudio clean --json`.

Blocks are placed in the order given, each at the lowest free line over its columns (a
skyline), so the order of `PageSpec.blocks` is also the page's reading order. All news text
below is invented for these tests.
"""

from __future__ import annotations

import copy
import io
import math
import re
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from xcaudio.article import Article, Kind
from xcaudio.layout.ids import assign_ids

FONT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
FONT = "WenQuanYiMicroHei"

PAGE_WIDTH, PAGE_HEIGHT = 842.0, 1191.0
MARGIN = 36.0
COLUMNS = 6
SIZE = 10.0  # body type; one em
PITCH = 14.0  # line pitch, 1.4 em
GUTTER = 10.0  # 1 em between columns
COLUMN_WIDTH = (PAGE_WIDTH - 2 * MARGIN - (COLUMNS - 1) * GUTTER) / COLUMNS  # 12 em
PAD_TOP, PAD_BOTTOM = 9.0, 7.0  # white space inside a block's rules
RULE = 0.5
DATE = "2020年4月17日 星期五"
EDITORS = "责任编辑：王某 美编：李某"

NO_LINE_START = set("，。、；：？！）》”’」』〉%·")
NO_LINE_END = set("（《“‘「『〈")
ROLE_WORDS = {"本报记者", "记者", "通讯员", "本报通讯员", "实习生", "见习记者"}
VERTICAL_FORMS = str.maketrans("“”", "﹃﹄")
_UNIT = re.compile(r"[A-Za-z0-9.%]+|—+|…+|.", re.S)  # runs never broken across lines

RGB = tuple[float, float, float]
BLACK: RGB = (0.0, 0.0, 0.0)
WHITE: RGB = (1.0, 1.0, 1.0)
RED: RGB = (0.78, 0.08, 0.1)


# ---------------------------------------------------------------------------- the spec


@dataclass
class Story:
    """One story as an editor reads it; how each part is printed:

    - `dateline` with `byline` opens the first paragraph in bold: `本报讯（记者 张三）…`;
    - `byline` without `dateline` is a byline block on its own line above the body
      (a photo's `byline` is its credit, `本报记者 王五 摄`, on its own line below);
    - `continued_on` ends the text with a short line `（下转第四版）`; `continued_from`
      starts it, unindented, with `（上接第一版）`;
    - `kind="photo"`: a grey picture, then `title` and `body[0]` as its caption;
    - `vertical_title`: the title stands right of the text, one character a line,
      its “” set as the vertical forms ﹃﹄;
    - `subheads`: the numbers of the body paragraphs set as subheads, bold and centred in
      the column after a blank line; `note`: the author's note, `（作者为…）`, ending the text;
    - `name_under_title`: the byline (an essay's author) centred under the title instead.
    """

    title: str | None
    body: list[str]
    kind: Kind = "article"
    kicker: str | None = None
    subtitle: str | None = None
    dateline: str | None = None
    byline: str | None = None
    people: list[str] = field(default_factory=list)
    continued_on: str | None = None
    continued_from: str | None = None
    vertical_title: bool = False
    subheads: tuple[int, ...] = ()
    note: str | None = None
    name_under_title: bool = False

    def lead(self) -> str:
        """The lead as printed before the first paragraph ('' if there is none)."""
        if self.dateline is None:
            return ""
        return f"{self.dateline}（{self.byline}）" if self.byline else self.dateline


@dataclass
class Banner:
    """A slogan banner: short lines of letter-spaced type in a box (furniture)."""

    lines: list[str]


@dataclass
class IndexBox:
    """导读: a boxed list of (headline, page) entries for other pages (furniture)."""

    entries: list[tuple[str, str]]
    heading: str = "导读"


@dataclass
class Block:
    """An item on the grid, over columns `first`..`last` (0-based, inclusive), placed at
    the lowest free line there; `to_bottom` stretches it to the foot of the page. A title
    phrase too wide for the columns wraps after `title_wrap` characters (the editor's
    choice; 0 splits it evenly)."""

    item: Story | Banner | IndexBox
    first: int
    last: int
    to_bottom: bool = False
    title_size: float = 24.0
    title_wrap: int = 0
    ruled: bool = True


@dataclass
class PageSpec:
    """One page: its number in the edition, its label (要闻, 综合) and its blocks."""

    number: int
    label: str
    blocks: list[Block]
    date: str = DATE
    editors: str = EDITORS

    @property
    def stories(self) -> list[Story]:
        return [block.item for block in self.blocks if isinstance(block.item, Story)]


# ---------------------------------------------------------------------------- the truth


def page_name(number: int) -> str:
    """How the page is called in print: `第四版` for 4."""
    digits = "零一二三四五六七八九"
    word = digits[number] if number < 10 else f"十{digits[number - 10]}".rstrip("零")
    return f"第{word}版"


def expected_articles(page: PageSpec) -> list[dict]:
    """The page's articles as `xcaudio clean --json` should print them, in reading order."""
    articles = [
        Article(
            id="",
            kind=story.kind,
            kicker=story.kicker,
            title=story.title,
            subtitle=story.subtitle,
            byline=story.byline,
            people=list(story.people),
            dateline=story.dateline,
            body=list(story.body),
            continued_on=story.continued_on,
            continued_from=story.continued_from,
            note=story.note,
        )
        for story in page.stories
    ]
    assign_ids(articles)
    return [asdict(article) for article in articles]


def expected_headlines(page: PageSpec) -> list[str]:
    """The headlines of the page's index boxes (banners are dropped, not headlines)."""
    return [
        headline
        for block in page.blocks
        if isinstance(block.item, IndexBox)
        for headline, _ in block.item.entries
    ]


# ---------------------------------------------------------------------------- fonts


def font_available() -> bool:
    return FONT_PATH.is_file()


@cache
def _register_font() -> None:
    if not font_available():
        raise FileNotFoundError(f"{FONT_PATH} is missing: install fonts-wqy-microhei")
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH), subfontIndex=0))


def text_width(text: str, size: float) -> float:
    _register_font()
    return pdfmetrics.stringWidth(text, FONT, size)


# ---------------------------------------------------------------------------- drawing ops


@dataclass
class Text:
    """A run of type on one baseline; `spacing` is added after every character (the
    compositor's justification); `pieces` are (text, bold) in order."""

    x: float
    y: float
    size: float
    pieces: list[tuple[str, bool]]
    spacing: float = 0.0
    color: RGB = BLACK


@dataclass
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float = RULE
    color: RGB = BLACK


@dataclass
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: RGB | None = None
    stroke: float = 0.0


Op = Text | Rule | Box


# ---------------------------------------------------------------------------- setting lines


@dataclass
class SetLine:
    """A line set for a column: its offset from the column's left edge, its pieces, its
    justification, and where its text starts and ends in its paragraph's printed form."""

    dx: float
    pieces: list[tuple[str, bool]]
    spacing: float = 0.0
    paragraph: int = -1
    start: int = 0
    end: int = 0


def break_text(text: str, width: float, size: float, indent: float = 0.0) -> list[tuple[int, int]]:
    """Greedy line breaks as (start, end) offsets: digit and Latin runs stay whole, no line
    starts with a closing mark or ends with an opening one (the last unit is pushed down)."""
    units = _UNIT.findall(text)
    offsets = [0]
    for unit in units:
        offsets.append(offsets[-1] + len(unit))
    widths = [text_width(unit, size) for unit in units]
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(units):
        room = width - (indent if not spans else 0.0)
        end, used = position, 0.0
        while end < len(units) and used + widths[end] <= room + 0.01:
            used += widths[end]
            end += 1
        end = max(end, position + 1)
        while end < len(units) and end - position > 1 and (
            units[end][0] in NO_LINE_START or units[end - 1][-1] in NO_LINE_END
        ):
            end -= 1
        spans.append((offsets[position], offsets[end]))
        position = end
    return spans


def justify(text: str, room: float, size: float) -> float:
    """The spacing that makes `text` fill `room` exactly."""
    return (room - text_width(text, size)) / max(len(text) - 1, 1)


def pieces_of(text: str, start: int, end: int, bold_until: int) -> list[tuple[str, bool]]:
    """`text[start:end]` cut where its bold lead stops."""
    cut = min(max(bold_until, start), end)
    pieces = [(text[start:cut], True), (text[cut:end], False)]
    return [(piece, bold) for piece, bold in pieces if piece]


def printed_paragraphs(story: Story) -> list[tuple[str, int, bool]]:
    """Each paragraph as printed: (text, length of its bold lead, indented)."""
    result = []
    for number, paragraph in enumerate(story.body):
        if number == 0 and story.continued_from:
            result.append((f"（上接{story.continued_from}）{paragraph}", 0, False))
        elif number == 0:
            lead = story.lead()
            result.append((lead + paragraph, len(lead), True))
        else:
            result.append((paragraph, 0, True))
    return result


def set_paragraphs(story: Story, width: float, size: float = SIZE) -> list[SetLine]:
    """The story's running text (byline block, paragraphs, 下转 marker) set for a column."""
    lines: list[SetLine] = []
    if story.byline and not story.dateline and story.kind != "photo" and not story.name_under_title:
        lines += [SetLine(0.0, [(line, True)]) for line in credit_lines(story.byline, width, size)]
    paragraphs = printed_paragraphs(story)
    for number, (text, bold_until, indented) in enumerate(paragraphs):
        if number in story.subheads:
            lines.append(SetLine(0.0, []))
            start = 0
            for phrases in headline_lines(text, size, width - 2 * size):
                line = "".join(phrases)
                dx = (width - text_width(line, size)) / 2
                lines.append(SetLine(dx, [(line, True)], 0.0, number, start, start + len(line)))
                start += len(line)
            continue
        indent = 2 * size if indented and story.kind != "photo" else 0.0
        spans = break_text(text, width, size, indent)
        cut_off = story.continued_on is not None and number == len(paragraphs) - 1
        for index, (start, end) in enumerate(spans):
            dx = indent if index == 0 else 0.0
            last = index == len(spans) - 1 and not cut_off
            spacing = 0.0 if last else justify(text[start:end], width - dx, size)
            pieces = pieces_of(text, start, end, bold_until)
            lines.append(SetLine(dx, pieces, spacing, number, start, end))
    if story.note:
        note = f"（{story.note}）"
        spans = break_text(note, width, size)
        for index, (start, end) in enumerate(spans):
            spacing = 0.0 if index == len(spans) - 1 else justify(note[start:end], width, size)
            lines.append(SetLine(0.0, [(note[start:end], False)], spacing))
    if story.continued_on:
        marker = f"（下转{story.continued_on}）"
        lines.append(SetLine(width - text_width(marker, size), [(marker, False)]))
    return lines


def credit_lines(credit: str, width: float, size: float) -> list[str]:
    """A byline block broken between people, never between a role word and its name."""
    groups: list[str] = []
    for word in credit.split(" "):
        if groups and groups[-1].split(" ")[-1] in ROLE_WORDS:
            groups[-1] += f" {word}"
        else:
            groups.append(word)
    lines: list[str] = []
    for group in groups:
        if lines and text_width(f"{lines[-1]} {group}", size) <= width:
            lines[-1] += f" {group}"
        else:
            lines.append(group)
    return lines


def headline_lines(text: str, size: float, width: float, wrap: int = 0) -> list[list[str]]:
    """A headline's lines, each a list of phrases: phrases (split at spaces) share a line
    with an em between them when they fit, else stand one a line; a phrase too long for
    the width wraps after `wrap` characters, or into lines of nearly equal length."""
    phrases = text.split(" ")
    if text_width("".join(phrases), size) + size * (len(phrases) - 1) <= width:
        return [phrases]
    lines: list[list[str]] = []
    for phrase in phrases:
        if text_width(phrase, size) <= width:
            lines.append([phrase])
        elif wrap:
            lines += [[phrase[:wrap]], [phrase[wrap:]]]
        else:
            per_line = math.ceil(len(phrase) / math.ceil(text_width(phrase, size) / width))
            starts = range(0, len(phrase), per_line)
            lines += [[phrase[start : start + per_line]] for start in starts]
    return lines


def centred(phrases: list[str], size: float, x: float, width: float, y: float,
            bold: bool) -> list[Text]:
    """One headline line centred over `width`, an em between its phrases."""
    total = text_width("".join(phrases), size) + size * (len(phrases) - 1)
    left = x + (width - total) / 2
    runs = []
    for phrase in phrases:
        runs.append(Text(left, y, size, [(phrase, bold)]))
        left += text_width(phrase, size) + size
    return runs


def set_heading(story: Story, x: float, width: float, top: float, size: float,
                wrap: int = 0) -> tuple[list[Text], float]:
    """Kicker, title and subtitle centred over the story's columns, and the y below them."""
    runs: list[Text] = []
    y = top
    if story.kicker:
        for line in headline_lines(story.kicker, 14, width):
            y -= 19
            runs += centred(line, 14, x, width, y, False)
        y -= 6
    for line in headline_lines(story.title or "", size, width, wrap):
        y -= size * 1.2
        runs += centred(line, size, x, width, y, True)
    if story.subtitle:
        y -= 6
        for line in headline_lines(story.subtitle, 14, width):
            y -= 19
            runs += centred(line, 14, x, width, y, False)
    if story.name_under_title and story.byline:
        y -= 18
        runs += centred([story.byline], 12, x, width, y, False)
    return runs, y - 12


# ---------------------------------------------------------------------------- page layout


def column_x(column: int) -> float:
    return MARGIN + column * (COLUMN_WIDTH + GUTTER)


def columns_in(x: float, width: float, count: int) -> tuple[list[float], float]:
    """Left edges and width of `count` columns of whole ems filling `width` with gutters."""
    ems = math.floor((width - (count - 1) * GUTTER) / count / SIZE)
    column = ems * SIZE
    return [x + number * (column + GUTTER) for number in range(count)], column


@dataclass
class Region:
    """Where a block stands: its columns and the top and bottom of its rules."""

    x: float
    width: float
    top: float
    bottom: float


class Compositor:
    """Sets one page: furniture first, then each block at the lowest free line over its
    columns. `ops` are the drawing operations, `regions` the blocks' rectangles."""

    def __init__(self, page: PageSpec) -> None:
        self.page = page
        self.ops: list[Op] = []
        self.regions: list[Region] = []
        self.area_bottom = MARGIN + 24.0
        if page.number == 1:
            self.skyline = self.masthead()
        else:
            self.skyline = [self.running_head()] * COLUMNS
        self.ceiling = list(self.skyline)
        self.footer()
        for block in page.blocks:
            self.place(block)

    # furniture

    def masthead(self) -> list[float]:
        """Page 1: the paper's name large over columns 0-3, the date and page beside it;
        returns the skyline (columns 4-5 stay free for the 报眼, usually the index box)."""
        top = PAGE_HEIGHT - MARGIN
        bottom = top - 118.0
        x, width = MARGIN, column_x(4) - GUTTER - MARGIN
        self.ops.append(Text(x + 4, top - 72, 66, [("许昌日报", True)], color=RED))
        self.ops.append(Text(x + 6, top - 98, 11, [("中共许昌市委机关报", False)]))
        label = f"第{self.page.number:02d}版 {self.page.label}"
        info = [self.page.date, "农历庚子年三月廿五", label, "今日8版"]
        for number, line in enumerate(info):
            self.ops.append(Text(x + 330, top - 30 - number * 19, 12, [(line, False)]))
        self.ops.append(Rule(x, bottom + 3, x + width, bottom + 3, 2.0))
        self.ops.append(Rule(x, bottom, x + width, bottom, RULE))
        return [bottom] * 4 + [top] * 2

    def running_head(self) -> float:
        """Inner pages: page number and label left, paper and date right, over a rule."""
        top = PAGE_HEIGHT - MARGIN
        right = PAGE_WIDTH - MARGIN
        self.ops.append(Text(MARGIN, top - 26, 30, [(str(self.page.number), True)]))
        self.ops.append(Text(MARGIN + 30, top - 26, 18, [(self.page.label, True)]))
        name_width = text_width("许昌日报", 16)
        date_width = text_width(self.page.date, 11)
        self.ops.append(Text(right - date_width, top - 25, 11, [(self.page.date, False)]))
        name_x = right - date_width - name_width - 14
        self.ops.append(Text(name_x, top - 26, 16, [("许昌日报", True)], color=RED))
        bottom = top - 36.0
        self.ops.append(Rule(MARGIN, bottom + 3, right, bottom + 3, 1.5))
        self.ops.append(Rule(MARGIN, bottom, right, bottom, RULE))
        return bottom

    def footer(self) -> None:
        self.ops.append(Rule(MARGIN, MARGIN + 14, PAGE_WIDTH - MARGIN, MARGIN + 14, RULE))
        self.ops.append(Text(MARGIN, MARGIN + 2, 9, [(self.page.editors, False)]))

    # blocks

    def region_for(self, block: Block) -> Region:
        """The block's rectangle before its height is known (bottom = the page's foot)."""
        x = column_x(block.first)
        width = column_x(block.last) + COLUMN_WIDTH - x
        top = min(self.skyline[block.first : block.last + 1])
        return Region(x, width, top, self.area_bottom)

    def place(self, block: Block) -> None:
        region = self.region_for(block)
        item = block.item
        if isinstance(item, Story) and item.kind == "photo":
            bottom = self.photo(item, region)
        elif isinstance(item, Story) and item.vertical_title:
            bottom = self.vertical_story(item, block, region)
        elif isinstance(item, Story):
            bottom = self.story(item, block, region)
        elif isinstance(item, Banner):
            bottom = self.banner(item, region, block.to_bottom)
        else:
            bottom = self.index_box(item, region)
        if block.to_bottom:
            bottom = self.area_bottom
        elif bottom < self.area_bottom:
            raise ValueError(f"block over columns {block.first}-{block.last} overruns the page")
        region.bottom = bottom
        self.rules(block, region)
        self.regions.append(region)
        for column in range(block.first, block.last + 1):
            self.skyline[column] = bottom

    def rules(self, block: Block, region: Region) -> None:
        """A rule above the block when something stands above it, one left of it in the
        gutter when it does not start at the page's left edge (none for a block set
        `ruled=False`: white space alone parts it from its neighbours)."""
        if not block.ruled:
            return
        if region.top < max(self.ceiling[block.first : block.last + 1]):
            left = region.x - (GUTTER / 2 if block.first else 0)
            right = region.x + region.width + (GUTTER / 2 if block.last < COLUMNS - 1 else 0)
            self.ops.append(Rule(left, region.top, right, region.top))
        if block.first:
            x = region.x - GUTTER / 2
            self.ops.append(Rule(x, region.top, x, region.bottom))

    def flow(self, lines: list[SetLine], lefts: list[float], top: float, rows: int) -> None:
        """Lines down each column in turn, `rows` a column."""
        if len(lines) > rows * len(lefts):
            raise ValueError(f"{len(lines)} lines overrun {len(lefts)} columns of {rows} rows")
        for number, line in enumerate(lines):
            column, row = divmod(number, rows)
            y = top - 0.86 * SIZE - row * PITCH
            self.ops.append(Text(lefts[column] + line.dx, y, SIZE, line.pieces, line.spacing))

    def rows(self, lines: int, columns: int, top: float, to_bottom: bool) -> int:
        """Rows a column: down to the page's foot, or as few as hold the lines."""
        if to_bottom:
            return self.rows_to_bottom(top)
        return math.ceil(lines / columns)

    def rows_to_bottom(self, top: float) -> int:
        return math.floor((top - self.area_bottom - PAD_BOTTOM) / PITCH)

    def story(self, story: Story, block: Block, region: Region) -> float:
        """The headline stack over all the block's columns, the text flowing under it."""
        runs, text_top = set_heading(story, region.x, region.width, region.top - PAD_TOP,
                                     block.title_size, block.title_wrap)
        self.ops += runs
        count = block.last - block.first + 1
        lefts, width = columns_in(region.x, region.width, count)
        lines = set_paragraphs(story, width)
        rows = self.rows(len(lines), count, text_top, block.to_bottom)
        self.flow(lines, lefts, text_top, rows)
        return text_top - rows * PITCH - PAD_BOTTOM

    def vertical_story(self, story: Story, block: Block, region: Region) -> float:
        """Text in narrower columns on the left, the title standing in a strip on the right."""
        title_size = block.title_size
        count = block.last - block.first + 1
        lefts, width = columns_in(region.x, region.width - title_size - 14, count)
        text_top = region.top - PAD_TOP
        lines = set_paragraphs(story, width)
        rows = self.rows(len(lines), count, text_top, block.to_bottom)
        self.flow(lines, lefts, text_top, rows)
        centre = lefts[-1] + width + (region.x + region.width - lefts[-1] - width) / 2
        title = (story.title or "").translate(VERTICAL_FORMS)
        for number, char in enumerate(title):
            y = text_top - title_size * (1.1 + 1.15 * number)
            left = centre - text_width(char, title_size) / 2
            self.ops.append(Text(left, y, title_size, [(char, True)]))
        title_bottom = text_top - title_size * (0.3 + 1.15 * len(title))
        return min(text_top - rows * PITCH, title_bottom) - PAD_BOTTOM

    def photo(self, story: Story, region: Region) -> float:
        """A grey picture, the caption's title and text under it, the credit flush right."""
        top = region.top - PAD_TOP
        height = round(region.width * 0.56)
        self.ops.append(Box(region.x, top - height, region.width, height, (0.72, 0.72, 0.72)))
        y = top - height - 4
        if story.title:
            y -= 15
            self.ops += centred([story.title], 13, region.x, region.width, y, True)
            y -= 4
        lines = set_paragraphs(story, region.width)
        credit = story.byline or ""
        lines.append(SetLine(region.width - text_width(credit, SIZE), [(credit, False)]))
        self.flow(lines, [region.x], y, len(lines))
        return y - len(lines) * PITCH - PAD_BOTTOM

    def banner(self, banner: Banner, region: Region, fill: bool) -> float:
        """Letter-spaced lines in a double box; a box that fills its region (a public
        service notice at the foot of the page) has its lines centred in it."""
        size, leading = 18.0, 28.0
        inset = 14.0
        top = region.top - PAD_TOP
        lines_height = leading * len(banner.lines) + 14
        height = top - region.bottom - PAD_BOTTOM if fill else lines_height
        box_x, box_width = region.x + inset, region.width - 2 * inset
        self.ops.append(Box(box_x, top - height, box_width, height, stroke=2.0))
        self.ops.append(Box(box_x + 3, top - height + 3, box_width - 6, height - 6, stroke=0.5))
        first = top - (height - lines_height) / 2 - 7 - size * 1.05
        for number, line in enumerate(banner.lines):
            spacing = size * 0.6
            width = text_width(line, size) + spacing * (len(line) - 1)
            x = region.x + (region.width - width) / 2
            self.ops.append(Text(x, first - leading * number, size, [(line, True)], spacing, RED))
        return top - height - PAD_BOTTOM

    def index_box(self, index: IndexBox, region: Region) -> float:
        size, leading = 11.0, 20.0
        top = region.top - PAD_TOP
        band = 24.0
        height = band + leading * len(index.entries) + 10
        self.ops.append(Box(region.x, top - height, region.width, height, stroke=1.0))
        self.ops.append(Box(region.x, top - band, region.width, band, fill=(0.15, 0.15, 0.15)))
        heading_x = region.x + (region.width - text_width(index.heading, 15) - 15) / 2
        self.ops.append(Text(heading_x, top - 18, 15, [(index.heading, True)], 15, WHITE))
        for number, (headline, page) in enumerate(index.entries):
            y = top - band - leading * (number + 1) + 4
            self.ops.append(Text(region.x + 8, y, size, [(headline, False)]))
            right = region.x + region.width - 8 - text_width(page, size)
            self.ops.append(Text(right, y, size, [(page, False)]))
        return top - height - PAD_BOTTOM


def compose(page: PageSpec) -> Compositor:
    """The page set: its drawing operations and block regions."""
    _register_font()
    return Compositor(page)


def split_to_fit(page: PageSpec, index: int) -> tuple[PageSpec, list[str]]:
    """Cut the story in `page.blocks[index]` (marked `continued_on`, `to_bottom`) where its
    region is full, one line kept for the 下转 marker, as a compositor jumps a story.
    Returns the page with the story cut, and the paragraphs left for the other page (the
    first of them is the rest of the paragraph cut, so it continues mid-sentence)."""
    block = page.blocks[index]
    story = block.item
    if not (isinstance(story, Story) and story.continued_on and block.to_bottom):
        raise ValueError("only a to_bottom story marked continued_on can be cut to fit")
    probe = PageSpec(page.number, page.label, page.blocks[:index], page.date, page.editors)
    compositor = compose(probe)
    region = compositor.region_for(block)
    _, text_top = set_heading(story, region.x, region.width, region.top - PAD_TOP,
                              block.title_size, block.title_wrap)
    count = block.last - block.first + 1
    _, width = columns_in(region.x, region.width, count)
    capacity = compositor.rows_to_bottom(text_top) * count - 1
    lines = [line for line in set_paragraphs(replace(story, continued_on=None), width)
             if line.paragraph >= 0]
    if len(lines) <= capacity:
        raise ValueError("the story fits its region: nothing to continue")
    last = lines[capacity - 1]
    lead = len(story.lead()) if last.paragraph == 0 else 0
    cut = last.end - lead
    text = story.body[last.paragraph]
    kept = [*story.body[: last.paragraph], text[:cut]]
    rest = story.body[last.paragraph + 1 :]
    if cut < len(text):
        rest = [text[cut:], *rest]
    blocks = list(page.blocks)
    blocks[index] = replace(block, item=replace(story, body=kept))
    return replace(page, blocks=blocks), rest


# ---------------------------------------------------------------------------- painting


def paint_pdf(canvas: Canvas, ops: list[Op]) -> None:
    for op in ops:
        if isinstance(op, Rule):
            canvas.setStrokeColorRGB(*op.color)
            canvas.setLineWidth(op.width)
            canvas.line(op.x0, op.y0, op.x1, op.y1)
        elif isinstance(op, Box):
            canvas.setLineWidth(op.stroke)
            canvas.setStrokeColorRGB(*BLACK)
            if op.fill:
                canvas.setFillColorRGB(*op.fill)
            canvas.rect(op.x, op.y, op.width, op.height, stroke=op.stroke > 0, fill=bool(op.fill))
        else:
            # The render mode (Tr) outlives BT/ET, and reportlab assumes 0 at each BT.
            canvas.saveState()
            canvas.setLineWidth(op.size * 0.035)  # the stroke that makes a light face bold
            text = canvas.beginText(op.x, op.y)
            text.setFont(FONT, op.size)
            text.setCharSpace(op.spacing)
            text.setFillColorRGB(*op.color)
            text.setStrokeColorRGB(*op.color)
            for piece, bold in op.pieces:
                text.setTextRenderMode(2 if bold else 0)
                text.textOut(piece)
            canvas.drawText(text)
            canvas.restoreState()


def build_pdf(pages: list[PageSpec], path: Path, *, password: str | None = None) -> None:
    """Write one PDF with a page per spec; with `password`, encrypted (RC4, 128 bits) so
    that it opens only with that user password."""
    _register_font()
    encrypt = StandardEncryption(password, f"{password}-owner", strength=128) if password else None
    canvas = Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True,
                    encrypt=encrypt, pageCompression=1)
    canvas.setTitle(f"许昌日报 {DATE}")
    for page in pages:
        paint_pdf(canvas, compose(page).ops)
        canvas.showPage()
    canvas.save()


def paint_image(ops: list[Op], dpi: int) -> Image.Image:
    """The page as a greyscale picture, drawn from the same operations as the PDF."""
    scale = dpi / 72
    image = Image.new("RGB", (round(PAGE_WIDTH * scale), round(PAGE_HEIGHT * scale)), "white")
    draw = ImageDraw.Draw(image)

    def point(x: float, y: float) -> tuple[float, float]:
        return x * scale, (PAGE_HEIGHT - y) * scale

    def colour(rgb: RGB) -> tuple[int, int, int]:
        red, green, blue = (round(channel * 255) for channel in rgb)
        return red, green, blue

    for op in ops:
        if isinstance(op, Rule):
            width = max(1, round(op.width * scale))
            draw.line([point(op.x0, op.y0), point(op.x1, op.y1)], colour(op.color), width)
        elif isinstance(op, Box):
            left, bottom = point(op.x, op.y)
            right, top = point(op.x + op.width, op.y + op.height)
            outline = colour(BLACK) if op.stroke else None
            fill = colour(op.fill) if op.fill else None
            width = max(1, round(op.stroke * scale))
            draw.rectangle([left, top, right, bottom], fill, outline, width)
        else:
            font = _pil_font(round(op.size * scale))
            x = op.x
            for piece, bold in op.pieces:
                stroke = max(1, round(op.size * scale / 30)) if bold else 0
                for char in piece:
                    draw.text(point(x, op.y), char, colour(op.color), font, "ls",
                              stroke_width=stroke, stroke_fill=colour(op.color))
                    x += text_width(char, op.size) + op.spacing
    return image.convert("L")


@cache
def _pil_font(pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), pixels, index=0)


def build_scanned_pdf(page: PageSpec, path: Path, dpi: int = 110) -> None:
    """The page as a scan would give it: one JPEG picture, no text layer."""
    picture = io.BytesIO()
    paint_image(compose(page).ops, dpi).save(picture, "JPEG", quality=70)
    canvas = Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True)
    canvas.drawImage(ImageReader(picture), 0, 0, PAGE_WIDTH, PAGE_HEIGHT)
    canvas.showPage()
    canvas.save()


# ---------------------------------------------------------------------------- the edition


def _lead_story() -> Story:
    return Story(
        kicker="全市抢抓农时推进春季田间管理",
        title="三百二十万亩小麦长势良好 夯实夏粮丰收基础",
        subtitle="——全市已浇灌麦田286万亩，统防统治面积达198万亩",
        dateline="本报讯",
        byline="记者 张三 通讯员 李四",
        people=["张三", "李四"],
        body=[
            "4月16日，记者从市农业农村局获悉，今年全市小麦种植面积320.6万亩，目前已进入拔节"
            "孕穗的关键时期。据全市126个苗情监测点的调查结果，一类苗和二类苗占比达92.6%，比去年"
            "同期提高3.1个百分点，群体数量充足，个体发育健壮，整体长势好于常年。",
            "“麦子收不收，关键看这个月。”市农业技术推广站站长刘建军告诉记者，拔节到孕穗这段"
            "时间，小麦对水肥的需求最大，也是条锈病、赤霉病和蚜虫容易发生的时候。为此，全市组织"
            "1200余名农技人员组成86个技术服务队，分包到乡、指导到村、服务到户，帮助群众因地因苗"
            "搞好春季管理。",
            "在长葛市石固镇的一片麦田里，绿油油的麦苗已经没过脚面，几台喷灌机正在来回作业。种粮"
            "大户王红旗流转了1800亩土地，今年全部种上了优质强筋小麦。“前几天刚下过一场小雨，"
            "墒情还不错，趁着这几天气温回升再浇一遍水，后期就不怕干热风了。”他说，合作社去年新打"
            "了12眼机井，铺设地埋管道2.3万米，现在浇一亩地只需要40分钟，比过去大水漫灌省水三成多。",
            "病虫害防控是春季麦田管理的重中之重。今年，全市统筹中央和省级财政资金2860万元，采取"
            "政府购买服务的方式，委托38家植保专业化服务组织开展统防统治。截至目前，全市共出动植保"
            "无人机386架、自走式喷杆喷雾机540余台，完成“一喷三防”作业198万亩，防治效果达到90%"
            "以上。",
            "与此同时，各县（市、区）加快高标准农田建设进度。鄢陵县今年计划新建高标准农田8.5万亩，"
            "目前已完成沟渠清淤46公里，新修机耕路31公里，项目区内的麦田实现了“旱能浇、涝能排”。"
            "襄城县则依托县级农业大数据平台，为全县2.7万户种粮农户推送气象预警、施肥建议等信息"
            "服务，累计发送短信12万余条。",
            "在禹州市古城镇，记者见到了正在田间查看苗情的驻村第一书记李文博。他蹲在地头，拔起一株"
            "麦苗仔细察看根系和分蘖情况。“今年村里的1600亩小麦全部实现了统一供种、统一施肥、统一"
            "防治，亩均节本增效80元左右。”李文博说，村里还成立了由12名种田能手组成的“田管互助队”，"
            "专门帮助留守老人和脱贫户浇地、打药，确保一户不落、一块田不落。",
            "农资保障是春管工作顺利推进的基础。为确保化肥、农药、种子等农资供应充足、价格稳定，市"
            "农业农村局会同市场监管部门开展农资打假专项治理行动，共检查农资经营门店1460余家，抽检"
            "化肥、农药样品215批次，合格率达98.6%。全市供销系统储备化肥8.2万吨，通过“网上下单、"
            "送货到村”的方式，已累计向农户配送化肥3.1万吨。",
            "气象部门也为春管工作提供了有力支撑。市气象局在全市布设了54个农田小气候观测站，每天"
            "发布土壤墒情和病虫害气象等级预报，并针对近期可能出现的“倒春寒”天气，提前3天向种粮"
            "大户和农业合作社发布预警信息，指导群众采取浇水、喷施叶面肥等措施，有效减轻了低温对"
            "小麦生长的影响。",
            "此外，全市还扩大了小麦完全成本保险试点范围，今年参保面积预计达到150万亩，每亩保额"
            "提高到600元，为种粮农民吃下“定心丸”。",
            "市农业农村局有关负责人表示，下一步，全市将紧盯小麦生长后期的关键环节，加强对干热风、"
            "倒伏等灾害的监测预警，落实好“一喷三防”各项措施，确保夏粮面积稳定、产量稳中有增，为"
            "全年经济社会发展大局提供有力支撑。",
        ],
    )


def _photo() -> Story:
    return Story(
        kind="photo",
        title="植保无人机飞上麦田",
        byline="本报记者 王五 摄",
        people=["王五"],
        body=[
            "4月16日，在建安区椹涧乡一处高标准农田示范区，农机手操控植保无人机为小麦喷施叶面肥。"
            "眼下正值小麦拔节孕穗期，该区组织18家农机合作社开展统防统治，作业面积已超过12万亩。",
        ],
    )


def _wire_brief() -> Story:
    return Story(
        kind="brief",
        title="多部门部署春季农村公路养护工作",
        dateline="新华社北京4月16日电",
        byline="记者 周文博",
        people=["周文博"],
        body=[
            "记者16日从交通运输部获悉，交通运输部、财政部、农业农村部近日联合印发通知，要求各地"
            "利用春季有利时机，集中开展农村公路“路域环境整治”和“安全隐患排查”两项行动，确保今年"
            "6月底前完成重点路段的整治任务。",
            "通知明确，各地要落实县、乡、村三级路长责任，对桥梁、涵洞、急弯陡坡等重点部位逐一建立"
            "台账。对排查出的隐患，能立即整改的要立即整改，一时难以整改的要设置警示标志。",
            "通知还要求，各地要优先支持贫困地区农村公路养护，鼓励通过设置公益岗位吸纳农村劳动力"
            "参与日常养护。",
        ],
    )


def _vertical_feature() -> Story:
    return Story(
        title="“流动医院”开进村",
        vertical_title=True,
        byline="本报记者 陈静怡 通讯员 马国庆",
        people=["陈静怡", "马国庆"],
        body=[
            "4月15日上午9点，禹州市方山镇卢庄村的文化广场上，一辆白色的医疗车刚刚停稳，村民们"
            "就排起了长队。车厢里，B超机、心电图机、全自动生化分析仪一应俱全，几名医生护士忙着"
            "测血压、抽血、做心电图，不到两个小时，就为60多名村民完成了健康体检。",
            "这是许昌市中心医院“流动医院”下乡服务的一个场景。去年以来，该院投入480万元购置了"
            "2辆移动体检车，组建由内科、外科、眼科、中医科等专家组成的巡回医疗队，每周二、周四"
            "固定到偏远山区乡村开展义诊，至今已走过全市11个乡镇的143个行政村，服务群众2.6万"
            "人次。",
            "今年72岁的卢大娘患高血压多年，以前每次复查都要坐一个多小时的公交车到市区。“现在"
            "专家把机器都开到了家门口，查完当场就能拿到结果，还教俺咋吃药，真是太方便了。”卢大娘"
            "拿着体检报告，高兴地说。她告诉记者，医生让她每天量血压、少吃盐，她都一一记在了本子上。",
            "“山区群众看病远、看病难，我们就把服务送上门。”医疗队队长、心内科副主任医师赵明辉"
            "说，每次下乡前，医疗队都会和村卫生室对接，提前摸清慢性病患者的情况，对查出问题的"
            "群众，医院开通绿色通道，实行预约转诊，并由家庭医生团队跟踪随访。",
        ],
    )


def jumped_story() -> Story:
    """The story that jumps from page 1 to page 4, whole: what joining its two parts
    (`（下转第四版）` on page 1, `（上接第一版）` on page 4) must give, its last paragraph on
    page 1 and its first on page 4 joined into one."""
    return Story(
        kicker="打通“断头路” 畅通“微循环”",
        title="城区十二条道路提升改造工程全面开工",
        dateline="本报讯",
        byline="记者 刘晓燕",
        people=["刘晓燕"],
        body=[
            "4月16日上午，随着一台台挖掘机、压路机开进施工现场，我市2020年城区道路提升改造工程"
            "全面开工。今年实施的12条道路总长38.6公里，总投资约17.2亿元，涉及主干道4条、次干道"
            "5条、背街小巷3条，计划于今年10月底前全部完工。",
            "记者在学院路与八一路交叉口看到，施工区域已经用2.5米高的围挡封闭，工人们正在破除旧"
            "路面，清运车辆有序进出。项目负责人介绍，学院路建成于上世纪90年代，路面破损、管网"
            "老化问题突出，一到雨天就容易积水。此次改造将对全长3.2公里的道路进行“白改黑”，同步"
            "实施雨污分流，新铺设雨水管道4.1公里、污水管道3.8公里，并对两侧人行道、绿化带和路灯"
            "进行整体提升。",
            "在魏文路北段，另一支施工队伍正在对道路两侧的人行道进行翻新。据介绍，此次改造将统一"
            "采用透水砖铺装，并在路口设置无障碍坡道和盲道，同步更换节能路灯860盏，新增休闲座椅和"
            "垃圾分类收集点。“以前人行道砖头一踩一汪水，老人孩子走着都不放心，这回终于要修了。”"
            "正在附近散步的市民杨秀兰说。",
            "“今年的改造项目，是在广泛征求市民意见的基础上确定的。”市城市管理局副局长孙志刚说，"
            "去年年底，市里通过网络问卷、社区座谈等形式，共收集群众意见建议1360余条，其中反映最"
            "集中的是道路破损、积水和停车难问题。根据这些意见，今年的项目清单中专门增加了3条背街"
            "小巷，并在永昌路、竹林路等路段新增停车泊位620个。",
            "为尽量减少施工对市民出行的影响，各项目均采取分段、分幅施工的方式，确保施工期间至少"
            "保留一条车道通行。交警部门提前在施工路段周边设置了48块交通导向标志牌，并通过微信"
            "公众号发布绕行提示。在学校、医院附近的路段，施工单位将避开上下学和就诊高峰时段，夜间"
            "22时后停止高噪声作业。",
            "质量和安全是工程建设的生命线。市住房和城乡建设局相关负责人表示，今年所有项目都实行了"
            "“项目长制”，每个项目明确1名县级干部担任项目长，对进度、质量、安全负总责。同时，引入"
            "第三方检测机构，对沥青、水泥、钢筋等主要材料实行100%进场检测，对隐蔽工程全程留存"
            "影像资料，确保每一段路都经得起检验。",
            "施工期间，施工单位还将落实扬尘治理“六个百分之百”要求，对施工现场裸露土方全部覆盖，"
            "出入车辆全部冲洗，渣土运输车辆全部密闭，并在施工区域安装在线监测和视频监控设备，接受"
            "社会监督。",
            "公交部门也在同步优化线路。市公交总公司根据施工进度，对途经学院路、建安大道等施工路段"
            "的17条公交线路进行了临时调整，新增临时站点23个，并在公交车内和站台张贴绕行公告，方便"
            "市民换乘。",
            "在施工现场，记者见到了正在指挥车辆的工人王师傅。他告诉记者，为了抢工期，工人们分成"
            "两班轮流作业，每天工作时间超过14个小时。“这条路修好了，我们自己也走，一定要把它修"
            "结实。”",
            "在建安大道东延段，施工单位已经开始铺设路基。这条道路全长6.8公里，是今年投资规模最大"
            "的项目，建成后将打通城区东部的一条“断头路”，从市区到许昌东站的车程将缩短约10分钟。"
            "家住附近的居民张建国说：“过去这条路一到晚上黑灯瞎火，坑坑洼洼的，骑电动车都得小心"
            "翼翼。听说今年能修好，我们都盼着呢。”",
            "据介绍，近年来，我市持续加大城市基础设施建设投入，2017年以来累计新建、改造城市道路"
            "96条，城区路网密度由每平方公里5.2公里提高到6.9公里。今年，我市还将同步推进城区12个"
            "老旧小区的道路硬化和管网改造，进一步打通城市交通“微循环”，让市民出行更加便捷、舒适。",
            "为方便市民了解工程进展、反映意见建议，市城市管理局在每个施工路段都设立了公示牌，标明"
            "工程概况、工期、项目长和监督电话，同时开通24小时服务热线，对市民反映的问题实行“首问"
            "负责、限时办结”，确保件件有回音、事事有着落。",
            "“道路改造是民生工程，也是发展工程。”市发展改革委有关负责人说，这些项目建成后，不仅"
            "能改善群众出行条件，还将进一步完善城市功能，提升城市品位，为优化营商环境、吸引项目"
            "落地创造更好的条件。据测算，今年的道路提升改造工程预计可带动建材、运输、餐饮等相关"
            "产业产值约30亿元，提供就业岗位4000余个。",
            "市政府有关负责人表示，各相关部门要牢固树立“一盘棋”思想，加强协调配合，及时解决项目"
            "推进中遇到的困难和问题，在确保质量和安全的前提下加快施工进度，努力把民生工程办成群众"
            "满意的民心工程。",
        ],
    )


INDEX_ENTRIES = [
    ("市中心医院开通互联网诊疗平台", "2版"),
    ("襄城县：小农机解决大难题", "3版"),
    ("我市今年新建改扩建中小学校42所", "4版"),
    ("花开正当时 客从四方来", "4版"),
]
JUMP_BLOCK = 6


@cache
def _front_and_rest() -> tuple[PageSpec, tuple[str, ...]]:
    blocks = [
        Block(IndexBox(INDEX_ENTRIES), 4, 5),
        Block(_lead_story(), 0, 3, title_size=32),
        Block(_photo(), 4, 5),
        Block(_wire_brief(), 4, 5, title_size=20, title_wrap=7),
        Block(Banner(["决战脱贫攻坚", "决胜全面小康"]), 4, 5),
        Block(_vertical_feature(), 0, 1, to_bottom=True, title_size=26),
        Block(replace(jumped_story(), continued_on=page_name(4)), 2, 5, to_bottom=True,
              title_size=28),
    ]
    page, rest = split_to_fit(PageSpec(1, "要闻", blocks), JUMP_BLOCK)
    return page, tuple(rest)


def front_page() -> PageSpec:
    """第01版 要闻: masthead, index box, a lead story, a photo, a 新华社 brief, a banner, a
    vertical-title feature and a story jumping to page 4."""
    return copy.deepcopy(_front_and_rest()[0])


def page_four() -> PageSpec:
    """第04版 综合: the jumped story's rest under a shortened title, and two stories."""
    rest = list(_front_and_rest()[1])
    continuation = Story(
        title="城区道路提升改造工程全面开工",
        continued_from=page_name(1),
        body=rest,
    )
    schools = Story(
        kicker="办好人民满意的教育",
        title="我市今年新建改扩建中小学校42所",
        subtitle="——新增学位3.6万个，秋季开学前全部投入使用",
        dateline="本报讯",
        byline="记者 郭文涛 通讯员 杨帆",
        people=["郭文涛", "杨帆"],
        body=[
            "4月16日，记者从市教育局了解到，今年我市将新建、改扩建中小学校42所，其中新建学校17所、"
            "改扩建学校25所，总建筑面积约48万平方米，总投资26.4亿元，建成后可新增学位3.6万个，"
            "有效缓解城区学校“大班额”和“入学难”问题。这是我市近年来学校建设规模最大的一年。",
            "在位于城乡一体化示范区的许昌市实验小学新校区建设现场，5栋教学楼主体已经封顶，工人们"
            "正在进行内部装修和外墙保温施工。“这所学校规划了48个教学班，可以容纳2160名学生，除了"
            "普通教室，还建设了科学实验室、创客教室、图书馆和400米标准运动场。”施工单位项目经理"
            "李卫东说，目前工程已完成总工程量的75%，预计7月底前交付使用。",
            "在许昌市第二高级中学，投资1.2亿元的新教学楼和学生公寓项目正在加紧施工。该校校长陈立新"
            "介绍，项目建成后，学校将新增高中学位1500个，学生宿舍由每间8人减少到6人，食堂可同时容纳"
            "3000人就餐。“学校条件改善了，老师教得安心，学生学得舒心，家长也放心。”",
            "近年来，随着城镇化进程加快，城区人口持续增加，部分学校学位紧张。为此，我市编制了"
            "《中心城区中小学布局规划（2019—2035年）》，明确到2025年，中心城区新建中小学校38所，"
            "基本消除56人以上大班额。今年开工的项目中，有23所位于中心城区，占总数的一半以上。",
            "为保障项目顺利推进，我市建立了由市政府分管领导牵头，教育、发展改革、财政、自然资源和"
            "规划、住房和城乡建设等部门参加的联席会议制度，对学校建设项目实行“绿色通道”审批，用地、"
            "规划、施工许可等手续办理时限平均压缩40%以上。对新建住宅小区配套学校，严格落实“同步"
            "规划、同步建设、同步交付”的要求，确保教育配套不欠新账。",
            "在学前教育方面，今年我市还将新建、改扩建公办幼儿园35所，新增学位1.05万个，力争年底"
            "全市公办幼儿园在园幼儿占比达到50%以上，普惠性幼儿园覆盖率达到85%以上，进一步缓解"
            "“入园难”“入园贵”问题。",
            "在加快学校建设的同时，我市注重补齐农村教育短板。今年将投入资金3.2亿元，改造农村薄弱"
            "学校校舍12万平方米，为286所农村中小学配备计算机、多媒体教学设备和实验仪器，新建标准化"
            "塑胶运动场64个。同时，全面落实乡村教师生活补助政策，在城区学校和乡村学校之间开展教师"
            "交流轮岗，今年计划交流教师1500名。",
            "教育信息化建设同步推进。今年，全市将投资1.6亿元，实施“智慧校园”建设工程，为1200个"
            "班级配备智慧黑板，实现全市中小学千兆光纤网络全覆盖，并建设市级教育资源公共服务平台，"
            "让农村孩子也能共享城市优质教育资源。",
            "家住建安区的家长张先生对此深有感触。他的孩子在村小读三年级，去年学校新建了录播教室，"
            "孩子每周都能通过网络和城区学校的学生一起上美术课、音乐课。“以前总想着把孩子送到城里"
            "上学，现在村里的学校条件也好了，孩子在家门口就能上好学。”",
            "“孩子上学的事，就是家里的头等大事。”在魏都区一所新建小学附近开超市的刘女士说，她家"
            "孩子今年9月就要上一年级了，“听说新学校离家只有500米，以后接送孩子方便多了。”",
            "市教育局有关负责人表示，将建立学校建设项目周调度、月通报制度，对进度滞后的项目进行"
            "挂牌督办，确保所有项目在秋季开学前按时投入使用。据统计，2016年以来，我市累计投入教育"
            "基础设施建设资金98亿元，新建、改扩建中小学校和幼儿园326所，新增学位15.6万个，全市"
            "义务教育阶段大班额比例由2016年的23.4%下降到目前的3.2%。",
        ],
    )
    flowers = Story(
        title="花开正当时 客从四方来",
        subtitle="——鄢陵县花木博览园春季赏花活动见闻",
        byline="本报记者 韩雪梅 实习生 杜可欣",
        people=["韩雪梅", "杜可欣"],
        body=[
            "春日的鄢陵，处处是花的海洋。4月16日，记者走进鄢陵县花木博览园，只见郁金香、海棠、"
            "牡丹竞相开放，红的似火，粉的如霞，白的胜雪，前来赏花的游客络绎不绝，有的拿着手机拍照"
            "留念，有的带着孩子在花丛间嬉戏。",
            "“我们是从郑州开车过来的，走高速一个多小时就到了。”游客王女士一家四口一大早就来到"
            "园区，“这里的郁金香品种特别多，颜色也漂亮，孩子们玩得都不想走了。”",
            "走进园区的郁金香花海，一垄垄花田色彩分明，犹如一条条彩带铺展在大地上。几位穿着汉服的"
            "年轻姑娘在花丛间拍照，引得不少游客驻足观看。来自许昌学院的大学生李思雨告诉记者，她和"
            "同学们特意选在周末过来，“这里的景色太美了，随手一拍就是一张大片。”",
            "据园区负责人介绍，今年的春季赏花活动从3月28日开始，将持续到5月5日，园区内种植了"
            "郁金香、风信子、洋水仙等球根花卉60多个品种、300余万株，还设置了花海迷宫、亲子农场、"
            "非遗展示等12个体验项目。活动开始以来，已累计接待游客23.5万人次，带动周边餐饮、住宿"
            "等收入1800余万元。",
            "花木是鄢陵的金字招牌。全县花木种植面积达70万亩，拥有花木品种2600多个，从业人员20余"
            "万人。近年来，鄢陵县依托花木产业优势，大力发展乡村旅游和康养产业，先后建成了一批文旅"
            "项目，走出了一条“以花兴旅、以旅促农”的融合发展之路。",
            "在园区东门外的“花农市集”上，几十个摊位一字排开，盆景、绿植、鲜切花琳琅满目。陈化店镇"
            "花农周德山正忙着给顾客打包。“今年我带了200多盆月季和三角梅，头一天就卖出去一半。”"
            "他笑着说，以前花卖不上价，现在游客多了，不少人专门来买花，一天能挣好几百块钱。",
            "赏花经济带火了周边的乡村游。在距离园区不远的大马村，不少村民把自家的农家院改造成了"
            "民宿和农家乐。村民孙春华家的农家乐刚刚开业一年多，主打土鸡、野菜和手工面条。“赏花季的"
            "周末，一天能接待七八十位客人，忙得脚不沾地。”孙春华说，去年她家仅农家乐一项收入就有"
            "20多万元。",
            "为了让游客“留下来”，鄢陵县还推出了夜游项目。每到傍晚，园区内的灯光秀准时上演，5万多盏"
            "彩灯将花海装点得如梦似幻，音乐喷泉、民俗表演轮番登场，吸引了大批市民前来“打卡”。据"
            "统计，夜游项目开放以来，园区晚间接待游客占到了总接待量的三成以上。",
            "在园区的非遗展示区，蜡染、剪纸、面塑等传统手工艺吸引了众多游客驻足。面塑艺人刘老汉"
            "捏制的花卉、人物栩栩如生，不一会儿工夫，一朵鲜艳的牡丹就在他手中“绽放”。“现在来看的"
            "年轻人越来越多，有的还专门跟我学。”刘老汉说，这门手艺能传下去，他心里高兴。",
            "为保障游客安全有序赏花，鄢陵县公安、交通、市场监管等部门联合成立了服务保障专班，在"
            "园区周边新设临时停车场5处、停车位3000余个，开通了从县城到园区的免费接驳公交，并在园区"
            "内设置了6个志愿服务站，为游客提供咨询引导、应急救护等服务。",
            "县文化广电和旅游局负责人表示，今年还将陆续举办月季花展、荷花节、菊花展等主题活动，推出"
            "一批精品旅游线路，让游客一年四季都能在鄢陵“赏花、品果、游园、康养”。该县还将以花木"
            "博览园为龙头，进一步整合花木、温泉、生态等旅游资源，加快建设全域旅游示范区，力争到"
            "2022年全县年接待游客突破1000万人次，旅游综合收入超过80亿元。",
        ],
    )
    return PageSpec(4, "综合", [
        Block(continuation, 0, 1, title_size=20, title_wrap=8),
        Block(schools, 2, 5, title_size=28),
        Block(flowers, 0, 5, title_size=26),
        Block(Banner(["文明许昌 你我共建", "讲文明 树新风"]), 0, 5, to_bottom=True),
    ])


def _brief(title: str, reporter: str, body: str) -> Story:
    return Story(title=title, dateline="本报讯", byline=f"记者 {reporter}", people=[reporter],
                 body=[body])


def briefs_page() -> PageSpec:
    """第02版 城事, set with white space and no rules: a column of briefs under one-column
    titles stacked one under another, a story beside them, and a photo with no title whose
    caption is set in the body face, down to its credit."""
    briefs = [
        _brief("东城区新增三处停车场", "赵磊",
               "4月16日，东城区新建的三处公共停车场投入使用，共提供停车位860个，其中新能源车"
               "充电车位120个，市民可通过“许昌停车”小程序查询空余车位。"),
        _brief("市图书馆延长开放时间", "钱敏",
               "从4月20日起，市图书馆周末开放时间延长至晚上9点，少儿阅览室同步延长，读者凭"
               "身份证或读者证即可入馆。"),
        _brief("襄城县启动夏季防汛演练", "孙浩",
               "4月15日，襄城县在北汝河沿岸开展防汛应急演练，县应急、水利、消防等8个部门的"
               "300余人参加，演练了堤防抢险、群众转移等6个科目。"),
    ]
    story = Story(
        title="我市十二个社区卫生服务站完成标准化改造",
        dateline="本报讯",
        byline="记者 吴倩 通讯员 郑凯",
        people=["吴倩", "郑凯"],
        body=[
            "4月16日，记者从市卫生健康委获悉，今年以来，我市对中心城区12个社区卫生服务站"
            "进行标准化改造，新增诊室、治疗室、康复室等功能用房，配备心电图机、全自动生化"
            "分析仪等设备，目前已全部完成并投入使用。",
            "改造后的服务站实行“一站式”服务，居民在家门口就能享受常见病诊疗、慢性病管理、"
            "预防接种和健康咨询等服务。魏都区西关社区卫生服务站负责人介绍，改造完成后，站里"
            "日均接诊量由原来的40人次增加到90人次。",
            "市卫生健康委有关负责人表示，下一步，我市将继续推进基层医疗卫生服务能力提升，"
            "力争到年底实现社区卫生服务站标准化建设全覆盖，让群众就近享受优质便捷的医疗服务。",
        ],
    )
    photo = Story(
        kind="photo",
        title=None,
        byline="本报记者 李想 摄",
        people=["李想"],
        body=["4月16日，在许昌市民之家，工作人员为前来办事的群众讲解“一网通办”操作流程。"
              "今年以来，我市已有1200余项政务服务事项实现网上办理。"],
    )
    return PageSpec(2, "城事", [
        *(Block(brief, 0, 0, title_size=15, ruled=False) for brief in briefs),
        Block(story, 1, 3, ruled=False),
        Block(photo, 4, 5, ruled=False),
    ])


def _essays() -> list[Story]:
    """Four signed essays of the 理论 page's kind: bare-name bylines, subheads, notes."""
    warm = Story(
        title="让城市更有温度",
        byline="周晓明", people=["周晓明"],
        note="作者为许昌学院教授",
        subheads=(2, 5),
        body=[
            "一座城市好不好，不只看楼有多高、路有多宽，更要看生活在这里的人是不是舒心。近年来，"
            "不少城市在建设中越来越重视细节，街角多了供人歇脚的座椅，公交站台装上了遮阳棚，"
            "老旧小区添了路灯和扶手，这些看似不起眼的变化，让人真切感受到城市的温度。",
            "城市的温度，来自对每一个普通人的关照。老人出门有没有地方坐一坐，孩子放学有没有"
            "安全的路走，外卖小哥午间有没有地方喝口热水，这些问题回答好了，群众的获得感就实实在在。",
            "从小处着眼",
            "做好城市工作，要善于从小处着眼。许多群众反映的问题并不复杂，一盏灯、一段台阶、"
            "一个垃圾桶，解决起来花钱不多，却直接关系到大家每天的生活。各级干部要多到街头巷尾"
            "走一走，多听听居民怎么说，把群众的急事难事一件件记下来、一件件办到位。",
            "小处着眼，还要求我们改进工作方法。过去一些改造项目重形式、轻实效，花了不少钱，"
            "群众却不买账。今后的项目，从立项到验收，都应当请居民参与进来，让群众说了算。",
            "向长远用力",
            "城市的温度，不能只靠一时的热情，更要靠长效的机制。要把好的做法固定下来，形成制度，"
            "让城市管理从“运动式”转向“常态化”。同时，要加大对基层的投入，让社区有人、有钱、"
            "有场地为群众办事，让城市的温度持续下去。",
        ],
    )
    books = Story(
        title="读书的味道",
        byline="刘思远", people=["刘思远"],
        vertical_title=True,
        note="作者单位：市社会科学院",
        body=[
            "小时候，家里书不多，能借到一本小说就像过年一样高兴，常常捧着书读到深夜。如今，"
            "书店越开越多，图书馆也延长了开放时间，读书的条件比过去好了太多。",
            "条件好了，读书的人是不是更多了？走进地铁和公交，低头看手机的人不少，捧着一本书的"
            "却不多。碎片化的阅读固然方便，可是要想把一件事情想深想透，还得静下心来读几本好书。",
            "读书的味道，是一种慢下来的味道。一本好书，读第一遍是故事，读第二遍是道理，读第三遍"
            "也许就读出了自己。愿更多的人放下手机，拿起书本，在书香里找到属于自己的那份宁静。",
        ],
    )
    talent = Story(
        title="乡村振兴要靠人才",
        byline="陈建国", people=["陈建国"],
        note="作者为市农业科学研究所研究员",
        subheads=(2,),
        body=[
            "乡村要振兴，人才是关键。这些年，一些村庄的年轻人大多外出务工，留在村里的多是老人"
            "和孩子，种地靠经验，致富没门路，不少好的政策落不了地。",
            "破解这个难题，既要把外面的人才引进来，也要把村里的人才用起来。一方面，要为返乡创业"
            "的大学生、农民工提供贷款、用地等方面的支持，让他们回得来、留得住；另一方面，要加强"
            "对种养大户、合作社带头人的培训，让土专家、田秀才有用武之地。",
            "让人才留得住",
            "人才引进来只是第一步，更重要的是留得住。要改善乡村的教育、医疗和文化条件，让在乡村"
            "干事的人家里老人有人照看、孩子能上好学，安心扎根乡村。只有这样，乡村振兴才有源源"
            "不断的动力。",
        ],
    )
    lift = Story(
        title="小区加装电梯难在哪",
        byline="孙丽", people=["孙丽"],
        note="作者为市城市规划设计院高级工程师",
        body=[
            "老旧小区加装电梯，是一件实实在在的民生实事。住在高层的老人上下楼不方便，盼电梯"
            "盼了很多年，可是不少小区的电梯迟迟装不起来。",
            "难在意见不统一。低层住户用电梯少，担心采光和噪声受影响，往往不愿意出钱；高层住户"
            "着急，却说服不了邻居。社区要当好“和事佬”，把账算清楚，把顾虑讲明白，找到大家都"
            "能接受的办法。",
            "难在资金和审批。加装一部电梯要花几十万元，审批涉及多个部门。有关部门应当简化手续、"
            "加大补贴，让好事办得更顺、更快。",
        ],
    )
    return [warm, books, talent, lift]


def essays_page(layout: int = 1) -> PageSpec:
    """第07版 理论: four signed essays, under titles centred over more columns than they
    span, one title set upright beside its text; `layout` 2 places them otherwise, with a
    kicker and a subtitle over one."""
    warm, books, talent, lift = _essays()
    if layout == 1:
        blocks = [
            Block(warm, 0, 3, title_size=26),
            Block(books, 4, 5, title_size=24),
            Block(talent, 0, 2, title_size=22),
            Block(lift, 3, 5, title_size=22, to_bottom=True),
        ]
    else:
        lift = replace(lift, kicker="把民生实事办到群众心坎上", subtitle="——从一部电梯看基层治理")
        blocks = [
            Block(lift, 0, 2, title_size=22),
            Block(talent, 3, 5, title_size=22),
            Block(books, 0, 1, title_size=22),
            Block(warm, 2, 5, title_size=24),
        ]
    return PageSpec(7, "理论", blocks)


def furniture_page() -> PageSpec:
    """A page with furniture only (running head, banner, index box, editors' line)."""
    return PageSpec(8, "专版", [
        Block(IndexBox(INDEX_ENTRIES), 0, 5),
        Block(Banner(["众志成城 抗击疫情", "同舟共济 共克时艰"]), 0, 5, to_bottom=True),
    ])


# ---------------------------------------------------------------------------- files


def write_edition(path: Path) -> Path:
    """Pages 1 and 4 in one PDF."""
    build_pdf([front_page(), page_four()], path)
    return path


def write_pages(directory: Path) -> list[Path]:
    """Pages 1 and 4 as `01.pdf` and `04.pdf` in `directory`."""
    paths = []
    for page in (front_page(), page_four()):
        path = directory / f"{page.number:02d}.pdf"
        build_pdf([page], path)
        paths.append(path)
    return paths


def write_encrypted(path: Path, password: str = "xuchang") -> Path:
    """Page 1, encrypted: it opens only with the user password."""
    build_pdf([front_page()], path, password=password)
    return path


def write_scanned(path: Path) -> Path:
    """Page 1 as a scan: a picture of the page and no text layer."""
    build_scanned_pdf(front_page(), path)
    return path


def write_furniture_only(path: Path) -> Path:
    """A page whose only text is furniture: no article to find."""
    build_pdf([furniture_page()], path)
    return path
