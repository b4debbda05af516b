"""A workbook's cells as the texts Excel shows: rows of a sheet, each cell a string.

Reads .xlsx (openpyxl) and .csv (UTF-8, with or without BOM; comma, semicolon or tab).
A date cell becomes 2024-03-15 (2024-03 when its format shows no day), a whole number 90000000;
a merged cell gives its value to every cell it covers (a date merged over three rows is the date
of all three), each marked with the merge, so an amount is not counted three times; a formula
gives the value Excel saved with the file. A formula saved without a value (a workbook
written by a program and never opened in Excel) is reported, never read as empty.
Invisible differences are removed: spaces around a value, tabs and line breaks inside a
one-line value, non-breaking spaces.
"""
from __future__ import annotations

import csv
import datetime
import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from .parse import shown_date

NO_CACHED_VALUE = "\x00formula"  # a formula whose value was never saved (see `Row.cells`)
SUPPORTED = (".xlsx", ".xlsm", ".csv")
_MAX_COLUMNS = 16_384  # Excel's last column, XFD


class Unopenable(Exception):
    """A file the import cannot read at all; the message says what to do, in Vietnamese."""


@dataclass(frozen=True)
class Row:
    sheet: str
    number: int  # as Excel numbers rows, from 1
    cells: dict[str, str]  # column letter -> text; NO_CACHED_VALUE for an unsaved formula
    merged: dict[str, str] = field(default_factory=dict)  # column letter -> the merge that covers it ("E5:E7")


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[Row]  # non-empty rows, in order


def clean(text: str) -> str:
    """One value as a person reads it: no spaces around, no tab or non-breaking space inside."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\t", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value))


def read(path: Path) -> list[Sheet]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [_csv(path)]
    if suffix in (".xlsx", ".xlsm"):
        with warnings.catch_warnings():
            # openpyxl warns in English about what it does not keep (extensions, odd date serials):
            # the cells are read all the same, and anything wrong is said per cell.
            warnings.simplefilter("ignore", UserWarning)
            return _xlsx(path)
    if suffix in (".xls", ".ods", ".numbers"):
        raise Unopenable(f"{path.name}: chưa đọc được tệp {suffix}. Hãy mở tệp trong Excel hoặc LibreOffice và "
                         "lưu lại dạng .xlsx (Tệp → Lưu thành → Sổ làm việc Excel), rồi nhập tệp .xlsx đó.")
    raise Unopenable(f"{path.name}: chỉ nhập được tệp .xlsx hoặc .csv; hãy lưu bảng tính dưới một trong hai dạng đó.")


def _csv(path: Path) -> Sheet:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unopenable(f"{path.name}: tệp CSV không ở bảng mã UTF-8. Trong Excel, hãy lưu bằng "
                         "'CSV UTF-8 (Comma delimited)', hoặc lưu dạng .xlsx.") from None
    sample = text[:4096]
    delimiter = max(",;\t", key=sample.count)
    rows = []
    try:
        for number, values in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            cells = {get_column_letter(i): cell_text(v) for i, v in enumerate(values, start=1) if i <= _MAX_COLUMNS}
            cells = {k: v for k, v in cells.items() if v}
            if cells:
                rows.append(Row(path.stem, number, cells))
    except csv.Error as error:
        raise Unopenable(f"{path.name}: không đọc được tệp CSV ({error}). Hãy mở bằng Excel và lưu lại dạng .xlsx.") from None
    return Sheet(path.stem, rows)


def _xlsx(path: Path) -> list[Sheet]:
    try:
        values = load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError,
            AttributeError, SyntaxError) as error:  # openpyxl on a damaged file: any of these, never a traceback
        raise Unopenable(f"{path.name}: không mở được sổ làm việc ({error}). Hãy mở tệp trong Excel, "
                         "lưu lại dạng .xlsx rồi nhập lại.") from None
    # A blank cell may be a formula Excel saved without its value: the workbook is read a second
    # time, formulas kept, only when it holds any formula at all.
    formulas = load_workbook(path, data_only=False, read_only=True) if _has_formulas(path) else None
    sheets = []
    try:
        for sheet in values.worksheets:
            if sheet.sheet_state != "visible":
                continue  # the template's lists; a sheet staff cannot see holds nothing they typed
            rows = list(_rows(sheet))
            if formulas is not None:
                rows = _mark_formulas(rows, formulas[sheet.title])
            sheets.append(Sheet(sheet.title, [replace(r, cells={k: v for k, v in r.cells.items() if v}) for r in rows]))
    finally:
        if formulas is not None:
            formulas.close()  # a read-only workbook holds its file open until closed
    return sheets


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")  # a <f> element of a worksheet's XML


def _has_formulas(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return any(_FORMULA.search(archive.read(name)) for name in archive.namelist()
                   if name.startswith("xl/worksheets/") and name.endswith(".xml"))


def _rows(sheet: Worksheet) -> Iterator[Row]:
    """The rows of a sheet as shown. A merged cell gives its value to every cell it covers, and
    each covered cell is marked with the merge ("E5:E7"): a date or a name merged over rows
    belongs to each of them, an amount does not (generator/intake/table.py asks which row).
    A date cell is read at the precision its number format shows (parse.shown_date)."""
    merged: dict[tuple[int, int], tuple[object, str]] = {}
    for cell_range in sheet.merged_cells.ranges:
        top_left = sheet.cell(cell_range.min_row, cell_range.min_col)
        for row in range(cell_range.min_row, cell_range.max_row + 1):
            for col in range(cell_range.min_col, cell_range.max_col + 1):
                merged[(row, col)] = (top_left, cell_range.coord)
    epoch = sheet.parent.epoch if sheet.parent is not None else None  # 1900 or 1904 date system
    for number, row_cells in enumerate(sheet.iter_rows(), start=1):
        cells, spans = {}, {}
        for col, own in enumerate(row_cells, start=1):
            cell, span = merged.get((number, col), (own, ""))
            letter = get_column_letter(col)
            cells[letter] = _shown(cell, epoch)
            if span and cells[letter]:
                spans[letter] = span
        if any(cells.values()):
            yield Row(sheet.title, number, cells, spans)


def _shown(cell, epoch: datetime.datetime | None) -> str:
    value = cell.value
    if isinstance(value, (datetime.date, datetime.datetime)) and not isinstance(value, datetime.time):
        return shown_date(value, cell.number_format, float(to_excel(value, epoch) if epoch else to_excel(value)))
    if isinstance(value, float) and not value.is_integer() and math.isfinite(value):
        return repr(value).replace(".", ",")  # a decimal comma, as staff write it: 1,5 (triệu)
    return cell_text(value)


def _mark_formulas(rows: list[Row], sheet) -> list[Row]:
    """Empty cells that hold a formula: Excel would show a value, the file has none saved."""
    wanted = {row.number for row in rows}
    formulas: dict[tuple[int, str], bool] = {}
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number in wanted:
            for col, value in enumerate(values, start=1):
                if isinstance(value, str) and value.startswith("="):
                    formulas[(number, get_column_letter(col))] = True
    return [replace(r, cells={k: (NO_CACHED_VALUE if not v and (r.number, k) in formulas else v)
                              for k, v in r.cells.items()}) for r in rows]
