"""The test typesetter (tests/newspaper.py) makes the PDFs it claims to make.

Each PDF is read back with tools that are not our reader: poppler (pdftotext, pdfinfo,
pdftoppm) and pdfium. The text of every story stands in its region in reading order, the
lines are justified to their columns, the vertical title stands one character a line,
the encrypted page asks for its password, the scanned page has no text at all.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import fields
from pathlib import Path

import pytest

from xcaudio.article import Article

from . import newspaper
from .newspaper import (
    Block,
    PageSpec,
    Story,
    compose,
    expected_articles,
    expected_headlines,
    front_page,
    furniture_page,
    jumped_story,
    page_four,
    printed_paragraphs,
)

pytestmark = pytest.mark.skipif(
    not newspaper.font_available(),
    reason=f"{newspaper.FONT_PATH} is missing (Debian package fonts-wqy-microhei)",
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext, pdfinfo) is missing"
)
PASSWORD = "xuchang"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("newspaper")
    first, fourth = newspaper.write_pages(folder)
    return {
        "edition": newspaper.write_edition(folder / "edition.pdf"),
        "first": first,
        "fourth": fourth,
        "encrypted": newspaper.write_encrypted(folder / "encrypted.pdf", PASSWORD),
        "scanned": newspaper.write_scanned(folder / "scanned.pdf"),
        "furniture": newspaper.write_furniture_only(folder / "furniture.pdf"),
    }


def poppler(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(arg) for arg in args], capture_output=True, text=True, timeout=60)


def flat(text: str) -> str:
    return re.sub(r"\s", "", text)


def region_text(pdf: Path, page_number: int, block_index: int, page: PageSpec) -> str:
    """What pdftotext reads inside one block's rectangle, whitespace removed."""
    region = compose(page).regions[block_index]
    top = newspaper.PAGE_HEIGHT - region.top
    result = poppler(
        "pdftotext", "-f", page_number, "-l", page_number,
        "-x", int(region.x) - 2, "-y", int(top),
        "-W", int(region.width) + 5, "-H", int(region.top - region.bottom) + 1, pdf, "-",
    )
    assert result.returncode == 0, result.stderr
    return flat(result.stdout)


def story_blocks(page: PageSpec) -> list[tuple[int, Block]]:
    return [(index, block) for index, block in enumerate(page.blocks)
            if isinstance(block.item, Story)]


# ---------------------------------------------------------------------------- the truth


def test_the_truth_has_the_shape_of_clean_json() -> None:
    names = [field.name for field in fields(Article)]
    for page in (front_page(), page_four()):
        articles = expected_articles(page)
        assert articles and all(list(article) == names for article in articles)
        assert [Article.from_dict(article).title for article in articles] == [
            story.title for story in page.stories
        ]
        assert len({article["id"] for article in articles}) == len(articles)
        for article in articles:
            starts = [paragraph[:3] for paragraph in article["body"]]
            assert not {"本报讯", "新华社", "（上接"} & set(starts)


def test_the_front_page_holds_every_kind_of_story() -> None:
    articles = expected_articles(front_page())
    assert [article["kind"] for article in articles] == [
        "article", "photo", "brief", "article", "article"
    ]
    lead, photo, brief, feature, jumped = articles
    assert (lead["dateline"], lead["byline"], lead["people"]) == (
        "本报讯", "记者 张三 通讯员 李四", ["张三", "李四"]
    )
    assert lead["kicker"] and lead["subtitle"].startswith("——")
    assert (photo["byline"], photo["people"]) == ("本报记者 王五 摄", ["王五"])
    assert len(photo["body"]) == 1 and photo["title"]
    assert brief["dateline"] == "新华社北京4月16日电"
    assert feature["dateline"] is None and feature["byline"].startswith("本报记者")
    assert (jumped["continued_on"], jumped["continued_from"]) == ("第四版", None)
    assert expected_headlines(front_page())[2] == "我市今年新建改扩建中小学校42所"


