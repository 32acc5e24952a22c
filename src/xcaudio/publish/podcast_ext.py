"""A feedgen extension for the tags feedgen does not write: Podcasting 2.0 and `itunes:explicit`.

feedgen's own podcast extension only knows `yes`/`no`/`clean` for `itunes:explicit`, which the
W3C validator and Apple reject, so the explicit flag is written here as `true`/`false`.
Register it next to feedgen's podcast extension:

    fg.load_extension("podcast")
    fg.register_extension("podcast_index", PodcastIndexExtension, PodcastIndexEntryExtension)
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.util import xml_elem
from lxml import etree

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
# The namespace the Podcasting 2.0 spec fixes for deriving `podcast:guid` from a feed URL.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


def podcast_guid(feed_url: str) -> str:
    """UUIDv5 of the feed URL without its scheme and trailing slashes, as the spec says."""
    address = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, address))


def articles_guid(show_guid: str) -> str:
    """The second feed's own podcast:guid, fixed by the show's: a name-based UUID under it."""
    return str(uuid.uuid5(uuid.UUID(show_guid), "articles.xml"))


@dataclass(frozen=True)
class Transcript:
    url: str
    type: str
    language: str | None = None


def _podcast_elem(name: str, parent: etree._Element, text: str | None = None, **attributes):
    element = xml_elem(f"{{{PODCAST_NS}}}{name}", parent)
    for key, value in attributes.items():
        if value is not None:
            element.attrib[key] = value
    element.text = text
    return element


class PodcastIndexExtension(BaseExtension):
    """Channel tags: `podcast:guid`, `podcast:locked` and `itunes:explicit` true/false."""

    def __init__(self) -> None:
        self._guid: str | None = None
        self._locked: bool | None = None
        self._locked_owner: str | None = None
        self._explicit: bool | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "itunes": ITUNES_NS}

    def extend_rss(self, rss_feed: etree._Element) -> etree._Element:
        channel = rss_feed[0]
        if self._explicit is not None:
            explicit = xml_elem(f"{{{ITUNES_NS}}}explicit", channel)
            explicit.text = "true" if self._explicit else "false"
        if self._locked is not None:
            _podcast_elem(
                "locked", channel, "yes" if self._locked else "no", owner=self._locked_owner
            )
        if self._guid:
            _podcast_elem("guid", channel, self._guid)
        return rss_feed

    def podcast_guid(self, guid: str | None = None) -> str | None:
        if guid is not None:
            self._guid = guid
        return self._guid

    def podcast_locked(self, locked: bool | None = None, owner: str | None = None) -> bool | None:
        """`locked` asks other platforms not to import the feed; `owner` is the email that
        proves who may move it."""
        if locked is not None:
            self._locked = locked
            self._locked_owner = owner
        return self._locked

    def itunes_explicit(self, explicit: bool | None = None) -> bool | None:
        if explicit is not None:
            self._explicit = explicit
        return self._explicit


class PodcastIndexEntryExtension(BaseEntryExtension):
    """Item tags: `podcast:chapters` and `podcast:transcript`."""

    def __init__(self) -> None:
        self._chapters: tuple[str, str] | None = None
        self._transcripts: list[Transcript] = []

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, entry: etree._Element) -> etree._Element:
        if self._chapters:
            url, kind = self._chapters
            _podcast_elem("chapters", entry, url=url, type=kind)
        for transcript in self._transcripts:
            _podcast_elem(
                "transcript",
                entry,
                url=transcript.url,
                type=transcript.type,
                language=transcript.language,
            )
        return entry

    def podcast_chapters(
        self, url: str | None = None, kind: str = "application/json+chapters"
    ) -> tuple[str, str] | None:
        if url is not None:
            self._chapters = (url, kind)
        return self._chapters

    def podcast_transcript(self, transcript: Transcript | None = None) -> list[Transcript]:
        if transcript is not None:
            self._transcripts.append(transcript)
        return list(self._transcripts)
