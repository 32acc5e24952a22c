"""The command line as scripts use it: the contract in DESIGN.md, run as a real process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xcaudio.audio import decode
from xcaudio.voices import preset_names

from .conftest import SEED, run_xcaudio

COMMANDS = ["render", "clean", "normalize", "pinyin", "say", "voices", "serve", "init"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_explains_itself(command: str) -> None:
    result = run_xcaudio(command, "--help")
    assert result.stdout.startswith(f"Usage: xcaudio {command}")
    assert len(result.stdout.splitlines()) > 4


def test_voices_lists_every_preset_and_the_offline_licence() -> None:
    listing = run_xcaudio("voices").stdout
    for name in preset_names():
        assert f"  {name} " in listing
    assert "non-commercial" in listing
    assert "zh-CN-YunyangNeural" in listing


def test_clean_prints_the_json_contract() -> None:
    page = json.loads(run_xcaudio("clean", SEED, "--json").stdout)
    # DESIGN.md's keys, plus the documented extensions (page number, continued_from, note).
    assert set(page) == {"page", "number", "articles", "headlines"}
    keys = {"id", "kind", "kicker", "title", "subtitle", "byline", "people", "dateline", "body",
            "continued_on", "continued_from", "note"}
    assert all(set(article) == keys for article in page["articles"])
    assert {article["kind"] for article in page["articles"]} == {"article", "brief", "photo"}


def test_pinyin_per_char_gives_one_token_per_character_for_each_stdin_line() -> None:
    lines = ["银行行长率团", "5G网络，覆盖率99%"]
    output = run_xcaudio("pinyin", "--per-char", stdin="\n".join(lines) + "\n").stdout
    rows = output.splitlines()
    assert rows[0] == "yin2 hang2 hang2 zhang3 shuai4 tuan2"
    assert [len(row.split(" ")) for row in rows] == [len(line) for line in lines]


def test_pinyin_per_char_says_what_pinyin_says() -> None:
    """--per-char reads the printed line the way the voice does: numbers and symbols included."""
    line = "覆盖率99%，拨打12345热线，W型"
    result = run_xcaudio("pinyin", "--per-char", line)
    tokens = result.stdout.split()
    assert len(tokens) == len(line)
    assert tokens[3:6] == ["bai3_fen1_zhi1_jiu3_shi2_jiu3", "~", "~"]
    said = [syllable for token in tokens if token not in ("~", "，")
            for syllable in token.split("_")]
    assert said == run_xcaudio("pinyin", line).stdout.split()
    assert "not spoken" not in result.stderr


def test_pinyin_explain_names_the_source_that_decided_each_word() -> None:
    rows = run_xcaudio("pinyin", "--explain", "叶县县长单晓峰为群众拨打12345").stdout.splitlines()
    assert rows[0] == "spoken: 叶县县长单晓峰为群众拨打幺二三四五"
    table = {row.split("\t")[0]: row.split("\t")[1:] for row in rows[1:]}
    assert table["叶县"][:2] == ["she4 xian4", "gazetteer"]
    assert table["叶县"][2].endswith("gazetteer.tsv")
    assert table["单"][:2] == ["shan4", "surname"]
    assert table["为"][:2] == ["wei4", "context rule"]
    assert table["县长"][1] == "house dictionary"


def test_say_writes_a_spoken_mp3(tmp_path: Path, speech_cache: Path) -> None:
    target = tmp_path / "hello.mp3"
    result = run_xcaudio("say", "今天是2020年4月17日，星期五。", "-o", target, cache=speech_cache)
    seconds = len(decode(target, 16000)) / 16000
    assert 2.5 < seconds < 8, seconds
    assert "LUFS" in result.stdout


@pytest.mark.parametrize("args", [
    ("say", "你好", "--voice", "nobody"),
    ("say", "你好", "--rate", "fast"),
    ("say", "——", "--voice", "offline"),
])
def test_bad_input_is_one_line_not_a_traceback(args: tuple[str, ...], tmp_path: Path) -> None:
    result = run_xcaudio(*args, "-o", tmp_path / "x.mp3", check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("xcaudio: error: ")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "x.mp3").exists()


@pytest.mark.parametrize("args", [
    ("render",),
    ("render", "page.txt", "--jobs", "0"),
    ("no-such-command",),
])
def test_usage_errors_are_one_line_too(args: tuple[str, ...]) -> None:
    result = run_xcaudio(*args, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith("xcaudio: error: ")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
