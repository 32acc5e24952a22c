"""The spoken script, checked against what an editor would write down by hand.

The script is what the listener hears besides the articles (the opening, the announcements,
the credits, the pointers to other pages, the closing) and how every sentence is cut for the
offline voice, whose quality collapses past 40 syllables a call. The cuts are checked on every
page the project has: none over the limit (counted as the voice says it), nothing lost, and
none inside a word, a number, a name, or a quotation short enough to be said whole.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from xcaudio.article import Article, Page
from xcaudio.layout import read_edition
from xcaudio.normalize import normalize
from xcaudio.pronounce import pinyin
from xcaudio.pronounce.readings import tokenizer
from xcaudio.script import Script, Section, Sentence, build_script

from . import newspaper
from .conftest import DATA, ROOT, SEED

LIMIT = 40
DATE = dt.date(2020, 4, 17)  # a Friday
SHARED = ROOT.parent / "shared" / "pages"
PAGE_FILES = [
    SEED,
    DATA / "two_briefs.txt",
    DATA / "xuchang_news.md",
    DATA / "founder_page.xml",
    *sorted((SHARED / "founder").glob("*.xml")),
    *sorted((SHARED / "rmrb").glob("*.pdf")),
]
TYPESET = {"typesetter front page": newspaper.front_page,
           "typesetter page four": newspaper.page_four}
OPENERS = "“‘《〈（(「『【〔"
CLOSERS = "”’》〉）)」』】〕"
NUMERALS = "零〇一二两三四五六七八九十百千万亿点"
NO_START = "，。、；：！？,.;:!?…" + CLOSERS


@pytest.fixture(scope="module")
def scripts() -> dict[str, Script]:
    """Every page we have as the script would say it: the seed, the test pages, the shared
    Founder XML and page PDFs, and the test typesetter's pages (from their truth)."""
    pages: dict[str, list[Page]] = {path.name: read_edition([path]) for path in PAGE_FILES}
    for name, spec in TYPESET.items():
        articles = [Article(**article) for article in newspaper.expected_articles(spec())]
        pages[name] = [Page(page=name, articles=articles)]
    return {name: build_script(edition, DATE) for name, edition in pages.items()}


