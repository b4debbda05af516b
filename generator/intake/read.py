"""A workbook's cells as the texts Excel shows: rows of a sheet, each cell a string.

Reads .xlsx (openpyxl, read-only) and .csv (UTF-8, with or without BOM; comma, semicolon or
tab), within the limits of generator/intake/bounds.py, decided before parsing.
A date cell becomes 2024-03-15 (2024-03 when its format shows no day), a whole number 90000000;
a merged cell gives its value to every cell it covers (a date merged over three rows is the date
of all three), each marked with the merge, so an amount is not counted three times; a formula
gives the value Excel saved with the file. A cell that cannot be read as a value (a formula
saved without its value, an Excel error such as #REF!, a number too long) is a finding on
that cell (`problem_of`), never read as empty or as text.
Invisible differences are removed: spaces around a value, tabs and line breaks inside a
one-line value, non-breaking spaces.
"""
from __future__ import annotations

import csv
import datetime
import io
import math
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, builtin_format_code
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange

from ..view.formats import number
from . import bounds
from .bounds import Unopenable
from .parse import shown_date

__all__ = ["NO_CACHED_VALUE", "SUPPORTED", "Row", "Sheet", "Unopenable", "cell_text", "clean", "problem_of", "read"]

SUPPORTED = (".xlsx", ".xlsm", ".csv")

# A cell that holds no readable value is carried as a text starting with _UNREAD, followed by
# what is wrong: no cell a person types starts with NUL (clean() keeps it out of every text).
_UNREAD = "\x00"
NO_CACHED_VALUE = _UNREAD + ("ô chứa công thức nhưng tệp không lưu kết quả của nó (tệp được tạo bằng chương trình, "
                             "chưa mở bằng Excel): hãy mở tệp trong Excel, lưu lại rồi nhập lại, hoặc gõ thẳng giá trị")
# What Excel shows in a cell whose formula failed.
EXCEL_ERRORS = frozenset(("#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!",
                          "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"))


@dataclass(frozen=True)
class Row:
    sheet: str
    number: int  # as Excel numbers rows, from 1
    cells: dict[str, str]  # column letter -> text; see problem_of for a cell that is not a value
    merged: dict[str, str] = field(default_factory=dict)  # column letter -> the merge that covers it ("E5:E7")


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[Row]  # non-empty rows, in order


def problem_of(text: str) -> str | None:
    """What is wrong with a cell the reader could not read as a value; None for a value."""
    return text[len(_UNREAD):] if text.startswith(_UNREAD) else None


