"""Layout recovery on the seed page and on pages derived from it at run time."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from xcaudio.article import Article, Page
from xcaudio.layout import LayoutError, parse_page, read_page
from xcaudio.layout.columns import read_columns, rows_of, unfold_columns
from xcaudio.layout.leads import is_furniture
from xcaudio.layout.lines import (
    clean_headline,
    ends_sentence,
    is_spaced_display,
    join_lines,
    visual_width,
)
from xcaudio.layout.pieces import best_matching

from .test_pdf_pages import EXPECTED as RMRB_PAGES
from .test_pdf_pages import differences, digest

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_3c80dd779ab6423b.txt"

# What an editor reads on the seed page: (kind, kicker, title, subtitle, byline, people,
# dateline, continued_on, first words of the body, last words of the body, paragraphs).
EXPECTED = [
    (
        "article",
        None,
        "共驻共建的“南关模式”",
        "——魏都区南关街道办事处探索城市基层党建新路径",
        "本报记者 徐民府 孔刚领 通讯员 窦青 李凌枫",
        ["徐民府", "孔刚领", "窦青", "李凌枫"],
        None,
        "第四版",
        "“我早上起床感到不舒服",
        "有效提升了社区群众的获得感、幸福感。",
        9,
    ),
    (
        "article",
        None,
        "市政府与省市场监督管理局签署战略合作框架协议",
        "胡五岳马林青致辞 史根治主持签约仪式",
        "记者 石冠兵",
        ["石冠兵"],
        "本报讯",
        None,
        "4月16日上午，许昌市人民政府",
        "测试中心等地进行了调研。",
        5,
    ),
    (
        "article",
        None,
        "全市将有434个老旧小区完成改造",
        "还有276个老旧小区改造将于6月底前开工",
        "记者 高伟山 通讯员 田苗",
        ["高伟山", "田苗"],
        "本报讯",
        "第四版",
        "当前，我市老旧小区改造工作",
        "在围绕群众需求制定改造标准的基础上，",
        3,
    ),
    (
        "photo",
        None,
        "许州医疗器械加紧各类防疫物资生产",
        None,
        "本报记者 乔利峰 摄",
        ["乔利峰"],
        None,
        None,
        "4月15日，在位于中原电气谷中天产业园",
        "一次性无纺制品、防护服等订单产品。",
        1,
    ),
    (
        "article",
        "刘保新在襄城县调研重点项目建设情况时强调",
        "切实增强责任感紧迫感 推动项目建设提速提效",
        None,
        "记者 杨伟峰",
        ["杨伟峰"],
        "本报讯",
        None,
        "4月16日，市政协主席刘保新前往襄城县",
        "“两手抓、两手硬、两不误”。",
        5,
    ),
    (
        "article",
        None,
        "我市各类学校返校复学时间已确定",
        "高三已于4月7日开学，其余将陆续于20日、26日和“五一”假期后开学",
        "记者 刘晓敏",
        ["刘晓敏"],
        "本报讯",
        None,
        "4月16日，许昌市政府新闻办公室",
        "问题回答了记者提问。",
        4,
    ),
    (
        "brief",
        None,
        "习近平《携手抗疫 共克时艰——在二十国集团领导人特别峰会上的发言》单行本出版",
        None,
        None,
        [],
        "新华社北京4月16日电",
        None,
        "国家主席习近平《携手抗疫 共克时艰——",
        "即日起在全国新华书店发行。",
        1,
    ),
    (
        "brief",
        "经中央军委主席习近平批准",
        "军队支援湖北医疗队圆满完成任务回撤",
        None,
        "记者 黎云 贾启龙",
        ["黎云", "贾启龙"],
        "据新华社武汉4月16日电",
        None,
        "经中央军委主席习近平批准，军队支援湖北医疗队",
        "陆续离开武汉完成回撤。",
        1,
    ),
    (
        "article",
        "王堃赴禹州市督战脱贫攻坚工作时强调",
        "突出“四个聚焦” 盯紧“四个重点” 确保如期完成脱贫攻坚战目标任务",
        None,
        "记者 李新",
        ["李新"],
        "本报讯",
        None,
        "4月16日，市人大常委会主任王堃",
        "凝聚起共同推进脱贫攻坚的强大合力。",
        3,
    ),
]
HEADLINES = [
    "铺就高质量发展康庄大道——文峰北路（永昌路至彭花路段）提升改造施工侧记",
    "丁同民到建安区调研",
    "赵文峰出席全市优化营商环境工作例会",
    "赵文峰出席市公共资源交易管理委员会全体会",
    "王自合陪同省文联党组书记王守国调研",
]
# Seed lines that are no body text: headline stacks, byline blocks, credits, index, banner.
DISPLAY_LINES = """
固根基 同心协力谋发展
共 驻 共 建 的“ 南 关 模 式 ”
——魏都区南关街道办事处探索城市基层党建新路径
本报记者 徐民府 孔刚领 通讯员 窦青 李凌枫
市政府与省市场监督管理局
签 署 战 略 合 作 框 架 协 议
胡五岳马林青致辞 史根治主持签约仪式
全市将有 434个老旧小区完成改造
还有276个老旧小区改造将于6月底前开工
许州医疗器械加紧
各类防疫物资生产
本报记者 乔利峰 摄
刘保新在襄城县调研重点项目建设情况时强调
切实增强责任感紧迫感
推动项目建设提速提效
我 市 各 类 学 校 返 校 复 学 时 间 已 确 定
高三已于 4月 7日开学，其余将陆续于 20日、26日和“五一”假期后开学
习近平《携手抗疫 共克时艰——在二十国
集团领导人特别峰会上的发言》单行本出版
经中央军委主席习近平批准
军队支援湖北医疗队圆满完成任务回撤
铺就高质量发展康庄大道
——文峰北路（永昌路至彭花路段）提升改造施工侧记
王堃赴禹州市督战脱贫攻坚工作时强调
突出“四个聚焦” 盯紧“四个重点”
确保如期完成脱贫攻坚战目标任务
丁同民到建安区调研
赵文峰出席全市优化营商环境工作例会
赵文峰出席市公共资源交易管理委员会全体会
王自合陪同省文联党组书记王守国调研
加强疫情防控
推动复工复产
""".strip().split("\n")
LEADS = """
本报讯（记者石冠兵）
本报讯（记者高伟山通讯员田苗）
本报讯（记者杨伟峰）
本报讯（记者刘晓敏）
新华社北京4月16日电
据新华社武汉4月16日电（记者黎云贾启龙）
本报讯（记者李新）
""".strip().split("\n")
MARKERS = ["（下转第四版）", "（下转第四版）"]
BANNER = ["加强疫情防控", "推动复工复产"]


@pytest.fixture(scope="module")
def seed() -> Page:
    return read_page(SEED)


def by_title(page: Page) -> dict[str | None, Article]:
    return {article.title: article for article in page.articles}


def characters(text: str) -> Counter[str]:
    """Printed characters, the half-width comma in Chinese text counted as full-width."""
    text = re.sub(r"(?<=[\u4e00-\u9fff]),(?=[\u4e00-\u9fff])", "，", text)
    return Counter(char for char in text if not char.isspace())


def body_characters(page: Page) -> Counter[str]:
    return sum((characters("".join(article.body)) for article in page.articles), Counter())


def printed_body_characters() -> Counter[str]:
    """The characters of the seed's running text, counted off the raw page itself: all of
    it but its display lines, leads and markers (and with its one subhead)."""
    page = characters(SEED.read_text(encoding="utf-8"))
    for text in DISPLAY_LINES + LEADS + MARKERS:
        page -= characters(text)
    return page + characters("固根基 同心协力谋发展")


def assert_reads_as_printed(page: Page, *, in_order: bool = True) -> None:
    """A page made from the seed's text (re-set, re-encoded, scrambled) read as an editor
    reads the seed: the hand-written EXPECTED stories (in the seed's order, unless the page
    was set in another), and every character of the running text in some story."""
    titles = [article.title for article in page.articles]
    expected_titles = [row[2] for row in EXPECTED]
    if in_order:
        assert titles == expected_titles
    else:
        assert sorted(titles) == sorted(expected_titles)
    for expected in EXPECTED:
        assert_read_like_an_editor(page, expected)
    assert body_characters(page) == printed_body_characters()


# --- the seed page -------------------------------------------------------------------


def test_seed_has_its_nine_stories_in_page_order(seed: Page) -> None:
    assert [article.title for article in seed.articles] == [row[2] for row in EXPECTED]


@pytest.mark.parametrize("expected", EXPECTED, ids=[row[2][:8] for row in EXPECTED])
def test_seed_story_is_read_like_an_editor(seed: Page, expected: tuple) -> None:
    assert_read_like_an_editor(seed, expected)


def assert_read_like_an_editor(page: Page, expected: tuple) -> None:
    kind, kicker, title, subtitle, byline, people, dateline, continued_on = expected[:8]
    first_words, last_words, paragraphs = expected[8:]
    article = by_title(page)[title]
    assert (article.kind, article.kicker, article.subtitle) == (kind, kicker, subtitle)
    assert (article.byline, article.people) == (byline, people)
    assert (article.dateline, article.continued_on) == (dateline, continued_on)
    assert article.body[0].startswith(first_words)
    assert article.body[-1].endswith(last_words)
    assert len(article.body) == paragraphs


def test_seed_index_and_headline_only_items_go_to_headlines(seed: Page) -> None:
    assert seed.headlines == HEADLINES


def test_seed_subhead_stays_in_its_story_as_its_own_paragraph(seed: Page) -> None:
    body = by_title(seed)["共驻共建的“南关模式”"].body
    assert body[4] == "固根基 同心协力谋发展"
    assert body[3].endswith("的良好局面。") and body[5].startswith("自开展共驻共建工作以来")


def test_seed_bodies_hold_no_headline_credit_lead_banner_or_marker(seed: Page) -> None:
    printed = [row[i] for row in EXPECTED for i in (2, 3, 4) if row[i]] + HEADLINES + BANNER
    running_text = [
        line for line in SEED.read_text(encoding="utf-8").split("\n") if line not in DISPLAY_LINES
    ]
    running_text = re.sub(r"\s", "", "".join(running_text))
    for text in LEADS + MARKERS:
        running_text = running_text.replace(text, "", 1)
    bodies = re.sub(r"\s", "", "".join(p for article in seed.articles for p in article.body))
    for text in printed:
        assert bodies.count(text.replace(" ", "")) == running_text.count(text.replace(" ", ""))
    assert not re.search(r"下转|本报讯|新华社.{0,8}电", bodies)
    assert not [p for article in seed.articles for p in article.body if p.endswith("摄")]


def test_seed_every_body_character_lands_in_exactly_one_article(seed: Page) -> None:
    assert body_characters(seed) == printed_body_characters()


def test_seed_spacing_is_undone_where_the_extractor_added_it(seed: Page) -> None:
    bodies = [paragraph for article in seed.articles for paragraph in article.body]
    text = "\n".join(bodies)
    assert "4月12日上午" in text and "N95口罩" in text and "7.65m大容积焦炉" in text
    assert "睦邻暖心，有效" in text and "签署《关于" in text and "设等8个方面，给予" in text
    gaps = [p for p in bodies if re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", p)]
    assert gaps == ["固根基 同心协力谋发展", bodies[-5]]  # the subhead; 《携手抗疫 共克时艰》
    assert "《携手抗疫 共克时艰" in bodies[-5]


def test_seed_ids_are_short_unique_ascii_slugs(seed: Page) -> None:
    ids = [article.id for article in seed.articles]
    assert ids[0] == "gong-zhu-gong-jian-de-nan-guan-mo-shi"
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item) and len(item) <= 40 for item in ids)


# --- pages derived from the seed -----------------------------------------------------


def em_width(text: str) -> float:
    """A compositor's count: a Chinese character or mark is one em, a digit or Latin letter
    half of one, a space nothing."""
    return sum(0.0 if char == " " else 0.5 if char.isascii() else 1.0 for char in text)


def wrap(
    text: str,
    width: float,
    indent: float = 2.0,
    *,
    measure: Callable[[str], float] = visual_width,
    split_markers: bool = False,
) -> list[str]:
    """Set a paragraph in a column: first line indented, no punctuation starting a line,
    no break at a space in a book title; a continuation marker is kept whole unless
    `split_markers`."""
    lines: list[str] = []
    current = ""
    marker = "" if split_markers else r"（下转[^）]*）|"
    for token in re.findall(marker + r"[A-Za-z0-9.%/]+|.", text):
        limit = width - (indent if not lines else 0)
        breakable = (
            token not in " ，。、；：！？”）》"
            and current[-1:] not in "“（《"
            and not (current.endswith(" ") and unbalanced_at(current, len(current)))
        )
        if current and breakable and measure(current + token) > limit:
            lines.append(current)
            current = ""
        current += token
    return lines + [current] if current else lines


def title_lines(title: str, rng: random.Random) -> list[str]:
    """A title on one line, or as a two-line couplet, or letter-spaced display type."""
    outside = [i for i, char in enumerate(title) if char == " " and not unbalanced_at(title, i)]
    if outside and rng.random() < 0.5:
        return [title[: outside[-1]], title[outside[-1] + 1 :]]
    if " " not in title and not re.search(r"\d", title) and rng.random() < 0.3:
        return [" ".join(title)]
    return [title]


def unbalanced_at(text: str, index: int) -> bool:
    head = text[:index]
    return head.count("《") > head.count("》") or head.count("“") > head.count("”")


def body_lines(article: Article, width: float, rng: random.Random, stray: float) -> list[str]:
    lines: list[str] = []
    for number, paragraph in enumerate(article.body):
        if number == 0 and article.dateline:
            credit = f"（{article.byline}）" if article.byline else " "
            paragraph = article.dateline + credit + paragraph
        if number == len(article.body) - 1 and article.continued_on:
            paragraph += f" （下转{article.continued_on}）"
        if lines:
            lines.append("")
        if not re.search(r"[。！？”，]$", paragraph):  # a subhead
            lines.append(paragraph)
            continue
        for line in wrap(paragraph, width):
            if lines and lines[-1] and lines[-1][-1] not in "。！？”" and rng.random() < stray:
                lines.append("")  # a blank line inside a sentence
            digits = rng.random() < 0.5
            spaced = (
                re.sub(r"(?<![A-Za-z0-9.])\d+(?![A-Za-z0-9.])", r" \g<0> ", line)
                if digits
                else line
            )
            lines.append(" " * (rng.random() < 0.1) + spaced.strip())
    if article.kind == "photo":
        lines += ["", article.byline]
    return lines


def heading_lines(article: Article, rng: random.Random) -> list[str]:
    lines = [article.kicker] if article.kicker else []
    lines += title_lines(article.title, rng)
    lines += [article.subtitle] if article.subtitle else []
    if article.byline and not article.dateline and article.kind != "photo":
        lines += ["", article.byline]
    return lines


def render(
    page: Page, width: float, *, headline_first: bool, stray: float, reverse: bool, seed: int
) -> str:
    """Raw page text as the PDF extractor would give it, from a recovered page."""
    rng = random.Random(seed)
    lines: list[str] = []
    for article in reversed(page.articles) if reverse else page.articles:
        head, body = heading_lines(article, rng), body_lines(article, width, rng, stray)
        for part in (head, body) if headline_first or article.kind == "photo" else (body, head):
            lines += ["", *part]
    lines += ["", *page.headlines, "", *BANNER]
    return "\n".join(lines) + "\n"


DERIVED = [
    pytest.param(11, False, 0.3, False, 1, id="narrow-columns"),
    pytest.param(13, True, 0.0, False, 2, id="headlines-above"),
    pytest.param(17, False, 0.0, False, 0, id="titles-as-wide-as-the-column"),
    pytest.param(17, False, 0.3, True, 3, id="stories-reversed"),
    pytest.param(21, True, 0.3, True, 4, id="wide-headlines-above-reversed"),
    pytest.param(26, False, 0.3, False, 5, id="wide-columns"),
]


@pytest.mark.parametrize(("width", "headline_first", "stray", "reverse", "seed_number"), DERIVED)
def test_derived_page_reads_the_same(
    seed: Page, width: int, headline_first: bool, stray: float, reverse: bool, seed_number: int
) -> None:
    text = render(
        seed, width, headline_first=headline_first, stray=stray, reverse=reverse, seed=seed_number
    )
    derived = parse_page(text, "derived")
    assert_reads_as_printed(derived, in_order=not reverse)
    assert derived.headlines == HEADLINES


SEED_MARKER = re.compile(r"\s*（下转第四版）$")


def reset_seed(width: float) -> str:
    """The raw seed page set again in columns `width` ems wide, as a compositor would.

    Display lines (headlines, credits, index, banner) stay as they are. Each body paragraph
    (its lines up to one that ends a sentence before a blank line) is broken again at the
    new width, its first line indented two ems (and by a space where the seed has one),
    its continuation marker running on like text; a blank line that the extractor left
    inside a paragraph stays after the same character.
    """
    out: list[str] = []
    paragraph: list[str] = []

    def set_paragraph() -> None:
        text, strays, marker = "", [], ""
        for line in paragraph:
            if not line:
                strays.append(len(text))
                continue
            squeezed = " ".join(line.split())
            if is_spaced_display(line):
                squeezed = re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", squeezed)
            marker = marker or SEED_MARKER.search(squeezed) and " （下转第四版）" or ""
            text = join_lines([text, SEED_MARKER.sub("", squeezed)])
        lines = wrap(text + marker, width, measure=em_width, split_markers=True)
        lines[0] = " " * paragraph[0].startswith(" ") + lines[0]
        end = 0
        for number, line in enumerate(lines):
            start, end = end, end + len(line.lstrip(" ") if number == 0 else line)
            out.append(line)
            if number < len(lines) - 1 and any(start < offset <= end for offset in strays):
                out.append("")
        paragraph.clear()

    for line in SEED.read_text(encoding="utf-8").split("\n"):
        finished = paragraph and (SEED_MARKER.search(paragraph[-1]) or ends_sentence(paragraph[-1]))
        if line in DISPLAY_LINES or (not line.strip() and (finished or not paragraph)):
            if paragraph:
                set_paragraph()
            out.append(line)
        else:
            paragraph.append(line.rstrip() if line.strip() else "")
    return "\n".join(out)


RESET_WIDTHS = [8, 9, 11, 12, 14, 15, 17, 19, 21, 24, 27, 30]


@pytest.mark.parametrize("width", RESET_WIDTHS)
def test_seed_set_at_any_column_width_reads_the_same(width: int) -> None:
    page = parse_page(reset_seed(width), f"width-{width}")
    assert_reads_as_printed(page)
    bodies = "".join(paragraph for article in page.articles for paragraph in article.body)
    assert "下转" not in bodies and "第四版" not in bodies


def test_continuation_marker_broken_over_two_lines_is_found(seed: Page) -> None:
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("幸福感。 （下转第四版）", "幸福感。 （下转第\n四版）")
    text = text.replace("础上， （下转第四版）", "础上， （下\n\n转第四版）")
    page = parse_page(text, "split-marker")
    assert_reads_as_printed(page)


def side_by_side_seed(width: float, wide: int, *, ragged: bool = False) -> str:
    """The seed set `width` ems wide in two columns, read across as `pdftotext -layout`
    gives them: each row the left column's line, padded to the gutter, then the right
    column's line. A wide (CJK) character takes `wide` cells. The column break falls
    wherever the middle row is, mid-paragraph or not. `ragged`: the right column starts
    a few cells after each left line instead, so that no gutter lines up."""
    lines = reset_seed(width).split("\n")
    left, right = lines[: len(lines) // 2], lines[len(lines) // 2 :]

    def cells(text: str) -> int:
        return sum(wide if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)

    gutter = max(cells(line) for line in left) + 4
    rows = []
    for number, (first, second) in enumerate(itertools.zip_longest(left, right, fillvalue="")):
        pad = 2 + number % 3 if ragged else gutter - cells(first)
        rows.append((first + " " * pad + second).rstrip() if second.strip() else first)
    return "\n".join(rows)


@pytest.mark.parametrize(("width", "wide"), [(14, 1), (14, 2), (21, 1), (30, 2)])
def test_columns_side_by_side_are_read_one_after_the_other(width: int, wide: int) -> None:
    page = parse_page(side_by_side_seed(width, wide), "layout")
    assert [article.title for article in page.articles] == [row[2] for row in EXPECTED]
    for expected in EXPECTED:
        assert_read_like_an_editor(page, expected)


def test_a_column_cut_by_a_row_across_the_page_goes_on_below_it() -> None:
    """A banner across two columns cuts both into bands: the columns above it are read,
    then the banner, then the columns below it; no column's line runs into another's."""
    left = ["老城区的街巷改造工作", "已经接近尾声，居民出", "行更加方便，沿街的商",
            "户也陆续开门迎客，老", "街重新热闹了起来。这", "些变化让居民们感到十",
            "分高兴，大家纷纷点赞", "城市更新带来的新气象", "和新变化，也期待更多",
            "的改造项目早日完工。"]
    right = ["新建的社区公园也已向", "市民开放，园内绿树成", "荫，步道蜿蜒，每天清",
             "晨都有不少老人在这里", "锻炼身体，孩子们在草", "地上追逐嬉戏，处处洋",
             "溢着欢声笑语，成为附", "近居民休闲的好去处。", "公园还设置了健身器材",
             "和儿童游乐设施供使用。"]
    rows = [first + " " * 4 + second for first, second in zip(left, right, strict=True)]
    banner = " " * 5 + " ".join("城市更新让生活更美好")
    blocks = read_columns(*rows_of("\n".join([*rows[:4], banner, *rows[4:]]), 1))
    text = "".join("".join(block) for block in blocks).replace(" ", "")
    assert text.index("".join(left[:4])) < text.index("".join(right[:4])) < text.index(
        banner.replace(" ", "")
    ) < text.index("".join(left[4:])) < text.index("".join(right[4:]))


def test_a_column_that_runs_on_beside_a_headline_over_other_columns_is_read_on() -> None:
    """A headline over the second and third columns cuts the first two into bands (a later
    title crosses them too), but the first column's text, stopped in mid-sentence above
    it, goes on right below: it is read on, before the other story of the band above."""
    first = ["老城区的街巷改造工作", "已经接近尾声，居民出", "行更加方便，沿街的商",
             "户也陆续开门迎客，老", "街重新热闹了起来，这", "些变化让居民们感到十",
             "分高兴，纷纷点赞。"]
    second = ["新建的社区公园也已向", "市民开放，园内绿树成", "荫，步道蜿蜒，每天清",
              "晨都有老人来锻炼。", "夜市的摊位整齐排列，", "灯光明亮，人来人往，",
              "十分热闹。"]
    third = ["孩子们在草地上追逐嬉", "戏，处处洋溢着欢声笑", "语，成为附近居民休闲",
             "的好去处和好地方。", "商户们说生意比往年好", "了不少，对未来很有信", "心。"]
    last = ["图书馆延长了开放时间", "读者们都很满意。"]
    rows = [
        "    ".join(line.ljust(10) for line in row).rstrip()
        for row in zip(first, second, third, strict=True)
    ]
    text = "\n".join([
        *rows[:4], "", " " * 16 + " ".join("夜市重新热闹起来"), "", *rows[4:], "",
        " " * 2 + " ".join("图书馆里读书的人多了"), "", *[" " * 14 + line for line in last],
    ])
    blocks = ["".join(block).replace(" ", "") for block in read_columns(*rows_of(text, 1))]
    assert blocks[:4] == [
        "".join(first[:4]), "".join(first[4:]), "".join(second[:4]), "".join(third[:4])
    ]


def test_a_column_no_headline_crosses_is_read_in_the_bands_of_the_columns_beside() -> None:
    """A title over the first two columns cuts them into bands; the third column, which no
    headline crosses, breaks its text right there: each story runs on into it, so it is
    read within the bands, not after the whole of the first two columns."""
    above = [["社区食堂开业以来，老", "人们吃饭方便多了，饭", "菜价格实惠，味道也好"],
             ["，每天中午都坐满了人", "。食堂还为行动不便的", "老人提供送餐上门服务"],
             ["，受到居民普遍欢迎。", "街道表示将继续办好这", "件民生实事。"]]
    below = [["图书馆延长开放时间后", "，晚上来看书的年轻人", "越来越多，阅览室里座"],
             ["无虚席。馆里还开设了", "读书沙龙，邀请作者和", "读者面对面交流心得，"],
             ["气氛十分热烈。大家说", "这样的活动应该多办，", "让更多人爱上阅读。"]]

    def rows(columns: list[list[str]]) -> list[str]:
        return [
            "    ".join(line.ljust(10) for line in row).rstrip()
            for row in zip(*columns, strict=True)
        ]

    title = " " * 2 + " ".join("图书馆里读书的人多了")
    text = "\n".join([*rows(above), "", title, "", *rows(below)])
    blocks = ["".join(block).replace(" ", "") for block in read_columns(*rows_of(text, 1))]
    assert blocks == [
        *["".join(column) for column in above],
        title.replace(" ", ""),
        *["".join(column) for column in below],
    ]


def test_columns_are_parted_where_rows_start_text_not_where_lines_end() -> None:
    """As poppler gives it: a solid line takes one cell a character, a justified one spaced
    out two, and a wide space inside a line (before a quote) is no gutter; each piece
    goes to the column whose edge is the last at or before where it starts."""
    left = ["街道办事处把为民服务", "的事项一件件落到实处", "居民们说：  “办事方便"]
    left.append("多了，不用再跑腿。”")
    right = ["新 修 的 道 路 已 经", "通车，沿线商户增多，", "夜市也热闹起来了。", "大家都很满意。"]
    rows = [
        first + " " * (16 - len(first)) + second
        for first, second in zip(left, right, strict=True)
    ]
    blocks = read_columns(*rows_of("\n".join(rows * 2), 1))
    lines = [line.replace(" ", "") for block in blocks for line in block]
    assert lines == [line.replace(" ", "") for line in [*left, *left, *right, *right]]


def test_a_subhead_set_rows_apart_is_read_as_one_stack_opening_its_text() -> None:
    """A subhead's lines, taller than the body's rows, come with rows between them that
    only the column beside holds text in: they stay one stack, right on the text it
    heads (as the default reading gives it), and no line of the column beside runs in."""
    left = ["居民们说，这些变化", "让大家感到很高兴。", "", "", "", "把老街改造成", "", "",
            "居民喜爱的家园", "", "", "老街的改造从一开始", "就请居民一起商量，"]
    right = ["新建的社区公园已经", "向市民开放，园内绿", "树成荫，步道蜿蜒，", "每天清晨都有不少老",
             "人在这里锻炼身体，", "孩子们在草地上追逐", "嬉戏，处处洋溢着欢", "声笑语，成为附近居",
             "民休闲的好去处。公", "园还设置了健身器材", "和儿童游乐设施，方", "便居民使用，受到大",
             "家的欢迎和称赞。"]
    rows = [
        first + " " * (24 - 2 * len(first)) + second
        for first, second in zip(left, right, strict=True)
    ]
    blocks = read_columns(*rows_of("\n".join(rows), 2))
    assert ["把老街改造成", "居民喜爱的家园", *left[-2:]] in blocks
    assert right in blocks


def test_a_subhead_with_a_colon_and_a_pause_mark_set_rows_apart_is_one_stack() -> None:
    """A subhead's lines may hold a colon or a pause mark (no clause ends inside one):
    set rows apart, they stay one stack on the text it heads."""
    left = ["居民们说，这些变化", "让大家感到很高兴。", "", "", "新 思 路 ：把", "", "",
            "老街改造成宜居、", "", "", "宜业的家园", "", "", "老街的改造从一开始",
            "就请居民一起商量，"]
    right = ["新建的社区公园已经", "向市民开放，园内绿", "树成荫，步道蜿蜒，", "每天清晨都有不少老",
             "人在这里锻炼身体，", "孩子们在草地上追逐", "嬉戏，处处洋溢着欢", "声笑语，成为附近居",
             "民休闲的好去处。公", "园还设置了健身器材", "和儿童游乐设施，方", "便居民使用，受到大",
             "家的欢迎和称赞。", "社区还办起了读书会", "，每周都有活动。"]
    rows = [
        first + " " * (24 - 2 * len(first) + first.count(" ")) + second
        for first, second in zip(left, right, strict=True)
    ]
    blocks = read_columns(*rows_of("\n".join(rows), 2))
    assert ["新 思 路 ：把", "老街改造成宜居、", "宜业的家园", *left[-2:]] in blocks


def test_a_subhead_stack_with_a_comma_inside_its_middle_line_is_one_stack() -> None:
    """A subhead of two phrases wraps past its comma: the middle line, set rows apart
    between two short lines and well short of the column like them, is one more line
    of the stack on the text it heads, not a line of body text of its own."""
    left = ["居民们说，老街这些变化", "让大家感到十分高兴。", "", "", "新思路：让", "", "",
            "老街换新颜，居", "", "", "民住得更舒心", "", "", "老街的改造从一开始就请",
            "居民一起商量，大家出主", "意、想办法，干劲十足。"]
    right = ["新建的社区公园已经", "向市民开放，园内绿", "树成荫，步道蜿蜒，", "每天清晨都有不少老",
             "人在这里锻炼身体，", "孩子们在草地上追逐", "嬉戏，处处洋溢着欢", "声笑语，成为附近居",
             "民休闲的好去处。公", "园还设置了健身器材", "和儿童游乐设施，方", "便居民使用，受到大",
             "家的欢迎和称赞。", "社区还办起了读书会", "，每周都有活动，居", "民踊跃参加。"]
    rows = [
        first + " " * (28 - 2 * len(first)) + second
        for first, second in zip(left, right, strict=True)
    ]
    blocks = read_columns(*rows_of("\n".join(rows), 2))
    assert ["新思路：让", "老街换新颜，居", "民住得更舒心", *left[-3:]] in blocks


def test_an_author_name_set_under_a_centred_title_is_read_right_after_it() -> None:
    """A title centred over two columns starts in the first, its author's name under it in
    the second: the name follows the title, not the first column's text."""
    left = ["  老城区的街巷改造", "工作已经接近尾声，居", "民出行更加方便，沿街",
            "的商户也陆续开门迎客", "，老街重新热闹起来。"]
    right = ["  新建的社区公园也", "已向市民开放，园内绿", "树成荫，步道蜿蜒，每",
             "天清晨都有不少老人在", "这里锻炼身体，真好。"]
    rows = [first + "    " + second for first, second in zip(left, right, strict=True)]
    head = ["      让老街焕发新的活力", "", " " * 30 + "王小明", ""]
    blocks = read_columns(*rows_of("\n".join([*head, *rows]), 1))
    indented = ["\u3000\u3000" + left[0].strip(), *left[1:]]
    assert blocks[:3] == [["让老街焕发新的活力"], ["王小明"], indented]


