"""The show's cover art: a 3000 px square PNG, the size Apple recommends (1400–3000 px).

The title is drawn in Chinese when the machine has a font with CJK glyphs (`fc-list :lang=zh`;
Debian's fonts-wqy-microhei or fonts-noto-cjk); without one, in Latin with Pillow's own font,
so the cover never shows empty boxes.
"""

from __future__ import annotations

import io
import logging
import math
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from xcaudio.files import digest, file_identity, write_atomic

COVER_NAME = "cover.png"
log = logging.getLogger(__name__)
SIZE = 3000
MIN_SIZE = 1400
EMBEDDED_SIZE = 400
BACKGROUND = (166, 24, 28)  # the masthead red of a Chinese daily
INK = (255, 255, 255)
ACCENT = (255, 214, 102)


@dataclass(frozen=True)
class CoverText:
    title: str
    subtitle: str


CHINESE = CoverText("许昌日报", "有声版")
LATIN = CoverText("XUCHANG DAILY", "AUDIO EDITION")


def cjk_font() -> Path | None:
    """The first installed font that fontconfig says covers Chinese."""
    try:
        listing = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(line.strip().rstrip(":") for line in listing.splitlines() if line.strip())
    return Path(files[0]) if files else None


def font(path: Path | None, size: int) -> ImageFont.FreeTypeFont:
    if path is None:
        return ImageFont.load_default(size=size)
    return ImageFont.truetype(str(path), size=size)


def fit_font(draw: ImageDraw.ImageDraw, path: Path | None, text: str, width: int, size: int):
    """The largest font up to `size` that draws `text` no wider than `width`."""
    while size > 10:
        candidate = font(path, size)
        left, _, right, _ = draw.textbbox((0, 0), text, font=candidate)
        if right - left <= width:
            return candidate
        size = int(size * 0.92)
    return font(path, size)


def draw_centered(draw: ImageDraw.ImageDraw, y: int, text: str, typeface, fill, stroke: int):
    draw.text(
        (SIZE // 2, y),
        text,
        font=typeface,
        fill=fill,
        anchor="mm",
        stroke_width=stroke,
        stroke_fill=fill,
    )


def draw_wave(draw: ImageDraw.ImageDraw, centre_y: int) -> None:
    """A row of rounded bars like a sound wave: says "audio" without words."""
    bars = 23
    bar_width = 70
    gap = 38
    total = bars * bar_width + (bars - 1) * gap
    left = (SIZE - total) // 2
    for index in range(bars):
        phase = index / (bars - 1)
        envelope = math.sin(math.pi * phase)
        height = int(120 + 640 * envelope * (0.55 + 0.45 * abs(math.sin(index * 1.7))))
        x = left + index * (bar_width + gap)
        draw.rounded_rectangle(
            (x, centre_y - height // 2, x + bar_width, centre_y + height // 2),
            radius=bar_width // 2,
            fill=INK,
        )


def render_cover(font_path: Path | None) -> bytes:
    text = CHINESE if font_path else LATIN
    image = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = 260
    draw.rectangle((margin // 2, margin // 2, SIZE - margin // 2, SIZE - margin // 2),
                   outline=INK, width=24)
    title = fit_font(draw, font_path, text.title, SIZE - 2 * margin, 640)
    subtitle = fit_font(draw, font_path, text.subtitle, SIZE - 2 * margin, 380)
    draw_centered(draw, 760, text.title, title, INK, stroke=10)
    draw_wave(draw, 1560)
    draw_centered(draw, 2380, text.subtitle, subtitle, ACCENT, stroke=6)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def make_cover() -> bytes:
    return render_cover(cjk_font())


def converted_cover(source: Path) -> bytes:
    """The newsroom's artwork (any format and size, square) as the RGB PNG Apple asks for,
    scaled into 1400–3000 px."""
    with Image.open(source) as image:
        side = min(max(image.width, MIN_SIZE), SIZE)
        square = image.convert("RGB").resize((side, side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    square.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def update_cover(out: Path, source: Path | None) -> Path | None:
    """Put the show's cover in `out`; the path when it was (re)written. The settings' cover is
    converted again when it changes; without one, the drawn cover is made once, and artwork
    the publisher puts there by hand is kept."""
    path = out / COVER_NAME
    if source is None:
        if path.exists():
            return None
        write_atomic(path, make_cover())
        return path
    if path.exists() and path.stat().st_mtime >= source.stat().st_mtime:
        return None
    write_atomic(path, converted_cover(source))
    return path


def embedded_cover(cover: Path, kept: Path, size: int = EMBEDDED_SIZE) -> bytes:
    """The cover as a small JPEG for the MP3s' tags: players show it thumbnail-sized, and the
    full PNG would add about 100 kB to every file, more than a short story's audio. Made once
    per cover and kept in the folder `kept`: decoding and scaling the cover is a fifth of a
    second of every render."""
    path = kept / f"{digest(size, file_identity(cover))}.jpg"
    try:
        return path.read_bytes()
    except OSError:  # not made yet, or the cache cannot be read: make it
        small = thumbnail(cover, size)
    try:
        write_atomic(path, small)
    except OSError as error:
        log.warning("cannot keep the cover's thumbnail in %s: %s", kept, error)
    return small


def thumbnail(cover: Path, size: int) -> bytes:
    with Image.open(cover) as image:
        small = image.convert("RGB").resize((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