def clean(text: str) -> str:
    """One value as a person reads it: no spaces around, no tab or non-breaking space inside."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\t", " ").replace("\x00", "")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_UNREAD):
        return value
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "có" if value else "không"
    # Excel keeps 15 significant digits: a longer number has lost some already (1e999 is "inf" to Python).
    if isinstance(value, (int, float)) and not (math.isfinite(value) and abs(value) < 10 ** bounds.DIGITS):
        return _UNREAD + (f"số quá lớn: một số tiền hay số đếm có nhiều nhất {number(bounds.DIGITS)} chữ số; "
                          "hãy ghi lại đúng số")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = clean(str(value))
    if text in EXCEL_ERRORS:
        return _UNREAD + (f"ô báo lỗi {text} của Excel: công thức trong ô không tính được; hãy sửa công thức "
                          "hoặc gõ thẳng giá trị")
    return text


def read(path: Path) -> list[Sheet]:
    """The visible sheets of a workbook, or Unopenable: the file's kind is known from its
    name, and its size and shape are checked before any of it is parsed."""
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        raise Unopenable(f"{path.name}: chưa đọc được tệp {suffix}. Hãy mở tệp trong Excel hoặc LibreOffice và "
                         "lưu lại dạng .xlsx (Tệp → Lưu thành → Sổ làm việc Excel), rồi nhập tệp .xlsx đó.")
    if suffix not in SUPPORTED:
        raise Unopenable(f"{path.name}: chỉ nhập được tệp .xlsx hoặc .csv; hãy lưu bảng tính dưới một trong hai dạng đó.")
    data = bounds.read_capped(path)
    if suffix == ".csv":
        return [_csv(path.name, path.stem, data)]
    with warnings.catch_warnings():
        # openpyxl warns in English about what it does not keep (extensions, odd date serials):
        # the cells are read all the same, and anything wrong is said per cell.
        warnings.simplefilter("ignore")
        try:
            return _xlsx(path.name, data)
        except Unopenable:
            raise
        except Exception:  # a damaged workbook fails in openpyxl, zipfile, zlib or expat: any way, never a traceback
            raise Unopenable(bounds.damaged(path.name)) from None


class _Cells:
    """The values of one sheet as row -> column -> value, each put within the bounds."""

    def __init__(self, name: str, sheet: str) -> None:
        self.name, self.sheet = name, sheet
        self.values: dict[int, dict[int, object]] = {}
        self.merged: dict[tuple[int, int], str] = {}  # (row, column) -> the merge that covers it
        self.count = 0

    def put(self, row: int, column: int, value: object) -> None:
        if value is None or value == "":
            return
        if row > bounds.ROWS or column > bounds.COLUMNS:
            raise Unopenable(f"{self.name}: trang '{self.sheet}' có số liệu ở ô {get_column_letter(column)}{row}, ngoài "
                             f"vùng được đọc (tới dòng {number(bounds.ROWS)}, cột {get_column_letter(bounds.COLUMNS)}). "
                             "Hãy xoá ô đó hoặc chuyển số liệu vào trong vùng này, rồi nhập lại.")
        self.count += 1
        if self.count > bounds.CELLS:
            raise Unopenable(bounds.too_many_cells(self.name))  # a CSV; a workbook's values are counted before
        self.values.setdefault(row, {})[column] = value

    def rows(self) -> list[Row]:
        found = []
        for row in sorted(self.values):
            cells = {get_column_letter(col): _shown(value) for col, value in sorted(self.values[row].items())}
            cells = {letter: text for letter, text in cells.items() if text}
            merged = {get_column_letter(col): merge for (at, col), merge in self.merged.items() if at == row}
            if cells:
                found.append(Row(self.sheet, row, cells, {k: v for k, v in merged.items() if k in cells}))
        return found


def _csv(name: str, stem: str, raw: bytes) -> Sheet:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unopenable(f"{name}: tệp CSV không ở bảng mã UTF-8. Trong Excel, hãy lưu bằng "
                         "'CSV UTF-8 (Comma delimited)', hoặc lưu dạng .xlsx.") from None
    longest = max(map(len, text.splitlines()), default=0)
    if longest > bounds.CSV_LINE:
        raise Unopenable(f"{name}: tệp CSV có một dòng dài {number(longest)} ký tự, quá giới hạn {number(bounds.CSV_LINE)}. "
                         "Hãy mở bằng Excel, kiểm tra dòng đó và lưu lại dạng .xlsx.")
    sample = text[:4096]
    delimiter = max(",;\t", key=sample.count)
    cells = _Cells(name, stem)
    try:
        for row, values in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            for column, value in enumerate(values, start=1):
                cells.put(row, column, value if value.strip() else None)
    except csv.Error:
        raise Unopenable(f"{name}: không đọc được tệp CSV (dấu ngoặc kép không khớp, hoặc một ô quá dài). "
                         "Hãy mở bằng Excel và lưu lại dạng .xlsx.") from None
    return Sheet(stem, cells.rows())


# The keywords of a sơ kết report's workbook (generator/intake/report_files.py): its activity
# sheet has the template's headers, and sent back it would be read as new rows of the ledger.
REPORT_KEYWORDS = "ketnghia bao-cao-so-ket"

# Excel saves a workbook with a password (and the old .xls) as a compound file, not a zip.
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _xlsx(name: str, data: bytes) -> list[Sheet]:
    if data.startswith(_COMPOUND_FILE):
        raise Unopenable(f"{name}: sổ làm việc được đặt mật khẩu, hoặc là tệp .xls cũ đổi tên, nên không đọc được. Hãy "
                         "bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) hoặc lưu lại dạng .xlsx, rồi nhập lại.")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        bounds.check_zip(name, archive)
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if book.properties.keywords == REPORT_KEYWORDS:
            raise Unopenable(f"{name}: đây là tệp báo cáo sơ kết do sổ lập ra, không phải bảng tính để nhập. Để sửa hay "
                             "thêm hoạt động, hãy tải bảng tính mẫu (mau-hoat-dong.xlsx) hoặc bảng tính đã điền sẵn của "
                             "đơn vị, địa bàn trên trang web của sổ, ghi vào đó rồi gửi lại.")
        sheets = []
        for sheet in book.worksheets:
            if sheet.sheet_state != "visible":
                continue  # the template's lists; a sheet staff cannot see holds nothing they typed
            assert isinstance(sheet, ReadOnlyWorksheet)
            cells = _Cells(name, _title(sheet.title))
            ranges = _sheet_cells(sheet, cells)
            _check_merged(name, cells.sheet, ranges)
            _merge(cells, ranges)
            sheets.append(Sheet(cells.sheet, cells.rows()))
        return sheets
    finally:
        book.close()  # a read-only workbook holds its archive open until closed


def _title(title: str) -> str:
    """A sheet's name as findings give it: Excel allows 31 characters, a crafted file any number."""
    return title if len(title) <= 31 else title[:30] + "…"


