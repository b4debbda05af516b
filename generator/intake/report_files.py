"""A sơ kết report (generator/intake/report.py) as the files staff file: .xlsx and .docx."""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ..site import formats
from .cells import put
from .report import COLUMNS, MONEY_COLUMNS, Report, summary_lines

_NUMBER = "#,##0"


def write_xlsx(report: Report, path: Path) -> None:
    book = Workbook()
    head = book.active
    assert head is not None
    head.title = "Tổng hợp"
    put(head, 1, 1, report.title).font = Font(bold=True, size=14)
    row = 3
    for what, figure in summary_lines(report):
        put(head, row, 1, what)
        put(head, row, 2, figure)
        row += 1
    row += 1
    for column, header in enumerate(("Nhóm nội dung", "Hoạt động", "Kế hoạch (đồng)", "Đã thực hiện (đồng)"), start=1):
        put(head, row, column, header).font = Font(bold=True)
    for line in report.groups:
        row += 1
        put(head, row, 1, line.label)
        for column, amount in enumerate((line.totals.activities, line.totals.planned, line.totals.delivered), start=2):
            put(head, row, column, amount, _NUMBER)
    head.column_dimensions["A"].width = 60
    head.column_dimensions["B"].width = 30
    head.column_dimensions["C"].width = 20
    head.column_dimensions["D"].width = 20

    sheet = book.create_sheet("Hoạt động")
    for column, header in enumerate(COLUMNS, start=1):
        cell = put(sheet, 1, column, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    money = {COLUMNS.index(c) for c in MONEY_COLUMNS}
    for number, values in enumerate(report.rows, start=2):
        for index, value in enumerate(values):
            # Not reported stays an empty cell, never 0.
            put(sheet, number, index + 1, value, _NUMBER if index in money else None)
    for letter, width in zip("ABCDEFGHIJKL", (12, 24, 36, 30, 36, 50, 16, 18, 18, 10, 10, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    book.save(path)


def write_docx(report: Report, path: Path) -> None:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    document.add_heading(report.title, level=1)
    document.add_heading("I. Kết quả chung", level=2)
    for what, figure in summary_lines(report):
        document.add_paragraph(f"{what}: {figure}.", style="List Bullet")
    document.add_heading("II. Theo nhóm nội dung của Kế hoạch", level=2)
    groups = document.add_table(rows=1, cols=3)
    groups.style = "Table Grid"
    for cell, text in zip(groups.rows[0].cells, ("Nhóm nội dung", "Hoạt động", "Đã thực hiện"), strict=True):
        cell.text = text
    for line in report.groups:
        cells = groups.add_row().cells
        cells[0].text = line.label
        cells[1].text = formats.number(line.totals.activities)
        cells[2].text = formats.dong(line.totals.delivered) if line.totals.activities else "không có hoạt động"
    document.add_heading("III. Các hoạt động", level=2)
    if not report.rows:
        document.add_paragraph("Sổ chưa ghi hoạt động nào trong năm.")
    shown = ("Ngày", "Địa bàn", "Nội dung hỗ trợ", "Tên hoạt động", "Đã thực hiện (đồng)", "Số hộ", "Nguồn")
    positions = [COLUMNS.index(c) for c in shown]
    table = document.add_table(rows=1, cols=len(shown))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, shown, strict=True):
        cell.text = text
    for values in report.rows:
        cells = table.add_row().cells
        for cell, index in zip(cells, positions, strict=True):
            value = values[index]
            cell.text = formats.number(value) if isinstance(value, int) else ("" if value is None else str(value))
    document.add_paragraph(
        "Số liệu lấy từ sổ kết nghĩa công khai; ô trống là chưa có báo cáo, không phải bằng không. "
        "Hoạt động đã huỷ không được cộng vào tổng.")
    document.save(str(path))


def write_report(report: Report, stem: Path) -> list[Path]:
    """Both files, `stem`.xlsx and `stem`.docx; returns their paths."""
    paths = [stem.with_suffix(".xlsx"), stem.with_suffix(".docx")]
    write_xlsx(report, paths[0])
    write_docx(report, paths[1])
    return paths