def test_the_jumped_story_rejoins_across_pages() -> None:
    first = expected_articles(front_page())[-1]
    second = expected_articles(page_four())[0]
    assert (second["continued_from"], second["continued_on"]) == ("第一版", None)
    assert second["dateline"] is None and second["people"] == []
    joined = first["body"][:-1] + [first["body"][-1] + second["body"][0]] + second["body"][1:]
    assert joined == jumped_story().body
    assert first["body"][-1][-1] not in "。！？”"  # cut mid-sentence, as a compositor cuts


def test_the_furniture_page_has_no_articles() -> None:
    assert expected_articles(furniture_page()) == []
    assert expected_headlines(furniture_page()) == [
        headline for headline, _ in newspaper.INDEX_ENTRIES
    ]


def test_every_fixture_is_written_as_a_pdf(tmp_path: Path) -> None:
    """Each fixture file is a PDF from scratch (how long building takes is the benchmark's
    business, not a timed test's: a busy machine fails those)."""
    newspaper._front_and_rest.cache_clear()
    newspaper.write_edition(tmp_path / "edition.pdf")
    newspaper.write_pages(tmp_path)
    newspaper.write_encrypted(tmp_path / "encrypted.pdf")
    newspaper.write_scanned(tmp_path / "scanned.pdf")
    newspaper.write_furniture_only(tmp_path / "furniture.pdf")
    written = sorted(tmp_path.glob("*.pdf"))
    assert len(written) >= 5
    assert all(path.read_bytes().startswith(b"%PDF-") for path in written)


# ---------------------------------------------------------------------------- read back


@needs_poppler
def test_the_edition_has_two_pages_and_each_page_one(pdfs: dict[str, Path]) -> None:
    def pages(pdf: Path) -> int:
        return int(re.search(r"^Pages:\s+(\d+)", poppler("pdfinfo", pdf).stdout, re.M).group(1))

    assert pages(pdfs["edition"]) == 2
    assert pages(pdfs["first"]) == pages(pdfs["fourth"]) == 1
    assert "WenQuanYi" in poppler("pdffonts", pdfs["edition"]).stdout


@needs_poppler
@pytest.mark.parametrize("page_number", [1, 4])
def test_pdftotext_reads_every_story_in_its_region(pdfs: dict[str, Path], page_number: int) -> None:
    page = front_page() if page_number == 1 else page_four()
    pdf_page = 1 if page_number == 1 else 2
    for index, block in story_blocks(page):
        story = block.item
        text = region_text(pdfs["edition"], pdf_page, index, page)
        running = "".join(flat(paragraph) for paragraph, _, _ in printed_paragraphs(story))
        assert running in text, story.title
        for part in (story.kicker, story.subtitle, story.byline):
            assert part is None or flat(part) in text
        title = flat((story.title or "").translate(newspaper.VERTICAL_FORMS))
        assert title in text
        if story.continued_on:
            assert text.endswith(f"（下转{story.continued_on}）")
        if story.continued_from:
            assert text.startswith(f"{title}（上接{story.continued_from}）")


@needs_poppler
def test_the_separate_pages_read_like_the_edition(pdfs: dict[str, Path]) -> None:
    for pdf, pdf_page in ((pdfs["first"], 1), (pdfs["fourth"], 2)):
        alone = poppler("pdftotext", pdf, "-").stdout
        within = poppler("pdftotext", "-f", pdf_page, "-l", pdf_page, pdfs["edition"], "-").stdout
        assert alone == within


@needs_poppler
def test_the_furniture_page_has_only_furniture(pdfs: dict[str, Path]) -> None:
    text = poppler("pdftotext", pdfs["furniture"], "-").stdout
    assert "许昌日报" in text and "责任编辑：王某" in text and "8" in text
    assert "花开正当时" in text
    assert not re.search("[。，；]", text)


