"""A sơ kết report (generator/intake/report.py) as the files staff file: .xlsx and .docx.

The .docx follows the layout of administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I):
A4, Times New Roman, the issuing body and the national motto side by side at the top, number
and place-and-date lines, the title, then the recipients and the signature at the end. What
only the office knows (its name, the number, the signer) is left as dotted lines to fill.
"""
from __future__ import annotations

import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ..view import formats
from .cells import put
from .read import REPORT_KEYWORDS
from .report import COLUMNS, MONEY_COLUMNS, TOTAL_LABEL, Report, line_text, summary_lines

_NUMBER = "#,##0"
_DAY = "dd/mm/yyyy"
_SHARE = "0.0%"
FONT = "Times New Roman"
TOTAL_NOTE = f"{TOTAL_LABEL} (không tính hoạt động đã huỷ và hỗ trợ theo chiều ngược lại)"


# --- .xlsx ---------------------------------------------------------------------------------------

def write_xlsx(report: Report, path: Path) -> None:
    book = Workbook()
    book.properties.title = report.title
    book.properties.keywords = REPORT_KEYWORDS
    _head_sheet(book, report)
    _activity_sheet(book, report)
    book.save(path)


def _head_sheet(book: Workbook, report: Report) -> None:
    head = book.active
    assert head is not None
    head.title = "Tổng hợp"
    put(head, 1, 1, report.title).font = Font(bold=True, size=14)
    row = 3
    for line in summary_lines(report):
        put(head, row, 1, line.what)
        put(head, row, 2, line.value, _NUMBER)  # not reported stays an empty cell, never 0
        put(head, row, 3, {"dong": "đồng", "count": "", "number": ""}[line.unit])
        if line.share is not None:
            put(head, row, 4, line.share.fraction, _SHARE)
        row += 1
    row += 1
    for column, header in enumerate(("Nhóm nội dung", "Hoạt động", "Kế hoạch (đồng)", "Đã thực hiện (đồng)"), start=1):
        put(head, row, column, header).font = Font(bold=True)
    lines = [(g.label, g.totals) for g in report.groups] + [(TOTAL_NOTE, report.totals)]
    for label, totals in lines:
        row += 1
        put(head, row, 1, label).font = Font(bold=label == TOTAL_NOTE)
        for column, amount in enumerate((totals.activities, totals.planned, totals.delivered), start=2):
            put(head, row, column, amount, _NUMBER)
    for letter, width in zip("ABCD", (60, 20, 20, 20), strict=True):
        head.column_dimensions[letter].width = width


