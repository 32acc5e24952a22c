"""The spoken script: what the bulletin says, sentence by sentence, and where it pauses.

Printed articles become sentences for the ear. Each sentence keeps its printed text (for
transcripts) and its spoken form cut into chunks short enough for the offline voice, whose
quality collapses past about 40 syllables per call. Choices made here:

- Leads such as `本报讯（记者 石冠兵）` are not read at the start, where they would delay the news;
  the reporters are credited in one short sentence at the story's end, as radio does
  (`记者石冠兵报道。`); Xinhua items end with `以上消息来自新华社。`.
- A story continued on another page ends by pointing to it (`详见今天报纸第四版。`).
- The bulletin opens with the paper's name, the date with its weekday, how many stories follow
  and the headlines of the first five (all of them on a day of five or fewer), announces each
  story before it (`下面请听：…`), and closes with a farewell. A story's own MP3
  starts at its headline: the transitions exist only in the bulletin.
- Every sentence is also cut, as printed, into phrases of at most one subtitle line, at
  punctuation where it has any, so that transcripts can be timed in cues short enough to read.
- The bulletin and every story open with the AI-content label (`本节目由人工智能合成语音播报。`),
  a section of its own that the assembler puts first. The opening, closing and label words are
  the show's settings (`xcaudio.settings.Wording`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from dataclasses import dataclass, field
from typing import Literal

from xcaudio.article import Article, Page
from xcaudio.normalize import normalize
from xcaudio.pronounce.readings import tokenizer
from xcaudio.settings import Wording, default_settings

PauseKind = Literal["join", "comma", "sentence", "paragraph", "headline", "story"]

MAX_CHUNK_SYLLABLES = 40
WEEKDAYS = "一二三四五六日"
OPENING_HEADLINES = 5
"""Headlines the opening reads out. It always says how many stories there are; past five,
a listener remembers none of a list of long headlines by the time the news starts, and the
first ones (the front page's leads, in the paper's order) are the ones to wait for."""
CAPTION_LINE = 18
"""Characters in one line of a subtitle: two lines (36 characters) fit a phone's width in large
type and are read in the seven seconds or so that they take to say."""

SENTENCE_END = re.compile(r"(?<=[。！？；…])(?![”’」』）)])|(?<=[。！？；…][”’」』）)])")
CLAUSE_MARKS = "，：,:"
OPENERS = "“‘《〈（(「『【〔"
CLOSERS = "”’》〉）)」』】〕"
NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿点")
"""Spoken numbers: a cut between two of these would split a number (二零 | 三五年)."""
PHRASE_END = re.compile(
    rf"(?<=[，、：；。！？…—])(?![{CLOSERS}，、：；。！？…—])"  # after full-width punctuation
    rf"|(?<=[{CLOSERS}])(?![{CLOSERS}，、：；。！？…—,;:!?])"  # after a closing quote or bracket
    r"|(?<=[,;:!?])(?![\d,;:!?])"  # after ASCII punctuation, not inside 1,000 or 9:30
    r"|(?<=\s)(?=\S)"  # at a space, as in display type
)
SYLLABLE = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
PHRASE_OPENERS = frozenset("与和及或在对把被从向跟同让给由")
"""Conjunctions and prepositions a phrase starts with, the better places to cut between words
(not 为, 以, 于: they end verbs as often, 转化为, 用以, 位于)."""


@dataclass
class Chunk:
    """One call to the engine: spoken text, and the pause after it."""

    spoken: str
    pause: PauseKind


@dataclass
class Phrase:
    """A piece of a sentence as printed, at most a subtitle line long, and how many syllables it
    is spoken in: transcripts time each phrase by where its syllables fall in the audio."""

    printed: str
    syllables: int


@dataclass
class Sentence:
    printed: str
    chunks: list[Chunk]
    phrases: list[Phrase] = field(default_factory=list)
    presented: bool = False
    """Said by the presenter (label, opening, lead-in, headline, closing), not read as news."""


def presented(sentences: list[Sentence]) -> list[Sentence]:
    for sentence in sentences:
        sentence.presented = True
    return sentences


@dataclass
class Section:
    """One chapter of the bulletin: the opening, a story, or the closing."""

    id: str
    title: str
    lead_in: list[Sentence] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    article: Article | None = None


@dataclass
class Script:
    date: dt.date
    sections: list[Section]
    label: Section
    """The spoken AI-content label, said first in the bulletin and in every story's file."""

    @property
    def stories(self) -> list[Section]:
        return [section for section in self.sections if section.article is not None]

    def chunk_texts(self, presented: bool | None = None) -> list[str]:
        """Every distinct spoken chunk, in order of first use: what the engine must say; only
        the presenter's or only the reader's when `presented` says which."""
        seen: dict[str, None] = {}
        for section in [self.label, *self.sections]:
            for sentence in section.lead_in + section.sentences:
                if presented is None or sentence.presented == presented:
                    for chunk in sentence.chunks:
                        seen.setdefault(chunk.spoken, None)
        return list(seen)