def two_columns(left: list[str], right: list[str]) -> list[str]:
    """Two columns' lines set side by side, the right one starting at cell 24."""
    pairs = zip(left, right, strict=True)
    return [first + " " * (24 - len(first)) + second for first, second in pairs]


def paragraph_openings(left: list[str], right: list[str]) -> list[str]:
    """The first words of each paragraph of a story set in the two columns under a title."""
    text = "\n".join(["      青年志愿者助力乡村振兴", "", *two_columns(left, right)])
    page = parse_page(text, "two-columns")
    return [paragraph[:3] for paragraph in page.articles[0].body]


def test_an_indent_that_the_columns_show_opens_a_paragraph() -> None:
    """A paragraph's first line starts a few cells in from its column's edge: it opens a
    paragraph after a sentence ends on a full line, even where its text, spaced out by
    justification, measures as wide as the column."""
    left = ["  今年春天，镇上组织", "青年志愿者走进田间地", "头，帮助农户抢种抢收",
            "，还为留守老人修缮房", "屋，受到村民的好评。", "    村 里 在 2023 年 新 修",
            "的道路已经全部通车，", "沿线的果园和民宿生意"]
    right = ["越来越红火，不少外出", "务工的年轻人也回到家", "乡创业，开起了网店，",
             "把土特产卖到了全国各", "地，日子越过越好。", "  下一步，镇里还将继",
             "续完善公共服务设施，", "让群众生活更加便利。"]
    assert paragraph_openings(left, right) == ["今年春", "村里在", "下一步"]


def test_a_line_set_at_its_columns_edge_opens_no_paragraph() -> None:
    """Where the columns show their indents, a line set at its column's edge goes on with
    the paragraph after a sentence ends on a full line, even where its text (a Latin word
    measured short) is no wider than an indented line."""
    left = ["  今年春天，镇上组织", "青年志愿者走进田间地", "头，帮助农户抢种抢收",
            "，还为留守老人修缮房", "屋，受到村民的好评。", "村里的 APP 让老人",
            "看病也更方便了，大家", "都说日子越过越好。"]
    right = ["  社区图书室今年添置", "了两千多册新书，还开", "设了少儿阅读角，周末",
             "常常坐满了小读者，家", "长们也一起来看书。", "  下一步，镇里还将继",
             "续完善公共服务设施，", "让群众生活更加便利。"]
    assert paragraph_openings(left, right) == ["今年春", "社区图", "下一步"]


def test_a_name_set_across_a_column_edge_does_not_cut_the_columns() -> None:
    """A lone name of three characters that runs a little past the next column's edge is
    no headline: the columns beside it are not cut into bands there."""
    left = ["河道整治以后，水清了", "，岸绿了，周边的环境", "也越来越好，每天傍晚",
            "都有不少居民来散步。", "附近的学校还把这里作", "为课外的自然课堂，孩",
            "子们在河边观察水草和", "鱼虾，学到不少知识。"]
    right = ["社区图书室今年添置了", "两千多册新书，还开设", "了少儿阅读角，周末常",
             "常坐满了小读者，家长", "们也一起来看书。图书", "室的志愿者定期组织读",
             "书分享会，邀请居民讲", "讲自己读过的好书。"]
    rows = two_columns(left, right)
    text = "\n".join([*rows[:4], "", " " * 21 + "陈晓东", "", *rows[4:]])
    blocks = read_columns(*rows_of(text, 1))
    assert blocks == [left[:4], ["陈晓东"], left[4:], right[:4], right[4:]]