class _Parser(WorkSheetParser):
    """openpyxl's own reader of a sheet's XML (read-only mode streams it), which also marks a
    formula saved without its value: Excel would show a value, the file has none."""

    number_format: Any = None  # style id -> its number format

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["value"] = NO_CACHED_VALUE
        elif isinstance(cell["value"], datetime.datetime) and cell["data_type"] == "d" and self.number_format:
            # A date at the precision its format shows (a month for mm/yyyy); 2024 typed into a date cell is a year.
            serial = float(element.findtext(VALUE_TAG) or 0)  # a date cell's value is its serial, read as one already
            cell["value"] = shown_date(cell["value"], self.number_format(cell["style_id"]), serial)
        return cell


def _number_format(book: Any, style_id: int) -> str:
    """The number format of a cell's style, as Excel stores it ("dd/mm/yyyy", "mm/yyyy")."""
    try:
        number_format_id = book._cell_styles[style_id].numFmtId
    except (IndexError, TypeError):
        return ""
    if number_format_id < BUILTIN_FORMATS_MAX_SIZE:
        return builtin_format_code(number_format_id) or ""
    custom = number_format_id - BUILTIN_FORMATS_MAX_SIZE
    return book._number_formats[custom] if 0 <= custom < len(book._number_formats) else ""


def _sheet_cells(sheet: ReadOnlyWorksheet, cells: _Cells) -> list[CellRange]:
    """Every value of the sheet into `cells`, row by row as the XML streams; its merged ranges."""
    # As ReadOnlyWorksheet reads its rows, without its filling of the rows between: a value in
    # row 1,048,576 would make a million empty rows before the bounds could refuse it.
    book: Any = sheet.parent
    source: Any = sheet
    with source._get_source() as xml:
        parser = _Parser(xml, source._shared_strings, data_only=True, epoch=book.epoch,
                         date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        parser.number_format = lambda style_id: _number_format(book, style_id)
        for _, row in parser.parse():
            for cell in row:
                cells.put(cell["row"], cell["column"], cell["value"])
        merged = parser.merged_cells
    return [CellRange(merge.ref) for merge in merged.mergeCell] if merged else []


def _check_merged(name: str, sheet: str, ranges: list[CellRange]) -> None:
    """A merged range is never larger than the area the import reads (nor all of them
    together than MERGED_CELLS): one range from A1 to the last cell would be billions of cells."""
    area = 0
    for cells in ranges:
        if cells.max_row > bounds.ROWS or cells.max_col > bounds.COLUMNS:
            raise Unopenable(f"{name}: trang '{sheet}' có vùng ô gộp {cells.coord} vượt ra ngoài vùng được đọc (tới dòng "
                             f"{number(bounds.ROWS)}, cột {get_column_letter(bounds.COLUMNS)}). {bounds.UNMERGE}")
        area += cells.size["rows"] * cells.size["columns"]
    if area > bounds.MERGED_CELLS:
        raise Unopenable(f"{name}: trang '{sheet}' có các vùng ô gộp phủ {number(area)} ô, quá giới hạn "
                         f"{number(bounds.MERGED_CELLS)} ô. {bounds.UNMERGE}")


def _merge(found: _Cells, ranges: list[CellRange]) -> None:
    """A merged cell's value as every cell it covers shows it: a date merged over three rows
    is the date of all three. Each covered cell is marked with the merge: an amount does not
    belong to three rows (generator/intake/plan.py asks which row)."""
    values = found.values
    for cells in ranges:
        top_left = values.get(cells.min_row, {}).get(cells.min_col)
        if top_left is None:
            continue
        for row in range(cells.min_row, cells.max_row + 1):
            for column in range(cells.min_col, cells.max_col + 1):
                values.setdefault(row, {})[column] = top_left
                if cells.size["rows"] * cells.size["columns"] > 1:
                    found.merged[(row, column)] = cells.coord


def _shown(value: object) -> str:
    """A cell's text; a fraction with a decimal comma, as staff write it (1,5 triệu)."""
    if isinstance(value, float) and not value.is_integer() and math.isfinite(value) and abs(value) < 10 ** bounds.DIGITS:
        return repr(value).replace(".", ",")
    return cell_text(value)
