"""The show's settings: one commented TOML file, `show.toml` in the output folder.

`xcaudio init` writes it from the template beside this module (`show.toml`, whose values are
the defaults for 许昌日报), filling in what was given and a `podcast:guid` made once, so the
show keeps its identity whatever address it later moves to. Every command reads the file from
the output folder, or the one given with --config; a key the template does not have, or a bad
value, is a `SettingsError` whose one line names the key.
"""

from __future__ import annotations

import json
import re
import string
import tomllib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PIL import Image, UnidentifiedImageError

from xcaudio.files import write_atomic
from xcaudio.publish.feed import FEED_NAME
from xcaudio.publish.podcast_ext import PODCAST_GUID_NAMESPACE, podcast_guid
from xcaudio.publish.show import Show
from xcaudio.voices import VoiceError, resolve_voice

SETTINGS_NAME = "show.toml"
MIN_COVER, MAX_COVER = 1400, 3000
MIN_CACHE_MB = 10
EMAIL = re.compile(r"^[^@\s\"<>]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z]{2,4})?$")
SPEAKABLE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
PLACEHOLDERS = {"opening": {"date"}, "closing": set()}


class SettingsError(ValueError):
    """The settings file is missing, unreadable, or has an unknown key or a bad value."""


@dataclass(frozen=True)
class Wording:
    """What the bulletin says that is not news: opening, closing, and the AI label."""

    opening: str
    closing: str
    ai_label: str


@dataclass(frozen=True)
class Settings:
    show: Show
    wording: Wording
    voice: str
    commercial: bool
    cache_limit_mb: int
    path: Path | None
    """The file these came from; None while the show has none yet (defaults only)."""


def template() -> str:
    return (resources.files("xcaudio") / SETTINGS_NAME).read_text(encoding="utf-8")


