"""jieba's dictionary as the front end uses it, finished once and kept on disk between runs.

Made from scratch it costs a process over a second before its first word: jieba reads its
prefix dictionary (its own cache is a marshal file, slower to read than a pickle), learns the
house dictionary's and the gazetteer's words one by one, and `jieba.posseg` parses dict.txt a
second time for the part-of-speech tags. Pickled finished, in parts by first character that are
unpickled when a word starting with it is first looked up (`ByFirstCharacter`), a command that
reads one line is answered before most of the 500,000 entries are read at all.
A file is named by a digest of all it is made from (jieba's version, its dict.txt, the words we
teach it), so a change to any of them makes a new file; one that cannot be read is made again.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import pickle
import sys
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

from xcaudio.files import default_cache_dir, digest, file_identity, write_atomic

log = logging.getLogger(__name__)

FORMAT = 3
"""Of the pickled tables: a new format makes new files."""
TEACHING_ROUNDS = 16
"""At most 2**16 times a word's weight for a cut in cuts.tsv: one needing more is a mistake."""
FOLDER = "dictionaries"
Built = TypeVar("Built")
Value = TypeVar("Value")


class ByFirstCharacter(dict[str, Value]):
    """A word table whose entries are unpickled a first character at a time, on first lookup.

    jieba and the front end only look words up (`in`, `[]`, `get`) or add them (`[]=`); whatever
    would see the table whole (iteration, `len`, equality, copies) reads every part first."""

    def __init__(self, parts: dict[str, bytes]) -> None:
        super().__init__()
        self.parts = parts

    @staticmethod
    def split(table: dict[str, Value]) -> dict[str, bytes]:
        """A table's parts, pickled, for `ByFirstCharacter(parts)`."""
        grouped: dict[str, dict[str, Value]] = {}
        for word, value in table.items():
            grouped.setdefault(word[:1], {})[word] = value
        return {first: pickle.dumps(part, pickle.HIGHEST_PROTOCOL)
                for first, part in grouped.items()}

    def _read(self, word: str) -> None:
        # Entries first, then the part crossed off: another thread never finds it crossed off
        # before its words are there (both steps hold Python's lock throughout).
        part = self.parts.get(word[:1])
        if part is not None:
            self.update(pickle.loads(part))
            self.parts.pop(word[:1], None)

    def whole(self) -> dict[str, Value]:
        for first in list(self.parts):
            self._read(first)
        return dict(dict.items(self))

    def __contains__(self, word: object) -> bool:
        if isinstance(word, str) and word[:1] in self.parts:
            self._read(word)
        return dict.__contains__(self, word)

    def __getitem__(self, word: str) -> Value:
        if word[:1] in self.parts:
            self._read(word)
        return dict.__getitem__(self, word)

    def get(self, word: str, default=None):
        if word[:1] in self.parts:
            self._read(word)
        return dict.get(self, word, default)

    def __setitem__(self, word: str, value: Value) -> None:
        if word[:1] in self.parts:
            self._read(word)
        dict.__setitem__(self, word, value)

    def __iter__(self):
        return iter(self.whole())

    def __len__(self) -> int:
        return len(self.whole())

    def __eq__(self, other: object) -> bool:
        return self.whole() == other

    __hash__ = None  # type: ignore[assignment]

    def copy(self) -> dict[str, Value]:
        return self.whole()

    def keys(self):
        return self.whole().keys()

    def values(self):
        return self.whole().values()

    def items(self):
        return self.whole().items()

    def __reduce__(self):
        return dict, (self.whole(),)


