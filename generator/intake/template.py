"""The workbook staff fill: an instruction sheet, a data sheet, and the lists behind its dropdowns.

Its columns are generator/intake/columns.py's (the registry's fields, titled by the schema),
then "Mã hồ sơ" and "Rút lại" (generator/intake/corrections.py): blank in the template, filled
in an export of existing records (generator/intake/export.py). Its dropdowns hold the names
of generator/intake/names.py, which the import reads back. The bytes of a workbook depend on
its content alone (fixed properties and zip dates): the site's downloads stay byte-identical.
"""
from __future__ import annotations

import datetime
import functools
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from ..files import replace_whole
from ..registry import TYPES
from ..view.model import Site
from .cells import put
from .columns import AMOUNT, COUNT, DATE, Column, columns
from .corrections import RECORD_ID, WITHDRAW
from .names import Names, written_names

LISTS = "Danh sách"
GUIDE = "Hướng dẫn"
# Date cells hold text as typed: Excel would read "3/2024" in a dd/mm/yyyy cell as 1/3/2024 and
# "2024" as 16/7/1905, and a month or a year is a date the ledger keeps (generator/intake/parse.py).
DATE_FORMAT = "@"
AMOUNT_FORMAT = "#,##0"
DATA_ROWS = 500  # rows that get the dropdowns and formats
FILLED_ROWS = 5000  # rows of a pre-filled workbook that get the dropdowns
# Every workbook says it was made on this day, whenever it was: the same records, the same bytes.
MADE = datetime.datetime(2020, 1, 1)
# Deflate levels. What is compressed once (a blank template; the parts every pre-filled workbook
# shares: guide, lists, styles) at the best level. The rows of each pre-filled workbook at level 3
# rather than the usual 6: at province scale (492 workbooks) 0.51 s of CPU against 1.07 s, for
# 28.8 MB against 25.8 MB (a median workbook 40.0 KB against 37.5 KB); level 1 saves 0.06 s more
# for another 2 MB, level 4 costs 0.18 s more to save 1.5 MB.
ONCE = 9
EACH = 3
_REQUIRED = PatternFill("solid", fgColor="FFE699")
_OPTIONAL = PatternFill("solid", fgColor="DDEBF7")


def sheet_title(record_type: str) -> str:
    return str(TYPES[record_type].dataset_title or record_type)


