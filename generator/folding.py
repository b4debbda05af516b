"""The one folding of search: what the index stores and what a query is turned into.

"Hòa", "Hoà", "HOA" and "hoa" are one word; so are "Đoàn" and "doan", "Ch'ơm", "chơm" and
"chom". Text is put in NFC, lower-cased, then every character of FOLD is replaced: Latin
letters lose their marks (đ -> d), combining marks and apostrophes are dropped. Words are
the runs of letters and digits left.

The table is written into the search index (search_index.META), and the browser's script
folds queries with it: the index and the queries are folded by the same table, made here.
"""

from __future__ import annotations

import re
import unicodedata

# Latin-1 Supplement, Latin Extended-A and -B, combining marks, Latin Extended Additional
# (the precomposed Vietnamese letters): every character Vietnamese text can carry a mark on.
_RANGES = ((0x00C0, 0x0250), (0x0300, 0x0370), (0x1E00, 0x1F00))
# Apostrophes and the like inside a name (xã Ch'ơm, Ch'ơm spelt with ’ or ʼ): dropped, the
# name read as one word.
APOSTROPHES = "'\u2018\u2019\u02bc\u0060\u00b4\u02b9\u2032"
# The kinds of unit a place's name may start with, folded: a name is also found without them
# ("tra my" is the whole name of "xã Trà My").
UNIT_KINDS = (("xa",), ("phuong",), ("thi", "tran"), ("huyen",), ("thi", "xa"), ("thanh", "pho"), ("tinh",), ("dac", "khu"))
MAX_WORD = 40  # longer runs are not words a reader types: not indexed


def _folded(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char.replace("đ", "d"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for start, end in _RANGES:
        for code in range(start, end):
            char = chr(code)
            if char != char.lower() or len(char.lower()) != 1:
                continue  # folded after lower-casing: only lower-case letters need an entry
            folded = _folded(char)
            if folded != char:
                table[char] = folded
    for char in APOSTROPHES:
        table[char] = ""
    return dict(sorted(table.items()))


FOLD: dict[str, str] = _table()
_TRANSLATE = str.maketrans(FOLD)
_WORD = re.compile(r"[^\W_]+")  # letters and digits: JavaScript's [\p{L}\p{N}]+


def fold(text: str) -> str:
    """'Nhà Đại Đoàn Kết, xã Ch'ơm' -> 'nha dai doan ket, xa chom'."""
    return unicodedata.normalize("NFC", text).lower().translate(_TRANSLATE)


def words(text: str) -> list[str]:
    """The folded words of `text`, in order, repeats kept."""
    return [w for w in _WORD.findall(fold(text)) if len(w) <= MAX_WORD]
