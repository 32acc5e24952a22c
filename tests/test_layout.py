"""Layout recovery on the seed page and on pages derived from it at run time."""

from __future__ import annotations

import itertools
import json
import random
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from xcaudio.article import Article, Page
from xcaudio.layout import LayoutError, parse_page, read_page
from xcaudio.layout.columns import unfold_columns
from xcaudio.layout.lines import ends_sentence, is_spaced_display, join_lines, visual_width

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


def summary(page: Page) -> list[tuple]:
    """Everything an article holds, in a form that ignores article order."""
    rows = [
        (a.kind, a.kicker, a.title, a.subtitle, a.byline, a.people, a.dateline, a.continued_on)
        + (a.body,)
        for a in page.articles
    ]
    return sorted(rows, key=lambda row: row[2] or "")


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
    page = characters(SEED.read_text(encoding="utf-8"))
    for text in DISPLAY_LINES + LEADS + MARKERS:
        page -= characters(text)
    subhead = characters("固根基 同心协力谋发展")
    assert body_characters(seed) == page + subhead


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
    assert summary(derived) == summary(seed)
    assert derived.headlines == seed.headlines
    assert body_characters(derived) == body_characters(seed)


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
    assert [article.title for article in page.articles] == [row[2] for row in EXPECTED]
    for expected in EXPECTED:
        assert_read_like_an_editor(page, expected)
    bodies = "".join(paragraph for article in page.articles for paragraph in article.body)
    assert "下转" not in bodies and "第四版" not in bodies


def test_continuation_marker_broken_over_two_lines_is_found(seed: Page) -> None:
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("幸福感。 （下转第四版）", "幸福感。 （下转第\n四版）")
    text = text.replace("础上， （下转第四版）", "础上， （下\n\n转第四版）")
    page = parse_page(text, "split-marker")
    assert summary(page) == summary(seed)


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


def test_fake_bold_copy_of_a_headline_is_dropped(seed: Page) -> None:
    """A headline drawn twice for weight: its first words read once more on a line of their
    own, and the line they belong to cut where the copy ended."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("\n市政府与省市场监督管理局\n", "\n市政府与\n市政府\n与省市场监督管理局\n")
    assert summary(parse_page(text, "fake-bold")) == summary(seed)


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
    assert summary(parse_page("\n".join(lines), "blanks")) == summary(seed)


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
    assert read_page(path).to_dict() == seed.to_dict()


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
    assert summary(page) == summary(seed)
    assert page.headlines == seed.headlines
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
