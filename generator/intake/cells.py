"""Writing cells of a workbook: text is always text, never a formula Excel would run."""
from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.worksheet.worksheet import Worksheet

# First characters that make Excel read a formula (as generator/site/downloads.py neutralises in CSV).
FORMULA_START = frozenset("=+-@\t\r")


def put(sheet: Worksheet, row: int, column: int, value: object, number_format: str | None = None) -> Cell | MergedCell:
    """A cell holding `value`: a number stays a number; text that would start a formula is
    stored as text and shown as typed (Excel's quote prefix)."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        text = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters: a file Excel would refuse
        cell.value = text
        cell.data_type = "s"
        if text[:1] in FORMULA_START:  # what is stored, not what came: "\x01=1+1" is stored "=1+1"
            cell.quotePrefix = True
    else:
        cell.value = value  # type: ignore[assignment]  # numbers, dates and None
    if number_format:
        cell.number_format = number_format
    return cell
