"""The show's settings file: `xcaudio init` writes it, every command reads it, bad values are
one line naming the key."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from PIL import Image

from xcaudio.publish import Show
from xcaudio.publish.cover import update_cover
from xcaudio.publish.podcast_ext import podcast_guid
from xcaudio.settings import (
    SETTINGS_NAME,
    SettingsError,
    Wording,
    create_settings,
    load_settings,
    read_settings,
    template,
    with_values,
)

from .conftest import DATA, run_xcaudio
from .test_faults import one_line_error

BASE = "https://audio.xcdaily.example/xc/"


def test_init_writes_a_commented_file_that_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "feed"
    result = run_xcaudio("init", out, "--title", "许昌日报·有声", "--base-url", BASE,
                         "--owner-name", "许昌日报社新媒体部", "--owner-email", "audio@xcrb.cn")
    path = out / SETTINGS_NAME
    assert str(path) in result.stdout
    text = path.read_text(encoding="utf-8")
    assert text.count("\n# ") > 20, "the file explains each setting"
    show = read_settings(path).show
    assert (show.title, show.base_url, show.owner_name, show.owner_email) == (
        "许昌日报·有声", BASE, "许昌日报社新媒体部", "audio@xcrb.cn")
    # fixed once, from the public address as Podcasting 2.0 derives it, and kept in the file
    assert show.guid == podcast_guid(BASE + "feed.xml")
    assert f'guid = "{show.guid}"' in text
    assert show.author == "许昌日报社" and show.category == "News", "许昌日报's defaults"
    again = run_xcaudio("init", out, "--title", "another", check=False)
    assert "already exists" in one_line_error(again)
    assert path.read_text(encoding="utf-8") == text


def test_a_show_without_an_address_gets_its_own_lasting_guid(tmp_path: Path) -> None:
    first = create_settings(tmp_path / "a").show.guid
    second = create_settings(tmp_path / "b").show.guid
    assert first != second
    moved = with_values((tmp_path / "a" / SETTINGS_NAME).read_text(encoding="utf-8"),
                        {"base_url": BASE, "owner_email": "audio@xcrb.cn"})
    (tmp_path / "a" / SETTINGS_NAME).write_text(moved, encoding="utf-8")
    assert load_settings(tmp_path / "a").show.guid == first, "a new address keeps the guid"


def test_every_template_key_is_read_and_the_defaults_are_许昌日报s(tmp_path: Path) -> None:
    settings = create_settings(tmp_path)
    keys = {key for table in tomllib.loads(template()).values() for key in table}
    read = {*Show.__dataclass_fields__, *Wording.__dataclass_fields__, "voice", "commercial",
            "cache_limit_mb"}
    assert keys == read, "every setting in the file is used, and every one used is in it"
    assert settings.show.title == "许昌日报有声版" and settings.voice == "offline"
    assert settings.wording.ai_label == "本节目由人工智能合成语音播报。"
    assert "{date}" in settings.wording.opening
    assert settings.show.days_kept == 30 and not settings.commercial
    assert not settings.show.is_public, "no address given: a preview"


def square(path: Path, size: int, mode: str = "RGB") -> Path:
    Image.new(mode, (size, size), 128).save(path)
    return path


BAD_VALUES = {
    "unknown key": ('title = "许昌日报有声版"', 'titel = "x"', "unknown key 'titel' in [show]"),
    "unknown section": ("[render]", "[rendering]", "unknown section [rendering]"),
    "not TOML": ('title = "许昌日报有声版"', "title = 许昌", "not valid TOML"),
    "empty title": ('title = "许昌日报有声版"', 'title = ""', "title: cannot be empty"),
    "number for text": ('title = "许昌日报有声版"', "title = 5", "title: 5 is not text"),
    "long subtitle": ('subtitle = "每天的《许昌日报》，读给您听"', f'subtitle = "{"长" * 256}"',
                      "subtitle: longer than 255"),
    "word for a flag": ("explicit = false", 'explicit = "no"', "explicit: 'no' is not true or"),
    "no days": ("days_kept = 30", "days_kept = 0", "days_kept: must be from 1"),
    "flag for a number": ("days_kept = 30", "days_kept = true", "days_kept: True is not a whole"),
    "bad email": ('owner_email = ""', 'owner_email = "audio at xcrb"',
                  "owner_email: 'audio at xcrb' is not an email"),
    "ftp address": ('base_url = ""', 'base_url = "ftp://x.cn/"', "base_url: 'ftp://x.cn/' is"),
    "address with a query": ('base_url = ""', 'base_url = "https://x.cn/?a=1"',
                             "base_url: 'https://x.cn/?a=1' has a query"),
    "public without owner": ('base_url = ""', f'base_url = "{BASE}"', "owner_email: empty, and"),
    "bare website": ('website = ""', 'website = "www.xcrb.cn"', "website: 'www.xcrb.cn' is not"),
    "language name": ('language = "zh-cn"', 'language = "chinese"', "language: 'chinese' is not"),
    "unknown category": ('category = "News"', 'category = "Newz"', "category: 'Newz' is not"),
    "subcategory elsewhere": ('subcategory = "Daily News"', 'subcategory = "Fitness"',
                              "subcategory: 'Fitness' is not under News"),
    "missing cover": ('cover = ""', 'cover = "art.png"', "cover: "),
    "oblong cover": ('cover = ""', 'cover = "oblong.png"', "cover: 1600×900 px is not square"),
    "text as cover": ('cover = ""', 'cover = "notes.png"', "is not an image"),
    "no guid": ('guid = "', 'guid = "" # ', "guid: empty: it is the show's permanent ID"),
    "bad guid": ('guid = "', 'guid = "abc" # "', "guid: 'abc' is not a UUID"),
    "unknown placeholder": ('opening = "', 'opening = "{weekday}" # "',
                            "opening: unknown placeholder {weekday}"),
    "empty AI label": ('ai_label = "本节目由人工智能合成语音播报。"', 'ai_label = "。"',
                       "ai_label: cannot be empty"),
    "unknown voice": ('voice = "offline"', 'voice = "nobody"', "voice: unknown voice 'nobody'"),
    "tiny cache": ("cache_limit_mb = 1000", "cache_limit_mb = 1", "cache_limit_mb: must be"),
}


@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_every_bad_value_is_one_line_naming_the_key(case: str, tmp_path: Path) -> None:
    create_settings(tmp_path)
    path = tmp_path / SETTINGS_NAME
    Image.new("RGB", (1600, 900)).save(tmp_path / "oblong.png")
    (tmp_path / "notes.png").write_text("not an image", encoding="utf-8")
    old, new, message = BAD_VALUES[case]
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SettingsError) as error:
        read_settings(path)
    assert str(error.value).startswith(f"{path}: "), error.value
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_a_bad_setting_stops_render_and_serve_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "feed"
    create_settings(out)
    path = out / SETTINGS_NAME
    path.write_text(path.read_text(encoding="utf-8").replace("days_kept = 30", "days_kept = -1"),
                    encoding="utf-8")
    for command in (["render", DATA / "two_briefs.txt", "--out", out],
                    ["serve", "--out", out, "--port", "0"]):
        assert "days_kept: must be from 1" in one_line_error(run_xcaudio(*command, check=False))
    missing = run_xcaudio("serve", "--out", out, "--config", tmp_path / "none.toml", check=False)
    assert "no such settings file" in one_line_error(missing)
    assert sorted(path.name for path in out.iterdir()) == [SETTINGS_NAME]


@pytest.mark.parametrize(("size", "mode", "expected"), [
    (600, "P", 1400), (2000, "CMYK", 2000), (4000, "RGBA", 3000)])
def test_any_square_cover_becomes_an_rgb_png_apple_takes(tmp_path: Path, size: int, mode: str,
                                                         expected: int) -> None:
    source = tmp_path / ("art.jpg" if mode == "CMYK" else "art.png")
    square(source, size, mode)
    out = tmp_path / "feed"
    out.mkdir()
    assert update_cover(out, source) == out / "cover.png"
    with Image.open(out / "cover.png") as cover:
        assert (cover.format, cover.mode, cover.size) == ("PNG", "RGB", (expected, expected))
    assert update_cover(out, source) is None, "converted again only when the art changes"


def test_settings_name_the_file_they_came_from(tmp_path: Path) -> None:
    settings = create_settings(tmp_path)
    assert settings.path == tmp_path / SETTINGS_NAME
    assert re.search(r"^\[bulletin\]$", template(), re.MULTILINE)
