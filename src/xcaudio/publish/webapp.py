"""The listening page as an app for the home screen: its style and script, a service worker
that keeps the page and the audio a listener has played for when the phone is offline, the web
app manifest, and icons made from the cover.

The style, script and service worker are files beside this module (`site/`), copied as they
are. The page asks for them with the site's version in the address (`listen.css?v=…`), a hash
of every file here, so a phone never mixes a new page with an old script, and the service
worker, registered under the same version, replaces its stored copies when anything changes.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from xcaudio.files import write_atomic
from xcaudio.publish.cover import COVER_NAME
from xcaudio.publish.show import Show

log = logging.getLogger(__name__)

SITE = resources.files("xcaudio.publish") / "site"
STATIC_NAMES = ("listen.css", "player.js", "sw.js")
WEBAPP_MANIFEST = "app.webmanifest"
THEME_COLOUR = "#8f1116"
"""The masthead's red: the phone's status bar and the installed app's title bar."""
MASKABLE_SAFE_ZONE = 0.8
"""Launchers cut a maskable icon to a circle or rounded square within the middle 80 %."""


@dataclass(frozen=True)
class Icon:
    name: str
    size: int
    maskable: bool = False
    in_manifest: bool = True


ICONS = (
    Icon("icon-192.png", 192),
    Icon("icon-512.png", 512),
    Icon("icon-maskable-512.png", 512, maskable=True),
    Icon("apple-touch-icon.png", 180, in_manifest=False),  # iOS's home screen reads only this
)

SITE_NAMES = (*STATIC_NAMES, WEBAPP_MANIFEST, *(icon.name for icon in ICONS))
"""Every file `write_site` puts in the output folder."""


def versioned(name: str, version: str) -> str:
    return f"{name}?v={version}"


def webapp_manifest(show: Show) -> bytes:
    """What a phone's "add to home screen" reads: the name under the icon, the icons, the
    colours, and that the page opens as an app of its own, without the browser around it."""
    manifest = {
        "name": show.title,
        "short_name": show.title,
        "description": show.subtitle,
        "lang": "zh-CN",
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": icon.name, "sizes": f"{icon.size}x{icon.size}", "type": "image/png",
             "purpose": "maskable" if icon.maskable else "any"}
            for icon in ICONS if icon.in_manifest
        ],
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def site_files(show: Show) -> dict[str, bytes]:
    """The files the page needs beside it, by name (the icons aside: see `update_icons`)."""
    files = {name: (SITE / name).read_bytes() for name in STATIC_NAMES}
    files[WEBAPP_MANIFEST] = webapp_manifest(show)
    return files


def icon_png(cover: Image.Image, icon: Icon) -> bytes:
    """The cover at the icon's size; a maskable icon has the cover inside the safe zone, on the
    colour of the cover's corner, so no launcher cuts into the title."""
    if icon.maskable:
        inner = round(icon.size * MASKABLE_SAFE_ZONE)
        image = Image.new("RGB", (icon.size, icon.size), cover.getpixel((2, 2)))
        offset = (icon.size - inner) // 2
        image.paste(cover.resize((inner, inner), Image.Resampling.LANCZOS), (offset, offset))
    else:
        image = cover.resize((icon.size, icon.size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def update_icons(out: Path) -> list[Path]:
    """Make the icons from `out`'s cover when it is newer than them; the paths written. A cover
    that is not an image (artwork being put in place by hand) leaves the icons as they were."""
    cover_path = out / COVER_NAME
    paths = [out / icon.name for icon in ICONS]
    if not cover_path.is_file() or all(
            path.is_file() and path.stat().st_mtime >= cover_path.stat().st_mtime
            for path in paths):
        return []
    try:
        with Image.open(cover_path) as image:
            cover = image.convert("RGB")
    except (OSError, UnidentifiedImageError) as error:
        log.warning("icons not updated: %s is not an image (%s)", cover_path, error)
        return []
    for icon, path in zip(ICONS, paths, strict=True):
        write_atomic(path, icon_png(cover, icon))
    return paths


def site_version(files: dict[str, bytes], out: Path) -> str:
    """A hash of every file of the site and of the icons in `out`."""
    digest = hashlib.sha256()
    for name, data in sorted(files.items()):
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    for icon in ICONS:
        path = out / icon.name
        if path.is_file():
            digest.update(icon.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def write_site(out: Path, show: Show) -> tuple[str, list[Path]]:
    """Put the site's files and icons in `out` (each file only when it changed, so that phones
    revalidating it get "not modified"); the site's version and the paths written."""
    written = update_icons(out)
    files = site_files(show)
    for name, data in files.items():
        path = out / name
        if not path.is_file() or path.read_bytes() != data:
            write_atomic(path, data)
            written.append(path)
    return site_version(files, out), written
