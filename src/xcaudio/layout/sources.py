"""Page files in the forms the product accepts, each known by its content: page PDFs (one
page or a whole edition, see `pdf`), the 方正见报XML a Founder typesetting system exports
(see `founder`), raw page text, Markdown, clean JSON. Several files, or a PDF of several
pages, make an edition, whose jumped stories are joined (see `edition`).

Markdown, for newsrooms that export from a CMS (one `#` headline per article):

    > 引题 (kicker): a quote line right above the `#` line
    # 标题 (title)
    ## 副题 (subtitle): right below the title
    本报讯（记者 石冠兵）4月16日上午，… (paragraphs separated by blank lines)
    ### a subhead inside the story: kept as its own paragraph
    本报记者 乔利峰 摄 (a byline block or photo credit, as a paragraph of its own)
    （下转第四版）

Leads, bylines, credits and continuation markers are read with the same rules as raw
pages, so the article kinds come out the same. A `#` headline with no text under it goes
to the page's `headlines`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from xcaudio.article import Article, Page
from xcaudio.layout.edition import join_continuations
from xcaudio.layout.encoding import decode
from xcaudio.layout.errors import LayoutError
from xcaudio.layout.founder import is_founder_xml, page_from_founder
from xcaudio.layout.ids import assign_ids
from xcaudio.layout.leads import add_paragraph
from xcaudio.layout.lines import clean_headline, join_lines
from xcaudio.layout.recover import parse_page

MARKDOWN_SUFFIXES = {".md", ".markdown"}
KINDS = {"article", "brief", "photo"}


def read_edition(paths: list[Path]) -> list[Page]:
    """The pages of all files in order, stories that jump pages joined; pages left with no
    article of their own (only the rest of a jumped story) are dropped."""
    pages = join_continuations([page for path in paths for page in read_pages(Path(path))])
    return [page for page in pages if page.articles]


def read_page(path: Path) -> Page:
    """One file as one page: a PDF of several pages becomes one page of all their articles."""
    return merge_pages(read_edition([path]), Path(path).stem)


def merge_pages(pages: list[Page], name: str) -> Page:
    """An edition as a single page (for `clean --json`): articles and headlines in order."""
    if len(pages) == 1:
        return pages[0]
    articles = [article for page in pages for article in page.articles]
    for article in articles:
        article.id = ""
    assign_ids(articles)
    headlines = [headline for page in pages for headline in page.headlines]
    return Page(page=name, articles=articles, headlines=headlines)


def read_pages(path: Path) -> list[Page]:
    """Read a page file of any accepted form and encoding; LayoutError if it is not one."""
    if path.is_dir():
        raise LayoutError(f"{path}: is a directory, not a page file")
    if not path.is_file():
        raise LayoutError(f"{path}: no such file")
    data = path.read_bytes()
    if is_pdf(data):
        from xcaudio.layout.pdf import read_pdf  # loads pdfium's native library: PDFs only

        return read_pdf(path)
    if path.suffix.lower() == ".pdf":
        raise LayoutError(f"{path.name}: not a PDF (a PDF file starts with %PDF)")
    return [read_text_page(path, data)]


def is_pdf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


def read_text_page(path: Path, data: bytes) -> Page:
    """A page given as text: Founder XML, clean JSON, Markdown or raw extracted text."""
    text = decode(data, path.name).lstrip("\ufeff")
    if is_founder_xml(text):
        return page_from_founder(text, path.stem)
    suffix = path.suffix.lower()
    if suffix == ".json" or (suffix not in MARKDOWN_SUFFIXES and text.lstrip().startswith("{")):
        return page_from_json(text, path.stem)
    if suffix in MARKDOWN_SUFFIXES:
        return page_from_markdown(text, path.stem)
    return parse_page(text, path.stem)


def page_from_json(text: str, name: str) -> Page:
    """A page already in the clean schema (`xcaudio clean --json` output)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise LayoutError(f"{name}: not valid JSON ({error.msg}, line {error.lineno})") from None
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise LayoutError(f'{name}: JSON must be an object with an "articles" list')
    if not all(isinstance(item, dict) for item in data["articles"]):
        raise LayoutError(f"{name}: every article must be a JSON object")
    page = Page.from_dict(data)
    page.page = page.page or name
    for article in page.articles:
        if article.kind not in KINDS:
            raise LayoutError(f"{name}: unknown article kind {article.kind!r}")
        if isinstance(article.body, str):
            article.body = [article.body]
        article.id = article.id or ""
    page.articles = [article for article in page.articles if article.body]
    if not page.articles:
        raise LayoutError(f"{name}: no articles found on the page")
    assign_ids(page.articles)
    return page


def page_from_markdown(text: str, name: str) -> Page:
    """A page in the Markdown conventions above."""
    articles: list[Article] = []
    headlines: list[str] = []
    current: Article | None = None
    paragraph: list[str] = []
    kicker: str | None = None

    def flush() -> None:
        nonlocal paragraph
        if current is not None and paragraph:
            add_paragraph(current, join_lines(paragraph))
        paragraph = []

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        if heading and len(heading.group(1)) == 1:
            flush()
            current = Article(id="", title=clean_headline(heading.group(2)), kicker=kicker)
            articles.append(current)
            kicker = None
        elif heading and len(heading.group(1)) == 2 and current and not current.body:
            flush()
            current.subtitle = clean_headline(heading.group(2))
        elif heading:
            flush()
            if current is not None:
                current.body.append(clean_headline(heading.group(2)))
        elif line.startswith(">"):
            flush()
            kicker = clean_headline(line.lstrip("> "))
        elif not line:
            flush()
        else:
            if current is None:
                current = Article(id="")
                articles.append(current)
            paragraph.append(line)
    flush()
    for article in articles:
        if not article.body and article.title:
            parts = (article.kicker, article.title, article.subtitle)
            headlines.append(" ".join(part for part in parts if part))
    articles = [article for article in articles if article.body]
    if not articles:
        raise LayoutError(f"{name}: no articles found in the Markdown file")
    assign_ids(articles)
    return Page(page=name, articles=articles, headlines=headlines)
