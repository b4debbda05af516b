"""Vietnamese alphabetical order without ICU.

Letters are compared first (a ă â b c d đ e ê … with ă, â, đ, ê, ô, ơ, ư as letters of
their own), then tones (ngang < huyền < hỏi < ngã < sắc < nặng), then case (lower first),
which is what ICU's `vi` collation does for names.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# f, j, w, z are not Vietnamese letters but occur in names (Zuôih): Latin order.
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: 100 + i for i, letter in enumerate(ALPHABET)}

# Combining marks that make a letter of its own (ă â ê ô ơ ư) rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Apostrophes come in two shapes (Ch'ơm, Ch’ơm): one weight for both.
_SAME_AS = {"’": "'", "‘": "'", "ʼ": "'"}


def _weights(char: str) -> tuple[int, int, int]:
    """(letter, tone, case) weights of one NFC character."""
    char = _SAME_AS.get(char, char)
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    lower = base.lower()
    letter = unicodedata.normalize("NFC", lower + "".join(m for m in marks if m in _LETTER_MARKS))
    tone = max((_TONE_RANK.get(m, 0) for m in marks), default=0)
    case = 1 if base != lower else 0
    if letter in _LETTER_RANK:
        return _LETTER_RANK[letter], tone, case
    if lower.isdigit():
        return 10 + int(lower) if lower in "0123456789" else 20, tone, case
    if lower.isspace():
        return 1, 0, 0
    if lower.isalpha():  # other scripts and Latin letters with foreign marks: after z
        return 1000 + ord(letter[0]), tone, case
    return 2 + (ord(lower) % 7), 0, 0  # punctuation: before digits and letters, still stable


# Letter, tone and case weights of each character, then the text.
SortKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]


@lru_cache(maxsize=1 << 14)  # the same names are sorted on many pages
def sort_key(text: str) -> SortKey:
    """Key for sorted(): letters, then tones, then case, then the text itself as a tiebreak."""
    text = unicodedata.normalize("NFC", text.strip())
    weights = [_weights(c) for c in text]
    return (
        tuple(w[0] for w in weights),
        tuple(w[1] for w in weights),
        tuple(w[2] for w in weights),
        text,
    )


def sorted_names(names, key=lambda x: x):
    """Items sorted by the Vietnamese order of key(item)."""
    return sorted(names, key=lambda item: sort_key(key(item)))