def cached(name: str, key: str, build: Callable[[], Built]) -> Built:
    """The table `build` makes, read from the cache when one with this key is there."""
    path = default_cache_dir() / FOLDER / f"{name}-{key}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, ValueError) as error:
        log.warning("dictionary cache %s unreadable (%s); making it again", path, error)
    value = build()
    try:
        write_atomic(path, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    except OSError as error:
        log.warning("cannot keep the dictionary cache in %s: %s", path.parent, error)
    return value


def import_jieba():
    """jieba, imported as where setuptools is not installed: it then opens its own files
    itself, instead of asking `pkg_resources`, whose import (a scan of every installed
    package, 0.15 s) would come before a command's first line."""
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def jieba_identity() -> str:
    """jieba's version and its dictionary file: what its tables are made from."""
    jieba = import_jieba()
    with jieba.dt.get_dict_file() as dictionary:
        return f"{jieba.__version__}:{file_identity(dictionary.name)}"


def teach_cut(cutter, words: list[str]) -> None:
    """Double the words' weights until jieba cuts their run as listed (一审/判处, not
    一/审判/处): the least weight that does it, so other cuts change as little as can be."""
    for _ in range(TEACHING_ROUNDS):
        if cutter.lcut("".join(words), HMM=False) == words:
            return
        for word in words:
            cutter.add_word(word, freq=2 * max(cutter.FREQ.get(word, 0), 1))
    log.warning("cuts.tsv: jieba still does not cut %s as listed", "".join(words))


def taught_tokenizer(words: Iterable[str], places: Iterable[str],
                     cuts: Iterable[list[str]] = ()):
    """jieba's shared tokenizer (`jieba.dt`, which `jieba.posseg` uses too) that cuts at the
    house dictionary's `words` and the gazetteer's `places`, and cuts each run of `cuts` into
    its listed words."""
    jieba = import_jieba()
    # In their own order: how jieba weighs a new word depends on the words taught before it.
    words = [word for word in words if len(word) > 1]
    places = [place for place in places if len(place) > 1]
    cuts = [list(cut) for cut in cuts]
    key = digest(FORMAT, jieba_identity(), "\n".join(words), "\n".join(places),
                 "\n".join(" ".join(cut) for cut in cuts))

    def build() -> tuple[dict[str, bytes], int]:
        tokenizer = jieba.dt
        tokenizer.check_initialized()
        for word in words:
            tokenizer.add_word(word)
        # Places are taught without raising jieba's total count: thousands of new words would
        # otherwise favour long words everywhere (很薄 as one word).
        total = tokenizer.total
        for place in places:
            if place not in tokenizer.FREQ:
                tokenizer.add_word(place)
        tokenizer.total = total
        for cut in cuts:
            teach_cut(tokenizer, cut)
        return ByFirstCharacter.split(tokenizer.FREQ), tokenizer.total

    tokenizer = jieba.dt
    with tokenizer.lock:
        parts, tokenizer.total = cached("jieba", key, build)
        tokenizer.FREQ = ByFirstCharacter(parts)
        tokenizer.initialized = True
    return tokenizer


def part_of_speech() -> dict[str, str]:
    """jieba's part-of-speech tag of each dictionary word, as `jieba.posseg` reads them."""

    def build() -> dict[str, bytes]:
        import jieba.posseg

        return ByFirstCharacter.split(jieba.posseg.dt.word_tag_tab)

    return ByFirstCharacter(cached("jieba-tags", digest(FORMAT, jieba_identity()), build))


@cache
def pypinyin_tables() -> tuple[dict[int, str], dict[str, list[list[str]]]]:
    """pypinyin's readings of characters (by code point) and of phrases, read from its data
    files without importing pypinyin (which first builds a segmenter we do not use)."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pypinyin is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    characters, phrases = folder / "pinyin_dict.json", folder / "phrases_dict.json"

    def build() -> tuple[dict[int, str], dict[str, bytes]]:
        readings = json.loads(characters.read_text(encoding="utf-8"))
        return ({int(code): listed for code, listed in readings.items()},
                ByFirstCharacter.split(json.loads(phrases.read_text(encoding="utf-8"))))

    key = digest(FORMAT, file_identity(characters), file_identity(phrases))
    by_code, parts = cached("pypinyin", key, build)
    return by_code, ByFirstCharacter(parts)