def categories() -> dict[str, list[str]]:
    path = resources.files("xcaudio") / "publish" / "categories.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def toml_value(value: str | bool | int) -> str:
    """A TOML literal: JSON's string escapes are all valid in TOML basic strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def with_values(text: str, values: dict[str, str | bool | int]) -> str:
    """The template with `key = …` lines set to `values`, every comment kept."""
    for key, value in values.items():
        text, count = re.subn(rf"^{re.escape(key)} = .*$", f"{key} = {toml_value(value)}",
                              text, count=1, flags=re.MULTILINE)
        if count != 1:
            raise SettingsError(f"{key}: not a setting")
    return text


def http_url(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{value!r} is not an http:// or https:// address"
    if parts.query or parts.fragment:
        return f"{value!r} has a query or fragment; give the folder's address only"
    return None


def optional(check: Callable[[str], str | None]) -> Callable[[str], str | None]:
    return lambda value: check(value) if value else None


def required(limit: int) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if not value.strip():
            return "cannot be empty"
        return f"longer than {limit} characters" if len(value) > limit else None

    return check


def email(value: str) -> str | None:
    return None if EMAIL.match(value) else f"{value!r} is not an email address"


def language(value: str) -> str | None:
    return None if LANGUAGE.match(value) else f"{value!r} is not a language code like zh-cn"


def category(value: str) -> str | None:
    known = categories()
    return None if value in known else (
        f"{value!r} is not an Apple Podcasts category ({', '.join(known)})")


def guid(value: str) -> str | None:
    if not value:
        return "empty: it is the show's permanent ID (podcast:guid); put back the one it had"
    try:
        uuid.UUID(value)
    except ValueError:
        return f"{value!r} is not a UUID"
    return None


def wording(key: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        unknown = names - PLACEHOLDERS[key]
        if unknown:
            allowed = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS[key]) or "none"
            return f"unknown placeholder {{{unknown.pop()}}} (allowed: {allowed})"
        return None

    return check


def ai_label(value: str) -> str | None:
    if not SPEAKABLE.search(value):
        return ("cannot be empty: synthetic speech must be labelled as AI-generated "
                "(China's labelling rules, in force since 1 September 2025)")
    return None


def voice(value: str) -> str | None:
    try:
        resolve_voice(value)
    except VoiceError as error:
        return str(error)
    return None


def at_least(low: int, high: int) -> Callable[[int], str | None]:
    return lambda value: None if low <= value <= high else f"must be from {low} to {high}"


CHECKS: dict[str, Callable[[Any], str | None]] = {
    "title": required(255),
    "articles_title": required(255),
    "subtitle": required(255),
    "description": required(4000),
    "author": required(255),
    "owner_name": required(255),
    "owner_email": optional(email),
    "base_url": optional(http_url),
    "website": optional(http_url),
    "language": language,
    "category": category,
    "days_kept": at_least(1, 3650),
    "guid": guid,
    "opening": wording("opening"),
    "closing": wording("closing"),
    "ai_label": ai_label,
    "voice": voice,
    "cache_limit_mb": at_least(MIN_CACHE_MB, 10_000_000),
}
KINDS = {str: "text in double quotes", bool: "true or false", int: "a whole number"}


def read_toml(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{where}: not valid TOML: {error}") from None


def merged(defaults: dict[str, dict[str, Any]], given: dict[str, Any],
           where: str) -> dict[str, Any]:
    """Every key of the template, with the given value where there is one; flat by key."""
    values: dict[str, Any] = {}
    for section, table in given.items():
        if section not in defaults or not isinstance(table, dict):
            raise SettingsError(f"{where}: unknown section [{section}] "
                                f"(known: {', '.join(f'[{name}]' for name in defaults)})")
        for key, value in table.items():
            if key not in defaults[section]:
                raise SettingsError(f"{where}: unknown key {key!r} in [{section}] "
                                    f"(known: {', '.join(defaults[section])})")
            kind = type(defaults[section][key])
            if type(value) is not kind:
                raise SettingsError(f"{where}: {key}: {value!r} is not {KINDS[kind]}")
    for section, table in defaults.items():
        for key, default in table.items():
            values[key] = given.get(section, {}).get(key, default)
    return values


def checked_cover(value: str, folder: Path, where: str) -> Path | None:
    if not value:
        return None
    path = (folder / value).resolve()
    try:
        with Image.open(path) as image:
            width, height = image.size
    except FileNotFoundError:
        raise SettingsError(f"{where}: cover: {path} does not exist") from None
    except (OSError, UnidentifiedImageError):
        raise SettingsError(f"{where}: cover: {path} is not an image") from None
    if width != height:
        raise SettingsError(f"{where}: cover: {width}×{height} px is not square; podcast "
                            f"directories show a square ({MIN_COVER}–{MAX_COVER} px)")
    return path


def settings_from(values: dict[str, Any], folder: Path, where: str,
                  path: Path | None) -> Settings:
    for key, check in CHECKS.items():
        problem = check(values[key])
        if problem:
            raise SettingsError(f"{where}: {key}: {problem}")
    subcategories = categories()[values["category"]]
    if values["subcategory"] and values["subcategory"] not in subcategories:
        raise SettingsError(f"{where}: subcategory: {values['subcategory']!r} is not under "
                            f"{values['category']} ({', '.join(subcategories) or 'none'})")
    if values["base_url"] and not values["owner_email"]:
        raise SettingsError(f"{where}: owner_email: empty, and base_url publishes the feed; "
                            f"give the address Apple Podcasts should send the claim code to")
    fields = {name: values[name] for name in Show.__dataclass_fields__ if name != "cover"}
    show = Show(**fields, cover=checked_cover(values["cover"], folder, where))
    return Settings(
        show=show,
        wording=Wording(values["opening"], values["closing"], values["ai_label"]),
        voice=values["voice"],
        commercial=values["commercial"],
        cache_limit_mb=values["cache_limit_mb"],
        path=path,
    )


def parse(text: str, folder: Path, where: str, path: Path | None) -> Settings:
    defaults = read_toml(template(), "the settings template")
    return settings_from(merged(defaults, read_toml(text, where), where), folder, where, path)


def default_settings() -> Settings:
    """The template's values: 许昌日报's show, not yet created (no guid, no file)."""
    text = with_values(template(), {"guid": str(uuid.UUID(int=0))})
    return parse(text, Path.cwd(), "the settings template", None)


def read_settings(path: Path) -> Settings:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SettingsError(f"{path}: no such settings file (make one with "
                            f"`xcaudio init {path.parent}`)") from None
    except UnicodeDecodeError:
        raise SettingsError(f"{path}: not UTF-8 text") from None
    return parse(text, path.parent, str(path), path)


def load_settings(out: Path, config: Path | None = None) -> Settings:
    """The settings for the output folder `out`: --config, else `out/show.toml`, else the
    defaults (a show that `create_settings` will write on its first render)."""
    if config is not None:
        return read_settings(config)
    path = out / SETTINGS_NAME
    return read_settings(path) if path.exists() else default_settings()


def new_guid(base_url: str) -> str:
    """As the Podcasting 2.0 spec derives it from the feed's address when the show has one;
    else from a random name (still a version 5 UUID, as the spec's validators expect)."""
    if base_url:
        return podcast_guid(f"{base_url.rstrip('/')}/{FEED_NAME}")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, uuid.uuid4().hex))


def create_settings(folder: Path, values: dict[str, str | bool | int] | None = None) -> Settings:
    """Write `folder/show.toml` from the template with `values` and a new guid; an existing
    file is never replaced (its guid is the show's identity)."""
    values = {key: value for key, value in (values or {}).items() if value is not None}
    path = folder / SETTINGS_NAME
    if path.exists():
        raise SettingsError(f"{path} already exists; edit it instead")
    text = with_values(template(), {**values, "guid": new_guid(str(values.get("base_url", "")))})
    settings = parse(text, folder, str(path), path)
    write_atomic(path, text)
    return settings