def syllable_count(text: str) -> int:
    return len(SYLLABLE.findall(text))


def split_sentences(paragraph: str) -> list[str]:
    """Split at 。！？；… keeping a closing quote or bracket with the sentence it closes."""
    return [part.strip() for part in SENTENCE_END.split(paragraph) if part.strip()]


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of every quoted or bracketed span, nested ones too; one that never closes
    (a quotation running on into the next sentence) runs to the end."""
    open_at: list[int] = []
    spans: list[tuple[int, int]] = []
    for index, char in enumerate(text):
        if char in OPENERS:
            open_at.append(index)
        elif char in CLOSERS and open_at:
            spans.append((open_at.pop(), index + 1))
    return spans + [(start, len(text)) for start in open_at]


def cut_costs(spoken: str, limit: int) -> dict[int, int]:
    """Where `spoken` may be cut, and what each cut costs the listener.

    Cheapest after a comma or colon, then after 、 (inside a list), then where a quotation
    starts or ends, then between words (before a preposition such as 在, 对, 把 sooner than
    elsewhere); each quotation the cut falls inside costs more. Never
    before punctuation or after an opening mark, inside a number, or inside a quotation short
    enough to be said whole (a quoted list, a title in 《》). Inside a word only as a last
    resort, for a run of letters longer than a chunk.
    """
    syllables = [bool(SYLLABLE.match(char)) for char in spoken]
    before = list(itertools.accumulate(syllables, initial=0))
    spans = quotations(spoken)
    fits_whole = [(start, end) for start, end in spans if before[end] - before[start] <= limit]
    tokens = list(tokenizer().cut(spoken))
    starts = itertools.accumulate(len(word) for word in tokens[:-1])
    words = dict(zip(starts, tokens[1:], strict=True))  # where each word after the first starts
    costs: dict[int, int] = {}
    for at in range(1, len(spoken)):
        previous, following = spoken[at - 1], spoken[at]
        if (previous in OPENERS or not (syllables[at] or following in OPENERS)
                or previous in NUMERALS and following in NUMERALS
                or any(start < at < end for start, end in fits_whole)):
            continue
        depth = sum(start < at < end for start, end in spans)
        ending = spoken[:at].rstrip(CLOSERS)[-1:]
        if ending in CLAUSE_MARKS:
            cost = 1
        elif ending == "、":
            cost = 3
        elif previous in CLOSERS or following in OPENERS:
            cost = 5
        elif at in words:
            cost = 8 if words[at] in PHRASE_OPENERS else 10
        else:
            cost = 1000
        costs[at] = cost + 2 * depth
    return costs


def chunk_spoken(spoken: str, limit: int = MAX_CHUNK_SYLLABLES) -> list[tuple[str, bool]]:
    """Cut a spoken sentence into pieces of at most `limit` syllables, as few and as cheap
    cuts as there can be (`cut_costs`), and among those the most even pieces.

    Each piece says whether it ends at punctuation (a real comma pause) or mid-phrase (a join).
    """
    syllables = list(itertools.accumulate((bool(SYLLABLE.match(char)) for char in spoken),
                                          initial=0))
    costs = cut_costs(spoken, limit)
    ends = [0, *sorted(costs), len(spoken)]
    # best[j]: the cheapest way to say spoken[:ends[j]] (total cost, sum of squared piece
    # lengths, where the last piece starts)
    best: list[tuple[float, int, int]] = [(0, 0, -1)]
    for j in range(1, len(ends)):
        options = []
        for i in range(j - 1, -1, -1):
            length = syllables[ends[j]] - syllables[ends[i]]
            if length > limit:
                break
            options.append((best[i][0] + costs.get(ends[j], 0), best[i][1] + length ** 2, i))
        best.append(min(options, default=(math.inf, 0, j - 1)))
    cuts = [len(ends) - 1]
    while cuts[-1] > 0:
        cuts.append(best[cuts[-1]][2])
    pieces = [spoken[ends[i]:ends[j]] for i, j in itertools.pairwise(reversed(cuts))]
    return [(piece, piece.rstrip(CLOSERS)[-1:] in CLAUSE_MARKS + "、。！？；…")
            for piece in pieces if piece]


def cut_line(text: str, limit: int = CAPTION_LINE) -> list[str]:
    """`text` in pieces of at most `limit` characters, cut between words (inside a word only
    when one word is longer than a line)."""
    pieces = [""]
    for word in tokenizer().cut(text):
        while len(word) > limit:
            pieces += [word[:limit]]
            word = word[limit:]
        if len(pieces[-1]) + len(word) > limit:
            pieces.append("")
        pieces[-1] += word
    return [piece for piece in pieces if piece]


def phrases_of(printed: str) -> list[Phrase]:
    """The sentence cut at its punctuation, and longer clauses between words, into pieces of at
    most a subtitle line. A piece with nothing to say (a lone dash) counts as one syllable, so
    that every phrase has some time on screen."""
    texts: list[str] = []
    for clause in filter(None, PHRASE_END.split(printed)):
        texts += [clause] if len(clause) <= CAPTION_LINE else cut_line(clause)
    return [Phrase(text, max(1, syllable_count(normalize(text)))) for text in texts]


def make_sentence(printed: str, pause: PauseKind) -> Sentence | None:
    spoken = normalize(printed)
    pieces = [(text, at_clause) for text, at_clause in chunk_spoken(spoken) if syllable_count(text)]
    if not pieces:
        return None
    chunks = [Chunk(text, "comma" if at_clause else "join") for text, at_clause in pieces]
    chunks[-1].pause = pause
    return Sentence(printed, chunks, phrases_of(printed))


def paragraph_sentences(paragraph: str, last_pause: PauseKind) -> list[Sentence]:
    texts = split_sentences(paragraph)
    if not texts:
        return []
    pauses: list[PauseKind] = ["sentence"] * (len(texts) - 1) + [last_pause]
    made = (make_sentence(text, pause) for text, pause in zip(texts, pauses, strict=True))
    return [sentence for sentence in made if sentence]


def headline_text(article: Article) -> str:
    parts = [part for part in (article.kicker, article.title) if part]
    return "，".join(parts) + "。" if parts else ""


def subtitle_text(article: Article) -> str | None:
    if not article.subtitle:
        return None
    return article.subtitle.lstrip("—－- ") + "。"


def credit_text(article: Article) -> str | None:
    """A short spoken credit from the byline: `本报记者徐民府、孔刚领，通讯员窦青报道。`"""
    if article.kind == "brief" or (article.dateline and "新华社" in article.dateline):
        return "以上消息来自新华社。"
    if article.kind == "photo" or not article.byline:
        return None
    groups: list[str] = []
    for token in article.byline.replace("（", " ").replace("）", " ").split():
        if token.startswith("本报讯"):
            continue
        if re.search(r"(记者|通讯员|实习生|摄影)$", token) or not groups:
            groups.append(token)
        else:
            separator = "" if re.search(r"(记者|通讯员|实习生|摄影)$", groups[-1]) else "、"
            groups[-1] += separator + token
    credit = "，".join(groups)
    return f"{credit}报道。" if credit else None


def continuation_text(article: Article) -> str | None:
    if not article.continued_on:
        return None
    page = article.continued_on
    if re.fullmatch(r"\d+", page):
        page = f"第{page}版"
    return f"详见今天报纸{page}。"


def story_section(article: Article) -> Section:
    sentences: list[Sentence] = []
    for text, pause in ((headline_text(article), "headline"), (subtitle_text(article), "headline")):
        sentence = make_sentence(text, pause) if text else None
        if sentence:
            sentences += presented([sentence])
    for paragraph in article.body:
        sentences += paragraph_sentences(paragraph, "paragraph")
    for text in (continuation_text(article), credit_text(article)):
        if text:
            sentences += paragraph_sentences(text, "paragraph")
    if sentences:
        sentences[-1].chunks[-1].pause = "story"
    return Section(
        id=article.id,
        title=article.title or article.kicker or "",
        sentences=sentences,
        article=article,
    )


def spoken_date(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日，星期{WEEKDAYS[date.weekday()]}"


def opening_section(date: dt.date, titles: list[str], opening: str) -> Section:
    """The show's opening words, then how many stories the bulletin has and their headlines
    (the first `OPENING_HEADLINES` of a longer day)."""
    text = opening.format(date=spoken_date(date))
    if len(titles) > OPENING_HEADLINES:
        text += (f"今天共有{len(titles)}篇新闻，主要有："
                 + "；".join(titles[:OPENING_HEADLINES]) + "。")
    elif titles:
        text += f"今天共有{len(titles)}篇新闻：" + "；".join(titles) + "。"
    return Section(id="opening", title="开场",
                   sentences=presented(paragraph_sentences(text, "story")))


def closing_section(closing: str) -> Section:
    return Section(id="closing", title="结束",
                   sentences=presented(paragraph_sentences(closing, "sentence")))


def label_section(label: str) -> Section:
    return Section(id="ai-label", title="AI",
                   sentences=presented(paragraph_sentences(label, "sentence")))


def lead_in(position: int) -> list[Sentence]:
    words = "首先请听" if position == 0 else "下面请听"
    sentence = make_sentence(words + "：", "comma")
    return presented([sentence]) if sentence else []


def build_script(pages: list[Page], date: dt.date, wording: Wording | None = None) -> Script:
    """The day's script: opening, every article of every page in order, closing (left out
    when its words are empty); and the AI label that comes first."""
    wording = wording or default_settings().wording
    articles = [article for page in pages for article in page.articles]
    stories = [story_section(article) for article in articles]
    stories = [story for story in stories if story.sentences]
    for position, story in enumerate(stories):
        story.lead_in = lead_in(position)
    closing = closing_section(wording.closing)
    return Script(
        date=date,
        sections=[opening_section(date, [story.title for story in stories if story.title],
                                  wording.opening), *stories,
                  *([closing] if closing.sentences else [])],
        label=label_section(wording.ai_label),
    )
