"""Reading a headline stack: kicker (引题), title, subtitle (副题); index lines; banners.

A stack is one to three short lines. A kicker stands first and ends like a lead-in
(`…时强调`, `…批准`) or stands alone above a two-line title. A subtitle starts with `——`,
or is a line of a different size after the title. A title runs on to its next line when
that line finishes a bracket, is letter-spaced like it, or is set at the same width; it
joins with no space when it is one phrase wrapped, with a space when its lines are two
parallel phrases (the second starts with a verb, and the first is more than a subject).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from xcaudio.layout.blocks import KICKER_CUE, Display, word_crosses
from xcaudio.layout.lines import clean_headline, unbalanced, visual_width
from xcaudio.pronounce.readings import tokenizer
from xcaudio.pronounce.rules import word_tag

EQUAL_WIDTH = 1.5
BANNER_WIDTH = 8
VERB_FLAGS = {"v", "vd", "vi", "vg"}
# Numerals, measure words, abbreviations, verbal nouns (建设), Latin, punctuation; and every
# noun flag (n, nr, ns, nt, nz, …), which all start with "n".
NOMINAL_FLAGS = {"m", "q", "j", "vn", "eng", "x"}


@dataclass
class Heading:
    kicker: str | None = None
    title: str | None = None
    subtitle: str | None = None


def text_of(line: Display) -> str:
    return clean_headline(line.text)


def is_subtitle(line: Display) -> bool:
    return text_of(line).startswith(("——", "--"))


def flags(text: str) -> list[str]:
    """The part of speech of each jieba word of `text` (as `jieba.posseg` would cut and tag it
    without its HMM: a word the table lacks, a number, Latin or punctuation is "x", which
    counts as nominal below like posseg's "m" and "eng"), from the front end's cached table,
    so that the layout stage does not load jieba.posseg's own (half a second)."""
    return [word_tag(word) or "x" for word in tokenizer().cut(text, HMM=False)]


@cache
def starts_with_verb(text: str) -> bool:
    tags = flags(text[:6])
    return bool(tags) and tags[0] in VERB_FLAGS


@cache
def is_bare_subject(text: str) -> bool:
    """Only names, nouns and numbers (`许昌市人大常委会`): a subject, not a phrase that
    could stand beside another."""
    tags = flags(text)
    return bool(tags) and all(tag.startswith("n") or tag in NOMINAL_FLAGS for tag in tags)


def line_joiner(line: str, next_line: str) -> str:
    """How a title's next line joins it: " " between two parallel phrases (the next line
    starts with a verb), "" for one phrase wrapped, or for a subject and its predicate
    (`许昌市人大常委会` / `召开第三十次会议`)."""
    return " " if starts_with_verb(next_line) and not is_bare_subject(line) else ""


def title_joiner(previous: Display, line: Display, so_far: str) -> str | None:
    """How a title's next line joins it: "" for a wrap, " " for a couplet, None if it doesn't.
    A line that breaks a word (`…绿道全` / `面开工`) runs on, however short the rest."""
    if is_subtitle(line) or line.credit:
        return None
    if unbalanced(so_far) or (line.spaced and not previous.spaced):
        return ""
    if word_crosses(text_of(previous), text_of(line)):
        return ""
    if abs(visual_width(previous.text) - visual_width(line.text)) <= EQUAL_WIDTH:
        return line_joiner(text_of(previous), text_of(line))
    return None


def is_kicker(lines: list[Display]) -> bool:
    """The first line is a kicker: it ends like a lead-in, or it stands alone (blank line
    after it) above a stack of two or more lines."""
    if len(lines) < 2 or is_subtitle(lines[0]) or is_subtitle(lines[1]):
        return False
    alone_above_stack = len(lines) >= 3 and lines[1].blank_before and not lines[2].blank_before
    return bool(KICKER_CUE.search(text_of(lines[0]))) or (
        alone_above_stack and title_joiner(lines[1], lines[2], text_of(lines[1])) is not None
    )


def compose(lines: list[Display], *, essay: bool = False) -> Heading:
    """Kicker, title and subtitle from a story's headline lines, in page order.

    An essay's title stands right above its author's name: what is set apart above the
    title (a blank line between) is its kicker, one phrase or two parallel ones.
    """
    heading = Heading()
    if not lines:
        return heading
    above = _above_essay_title(lines) if essay else []
    if above:
        heading.kicker = text_of(above[0])
        for previous, line in zip(above, above[1:], strict=False):
            heading.kicker += line_joiner(text_of(previous), text_of(line)) + text_of(line)
        lines = lines[len(above) :]
    elif is_kicker(lines):
        heading.kicker, lines = text_of(lines[0]), lines[1:]
    title, rest = text_of(lines[0]), lines[1:]
    previous = lines[0]
    while rest and title.count(" ") < 3:
        joiner = title_joiner(previous, rest[0], title)
        if joiner is None:
            break
        previous, rest = rest[0], rest[1:]
        title += joiner + text_of(previous)
    heading.title = title
    if rest:
        heading.subtitle = " ".join(headline_entries(rest, drop_banners=False))
    return heading


def _above_essay_title(lines: list[Display]) -> list[Display]:
    """The lines above an essay's title: all before the last one set apart that is no
    subtitle."""
    apart = [
        number
        for number, line in enumerate(lines)
        if number and line.blank_before and not is_subtitle(line)
    ]
    return lines[: apart[-1]] if apart else []


def runs_on_headline(previous: Display, line: Display, so_far: str) -> bool:
    """A line that cannot stand as a headline of its own after `previous`."""
    return is_subtitle(line) or unbalanced(so_far) or (line.spaced and not previous.spaced)


def headline_entries(lines: list[Display], *, drop_banners: bool = True) -> list[str]:
    """Headline-only items and index lines: one entry per line, except that a subtitle,
    a wrapped line, or the line after a kicker joins the entry before it."""
    if drop_banners:
        lines = without_banners(lines)
    entries: list[str] = []
    previous: Display | None = None
    for line in lines:
        text = text_of(line)
        if entries and previous is not None and runs_on_headline(previous, line, entries[-1]):
            entries[-1] += text
        elif entries and KICKER_CUE.search(entries[-1]):
            entries[-1] += " " + text
        else:
            entries.append(text)
        previous = line
    return [entry for entry in entries if len(entry) > 3]


def without_banners(lines: list[Display]) -> list[Display]:
    """Drop slogan banners: two or more adjacent short lines of equal width, no figures."""
    keep = [True] * len(lines)
    start = 0
    while start < len(lines):
        end = start + 1
        while end < len(lines) and _same_banner(lines[start], lines[end]):
            end += 1
        if end - start >= 2 and _banner_line(lines[start]):
            keep[start:end] = [False] * (end - start)
        start = end
    return [line for line, kept in zip(lines, keep, strict=True) if kept]


def _banner_line(line: Display) -> bool:
    text = text_of(line)
    return visual_width(text) <= BANNER_WIDTH and not re.search(r"[\d—]", text)


def _same_banner(first: Display, other: Display) -> bool:
    return _banner_line(other) and abs(visual_width(first.text) - visual_width(other.text)) <= 0.5
