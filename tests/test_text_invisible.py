"""Invisible characters are found by what they are (Unicode category), not from a list."""
from __future__ import annotations

import unicodedata

import pytest

from generator.loader import Document
from generator.rules import text

INVISIBLE = {
    "\u3164": "Hangul filler: a letter that draws nothing",
    "\u061c": "Arabic letter mark",
    "\u180e": "Mongolian vowel separator",
    "\u034f": "combining grapheme joiner",
    "\ufe0f": "variation selector",
    "\U000e0041": "tag letter A",
    "\u2028": "line separator",
    "\ue000": "private use",
    "\u200b": "zero-width space",
    "\u2800": "braille pattern blank: a symbol that draws nothing",
}


def _codes(value: str) -> list:
    return [d.code for d in text.check_document(Document("x.yaml", {"title": value}, {}))]


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_are_found(char):
    assert _codes(f"Tập{char} huấn") == ["TEXT_INVISIBLE"]
    assert _codes(char) == ["TEXT_INVISIBLE"]  # a title of it alone looks blank


def test_vietnamese_and_ordinary_symbols_are_not_invisible():
    value = "Tặng quà Tết – hộ nghèo “xã A Xan” (Cơ Tu) ½ · 50% ✅ №1 ạ ữ ỷ"
    assert _codes(value) == []
    assert _codes(unicodedata.normalize("NFD", "ạ")[0] + "\u0323") == []  # a mark that attaches


def test_the_ordinary_characters_skipped_by_the_fast_path_are_all_visible():
    """Text made only of these is settled by one regex scan; none may be invisible."""
    ordinary = [chr(c) for c in range(0x110000) if text._ORDINARY_CHARS.match(chr(c))]
    assert len(ordinary) > 900
    assert [f"U+{ord(c):04X}" for c in ordinary if c >= "\x80" and text._is_invisible(c)] == []
