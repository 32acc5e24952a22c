"""Text normalization: each kind of token, the seed page, speed, and the command line."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest

from xcaudio.normalize import normalize, suite_accuracy, suite_cases
from xcaudio.normalize.cardinal import cardinal, digits

from .conftest import DATA, SEED, run_xcaudio

CASES = suite_cases(DATA / "normalize_cases.tsv")
KINDS = [line.split("\t")[2] for line in (DATA / "normalize_cases.tsv").read_text(
    encoding="utf-8").splitlines() if line and not line.startswith("#")]


@pytest.mark.parametrize(("written", "spoken"), CASES,
                         ids=[f"{kind}-{index}" for index, kind in enumerate(KINDS)])
def test_case(written: str, spoken: str) -> None:
    assert normalize(written) == spoken


def test_case_table_covers_every_kind() -> None:
    expected = {"cardinal", "ordinal", "decimal", "sign", "date", "time", "score", "percent",
                "fraction", "range", "measure", "money", "phone", "code", "model", "abbr",
                "symbol", "text"}
    assert set(KINDS) == expected
    assert len(CASES) >= 200


@pytest.mark.parametrize(("number", "spoken"), [
    ("10", "十"), ("2", "二"), ("20", "二十"), ("200", "二百"), ("2000", "两千"),
    ("20000", "两万"), ("200000000", "两亿"), ("1002", "一千零二"), ("10010", "一万零一十"),
    ("100100", "十万零一百"), ("120000", "十二万"), ("1000000000000", "一万亿"),
    ("007", "七"), ("0", "零"),
])
def test_cardinal(number: str, spoken: str) -> None:
    assert cardinal(number) == spoken


def test_a_bare_two_counts_only_when_asked() -> None:
    assert cardinal("2", count=True) == "两"
    assert cardinal("12", count=True) == "十二"


def test_digits_say_one_as_yao_only_for_phones() -> None:
    assert digits("0110") == "零一一零"
    assert digits("0110", yao=True) == "零幺幺零"


# Every number, date and unit printed on the seed page, as it is printed there (PDF spacing
# included), and how it must be read.
SEED_READINGS = [
    ("4 月 12 日上午", "四月十二日上午"),
    ("区33家单位", "区三十三家单位"),
    ("等5项工作", "等五项工作"),
    ("5000 平方米", "五千平方米"),
    ("为 125 个困难家庭", "为一百二十五个困难家庭"),
    ("筹集资金 70多万元", "筹集资金七十多万元"),
    ("等 6 个老旧小区", "等六个老旧小区"),
    ("等 29 个社", "等二十九个社"),
    ("组织 2000 多名", "组织两千多名"),
    ("4 月 16 日", "四月十六日"),
    ("等 8 个 方 面", "等八个 方 面"),
    ("今年 6 月底前", "今年六月底前"),
    ("将有 434 个老旧小区", "将有四百三十四个老旧小区"),
    ("129 个目前已完成改造", "一百二十九个目前已完成改造"),
    ("还有 276 个", "还有二百七十六个"),
    ("将有 434个老旧小区", "将有四百三十四个老旧小区"),
    ("还有276个老旧小区改造将于6月底前开工", "还有二百七十六个老旧小区改造将于六月底前开工"),
    ("4 月 15 日", "四月十五日"),
    ("N95口罩", "N九五口罩"),
    ("年产 20 万吨环己酮", "年产二十万吨环己酮"),
    ("首山化工 220 万吨/年焦化", "首山化工二百二十万吨每年焦化"),
    ("改造为 220 万吨/年的", "改造为二百二十万吨每年的"),
    ("7.65m 大容积焦炉", "七点六五米大容积焦炉"),
    ("提前 10 天", "提前十天"),
    ("4 月 7 日", "四月七日"),
    ("4 月 20 日", "四月二十日"),
    ("月 26 日", "月二十六日"),
    ("高三已于 4月 7日开学", "高三已于四月七日开学"),
    ("陆续于 20日、26日和", "陆续于二十日、二十六日和"),
    ("新华社北京 4 月 16 日电", "新华社北京四月十六日电"),
    ("据新华社武汉 4 月 16 日电", "据新华社武汉四月十六日电"),
]


@pytest.mark.skipif(not SEED.exists(), reason="seed page absent")
def test_seed_every_number_read() -> None:
    text = SEED.read_text(encoding="utf-8")
    spoken = normalize(text)
    assert not re.search(r"[0-9]", spoken), "a digit was left unread"
    for printed, reading in SEED_READINGS:
        assert printed in text
        assert normalize(printed) == reading
        assert reading in spoken


@pytest.mark.skipif(not SEED.exists(), reason="seed page absent")
def test_seed_lines_without_numbers_unchanged() -> None:
    plain = [line for line in SEED.read_text(encoding="utf-8").splitlines()
             if not re.search(r"[0-9０-９A-Za-z%℃—～~+×≥≤±]", line)]
    assert len(plain) > 50
    assert [normalize(line) for line in plain] == plain


@pytest.mark.skipif(not SEED.exists(), reason="seed page absent")
def test_speed_on_the_seed_page() -> None:
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    characters = sum(map(len, lines))
    began, rounds = time.perf_counter(), 0
    while time.perf_counter() - began < 0.5:
        for line in lines:
            normalize(line)
        rounds += 1
    rate = characters * rounds / (time.perf_counter() - began)
    assert rate >= 20_000, f"{rate:.0f} characters per second"


def test_suite_accuracy_counts_exact_cases(tmp_path: Path) -> None:
    suite = tmp_path / "suite.tsv"
    suite.write_text("# a comment\n2个\t两 个\n3:1\t三比一\n9:30\t九点半\n", encoding="utf-8")
    assert suite_cases(suite) == [("2个", "两 个"), ("3:1", "三比一"), ("9:30", "九点半")]
    assert suite_accuracy(suite) == pytest.approx(2 / 3)


def test_command_line_one_line_out_per_line_in() -> None:
    result = run_xcaudio("normalize", stdin="2020年4月16日\n\n3:1\n")
    assert result.stdout.splitlines() == ["二零二零年四月十六日", "", "三比一"]
    assert run_xcaudio("normalize", "N95口罩").stdout.strip() == "N九五口罩"


def test_any_mix_of_digits_and_symbols_reads_without_error() -> None:
    """Printed text is messy; no arrangement of digits, signs and units may raise."""
    pieces = [*"0123456789" * 3, *"-−/:.,%~～—·年月日号个元万第点分 AGNkmt℃㎡²+×()：、$", "电话"]
    chooser = random.Random(4)
    for _ in range(3000):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(1, 16)))
        assert isinstance(normalize(text), str)
