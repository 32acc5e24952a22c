"""方正见报XML: the page export of the Founder (方正) systems most Chinese dailies are set on.

    <?xml version="1.0" encoding="UTF-8"?>
    <!--方正见报XML1.0-->
    <版面>
      <大样><版次>01</版次><版名>要闻</版名> …</大样>    the page: its number and name
      <小样>                                             a story; stories go by 序号
        <引题/><标题/><副题/>         kicker, title, subtitle, lines broken with <br>
        <作者/><通讯员/>              byline
        <下转>05</下转><上接/>        the pages it continues on and from
        <序号>1</序号>
        <内容>　　本报讯（记者 …）…</内容>     paragraphs, one a line, each indented
        <附图><标题/><图片说明/> …</附图>         a photo and its caption
      </小样>
    </版面>

The typesetter hands over every field separately, so no layout is recovered here: only the
conventions of the press inside the fields (leads, credits, continuation markers) are read,
by the same rules as the other readers. The rest of 大样 (editors, image files, sizes) and
of 小样 (摘要, 栏目, 字数, the outline on the page image) is not news to be read aloud.
"""

from __future__ import annotations

import re
import sys
from itertools import pairwise
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

from xcaudio.article import Article, Kind, Page
from xcaudio.layout.errors import LayoutError
from xcaudio.layout.headlines import Heading, line_joiner
from xcaudio.layout.ids import assign_ids
from xcaudio.layout.leads import add_paragraph, find_lead, find_marker, names_in, spaced_credit
from xcaudio.layout.lines import clean_headline, despace
from xcaudio.normalize.cardinal import cardinal

FOUNDER_MARK = re.compile(r"<!--\s*方正见报XML")
MARK_WITHIN = 512
LINE_BREAK = re.compile(r"<br\s*/?>|\r?\n", re.IGNORECASE)


def is_founder_xml(text: str) -> bool:
    """The export names itself in a comment right after the XML declaration."""
    return bool(FOUNDER_MARK.search(text[:MARK_WITHIN]))


def page_from_founder(text: str, name: str) -> Page:
    """A page exported as 方正见报XML: one article per story with text, one per caption."""
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise LayoutError(f"{name}: not valid Founder XML ({error})") from None
    articles: list[Article] = []
    headlines: list[str] = []
    for story in sorted(root.iter("小样"), key=_order):
        heading = _heading(story)
        article = _story(story, heading)
        lent = Heading() if article.body else heading  # a photo story: its photos' headline
        photos = [
            _photo(holder, lent)
            for holder in (story, *story.findall("附图"))
            if _field(holder, "图片说明").strip()
        ]
        if article.body:
            articles.append(article)
        elif not photos and heading.title:
            parts = (heading.kicker, heading.title, heading.subtitle)
            headlines.append(" ".join(part for part in parts if part))
        articles += photos
    if not articles:
        raise LayoutError(f"{name}: no articles found on the page")
    assign_ids(articles)
    label, number = _page_label(root.find("大样"), name)
    return Page(page=label, articles=articles, headlines=headlines, number=number)


def _field(element: Element, tag: str) -> str:
    return element.findtext(tag) or ""


def _order(story: Element) -> int:
    """序号, the story's place on the page; a story without one goes last."""
    number = _field(story, "序号").strip()
    return int(number) if number.isdigit() else sys.maxsize


def _heading(element: Element) -> Heading:
    return Heading(
        kicker=_headline(element, "引题"),
        title=_headline(element, "标题"),
        subtitle=_headline(element, "副题"),
    )


def _headline(element: Element, tag: str) -> str | None:
    """A headline's `<br>`-broken lines joined as a reader says them (see `line_joiner`)."""
    lines = [clean_headline(line) for line in LINE_BREAK.split(_field(element, tag))]
    lines = [line for line in lines if line]
    if not lines:
        return None
    text = lines[0]
    for previous, line in pairwise(lines):
        text += line_joiner(previous, line) + line
    return text


def _story(story: Element, heading: Heading) -> Article:
    """The story's text, lead split off; 下转/上接 as pages a reader says (`第五版`)."""
    article = _headed(heading, "article")
    summary, paragraphs = _summary_and_story(_on_this_page(_paragraphs(story, "内容")))
    for paragraph in paragraphs:
        add_paragraph(article, paragraph)
    article.body[:0] = [despace(paragraph) for paragraph in summary]
    _add_author(article, story)
    article.continued_on = _page_name(_field(story, "下转")) or article.continued_on
    article.continued_from = _page_name(_field(story, "上接"))
    return article


def _photo(holder: Element, lent: Heading) -> Article:
    """A caption, the credit at its end taken as the byline; headed by its 附图's own
    headline, else by the one its story lends it."""
    own = _heading(holder) if holder.tag == "附图" else Heading()
    article = _headed(own if own.title else lent, "photo")
    for paragraph in _paragraphs(holder, "图片说明"):
        add_paragraph(article, paragraph)
    _add_author(article, holder)
    return article


def _headed(heading: Heading, kind: Kind) -> Article:
    return Article(
        id="", kind=kind, kicker=heading.kicker, title=heading.title, subtitle=heading.subtitle
    )


def _paragraphs(element: Element, tag: str) -> list[str]:
    return LINE_BREAK.split(_field(element, tag))


def _on_this_page(paragraphs: list[str]) -> list[str]:
    """The paragraphs up to the 下转 marker: the export runs on past it with the first few
    characters of the part on the other page (`…（下转第三版）`, then a line `参展`)."""
    for number, paragraph in enumerate(paragraphs):
        if find_marker(paragraph)[1]:
            return paragraphs[: number + 1]
    return paragraphs


def _summary_and_story(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """A summary box (提要) set above the story comes first, then an empty paragraph, then
    the lead: split it off, so that the lead is found where it stands."""
    texts = [paragraph.strip() for paragraph in paragraphs]
    if "" not in texts:
        return [], paragraphs
    blank = texts.index("")
    following = next((text for text in texts[blank + 1 :] if text), "")
    if blank and not find_lead(texts[0]) and find_lead(following):
        return paragraphs[:blank], paragraphs[blank + 1 :]
    return [], paragraphs


def _add_author(article: Article, element: Element) -> None:
    """作者 and 通讯员 into the byline, unless the lead named the same people."""
    credit = _field(element, "作者")
    correspondent = _field(element, "通讯员").strip()
    if correspondent:
        credit += " 通讯员" + correspondent.removeprefix("通讯员")
    credit = spaced_credit(credit)
    named = [person for person in names_in(credit) if person not in article.people]
    if named:
        article.byline = f"{article.byline} {credit}" if article.byline else credit
        article.people += named


def _page_name(number: str) -> str | None:
    """`05` → `第五版`: a page as a reader says it."""
    number = number.strip()
    if not number:
        return None
    return f"第{cardinal(number)}版" if number.isdigit() else number


def _page_label(page: Element | None, name: str) -> tuple[str, int | None]:
    """`第01版 要闻` and 1 from 版次 and 版名; the file's name when neither is given."""
    if page is None:
        return name, None
    number, title = _field(page, "版次").strip(), _field(page, "版名").strip()
    label = " ".join(part for part in (f"第{number}版" if number else "", title) if part)
    return label or name, int(number) if number.isdigit() else None