def _guide(book: Workbook, record_type: str, cols: tuple[Column, ...]) -> None:
    sheet = book.active
    assert sheet is not None
    sheet.title = GUIDE
    lines = [
        (f"Mẫu nhập {sheet_title(record_type).lower()} vào sổ kết nghĩa", True),
        (f"1. Điền mỗi {sheet_title(record_type).lower()} vào một dòng của trang '{sheet_title(record_type)}'. "
         "Không đổi tên các cột; cột không dùng thì để trống.", False),
        ("2. Cột tô vàng là bắt buộc; cột tô xanh ghi nếu có số liệu. Bỏ trống khi chưa có số liệu, "
         "không ghi 0 thay cho 'chưa báo cáo'.", False),
        ("3. Ngày ghi dạng 15/3/2024 (ngày/tháng/năm); nếu nguồn chỉ ghi tháng thì ghi 3/2024, chỉ ghi năm thì ghi 2024.", False),
        ("4. Số tiền ghi bằng đồng: 90.000.000, 90 triệu hoặc 1,5 tỷ đều được.", False),
        ("5. Cặp kết nghĩa, nội dung hỗ trợ, tình trạng: chọn trong danh sách thả xuống; gõ tên không dấu cũng được.", False),
        ("6. Không ghi tên người, số điện thoại hay số căn cước: chỉ ghi số hộ, số người.", False),
        ("7. Gửi tệp: trên GitHub, mở mục Issues của kho dữ liệu → New issue → chọn mẫu 'Gửi bảng tính', kéo tệp "
         "vào ô 'Bảng tính' rồi bấm Submit. Câu trả lời cho biết từng dòng sẽ thành hồ sơ nào, dòng nào cần sửa "
         "(trang, dòng, cột); sửa tệp rồi sửa lại issue để xem lại. Người phụ trách duyệt thì hồ sơ được ghi.", False),
        (f"8. Sửa hồ sơ đã có: tải bảng tính điền sẵn trên trang của cặp kết nghĩa, đơn vị hay huyện; mỗi dòng có mã "
         f"ở cột '{RECORD_ID}'. Sửa ô cần sửa, giữ nguyên mã, rồi gửi lại: hồ sơ đó được sửa, không thêm hồ sơ thứ hai. "
         f"Ghi x vào cột '{WITHDRAW}' để rút hồ sơ khỏi sổ (xoá dòng khỏi bảng tính thì hồ sơ vẫn giữ nguyên). "
         "Dòng không có mã là hồ sơ mới.", False),
        ("", False),
        ("Các cột", True),
    ]
    for number, (text, bold) in enumerate(lines, start=1):
        put(sheet, number, 1, text).font = Font(bold=bold, size=14 if number == 1 else 11)
    start = len(lines) + 1
    for offset, column in enumerate(cols):
        put(sheet, start + offset, 1, column.header).font = Font(bold=column.required)
        put(sheet, start + offset, 2, "bắt buộc" if column.required else "")
        put(sheet, start + offset, 3, column.description)
    start += len(cols)
    for offset, (header, description) in enumerate(_OWN_COLUMNS):
        put(sheet, start + offset, 1, header)
        put(sheet, start + offset, 3, description)
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 110


_OWN_COLUMNS = (
    (RECORD_ID, "mã của hồ sơ đã có trong sổ (có sẵn trong bảng tính điền sẵn); để trống khi thêm hồ sơ mới"),
    (WITHDRAW, "ghi x để rút hồ sơ của dòng này khỏi sổ (tệp hồ sơ bị xoá khi ghi); để trống để giữ"),
)


def _formats(column: Column) -> str | None:
    if column.kind == DATE:
        return DATE_FORMAT
    if column.kind in (AMOUNT, COUNT):
        return AMOUNT_FORMAT
    return None


# A column's dropdown: the names it offers, in order; () for a column without one.
Offered = tuple[str, ...]


def _offered(site: Site, record_type: str, names: dict[Column, Names | None] | None) -> tuple[Offered, ...]:
    """Each column's dropdown: all a template takes from the records."""
    cols = columns(record_type)
    names = names if names is not None else {column: written_names(site, column) for column in cols}
    return tuple(tuple(found.offered) if found is not None else () for found in map(names.get, cols))


def workbook(site: Site, record_type: str, names: dict[Column, Names | None] | None = None,
             pattern: bool = False) -> Workbook:
    """The template for `record_type` records. With `pattern`, the base of a pre-filled workbook
    (generator/intake/export.py): no formatted blank rows, but row 2 holds one empty cell per
    column in the style its values take, and the dropdowns reach FILLED_ROWS."""
    return _workbook(record_type, _offered(site, record_type, names), pattern)


def template_parts(site: Site, record_type: str, names: dict[Column, Names | None] | None = None,
                   pattern: bool = False) -> tuple[tuple[str, bytes], ...]:
    """parts_of(workbook(...)), made once for the same dropdowns: `serve` regenerates the site
    on every save, and openpyxl took 0.13 s of its 0.45 s to make the same blank templates again."""
    return _template_parts(record_type, _offered(site, record_type, names), pattern)


@functools.lru_cache(maxsize=8)  # the blank templates and a pattern: a few, tens of KB each
def _template_parts(record_type: str, offered: tuple[Offered, ...], pattern: bool) -> tuple[tuple[str, bytes], ...]:
    return tuple(parts_of(_workbook(record_type, offered, pattern)))


