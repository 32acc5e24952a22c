"""A story's blocks into an `Article`: headline stack, paragraphs, lead, credits, note.

Paragraphs are found the way a reader finds them: a line indented about two ems from its
column's edge starts one; a column that begins flush continues the paragraph the previous
column left open. Leads, credits and continuation markers follow the same conventions as
in extracted text (`leads.py`); an author note `（作者为…）` closing an essay is kept
apart from the body.
"""

from __future__ import annotations

import re

from xcaudio.article import Article
from xcaudio.layout.leads import add_paragraph, add_people, find_credit
from xcaudio.layout.lines import clean_headline, despace, ends_sentence, join_lines, unbalanced
from xcaudio.layout.pdf.blocks import Block, indented
from xcaudio.layout.pdf.captions import Caption, is_credit
from xcaudio.layout.pdf.lines import TextLine
from xcaudio.layout.pdf.stories import Story

AUTHOR_NOTE = re.compile(r"[（(]\s*(?P<note>(?:作者|笔者)[^（()）]*?[为系是：:][^（()）]+)[）)]$")


def paragraph_lines(story: Story, edges: dict[int, float]) -> tuple[list[list[str]], set[int]]:
    """The story's paragraphs in reading order, each as its printed lines, and which of
    them are subheads."""
    paragraphs: list[list[str]] = []
    subheads: set[int] = set()
    open_paragraph = False
    for block in story.parts:
        if block in story.subheads:
            subheads.add(len(paragraphs))
            paragraphs.append([block.text])
            open_paragraph = False
            continue
        left = edges[id(block)]
        right = max(part.box.x1 for part in story.parts if part.box.overlap_x(block.box) > 0)
        wrapped_subhead = False
        for line in block.lines:
            bracket_open = bool(paragraphs) and unbalanced("".join(paragraphs[-1]))
            centred_line = centred(line, left, right)
            goes_on = wrapped_subhead and centred_line
            if not open_paragraph or (indented(line, left) and not bracket_open and not goes_on):
                paragraphs.append([])
            paragraphs[-1].append(line.text)
            open_paragraph = True
            wrapped_subhead = centred_line and not ends_sentence(line.text)
    return paragraphs, subheads


def centred(line: TextLine, left: float, right: float) -> bool:
    """A line set in from both edges of its column by about as much, an em at least: a
    subhead in the body's size, whose next centred line goes on with it."""
    before, after = line.box.x0 - left, right - line.box.x1
    return min(before, after) >= line.size and abs(before - after) <= line.size


def build_article(story: Story, edges: dict[int, float]) -> Article:
    article = Article(id="")
    if story.stack:
        _headline(article, story)
    paragraphs, subheads = paragraph_lines(story, edges)
    for number, lines in enumerate(paragraphs):
        if number in subheads:
            article.body.append(clean_headline(join_lines(lines)))
            continue
        text = join_lines(lines)
        note = AUTHOR_NOTE.search(text) if number == len(paragraphs) - 1 else None
        if note:
            article.note = despace(note.group("note"))
            text = text[: note.start()]
        add_paragraph(article, text)
    return article


def photo_article(caption: Caption) -> Article:
    """A photo standing on its own: its caption is the story, a line of display type over
    the caption its title, its credit the byline."""
    rows: list[list[Block]] = []
    for block in sorted(caption.blocks, key=lambda item: (item.box.y0, item.box.x0)):
        if rows and rows[-1][-1].box.overlap_y(block.box) > 0:
            rows[-1].append(block)
        else:
            rows.append([block])
    article = Article(id="", kind="photo")
    text: list[str] = []
    for row in rows:
        printed = " ".join(block.text for block in row)
        credit = find_credit(printed)
        if credit:
            add_people(article, credit.byline, credit.people)
        elif is_credit(printed):
            add_people(article, despace(printed), [])
        elif not text and article.title is None and not any(block.body for block in row):
            article.title = clean_headline(printed)
        else:
            text.append(printed)
    article.body = [despace(join_lines(text))] if text else []
    return article


def _headline(article: Article, story: Story) -> None:
    stack = story.stack
    title = stack.title
    above = [block for block in stack.blocks if block.box.y0 < title.box.y0 and block is not title]
    below = [block for block in stack.blocks if block.box.y0 > title.box.y0 and block is not title]
    article.title = clean_headline(title.text)
    article.kicker = " ".join(clean_headline(block.text) for block in above) or None
    article.subtitle = " ".join(clean_headline(block.text) for block in below) or None
    for names, block in stack.bylines:
        add_people(article, clean_headline(block.text), names)
