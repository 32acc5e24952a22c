"""Context rules for the high-frequency polyphones the model most often misreads in news.

g2pM learned from encyclopedia sentences, where 为 is mostly the copula wéi; in news it is as
often the preposition wèi (为群众办实事). Plain rules over the jieba words around a word, and
the part of speech jieba's dictionary gives them, settle these cases before the model is asked.
The words each rule looks for are data (data/context_words.tsv, one group per rule):
- 为 is wéi after a word of becoming or naming (改造为, 被任命为, 作者为), in 以…为…, 变…为…,
  为…所…, and wherever no verb follows its object in the clause (这一数字为历年最高, 总数为
  125个); it is wèi, 'for', where a verb does (为三千名职工发放补贴, 为企业带来新机遇), where
  it opens a clause, and after a modal verb or an adverb (要为群众办实事, 积极为企业…);
- 得 between a one-character verb and a complement is the potential de (行得通, 办得到); after
  a verb or adjective the complement de (说得很清楚); after 还/就/都, or between a pronoun and
  a verb, děi (还得努力, 你得赶快);
- 长 is cháng before a length (长约八十公里) and where it ends a clause after a noun (链条长);
- 行 is háng after 这/那/每/几 or a number before a noun (十万行代码, 这一行, 几行字);
- 地方 before a noun is 'local', dìfāng (地方政府), unless a determiner makes it a place;
- 都 is dū in 之都, dōu elsewhere; 地 after a word of two or more characters is de (认真地);
- 系 alone before what is tied or how (系好, 系上, 系鞋带, 系着围裙) is jì, 'tie';
- 种 before 了/着/过 is zhòng, 只 after a number zhī, 数 before 了/一 shǔ, 还 after 不/未/按时
  huán, 率 after a title leads (副省长率…), and after a degree adverb (很长, 太薄) an adjective
  takes its adjective reading.
"""

from __future__ import annotations

from functools import cache

from xcaudio.pronounce.lexicon import part_of_speech
from xcaudio.pronounce.tables import rows

NUMERALS = frozenset("零〇一二三四五六七八九十百千万亿两几0123456789")
CLAUSE_END = frozenset("，。！？；：,.!?;:")
QUOTES = {"“": "”", "「": "」", "《": "》", "\"": "\""}
LEADERS = frozenset("长记任理席员官帅")
"""Last characters of titles (局长, 书记, 主任...): 率 after them leads (率 shuài)."""
VERB_TAGS = ("v",)
"""jieba's tags for verbs (v, vn, vd, vi…)."""
NOUN_TAGS = ("n", "vn")
Fixed = dict[int, str]
"""Readings a rule decides, by offset in the word."""


@cache
def _groups() -> dict[str, dict[str, str]]:
    """The context words of data/context_words.tsv, by group: word -> reading (or "")."""
    groups: dict[str, dict[str, str]] = {}
    for group, word, *reading in rows("context_words.tsv"):
        groups.setdefault(group, {})[word] = reading[0] if reading else ""
    return groups


def group(name: str) -> dict[str, str]:
    return _groups()[name]


@cache
def _tags() -> dict[str, str]:
    return part_of_speech()


def word_tag(word: str) -> str:
    """jieba's part-of-speech tag for a dictionary word (`v`, `n`, `nr`…), "" if none."""
    return _tags().get(word, "")


def reading_in_context(words: list[str], index: int) -> Fixed:
    """Readings a rule gives characters of the word `words[index]`, by offset; {} if none."""
    word = words[index]
    before = words[index - 1] if index > 0 else ""
    after = words[index + 1] if index + 1 < len(words) else ""
    if len(word) > 1:
        return _in_longer_word(word, before, after)
    if before in group("degree") and word in group("after_degree"):
        return {0: group("after_degree")[word]}
    reading = _single(words, index, word, before, after)
    return {0: reading} if reading else {}


def _single(words: list[str], index: int, word: str, before: str, after: str) -> str | None:
    """The reading of a one-character word, when a rule decides it."""
    if word == "为":
        return _wei(words, index)
    if word == "都":
        return "du1" if before.endswith("之") else "dou1"
    if word == "地" and len(before) >= 2 and _is_han_word(before):
        return "de5"
    if word == "得":
        return _de(before, after)
    if word == "长":
        return _chang(before, after)
    if word == "行" and _counts_lines(before, after):
        return "hang2"
    if word == "种" and after in group("zhong_verb"):
        return "zhong4"
    if word == "系" and after in group("ji_tie"):
        return "ji4"
    if word == "只" and before[-1:] in NUMERALS:
        return "zhi1"
    if word == "数" and (after in group("shu_verb") or before in ("了", "一")):
        return "shu3"
    if word == "还" and before in group("huan_repay"):
        return "huan2"
    if word == "率" and (before[-1:] in LEADERS or before in group("pronoun")):
        return "shuai4"
    return None


