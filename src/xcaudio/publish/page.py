"""`index.html`: the listening page for elderly readers — open it, press one big button.

Today comes first: the date, one button that plays the day's bulletin, and the day's stories,
each a button that plays the bulletin from that story, with its credit, the AI label and its
full text folded away. Earlier days follow, folded. The page is plain HTML from the template
beside this module (`site/page.html`); its style, script and the rest of the web app are files
of their own (`xcaudio.publish.webapp`). Links are relative, so the page works from any host
and from a copy on disk, and without JavaScript every button is a link to the recording.
"""

from __future__ import annotations

from html import escape
from importlib import resources
from string import Template

from xcaudio.manifest import Story
from xcaudio.publish.days import WEEKDAYS, Edition, chinese_date
from xcaudio.publish.feed import ARTICLES_NAME, FEED_NAME, ai_label, story_anchor
from xcaudio.publish.show import Show
from xcaudio.publish.webapp import THEME_COLOUR, WEBAPP_MANIFEST, versioned

SPEEDS = ((0.75, "较慢"), (1.0, "正常"), (1.25, "较快"))
TEMPLATE = Template((resources.files("xcaudio.publish") / "site" / "page.html")
                    .read_text(encoding="utf-8"))


def spoken_length(seconds: float) -> str:
    minutes, second = divmod(round(seconds), 60)
    return f"{minutes}分{second:02d}秒" if minutes else f"{second}秒"


def short_date(edition: Edition) -> str:
    return f"{edition.date.month}月{edition.date.day}日"


def credit_line(story: Story) -> str | None:
    """Who the story is by, as the paper prints it: `本报讯（记者 石冠兵）`, or either part."""
    if story.dateline and story.byline:
        return f"{story.dateline}（{story.byline}）"
    return story.dateline or story.byline


def optional_line(css_class: str, text: str | None) -> str:
    return f'<p class="{css_class}">{escape(text)}</p>' if text else ""


def story_item(edition: Edition, story: Story, label: str) -> str:
    """A story in the day's list: a button that plays the bulletin from its chapter (a link to
    the story's own recording without JavaScript), its credit and the AI label, and its full
    text behind 读全文 with a button for the story alone."""
    audio = escape(edition.relative_url(story.audio.file))
    transcript = escape(edition.relative_url(story.audio.transcript))
    title = escape(story.title)
    credit = " · ".join(escape(part) for part in (credit_line(story), label) if part)
    paragraphs = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in story.paragraphs)
    return (
        f'<li class="story" id="{story_anchor(edition, story)}">'
        f'<h3><a class="play-story" href="{audio}" data-start="{story.bulletin_start:g}" '
        f'data-end="{story.bulletin_end:g}" data-title="{title}">'
        f'<span class="sr">播放：</span><span class="headline">{title}</span>'
        f'<span class="length">{spoken_length(story.audio.duration)}</span></a></h3>'
        f'<p class="credit">{credit}</p>'
        f'<details class="fulltext"><summary><span class="closed">读全文</span>'
        f'<span class="opened">收起全文</span><span class="sr">：{title}</span></summary>'
        f"{optional_line('kicker', story.kicker)}{optional_line('subtitle', story.subtitle)}"
        f'<p><a class="play-alone" href="{audio}" data-transcript="{transcript}" '
        f'data-title="{title}">▶ 只听这一篇<span class="sr">：{title}</span></a></p>'
        f'<div class="paragraphs">{paragraphs}</div>'
        f"</details></li>"
    )


def day_content(edition: Edition, show: Show, newest: bool) -> str:
    """The bulletin's button, where a listener left off (filled in by the script), and the
    stories. The newest day says 今天 (the script names the date instead once it is not)."""
    bulletin = edition.day.bulletin
    when = '<span class="when">今天</span>' if newest else "这一天"
    label = ai_label(edition, show)
    stories = "".join(story_item(edition, story, label) for story in edition.stories)
    return (
        f'<a class="play-day" href="{escape(edition.relative_url(bulletin.file))}" '
        f'data-start="0"><span>▶ 播放{when}的新闻</span>'
        f'<span class="length">共{spoken_length(bulletin.duration)}</span></a>'
        f'<div class="resume" hidden></div>'
        f'<p class="ai-label">{escape(label)}</p>'
        f'<p class="count">{when}的{len(edition.stories)}篇新闻</p>'
        f'<ol class="stories">{stories}</ol>'
    )


def day_attributes(edition: Edition) -> str:
    """What the player needs to know of a day: the bulletin, its transcript and length."""
    bulletin = edition.day.bulletin
    return (
        f'id="{edition.folder.name}" data-day="{edition.folder.name}" '
        f'data-title="{escape(chinese_date(edition.date))}" '
        f'data-short="{short_date(edition)}" '
        f'data-bulletin="{escape(edition.relative_url(bulletin.file))}" '
        f'data-transcript="{escape(edition.relative_url(bulletin.transcript))}" '
        f'data-duration="{bulletin.duration:g}"'
    )


def newest_day(edition: Edition, show: Show) -> str:
    """The newest day, open, under its date without the year (as a wall calendar shows it)."""
    heading = f"{short_date(edition)} 星期{WEEKDAYS[edition.date.weekday()]}"
    return (
        f'<section class="day today" {day_attributes(edition)} '
        f'aria-labelledby="date-{edition.folder.name}">'
        f'<h2 class="date" id="date-{edition.folder.name}">{heading}</h2>'
        f"{day_content(edition, show, newest=True)}</section>"
    )


def earlier_days(editions: list[Edition], show: Show) -> str:
    """The days before, each folded under its date so that today is what the page opens on."""
    if not editions:
        return ""
    days = "".join(
        f'<details class="day earlier-day" {day_attributes(edition)}>'
        f"<summary>{chinese_date(edition.date)}（{len(edition.stories)}篇）</summary>"
        f"{day_content(edition, show, newest=False)}</details>"
        for edition in editions
    )
    return (f'<section class="earlier" aria-labelledby="earlier"><h2 id="earlier">往期</h2>'
            f"{days}</section>")


def speed_buttons() -> str:
    return "\n".join(
        f'<button type="button" data-rate="{speed:g}" aria-pressed="false">'
        f"{speed:g}× {words}</button>"
        for speed, words in SPEEDS
    )


def render_page(editions: list[Edition], show: Show, version: str) -> str:
    """The page for the newest `editions` first, asking for the site's files at `version`."""
    if editions:
        main = newest_day(editions[0], show) + earlier_days(editions[1:], show)
    else:
        main = (f"<p>今天的有声版还没有做好，请稍后再来。</p>"
                f'<p class="ai-label">{escape(show.ai_label)}</p>')
    return TEMPLATE.substitute(
        title=escape(show.title),
        subtitle=escape(show.subtitle),
        author=escape(show.author),
        theme=THEME_COLOUR,
        version=version,
        webapp_manifest=versioned(WEBAPP_MANIFEST, version),
        stylesheet=versioned("listen.css", version),
        script=versioned("player.js", version),
        feed=FEED_NAME,
        articles=ARTICLES_NAME,
        main=main,
        speeds=speed_buttons(),
    )
