"""Decode page files: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030 (and so GBK).

The encoding is detected, never assumed: a byte-order mark wins; otherwise strict UTF-8,
then strict GB18030, a superset of GBK and GB2312. NUL bytes without a BOM mean UTF-16
without one, or a binary file.
"""

from __future__ import annotations

import codecs
import unicodedata

from xcaudio.layout.errors import LayoutError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
FALLBACKS = ("utf-8", "gb18030")
MAX_CONTROL_SHARE = 0.01


def decode(data: bytes, name: str) -> str:
    """The text of a page file, or a LayoutError saying why there is none."""
    if not data.strip():
        raise LayoutError(f"{name}: the file is empty")
    text = _decode(data, name)
    if not text.strip():
        raise LayoutError(f"{name}: the file is empty")
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f"
    )
    if controls > MAX_CONTROL_SHARE * len(text):
        raise LayoutError(f"{name}: this looks like a binary file, not page text")
    return text


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding, name)
    if b"\x00" in data:
        guessed = _utf16_without_bom(data)
        if guessed:
            return _strict(data, guessed, name)
        raise LayoutError(f"{name}: this looks like a binary file, not page text")
    for encoding in FALLBACKS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LayoutError(f"{name}: cannot decode the text (tried UTF-8, UTF-16, GB18030)")


def _utf16_without_bom(data: bytes) -> str | None:
    """In UTF-16 every ASCII character (newlines, digits) carries a NUL byte, always on the
    same side of its pair; binary data scatters NULs on both sides."""
    if len(data) % 2:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    if odd_nuls and not even_nuls:
        return "utf-16-le"
    if even_nuls and not odd_nuls:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise LayoutError(f"{name}: not valid {encoding.upper()} text ({error.reason})") from None
