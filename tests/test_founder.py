"""方正见报XML pages: our own Xuchang page in the format, and a real front page where it lies.

The real page (人民日报, 2019-03-13, 第01版) is copyrighted: it is read from ../shared and
never copied; where its text must be checked, only a digest of the expected text is kept.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from xcaudio.article import Article, Page
from xcaudio.layout import LayoutError, read_page

from .conftest import DATA, ROOT, run_xcaudio

FOUNDER_PAGE = DATA / "founder_page.xml"
REAL_PAGE = ROOT.parent / "shared" / "pages" / "founder" / "rmrb2019031301.xml"

EXPECTED = Page(
    page="第02版 许昌新闻",
    number=2,
    articles=[
        Article(
            id="zhua-hao-chun-ji-nong-ye-sheng-chan-que",
            kicker="市委常委会召开会议强调",
            title="抓好春季农业生产 确保夏粮丰产丰收",
            byline="记者 王晓东",
            people=["王晓东"],
            dateline="本报讯",
            body=[
                "4月16日下午，市委常委会召开会议，研究部署春季农业生产工作。",
                "会议强调，各县（市、区）要抓好小麦田间管理，做好病虫害防治，确保夏粮丰产丰收。",
            ],
        ),
        Article(
            id="4-yue-15-ri-jian-an-qu-nong-ji-ren-yuan",
            kind="photo",
            byline="本报记者 赵鹏 摄",
            people=["赵鹏"],
            body=["4月15日，建安区农技人员在麦田里查看小麦长势。"],
        ),
        Article(
            id="xu-chang-shi-shou-jie-hua-mu-bo-lan-hui",
            title="许昌市首届花木博览会在鄢陵开幕",
            subtitle="——300余家企业携上万种花木参展",
            byline="本报记者 刘洋 通讯员 张静",
            people=["刘洋", "张静"],
            body=[
                "4月16日上午，许昌市首届花木博览会在鄢陵县花木博览园开幕。",
                "本届博览会为期一个月，设花木展销、园艺设计、苗木交易三个展区，"
                "来自全国各地的300余家企业携上万种花木参展。开幕当天，",
            ],
            continued_on="第三版",
        ),
        Article(
            id="quan-shi-zhong-dian-xiang-mu-jian-she",
            title="全市重点项目建设稳步推进",
            body=[
                "截至目前，全市已有86个重点项目复工，复工率达到95%以上。",
                "下一步，我市将继续强化要素保障，推动项目早投产、早见效。",
            ],
            continued_from="第一版",
        ),
        Article(
            id="he-nan-chu-tai-cuo-shi-zhi-chi-zhong",
            kind="brief",
            title="河南出台措施支持中小企业发展",
            byline="记者 孙明",
            people=["孙明"],
            dateline="新华社郑州4月16日电",
            body=[
                "河南出台二十条措施，帮助中小企业渡过难关。",
                "河南省政府日前出台支持中小企业发展的二十条措施，"
                "从减税降费、融资支持、稳定就业等方面帮助中小企业渡过难关。",
            ],
        ),
        Article(
            id="cao-wei-gu-cheng-chun-se-nong",
            kind="photo",
            title="曹魏古城春色浓",
            byline="本报记者 牛原 摄",
            people=["牛原"],
            body=["4月16日，游客在曹魏古城游览赏花。"],
        ),
    ],
    headlines=["我市公布2020年十件民生实事 详见第四版"],
)


def digest(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode()).hexdigest()[:16]


def xml_page(stories: str) -> str:
    declaration = '<?xml version="1.0" encoding="UTF-8"?>'
    return f"{declaration}\n<!--方正见报XML1.0-->\n<版面>{stories}</版面>\n"


# --- our own page ----------------------------------------------------------------------


def test_founder_page_reads_as_an_editor_would() -> None:
    page = read_page(FOUNDER_PAGE)
    assert page.articles == EXPECTED.articles
    assert (page.page, page.number, page.headlines) == (
        EXPECTED.page, EXPECTED.number, EXPECTED.headlines
    )


def test_an_author_the_lead_has_named_is_not_named_twice() -> None:
    first = read_page(FOUNDER_PAGE).articles[0]
    assert (first.byline, first.people) == ("记者 王晓东", ["王晓东"])


def test_page_furniture_enters_no_article() -> None:
    text = json.dumps(read_page(FOUNDER_PAGE).to_dict(), ensure_ascii=False)
    for furniture in ("周丽", "陈晨", "高峰", "许昌日报", ".jpg", "上接", "下转"):
        assert furniture not in text


def test_founder_xml_is_known_by_its_content_not_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(FOUNDER_PAGE.read_bytes())
    assert read_page(path).to_dict() == EXPECTED.to_dict()


@pytest.mark.parametrize(("declared", "codec"), [("GB2312", "gbk"), ("GBK", "gbk"),
                                                 ("GB18030", "gb18030")])
def test_a_chinese_encoding_named_in_the_declaration_decodes(
    tmp_path: Path, declared: str, codec: str
) -> None:
    text = FOUNDER_PAGE.read_text(encoding="utf-8").replace('"UTF-8"', f'"{declared}"', 1)
    path = tmp_path / FOUNDER_PAGE.name
    path.write_bytes(text.encode(codec))
    assert read_page(path).to_dict() == EXPECTED.to_dict()


def test_the_page_label_falls_back_to_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "xcrb0417.xml"
    path.write_text(xml_page("<小样><标题>新闻</标题><内容>许昌市区新增两条公交线路。</内容></小样>"),
                    encoding="utf-8")
    page = read_page(path)
    assert (page.page, page.number, page.articles[0].body) == (
        "xcrb0417", None, ["许昌市区新增两条公交线路。"]
    )


def test_clean_json_through_the_command_line() -> None:
    page = json.loads(run_xcaudio("clean", FOUNDER_PAGE, "--json").stdout)
    assert page == EXPECTED.to_dict()


# --- bad input -----------------------------------------------------------------------


BAD_PAGES = [
    pytest.param(xml_page("<小样><标题>新闻</标题><内容>正文。</小样>"), "not valid Founder XML",
                 id="malformed"),
    pytest.param(xml_page("<大样><版次>02</版次></大样>"), "no articles found on the page",
                 id="no-stories"),
    pytest.param(xml_page("<小样><标题>只有标题</标题><内容></内容></小样>"),
                 "no articles found on the page", id="headline-only"),
]


@pytest.mark.parametrize(("text", "message"), BAD_PAGES)
def test_bad_founder_xml_is_a_one_line_layout_error(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LayoutError, match=message) as caught:
        read_page(path)
    assert str(caught.value).startswith("bad: ")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("text", "message"), BAD_PAGES[:2])
def test_bad_founder_xml_is_one_error_line_from_the_command_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(text, encoding="utf-8")
    result = run_xcaudio("clean", path, "--json", check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("xcaudio: error: bad: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


# --- the real page ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_page() -> Page:
    if not REAL_PAGE.is_file():
        pytest.skip(f"{REAL_PAGE} is not here")
    return read_page(REAL_PAGE)


def test_real_page_has_six_stories_and_a_photo_in_order(real_page: Page) -> None:
    assert [article.kind for article in real_page.articles] == [
        "brief", "brief", "article", "article", "article", "brief", "photo"
    ]
    assert (real_page.page, real_page.number, real_page.headlines) == ("第01版 要闻", 1, [])


def test_real_page_titles(real_page: Page) -> None:
    stories = real_page.articles[:6]
    assert [digest(article.title) for article in stories] == [
        "d745ed8f27c5c92c",  # one sentence wrapped at its verb: no space
        "c0491a0b3502d3f4",
        "da9e50ccf6204270",
        "8704e8fc9084bf0e",
        "5e4b8526d63c6dd9",
        "dba40cc59c275047",  # two parallel phrases: one space
    ]
    assert digest(stories[0].subtitle) == "35cce30b9ae13991"
    assert [bool(article.kicker) for article in stories] == [False] * 5 + [True]
    assert [bool(article.subtitle) for article in stories] == [True, False, True, True, True, False]
    assert real_page.articles[6].title is None  # the photo's 标题 is empty


def test_real_page_continuations_and_paragraphs(real_page: Page) -> None:
    assert [article.continued_on for article in real_page.articles] == [
        "第五版", None, "第五版", "第四版", "第四版", None, None
    ]
    assert not any(article.continued_from for article in real_page.articles)
    # The few characters after a 下转 marker belong to the other page: they are dropped.
    assert [len(article.body) for article in real_page.articles] == [6, 6, 11, 3, 4, 12, 1]
    for article in real_page.articles[:5]:
        assert article.body[-1][-1] in "，。", article.id


def test_real_page_leads_are_split(real_page: Page) -> None:
    datelines = [article.dateline or "" for article in real_page.articles]
    assert [dateline.startswith("新华社") for dateline in datelines] == [
        True, True, False, False, False, True, False
    ]
    assert [dateline.startswith("本报") for dateline in datelines] == [
        False, False, False, True, True, False, False
    ]
    assert all(dateline.endswith("电") for dateline in datelines if dateline)
    # The last story's lead stands after its summary box: the box stays as its first paragraph.
    assert [len(article.people) for article in real_page.articles] == [0, 0, 0, 1, 1, 3, 1]
    for article in real_page.articles:
        assert not any(paragraph.startswith(("新华社", "本报")) for paragraph in article.body)
    photo = real_page.articles[6]
    assert photo.byline and photo.byline.endswith("摄") and photo.byline.count(" ") == 1


def test_real_page_fields_hold_no_markup_or_indent(real_page: Page) -> None:
    for article in real_page.articles:
        assert article.body and all(article.body)
        fields = [article.kicker, article.title, article.subtitle, article.byline,
                  article.dateline, *article.people, *article.body]
        for text in filter(None, fields):
            assert not any(mark in text for mark in ("<", ">", "CDATA", "\u3000", "\n")), text
            assert text == text.strip(), text
    assert all(article.title for article in real_page.articles[:6])