def _workbook(record_type: str, offered: tuple[Offered, ...], pattern: bool) -> Workbook:
    cols = columns(record_type)
    book = Workbook()
    book.properties.creator = "ketnghia"
    book.properties.created = book.properties.modified = MADE
    _guide(book, record_type, cols)
    data = book.create_sheet(sheet_title(record_type))
    lists = book.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    last_row = (FILLED_ROWS if pattern else DATA_ROWS) + 1
    list_column = 0
    for index, (column, names) in enumerate(zip(cols, offered, strict=True), start=1):
        letter = get_column_letter(index)
        header = put(data, 1, index, column.header)
        header.font = Font(bold=True)
        header.fill = _REQUIRED if column.required else _OPTIONAL
        header.alignment = Alignment(wrap_text=True, vertical="top")
        data.column_dimensions[letter].width = 40 if column.kind == "reference" or column.field.dest in (
            "title", "description") else 16
        number_format = _formats(column)
        if pattern:
            data.cell(row=2, column=index).number_format = number_format or "General"
            data.cell(row=2, column=index).quotePrefix = number_format is None  # text stays text, never a formula
        elif number_format:
            for row in range(2, last_row + 1):
                data.cell(row=row, column=index).number_format = number_format
        if not names:
            continue
        list_column += 1
        list_letter = get_column_letter(list_column)
        put(lists, 1, list_column, column.header)
        for row, name in enumerate(names, start=2):
            put(lists, row, list_column, name)
        source = f"{quote_sheetname(LISTS)}!${list_letter}$2:${list_letter}${len(names) + 1}"
        # A warning, not a refusal: a name typed without diacritics is read too.
        validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                                    errorStyle="warning", errorTitle=column.header,
                                    error="Tên này không có trong danh sách; vẫn giữ nếu chắc chắn (ví dụ gõ không dấu).")
        if column.is_list:
            validation.showErrorMessage = False  # several names, separated by ';'
        validation.add(f"{letter}2:{letter}{last_row}")
        data.add_data_validation(validation)
    for offset, (title, _) in enumerate(_OWN_COLUMNS, start=len(cols) + 1):
        header = put(data, 1, offset, title)
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="top")
        data.column_dimensions[get_column_letter(offset)].width = 30 if title == RECORD_ID else 10
        if pattern:
            data.cell(row=2, column=offset).quotePrefix = True
        if title == WITHDRAW:
            mark = DataValidation(type="list", formula1='"x"', allow_blank=True)
            mark.add(f"{get_column_letter(offset)}2:{get_column_letter(offset)}{last_row}")
            data.add_data_validation(mark)
    data.freeze_panes = "A2"
    book.active = 1
    return book


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
CORE = "docProps/core.xml"


def parts_of(book: Workbook) -> list[tuple[str, bytes]]:
    """The parts of the workbook's .xlsx, in order, dated MADE inside (openpyxl stamps the time of saving)."""
    made = io.BytesIO()
    book.save(made)
    stamp = MADE.isoformat(timespec="seconds").encode() + b"Z"
    with zipfile.ZipFile(made) as archive:
        return [(name, _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", archive.read(name)) if name == CORE
                 else archive.read(name)) for name in archive.namelist()]


def zipped(parts: Iterable[tuple[str, bytes]], base: bytes = b"", level: int = ONCE) -> bytes:
    """An .xlsx of these parts, after those of `base` (an .xlsx made so, compressed once for
    many workbooks), every entry dated MADE: the same content, the same bytes."""
    out = io.BytesIO(base)
    when = (MADE.year, MADE.month, MADE.day, 0, 0, 0)
    with zipfile.ZipFile(out, "a" if base else "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, when)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=level)
    return out.getvalue()


def workbook_bytes(book: Workbook) -> bytes:
    return zipped(parts_of(book))


def template(site: Site, record_type: str, path: Path) -> None:
    """Write the template workbook for `record_type` records to `path`."""
    replace_whole(str(path), zipped(template_parts(site, record_type)))
