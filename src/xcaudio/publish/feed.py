"""The two podcast feeds: `feed.xml` (one bulletin per day) and `articles.xml` (one per story)."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from xcaudio.manifest import Story
from xcaudio.publish.cover import COVER_NAME
from xcaudio.publish.days import Edition, chinese_date
from xcaudio.publish.podcast_ext import (
    PodcastIndexEntryExtension,
    PodcastIndexExtension,
    Transcript,
    articles_guid,
)
from xcaudio.publish.show import Show

FEED_NAME = "feed.xml"
ARTICLES_NAME = "articles.xml"
PAGE_NAME = "index.html"

BEIJING = dt.timezone(dt.timedelta(hours=8), "CST")
# A fixed time of day keeps pubDate identical across re-renders (clients re-sort or
# re-announce episodes whose date moves); 06:00 is when the morning paper is out.
PUBLISHED_AT = dt.time(6, 0, tzinfo=BEIJING)
SUMMARY_CHARS = 300


@dataclass(frozen=True)
class Episode:
    guid: str
    title: str
    description: str
    content: str | None
    link: str
    audio_url: str
    audio_bytes: int
    duration: float
    published: dt.datetime
    chapters_url: str | None
    transcript_url: str | None


def guid(edition: Edition, part: str) -> str:
    """Independent of the base URL, so moving the feed never makes old episodes look new."""
    return f"xcaudio:{edition.folder.name}:{part}"


def morning_of(edition: Edition) -> dt.datetime:
    return dt.datetime.combine(edition.date, PUBLISHED_AT)


def clock(seconds: float) -> str:
    minutes, second = divmod(int(seconds), 60)
    return f"{minutes:02d}:{second:02d}"


def ai_label(edition: Edition, show: Show) -> str:
    """The label the day was spoken with; a day rendered before labels, the show's."""
    return edition.day.ai_label or show.ai_label


def bulletin_description(edition: Edition, label: str) -> str:
    """The stories with their start times (many apps turn these into jump links), and the
    AI-content label in words."""
    items = "".join(
        f"<li>{clock(story.bulletin_start)} {html.escape(story.title)}</li>"
        for story in edition.stories
    )
    return (f"<p>{html.escape(edition.day.title)}</p><ol>{items}</ol>"
            f"<p>{html.escape(label)}</p>")


def story_summary(story: Story, label: str) -> str:
    lead = " ".join(part for part in (story.kicker, story.subtitle) if part)
    first = story.paragraphs[0] if story.paragraphs else ""
    if len(first) > SUMMARY_CHARS:
        first = first[:SUMMARY_CHARS] + "……"
    return "\n".join(part for part in (lead, first, label) if part)


def story_content(story: Story) -> str:
    return "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in story.paragraphs)


def bulletin_episode(edition: Edition, base_url: str, show: Show) -> Episode:
    day = edition.day
    return Episode(
        guid=guid(edition, "bulletin"),
        title=day.title or f"{chinese_date(edition.date)} 要闻",
        description=bulletin_description(edition, ai_label(edition, show)),
        content=None,
        link=f"{base_url}/{PAGE_NAME}#{edition.folder.name}",
        audio_url=edition.url(base_url, day.bulletin.file),
        audio_bytes=edition.path(day.bulletin.file).stat().st_size,
        duration=day.bulletin.duration,
        published=morning_of(edition),
        chapters_url=edition.url(base_url, day.chapters) if day.chapters else None,
        transcript_url=edition.url(base_url, day.bulletin.transcript),
    )


def story_episode(edition: Edition, story: Story, base_url: str, show: Show) -> Episode:
    """Story 1 gets the latest time of the day so that apps, newest first, list it on top."""
    return Episode(
        guid=guid(edition, f"story:{story.id}"),
        title=story.title,
        description=story_summary(story, ai_label(edition, show)),
        content=story_content(story),
        link=f"{base_url}/{PAGE_NAME}#{story_anchor(edition, story)}",
        audio_url=edition.url(base_url, story.audio.file),
        audio_bytes=edition.path(story.audio.file).stat().st_size,
        duration=story.audio.duration,
        published=morning_of(edition) - dt.timedelta(minutes=story.number),
        chapters_url=None,
        transcript_url=edition.url(base_url, story.audio.transcript),
    )