def _in_longer_word(word: str, before: str, after: str) -> Fixed:
    """Rules for polyphones inside words jieba keeps whole: 行得通, 得到 after a verb, 一行
    after 这, 地方 before a noun."""
    complements = group("complement")
    if len(word) == 3 and word[1] == "得" and word[2] in complements and not _known(word[:2]):
        return {1: "de5"}  # 行得通, 顶得住: a verb, the potential de, a complement
    if word[0] == "得" and len(word) == 2 and word[1] in complements and _plain_verb(before):
        return {0: "de5", 1: complements[word[1]]}  # 办/得到, 退/得出
    if word == "一行" and before in group("hang_before"):
        return {1: "hang2"}  # 这一行: a trade
    if len(word) <= 3 and word[1] == "行" and word[0] in group("hang_before"):
        return {1: "hang2"}  # 几行字, 每行: lines
    if word == "地方" and before not in group("place_determiner") and _is_noun(after):
        return {0: "di4", 1: "fang1"}  # 地方政府: local
    return {}


def _de(before: str, after: str) -> str | None:
    """得 after a verb or adjective is the complement de (忙得热火朝天); after 还/就/也… it
    is děi, must (还得努力), and so between a pronoun and a verb (你得赶快); otherwise, at
    the start of a clause or after a pronoun, the model decides."""
    if before in group("de_must"):
        return "dei3"
    if before in group("pronoun") and word_tag(after).startswith(("v", "d")) and (
            after not in group("complement")):
        return "dei3"
    if after in group("degree_after_de") or (_is_han_word(before)
                                             and before not in group("pronoun")):
        return "de5"
    return None


def _chang(before: str, after: str) -> str | None:
    """长 before a length is cháng (长约八十公里, 长一百二十米), and so where punctuation ends
    the clause right after a common noun (链条长，…); elsewhere the dictionaries and the model
    decide (银行长 is a bank's head)."""
    if after in group("chang_after") or after[:1] in NUMERALS:
        return "chang2"
    if after[:1] in CLAUSE_END and word_tag(before) == "n":
        return "chang2"
    return None


def _counts_lines(before: str, after: str) -> bool:
    """行 as the measure word for lines, or a trade: 十万行代码, 这行字, 几行字."""
    counted = before in group("hang_before") or before[-1:] in NUMERALS
    return counted and bool(after) and after[0] not in CLAUSE_END and _is_han_word(after) and (
        not word_tag(after).startswith(VERB_TAGS))


def _wei(words: list[str], index: int) -> str:
    """为: wéi, 'be, as, into', or wèi, 'for'; see the module docstring."""
    start, end = _clause(words, index)
    before = words[index - 1] if index > start else ""
    earlier, later = words[start:index], words[index + 1:end]
    if any(word in group("wei_with") or word in group("wei_turning") for word in earlier):
        return "wei2"
    if "所" in later or before in group("wei_becoming"):
        return "wei2"
    if any(word in group("wei_naming") for word in earlier[-3:]):
        return "wei2"
    if index == start or before in group("modal") or word_tag(before).startswith("d"):
        return "wei4"  # 为确保…, 要为群众办实事, 积极为企业…: a preposition after a modal
    if _verb_in(later):
        return "wei4"
    return "wei2"


def _verb_in(words: list[str]) -> bool:
    """Whether a verb comes in `words`, quoted titles and slogans not counted (主题为“共建”)."""
    closing = ""
    for word in words:
        if closing:
            closing = "" if word == closing else closing
        elif word in QUOTES:
            closing = QUOTES[word]
        elif word_tag(word).startswith(VERB_TAGS):
            return True
    return False


def _clause(words: list[str], index: int) -> tuple[int, int]:
    """The span of words around `index` between clause punctuation."""
    start = index
    while start > 0 and words[start - 1] not in CLAUSE_END:
        start -= 1
    end = index + 1
    while end < len(words) and words[end] not in CLAUSE_END:
        end += 1
    return start, end


def _plain_verb(word: str) -> bool:
    """A one-character verb that is not a modal (办, 退; not 能, 想)."""
    return len(word) == 1 and word_tag(word).startswith(VERB_TAGS) and word not in group("modal")


def _is_noun(word: str) -> bool:
    return word_tag(word).startswith(NOUN_TAGS) and not word_tag(word).startswith("nr")


def _known(word: str) -> bool:
    return bool(word_tag(word))


def _is_han_word(word: str) -> bool:
    return bool(word) and all("\u4e00" <= char <= "\u9fff" for char in word)
