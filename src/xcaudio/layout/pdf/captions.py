"""Photo captions, credits and the source lines of charts.

A caption is set right under its picture (or in the picture's own bottom margin), within
the picture's width, in a few lines that stand out from the running text: another face,
or a credit (`新华社记者 徐昱摄`, `翟桂溪作（新华社发）`), or a chart's source line
(`数据来源：…`). A picture that holds running text is a tint behind it, not a photo.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from xcaudio.layout.leads import find_credit
from xcaudio.layout.pdf.blocks import Block
from xcaudio.layout.pdf.glyphs import Box

CAPTION_LINES = 6
BELOW_REACH = 2.5
INSIDE_REACH = 4.0
PICTURE_SIDE = 3.0
CREDIT_END = re.compile(r"(摄影?|作|供图|绘|[（(][^（()）]*发[）)])$")
SOURCE_LINE = re.compile(r"^(数据|资料)来源[：:]")


@dataclass
class Caption:
    picture: Box
    blocks: list[Block] = field(default_factory=list)

    @property
    def source_only(self) -> bool:
        """A chart's source line: not news, never spoken."""
        return all(SOURCE_LINE.match(block.text) for block in self.blocks)


def is_credit(text: str) -> bool:
    compact = text.replace(" ", "")
    return bool(find_credit(text)) or (len(compact) <= 24 and bool(CREDIT_END.search(compact)))


def photos(pictures: list[Box], pieces: list[Block], body: float) -> list[Box]:
    """Pictures big enough to be photos or charts, and not tints behind running text: a tint
    has running text set over it, or a column that starts on it and runs on below (a
    caption in a photo's bottom margin is a few lines at most)."""
    return [
        picture for picture in pictures
        if min(picture.width, picture.height) >= PICTURE_SIDE * body
        and not any(_over(piece, picture, body) for piece in pieces)
    ]


def _over(piece: Block, picture: Box, body: float) -> bool:
    starts_on = picture.y0 - 1 <= piece.box.y0 < picture.y1
    if piece.box.overlap_x(picture) < 0.8 * piece.box.width or not starts_on:
        return False
    inside = sum(
        picture.contains(line.box, margin=1) and line.box.y0 < picture.y1 - INSIDE_REACH * body
        for line in piece.lines
    )
    return inside >= 2 or len(piece.lines) > CAPTION_LINES


def body_font(blocks: list[Block]) -> str:
    fonts = Counter(line.font for block in blocks if block.body for line in block.lines)
    return fonts.most_common(1)[0][0] if fonts else ""


def find_captions(blocks: list[Block], pictures: list[Box], body: float) -> list[Caption]:
    """Each photo's caption blocks, taken from `blocks` (pieces and display blocks). Under
    the picture, a caption runs down to its credit; with no credit, it is the blocks that
    stand out from the running text. What shares a row with them comes too (a credit's name
    set apart from its role word)."""
    font = body_font(blocks)
    captions: list[Caption] = []
    taken: set[int] = set()
    for picture in pictures:
        caption = Caption(picture)
        run: list[Block] = []
        for block in sorted(blocks, key=lambda item: (item.box.y0, item.box.x0)):
            if id(block) in taken or not _under(block.box, picture, run, body):
                continue
            if len(block.lines) > CAPTION_LINES:
                break
            run.append(block)
        credited = [index for index, block in enumerate(run) if is_credit(block.text)]
        if credited:
            caption.blocks = run[: credited[-1] + 1]
        else:
            caption.blocks = [block for block in run if _stands_out(block, font)]
        standing = list(caption.blocks)
        for block in blocks:
            beside = any(block.box.overlap_y(member.box) > 0 for member in standing)
            within = block.box.overlap_x(picture) >= 0.8 * block.box.width
            if block not in standing and beside and within and len(block.lines) == 1:
                caption.blocks.append(block)
        taken.update(id(block) for block in caption.blocks)
        if caption.blocks:
            captions.append(caption)
    return captions


def _under(box: Box, picture: Box, above: list[Block], body: float) -> bool:
    """Within the picture's width, and just under it (or under the blocks above)."""
    if box.overlap_x(picture) < 0.8 * box.width:
        return False
    bottom = max([picture.y1, *(block.box.y1 for block in above)])
    return picture.y1 - INSIDE_REACH * body <= box.y0 <= bottom + BELOW_REACH * body


def _stands_out(block: Block, font: str) -> bool:
    if len(block.lines) > CAPTION_LINES:
        return False
    text = block.text
    other_face = any(line.font != font for line in block.lines)
    return other_face or is_credit(text) or bool(SOURCE_LINE.match(text))
