"""One tone-mark placement in names: "Hòa", "Thủy", not "Hoà", "Thuỷ".

Both placements are correct Vietnamese, but a ledger that mixes them shows one commune under
two spellings and splits what search and import match. The convention is that of the
official list of administrative units: in an open syllable "oa", "oe", "uy" the mark sits on
the first vowel. The other spelling stays welcome in `aliases`, so it is still found."""
from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any

from ..diagnostics import Diagnostic
from ..records import Record
from ..registry import TYPES

# "oà", "oé", "uỷ" ending a syllable; "quý" is not one ("qu" is a consonant there).
_OTHER_PLACEMENT = re.compile(
    r"(?<![qQ])([oO][àáảãạÀÁẢÃẠ]|[oO][èéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])"
)


def preferred(text: str) -> str:
    """The text with each mark of an open "oa", "oe", "uy" moved onto the first vowel."""

    def move(match: re.Match[str]) -> str:
        pair = match.group(1)
        second = unicodedata.normalize("NFD", pair[1])
        return unicodedata.normalize("NFC", pair[0] + second[1:]) + second[0]

    return _OTHER_PLACEMENT.sub(move, text)


def check_record(record: Record, folder_parts: tuple[str, ...], today: datetime.date) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for path in TYPES[record.type].names:
        value: Any = record.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, str) and _OTHER_PLACEMENT.search(value):
            found.append(record.diagnostic(path, "NAME_TONE_MARK",
                         f"'{value}' đặt dấu thanh kiểu khác với danh mục hành chính: hãy viết "
                         f"'{preferred(value)}' (cách viết cũ có thể ghi trong 'aliases')"))
    return found