def _activity_sheet(book: Workbook, report: Report) -> None:
    sheet = book.create_sheet("Hoạt động")
    for column, header in enumerate(COLUMNS, start=1):
        cell = put(sheet, 1, column, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    money = {COLUMNS.index(c) for c in MONEY_COLUMNS}
    for number, values in enumerate(report.rows, start=2):
        for index, value in enumerate(values):
            shape = _NUMBER if index in money else _DAY if index == 0 and not isinstance(value, str) else None
            put(sheet, number, index + 1, value, shape)  # not reported stays an empty cell, never 0
    last = len(report.rows) + 2
    put(sheet, last, 1, TOTAL_NOTE).font = Font(bold=True)
    totals = report.totals
    for header, amount in zip(MONEY_COLUMNS, (totals.planned, totals.delivered, totals.households, totals.people), strict=True):
        put(sheet, last, COLUMNS.index(header) + 1, amount, _NUMBER).font = Font(bold=True)
    for letter, width in zip("ABCDEFGHIJKL", (12, 24, 36, 30, 36, 50, 16, 18, 18, 10, 10, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


# --- .docx ---------------------------------------------------------------------------------------

def write_docx(report: Report, path: Path) -> None:
    document = Document()
    _page(document)
    _top_blocks(document)
    _say(document.add_paragraph(), "BÁO CÁO", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.space_before = Pt(18)
    _say(document.add_paragraph(), f"Sơ kết năm {report.year} {report.about}", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _say(document.add_paragraph(), "Số liệu dưới đây lấy từ sổ kết nghĩa công khai: ô trống là chưa có báo cáo, "
         "không phải bằng không; hoạt động đã huỷ và hỗ trợ theo chiều ngược lại (địa bàn được giúp đỡ trao cho đơn vị "
         "kết nghĩa) không được cộng vào tổng.", 14, indent=True)
    _say(document.add_paragraph(), "I. KẾT QUẢ CHUNG", 14, bold=True)
    for line in summary_lines(report):
        _say(document.add_paragraph(), f"- {line.what}: {line_text(line)}.", 14, indent=True)
    _say(document.add_paragraph(), "II. THEO NHÓM NỘI DUNG CỦA KẾ HOẠCH", 14, bold=True)
    _groups_table(document, report)
    _say(document.add_paragraph(), "III. CÁC HOẠT ĐỘNG", 14, bold=True)
    if report.rows:
        _activities_table(document, report)
    else:
        _say(document.add_paragraph(), "Sổ chưa ghi hoạt động nào trong năm.", 14, indent=True)
    _end_blocks(document)
    document.save(str(path))


def _page(document: DocxDocument) -> None:
    """A4 with the decree's margins; Times New Roman 14 for every style that text takes."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    for name in ("Normal", "Table Grid"):
        font = document.styles[name].font
        font.name = FONT
        rpr = document.styles[name].element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        for script in ("w:eastAsia", "w:cs"):  # Vietnamese text in any script slot stays Times
            fonts.set(qn(script), FONT)
    document.styles["Normal"].font.size = Pt(14)
    # Page numbers from the second page on, centred at the top (the decree's place for them).
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(number, "PAGE")


def _field(paragraph: Paragraph, code: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, code), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _say(paragraph: Paragraph, text: str, size: float, bold: bool = False, italic: bool = False,
         underline: bool = False, align: WD_ALIGN_PARAGRAPH | None = None, indent: bool = False) -> Paragraph:
    run = paragraph.add_run(text)
    run.font.size, run.font.bold, run.font.italic, run.font.underline = Pt(size), bold, italic, underline
    if align is not None:
        paragraph.alignment = align
    elif indent:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(3)
    return paragraph


def _block(cell: _Cell, lines: list[tuple[str, float, dict[str, bool]]]) -> None:
    """Lines of a top or end block, centred in their cell."""
    first = cell.paragraphs[0]
    for index, (text, size, style) in enumerate(lines):
        _say(first if index == 0 else cell.add_paragraph(), text, size, align=WD_ALIGN_PARAGRAPH.CENTER, **style)


def _widths(table: Table, widths: tuple[int, ...]) -> None:
    """Column widths in mm that Word and LibreOffice both keep (set on every cell, autofit off)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)


def _two_cells(document: DocxDocument, widths: tuple[int, int]) -> tuple[_Cell, _Cell]:
    table = document.add_table(rows=1, cols=2)  # no style: no borders
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, widths)
    left, right = table.rows[0].cells
    return left, right


def _top_blocks(document: DocxDocument) -> None:
    left, right = _two_cells(document, (70, 95))
    _block(left, [("TÊN CƠ QUAN CHỦ QUẢN", 13, {}), ("TÊN CƠ QUAN BÁO CÁO", 13, {"bold": True}),
                  ("Số: …… /BC-……", 13, {})])
    _block(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, {"bold": True}),
                   ("Độc lập - Tự do - Hạnh phúc", 14, {"bold": True, "underline": True}),
                   ("……, ngày …… tháng …… năm ……", 14, {"italic": True})])


def _end_blocks(document: DocxDocument) -> None:
    left, right = _two_cells(document, (75, 90))
    _say(left.paragraphs[0], "Nơi nhận:", 12, bold=True, italic=True)
    for line in ("- ……;", "- ……;", "- Lưu: VT, …"):
        _say(left.add_paragraph(), line, 11)
    _block(right, [("QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ", 14, {"bold": True}), ("(Chữ ký, dấu)", 14, {"italic": True}),
                   ("", 14, {}), ("", 14, {}), ("Họ và tên", 14, {"bold": True})])


def _table(document: DocxDocument, headers: tuple[str, ...], widths: tuple[int, ...], rows: list[list[str]],
           total: list[str]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _say(cell.paragraphs[0], text, 12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    figures = {i for i, header in enumerate(headers) if header in _FIGURES}
    for values in [*rows, total]:
        for index, (cell, text) in enumerate(zip(table.add_row().cells, values, strict=True)):
            _say(cell.paragraphs[0], text, 12, bold=values is total, align=WD_ALIGN_PARAGRAPH.RIGHT if index in figures else None)
    _widths(table, widths)


_FIGURES = {"Hoạt động", "Đã thực hiện", "Đã thực hiện (đồng)", "Số hộ"}  # right-aligned, as figures are


def _groups_table(document: DocxDocument, report: Report) -> None:
    rows = [[g.label, formats.number(g.totals.activities),
             formats.dong(g.totals.delivered) if g.totals.activities else "không có hoạt động"] for g in report.groups]
    total = [TOTAL_NOTE, formats.number(report.totals.activities), formats.dong(report.totals.delivered)]
    _table(document, ("Nhóm nội dung", "Hoạt động", "Đã thực hiện"), (85, 30, 50), rows, total)


_SHOWN = ("Ngày", "Địa bàn", "Nội dung hỗ trợ", "Tên hoạt động", "Đã thực hiện (đồng)", "Số hộ", "Nguồn")
_SHOWN_WIDTHS = (23, 20, 28, 42, 26, 12, 14)  # mm, 165 in all: the page less its margins


def _activities_table(document: DocxDocument, report: Report) -> None:
    """The activities, each source a number in the table and written out whole below it:
    addresses stay legible and the table narrow."""
    positions = [COLUMNS.index(c) for c in _SHOWN[:-1]]
    sources: list[str] = []
    rows = []
    for values, own in zip(report.rows, report.sources, strict=True):
        numbers = []
        for source in own:
            if source not in sources:
                sources.append(source)
            numbers.append(f"[{sources.index(source) + 1}]")
        rows.append([_text(values[i]) for i in positions] + [" ".join(numbers)])
    totals = {"Đã thực hiện (đồng)": report.totals.delivered, "Số hộ": report.totals.households}
    total = [TOTAL_NOTE if c == "Ngày" else _text(totals[c]) if c in totals else "" for c in _SHOWN]
    _table(document, _SHOWN, _SHOWN_WIDTHS, rows, total)
    _say(document.add_paragraph(), "Nguồn:", 12, bold=True)
    for number, source in enumerate(sources, start=1):
        _say(document.add_paragraph(), f"[{number}] {source}", 12)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return formats.number(value)
    if isinstance(value, datetime.date):
        return formats.date(value.isoformat())
    return str(value)


def report_paths(report: Report, folder: Path) -> list[Path]:
    """`so-ket-YEAR-SUBJECT`.xlsx and .docx in `folder`."""
    stem = folder / f"so-ket-{report.year}-{report.subject_id}"
    return [stem.with_suffix(".xlsx"), stem.with_suffix(".docx")]


def write_report(report: Report, paths: list[Path]) -> None:
    write_xlsx(report, paths[0])
    write_docx(report, paths[1])