def test_a_column_set_a_few_cells_further_in_lower_down_is_not_crossed() -> None:
    """One story's second column starts a few cells right of where the story below has
    it: the upper lines, running past that nearby edge, cross into no column."""
    left = ["城市更新不是推倒重来", "，而是在保留老街肌理", "的基础上改善居住条件",
            "，让居民住得更舒心。", "改造过程中，街道坚持", "问计于民，先后召开多",
            "次居民议事会，征集到", "上百条意见和建议，逐", "一吸收进改造方案里，",
            "居民们都很满意。"]
    upper = ["老街改造完成后，沿街", "的店铺陆续开张，来往", "的游客也多了起来，街",
             "巷里又有了烟火气，老", "居民们说日子更好了。"]
    lower = ["社区还建起了养老服务", "中心，为老人提供助餐", "、助浴、康复等服务，",
             "让老人在家门口就能享", "受到贴心的照顾服务。"]
    rows = [
        first + " " * (24 - len(first) + 8 * (number >= 5)) + second
        for number, (first, second) in enumerate(zip(left, upper + lower, strict=True))
    ]
    blocks = read_columns(*rows_of("\n".join(rows), 1))
    assert blocks == [left, upper, lower]


def set_in_columns(columns: list[list[str]], width: int) -> list[str]:
    """Rows of columns set side by side, each column's line padded to `width` cells (one
    cell a character, as poppler gives it)."""
    return [
        "".join(line.ljust(width) for line in row).rstrip()
        for row in itertools.zip_longest(*columns, fillvalue="")
    ]


def joined(blocks: list[list[str]]) -> list[str]:
    return ["".join(block).replace(" ", "") for block in blocks]


def test_columns_on_baselines_that_differ_are_each_read_whole() -> None:
    """Two columns set on baselines that differ (another face, another leading) share
    the extractor's rows by turns, each leaving the other's rows blank: each column is
    read down whole, not cut at every other row; a blank row across the page still
    parts two stories."""
    left = ["夜市开张以后，老街", "一下子热闹起来，卖", "小吃的、卖手工艺品",
            "的摊位一个挨一个，", "游客越来越多。"]
    right = ["社区卫生站改造完成", "后，诊室宽敞明亮，", "还添了心电图机，老",
             "人看病不用再跑远路", "了。"]
    rows = []
    for line_left, line_right in zip(left, right, strict=True):
        rows += [line_left, " " * 10 + line_right]
    text = "\n".join([*rows, "", "新站长上任", "", "新来的站长姓周，年", "轻能干，很受欢迎。"])
    blocks = joined(read_columns(*rows_of(text, 1)))
    assert "".join(left) in blocks and "".join(right) in blocks


def test_a_short_column_right_of_the_last_one_is_read_on_its_own() -> None:
    """A photo's caption set beside the page's last column takes a few rows only, too few
    to count as a column's edge; but it starts past where every line of that column ends,
    so it is a column of its own, not a tail of the column's lines."""
    columns = [["街心花园改造以后", "，成了附近居民最", "爱去的地方，早晚", "都有人来散步。"],
               ["花园里新添了十几", "张长椅，还修了一", "条环形步道，老人", "走起来很方便。"]]
    caption = ["居民在新修的步道上散步。", "本报记者 张三 摄"]
    rows = set_in_columns(columns, 11)
    rows[1] += "  " + caption[0]
    rows[2] += "  " + caption[1]
    blocks = joined(read_columns(*rows_of("\n".join(rows), 1)))
    assert "".join(columns[1]) in blocks
    assert any(block.startswith(caption[0]) for block in blocks)


def test_a_cartoon_title_on_the_row_of_its_credit_is_no_part_of_the_text() -> None:
    """A cartoon's title set on one line with its credit under the drawing, right below a
    column whose sentence goes on at the top of the next: the title is the art's, and the
    sentence reads on without it."""
    left = ["节约用水要从身边的", "小事做起，洗菜的水", "可以用来浇花，洗衣", "服的水可以"]
    right = ["用来拖地，一水多用", "，既省钱又环保，大", "家都说这个办法好。"]
    rows = set_in_columns([left, right], 11)
    rows.append("  点滴之间" + " " * 8 + "李明作（新华社发）")
    text = "\n".join(rows) + "\n"
    page = parse_page(text, "cartoon-title")
    body = "".join(paragraph for article in page.articles for paragraph in article.body)
    assert "洗衣服的水可以用来拖地" in body and "点滴之间" not in body


def test_a_headline_reaches_over_the_columns_empty_beside_it() -> None:
    """A headline in a large face takes one cell a character, so it seems to stay in its
    column; the columns beside it hold nothing on its rows: it spans them, the story
    above is read before it, the one below after it."""
    upper = [["河道整治以后水", "清了岸绿了，周", "边环境越来越好"],
             ["每天傍晚都有不", "少居民来散步，", "孩子们也爱来。"],
             ["附近的学校还把", "这里作为课堂，", "学到不少知识。"]]
    lower = [["今年，社区图书", "室添置了新书，", "开设了阅读角，"],
             ["周末常常坐满了", "小读者，家长们", "也一起来看书。"],
             ["志愿者定期组织", "读书分享会，大", "家都很喜欢它。"]]
    title = "  书香满社区"
    text = "\n".join([*set_in_columns(upper, 10), "", title, "", *set_in_columns(lower, 10)])
    assert joined(read_columns(*rows_of(text, 1))) == [
        *["".join(column) for column in upper], title.strip(),
        *["".join(column) for column in lower],
    ]


def test_a_kicker_over_its_title_is_one_headline_stack_read_first() -> None:
    """A kicker set right of its title and a row above it, with a label of the column
    beside on the row between: the two headline lines are read together, first, and the
    label after the columns under them."""
    upper = [["河道整治后", "水清岸绿，", "环境更好。"], ["每天傍晚有", "居民来散步", "，很热闹。"],
             ["学校把这里", "作为课堂，", "收获很多。"]]
    lower = [["图书室里，", "添置了新书", "开了阅读角"], ["，周末常常", "坐满小读者", "，很热闹。"],
             ["志愿者组织", "读书分享会", "，大家喜欢"]]
    side = ["农贸市场搬", "进了新楼，", "摊位整齐，", "通道宽敞，", "买菜的人多", "了不少。"]
    title = " " + " ".join("城乡面貌焕然一新百姓日子越过越红火")
    text = "\n".join([
        title, "", *set_in_columns([*upper, side], 10), "", " " * 13 + "文化惠民暖人心",
        " " * 30 + "图表数据来源", "  书香满社区", "", *set_in_columns(lower, 10),
    ])
    blocks = joined(read_columns(*rows_of(text, 1)))
    assert blocks.index("文化惠民暖人心") + 1 == blocks.index("书香满社区")
    assert blocks.index("".join(upper[2])) < blocks.index("文化惠民暖人心")
    assert blocks.index("".join(lower[2])) < blocks.index("图表数据来源")


def test_a_headline_at_the_top_does_not_reach_over_a_column_that_starts_lower() -> None:
    """The page's top title reaches no column whose text starts lower down beside it (a
    column of its own, running the whole height): a headline lower down still cuts the
    title's columns into bands."""
    upper = [["整治以后，河道", "水清了岸绿了，", "边环境越来越好"],
             ["每天傍晚都有不", "少居民来散步，", "孩子们也爱来。"]]
    lower = [["今年，社区图书", "室添置了新书，", "开设了阅读角，"],
             ["周末常常坐满了", "小读者，家长们", "也一起来看书。"]]
    side = ["农贸市场搬进了", "新楼，摊位整齐", "，通道宽敞，买", "菜的人多了，", "商户们的生意",
            "也比往年好了，", "大家都很满意，", "都说办得好。", "市场还设了", "便民服务站。"]
    rows = [*set_in_columns(upper, 10), "", "  书香满社区", "", *set_in_columns(lower, 10)]
    beside = [row.ljust(20) + line for row, line in zip(["", *rows], side, strict=True)]
    text = "\n".join(["  河畔新景美如画", "", *beside])
    blocks = joined(read_columns(*rows_of(text, 1)))
    assert blocks[:6] == [
        "河畔新景美如画", "".join(upper[0]), "".join(upper[1]), "书香满社区", "".join(lower[0]),
        "".join(lower[1]),
    ]


def test_a_fake_bold_copy_on_a_row_of_its_own_is_dropped() -> None:
    """A headline drawn twice for weight: the extractor reads its first words again on a
    row of their own, right above it, at the same cell; that copy is no text."""
    columns = [["河道整治以后水", "清了岸绿了。"], ["每天傍晚都有不", "少居民来散步。"]]
    text = "\n".join(["  河畔新景：", "  河畔新景 ：水清岸绿", "", *set_in_columns(columns, 10)])
    blocks = joined(read_columns(*rows_of(text, 1)))
    assert blocks[0] == "河畔新景：水清岸绿" and "河畔新景：" not in blocks


def test_a_column_that_opens_a_few_rows_above_its_headline_is_read_under_it() -> None:
    """The story below a headline runs on in a column that it opens a few rows higher, well
    below the text above (a picture between): that column is read in the band under the
    headline, after the columns the headline stands over."""
    upper = [["河道整治以后，", "水清了岸绿了，", "周边环境越来越", "好，每天傍晚都",
              "有不少居民来散", "步，孩子们也爱", "来这里玩耍，还", "有人来钓鱼，热", "闹得很。"],
             ["附近的学校还把", "这里作为课堂，", "孩子们观察水草", "和鱼虾，学到了",
              "不少知识，家长", "们也很满意，都", "说这样的课堂好", "，希望多办一些",
              "这样的活动。"],
             ["街道还在河边修", "了步道，方便大", "家散步。"]]
    lower = [["今年，社区图书", "室添置了新书，", "开设了阅读角，"],
             ["周末常常坐满了", "小读者，家长们", "也一起来看书。"]]
    side = ["志愿者定期组织", "读书分享会，大", "家都很喜欢，也", "常有人来借书，",
            "馆里十分热闹，", "人人都说好。"]
    rows = [*set_in_columns(upper, 10), "", "  书香满社区", "", *set_in_columns(lower, 10)]
    text = "\n".join(
        (row.ljust(20) + (side[n - 9] if 9 <= n < 9 + len(side) else "")).rstrip()
        for n, row in enumerate(rows)
    )
    assert joined(read_columns(*rows_of(text, 1))) == [
        *["".join(column) for column in upper], "书香满社区",
        *["".join(column) for column in lower], "".join(side),
    ]


def test_the_date_line_on_the_first_row_is_read_first_and_ties_no_columns() -> None:
    """The running head on the page's first row reaches over two columns: it is read before
    anything, and ties the columns it spans into no part (the story whose columns a
    headline lower down cuts is read band by band, the column beside it on its own)."""
    upper = [["河道整治以后，", "水清了岸绿了，", "环境越来越好。"],
             ["每天傍晚都有不", "少居民来散步，", "孩子们也爱来。"]]
    lower = [["今年，社区图书", "室添置了新书，", "开设了阅读角，"],
             ["周末常常坐满了", "小读者，家长们", "也一起来看书。"]]
    side = ["农贸市场搬进了", "新楼，摊位整齐", "，通道宽敞，买", "菜的人多了，", "商户们的生意",
            "也比往年好了，", "大家都很满意，", "都说办得好。", "市场还设了"]
    rows = [*set_in_columns(upper, 10), "", "  书香满社区", "", *set_in_columns(lower, 10)]
    beside = [row.ljust(20) + line for row, line in zip(rows, side, strict=True)]
    text = "\n".join([" " * 12 + "二〇二四年五月六日 星期一", "", "  河畔新景美如画", "", *beside])
    assert joined(read_columns(*rows_of(text, 1))) == [
        "二〇二四年五月六日星期一", "河畔新景美如画", "".join(upper[0]), "".join(upper[1]),
        "书香满社区", "".join(lower[0]), "".join(lower[1]), "".join(side),
    ]


def test_a_top_title_set_a_row_below_a_title_beside_it_cuts_no_band() -> None:
    """A title over two columns at the top of the page, a row below another story's title
    in the column beside: it cuts no band there (that title is read with its column),
    though a headline lower down ties the three columns into one part."""
    upper = [["河道整治以后，", "水清了岸绿了，", "环境越来越好，", "大家都满意。"],
             ["每天傍晚都有不", "少居民来散步，", "孩子们也爱来，", "十分热闹。"],
             ["农贸市场搬进了", "新楼，摊位整齐", "，通道也宽敞，", "很方便。"]]
    lower = [["今年，社区图书", "室添置了新书。"], ["周末常常坐满了", "小读者。"],
             ["志愿者定期组织", "分享会。"]]
    text = "\n".join([
        " " * 20 + "市场换新貌", "  " + " ".join("河畔新景美如画"), "",
        *set_in_columns(upper, 10), "", "  书香满社区", "", *set_in_columns(lower, 10),
    ])
    assert joined(read_columns(*rows_of(text, 1))) == [
        "河畔新景美如画", "".join(upper[0]), "".join(upper[1]), "市场换新貌", "".join(upper[2]),
        "书香满社区", *["".join(column) for column in lower],
    ]


def test_a_column_beside_that_breaks_in_mid_sentence_at_a_cut_is_read_on_its_own() -> None:
    """A column that no headline crosses has a blank row level with a headline over the
    columns beside it, its sentence running on below: no band of those columns takes
    it in; it is read on its own, after them, and whole (the row between holds no text
    of its own: the headline's taller row left it blank)."""
    above = [["社区食堂开业以来", "，老人吃饭方便多", "了，饭菜也实惠，", "大家都说好。"],
             ["食堂还为行动不便", "的老人送餐上门，", "大家都很欢迎，也", "很满意。"]]
    below = [["图书馆延长开放时", "间后，来看书的年", "轻人越来越多。"],
             ["馆里还开设了读书", "沙龙，邀请作者和", "读者面对面交流。"]]
    side = ["街道今年还新建了", "一座口袋公园，园", "里种了不少花草，", "还设了健身器材，",
            "", "每天都有人来锻炼", "，很受居民欢迎，", "也有孩子来玩耍。"]
    rows = [*set_in_columns(above, 11), " " + " ".join("图书馆里读书的人多了"),
            *set_in_columns(below, 11)]
    text = "\n".join((row.ljust(22) + line).rstrip() for row, line in zip(rows, side, strict=True))
    blocks = joined(read_columns(*rows_of(text, 1)))
    assert blocks[-1] == "".join(side)


def test_a_lone_character_set_apart_cuts_no_band() -> None:
    """One character set apart between rows of a column (a name set upright, one character
    a line) is no headline, even with nothing beside it."""
    left = ["河道整治以后，", "水清了岸绿了，", "环境越来越好，", "", "叶", "", "居民们都说好，",
            "孩子们也爱来，", "还有人来钓鱼。"]
    right = ["每天傍晚都有不", "少居民来散步，", "十分热闹。", "", "", "", "图书室今年添置",
             "了新书，周末常", "常坐满读者。"]
    text = "\n".join(set_in_columns([left, right], 10))
    blocks = joined(read_columns(*rows_of(text, 1)))
    assert blocks.index("叶") < blocks.index("".join(right[:3]))


def test_a_name_spaced_out_over_a_column_gap_is_one_name_under_its_title() -> None:
    """A two-character name letter-spaced so wide under a title that the extractor parts
    it, one character in each of two columns: it is one name, read after the title."""
    columns = [["河道整治以后，", "水清了岸绿了，", "环境越来越好，", "大家都满意。"],
               ["每天傍晚都有不", "少居民来散步，", "孩子们也爱来，", "十分热闹。"],
               ["农贸市场搬进了", "新楼，摊位整齐", "，通道也宽敞，", "很方便。"]]
    text = "\n".join([
        "  河畔新景美如画", "", " " * 16 + "王" + " " * 4 + "明", "", *set_in_columns(columns, 10)
    ])
    assert joined(read_columns(*rows_of(text, 1)))[:3] == [
        "河畔新景美如画", "王明", "".join(columns[0])
    ]


