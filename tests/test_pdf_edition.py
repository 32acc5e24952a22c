"""Page PDFs of our own (tests/newspaper.py sets them like a compositor): a front page with
本报讯 leads, a 新华社 brief, a photo and its credit, a vertical title, a banner, an index
box and a story that jumps to page four; page four with the rest of it; editions in one
file and in two; and PDFs that cannot be read.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import asdict, replace
from pathlib import Path

import pytest
from PIL import Image

from xcaudio.layout import read_edition
from xcaudio.script import build_script

from . import newspaper
from .conftest import run_xcaudio
from .test_faults import hashes, one_line_error

pytestmark = pytest.mark.skipif(not newspaper.font_available(), reason="no CJK font to set pages")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every PDF of ours, built once: 01.pdf, 04.pdf, edition.pdf and the unreadable ones."""
    folder = tmp_path_factory.mktemp("pdfs")
    newspaper.write_pages(folder)
    newspaper.write_edition(folder / "edition.pdf")
    newspaper.write_encrypted(folder / "encrypted.pdf")
    newspaper.write_scanned(folder / "scanned.pdf")
    newspaper.write_furniture_only(folder / "furniture.pdf")
    (folder / "not-a.pdf").write_text("本报讯 这不是PDF文件，只是改了后缀的文本。\n")
    return folder


def articles_of(*paths: Path) -> list[dict]:
    return [asdict(article) for page in read_edition(list(paths)) for article in page.articles]


def by_title(articles: list[dict]) -> list[dict]:
    """Articles in an order of their own, for pages whose reading order the test leaves open."""
    return sorted(articles, key=lambda article: article["title"] or "")


@pytest.mark.parametrize(("spec", "name"), [(newspaper.front_page, "01.pdf"),
                                            (newspaper.page_four, "04.pdf")])
def test_every_story_of_our_page_is_read_as_set(pages: Path, spec, name: str) -> None:
    assert articles_of(pages / name) == newspaper.expected_articles(spec())


def test_briefs_set_with_white_space_only_stay_apart(tmp_path: Path) -> None:
    """One-column titles stacked in a column with no rules between: each opens its own
    story (its text starts with a lead), none is a subhead of the one above; a photo with
    no title keeps its caption (set in the body face) down to its credit. Stories are read
    in the order their headlines stand, which this page does not decide, so compare them
    as a set."""
    pdf = tmp_path / "02.pdf"
    newspaper.build_pdf([newspaper.briefs_page()], pdf)
    expected = newspaper.expected_articles(newspaper.briefs_page())

    assert by_title(articles_of(pdf)) == by_title(expected)


@pytest.mark.parametrize(
    ("layout", "ruled", "name_under_title"),
    [
        (1, True, False), (2, True, False), (1, False, False), (2, False, False),
        (2, True, True), (1, False, True), (2, False, True),
    ],
)
def test_signed_essays_under_titles_narrower_than_their_columns_are_read_whole(
    tmp_path: Path, layout: int, ruled: bool, name_under_title: bool
) -> None:
    """A page of four signed essays: each title centred over more columns than it spans,
    one set upright beside its text (under another essay, on narrower columns), with
    rules between the essays or white space only. A column that no title stands right
    over belongs to the story of the column beside it as wide whose text starts level
    with its own, or of the text above it in its column, never to the next essay's across
    a rule or across the white space between two essays: each essay whole, with its
    byline (at the head of its text, or centred under its title), subheads and note."""
    page = newspaper.essays_page(layout)
    blocks = []
    for block in page.blocks:
        under = name_under_title and not block.item.vertical_title
        blocks.append(replace(block, ruled=ruled, item=replace(block.item, name_under_title=under)))
    page = replace(page, blocks=blocks)
    pdf = tmp_path / "07.pdf"
    newspaper.build_pdf([page], pdf)
    expected = newspaper.expected_articles(page)

    assert by_title(articles_of(pdf)) == by_title(expected)


def test_a_banner_boxed_over_the_page_heads_no_story_below_it(tmp_path: Path) -> None:
    """A rubric banner in its box right over the essays' headlines (one of them under a
    kicker): the titles below the box stack with none of it, each heads its own essay, and
    the banner is no story."""
    page = newspaper.essays_page(2)
    banner = newspaper.Block(newspaper.Banner(["学习贯彻党的二十大精神"]), 0, 5)
    page = replace(page, blocks=[banner, *page.blocks])
    pdf = tmp_path / "07.pdf"
    newspaper.build_pdf([page], pdf)

    assert by_title(articles_of(pdf)) == by_title(newspaper.expected_articles(page))


