"""What a sheet copied from a report holds besides its records, recognised as staff lay it out:
a unit in a header or in a note above it ("Tiền mặt (triệu đồng)", "ĐVT: triệu đồng"), a
numbering column (STT), a row numbering the columns ("(1) (2) (3)…"), a totals row ("Tổng
cộng"). The import skips what is not a record and says so in one line of its plan.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .parse import folded, unit_of

# "STT", "TT", "Số TT", "Số thứ tự": the rows' numbers, no field of a record.
_NUMBERING = frozenset({"stt", "tt", "so tt", "so thu tu", "thu tu"})
# A totals row, as reports write its label.
_TOTALS = frozenset({"tong cong", "cong", "tong", "tong so", "cong chung", "tong cong chung", "cong toan bo"})
# "(1)", "1", "A", "(5)=(3)+(4)": a cell of the row that numbers the columns.
_COLUMN_NUMBER = re.compile(r"\(?(?:\d{1,2}|[a-z])\)?(?:\s*[=+*x-]\s*\(?(?:\d{1,2}|[a-z])\)?)*")
# Words of a header that holds money: such a column left unmatched would drop an amount.
_MONEY_WORDS = ("tiền", "kinh phí", "giá trị", "trị giá", "ngân sách", "số tiền")


def header_key(text: str) -> str:
    """A header as compared with the template's, without a unit or a note in brackets:
    'Tiền mặt (triệu đồng)' → 'tien mat'."""
    return folded(re.sub(r"\s*[(\[][^()\[\]]*[)\]]\s*$", "", text)) or folded(text)


def is_numbering(header: str) -> bool:
    return folded(header) in _NUMBERING


def is_unit_note(text: str) -> bool:
    """'ĐVT: triệu đồng', 'Đơn vị tính: đồng': a note of the unit, not a column."""
    return bool(_UNIT_NOTE.match(folded(text))) and unit_of(text) is not None


_UNIT_NOTE = re.compile(r"(dvt|don vi tinh|don vi)\b")


def holds_money(header: str) -> bool:
    lowered = " ".join(header.lower().split())
    return unit_of(header) is not None or any(word in lowered for word in _MONEY_WORDS)


def skipped_as(cells: Iterable[str]) -> str | None:
    """Why a row is not a record: a totals row or a row numbering the columns; None for a record."""
    texts = [text for text in cells if text]
    if any(folded(text.rstrip(":. ")) in _TOTALS for text in texts):
        return "dòng tổng cộng"
    if len(texts) >= 3 and all(_COLUMN_NUMBER.fullmatch(text.lower().replace(" ", "")) for text in texts):
        return "dòng đánh số cột"
    return None


@dataclass
class Notes:
    """What the import did on its own, said once per kind in the plan: 'bỏ qua dòng tổng cộng:
    dòng 35, 40'."""

    rows: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (sheet, what) -> rows
    lines: list[str] = field(default_factory=list)  # said as is, once

    def add(self, sheet: str, what: str, row: int) -> None:
        self.rows.setdefault((sheet, what), []).append(row)

    def say(self, line: str) -> None:
        if line not in self.lines:
            self.lines.append(line)

    def __iter__(self):
        yield from self.lines
        for (sheet, what), rows in self.rows.items():
            shown = ", ".join(str(r) for r in rows[:10]) + (f" và {len(rows) - 10} dòng khác" if len(rows) > 10 else "")
            yield f"{sheet}: {what}: dòng {shown}"