def test_a_column_set_a_few_cells_further_in_beside_a_box_is_one_column() -> None:
    """A column whose upper lines stand a few cells further in (beside a box) and whose
    lower lines start at its edge, no row holding both: one column, read top to bottom."""
    first = ["河道整治以后，水清", "了岸绿了，周边环境", "也越来越好，每天傍", "晚都有不少居民来散",
             "步，孩子们也爱来，", "附近的学校还把这里", "作为课外的课堂，孩", "子们观察水草和鱼虾",
             "，学到不少知识，家", "长们也很满意。"]
    second = ["社区图书室今年添置", "了两千多册新书，还", "开设了少儿阅读角，",
              "周末常常坐满了小读", "者，家长们也一起来", "看书。图书室的志愿",
              "者定期组织读书分享", "会，邀请居民讲讲自", "己读过的好书，大家",
              "都说办得好。"]
    third = ["农贸市场搬进了新楼", "，摊位整齐，通道宽", "敞，买菜的人多了，",
             "商户们的生意也比往", "年好了，", "大家都很满意，都说",
             "这件实事办得好，希", "望多办一些这样的实", "事，让生活更方便，",
             "更舒心。"]
    rows = [
        first[n].ljust(20) + second[n].ljust(20) + " " * (8 * (n < 5)) + third[n]
        for n in range(10)
    ]
    assert joined(read_columns(*rows_of("\n".join(rows), 1))) == [
        "".join(first), "".join(second), "".join(third)
    ]


def test_a_vertical_title_beside_its_text_is_read_before_it() -> None:
    """A title set upright at the far side of the last column, beside its story's first
    lines, comes out as one row among them, past the column's width: it is read before
    the text it stands beside."""
    left = ["河道整治以后，水清了", "岸绿了，周边环境也越", "来越好，每天傍晚都有",
            "不少居民来散步，孩子", "们也爱来这里玩耍，附", "近的学校还把这里作为",
            "课外的课堂，孩子们观", "察水草和鱼虾，学到不", "少知识，家长们也很满",
            "意。"]
    right = ["街道今年新建了一座口", "", "", "", "", "袋公园，园里种了不少", "花草，还设了健身器材",
             "，每天都有人来锻炼，", "很受居民欢迎。", ""]
    rows = [line.ljust(20) + other for line, other in zip(left, right, strict=True)]
    rows[4] = left[4].ljust(34) + "小小口袋公园添绿意"
    assert joined(read_columns(*rows_of("\n".join(row.rstrip() for row in rows), 1))) == [
        "".join(left), "小小口袋公园添绿意", right[0], "".join(right[5:])
    ]


def test_a_banner_beside_a_column_narrowed_for_it_does_not_cut_that_column() -> None:
    """A banner that starts past the ends of the lines a column narrows to beside it
    stands over the columns to its right only: that column's text, stopped in
    mid-sentence above it, is read on right below it."""
    upper = [["河道整治以后，", "水清了岸绿了，", "环境越来越好，", "每天傍晚都有", "不少居民来"],
             ["附近的学校还把", "这里作为课堂，", "孩子们观察水草", "和鱼虾", "学到了"],
             ["社区图书室今年", "添置了新书，还", "开设了阅读角，", "周末常常坐满", "小读者。"],
             ["农贸市场搬进了", "新楼，摊位整齐", "，通道宽敞，", "买菜的人多了", "不少。"]]
    lower = [["散步，很热闹。"], ["不少知识。"], [""], [""]]
    banner = " " * 15 + " ".join("认真办好民生实事")
    text = "\n".join([*set_in_columns(upper, 9), "", banner, "", *set_in_columns(lower, 9)])
    blocks = joined(read_columns(*rows_of(text, 1)))
    first, second = "".join(upper[1]), "".join(lower[1])
    assert blocks.index(first) + 1 == blocks.index(second)


def test_a_kicker_below_a_banner_with_text_of_its_columns_between_cuts_a_band() -> None:
    """A banner over the right columns, then text of a column left of it, then a kicker
    over that column and the banner's: not one headline stack (text of the kicker's
    columns stands between); the kicker and its title open a band of their own."""
    upper = [["河道整治以后，", "水清了岸绿了。"], ["每天傍晚都有不", "少居民来散步。"],
             ["社区图书室今年", "添置了新书。"], ["农贸市场搬进了", "新楼，很方便。"]]
    middle = [["附近的学校还把", "这里作为课堂。"], ["孩子们观察水草", "学到了知识。"]]
    lower = [["今年，街道新建", "了口袋公园，"], ["园里种了花草，", "还设了器材，"],
             ["每天都有人来锻", "炼，很受欢迎，"], ["居民们都说好，", "希望多建几座。"]]
    text = "\n".join([
        *set_in_columns(upper, 10), "", " " * 20 + " ".join("办好民生实事"), "",
        *set_in_columns(middle, 10), "", " " * 10 + " ".join("小公园装点大民生"), "",
        "  " + " ".join("口袋公园添绿意惠民生"), "", *set_in_columns(lower, 10),
    ])
    blocks = joined(read_columns(*rows_of(text, 1)))
    kicker, title = "小公园装点大民生", "口袋公园添绿意惠民生"
    assert blocks.index(kicker) + 1 == blocks.index(title)
    assert blocks.index("".join(middle[1])) < blocks.index(kicker)


def test_an_author_name_set_apart_below_a_vertical_title_is_read_after_it() -> None:
    """An essay's title and its author's name, both set upright at the far side of the
    last column, come out as rows of their own among its lines: the name is read right
    after the title (not after a subhead that stands nearer in the column beside)."""
    left = ["河道整治以后，水清了", "岸绿了，周边环境也越", "来越好，每天傍晚都有",
            "不少居民来散步，孩子", "们也爱来这里玩耍。", "",
            "老街换新颜", "", "附近的学校还把这里作",
            "为课堂，孩子们观察水", "草和鱼虾，学到不少知", "识，家长们也很满意。"]
    right = ["街道今年新建了一座口", "", "",
             "", "", "袋公园，园里种了不少",
             "花草，还设了健身器材", "，每天都有人来锻炼。", "",
             "很受居民欢迎，大家都", "说这件实事办得好，希", "望多建几座。"]
    rows = [line.ljust(20) + other for line, other in zip(left, right, strict=True)]
    rows[4] = left[4].ljust(34) + "小小口袋公园添绿意"
    rows[8] = left[8].ljust(34) + "王小明"
    blocks = joined(read_columns(*rows_of("\n".join(row.rstrip() for row in rows), 1)))
    assert blocks.index("王小明") == blocks.index("小小口袋公园添绿意") + 1


def test_a_line_drawn_twice_on_two_rows_is_read_once() -> None:
    """A line drawn twice for weight, the extractor giving the whole of it on two rows one
    above the other at the same cell: it is read once."""
    columns = [["河道整治以后水", "清了岸绿了。"], ["每天傍晚都有不", "少居民来散步。"]]
    text = "\n".join([*set_in_columns(columns, 10), "", "  图 片 来 源 ：本 报 资 料",
                      "  图片来源：本报资料"])
    blocks = joined(read_columns(*rows_of(text, 1)))
    assert blocks.count("图片来源：本报资料") == 1


def test_columns_side_by_side_that_do_not_line_up_are_refused() -> None:
    with pytest.raises(LayoutError, match="give the page PDF instead") as caught:
        parse_page(side_by_side_seed(14, 1, ragged=True), "ragged")
    assert "\n" not in str(caught.value)


def seed_span(first: str, last: str) -> tuple[int, int]:
    """The seed's lines from the one starting with `first` to the one starting with `last`."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = next(n for n, line in enumerate(lines) if line.strip().startswith(first))
    end = next(n for n, line in enumerate(lines) if n >= start and line.strip().startswith(last))
    return start, end + 1


def holds_two_stories(page: Page) -> list[str | None]:
    """Titles of articles whose body holds the first or last words of another story."""
    mixed = []
    for article in page.articles:
        body = "".join(article.body)
        stories = {row[2] for row in EXPECTED if row[8] in body or row[9] in body}
        if len(stories) > 1:
            mixed.append(article.title)
    return mixed


# A story read first, straight into the page's first story (which has no lead), its
# headline moved below that story's byline: (its title, its first and last body lines,
# the first and last lines of its headline).
SCRAMBLES = [
    ("切实增强", ("本报讯（记者 杨伟峰）", "“两手抓、两手硬"), ("刘保新在襄城县", "推动项目建设")),
    ("突出“四个", ("本报讯（记者 李新）", "推进脱贫攻坚的强大"), ("王堃赴禹州市", "确保如期完成")),
    ("市政府与省", ("本报讯 （记者 石冠兵）", "监督检验测试中心"), ("市政府与省", "胡五岳马林青")),
]


@pytest.mark.parametrize(("title", "body", "heading"), SCRAMBLES, ids=["lead", "last", "signing"])
def test_scrambled_order_does_not_merge_stories_whose_headlines_differ(
    title: str, body: tuple[str, str], heading: tuple[str, str]
) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    body_lines, head_lines = seed_span(*body), seed_span(*heading)
    moved = set(range(*body_lines)) | set(range(*head_lines))
    scrambled = lines[slice(*body_lines)] + [""]
    scrambled += [line for number, line in enumerate(lines) if number not in moved]
    below = scrambled.index(DISPLAY_LINES[3]) + 1  # the first story's byline block
    scrambled[below:below] = ["", *lines[slice(*head_lines)]]
    page = parse_page("\n".join(scrambled), "scrambled")
    assert holds_two_stories(page) == []
    for expected in (EXPECTED[0], next(row for row in EXPECTED if row[2].startswith(title))):
        assert_read_like_an_editor(page, expected)


@pytest.mark.parametrize("place", ["page-end", "after-a-headline"])
def test_a_column_piece_put_elsewhere_goes_back_where_its_words_run_on(
    seed: Page, place: str
) -> None:
    """An extractor may give a piece of a column (the lines between two blank lines) out of
    order. The piece that starts in mid-word goes back after the one that stops there."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = next(n for n, line in enumerate(lines) if line.startswith("源等一系列"))
    end = lines.index("", start)
    piece, rest = lines[start:end], lines[:start] + lines[end:]
    at = len(rest) if place == "page-end" else rest.index(DISPLAY_LINES[6]) + 1
    text = "\n".join(rest[:at] + ["", *piece, ""] + rest[at:])
    assert_reads_as_printed(parse_page(text, "moved"))


def test_a_headline_set_apart_below_an_unfinished_sentence_stays_a_headline() -> None:
    """A story that breaks off in mid-sentence (its column goes on elsewhere) and the next
    story's headline after a blank line: the headline, narrower than the column and
    unpunctuated, is no part of the sentence."""
    text = SEED.read_text(encoding="utf-8").replace("\n监督检验测试中心等地进行了调研。\n", "\n")
    article = by_title(parse_page(text, "broken-off"))[EXPECTED[1][2]]
    assert article.body[-1].endswith("许昌市质量技术") and article.subtitle == EXPECTED[1][3]


@pytest.mark.parametrize("headline", ["市区新增两条公交线路 方便群众出行", "加 强 疫 情 防 控"])
def test_text_runs_on_across_a_headline_set_between_two_pieces_of_its_column(
    seed: Page, headline: str
) -> None:
    """A headline of another story (or a banner) between two pieces of one column, where
    the text breaks off in mid-sentence: the text goes on after it, whole."""
    text = SEED.read_text(encoding="utf-8").replace(
        "民介绍，许昌市委组织部制定“双报\n", f"民介绍，许昌市委组织部制定“双报\n\n{headline}\n\n"
    )
    page = parse_page(text, "interrupted")
    assert_reads_as_printed(page)
    assert clean_headline(headline) in page.headlines or not headline.startswith("市区")


def test_open_ends_and_continuing_starts_are_paired_for_the_best_total() -> None:
    """End 1 fits start 2 best, but taking that pair would leave end 4 with nothing: the
    pairs are chosen together, not one by one."""
    scores = {(1, 2): 3.0, (1, 5): 2.5, (4, 2): 2.5}
    assert best_matching(scores) == {1: 5, 4: 2}


def column_lines(text: str, width: int = 16, *, opens: bool = True) -> list[str]:
    """Text set in a column `width` characters wide, its first line indented when it
    opens a paragraph."""
    lines, rest = [], text
    first = width - 2 if opens else width
    lines.append(rest[:first])
    rest = rest[first:]
    while rest:
        lines.append(rest[:width])
        rest = rest[width:]
    return lines


def test_a_word_cut_at_a_piece_end_outweighs_the_extractor_order() -> None:
    """A piece that breaks off in mid-word (`…创造价`) and the one piece that completes the
    word (`值，…`), read by the extractor after another story's unfinished piece: the cut
    word joins them; the other story's piece goes on with the piece after."""
    library = column_lines(
        "社区图书馆的建设要从居民的实际需要出发，合理安排开放时间，丰富馆藏的种类，"
        "让更多的人愿意走进来、坐下来、读进去。只有这样，图书馆才能真正融入社区的生活，"
        "为居民创造价"
    )
    station = column_lines(
        "乡村文化站的建设要坚持从农民群众的需求出发，把有限的资金用在刀刃上，用好现有"
        "的场地和设备，开展农民喜闻乐见的活动，坚持以需求为导向，"
    )
    rest_of_library = column_lines("值，成为大家都喜爱的公共空间。", opens=False)
    rest_of_station = column_lines(
        "同时兼顾不同年龄群众的爱好，让文化站常年有人来、有事做。", opens=False
    )
    pieces = [library, station, rest_of_library, rest_of_station]
    text = "\n\n".join("\n".join(piece) for piece in pieces)
    page = parse_page(f"社区图书馆要办到居民心坎上\n\n{text}\n\n乡村文化站建设要因地制宜\n", "cut")
    paragraphs = [paragraph for article in page.articles for paragraph in article.body]
    assert any("创造价值，成为" in paragraph for paragraph in paragraphs)
    assert any("为导向，同时兼顾" in paragraph for paragraph in paragraphs)


def test_a_piece_broken_off_between_words_goes_on_in_the_piece_of_its_column_width() -> None:
    """A piece that stops between two words (no word cut at the break) and the piece that
    goes on with it, read after another story's piece set in a narrower column: the one
    leftover start as wide as the leftover end continues it."""
    library = column_lines(
        "社区图书馆的建设要从居民的实际需要出发，让更多的人愿意走进来和坐下来。图书馆要"
        "合理安排开放时间，方便上班的居民在晚上和周末来读书，还要"
    )
    station = column_lines(
        "乡村文化站的建设要坚持从农民群众的需求出发，把有限的资金用在刀刃上，开展农民"
        "喜闻乐见的活动。",
        width=14,
    )
    rest_of_library = column_lines(
        "丰富馆藏的种类，成为居民都喜爱的公共空间，让读书的风气在社区里慢慢浓起来，"
        "让孩子们从小爱上读书。",
        opens=False,
    )
    text = "\n\n".join("\n".join(piece) for piece in (library, station, rest_of_library))
    page = parse_page(f"图书馆办到心坎上\n\n{text}\n\n文化站要因地制宜\n", "column")
    paragraphs = [paragraph for article in page.articles for paragraph in article.body]
    assert any("读书，还要丰富馆藏" in paragraph for paragraph in paragraphs)
    assert any(paragraph.startswith("乡村文化站的建设") for paragraph in paragraphs)


def test_a_cut_word_that_a_rival_end_claims_only_by_chance_still_pairs() -> None:
    """Two pieces break off in mid-word (`…创造价`, `…稳步增`) and one start completes
    either (`值，…`: 价值, 增值); the second end goes on where the extractor put it, with
    a word cut there too (`长，…`), so the first takes that start, across the name and
    headline read after it, not the next story's piece beyond them. The one end left over
    then takes the one start left over."""
    library = column_lines(
        "社区图书馆的建设要从居民的实际需要出发，合理安排开放时间，丰富馆藏的种类，"
        "让更多的人愿意走进来、坐下来、读进去。只有这样，图书馆才能真正融入社区，为居民创造价"
    )
    market = column_lines(
        "菜市场改造以后，摊位整齐了，地面干净了，买菜的人越来越多。市场的管理越来越规范，"
        "商户的收入也稳步增"
    )
    station = column_lines(
        "乡村文化站的建设要坚持从农民群众的需求出发，把有限的资金用在刀刃上，坚持以需求为导向，"
    )
    pieces = [
        library,
        ["王立新"],
        ["乡村文化站建设要因地制宜"],
        column_lines("同时兼顾不同年龄群众的爱好，让文化站常年有人来、有事做。", opens=False),
        market,
        column_lines("长，居民也买得明白、买得放心。", opens=False),
        column_lines("值，成为大家都喜爱的公共空间。", opens=False),
        station,
    ]
    text = "\n\n".join("\n".join(piece) for piece in pieces)
    page = parse_page(f"社区图书馆要办到居民心坎上\n\n{text}\n\n菜市场改造暖民心\n", "rival")
    paragraphs = [paragraph for article in page.articles for paragraph in article.body]
    for joined in ("创造价值，成为", "稳步增长，居民", "为导向，同时兼顾"):
        assert sum(joined in paragraph for paragraph in paragraphs) == 1, joined
    assert not any("因地制宜" in paragraph for paragraph in paragraphs)