def story_anchor(edition: Edition, story: Story) -> str:
    return f"{edition.folder.name}-{story.number:02d}"


def new_feed(show: Show, title: str, base_url: str, feed_name: str, guid: str) -> FeedGenerator:
    feed_url = f"{base_url}/{feed_name}"
    cover_url = f"{base_url}/{COVER_NAME}"
    home = show.website or f"{base_url}/"
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcast_index", PodcastIndexExtension, PodcastIndexEntryExtension)
    fg.title(title)
    fg.description(show.description)
    fg.link(href=feed_url, rel="self", type="application/rss+xml")
    fg.link(href=home, rel="alternate")  # last: feedgen puts the last link in <link>
    fg.language(show.language)
    if show.copyright:
        fg.copyright(show.copyright)
    fg.generator("xcaudio")
    # validators warn unless the image's title and link are the channel's own
    fg.image(url=cover_url, title=title, link=home)
    fg.podcast.itunes_author(show.author)
    fg.podcast.itunes_subtitle(show.subtitle)
    fg.podcast.itunes_summary(show.description)
    fg.podcast.itunes_category({"cat": show.category, "sub": show.subcategory or None})
    fg.podcast.itunes_image(cover_url)
    if show.owner_email:
        fg.podcast.itunes_owner(name=show.owner_name, email=show.owner_email)
        fg.podcast_index.podcast_locked(True, owner=show.owner_email)
    fg.podcast.itunes_type("episodic")
    fg.podcast_index.itunes_explicit(show.explicit)
    fg.podcast_index.podcast_guid(guid)
    return fg


def add_episode(fg: FeedGenerator, episode: Episode, language: str) -> None:
    entry = fg.add_entry(order="append")
    entry.guid(episode.guid, permalink=False)
    entry.title(episode.title)
    entry.link(href=episode.link)
    entry.description(episode.description)
    if episode.content:
        entry.content(episode.content, type="CDATA")
    entry.enclosure(episode.audio_url, str(episode.audio_bytes), "audio/mpeg")
    entry.pubDate(episode.published)
    entry.podcast.itunes_duration(round(episode.duration))
    entry.podcast.itunes_episode_type("full")
    if episode.chapters_url:
        entry.podcast_index.podcast_chapters(episode.chapters_url)
    if episode.transcript_url:
        entry.podcast_index.podcast_transcript(
            Transcript(episode.transcript_url, "text/vtt", language)
        )


def render_feed(fg: FeedGenerator, episodes: list[Episode], language: str) -> bytes:
    """The build date is the newest episode's, so an unchanged feed renders byte for byte."""
    for episode in episodes:
        add_episode(fg, episode, language)
    if episodes:
        fg.lastBuildDate(max(episode.published for episode in episodes))
    return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def bulletin_feed(editions: list[Edition], base_url: str, show: Show) -> bytes:
    base_url = base_url.rstrip("/")
    fg = new_feed(show, show.title, base_url, FEED_NAME, show.guid)
    episodes = [bulletin_episode(edition, base_url, show) for edition in editions]
    return render_feed(fg, episodes, show.language)


def articles_feed(editions: list[Edition], base_url: str, show: Show) -> bytes:
    base_url = base_url.rstrip("/")
    fg = new_feed(show, show.articles_title, base_url, ARTICLES_NAME, articles_guid(show.guid))
    episodes = [
        story_episode(edition, story, base_url, show)
        for edition in editions
        for story in edition.stories
    ]
    return render_feed(fg, episodes, show.language)


FEEDS = {FEED_NAME: bulletin_feed, ARTICLES_NAME: articles_feed}
"""Each feed file by name, from the days, the address it is served at, and the show."""
