"""An edition: pages in order, with stories that jump pages joined into one.

A story that ends on one page with `（下转第四版）` goes on under `（上接第一版）` on page
four, usually under its title again (or a shorter one). Joined, it is one article in the
place of its first part, so the bulletin reads it once and whole. A part whose other page
was not given stays as it is: `continued_on` still says where the rest is.
"""

from __future__ import annotations

import re

from xcaudio.article import Article, Page
from xcaudio.layout.lines import ends_sentence
from xcaudio.layout.matching import features

DIGITS = dict(zip("零一二三四五六七八九", range(10), strict=True))


def page_number_of(label: str | None) -> int | None:
    """`第四版` → 4, `第十二版` → 12, `第01版` → 1, `A4版` → 4."""
    if not label:
        return None
    digits = re.search(r"\d+", label)
    if digits:
        return int(digits.group())
    numeral = re.search(r"[零一二三四五六七八九十]+", label)
    if not numeral:
        return None
    text = numeral.group()
    if "十" not in text:
        value = 0
        for char in text:
            value = value * 10 + DIGITS[char]
        return value
    tens, units = text.split("十", 1)
    return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[units[:1]] if units else 0)


def join_continuations(pages: list[Page]) -> list[Page]:
    """Each jumped story's later part appended to its first part, and taken off its page."""
    by_number = {page.number: page for page in pages if page.number is not None}
    for page in pages:
        for article in page.articles:
            while article.continued_on:
                later = by_number.get(page_number_of(article.continued_on))
                part = _continuation(article, page, later) if later is not None else None
                if part is None:
                    break
                _append(article, part)
                later.articles.remove(part)
    return pages


def _continuation(article: Article, page: Page, later: Page) -> Article | None:
    """The part on `later` that says it continues from `page`; the one whose headline
    shares most with the article's, when there are several."""
    parts = [
        candidate for candidate in later.articles
        if page_number_of(candidate.continued_from) == page.number
    ]
    if len(parts) <= 1:
        return parts[0] if parts else None
    mine = features(" ".join(filter(None, (article.kicker, article.title, article.subtitle))))
    return max(parts, key=lambda part: len(mine & features(part.title or "")))


def _append(article: Article, part: Article) -> None:
    """The later part's paragraphs after the first part's; a paragraph cut by the jump
    (`…对途经学院路、建` / `安大道等…`) made whole again."""
    body = list(part.body)
    if article.body and body and not ends_sentence(article.body[-1]):
        article.body[-1] += body.pop(0)
    article.body += body
    article.continued_on = part.continued_on
    article.note = article.note or part.note
    article.people += [person for person in part.people if person not in article.people]
    if part.byline and not article.byline:
        article.byline = part.byline