def voice_syllables(text: str) -> int:
    """What the offline voice will say, syllable by syllable (letters spelled out)."""
    return len(pinyin(text))


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation or bracket that opens and closes within `text`."""
    spans, open_at = [], []
    for index, char in enumerate(text):
        if char in OPENERS:
            open_at.append(index)
        elif char in CLOSERS and open_at:
            spans.append((open_at.pop(), index + 1))
    return spans


def cut_problems(sentence: Sentence, people: list[str]) -> list[str]:
    """What is wrong with how one sentence is cut into chunks, in words."""
    chunks = [chunk.spoken for chunk in sentence.chunks]
    spoken = "".join(chunks)
    if re.sub(r"\s", "", spoken) != re.sub(r"\s", "", normalize(sentence.printed)):
        return [f"chunks {chunks} do not say {normalize(sentence.printed)!r}"]
    problems = [f"{voice_syllables(chunk)} syllables: {chunk!r}"
                for chunk in chunks if voice_syllables(chunk) > LIMIT]
    cuts = itertools.accumulate(len(chunk) for chunk in chunks[:-1])
    words = set(itertools.accumulate(len(word) for word in tokenizer().cut(spoken)))
    names = [(match.start(), match.end()) for name in people
             for match in re.finditer(re.escape(name), spoken)]
    for at, chunk, following in zip(cuts, sentence.chunks[:-1], chunks[1:], strict=True):
        where = f"{chunk.spoken[-12:]!r} | {following[:12]!r}"
        if following[0] in NO_START:
            problems.append(f"a chunk starts with its punctuation: {where}")
        if at not in words and spoken[at - 1] not in OPENERS + CLOSERS + NO_START:
            problems.append(f"cut inside a word: {where}")
        if spoken[at - 1] in NUMERALS and spoken[at] in NUMERALS:
            problems.append(f"cut inside a number: {where}")
        if any(start < at < end for start, end in names):
            problems.append(f"cut inside a name: {where}")
        for start, end in quotations(spoken):
            if start < at < end and voice_syllables(spoken[start:end]) <= LIMIT:
                problems.append(f"cut inside {spoken[start:end]!r}, which fits whole: {where}")
        expected = "comma" if chunk.spoken.rstrip(CLOSERS)[-1:] in "，、：,:" else "join"
        if chunk.pause != expected:
            problems.append(f"a {chunk.pause} pause, not a {expected}, at {where}")
    return problems


def sentences_with_people(script: Script) -> list[tuple[Sentence, list[str]]]:
    return [(sentence, section.article.people if section.article else [])
            for section in script.sections for sentence in section.lead_in + section.sentences]


@pytest.mark.parametrize("name", [path.name for path in PAGE_FILES] + list(TYPESET))
def test_every_chunk_fits_the_voice_and_no_cut_breaks_what_belongs_together(
    name: str, scripts: dict[str, Script]
) -> None:
    problems = [f"{sentence.printed[:20]}…: {problem}"
                for sentence, people in sentences_with_people(scripts[name])
                for problem in cut_problems(sentence, people)]
    assert not problems, "\n".join(problems[:12])


# Sentences whose cuts an editor can name; (printed, chunks as spoken).
CUTS = [
    pytest.param(
        "在全市共驻共建工作中，南关街道办事处坚持走在前列，以“组织共建、活动共联、事务共商、"
        "资源共享”为目标，吸纳辖区33家单位作为党建联席会成员。",
        ["在全市共驻共建工作中，南关街道办事处坚持走在前列，",
         "以“组织共建、活动共联、事务共商、资源共享”为目标，吸纳辖区三十三家单位作为党建联席会成员。"],
        id="quoted-list-kept-whole"),
    pytest.param(
        "4月16日上午，许昌市人民政府与省市场监督管理局签署《关于共同推进许昌市建设“智造之都、"
        "宜居之城”战略合作框架协议》。",
        ["四月十六日上午，许昌市人民政府与省市场监督管理局签署",
         "《关于共同推进许昌市建设“智造之都、宜居之城”战略合作框架协议》。"],
        id="title-kept-whole"),
    pytest.param(
        "我市把城乡居民基本公共服务均等化和基本建成现代化中等城市的目标时间提前到2035年完成。",
        ["我市把城乡居民基本公共服务均等化",
         "和基本建成现代化中等城市的目标时间提前到二零三五年完成。"],
        id="cut-before-a-conjunction"),
    pytest.param(
        "我市城乡居民基本公共服务均等化水平显著提高的目标时间已经确定为2035年基本实现农业农村"
        "现代化远景目标任务全面完成各项工作继续稳步推进。",
        ["我市城乡居民基本公共服务均等化水平显著提高的目标时间已经确定为",
         "二零三五年基本实现农业农村现代化远景目标任务全面完成各项工作继续稳步推进。"],
        id="number-kept-whole-where-the-most-even-cut-would-split-it"),
    pytest.param(
        "他说：“我们要坚持以人民为中心的发展思想和全心全意为人民服务的根本宗旨，"
        "把群众的冷暖安危时刻放在心上。”",
        ["他说：“我们要坚持以人民为中心的发展思想和全心全意为人民服务的根本宗旨，",
         "把群众的冷暖安危时刻放在心上。”"],
        id="long-quotation-cut-at-its-comma"),
    pytest.param(
        "市委书记胡五岳，省市场监督管理局党组书记、局长马林青出席签约仪式并致辞。",
        ["市委书记胡五岳，省市场监督管理局党组书记、局长马林青出席签约仪式并致辞。"],
        id="short-enough-not-cut"),
]


@pytest.mark.parametrize(("printed", "expected"), CUTS)
def test_cuts_fall_where_an_editor_would_put_them(printed: str, expected: list[str]) -> None:
    (section,) = build_script([Page("p", [Article("a", title="标题", body=[printed])])],
                              DATE).stories
    assert [chunk.spoken for chunk in section.sentences[1].chunks] == expected


# --- what the script says besides the articles ------------------------------------------


def article(title: str, **fields) -> Article:
    return Article(id="", title=title, body=fields.pop("body", ["正文第一段。", "正文第二段。"]),
                   **fields)


def said(sentences: list[Sentence]) -> str:
    return "".join(sentence.printed for sentence in sentences)


def story(item: Article) -> Section:
    return build_script([Page("p", [item])], DATE).stories[0]


@pytest.mark.parametrize(("fields", "credit"), [
    ({"byline": "本报记者 徐民府 孔刚领 通讯员 窦青 李凌枫"},
     "本报记者徐民府、孔刚领，通讯员窦青、李凌枫报道。"),
    ({"byline": "记者 石冠兵", "dateline": "本报讯"}, "记者石冠兵报道。"),
    ({"byline": "记者 高伟山 通讯员 田苗", "dateline": "本报讯"}, "记者高伟山，通讯员田苗报道。"),
    ({"byline": "实习生 赵丽"}, "实习生赵丽报道。"),
    ({"kind": "brief", "byline": "记者 黎云 贾启龙", "dateline": "据新华社武汉4月16日电"},
     "以上消息来自新华社。"),
    ({"dateline": "新华社北京4月16日电"}, "以上消息来自新华社。"),
    ({"kind": "photo", "byline": "本报记者 乔利峰 摄"}, None),
    ({}, None),
])
def test_reporters_are_credited_once_at_the_end(fields: dict, credit: str | None) -> None:
    section = story(article("许昌新建十座城市书房", **fields))
    printed = [sentence.printed for sentence in section.sentences]
    assert printed[:3] == ["许昌新建十座城市书房。", "正文第一段。", "正文第二段。"]
    assert printed[3:] == ([credit] if credit else [])
    assert not re.search("本报讯|新华社.*电|摄", said(section.sentences))


@pytest.mark.parametrize(("continued_on", "pointer"), [
    ("第四版", "详见今天报纸第四版。"),
    ("4", "详见今天报纸第4版。"),
    (None, None),
])
def test_a_story_continued_elsewhere_points_to_the_page(continued_on: str | None,
                                                       pointer: str | None) -> None:
    section = story(article("标题", byline="记者 石冠兵", continued_on=continued_on))
    printed = [sentence.printed for sentence in section.sentences]
    expected = ["标题。", "正文第一段。", "正文第二段。"] + ([pointer] if pointer else [])
    assert printed == expected + ["记者石冠兵报道。"]
    if pointer:
        assert normalize(printed[3]).endswith("第四版。")


def test_headline_kicker_and_subtitle_open_the_story_with_their_pauses() -> None:
    section = story(article("切实增强责任感紧迫感 推动项目建设提速提效",
                            kicker="刘保新在襄城县调研重点项目建设情况时强调",
                            subtitle="——胡五岳马林青致辞"))
    printed = [sentence.printed for sentence in section.sentences]
    assert printed[:2] == [
        "刘保新在襄城县调研重点项目建设情况时强调，切实增强责任感紧迫感 推动项目建设提速提效。",
        "胡五岳马林青致辞。"]
    pauses = [sentence.chunks[-1].pause for sentence in section.sentences]
    assert pauses == ["headline", "headline", "paragraph", "story"]


def test_the_bulletin_opens_announces_each_story_and_closes() -> None:
    titles = ["我市新开通三条公交线路", "春季植树活动在全市展开", "市民广场举办春季招聘会",
              "市区新增两个停车场"]
    script = build_script([Page("p", [article(title) for title in titles])],
                          dt.date(2020, 4, 19))
    opening, *stories, closing = script.sections
    assert (opening.id, closing.id) == ("opening", "closing")
    assert said(script.label.sentences) == "本节目由人工智能合成语音播报。"  # said before all
    assert said(opening.sentences) == (
        "欢迎收听《许昌日报》有声版。今天是2020年4月19日，星期日。"
        "今天共有4篇新闻：我市新开通三条公交线路；春季植树活动在全市展开；市民广场举办春季招聘会；"
        "市区新增两个停车场。")
    assert normalize(opening.sentences[1].printed) == "今天是二零二零年四月十九日，星期日。"
    assert [said(section.lead_in) for section in stories] == [
        "首先请听：", "下面请听：", "下面请听：", "下面请听："]
    assert [section.title for section in stories] == titles
    assert all(not said(section.sentences).startswith(("首先", "下面")) for section in stories)
    assert said(closing.sentences) == (
        "以上就是今天《许昌日报》有声版的全部内容。感谢您的收听，我们明天再会。")
    assert opening.sentences[-1].chunks[-1].pause == "story"
    assert not opening.lead_in and not closing.lead_in


@pytest.mark.parametrize(("day", "weekday"), [
    (dt.date(2020, 4, 13), "星期一"), (dt.date(2020, 4, 17), "星期五"),
    (dt.date(2024, 2, 29), "星期四"), (dt.date(2020, 4, 19), "星期日"),
])
def test_the_opening_says_the_weekday(day: dt.date, weekday: str) -> None:
    opening = build_script([Page("p", [article("标题")])], day).sections[0]
    assert f"今天是{day.year}年{day.month}月{day.day}日，{weekday}。" in said(opening.sentences)


def test_the_seed_page_is_credited_and_pointed_as_printed(scripts: dict[str, Script]) -> None:
    """On the real page: how each story ends, written down from the printed page."""
    endings = {section.title[:8]: [sentence.printed for sentence in section.sentences[-2:]]
               for section in scripts[SEED.name].stories}
    assert endings["共驻共建的“南关"] == [
        "详见今天报纸第四版。", "本报记者徐民府、孔刚领，通讯员窦青、李凌枫报道。"]
    assert endings["全市将有434个"] == ["详见今天报纸第四版。", "记者高伟山，通讯员田苗报道。"]
    assert endings["市政府与省市场监"] == [
        "签约仪式前，马林青一行还前往中天宇光电气公司、许昌市质量技术监督检验测试中心等地进行了调研。",
        "记者石冠兵报道。"]
    assert endings["许州医疗器械加紧"][-1].endswith("防护服等订单产品。")  # a photo: no credit
    assert endings["切实增强责任感紧"][-1] == "记者杨伟峰报道。"
    assert endings["我市各类学校返校"][-1] == "记者刘晓敏报道。"
    assert endings["习近平《携手抗疫"][-1] == "以上消息来自新华社。"
    assert endings["军队支援湖北医疗"][-1] == "以上消息来自新华社。"
    assert endings["突出“四个聚焦”"][-1] == "记者李新报道。"


def test_every_page_has_an_opening_stories_and_a_closing(scripts: dict[str, Script]) -> None:
    for name, script in scripts.items():
        ids = [section.id for section in script.sections]
        assert ids[0] == "opening" and ids[-1] == "closing", name
        assert len(script.stories) == len(ids) - 2 >= 1, name
        assert all(section.sentences[-1].chunks[-1].pause == "story"
                   for section in script.stories), name
