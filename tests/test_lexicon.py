"""jieba's finished dictionary and tag table kept on disk (pronounce/lexicon.py): read when
they are there, made again when what they are made from changes, the same words either way.

Each check runs in a fresh interpreter: jieba's tokenizer is one per process."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_xcaudio
from xcaudio.pronounce.lexicon import ByFirstCharacter

SENTENCES = ["银行行长说重庆很重要", "许昌市人民政府与省市场监督管理局签署战略合作框架协议",
             "襄城县长葛市的干部为群众办实事"]
CUT = """
import json, sys
from xcaudio.pronounce.readings import tokenizer
from xcaudio.pronounce.rules import word_tag
words = [tokenizer().lcut(text, HMM=False) for text in sys.argv[1:]]
print(json.dumps([[word, word_tag(word)] for cut in words for word in cut], ensure_ascii=False))
"""
TEACH = """
import json, sys
import jieba
from xcaudio.pronounce.lexicon import taught_tokenizer
if sys.argv[1]:
    jieba.set_dictionary(sys.argv[1])
tokenizer = taught_tokenizer(json.loads(sys.argv[2]), [])
print(json.dumps([tokenizer.total, tokenizer.lcut(sys.argv[3], HMM=False)], ensure_ascii=False))
"""


def python(code: str, cache: Path, *args: str) -> object:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                            env={**os.environ, "XCAUDIO_CACHE": str(cache)}, check=True)
    return json.loads(result.stdout)


def kept(cache: Path) -> dict[str, int]:
    """The dictionary cache's files and when each was written."""
    folder = cache / "xcaudio" / "dictionaries"
    return {path.name: path.stat().st_mtime_ns for path in sorted(folder.glob("*.pickle"))}


def test_the_kept_dictionary_cuts_and_tags_as_the_one_made_from_scratch(tmp_path: Path) -> None:
    made = python(CUT, tmp_path, *SENTENCES)
    files = kept(tmp_path)
    assert len(files) == 2, files  # the taught prefix dictionary and the tag table
    assert python(CUT, tmp_path, *SENTENCES) == made
    assert kept(tmp_path) == files, "a second run should read the files, not write them again"
    assert ["长葛市", "ns"] in made and ["为", "p"] in made


def test_the_kept_dictionary_is_what_the_words_are_read_with(tmp_path: Path) -> None:
    """Proof that the file is read: a word taken out of it is no longer cut as one."""
    python(CUT, tmp_path, *SENTENCES)
    (taught,) = (tmp_path / "xcaudio" / "dictionaries").glob("jieba-[0-9a-f]*.pickle")
    parts, total = pickle.loads(taught.read_bytes())
    words = pickle.loads(parts["长"])
    del words["长葛市"]
    parts["长"] = pickle.dumps(words)
    taught.write_bytes(pickle.dumps((parts, total)))
    assert python(CUT, tmp_path, "长葛市") == [["长葛", "ns"], ["市", "n"]]


def test_an_unreadable_file_is_made_again(tmp_path: Path) -> None:
    made = python(CUT, tmp_path, *SENTENCES)
    for name in kept(tmp_path):
        (tmp_path / "xcaudio" / "dictionaries" / name).write_bytes(b"not a pickle")
    assert python(CUT, tmp_path, *SENTENCES) == made
    for name in kept(tmp_path):
        pickle.loads((tmp_path / "xcaudio" / "dictionaries" / name).read_bytes())


def test_a_changed_dictionary_or_word_list_makes_a_new_file(tmp_path: Path) -> None:
    dictionary = tmp_path / "dict.txt"
    dictionary.write_text("许昌 100 ns\n日报 50 n\n", encoding="utf-8")
    cache = tmp_path / "cache"
    total, words = python(TEACH, cache, str(dictionary), "[]", "许昌日报社")
    assert (total, words) == (150, ["许昌", "日报", "社"])
    dictionary.write_text("许昌 100 ns\n日报 50 n\n日报社 20 nt\n", encoding="utf-8")
    total, words = python(TEACH, cache, str(dictionary), "[]", "许昌日报社")
    assert (total, words) == (170, ["许昌", "日报社"])
    total, words = python(TEACH, cache, str(dictionary), '["许昌日报"]', "许昌日报")
    assert words == ["许昌日报"]
    assert len(kept(cache)) == 3


def test_pinyin_reads_the_same_with_and_without_the_kept_files(tmp_path: Path) -> None:
    text = "\n".join(SENTENCES) + "\n"
    first = run_xcaudio("pinyin", cache=tmp_path, stdin=text).stdout
    assert kept(tmp_path)
    assert run_xcaudio("pinyin", cache=tmp_path, stdin=text).stdout == first


def test_a_table_read_in_parts_answers_as_the_whole_table() -> None:
    table = {"许": 3, "许昌": 5, "许昌市": 0, "日报": 7, "a": 1}
    parts = ByFirstCharacter.split(table)
    assert sorted(parts) == ["a", "日", "许"]
    lazy = ByFirstCharacter(dict(parts))
    assert "许昌" in lazy and "许" not in lazy.parts and "日" in lazy.parts
    assert lazy["许昌市"] == 0 and lazy.get("许昌日报") is None and lazy.get("", 9) == 9
    assert "日报" not in dict.keys(lazy), "a part is read only when a word of it is asked for"
    lazy["日报社"] = 2  # added after its part is read, so the part cannot overwrite it
    assert lazy["日报"] == 7 and lazy["日报社"] == 2
    assert len(lazy) == 6 and lazy == {**table, "日报社": 2} and sorted(lazy) == sorted(lazy.copy())
    assert pickle.loads(pickle.dumps(ByFirstCharacter(dict(parts)))) == table