def test_body_lines_are_justified_to_their_columns(pdfs: dict[str, Path]) -> None:
    """In the lead story's first column, every line but a paragraph's last ends exactly at
    the column's right edge (character advance boxes, read with pdfium)."""
    pdfium = pytest.importorskip("pypdfium2")
    page = front_page()
    region = compose(page).regions[1]
    right = region.x + newspaper.COLUMN_WIDTH
    textpage = pdfium.PdfDocument(pdfs["first"])[0].get_textpage()
    lines: dict[float, list[tuple[str, float]]] = {}
    for index in range(textpage.count_chars()):
        left, bottom, edge, top = textpage.get_charbox(index, loose=True)
        char = textpage.get_text_range(index, 1)
        inside = region.x - 1 < left < right and region.bottom < bottom < region.top
        if inside and char.strip() and abs(top - bottom - newspaper.SIZE) < 2:
            lines.setdefault(round(bottom, 1), []).append((char, edge))
    ends = [max(edge for _, edge in line) for _, line in sorted(lines.items(), reverse=True)]
    assert len(ends) > 20
    full = [end for end in ends if abs(end - right) < 0.3]
    assert len(full) >= 0.75 * len(ends)
    assert max(ends) < right + 0.3


def test_the_vertical_title_stands_one_character_a_line(pdfs: dict[str, Path]) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    textpage = pdfium.PdfDocument(pdfs["first"])[0].get_textpage()
    text = textpage.get_text_range()
    title = "﹃流动医院﹄开进村"
    start = text.find("\r\n".join(title))
    assert start >= 0, "the title's characters are not one a line"
    boxes = [textpage.get_charbox(start + 3 * number, loose=True) for number in range(len(title))]
    centres = [(left + right) / 2 for left, _, right, _ in boxes]
    assert max(centres) - min(centres) < 0.5
    for upper, lower in zip(boxes, boxes[1:], strict=False):
        assert lower[3] < upper[1]  # each character wholly below the one before
    page = front_page()
    index = next(index for index, block in story_blocks(page) if block.item.vertical_title)
    region = compose(page).regions[index]
    assert min(centres) > region.x + region.width * 0.8  # right of the text columns


def test_the_encrypted_page_opens_only_with_its_password(pdfs: dict[str, Path]) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    with pytest.raises(pdfium.PdfiumError, match="password"):
        pdfium.PdfDocument(pdfs["encrypted"])
    document = pdfium.PdfDocument(pdfs["encrypted"], password=PASSWORD)
    assert "许昌日报" in document[0].get_textpage().get_text_range()
    if shutil.which("pdfinfo"):
        assert poppler("pdfinfo", pdfs["encrypted"]).returncode != 0
        info = poppler("pdfinfo", "-upw", PASSWORD, pdfs["encrypted"]).stdout
        assert re.search(r"^Encrypted:\s+yes", info, re.M)


def test_the_scanned_page_is_a_picture_without_text(pdfs: dict[str, Path]) -> None:
    pdfium = pytest.importorskip("pypdfium2")
    page = pdfium.PdfDocument(pdfs["scanned"])[0]
    assert page.get_textpage().count_chars() == 0
    assert [item.type for item in page.get_objects()] == [pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    picture = page.render(scale=0.25).to_pil().convert("L")
    dark = sum(picture.histogram()[:100]) / (picture.width * picture.height)
    assert 0.02 < dark < 0.5  # a printed page, not a blank one
    if shutil.which("pdftotext"):
        assert poppler("pdftotext", pdfs["scanned"], "-").stdout.strip() == ""


@needs_poppler
def test_every_page_renders(pdfs: dict[str, Path], tmp_path: Path) -> None:
    result = poppler("pdftoppm", "-r", "60", "-png", pdfs["edition"], tmp_path / "page")
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in tmp_path.glob("page-*.png")) == ["page-1.png", "page-2.png"]
