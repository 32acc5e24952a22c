"""What a page PDF holds that layout needs: every character with its place, size and font,
and the pictures and rules drawn on the page.

Coordinates are in points from the page's top-left corner (y grows downwards), the way an
editor measures a page. A character's size is its type size on the page: the font size
times the text matrix's scale (typesetting systems often set the size in one, 1 in the
other).
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from xcaudio.layout.errors import LayoutError

# PDFium's FPDF_ERR_PASSWORD: the document is encrypted and needs a password.
PASSWORD_ERROR = 4
# Drawn shapes thinner than this, and much longer than thick, are rules between stories;
# stroked outlines at least FRAME_SIDE on each side are frames around a boxed story, filled
# shapes that large are tints, charts or pictures drawn as shapes.
RULE_THICKNESS = 12.0
FRAME_SIDE = 40.0


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def overlap_x(self, other: Box) -> float:
        return max(0.0, min(self.x1, other.x1) - max(self.x0, other.x0))

    def overlap_y(self, other: Box) -> float:
        return max(0.0, min(self.y1, other.y1) - max(self.y0, other.y0))

    def contains(self, other: Box, margin: float = 0.0) -> bool:
        return (
            self.x0 - margin <= other.x0
            and other.x1 <= self.x1 + margin
            and self.y0 - margin <= other.y0
            and other.y1 <= self.y1 + margin
        )


def union_box(boxes: list[Box]) -> Box:
    """The smallest box around all of `boxes` (at least one)."""
    return Box(
        min(box.x0 for box in boxes), min(box.y0 for box in boxes),
        max(box.x1 for box in boxes), max(box.y1 for box in boxes),
    )


@dataclass(frozen=True)
class Glyph:
    """One printed character: its text, origin (x, baseline y), type size and font, and
    where its ink starts (two marks squeezed into one em, `：“`, share one origin)."""

    char: str
    x: float
    y: float
    size: float
    advance: float
    font: str
    ink: float


@dataclass
class PdfPage:
    number: int
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    pictures: list[Box] = field(default_factory=list)
    rules: list[Box] = field(default_factory=list)
    frames: list[Box] = field(default_factory=list)
    fills: list[Box] = field(default_factory=list)
    label: str | None = None


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """The document, or a LayoutError that says in one line why it cannot be read."""
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        if error.err_code == PASSWORD_ERROR:
            raise LayoutError(
                f"{path.name}: the PDF is encrypted; give the page without a password"
            ) from None
        raise LayoutError(f"{path.name}: not a readable PDF ({error})") from None


def read_pdf_pages(path: Path) -> list[PdfPage]:
    """Every page of the PDF with its glyphs, pictures and rules."""
    document = open_pdf(path)
    try:
        return [_read_page(document, index) for index in range(len(document))]
    finally:
        document.close()


def _read_page(document: pdfium.PdfDocument, index: int) -> PdfPage:
    page = document[index]
    width, height = page.get_size()
    result = PdfPage(number=index + 1, width=width, height=height)
    text_page = page.get_textpage()
    result.glyphs = _glyphs(text_page, height)
    for obj in page.get_objects(max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        box = Box(left, height - top, right, height - bottom)
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            result.pictures.append(box)
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and _is_rule(box):
            result.rules.append(box)
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and min(box.width, box.height) >= FRAME_SIDE:
            (result.frames if _is_frame(obj) else result.fills).append(box)
    result.label = document.get_page_label(index) or None
    text_page.close()
    page.close()
    return result


def _is_rule(box: Box) -> bool:
    thin_across = box.height <= RULE_THICKNESS and box.width >= 4 * max(box.height, 1.0)
    thin_down = box.width <= RULE_THICKNESS and box.height >= 4 * max(box.width, 1.0)
    return thin_across or thin_down


def _is_frame(obj: pdfium.PdfObject) -> bool:
    """An outline drawn around a boxed story: stroked, not filled. A filled shape is a tint
    behind text, which separates nothing, or a chart or a picture's placeholder."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
    return bool(stroke.value) and not fill.value


def _glyphs(text_page: pdfium.PdfTextPage, height: float) -> list[Glyph]:
    raw_page = text_page.raw
    matrix = pdfium_c.FS_MATRIX()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    loose = pdfium_c.FS_RECTF()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    glyphs: list[Glyph] = []
    for index in range(text_page.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(raw_page, index):
            continue
        char = chr(pdfium_c.FPDFText_GetUnicode(raw_page, index))
        if char.isspace() or not char.isprintable():
            continue
        pdfium_c.FPDFText_GetMatrix(raw_page, index, matrix)
        pdfium_c.FPDFText_GetCharOrigin(raw_page, index, origin_x, origin_y)
        pdfium_c.FPDFText_GetLooseCharBox(raw_page, index, loose)
        inked = pdfium_c.FPDFText_GetCharBox(raw_page, index, left, right, bottom, top)
        pdfium_c.FPDFText_GetFontInfo(raw_page, index, name, len(name), flags)
        scale = math.hypot(matrix.a, matrix.b) or 1.0
        size = pdfium_c.FPDFText_GetFontSize(raw_page, index) * scale
        font = name.value.decode("latin-1").split("+")[-1]
        advance = (loose.right - loose.left) or size
        x, y = origin_x.value, height - origin_y.value
        glyphs.append(Glyph(char, x, y, size, advance, font, left.value if inked else x))
    return glyphs
