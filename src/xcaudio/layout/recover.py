"""Layout recovery: raw page text in, articles and headline-only items out."""

from __future__ import annotations

from xcaudio.article import Article, Page
from xcaudio.layout.blocks import Body, page_lines, segment
from xcaudio.layout.columns import unfold_columns
from xcaudio.layout.errors import LayoutError
from xcaudio.layout.headlines import Heading, compose, headline_entries
from xcaudio.layout.ids import assign_ids
from xcaudio.layout.leads import Credit, find_lead, is_wire, join_lead
from xcaudio.layout.lines import clean_headline, despace, has_punctuation, join_lines
from xcaudio.layout.matching import (
    arrange,
    assign,
    captions_in,
    credit_owners,
    join_interrupted,
    lift_stacked_subheads,
    merge_subheads,
    place_essay_subheads,
    place_orphan_leads,
    reunite_essays,
    split_by_headlines,
    unowned_runs,
)
from xcaudio.layout.pieces import reading_order


def parse_page(text: str, name: str) -> Page:
    """Recover a page's articles from text extracted from its PDF (see the package docs)."""
    if not text.strip():
        raise LayoutError(f"{name}: the page is empty")
    lines = reading_order(page_lines(unfold_columns(text, name)))
    bodies, groups = arrange(segment(lines))
    join_interrupted(bodies, groups)
    merge_subheads(bodies, groups)
    lift_stacked_subheads(bodies, groups)
    place_essay_subheads(bodies, groups)
    split_by_headlines(bodies, groups)
    captions = captions_in(groups)
    owned = assign(bodies, groups)
    credits = credit_owners(bodies, groups, owned)
    place_orphan_leads(bodies, owned, credits)
    reunite_essays(bodies, owned, credits)
    articles = []
    for number, body in enumerate(bodies):
        signed = any(credit.names_only for credit in credits.get(number, []))
        heading = compose(owned.get(number, []), essay=signed)
        if number in captions and heading.title is None:
            heading.title = caption_title(body)
        articles.append(build_article(body, heading, credits.get(number, [])))
    articles = [article for article in articles if article.body]
    if not articles:
        raise LayoutError(f"{name}: no articles found on the page")
    assign_ids(articles)
    headlines = [entry for run in unowned_runs(groups, owned) for entry in headline_entries(run)]
    return Page(page=name, articles=articles, headlines=headlines)


def caption_title(body: Body) -> str | None:
    """A photo caption left without a headline: its first line, if unpunctuated, is one
    (set about as wide as the caption, so it read as the caption's first line)."""
    first = body.paragraphs[0][0] if body.paragraphs else ""
    if not first or has_punctuation(first) or find_lead(first):
        return None
    body.paragraphs[0] = body.paragraphs[0][1:]
    if not body.paragraphs[0]:
        del body.paragraphs[0]
        body.subheads = {number - 1 for number in body.subheads if number}
    return clean_headline(first)


def build_article(body: Body, heading: Heading, credits: list[Credit]) -> Article:
    """One article: lead split into dateline/byline/people, credits added, text despaced."""
    paragraphs = body.texts
    if body.has_lead:
        paragraphs[0] = join_lead(body.paragraphs[0])
    article = Article(
        id="",
        kicker=heading.kicker,
        title=heading.title,
        subtitle=heading.subtitle,
        continued_on=body.continued_on,
    )
    lead = find_lead(paragraphs[0]) if paragraphs else None
    if lead:
        paragraphs[0] = lead.rest
        article.dateline, article.byline, article.people = lead.dateline, lead.byline, lead.people
    photo = False
    for credit in credits:
        article.byline = f"{article.byline} {credit.byline}" if article.byline else credit.byline
        article.people += [person for person in credit.people if person not in article.people]
        photo = photo or credit.photo
    cleaned = [
        clean_headline(text) if number in body.subheads else despace(text)
        for number, text in enumerate(paragraphs)
    ]
    article.body = [paragraph for paragraph in cleaned if paragraph]
    if body.note:
        article.note = despace(join_lines(body.note)).strip("（）()") or None
    if photo:
        article.kind = "photo"
    elif article.dateline and is_wire(article.dateline):
        article.kind = "brief"
    return article
