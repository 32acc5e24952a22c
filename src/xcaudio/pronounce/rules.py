"""Context rules for the function words the polyphone model most often misreads in news.

g2pM learned from encyclopedia sentences, where 为 is mostly the copula wéi; in news it is mostly
the preposition wèi (为群众办实事). A handful of plain rules over the jieba words around a
one-character word settle these cases before the model is asked:
- 为 is wéi in 以…为…, 变…为…, 为…所…, before a number inside a clause (总数为125个), and
  after verbs of becoming (改造为, 分别为); otherwise wèi, also before a number that opens a clause
  (为125个家庭提供岗位);
- 都 is dū in 之都 (capital of) and dōu elsewhere on its own;
- 地 after a word of two or more characters is the adverbial de (认真地);
- 得 after a verb or adjective is the complement de (说得很清楚), after 还/就/都 it is děi;
- 种 before 了/着/过 is the verb zhòng, 只 after a number the measure word zhī;
- after a degree adverb (很长, 太薄) an adjective takes its adjective reading;
- 数 before 了/一 is the verb shǔ (数了数), 还 after 不/未/按时 is paying back (huán), and
  率 after a title leads (副省长率…).
"""

from __future__ import annotations

DEGREE_ADVERBS = frozenset({"很", "较", "太", "最", "更", "挺", "非常", "特别", "十分", "过",
                            "这么", "那么", "多么", "比较", "越来越", "相当", "极", "更加"})
AFTER_DEGREE = {"长": "chang2", "薄": "bao2", "重": "zhong4", "冲": "chong4", "少": "shao3",
                "难": "nan2", "强": "qiang2", "干": "gan1", "累": "lei4", "差": "cha4",
                "空": "kong1", "好": "hao3", "大": "da4"}
DEGREE_AFTER_DE = frozenset({"很", "非常", "十分", "更", "太", "特别", "真", "不", "越来越", "好",
                             "多", "最", "比较", "相当", "有些", "有点", "极", "格外", "如此",
                             "这么", "那么", "更加", "更为", "较"})
BECOMING = frozenset({"分别", "依次", "均", "约", "即", "仍", "皆", "定", "改", "变", "转", "化",
                      "改造", "改建", "转变", "转化", "调整", "确定", "命名", "设", "设定", "视",
                      "称", "选", "评", "列", "升级", "提升", "变更", "更名", "折合", "合计",
                      "总计", "共计", "达", "约合", "认定", "划分", "分", "译", "缩小", "扩大",
                      "降", "降低", "提高", "增至", "分解", "一分", "化作", "当选", "被评", "选举"})
WITH_YI = frozenset({"以", "以此", "以其", "以之"})
TURNING = frozenset({"变", "化", "转"})
"""变 … 为 …: turning … into … (变单边作战为集团作战, 化被动为主动)."""
"""以 … 为 …: taking … as …"""
NUMERALS = frozenset("零〇一二三四五六七八九十百千万亿两几0123456789")
CLAUSE_END = frozenset("，。！？；：,.!?;:")
MUST_BEFORE = frozenset({"还", "就", "都", "也", "总", "可", "必须", "非", "才", "又", "还是",
                         "总是", "就是", "恐怕", "肯定", "一定"})
PRONOUNS = frozenset({"我", "你", "他", "她", "它", "我们", "你们", "他们", "她们", "咱们", "大家",
                      "谁", "自己", "人家", "别人"})
VERB_SHU_AFTER = frozenset({"了", "一", "着", "过", "不", "一数"})
NOT_YET_RETURNED = frozenset({"不", "未", "拒不", "按时", "逾期", "无力", "尚未", "没", "及时",
                              "如期", "到期"})
"""还 after these is paying back (逾期不还 huán), not 'still'."""
LEADERS = frozenset("长记任理席员官帅")
"""Last characters of titles (局长, 书记, 主任...): 率 after them leads (率 shuài)."""
VERB_ZHONG_AFTER = frozenset({"了", "着", "过", "上", "下", "出"})


def reading_in_context(words: list[str], index: int) -> str | None:
    """The reading of the one-character word `words[index]`, when a rule here decides it."""
    word = words[index]
    before = words[index - 1] if index > 0 else ""
    after = words[index + 1] if index + 1 < len(words) else ""
    if before in DEGREE_ADVERBS and word in AFTER_DEGREE:
        return AFTER_DEGREE[word]
    if word == "为":
        return _wei(words, index)
    if word == "都":
        return "du1" if before.endswith("之") else "dou1"
    if word == "地" and len(before) >= 2 and _is_han_word(before):
        return "de5"
    if word == "得":
        return _de(before, after)
    if word == "种" and after in VERB_ZHONG_AFTER:
        return "zhong4"
    if word == "只" and before[-1:] in NUMERALS:
        return "zhi1"
    if word == "数" and (after in VERB_SHU_AFTER or before in ("了", "一")):
        return "shu3"
    if word == "还" and before in NOT_YET_RETURNED:
        return "huan2"
    if word == "率" and (before[-1:] in LEADERS or before in PRONOUNS):
        return "shuai4"
    return None


def _de(before: str, after: str) -> str | None:
    """得 after a verb or adjective is the complement de (忙得热火朝天); after 还/就/也… it
    is děi, must (还得努力); at the start of a clause or after a pronoun the model decides."""
    if before in MUST_BEFORE:
        return "dei3"
    if after in DEGREE_AFTER_DE or (_is_han_word(before) and before not in PRONOUNS):
        return "de5"
    return None


def _wei(words: list[str], index: int) -> str:
    start, end = _clause(words, index)
    before = words[index - 1] if index > start else ""
    after = words[index + 1] if index + 1 < end else ""
    if any(word in WITH_YI for word in words[start:index]) or "所" in words[index + 1: end]:
        return "wei2"
    if any(word in TURNING for word in words[start:index]):
        return "wei2"
    if before in BECOMING or (after[:1] in NUMERALS and index > start):
        return "wei2"
    return "wei4"


def _clause(words: list[str], index: int) -> tuple[int, int]:
    """The span of words around `index` between clause punctuation."""
    start = index
    while start > 0 and words[start - 1] not in CLAUSE_END:
        start -= 1
    end = index + 1
    while end < len(words) and words[end] not in CLAUSE_END:
        end += 1
    return start, end


def _is_han_word(word: str) -> bool:
    return all("\u4e00" <= char <= "\u9fff" for char in word)
