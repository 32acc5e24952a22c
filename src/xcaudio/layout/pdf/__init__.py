"""Page PDFs: recover articles from where each character sits, in which size and font.

Stages, one module each: `glyphs` (characters, pictures, rules and frames off the PDF),
`lines` (characters into horizontal and vertical lines), `blocks` (lines into column pieces
of running text and blocks of display type), `roles` (furniture, subheads, bylines, headline
stacks), `stories` (which story each piece belongs to, and reading order), `articles`
(paragraphs, leads, credits and notes into an `Article`), `preview` (the page drawn with the
cut outlined).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cmp_to_key
from pathlib import Path

from xcaudio.article import Article, Page
from xcaudio.layout.errors import LayoutError
from xcaudio.layout.ids import assign_ids
from xcaudio.layout.lines import clean_headline
from xcaudio.layout.pdf.articles import build_article, photo_article
from xcaudio.layout.pdf.blocks import (
    Block,
    column_pieces,
    display_blocks,
    is_body_line,
    median_width,
    paragraph_edges,
)
from xcaudio.layout.pdf.captions import find_captions, photos
from xcaudio.layout.pdf.glyphs import PdfPage, read_pdf_pages
from xcaudio.layout.pdf.lines import body_size, build_lines
from xcaudio.layout.pdf.roles import (
    PAGE_LABEL,
    Stack,
    byline_names,
    index_boxes,
    is_page_furniture,
    is_subhead_shaped,
    stacks_of,
)
from xcaudio.layout.pdf.stories import (
    Geometry,
    Story,
    assemble,
    heads_a_story,
    page_order,
    subhead_in_column,
)


@dataclass
class Layout:
    """One page as read: its stories (with the articles made of them), furniture, banners
    (headline type over no story: slogans, series titles), the index box's headlines."""

    page: PdfPage
    stories: list[Story]
    articles: list[Article]
    furniture: list[Block]
    banners: list[Stack]
    headlines: list[str]
    number: int | None


def lay_out(page: PdfPage) -> Layout:
    body = body_size(page.glyphs)
    lines = build_lines(page.glyphs, body)
    pieces = column_pieces([line for line in lines if is_body_line(line, body)], body)
    displays = display_blocks([line for line in lines if not is_body_line(line, body)])
    furniture = [block for block in pieces + displays if is_page_furniture(block, page)]
    indexes = index_boxes(page.frames, pieces + displays)
    furniture += [block for index in indexes for block in index.blocks]
    pictures = photos(page.pictures + page.fills, pieces, body)
    captions = find_captions(
        [block for block in pieces + displays if block not in furniture], pictures, body
    )
    aside = furniture + [block for caption in captions for block in caption.blocks]
    pieces = [piece for piece in pieces if piece not in aside]
    displays = [block for block in displays if block not in aside]
    geometry = Geometry(page, body, pieces)
    column = median_width(pieces)
    bylines = [(names, block) for block in displays if (names := byline_names(block, body))]
    named = [block for _, block in bylines]
    shaped = [
        block for block in displays
        if block not in named and is_subhead_shaped(block, body, column)
    ]
    headings = [block for block in displays if block not in named and block not in shaped]
    first_stacks = stacks_of(headings, geometry.container)
    subheads = [block for block in shaped if subhead_in_column(block, pieces, first_stacks,
                                                               geometry)]
    stacks = stacks_of(
        headings + [block for block in shaped if block not in subheads], geometry.container
    )
    banners = [
        stack for stack in stacks
        if not heads_a_story(stack, pieces + subheads, stacks, geometry)
    ]
    stacks = [stack for stack in stacks if stack not in banners]
    for names, block in bylines:
        owner = geometry.owner(block.box, stacks)
        if owner is not None:
            owner.bylines.append((names, block))
    stories = assemble(pieces, subheads, stacks, geometry)
    heading = {id(story.stack) for story in stories}
    banners += [stack for stack in stacks if id(stack) not in heading]
    edges = paragraph_edges(pieces)
    articles = [build_article(story, edges) for story in stories]
    for caption in captions:
        # A photo under a headline that spans it illustrates that story; its caption is not
        # read. Any other photo is an item of its own.
        owned = geometry.above(caption.picture, stacks) is not None
        if not owned and not caption.source_only:
            stories.append(Story(None, caption.blocks))
            articles.append(photo_article(caption))
    ordered = sorted(zip(stories, articles, strict=True),
                     key=cmp_to_key(lambda one, other: page_order(one[0], other[0])))
    stories, articles = [story for story, _ in ordered], [article for _, article in ordered]
    headlines = [entry for index in indexes for entry in index.entries]
    return Layout(page, stories, articles, furniture, banners, headlines,
                  page_number(furniture))


def page_number(furniture: list[Block]) -> int | None:
    """The page's number from its label in the head band (`7 理论`, `第01版`)."""
    for block in furniture:
        text = clean_headline(block.text)
        if PAGE_LABEL.fullmatch(text):
            digits = re.search(r"\d+", text)
            return int(digits.group()) if digits else None
    return None


def read_pdf(path: Path) -> list[Page]:
    """The pages of a page PDF (one, or a whole edition), each with its articles."""
    pdf_pages = read_pdf_pages(path)
    if not any(page.glyphs for page in pdf_pages):
        if any(page.pictures for page in pdf_pages):
            raise LayoutError(
                f"{path.name}: the PDF has no text layer (a scanned page?); OCR is not "
                "supported: give the page PDF as the typesetting system exported it"
            )
        raise LayoutError(f"{path.name}: the PDF holds no text")
    pages: list[Page] = []
    for pdf_page in pdf_pages:
        layout = lay_out(pdf_page)
        articles = [article for article in layout.articles if article.body]
        if not articles:
            continue
        assign_ids(articles)
        name = path.stem if len(pdf_pages) == 1 else f"{path.stem}-{pdf_page.number}"
        pages.append(Page(name, articles, layout.headlines, layout.number or pdf_page.number))
    if not pages:
        raise LayoutError(f"{path.name}: no articles found on the page")
    return pages
