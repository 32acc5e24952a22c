"""What the W3C feed validator checks in a podcast feed, checked here on the feed as served.

The validator cannot be reached from here, so its checks that matter for our feeds are
re-done over HTTP: the self reference against the address the feed was fetched from, every
enclosure's length and type against what the server sends, RFC-822 dates with the right
weekday, the RSS 2.0 and RSS-profile rules (image title and link, description before
content:encoded, no relative links in HTML), the itunes namespace (Apple's categories,
explicit true/false, owner email, durations, episode types) and the podcast namespace (a UUID
guid, locked with its owner, chapters and transcripts that are there with their types).
`problems(url)` lists what the validator would flag; an empty list is a clean feed.
"""

from __future__ import annotations

import email.utils
import http.client
import re
import tomllib
import uuid
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
PODCAST = "https://podcastindex.org/namespace/1.0"
PREFIXES = {"atom": ATOM, "itunes": ITUNES, "content": CONTENT, "podcast": PODCAST}
APPLE_AUDIO = (".mp3", ".m4a")
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
                    r"Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
DURATION = re.compile(r"^(\d+|\d{1,2}:\d{2}|\d{1,2}:\d{2}:\d{2})$")
EMAIL = re.compile(r"^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
RELATIVE = re.compile(r"""(?:href|src)\s*=\s*["'](?![a-z]+:)""", re.IGNORECASE)


@dataclass(frozen=True)
class Fetched:
    status: int
    headers: dict[str, str]
    body: bytes


def fetch(url: str, method: str = "GET") -> Fetched:
    """The reply; status 0 (and the reason as the body) when there is no server there."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port or 80, timeout=20)
    try:
        connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        return Fetched(response.status, {key.lower(): value for key, value in
                                         response.getheaders()}, response.read())
    except OSError as error:
        return Fetched(0, {}, str(error).encode())
    finally:
        connection.close()


def apple_categories() -> dict[str, list[str]]:
    path = resources.files("xcaudio") / "publish" / "categories.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def text(element: etree._Element, path: str) -> str | None:
    found = element.find(path, PREFIXES)
    return found.text if found is not None else None


def date_problem(value: str | None, where: str) -> str | None:
    if value is None:
        return None
    if not RFC822.match(value):
        return f"{where}: {value!r} is not an RFC-822 date-time"
    parsed = email.utils.parsedate_to_datetime(value)
    if parsed.strftime("%a") != value[:3]:
        return f"{where}: incorrect day of week in {value!r}"
    return None


def linked(url: str, kinds: tuple[str, ...], where: str) -> list[str]:
    """A file the feed points to: there, and of the type it should be."""
    reply = fetch(url, "HEAD")
    if reply.status != 200:
        return [f"{where}: {url} answers {reply.status or reply.body.decode()}"]
    served = reply.headers.get("content-type", "").split(";")[0].strip()
    return [] if served in kinds else [f"{where}: {url} is served as {served!r}"]


def channel_problems(channel: etree._Element, url: str) -> list[str]:
    found: list[str] = []
    for name in ("title", "link", "description", "language"):
        if not text(channel, name):
            found.append(f"channel: missing {name}")
    selves = [link.get("href") for link in channel.findall("atom:link", PREFIXES)
              if link.get("rel") == "self"]
    if selves != [url]:
        found.append(f"Self reference doesn't match document location: {selves} vs {url}")
    if not re.fullmatch(r"[a-z]{2,3}(-[a-z]{2,4})?", (text(channel, "language") or "").lower()):
        found.append(f"channel: language {text(channel, 'language')!r} is not ISO 639")
    image = channel.find("image")
    if image is not None:
        if text(image, "title") != text(channel, "title"):
            found.append("Image title doesn't match channel title")
        if text(image, "link") != text(channel, "link"):
            found.append("Image link doesn't match channel link")
        found += linked(text(image, "url") or "", ("image/png", "image/jpeg"), "image")
    found += [problem for problem in (date_problem(text(channel, "lastBuildDate"),
                                                   "lastBuildDate"),) if problem]
    return found


def itunes_problems(channel: etree._Element) -> list[str]:
    found: list[str] = []
    categories = apple_categories()
    top = channel.findall("itunes:category", PREFIXES)
    if not top:
        found.append("Missing recommended iTunes channel element: itunes:category")
    for category in top:
        name = category.get("text")
        if name not in categories:
            found.append(f"{name} is not one of the predefined iTunes categories")
            continue
        for sub in category.findall("itunes:category", PREFIXES):
            if sub.get("text") not in categories[name]:
                found.append(f"{sub.get('text')} is not an iTunes subcategory of {name}")
    if text(channel, "itunes:explicit") not in ("true", "false"):
        found.append('itunes:explicit must be "true" or "false"')
    owner = channel.find("itunes:owner", PREFIXES)
    if owner is None:
        found.append("The recommended <itunes:email> element is missing")
    elif not EMAIL.match(text(owner, "itunes:email") or ""):
        found.append("itunes:owner: missing or invalid itunes:email")
    image = channel.find("itunes:image", PREFIXES)
    href = image.get("href", "") if image is not None else ""
    if not re.match(r"^https?://.+\.(png|jpg)$", href):
        found.append(f"itunes:image: {href!r} is not a full URL to a .png or .jpg")
    if text(channel, "itunes:type") not in (None, "episodic", "serial"):
        found.append("itunes:type must be episodic or serial")
    for name, limit in (("itunes:author", 255), ("itunes:subtitle", 255),
                        ("itunes:summary", 4000)):
        if len(text(channel, name) or "") > limit:
            found.append(f"{name} longer than {limit}")
    return found


def podcast_problems(channel: etree._Element) -> list[str]:
    found: list[str] = []
    guid = text(channel, "podcast:guid")
    try:
        uuid.UUID(guid or "")
    except ValueError:
        found.append(f"podcast:guid {guid!r} is not a UUID")
    locked = channel.find("podcast:locked", PREFIXES)
    if locked is not None and (locked.text not in ("yes", "no")
                               or not EMAIL.match(locked.get("owner", ""))):
        found.append("podcast:locked must be yes/no with the owner's email")
    return found


def item_problems(item: etree._Element, index: int, guids: set[str]) -> list[str]:
    where = f"item {index}"
    found: list[str] = []
    if not (text(item, "title") or text(item, "description")):
        found.append(f"{where}: item must contain either title or description")
    guid = item.find("guid")
    if guid is None or not guid.text:
        found.append(f"{where}: item should contain a guid element")
    elif guid.text in guids:
        found.append(f"{where}: two entries with the same guid {guid.text}")
    else:
        guids.add(guid.text)
        if guid.get("isPermaLink") != "false" and not guid.text.startswith("http"):
            found.append(f"{where}: guid must be a full URL, unless isPermaLink is false")
    children = [child.tag for child in item]
    if f"{{{CONTENT}}}encoded" in children and (
            "description" not in children
            or children.index("description") > children.index(f"{{{CONTENT}}}encoded")):
        found.append(f"{where}: Ensure description precedes content:encoded")
    for name in ("description", "content:encoded"):
        if RELATIVE.search(text(item, name) or ""):
            found.append(f"{where}: {name} should not contain relative URL references")
    problem = date_problem(text(item, "pubDate"), f"{where} pubDate")
    if problem:
        found.append(problem)
    if not DURATION.match(text(item, "itunes:duration") or ""):
        found.append(f"{where}: invalid itunes:duration")
    if text(item, "itunes:episodeType") not in (None, "full", "trailer", "bonus"):
        found.append(f"{where}: invalid itunes:episodeType")
    enclosures = item.findall("enclosure")
    if len(enclosures) != 1:
        return [*found, f"{where}: {len(enclosures)} enclosures"]
    return found + enclosure_problems(enclosures[0], where) + extra_files(item, where)


def enclosure_problems(enclosure: etree._Element, where: str) -> list[str]:
    url, length, kind = (enclosure.get(name, "") for name in ("url", "length", "type"))
    if not url.endswith(APPLE_AUDIO):
        return [f"{where}: Format {url.rsplit('.', 1)[-1]} is not supported by iTunes"]
    if not length.isdigit() or int(length) <= 0:
        return [f"{where}: enclosure length {length!r} must be a positive integer"]
    reply = fetch(url, "HEAD")
    if reply.status != 200:
        return [f"{where}: enclosure {url} answers {reply.status or reply.body.decode()}"]
    found = []
    if reply.headers.get("content-length") != length:
        found.append(f"{where}: enclosure length {length} but {url} is "
                     f"{reply.headers.get('content-length')} bytes")
    if reply.headers.get("content-type", "").split(";")[0] != kind:
        found.append(f"{where}: enclosure type {kind} but served as "
                     f"{reply.headers.get('content-type')}")
    if reply.headers.get("accept-ranges") != "bytes":
        found.append(f"{where}: {url} does not accept byte ranges (Apple requires them)")
    return found


def extra_files(item: etree._Element, where: str) -> list[str]:
    found = []
    for chapters in item.findall("podcast:chapters", PREFIXES):
        found += linked(chapters.get("url", ""), (chapters.get("type", ""),), f"{where} chapters")
    for transcript in item.findall("podcast:transcript", PREFIXES):
        found += linked(transcript.get("url", ""), (transcript.get("type", ""),),
                        f"{where} transcript")
    return found


def problems(url: str) -> list[str]:
    """Everything the validator would report as an error or a warning for the feed at `url`,
    except its note that it does not validate the Podcasting 2.0 namespace (checked here)."""
    reply = fetch(url)
    if reply.status != 200:
        return [f"{url} answers {reply.status or reply.body.decode()}"]
    found: list[str] = []
    served = reply.headers.get("content-type", "")
    if not re.match(r"application/(rss\+)?xml;\s*charset=utf-8$", served, re.IGNORECASE):
        found.append(f"feed served as {served!r}")
    if not reply.body.startswith(b"<?xml version='1.0' encoding='UTF-8'?>"):
        found.append("no UTF-8 XML declaration")
    root = etree.fromstring(reply.body)
    for prefix, namespace in root.nsmap.items():
        if prefix in PREFIXES and PREFIXES[prefix] != namespace:
            found.append(f"prefix {prefix} bound to {namespace}")
    if root.tag != "rss" or root.get("version") != "2.0":
        return [*found, "not RSS 2.0"]
    channel = root.find("channel")
    found += channel_problems(channel, url) + itunes_problems(channel) + podcast_problems(channel)
    guids: set[str] = set()
    for index, item in enumerate(channel.findall("item"), start=1):
        found += item_problems(item, index, guids)
    return found
