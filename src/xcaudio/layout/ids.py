"""Article ids: short ASCII slugs spelled from the title in pinyin, unique on the page."""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

from xcaudio.article import Article

SLUG_LENGTH = 40


def slug(text: str) -> str:
    """`共驻共建的“南关模式”` → `gong-zhu-gong-jian-de-nan-guan-mo-shi`, cut at a syllable."""
    words: list[str] = []
    for piece in lazy_pinyin(text):
        words += re.findall(r"[a-z0-9]+", piece.lower())
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > SLUG_LENGTH:
            break
        result = candidate
    return result


def assign_ids(articles: list[Article]) -> None:
    """Give every article without an id one, keeping all ids on the page distinct."""
    taken = {article.id for article in articles if article.id}
    for number, article in enumerate(articles, start=1):
        if article.id:
            continue
        source = article.title or article.kicker or "".join(article.body)[:20]
        base = slug(source) or f"article-{number}"
        candidate, suffix = base, 2
        while candidate in taken:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        article.id = candidate
        taken.add(candidate)
