"""The page as the desk sees it, with the cut drawn on: each article's blocks outlined in a
colour of its own and numbered in reading order, furniture and banners greyed out, so an
editor checks at a glance what will be read before it is published.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from xcaudio.layout.pdf import Layout, lay_out
from xcaudio.layout.pdf.glyphs import Box, open_pdf, read_pdf_pages
from xcaudio.layout.pdf.lines import body_size

SCALE = 1.5
COLOURS = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#e377c2",
           "#8c564b", "#bcbd22"]
GREY = (128, 128, 128, 150)
FONT_FILES = ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
              "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"]


def preview_paths(target: Path, count: int) -> list[Path]:
    """`page.png` for one page; `page-1.png`, `page-2.png`… for an edition."""
    if count == 1:
        return [target]
    return [target.with_name(f"{target.stem}-{number}{target.suffix}")
            for number in range(1, count + 1)]


def draw_previews(pdf: Path, target: Path) -> list[Path]:
    """Draw every page of `pdf` with its cut; the PNG files written."""
    layouts = [lay_out(page) for page in read_pdf_pages(pdf)]
    document = open_pdf(pdf)
    paths = preview_paths(target, len(layouts))
    try:
        for index, (layout, path) in enumerate(zip(layouts, paths, strict=True)):
            image = document[index].render(scale=SCALE).to_pil().convert("RGBA")
            _draw(image, layout)
            image.convert("RGB").save(path)
    finally:
        document.close()
    return paths


def _draw(image: Image.Image, layout: Layout) -> None:
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(overlay)
    for block in layout.furniture:
        pen.rectangle(_pixels(block.box), fill=GREY)
    for stack in layout.banners:
        pen.rectangle(_pixels(stack.box), fill=GREY)
    size = max(18, int(2.2 * body_size(layout.page.glyphs) * SCALE))
    font = _font(size)
    number = 0
    for story, article in zip(layout.stories, layout.articles, strict=True):
        if not article.body:
            for block in story.parts:
                pen.rectangle(_pixels(block.box), fill=GREY)
            continue
        colour = COLOURS[number % len(COLOURS)]
        number += 1
        boxes = [block.box for block in story.parts]
        if story.stack:
            boxes += [block.box for block in story.stack.blocks]
            boxes += [block.box for _, block in story.stack.bylines]
        for box in boxes:
            pen.rectangle(_pixels(box, pad=2), outline=colour, width=3)
        anchor = story.stack.box if story.stack else boxes[0]
        x, y = _pixels(anchor)[:2]
        label = str(number)
        width = pen.textlength(label, font=font)
        pen.rectangle((x, y, x + width + 8, y + size + 6), fill=colour)
        pen.text((x + 4, y + 1), label, fill="white", font=font)
    image.alpha_composite(overlay)


def _pixels(box: Box, pad: float = 0) -> tuple[float, float, float, float]:
    return ((box.x0 - pad) * SCALE, (box.y0 - pad) * SCALE,
            (box.x1 + pad) * SCALE, (box.y1 + pad) * SCALE)


def _font(size: int) -> ImageFont.ImageFont:
    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)