def test_a_book_title_spread_by_justification_is_read_without_its_spaces() -> None:
    """A justified line spreads a book title's characters like any others (`《中 华 人 民
    共 和 国 宪`): those spaces are the extractor's, not the writer's, and go."""
    lines = column_lines("社区普法讲堂上，退休教师王老师给大家讲了一个故事。他说，") + [
        "我 们 大 家 都 读 过《中 华 人 民 共 和 国 宪",
        *column_lines("法》，知道公民的基本权利受到保护。", opens=False),
    ]
    text = "\n".join(lines)
    page = parse_page(f"普法讲堂进社区\n\n{text}\n\n老菜场换了新模样\n", "book-title")
    assert "我们大家都读过《中华人民共和国宪法》，知道" in page.articles[0].body[0]


def test_a_subhead_stack_with_a_comma_inside_stays_a_subhead() -> None:
    """A subhead of two phrases set in short centred lines, a comma inside one of them,
    right above the indented first line of its section: no running text stops short
    without ending a sentence, so it is a subhead, not the paragraph's opening."""
    first = (
        "社区图书馆的建设要从居民的实际需要出发，合理安排开放时间，丰富馆藏的种类，"
        "让更多的人愿意走进来。"
    )
    second = (
        "场地和设备是图书馆的家底，要让它们发挥作用。可以利用周末举办亲子阅读、"
        "读书分享等活动，请居民来当主讲人。"
    )
    stack = ["完善服务：用好现", "有场地，丰富活动", "内容"]
    lines = ["社区图书馆要办到居民心坎上", "张小明", "", *column_lines(first), "", *stack]
    page = parse_page("\n".join([*lines, *column_lines(second), ""]), "stack")
    assert page.articles[0].body == [first, "完善服务：用好现有场地，丰富活动内容", second]


def test_author_note_and_bare_name_byline_of_an_essay() -> None:
    """An opinion page's conventions: the author's bare name under the title, and an author
    note in brackets after the last paragraph (here broken over two lines)."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace(DISPLAY_LINES[3], "徐民府 欧阳立新")
    end = "推进脱贫攻坚的强大合力。\n"
    text = text.replace(end, end + "（作者为许昌市委\n党校教授）\n")
    page = parse_page(text, "essay")
    first, last = by_title(page)[EXPECTED[0][2]], by_title(page)[EXPECTED[-1][2]]
    assert (first.byline, first.people) == ("徐民府 欧阳立新", ["徐民府", "欧阳立新"])
    assert last.note == "作者为许昌市委党校教授"
    assert last.body[-1].endswith(EXPECTED[-1][9]) and len(last.body) == EXPECTED[-1][10]
    assert not any("作者" in entry for entry in page.headlines)


DRAWN_TWICE = ["市政府与\n市政府\n与省市场监督管理局", "市政府与\n市政府与省市场监督管理局"]


@pytest.mark.parametrize("drawn", DRAWN_TWICE, ids=["cut", "whole"])
def test_fake_bold_copy_of_a_headline_is_dropped(seed: Page, drawn: str) -> None:
    """A headline drawn twice for weight: its first words read once more on a line of their
    own, and the line they belong to cut where the copy ended, or not."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("\n市政府与省市场监督管理局\n", f"\n{drawn}\n")
    assert_reads_as_printed(parse_page(text, "fake-bold"))


def split_at_quotes(text: str) -> str:
    """What an extractor does with the wide gap before an opening quote inside a printed
    body line: it breaks the line there."""
    return "\n".join(
        line if line in DISPLAY_LINES else re.sub(r"(?<=[\u4e00-\u9fff，。：、])(?=“)", "\n", line)
        for line in text.split("\n")
    )


@pytest.mark.parametrize("width", [12, 17, 24])
def test_lines_broken_at_an_opening_quote_read_the_same(width: int) -> None:
    page = parse_page(split_at_quotes(reset_seed(width)), "quotes")
    assert_reads_as_printed(page)


# A column that widens below (past a picture): a paragraph's last printed line holds only
# a quote, the next paragraph opens in the narrow column above the wide lines.
QUOTE_WHERE_THE_COLUMN_WIDENS = """小区改造暖民心
王立新

近年来，许昌持续推进老旧小区改
造，加装电梯、增设充电桩、修补
破损道路、疏通地下管网、整治楼
道杂物、补齐社区养老服务设施短
板，居民生活越过越舒心，不断彰显
“民生温度”。
要清醒看到，小区改造“最后一
公里”的难题仍然不少，停车难、养老设施不足
等问题还需下大力气解决。我们要坚持问需于
民，把好事办好、把实事办实，让群众少跑腿、
办事更顺心，在家门口就能享受便利的公共服
务，让老旧小区真正焕发新的生机与活力。
"""


def test_a_quote_on_a_paragraphs_last_line_where_the_column_widens_stays_apart() -> None:
    """A quote that the extractor set on a line of its own after a full line is that
    paragraph's last printed line when the line below, narrower than the wide column
    further down, opens the next paragraph: the two are not joined into one line."""
    (article,) = parse_page(QUOTE_WHERE_THE_COLUMN_WIDENS, "widening").articles
    assert len(article.body) == 2
    assert article.body[0].endswith("不断彰显“民生温度”。")
    assert article.body[1].startswith("要清醒看到，小区改造“最后一公里”的难题")


@pytest.mark.parametrize("width", [11, 14, 17, 21, 27])
def test_paragraphs_without_blank_lines_part_at_their_indent(width: int) -> None:
    """Without blank lines between paragraphs, a paragraph that ends on a full line is told
    from the next by that one's indent."""
    lines = reset_seed(width).split("\n")
    kept = [
        line
        for number, line in enumerate(lines)
        if line.strip()
        or not 0 < number < len(lines) - 1
        or not ends_sentence(lines[number - 1])
        or lines[number + 1] in DISPLAY_LINES
        or lines[number - 1] in DISPLAY_LINES
    ]
    page = parse_page("\n".join(kept), "unparted")
    for expected in EXPECTED:
        assert_read_like_an_editor(page, expected)


# Paragraphs with no blank line between them: the second opens on a line the extractor
# spaced out letter by letter (justified), digits among its characters.
LETTER_SPACED_INDENT = """绿意满城
陈思远

近年来，杭州持续推进城市绿化，
把公园建到市民家门口，沿江沿河修起
一条条绿道，老城区的空地也种上了花
木，居民们出门就能走进满眼的绿意。
过 去 10 年 新 建 公 园 30 个 和 绿 地 1200
多公顷，人均公园绿地面积稳步提高，
一座座口袋公园成了邻里休憩的好去处，
老人在树下下棋，孩子在草坪上奔跑，
城市的烟火气更浓了。
"""


def test_a_letter_spaced_line_with_digits_still_shows_its_indent() -> None:
    """In a line spaced out to its column, the gaps around digits are its letter-spacing,
    not gaps the compositor widened: they add no width, and the line's indent shows."""
    (article,) = parse_page(LETTER_SPACED_INDENT, "spaced").articles
    assert len(article.body) == 2
    assert article.body[1].startswith("过去10年新建公园30个和绿地1200多公顷")


@pytest.mark.parametrize("width", [12, 17, 24])
def test_subhead_set_in_a_centred_stack_is_one_paragraph(width: int) -> None:
    """A subhead of several short lines right above the text, words running over from one
    line to the next, is one paragraph of its story."""
    stack = "固根基同\n心协力谋\n发展\n"
    text = reset_seed(width).replace("固根基 同心协力谋发展\n\n", stack)
    body = by_title(parse_page(text, "stack"))[EXPECTED[0][2]].body
    assert body[4] == "固根基同心协力谋发展" and len(body) == EXPECTED[0][10]


@pytest.mark.parametrize("width", [12, 17, 24])
def test_paragraph_openings_spaced_out_to_the_column_are_body_text(width: int) -> None:
    """Justification spaces a line out to fill its column; an opening line so spaced (no
    comma in it, nothing but words) is no letter-spaced headline."""
    lines = reset_seed(width).split("\n")
    spaced = [
        " ".join(line.replace(" ", ""))
        if 0 < number < len(lines) - 1
        and not lines[number - 1].strip()
        and lines[number + 1].strip()
        and line not in DISPLAY_LINES
        and not re.search(r"[\d（(]|本报", line)
        else line
        for number, line in enumerate(lines)
    ]
    page = parse_page("\n".join(spaced), "justified")
    assert_reads_as_printed(page)


def test_a_line_ending_in_a_kicker_cue_that_a_word_runs_over_is_body_text() -> None:
    """`…时` ends a kicker (`…调研时`), but not a line whose last word goes on below."""
    text = SEED.read_text(encoding="utf-8").replace(
        "这，是南关街道办事处共驻共建，\n", "这是南关街道办事处在新时\n代共驻共建，\n"
    )
    body = by_title(parse_page(text, "cue"))[EXPECTED[0][2]].body
    assert body[1].startswith("这是南关街道办事处在新时代共驻共建，") and len(body) == 9


def test_lines_of_a_column_narrowed_beside_a_banner_are_body_text(seed: Page) -> None:
    """A column narrowed beside a banner: a few characters a line, spaced out to fill the
    narrow measure, running on from line to line (an enumeration, a word cut in two)."""
    narrowed = "\n市 基 层 各 行 业 、\n各 领 域 党 组 织 之 间 衔\n"
    full = "\n市基层各行业、各领域党组织之间衔\n"
    text = SEED.read_text(encoding="utf-8").replace(full, narrowed)
    assert_reads_as_printed(parse_page(text, "narrowed"))


def test_a_centred_stack_at_the_top_of_a_column_piece_opens_its_text() -> None:
    """Text that an extractor gave out of order can start with a subhead; the stack set
    right above it, with no text of its story before it, is still its subhead, and the
    piece, with no headline of its own, goes back after the story's opening."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    at = lines.index(DISPLAY_LINES[0])
    end = next(n for n in range(at, len(lines)) if "（下转第四版）" in lines[n]) + 1
    piece = ["固根基同", "心协力谋", "发展", *[line for line in lines[at + 2 : end] if line]]
    page = parse_page("\n".join(piece + [""] + lines[:at] + lines[end:]), "stack on top")
    story = by_title(page)[EXPECTED[0][2]]
    assert story.body[4] == "固根基同心协力谋发展" and story.body[5].startswith("自开展")
    assert not any(entry.startswith("固根基") for entry in page.headlines)


# A column that stops in mid-sentence (the sentence goes on in a column read later) right
# above a subhead stack and the indented first line of its section.
STACK_AFTER_OPEN_SENTENCE = """优先发展职业教育
陈立新

技能成就梦想，教育改变人生。优先发
展职业教育，是建设技能型社会的必然
要求，也是促进就业创业的重要途径。
近年来，职业教育办学条件明显改善，
专业设置更加贴近产业需求，一大批技
术技能人才从职业院校走向生产一线的

让每个人
都有人生
出彩机会
产业升级了，需要大批高素质技术
技能人才，职业教育的地位更加重要。
必须坚持产教融合、校企合作，让学生
在真实岗位上学本领、长才干，让更多
年轻人凭借一技之长实现人生价值。

过程中，为经济社会发展提供了有力的
人才支撑，毕业生就业率稳步提升。
"""


def test_a_stack_over_an_indented_opening_heads_it_even_after_an_open_sentence() -> None:
    """Running text never breaks on short lines only to open a paragraph right after: a
    stack set apart there is a subhead, whatever the line above it left open."""
    body = parse_page(STACK_AFTER_OPEN_SENTENCE, "stack").articles[0].body
    assert body[1] == "让每个人都有人生出彩机会" and body[2].startswith("产业升级了")


# A column (of the second essay) read in two pieces with another essay's last section, set
# narrower, between them; the third essay's text follows the second piece.
SECTION_BETWEEN_PIECES = """成都：让公园走进街巷
周文

成都把公园建在家门
口，市民出门几百步就能
走进绿地。老人在树荫下
下棋，孩子在草坪上奔跑，
城市的节奏慢了下来，生
活的滋味却更浓了。

锦江两岸的夜色经济
吴海

夜幕降临，锦江两岸灯火渐
次亮起，游船缓缓驶过九眼桥，
岸边的茶馆和小店坐满了客人。
这几年，沿江街区把夜间消费做

成了一张新名片，吸引了不少外
地游客专程前来。
夜色经济要办好，离不开细
致的管理。街区请来志愿者引导

游客，商户们主动约定不抢客、
不乱涨价，一条街的口碑就这样
慢慢立了起来。到了周末，走进

让绿道
连起城市
每个角落
绿道串起了公园、河
流和社区，骑行的人沿着
江边一路向前，看见的是
城市最美的样子。今后还
要把更多断点接通，让公
园走进每一条街巷。

街巷和江边公园散步的人更多了，
老人摇着蒲扇聊家常，孩子们追
着灯影跑来跑去，年轻人在公园
里弹琴唱歌，夜色也就更加动人
了。

城市的温度，藏在街头巷尾的小事
里。一条绿道连起城市的每个角落，
也连起市民的幸福生活。把每一件小
事办好，人们自然愿意留下来。
（作者为成都某大学教授）