def test_a_subhead_wrapped_over_two_centred_lines_is_one_paragraph(tmp_path: Path) -> None:
    """A subhead set in the body's size, bold and centred, too long for its column: its two
    centred lines are one subhead, not two paragraphs."""
    page = newspaper.essays_page(1)
    blocks = []
    for block in page.blocks:
        body = list(block.item.body)
        for number in block.item.subheads:
            body[number] += "，久久为功见实效"
        blocks.append(replace(block, item=replace(block.item, body=body)))
    page = replace(page, blocks=blocks)
    pdf = tmp_path / "07.pdf"
    newspaper.build_pdf([page], pdf)

    assert by_title(articles_of(pdf)) == by_title(newspaper.expected_articles(page))


def test_the_index_box_gives_the_headlines_and_banners_are_dropped(pages: Path) -> None:
    page = read_edition([pages / "01.pdf"])[0]
    assert page.headlines == newspaper.expected_headlines(newspaper.front_page())
    assert page.number == 1
    spoken = " ".join(text for article in page.articles for text in article.body)
    assert "决战" not in spoken and "导读" not in spoken and "责任编辑" not in spoken


def test_a_page_alone_points_to_where_its_jumped_story_goes_on(pages: Path) -> None:
    page = read_edition([pages / "01.pdf"])[0]
    jumped = [article for article in page.articles if article.continued_on]
    assert [article.continued_on for article in jumped] == ["第四版"]
    script = build_script([page], dt.date(2020, 4, 17))
    printed = [sentence.printed for section in script.sections for sentence in section.sentences]
    assert "详见今天报纸第四版。" in printed


@pytest.mark.parametrize("given", [["edition.pdf"], ["01.pdf", "04.pdf"]])
def test_an_edition_reads_a_jumped_story_once_and_whole(pages: Path, given: list[str]) -> None:
    articles = articles_of(*(pages / name for name in given))
    whole = newspaper.jumped_story()
    matching = [article for article in articles if article["body"][-1] == whole.body[-1]]
    assert len(matching) == 1
    joined = matching[0]
    assert joined["title"] == whole.title and joined["body"] == whole.body
    assert joined["continued_on"] is None
    assert not any(article["continued_from"] for article in articles)
    expected = newspaper.expected_articles(newspaper.front_page())
    assert len(articles) == len(expected) + len(newspaper.expected_articles(
        newspaper.page_four())) - 1


def test_clean_prints_an_edition_as_one_page_of_json(pages: Path) -> None:
    page = json.loads(run_xcaudio("clean", pages / "edition.pdf", "--json").stdout)
    titles = [article["title"] for article in page["articles"]]
    assert titles.count(newspaper.jumped_story().title) == 1
    assert page["headlines"] == newspaper.expected_headlines(newspaper.front_page())


def test_preview_outlines_each_article_of_each_page(pages: Path, tmp_path: Path) -> None:
    run_xcaudio("clean", pages / "edition.pdf", "--preview", tmp_path / "cut.png")
    for name in ("cut-1.png", "cut-2.png"):
        with Image.open(tmp_path / name) as image:
            colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        outline = sum(count for count, rgb in colours if rgb == (0xD6, 0x27, 0x28))
        assert outline > 500, name


@pytest.mark.parametrize(("name", "says"), [
    ("encrypted.pdf", "encrypted"),
    ("scanned.pdf", "OCR is not supported"),
    ("furniture.pdf", "no articles"),
    ("not-a.pdf", "not a PDF"),
])
def test_a_pdf_that_cannot_be_read_says_why_and_leaves_the_feed_alone(
    pages: Path, two_briefs_day: Path, tmp_path: Path, name: str, says: str
) -> None:
    out = shutil.copytree(two_briefs_day, tmp_path / "feed")
    before = hashes(out)
    for args in (("clean", pages / name, "--json"),
                 ("render", pages / name, "--date", "2020-04-18", "--out", out)):
        result = run_xcaudio(*args, check=False)
        one_line_error(result)
        assert says in result.stderr
    assert hashes(out) == before


def test_render_speaks_a_page_pdf_into_a_published_day(tmp_path: Path, speech_cache: Path) -> None:
    """The daily job from a page PDF: a short brief, set on a page of its own."""
    brief = newspaper.Story(
        title="市区新增三处停车场",
        dateline="本报讯",
        byline="记者 张三",
        people=["张三"],
        body=["4月16日，市区新建的三处公共停车场投入使用，共提供车位860个。"],
    )
    pdf = tmp_path / "page.pdf"
    newspaper.build_pdf([newspaper.PageSpec(2, "城事", [newspaper.Block(brief, 0, 2)])], pdf)
    out = tmp_path / "feed"
    run_xcaudio("render", pdf, "--date", "2020-04-17", "--out", out, "--jobs", "1",
                cache=speech_cache)
    manifest = json.loads((out / "2020-04-17" / "manifest.json").read_text(encoding="utf-8"))
    assert [story["title"] for story in manifest["stories"]] == [brief.title]
    assert (out / "2020-04-17" / manifest["stories"][0]["audio"]["file"]).stat().st_size > 10_000