让绿道连起幸福生活
孙丽
"""


def test_a_narrower_section_read_between_two_pieces_of_a_column_stays_apart() -> None:
    """Text of another width that the extractor put between two pieces of one column is
    another story's: the column goes on after it, and it runs into neither the text above
    nor the text below (the piece that followed the column's, not this text)."""
    stories = by_title(parse_page(SECTION_BETWEEN_PIECES, "between"))
    park = stories["成都：让公园走进街巷"].body
    assert park[1] == "让绿道连起城市每个角落" and park[-1].endswith("每一条街巷。")
    night = stories["锦江两岸的夜色经济"].body
    assert len(night) == 2 and "到了周末，走进街巷和江边公园" in night[-1]
    assert night[-1].endswith("夜色也就更加动人了。")
    assert [text[:5] for text in stories["让绿道连起幸福生活"].body] == ["城市的温度"]


def test_folio_and_chart_credit_are_furniture(seed: Page) -> None:
    text = "2020 年 4 月 17 日 星期五    7 要闻\n\n" + SEED.read_text(encoding="utf-8")
    text += "\n制图：张三\n\n3 个确保\n"
    page = parse_page(text, "folio")
    assert_reads_as_printed(page)
    assert page.headlines == HEADLINES + ["3个确保"]


def test_essay_kicker_stands_apart_above_the_title_and_its_byline() -> None:
    """An essay signed with a bare name under its title: a phrase (or two parallel ones)
    set apart above the title is its kicker, not the title."""
    text = SEED.read_text(encoding="utf-8").replace(DISPLAY_LINES[3], "徐民府")
    kicker = "\n筑牢基层堡垒\n\n激发治理活力\n\n"
    text = text.replace("\n" + DISPLAY_LINES[1], kicker + DISPLAY_LINES[1])
    article = by_title(parse_page(text, "kicker"))[EXPECTED[0][2]]
    assert (article.kicker, article.subtitle) == ("筑牢基层堡垒 激发治理活力", EXPECTED[0][3])


def test_an_author_note_ends_its_essay() -> None:
    """Text read out of order can run one essay straight into the next; the author note
    between them ends the first."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start, end = seed_span("本报讯（记者 李新）", "推进脱贫攻坚的强大")
    moved = lines[start:end] + ["（作者为许昌市委党校教授）", ""]
    page = parse_page("\n".join(moved + lines[:start] + lines[end:]), "noted")
    assert holds_two_stories(page) == []
    assert by_title(page)[EXPECTED[-1][2]].note == "作者为许昌市委党校教授"


def test_a_name_standing_alone_after_an_essay_signs_it() -> None:
    """An essay's name set upright beside its text is read after the text, between it and
    the next story: it signs the essay above."""
    text = SEED.read_text(encoding="utf-8")
    heading = "\n".join(DISPLAY_LINES[1:3])
    text = text.replace(heading + "\n\n" + DISPLAY_LINES[3], "徐民府")
    text = text.replace("本报讯 （记者 石冠兵）", "本报讯")
    page = parse_page(heading + "\n\n" + text, "signed")
    first, second = by_title(page)[EXPECTED[0][2]], by_title(page)[EXPECTED[1][2]]
    assert (first.byline, first.people, second.people) == ("徐民府", ["徐民府"], [])


def test_kicker_that_repeats_a_little_of_an_essay_with_an_allusive_title() -> None:
    """A title that repeats nothing of its text goes to the text it stands next to; the
    line set apart above it, repeating a little of that text, is its kicker."""
    text = SEED.read_text(encoding="utf-8")
    for line in DISPLAY_LINES[1:4]:
        text = text.replace(line + "\n", "")
    text = "基层治理的新路子\n\n春风化雨润无声\n徐民府\n\n" + text
    article = parse_page(text, "allusive").articles[0]
    assert (article.kicker, article.title, article.people) == (
        "基层治理的新路子", "春风化雨润无声", ["徐民府"]
    )


def test_an_essays_name_read_in_among_its_lines_signs_it(seed: Page) -> None:
    """An essay's name set upright beside its text can be read in among the text's lines,
    in mid-sentence: it signs the essay, and the sentence goes on after it."""
    text = SEED.read_text(encoding="utf-8").replace(DISPLAY_LINES[3], "")
    text = text.replace("许昌市委组织部制定“双报\n", "许昌市委组织部制定“双报\n徐民府\n")
    article = by_title(parse_page(text, "set in"))[EXPECTED[0][2]]
    assert (article.byline, article.body) == ("徐民府", by_title(seed)[EXPECTED[0][2]].body)


def test_author_note_stays_with_a_story_its_subhead_parts() -> None:
    text = SEED.read_text(encoding="utf-8")
    end = "幸福感。 （下转第四版）\n"
    text = text.replace(end, end + "（作者为魏都区\n干部）\n")
    article = by_title(parse_page(text, "note"))[EXPECTED[0][2]]
    assert article.note == "作者为魏都区干部" and article.body[4] == "固根基 同心协力谋发展"


# Two signed essays as `pdftotext` gives them: the second's name, set upright beside its
# text, read after the first essay's note; its title read after its text.
ESSAYS = """春风化雨润无声
徐民府

基层治理是国家治理的基石，关系群
众切身利益。近年来，各地立足实际
探索了许多新做法，把服务送到群众
家门口，让群众办事少跑腿。
治理重心下移，力量也要跟着下
沉。社区工作者队伍要稳定，待遇要
保障，培训要跟上，才能把各项政策
落到实处，让群众真正得到实惠。
（作者为许昌市委党校教授）

孔刚领

城市更新要坚持以人民为中心，把
老旧小区改造作为重要民生工程来
抓，先改群众最急最盼的水电路，
再补养老托育设施的短板。
改造不能一拆了之，要留住城市
的记忆和烟火气，让居民在家门口
就能感受到生活品质的提升，共建
共治共享的格局才能真正形成。
（作者单位：许昌学院）

让老旧小区焕发新生
"""


def test_a_lone_name_after_a_signed_essay_signs_the_next_one() -> None:
    """A name standing alone after an essay that its note closes and that is signed
    already belongs to the essay below, whose title the extractor put elsewhere."""
    page = by_title(parse_page(ESSAYS, "essays"))
    assert page["春风化雨润无声"].people == ["徐民府"]
    assert page["让老旧小区焕发新生"].people == ["孔刚领"]


# A signed essay whose first subhead the extractor read after the next essay, with that
# essay's name and the page's titles; a third story signed further down.
SUBHEAD_READ_AWAY = """张丽华

洛阳是一座千年古都，每到牡丹花开
时节，四方游人纷至沓来。擦亮古都
名片，是这座城市的重要课题。

近年来，洛阳把遗址公园建设摆在突
出位置，一座座遗址公园串起城市的
绿色空间，也串起古都的历史记忆，
市民在遗址公园里散步健身，孩子们
在遗址公园里认识历史。遗址公园让
文物在保护中焕发生机，古都记忆也
在一代代人心中传承下去。
（作者为洛阳市社科联研究员）

黄河流经郑州，滋养了这片土地。守
护母亲河，要把生态保护放在首位，
沿岸湿地修复了，候鸟回来了，河边
的步道也成了市民最爱去的地方。
（作者为郑州大学教授）

赵志远

遗址公园
串起古都记忆

守护好黄河岸边的湿地

擦亮千年古都名片

老街的灯火又亮了起来

开封老街换新颜

孙建国

宋都开封的老街最近换了新颜。修缮
后的店铺保留了青砖灰瓦，夜市的灯
火又亮了起来，吸引了不少外地游客。
"""


def test_a_subhead_read_away_goes_where_its_section_opens() -> None:
    """A stack of short lines that repeats the text after a paragraph break, where the
    essay's title repeats the text before, is that section's subhead; and a name that
    another name further down keeps from the text below signs the essay above it."""
    page = by_title(parse_page(SUBHEAD_READ_AWAY, "subhead away"))
    essay = page["擦亮千年古都名片"]
    assert essay.people == ["张丽华"] and essay.body[1] == "遗址公园串起古都记忆"
    assert essay.body[2].startswith("近年来") and len(essay.body) == 3
    assert page["守护好黄河岸边的湿地"].people == ["赵志远"]
    assert page["开封老街换新颜"].people == ["孙建国"]


# The second essay's name read before its title, which shares no words with its text; a
# banner set apart after it.
NAME_READ_BEFORE_TITLE = ESSAYS.replace("孔刚领\n", "孔刚领\n\n留得住乡愁的街巷\n").replace(
    "\n让老旧小区焕发新生\n", "\n奋进新征程 建功新时代\n"
)


def test_a_name_read_before_its_title_still_heads_the_essay_with_it() -> None:
    """An essay's name set level with its title may be read first: the title right
    below the name still heads the text below them, not a banner that follows it."""
    page = by_title(parse_page(NAME_READ_BEFORE_TITLE, "name first"))
    assert page["留得住乡愁的街巷"].people == ["孔刚领"]
    assert page["留得住乡愁的街巷"].body[0].startswith("城市更新要坚持以人民为中心")


def test_a_series_banner_is_no_essays_kicker() -> None:
    """A banner over a series of essays (`…专家笔谈`) is set apart above the first one's
    title like a kicker; it heads the series, and is furniture."""
    page = parse_page("推进基层治理服务群众专家笔谈\n\n" + ESSAYS, "series")
    assert by_title(page)["春风化雨润无声"].kicker is None
    assert not any("笔谈" in entry for entry in page.headlines)


# The parts of a signed essay on vocational schools (two sections, each opening with a
# subhead, and its lead-in), and a signed essay set beside it: the two fixtures below are
# the orders an extractor read them in.
VOCATIONAL_SECTIONS = """职业教育改革
取得显著成就
近年来，职业教育办学条件明显改
善，专业设置更加贴近产业需求，一
大批技术技能人才从职业院校走向生
产一线，为经济社会发展提供了有力
的人才支撑。
校企合作不断深化，实训基地建设
加快推进，学生动手能力明显增强，
毕业生就业率稳步提升。

新时代职业教育
大有可为
产业升级了，需要大批高素质技术技能
人才，职业教育的地位更加重要。必
须坚持产教融合、校企合作，让学生
在真实岗位上学本领、长才干。
"""
BOOKROOM_ESSAY = """让乡村书屋热起来
王德明

乡村书屋是农民读书学习的重要阵
地。要丰富书目，开展读书活动，让
书屋真正成为农民喜爱的精神家园，
为乡村振兴注入文化力量。
（作者为河南省图书馆研究馆员）
"""
VOCATIONAL_LEAD_IN = """技能成就梦想，教育改变人生。优先
发展职业教育，是建设技能型社会的
必然要求，也是促进就业创业的重要
途径，必须放在更加突出的位置。
"""

# An essay whose lead-in the extractor read last, after another essay's note: the rest
# of its text opens with a subhead.
LEAD_READ_LAST = (f"优先发展职业教育\n陈立新\n\n{VOCATIONAL_SECTIONS}\n{BOOKROOM_ESSAY}\n"
                  f"{VOCATIONAL_LEAD_IN}")


def test_an_essays_lead_in_read_apart_goes_before_its_first_subhead() -> None:
    """A stretch of finished text with no headline, name or note of its own goes in front
    of the essay whose text opens with a subhead and whose title it repeats."""
    page = parse_page(LEAD_READ_LAST, "lead last")
    assert len(page.articles) == 2
    essay = by_title(page)["优先发展职业教育"]
    assert essay.body[0].startswith("技能成就梦想")
    assert essay.body[1] == "职业教育改革取得显著成就" and essay.body[2].startswith("近年来")


# An essay whose sections the extractor read first, under its author's name, and whose
# lead-in and title it read last, after another essay.
SECTIONS_FIRST = (f"陈立新\n\n{VOCATIONAL_SECTIONS}\n{BOOKROOM_ESSAY}\n{VOCATIONAL_LEAD_IN}"
                  "\n优先发展职业教育\n")


def test_an_essays_sections_read_apart_go_after_its_titled_lead_in() -> None:
    """Text that opens with a subhead and has no title goes after the titled opening whose
    title it repeats: between them they have one title and one name."""
    page = parse_page(SECTIONS_FIRST, "sections first")
    assert len(page.articles) == 2
    essay = by_title(page)["优先发展职业教育"]
    assert essay.people == ["陈立新"] and essay.body[0].startswith("技能成就梦想")
    assert essay.body[1] == "职业教育改革取得显著成就" and len(essay.body) == 6


# As above, but a title set after the lead-in repeats the essay's sections as well as the
# untitled essay its name signs.
TITLE_TO_SIGNED = """陈立新

产教融合
走深走实
近年来，产教融合不断深化，专业设
置更加贴近产业需求，一大批技术技
能人才从职业院校走向生产一线，为
经济社会发展提供了有力的人才支撑。
发展职业教育，产教融合让学生学本领、
长才干，毕业生就业率稳步提升。
（作者为某职业技术学院教授）

乡村书屋是农民读书学习的重要阵
地。深化产教融合，要丰富书目，开
展读书活动，让书屋真正成为农民喜
爱的精神家园，为乡村振兴注入文化
力量。
（作者为河南省图书馆研究馆员）

王德明

技能成就梦想，教育改变人生。优先
发展职业教育，是建设技能型社会的
必然要求，也是促进就业创业的重要
途径，必须放在更加突出的位置。

深化产教融合

优先发展职业教育
"""


def test_a_title_a_section_took_goes_to_the_signed_untitled_essay() -> None:
    """A stretch that opens with a subhead opens no essay: a title it took goes to the
    signed essay with no title that repeats it as well."""
    page = parse_page(TITLE_TO_SIGNED, "title to signed")
    assert len(page.articles) == 2
    assert by_title(page)["深化产教融合"].people == ["王德明"]
    essay = by_title(page)["优先发展职业教育"]
    assert essay.people == ["陈立新"] and essay.body[0].startswith("技能成就梦想")
    assert essay.note == "作者为某职业技术学院教授"


# Two signed essays: the first parted by one-line subheads that repeat its words, the
# second headed by a kicker over its title that repeats more of the first essay's text.
ESSAYS_WITH_SUBHEADS = """推进城乡融合发展

王晓红

城乡融合发展是新时代的重大课题。推
进城乡融合发展，要把城乡融合发展放
在全局中谋划，以城乡融合发展带动乡
村全面振兴，让城乡融合发展的成果惠
及广大农民。

城乡融合看产业

产业兴旺是城乡融合发展的基础。各地
要立足资源禀赋，发展特色种植、农产
品加工和乡村旅游，把增值收益更多留
在农村，推动城乡融合发展走深走实。

城乡融合看人才

人才是城乡融合发展的关键。要畅通城
市人才下乡的渠道，完善激励机制，让
各类人才在乡村大显身手，为城乡融合
发展注入持久动力。

城乡融合看制度

制度是城乡融合发展的保障。要破除妨
碍城乡要素自由流动的体制机制障碍，
促进城乡融合发展各项政策落地见效。

（作者为某大学经济学院教授）

促进城乡要素自由流动

让乡村留住年轻人

李明

每到春节，村里的年轻人回家过年，节
后又纷纷外出打工。怎样让他们留下来
？关键是在家门口有活干、有钱挣。近
年来，一些地方办起合作社和电商服务
站，吸引年轻人返乡创业，村子重新热
闹起来，城乡要素流动起来了。
"""


def test_subheads_that_repeat_a_signed_essays_words_stay_in_it() -> None:
    """One-line subheads between stretches of a signed essay repeat its words, the more so
    the more of it was read: they stay in the essay, which already has its title."""
    essay = parse_page(ESSAYS_WITH_SUBHEADS, "subheads").articles[0]
    assert (essay.title, essay.people) == ("推进城乡融合发展", ["王晓红"])
    assert essay.body[1::2] == ["城乡融合看产业", "城乡融合看人才", "城乡融合看制度"]
    assert essay.note == "作者为某大学经济学院教授"


def test_a_kicker_over_a_signed_title_goes_where_the_title_goes() -> None:
    """A kicker set right above a title that a name signs is that essay's, though it
    repeats the essay above more: the headline stack is one headline."""
    first, second = parse_page(ESSAYS_WITH_SUBHEADS, "stack").articles
    assert first.title == "推进城乡融合发展"
    assert (second.kicker, second.title) == ("促进城乡要素自由流动", "让乡村留住年轻人")


# Two signed essays, the second's title repeating the first's text, not its own.
TITLE_REPEATING_THE_ESSAY_ABOVE = """守护好一方碧水

张华

河湖治理要久久为功，既要治标更要
治本。近年来，各地推行河长制，河
湖治理久久为功，水清岸绿的景象越
来越多，群众的获得感越来越强。

河湖治理要久久为功

刘洋

垃圾分类是新时尚。小区里设立了分
类投放点，志愿者每天早晚在旁边引
导，居民们渐渐养成了好习惯，楼道
干净了，邻里关系也更融洽了。
"""


def test_a_title_with_a_name_under_it_heads_the_text_below() -> None:
    """A title signed by a name set right under it is the essay's below, though it
    repeats the text above: an essay's title and byline stand above its text."""
    first, second = parse_page(TITLE_REPEATING_THE_ESSAY_ABOVE, "signed").articles
    assert (first.title, first.people) == ("守护好一方碧水", ["张华"])
    assert (second.title, second.people) == ("河湖治理要久久为功", ["刘洋"])


# A subhead centred in three lines, the last ending in a word a kicker's cue may end in.
SUBHEAD_ENDING_IN_A_CUE = """让老街焕发新活力

赵明

老街是城市的记忆。这些年，不少地
方在改造老街时大拆大建，老街的味
道没有了，居民也不满意。

老街改造
要回应居民的
新期待新要求
改造老街，首先要听居民怎么说。街
道先后召开多次议事会，把居民的意
见一条条写进方案，改得大家都满意。
"""


def test_a_subhead_stack_of_three_lines_ending_in_a_kickers_cue_is_a_subhead() -> None:
    """A kicker is set in a line or two; a stack of three lines wraps one phrase, whose
    last word may be one a kicker ends in: it is a subhead of the text it stands on."""
    essay = parse_page(SUBHEAD_ENDING_IN_A_CUE, "cue").articles[0]
    assert essay.body[1] == "老街改造要回应居民的新期待新要求" and len(essay.body) == 3


# An essay whose first line, marked as set an indent in, the extractor followed with the
# next printed line broken in two at a quote.
MARKED_FIRST_LINE = """让老街焕发新活力

赵明

　　城市更新工作中的老街改造要突出
“留住记忆”，
这是广大居民的
共同心愿。这些年，不少地方在改造
老街时大拆大建，老街的味道没有了
，居民也不满意。改造老街，首先要
听居民怎么说，把居民的意见写进方
案，改得大家都满意。
"""


def test_a_marked_first_line_filling_its_column_is_body_text() -> None:
    """A line marked as set an indent in that fills the rest of its column and runs on
    opens a paragraph, though the lines after it, broken apart, look like display."""
    essay = parse_page(MARKED_FIRST_LINE, "marked").articles[0]
    assert essay.title == "让老街焕发新活力"
    assert essay.body[0].startswith("城市更新工作中的老街改造要突出“留住记忆”，这是")


# An essay signed upright beside its text, one character a line: the surname read under
# the title, the given name among the text, in mid-sentence.
UPRIGHT_NAME = """让老旧小区焕发新生
孔

城市更新要坚持以人民为中心，把
老旧小区改造作为重要民生工程来
抓，先改群众最急最盼的水电路，
再补养老托育设施的短板。
改造不能一拆了之，要留住城市

刚
的记忆和烟火气，让居民在家门口
就能感受到生活品质的提升，共建
共治共享的格局才能真正形成。
（作者单位：许昌学院）
"""


def test_an_upright_name_read_one_character_at_a_time_signs_its_essay() -> None:
    """A lone surname right under a title and the next lone character set apart among the
    text are the essay's author; the text reads on without the character."""
    article = parse_page(UPRIGHT_NAME, "upright").articles[0]
    assert (article.title, article.people) == ("让老旧小区焕发新生", ["孔刚"])
    assert article.body[1].startswith("改造不能一拆了之，要留住城市的记忆")


# The same, both characters read among the text, each on a line set apart.
UPRIGHT_NAME_AMONG_TEXT = """守护好一方碧水

河湖治理要久久为功，既要治标更要
治本，把截污纳管和生态修复一起抓，

周

让每一条河流都成为造福人民的幸福
河，让群众在水清岸绿中共享发展的

敏

成果，这是生态文明建设的应有之义。
（作者单位：湖州师范学院）
"""


def test_an_upright_name_read_apart_among_the_text_signs_its_essay() -> None:
    """A lone surname set apart among an essay's text, and the next lone character set
    apart, are its author's name, not words of the text."""
    article = parse_page(UPRIGHT_NAME_AMONG_TEXT, "upright apart").articles[0]
    assert (article.title, article.people) == ("守护好一方碧水", ["周敏"])
    assert article.body == [
        "河湖治理要久久为功，既要治标更要治本，把截污纳管和生态修复一起抓，让每一条河流都成为"
        "造福人民的幸福河，让群众在水清岸绿中共享发展的成果，这是生态文明建设的应有之义。"
    ]


KICKER_ABOVE_SIGNED_TITLE = """要让集体经济在改革中发展壮大，让
农民得到更多实惠，就要释放更大的
活力，把资源变资产、资金变股金、
农民变股东的路子走稳走实，不能急
于求成。

让农村集体产权制度改革释放更大活力

探索乡村治理的新路径
赵晓东

乡村治理是国家治理的基础。近年
来，各地推进产权制度改革，村民议
事会、理事会等组织不断健全，群众
参与治理的热情明显提高。治理有效，
乡村振兴才有保障。要把自治、法治、
德治结合起来，让农民在家门口就能
办成事、办好事。
（作者单位：山西省委党校）
"""


def test_a_kicker_above_a_signed_title_is_not_taken_by_the_text_above() -> None:
    """An essay's kicker set apart above its title and name stays in that stack, though
    the headless text above it repeats more of it."""
    page = parse_page(KICKER_ABOVE_SIGNED_TITLE, "stack")
    essay = by_title(page)["探索乡村治理的新路径"]
    assert (essay.kicker, essay.people) == ("让农村集体产权制度改革释放更大活力", ["赵晓东"])
    assert all(article.title != essay.kicker for article in page.articles)


# A chart's source line under an essay, letter-spaced and read twice over (fake bold), and
# another at the page's foot over three lines: captions, never text or headline.
CHART_SOURCE_LINES = """推动乡村文化振兴
王立新

乡村振兴既要塑形，也要铸魂。近年
来，各地把文化建设摆在突出位置，
村史馆、文化礼堂遍地开花，群众的
精神生活日益丰富。
（作者单位：江南大学）

数 据 来 源 ：某 省 统 计 局 2019 年 发 布 的
全省文化事业发展统计公报 。
全省文化事业发展统计公报。

老街区是城市的记忆。改造老街区，
要尊重历史肌理，保留传统风貌，让
居民住得舒心，让游客看得开心。

让老街区留住老味道
孙明
数据来源：
《某省二〇一九年国民经济和社会发展
统计公报》。
"""


def test_a_chart_source_line_is_neither_text_nor_headline() -> None:
    """`数据来源：…` up to its sentence's end is the caption of a chart: it joins no story,
    and its second reading (spaced once, once not) is dropped with it."""
    page = parse_page(CHART_SOURCE_LINES, "source")
    titles = [article.title for article in page.articles]
    assert titles == ["推动乡村文化振兴", "让老街区留住老味道"]
    assert page.articles[1].body == [
        "老街区是城市的记忆。改造老街区，要尊重历史肌理，保留传统风貌，让居民住得舒心，"
        "让游客看得开心。"
    ]
    assert not any("统计公报" in entry for entry in page.headlines)


# A subhead stacked in four lines right on the text it heads, its last line a word a
# kicker can end with (`要求`).
SUBHEAD_ENDING_LIKE_A_KICKER = """把稳乡村治理的方向
周文强

乡村治理是国家治理的基础。近年来，
各地推进村民自治，村民议事会、理事
会等组织不断健全，群众参与治理的热
情明显提高，乡村面貌焕然一新。

乡村治理现代化对基
层干部的能力素质提
出了新的更高的
要求
基层干部是乡村治理的骨干力量。
要加强培训，提高他们运用法治思维
和法治方式解决问题的能力，让干部
在服务群众中增长本领、锤炼作风。
（作者单位：河西学院）
"""


def test_a_subhead_stack_on_its_text_may_end_like_a_kicker() -> None:
    """A stack set right on text is a subhead whatever its last word: a title, never text,
    stands under a kicker."""
    (article,) = parse_page(SUBHEAD_ENDING_LIKE_A_KICKER, "stack").articles
    assert (article.title, article.people) == ("把稳乡村治理的方向", ["周文强"])
    assert article.body[1] == "乡村治理现代化对基层干部的能力素质提出了新的更高的要求"
    assert len(article.body) == 3


# An essay's title and name, a subhead read with them (set below the name) whose section
# the extractor read after another story.
SUBHEAD_BELOW_THE_NAME = """守住耕地保护红线
韩立群

藏粮于地要筑牢根基

耕地是粮食安全的基石。保护
耕地，就是保护我们的饭碗。各地要
压实责任，坚决遏制耕地“非农化”，
防止耕地“非粮化”，守牢粮食安全
底线。

让社区服务更贴心
孙小梅

社区是城市治理的末梢。近年
来，各地推进社区服务提质增效，群
众的获得感、幸福感、安全感明显增
强。
（作者单位：长安大学）

藏粮于地，关键在于提升耕地
质量。要加快建设高标准农田，改良
土壤，让每一块耕地都能旱涝保收，
把根基筑得更牢。
（作者单位：西北农林科技大学）
"""


def test_a_subhead_set_below_an_essays_name_heads_its_own_section() -> None:
    """A line below an essay's name is a subhead, not its title: it goes in front of the
    text it heads, read elsewhere; the title above the name heads the text below it."""
    page = parse_page(SUBHEAD_BELOW_THE_NAME, "below name")
    essay = by_title(page)["守住耕地保护红线"]
    assert essay.people == ["韩立群"]
    assert essay.body[0].startswith("耕地是粮食安全的基石。")
    assert by_title(page)["让社区服务更贴心"].people == ["孙小梅"]
    section = next(article for article in page.articles if article.body[0] == "藏粮于地要筑牢根基")
    assert section.body[1].startswith("藏粮于地，关键在于提升耕地质量。")


# A subhead stacked in three short lines between an essay's title and its name.
SUBHEAD_STACK_ABOVE_THE_NAME = """稳住外贸基本盘的几点思考

推动外贸企业
拓展多元化的
国际市场
许志远

开拓多元化市场，是外贸企业
应对风险的有效办法。要巩固传统市
场，深耕新兴市场，用好自由贸易协
定，让企业的订单来源更加丰富。
"""


def test_a_subhead_stack_in_an_essays_headline_is_no_title() -> None:
    """A centred stack of short lines in an essay's headline group is a subhead: a title's
    lines are set alike."""
    (article,) = parse_page(SUBHEAD_STACK_ABOVE_THE_NAME, "stack above name").articles
    assert (article.title, article.people) == ("稳住外贸基本盘的几点思考", ["许志远"])
    assert article.body[0] == "推动外贸企业拓展多元化的国际市场"


# Two essays' titles read together after the second essay's text; the first essay's text,
# read first, has none beside it.
TWO_TITLES_TOGETHER = """王海燕

建设美丽乡村，要守护好绿水
青山。各地坚持生态优先，整治人居
环境，修复山水林田，让美丽乡村成
为村民安居乐业的家园。
（作者单位：浙江农林大学）

刘建军

发展乡村旅游要突出特色，守
护好绿水青山，挖掘农耕文化，开发
民宿、采摘等项目，让游客留得住，
让美丽的风景变成农民的钱袋子。
（作者单位：云南大学）

发展乡村旅游要突出特色

守护绿水青山 建设美丽乡村

让老人安享幸福晚年

办好社区养老服务
陈晓东

社区养老离老人最近。要完善
日间照料、助餐助浴等服务，让老人
在家门口就能安享晚年。
（作者单位：南京大学）
"""


def test_a_second_title_read_beside_a_story_goes_to_the_story_it_fits_far_better() -> None:
    """A story that took its own title and a second one set apart beside it gives the
    second to the headless story that repeats it far better."""
    page = parse_page(TWO_TITLES_TOGETHER, "two")
    titles = {article.people[0]: article for article in page.articles}
    assert titles["王海燕"].title == "守护绿水青山 建设美丽乡村"
    assert (titles["刘建军"].kicker, titles["刘建军"].title) == (None, "发展乡村旅游要突出特色")


# An essay's name and vertical title set upright beside its text: the name is read right after
# the text, the title a stretch later, between two sections of another essay read out of order.
VERTICAL_TITLE_A_STRETCH_LATER = """让老城区焕发新生机
周明远

老城区承载着一座城市的记忆。近
年来，苏州坚持保护与更新并举，修
缮古建筑，疏通老街巷，让居民住得
更加舒心。
（作者为苏州市规划研究院研究员）

江南的春天来得早，平江路上
粉墙黛瓦依旧，评弹声声入耳，茶
馆里坐满了听书的老人，老街的烟
火气一年四季从不散去。

林晓

古城更新不能只靠政府投入，
还要调动社会力量。街道请来规划
师和老居民一起商量，哪里修旧如
旧，哪里添上新的公共空间。

雨巷深处有乡愁

更新老旧小区，要先听居民的
意见。加装电梯、改造管网、增设停
车位，每一项都要算好居民的账，让
老城区焕发新的生机。
"""


def test_a_vertical_title_read_a_stretch_after_its_essays_name_heads_that_essay() -> None:
    """An essay signed by a name alone, with no headline beside it, takes the line set apart
    first after the next stretch: its vertical title, read late, not a subhead of the text
    around it (a poetic title repeats nothing)."""
    page = parse_page(VERTICAL_TITLE_A_STRETCH_LATER, "vertical title")
    signed = {article.people[0]: article for article in page.articles if article.people}
    assert (signed["林晓"].title, signed["林晓"].body[0][:4]) == ("雨巷深处有乡愁", "江南的春")
    assert all("雨巷深处有乡愁" not in article.body for article in page.articles)


# A news story under a letter-spaced slogan that reads like two names, a slogan line after
# it: no essay's name and subhead.
NEWS_UNDER_A_SLOGAN = """全市新建城市书房二十座

文 明 安 康

共建共享

本报讯（记者 张晓明）4月10日，记者从市
文化局了解到，今年我市将新建城市书房
二十座，让市民在家门口就能读书看报。
"""


def test_lines_below_a_name_over_news_are_no_essay_subheads() -> None:
    """Text that opens with a lead is news, not an essay: what stands between its headline
    and its lead stays out of its text."""
    (article,) = parse_page(NEWS_UNDER_A_SLOGAN, "news").articles
    assert (article.title, article.dateline) == ("全市新建城市书房二十座", "本报讯")
    assert article.body[0].startswith("4月10日，记者从市文化局了解到")


# One character of a name set upright, read apart between two stories.
LONE_CHARACTER_BETWEEN_STORIES = """让非遗走进现代生活
赵国庆

非物质文化遗产是中华文化的
瑰宝。保护非遗，既要守住传统技艺，
也要让它走进现代生活，在创新中焕
发新的生机。
（作者单位：苏州大学）

明

阅读是一种生活方式。一座城市
有了书香，就有了气质。建设书香城
市，要让阅读空间遍布街头巷尾。
"""


def test_a_lone_character_is_no_headline() -> None:
    """A character on a line of its own (one of an upright name's) heads no story."""
    page = parse_page(LONE_CHARACTER_BETWEEN_STORIES, "lone")
    assert [article.title for article in page.articles] == ["让非遗走进现代生活", None]


# An essay's kicker and a title wrapped to two lines of unequal width.
KICKER_AND_TWO_LINE_TITLE = """让基层减负落到实处

切实为基层干部
松绑减负
钱立平

基层是各项工作的落脚点。为基
层减负，就要精简文件会议，减少督查
检查，让干部把更多精力用在抓落实上。
（作者单位：湘潭大学）
"""


def test_a_title_wrapped_to_two_lines_stays_out_of_the_essays_text() -> None:
    """Two lines under a kicker are the title wrapped, not a subhead stack (one takes
    three lines or more): they stay in the headline."""
    (article,) = parse_page(KICKER_AND_TWO_LINE_TITLE, "two-line title").articles
    assert article.people == ["钱立平"]
    assert article.body == [
        "基层是各项工作的落脚点。为基层减负，就要精简文件会议，减少督查检查，让干部把更多"
        "精力用在抓落实上。"
    ]


# A column set narrow beside a picture that widens below it: a paragraph opens, letter-
# spaced (justified), on the last narrow line.
COLUMN_WIDENING_BELOW = """让老字号焕发新活力
高志远

老字号是城市的文化名片。近
年来，一些老字号守正创新，推出新
品，走进直播间，赢得年轻人青睐，
重新焕发了活力。
守 正 创 新 、以 质 取 胜 才 能 走 得
远。老字号要在保持传统技艺的基础上，
用好新技术、新渠道，讲好品牌故事，把老手艺
做成新产业，让更多消费者愿意为老字号买单，
让百年招牌在新时代擦得更亮。
（作者单位：扬州大学）
"""


def test_a_spaced_first_line_of_a_narrow_column_that_widens_is_text() -> None:
    """A letter-spaced line as wide as the column just above (less an indent) that runs on
    into the wider lines below opens a paragraph: no display line."""
    (article,) = parse_page(COLUMN_WIDENING_BELOW, "widening").articles
    assert len(article.body) == 2
    assert article.body[1].startswith("守正创新、以质取胜才能走得远。老字号要在保持传统技艺")


# Two essays set at two widths, read out of order: the wide essay's column stops in
# mid-sentence and the extractor gives next a piece of the narrow essay, the wide column's
# rest comes later; a subhead line sits inside the wide column and repeats its section.
TWO_WIDTHS_AND_A_SUBHEAD_IN_THE_COLUMN = """让茶馆留住老成都
李文

成都人爱喝茶，街头巷尾的
茶馆里坐满了老茶客。一碗盖碗
茶，一把竹椅，老茶客就能坐上
一个下午。
留住老茶客
老茶客是茶馆的根。留住老
茶客，茶馆才有人气。对一家老
茶馆来说，留住老茶客只是第一

真正慢下来，还得学会
放下手机，和身边的人
多说说话。周末带着孩
子去公园走一走，陪家
里的老人喝一碗茶，生
活的滋味就在这些平常
的时光里。
（作者单位：成都市社
会科学院）

慢下来的生活
王芳
傍晚的河边，总有
人支起小桌下棋喝茶，
日子过得悠闲又自在。
这样的生活，让外地游
客也羡慕不已。可是要

步，更要让年轻人愿意走进来。
一些老茶馆添了新茶点，办起了
曲艺专场，生意越来越红火。茶
馆留住了老茶客，也迎来了新茶
客，老成都的味道就这样一代一
代传了下去。
（作者为四川大学教授）
"""


def test_a_column_runs_on_at_its_width_and_a_line_inside_it_is_a_subhead() -> None:
    """A column that stops in mid-sentence goes on at its own width, not in the next piece
    of another width; a line read inside the column (no blank line either side) is a
    subhead, though it repeats its section's words as a title would."""
    page = parse_page(TWO_WIDTHS_AND_A_SUBHEAD_IN_THE_COLUMN, "two widths")
    wide, narrow = page.articles
    assert (wide.title, wide.people, narrow.title, narrow.people) == (
        "让茶馆留住老成都", ["李文"], "慢下来的生活", ["王芳"])
    assert wide.body[1] == "留住老茶客"
    assert wide.body[2].endswith("只是第一步，更要让年轻人愿意走进来。一些老茶馆添了新茶点，"
                                 "办起了曲艺专场，生意越来越红火。茶馆留住了老茶客，也迎来了新茶客，"
                                 "老成都的味道就这样一代一代传了下去。")
    assert narrow.body[0].endswith("可是要真正慢下来，还得学会放下手机，和身边的人多说说话。"
                                   "周末带着孩子去公园走一走，陪家里的老人喝一碗茶，生活的滋味就在"
                                   "这些平常的时光里。")
    assert (wide.note, narrow.note) == ("作者为四川大学教授", "作者单位：成都市社会科学院")


# A signed essay set in a narrow column ends its last sentence; the extractor reads next,
# with no headline between, a wider column that opens a paragraph: another story's text,
# whose title stands apart further down.
WIDER_COLUMN_AFTER_FINISHED_TEXT = """让老街留住烟火气
周晓梅

杭州的老街，藏着这座
城市最真实的生活。清晨的
早点铺前排起长队，巷口的
修鞋摊又开张了，街坊们见
面总要打声招呼，日子过得
踏实又温暖。
老街的烟火气，是一代
代人用日子慢慢熬出来的。
改造老街，不能只换一层新
的门面，更要把这些日常留
下来，让老街坊住得舒心，也
让新来的年轻人找到家的感
觉。

西湖边的茶园里，春茶又到了采摘的
时节。天刚亮，茶农们就背着竹篓上了山，
手指在茶蓬间上下翻飞，一片片嫩芽落进
篓里。午后，炒茶的香气从农家院里飘出来，
引得过路的游客驻足。
茶园这些年变了样。山路修通了，茶农
开起了民宿，城里人周末来采茶、喝茶、住
农家，茶叶卖出了好价钱，茶园也成了市民
亲近自然的好去处。

茶园春色
"""


def test_a_paragraph_opened_after_finished_text_at_another_column_width_is_another_story() -> None:
    """Text that opens a paragraph right after finished text, set at another column width
    where that text ends and in its fullest lines, is another column's: no paragraph of the
    essay before it, and the title set apart that repeats it heads it."""
    page = by_title(parse_page(WIDER_COLUMN_AFTER_FINISHED_TEXT, "wider column"))
    essay, tea = page["让老街留住烟火气"], page["茶园春色"]
    assert essay.people == ["周晓梅"] and len(essay.body) == 2
    assert essay.body[1].endswith("也让新来的年轻人找到家的感觉。")
    assert tea.body[0].startswith("西湖边的茶园里") and tea.body[1].startswith("茶园这些年")


# An essay's section is read at the top of the page, apart from its own three-line subhead,
# which the extractor reads far down, over another story's title; the essay's title and
# name stand above its first section, which opens with its own subhead.
SECTION_WITH_ITS_SUBHEAD_READ_FAR_AWAY = """公园城市的绿道，也要走进
市民的日常生活。社区边的小游
园、街角的口袋公园，让市民出门
几步就能见到绿色，老人散步、孩
子玩耍都有了好去处。
建设公园城市，说到底是为
了市民。绿道修到哪里，市民的笑
声就跟到哪里，公园城市的绿意
也就更浓了。

公园城市绿意浓
王丽华

让绿道串起
城市的山水

成都的绿道，一条条从城中
延伸到郊外。沿着锦江骑行，两岸
花木成荫，白鹭掠过水面，城市的
喧闹被远远留在身后。
这些年，成都把建设公园城
市作为一件大事来抓，拆掉围墙、
打通断点，让绿道连成一张大网，
把公园、河流和山林串在一起。

让公园走进
市民的日常
生活之中

宽窄巷子年味浓

新春将至，成都的宽窄巷子
热闹起来。巷子里挂起了红灯笼，
茶馆里坐满了喝茶听戏的客人，
川剧变脸引来阵阵喝彩。
不少外地游客专程赶来，品
尝地道的川味小吃，感受老成都
的慢生活。
"""


def test_a_far_subhead_stack_opens_a_headless_section_that_goes_after_its_titled_essay() -> None:
    """A stack of three short lines set far from the headless text it repeats is that
    text's opening subhead, not its headline (a title wraps to two lines at most); the
    section then goes after the titled essay it repeats, though that opens with a subhead."""
    page = by_title(parse_page(SECTION_WITH_ITS_SUBHEAD_READ_FAR_AWAY, "far subhead stack"))
    assert set(page) == {"公园城市绿意浓", "宽窄巷子年味浓"}
    essay = page["公园城市绿意浓"]
    assert essay.people == ["王丽华"]
    assert [paragraph[:6] for paragraph in essay.body] == [
        "让绿道串起城",
        "成都的绿道，",
        "这些年，成都",
        "让公园走进市",
        "公园城市的绿",
        "建设公园城市",
    ]
    assert essay.body[3] == "让公园走进市民的日常生活之中"
    assert page["宽窄巷子年味浓"].body[0].startswith("新春将至")


# An essay's last paragraphs are read apart (another column width), then a name alone, a
# stretch with no headline, and a title standing alone over text that barely repeats it:
# the title is set upright beside its essay, which follows, and the name is its author's.
NAME_READ_APART_FROM_ITS_UPRIGHT_TITLE = """让园林之美代代相传
沈国强

苏州的园林，是一代代造园
人留给城市的宝贵财富。一座园
林就是一部立体的画卷，亭台楼
阁、假山池沼，处处都有讲究。
保护园林，首先要把园子修
好。修缮要用老材料、老工艺，请
老师傅带着年轻人一起干，让手
艺传下去。

园林也要走进市民的生活。不少园林
延长了开放时间，办起了昆曲和评弹的演
出，市民下班后也能进园听一段曲子，孩子
们放了学也能来园里写生。
园林里的一草一木都有故事。讲好这
些故事，园林才能真正活起来，成为市民家
门口的文化课堂。

陆海燕

游客多了，园林的保护也面
临新的考验。一些园林实行预约
限流，既让游客看得舒心，也让古
老的园子得到休养。

太湖渔村新变化

江南水乡，河网密布，自古就是鱼米之
乡。一代代水乡人靠水吃水，摇着小船出门，
守着太湖的碧波过日子，水乡的故事说也
说不完。

太湖边的渔村，这几年换
了模样。渔民上岸以后，有的开
起了农家乐，有的学会了网上
卖货，湖鲜和水果卖到了全国
各地。
湖水变清了，白鹭又飞回
来了。到渔村看湖、吃鱼、住民
宿的人越来越多，渔村的日子
越过越红火。
渔村的新变化，离不开太
湖的好生态。守护好一湖清水，
渔村的明天会更好。
（作者为苏州大学教授）
"""


def test_a_lone_name_over_a_headless_stretch_signs_the_essay_a_title_alone_below_heads() -> None:
    """A name alone over a stretch with no headline, where a title standing alone in the
    next group heads a stretch further on, signs that titled stretch: an upright title and
    its name read apart, not the untitled text they happen to frame."""
    page = parse_page(NAME_READ_APART_FROM_ITS_UPRIGHT_TITLE, "upright title and name")
    titled = by_title(page)
    assert titled["太湖渔村新变化"].people == ["陆海燕"]
    assert titled["太湖渔村新变化"].body[0].startswith("太湖边的渔村")
    assert titled["让园林之美代代相传"].people == ["沈国强"]
    signed = [article.title for article in page.articles if "陆海燕" in article.people]
    assert signed == ["太湖渔村新变化"]


REAL_PAGES = sorted(Path("/work/shared/pages/rmrb").glob("*.pdf"))


def pdftotext(path: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize("pdf", REAL_PAGES, ids=[path.stem for path in REAL_PAGES])
def test_real_layout_text_is_unfolded_into_whole_column_lines(pdf: Path) -> None:
    """Every line read off the -layout text is one column's line, as the default reading
    (which keeps columns apart) has it: no two columns' lines run together."""
    unfolded = unfold_columns(pdftotext(pdf, "-layout"), pdf.stem)
    default = re.sub(r"\s", "", pdftotext(pdf))
    lines = [re.sub(r"\s", "", line) for line in unfolded.splitlines() if line.strip()]
    found = sum(1 for line in lines if line in default)
    assert found >= 0.97 * len(lines)


# The real pages' stories read right from text extracted from their PDFs, and the
# paragraphs found in any story, per extractor mode: what the text path reached (of 29
# stories, 254 paragraphs). The rules are general: no page's words or widths are in them.
TEXT_PATH_REACHED = {"default": (22, 240), "layout": (24, 236)}


def story_read(page: Page, wanted: dict) -> Article | None:
    """The article read for an expected story: the one with its title, or (untitled) the
    one that opens with its first paragraph."""
    for article in page.articles:
        titled = wanted["title"] is not None and digest(article.title) == wanted["title"]
        opens = article.body and digest(article.body[0]) == wanted["body"][0]
        if titled or (wanted["title"] is None and opens):
            return article
    return None


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
@pytest.mark.skipif(not REAL_PAGES, reason="../shared/pages/rmrb is absent")
@pytest.mark.parametrize("mode", sorted(TEXT_PATH_REACHED))
def test_real_pages_read_from_extracted_text_keep_what_was_reached(mode: str) -> None:
    right = found = 0
    for pdf in REAL_PAGES:
        stories = RMRB_PAGES[pdf.stem]["stories"]
        page = parse_page(pdftotext(pdf, *(["-layout"] if mode == "layout" else [])), pdf.stem)
        for wanted in stories:
            article = story_read(page, wanted)
            right += article is not None and not differences(article, wanted)
        read = Counter(digest(paragraph) for article in page.articles for paragraph in article.body)
        found += sum((read & Counter(item for story in stories for item in story["body"])).values())
    stories_reached, paragraphs_reached = TEXT_PATH_REACHED[mode]
    assert right >= stories_reached and found >= paragraphs_reached, (right, found)


def test_raw_seed_with_blank_lines_inside_sentences_reads_the_same(seed: Page) -> None:
    rng = random.Random(7)
    lines = []
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        lines.append(line)
        if (
            re.search(r"[，、]", line)
            and not re.search(r"[。！？”]\s*$", line)
            and rng.random() < 0.4
        ):
            lines.append("")
    assert_reads_as_printed(parse_page("\n".join(lines), "blanks"))


# --- encodings and input forms -------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-be-bom"])
def test_encoding_is_detected(seed: Page, tmp_path: Path, encoding: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    if encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    path = tmp_path / SEED.name
    path.write_bytes(data)
    assert_reads_as_printed(read_page(path))


def to_markdown(page: Page) -> str:
    parts: list[str] = []
    for article in page.articles:
        credit = f"（{article.byline}）" if article.dateline and article.byline else ""
        lead = (article.dateline or "") + credit
        parts += [f"> {article.kicker}"] if article.kicker else []
        parts += [f"# {article.title}"]
        parts += [f"## {article.subtitle}"] if article.subtitle else []
        for number, paragraph in enumerate(article.body):
            subhead = not re.search(r"[。！？”，]$", paragraph)
            parts += [""] + (
                [f"### {paragraph}"] if subhead else wrap(lead * (not number) + paragraph, 30)
            )
        parts += ["", f"（下转{article.continued_on}）"] if article.continued_on else []
        parts += ["", article.byline] if article.byline and not article.dateline else []
        parts += [""]
    return "\n".join(parts + [f"# {headline}" for headline in page.headlines])


def test_markdown_page_reads_the_same(seed: Page, tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_text(to_markdown(seed), encoding="utf-8")
    page = read_page(path)
    assert_reads_as_printed(page)
    assert page.headlines == HEADLINES
    assert [article.id for article in page.articles] == [article.id for article in seed.articles]


def test_markdown_minimal_article(tmp_path: Path) -> None:
    path = tmp_path / "cms.md"
    markdown = "# 市区新增公交线路\n\n本报讯 4 月 16 日，市区新增\n两条公交线路。\n"
    path.write_text(markdown, encoding="utf-8")
    (article,) = read_page(path).articles
    assert (article.title, article.dateline, article.body) == (
        "市区新增公交线路",
        "本报讯",
        ["4月16日，市区新增两条公交线路。"],
    )


def test_clean_json_reads_back_unchanged(seed: Page, tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_text(json.dumps(seed.to_dict(), ensure_ascii=False), encoding="utf-8")
    assert read_page(path).to_dict() == seed.to_dict()


@pytest.mark.parametrize("credit", ["孙大勇作（新华社发）", "孙 勇 作", "欧阳小青、钱多多作"])
def test_cartoon_credit_between_paragraphs_is_dropped(credit: str) -> None:
    """A cartoon's credit (names then 作, perhaps its agency) set between two paragraphs of
    an essay is art's credit, like `插图：张三`: no paragraph and no byline of the essay."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.endswith("。") and n > 20)
    lines[at + 1 : at + 1] = ["", credit, ""]
    page = parse_page("\n".join(lines) + "\n", "cartoon")
    assert_reads_as_printed(page)
    assert not any("作" in person for article in page.articles for person in article.people)


def test_a_line_of_text_ending_in_zuo_is_no_credit() -> None:
    """作 ends words as well (`合作`): without an agency only surnamed names make a credit."""
    assert is_furniture("王某作（新华社发）")
    assert not is_furniture("我们加强合作")
    assert not is_furniture("推动各方深化合作（新华社发）")


def test_a_title_wrapped_mid_word_over_a_lead_is_a_title() -> None:
    """A title whose first line fills the column and breaks a word (`…绿道全` / `面开工`):
    its short last line ends no sentence, and a lead follows; running text never stops so,
    so both lines are the title, not a paragraph."""
    earlier = column_lines("春耕时节，各地农民抢抓农时，田间地头一派繁忙景象。")
    lead = column_lines(
        "本报讯（记者 王五）3月2日，市民公园二期和滨河绿道工程开工，预计年底前完工。"
    )
    text = "\n".join(earlier) + "\n\n市民公园二期工程和滨河绿道全\n面开工\n\n" + "\n".join(lead)
    page = parse_page(f"春耕正当时\n\n{text}\n", "wrapped-title")
    titles = [article.title for article in page.articles]
    assert "市民公园二期工程和滨河绿道全面开工" in titles


@pytest.mark.parametrize("head", ["颍河晚报  2021年3月2日 星期二", "2021年3月2日 星期二  颍河晚报"])
def test_a_running_head_with_the_papers_name_between_two_pieces_is_dropped(head: str) -> None:
    """The running head (the paper's name beside the date) that the extractor set between
    two pieces of a column, where the text breaks off in mid-sentence: no part of it."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.endswith("，") and n > 20)
    lines[at + 1 : at + 1] = ["", head, ""]
    page = parse_page("\n".join(lines) + "\n", "running-head")
    assert_reads_as_printed(page)
    assert not any("晚报" in entry for entry in page.headlines)


@pytest.mark.parametrize(
    ("opening", "people"),
    [
        ("本报讯（记者 张三）3月5日，市图书馆新馆正式开放，首日接待读者两千余人次。", ["张三"]),
        ("读书是一辈子的事。市图书馆新馆开放了，首日就接待读者两千余人次。", ["王明"]),
    ],
    ids=["news", "essay"],
)
def test_a_caption_set_across_its_photo_after_a_story_is_no_paragraph_of_it(
    opening: str, people: list[str]
) -> None:
    """A photo's caption read right after a story's last paragraph (news or an essay),
    then its credit: set across the photo, at another width than the story's column, it
    is the photo's own item, and the photographer no person of the story."""
    story = column_lines(opening) + column_lines(
        "新馆设有少儿阅览区、自习区和数字阅读区，全年免费开放。"
    )
    byline = [] if opening.startswith("本报讯") else ["王明", ""]
    caption = ["3月5日，读者在市图书馆新馆少儿阅览区内看书，不少家长", "带着孩子一起来。"]
    text = "\n".join(["图书馆新馆开放", *byline, *story, "", *caption, "本报记者 李四 摄"])
    page = parse_page(text + "\n", "caption")
    story_article = next(article for article in page.articles if article.title)
    assert story_article.people == people
    assert len(story_article.body) == 2
    assert any(article.body == ["".join(caption)] for article in page.articles)


def test_the_papers_name_alone_on_a_line_is_furniture() -> None:
    """The running head may give the paper's name a line of its own, apart from the date."""
    assert is_furniture("颍河晚报") and is_furniture("人民日报")
    assert not is_furniture("人民日报社论") and not is_furniture("他每天都看晚报")


def test_page_furniture_is_dropped() -> None:
    text = "2020年4月17日 星期五\n责任编辑：张三  美编：李四\n\n" + SEED.read_text(encoding="utf-8")
    page = parse_page(text, "furniture")
    assert not any("责任编辑" in entry or "星期五" in entry for entry in page.headlines)
    assert len(page.articles) == len(EXPECTED)


# --- bad input -----------------------------------------------------------------------


BAD_INPUTS = [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b" \n\n \n", "empty", id="blank"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary", id="binary"),
    pytest.param("许昌".encode() + b"\x80\xff\x80\xff", "cannot decode", id="undecodable"),
    pytest.param("加强疫情防控\n推动复工复产\n".encode(), "no articles", id="banner-only"),
    pytest.param(b"{not json", "not valid JSON", id="bad-json"),
]


@pytest.mark.parametrize(("data", "message"), BAD_INPUTS)
def test_bad_input_raises_a_one_line_layout_error(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / ("page.json" if message == "not valid JSON" else "page.txt")
    path.write_bytes(data)
    with pytest.raises(LayoutError, match=message) as caught:
        read_page(path)
    assert "\n" not in str(caught.value)


def test_directory_and_missing_file_are_layout_errors(tmp_path: Path) -> None:
    with pytest.raises(LayoutError, match="directory"):
        read_page(tmp_path)
    with pytest.raises(LayoutError, match="no such file"):
        read_page(tmp_path / "missing.txt")


def test_title_words_are_tagged_as_jieba_posseg_tags_them() -> None:
    """The layout tags title words from the front end's kept table, not by loading
    jieba.posseg: the verb and subject decisions are posseg's, on every clause of the seed."""
    import jieba.posseg

    from xcaudio.layout.headlines import (
        NOMINAL_FLAGS,
        VERB_FLAGS,
        is_bare_subject,
        starts_with_verb,
    )

    clauses = {clause[:20] for line in SEED.read_text(encoding="utf-8").splitlines()
               for clause in re.split(r"[，。；：！？、\s]", line) if clause}
    clauses |= {"2020年许昌市人大常委会", "ABC公司召开会议", "召开第三十次会议", "——记许昌"}
    for clause in sorted(clauses):
        tagged = jieba.posseg.lcut(clause, HMM=False)
        assert starts_with_verb(clause) == (jieba.posseg.lcut(clause[:6], HMM=False)[0].flag
                                            in VERB_FLAGS), clause
        assert is_bare_subject(clause) == all(
            word.flag.startswith("n") or word.flag in NOMINAL_FLAGS for word in tagged), clause


def test_the_layout_stage_does_not_load_jieba_posseg(tmp_path: Path) -> None:
    code = ("import sys; from pathlib import Path; from xcaudio.layout import read_page; "
            f"read_page(Path({str(SEED)!r})); print('jieba.posseg' in sys.modules)")
    environment = {**os.environ, "XCAUDIO_CACHE": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=environment, check=True).stdout.strip() for _ in range(2)]
    assert runs[1] == "False", "with the tables kept, a page is read without jieba.posseg"
