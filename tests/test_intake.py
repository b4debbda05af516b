"""The spreadsheet route: the template staff fill, and the import that plans before it writes."""
from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.intake import parse
from generator.intake.columns import columns
from generator.intake.plan import NEW, ledger_site, make_plan
from generator.intake.read import read
from generator.intake.template import LISTS, sheet_title, template
from generator.validate import validate_tree

from support import PROJECT, TODAY, build_tree

# What the staff member types: no diacritics, dd/mm/yyyy, amounts with dots.
PARTNERSHIPS = ("So Thu Nghiem - xa Ch'om", "tam ky huyen tay giang")
CATEGORIES = ("Tap huan, huong dan cach lam an, to chuc san xuat - kinh doanh, chi tieu tiet kiem", "tham-tang-qua",
              "Mô hình sinh kế, nhóm hộ, câu lạc bộ, tổ hợp tác, hợp tác xã")


@pytest.fixture
def project(tmp_path):
    records = build_tree(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: thử\n", encoding="utf-8")
    return records


def _template(records: Path, path: Path, record_type: str = "activity") -> openpyxl.Workbook:
    template(ledger_site(records, TODAY), record_type, path)
    return openpyxl.load_workbook(path)


def _letter(record_type: str, header: str) -> str:
    """The column of `header` in the template (the registry's field order)."""
    return openpyxl.utils.get_column_letter([c.header for c in columns(record_type)].index(header) + 1)


def _header_letters(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1] if cell.value}


def staff_workbook(records: Path, path: Path) -> Path:
    """40 rows as a staff member fills the template: 37 good rows, two bad ones, one duplicate."""
    book = _template(records, path)
    sheet = book[sheet_title("activity")]
    at = _header_letters(sheet)
    rows = []
    for i in range(37):
        rows.append({
            "Cặp kết nghĩa": PARTNERSHIPS[i % 2],
            "Ngày": f"{i % 28 + 1}/{i % 12 + 1}/2024",
            "Nội dung hỗ trợ": CATEGORIES[i % 3],
            "Tên hoạt động": f"Ho tro thon {i + 1}",
            "Giá trị: Tiền mặt": f"{i + 10}.000.000",
            "Người hưởng lợi: Số hộ": str(i + 5),
            "Nguồn: Tiêu đề": "Bao cao so ket nam 2024",
            "Nguồn: Nơi đăng": "So Thu Nghiem",
            "Nguồn: Ngày đăng": "20/12/2024",
        })
    rows.insert(10, dict(rows[0], **{"Ngày": "31/2/2024", "Tên hoạt động": "Ngay khong co"}))
    rows.insert(20, dict(rows[1], **{"Cặp kết nghĩa": "Don vi khong co - xa Ch'om", "Tên hoạt động": "Cap khong co"}))
    # The record tests/cases/base already holds, retold: same partnership, day and amount.
    rows.append(dict(rows[1], **{"Ngày": "10/5/2023", "Tên hoạt động": "Tap huan chan nuoi",
                                 "Giá trị: Tiền mặt": "15 triệu", "Nguồn: Ngày đăng": "11/5/2023"}))
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            sheet.cell(row=number, column=at[header], value=value)
    book.save(path)
    return path


def test_template_has_guide_dropdowns_and_formats(project, tmp_path):
    book = _template(project, tmp_path / "mau.xlsx")
    assert book.sheetnames[0] == "Hướng dẫn"
    sheet = book[sheet_title("activity")]
    assert [c.value for c in sheet[1]] == [c.header for c in columns("activity")] + ["Mã hồ sơ", "Rút lại"]
    assert book[LISTS].sheet_state == "hidden"
    lists = {col[0].value: [v.value for v in col[1:] if v.value] for col in book[LISTS].iter_cols()}
    assert "Sở Thử Nghiệm – xã Ch'ơm" in lists["Cặp kết nghĩa"]
    assert "Hoàn thành" in lists["Tình trạng"]
    validated = {str(v.sqref).split(":")[0] for v in sheet.data_validations.dataValidation}
    at = _header_letters(sheet)
    assert f"{openpyxl.utils.get_column_letter(at['Cặp kết nghĩa'])}2" in validated
    assert sheet.cell(row=2, column=at["Ngày"]).number_format == "@"  # text as typed: 3/2024 stays a month
    assert sheet.cell(row=2, column=at["Giá trị: Tiền mặt"]).number_format == "#,##0"


def test_forty_rows_as_staff_fill_them(project, tmp_path, capsys):
    workbook = staff_workbook(project, tmp_path / "so-ket-2024.xlsx")
    args = ["-C", str(project.parent), "import", str(workbook), "--today", TODAY.isoformat()]
    assert main(args) == 1  # two rows to fix
    out = capsys.readouterr().out
    date, pair = _letter("activity", "Ngày"), _letter("activity", "Cặp kết nghĩa")
    assert "40 dòng số liệu" in out and "Sẽ tạo 37 hồ sơ" in out
    assert f"Hoạt động, dòng 12, cột {date} (Ngày): '31/2/2024' không phải một ngày có thật" in out
    assert (f"Hoạt động, dòng 22, cột {pair} (Cặp kết nghĩa): không có cặp kết nghĩa nào tên 'Don vi khong co - xa Ch'om'; "
            "có phải: Sở Thử Nghiệm – xã Ch'ơm?") in out
    assert "Hoạt động, dòng 41: có thể trùng với hồ sơ đã có 2023-05-10-tap-huan" in out
    assert not list((project / "activities" / "2024").glob("*.yaml"))  # a plan writes nothing

    assert main(args + ["--write"]) == 1
    written = sorted((project / "activities" / "2024").glob("*.yaml"))
    assert len(written) == 37
    assert not list((project / "activities" / "2023").glob("*chan-nuoi*"))
    result = validate_tree(project, TODAY)
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    first = (project / "activities" / "2024" / "2024-01-01-ho-tro-thon-1.yaml").read_text(encoding="utf-8")
    assert "partnership: don-vi-a-xa-ch-om" in first and "cash: 10000000" in first and "households: 5" in first
    assert "category: tap-huan-lam-an" in first and "# Cặp kết nghĩa" in first
    capsys.readouterr()

    before = {p: p.read_bytes() for p in written}
    assert main(args + ["--write"]) == 1
    assert "37 dòng đã có trong sổ, không đổi" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in sorted((project / "activities" / "2024").glob("*.yaml"))} == before


def test_imported_record_is_what_new_writes(project, tmp_path):
    workbook = staff_workbook(project, tmp_path / "a.xlsx")
    plan = make_plan(read(workbook), project, TODAY)
    planned = next(p for p in plan.records if p.data["title"] == "Ho tro thon 3")
    flags = ["--partnership", "don-vi-a-xa-ch-om", "--date", "2024-03-03", "--category", "mo-hinh-sinh-ke",
             "--title", "Ho tro thon 3", "--cash", "12000000", "--households", "7",
             "--source-title", "Bao cao so ket nam 2024", "--source-publisher", "So Thu Nghiem",
             "--source-date", "2024-12-20"]
    assert main(["new", "activity", "--records", str(project), "--today", TODAY.isoformat(), *flags]) == 0
    assert planned.path.read_text(encoding="utf-8") == planned.text


def test_csv_with_merged_style_blanks_and_bom(project, tmp_path):
    path = tmp_path / "bang.csv"
    path.write_bytes("\ufeffNgày;Cặp kết nghĩa;Tên hoạt động;Nội dung hỗ trợ;Tiền mặt;Nguồn: Tiêu đề;Nguồn: Nơi đăng;"
                     "Nguồn: Ngày đăng;;\r\n15-3-2024;Sở Thử Nghiệm – xã Ch'ơm ;Trao bò  giống\t;tham-tang-qua;"
                     "1,5 tỷ;Tin;Báo;2024;;\r\n;;;;;;;;;\r\n".encode())
    plan = make_plan(read(path), project, TODAY)
    assert plan.problems == [] and plan.rows == 1
    [planned] = plan.of_state(NEW)
    assert planned.data["date"] == "2024-03-15" and planned.data["title"] == "Trao bò giống"
    assert planned.data["value"]["delivered"]["cash"] == 1_500_000_000


def test_merged_cells_and_formulas(project, tmp_path):
    book = _template(project, tmp_path / "m.xlsx")
    sheet = book[sheet_title("activity")]
    at = _header_letters(sheet)
    for row in (2, 3):
        for header, value in (("Cặp kết nghĩa", PARTNERSHIPS[0]), ("Nội dung hỗ trợ", "tham-tang-qua"),
                              ("Tên hoạt động", f"Qua tet thon {row}"), ("Nguồn: Tiêu đề", "Tin"),
                              ("Nguồn: Nơi đăng", "Báo"), ("Nguồn: Ngày đăng", "2024")):
            sheet.cell(row=row, column=at[header], value=value)
    sheet.cell(row=2, column=at["Ngày"], value=datetime.datetime(2024, 2, 1))
    sheet.merge_cells(start_row=2, end_row=3, start_column=at["Ngày"], end_column=at["Ngày"])
    sheet.cell(row=2, column=at["Giá trị: Tiền mặt"], value="=2*5000000")  # no cached value: never opened in Excel
    book.save(tmp_path / "m.xlsx")
    plan = make_plan(read(tmp_path / "m.xlsx"), project, TODAY)
    assert [p.data["date"] for p in plan.records] == ["2024-02-01"]
    [problem] = [p for p in plan.problems if p.blocking]
    assert problem.row == 2 and "công thức" in problem.message and "Tiền mặt" in problem.column


@pytest.mark.parametrize(("text", "value"), [
    ("15/3/2024", "2024-03-15"), ("15-3-2024", "2024-03-15"), ("15.03.2024", "2024-03-15"), ("2024", "2024"),
    ("3/2024", "2024-03"), ("tháng 3/2024", "2024-03"), ("2024-03-15", "2024-03-15"), ("ngày 1/7/2025", "2025-07-01"),
])
def test_dates_as_staff_write_them(text, value):
    assert parse.date(text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("90.000.000", 90_000_000), ("90,000,000", 90_000_000), ("90 triệu", 90_000_000), ("1,5 tỷ", 1_500_000_000),
    ("90000000 đồng", 90_000_000), ("500 nghìn", 500_000), ("2,5 trieu", 2_500_000), ("90.000.000đ", 90_000_000),
    ("1.5 tỷ", 1_500_000_000), ("0", 0),
])
def test_amounts_as_staff_write_them(text, value):
    assert parse.amount(text) == value


@pytest.mark.parametrize("text", ["khoảng 5 triệu", "90.5", "-3.000.000", "5 đô", "1,2345 đồng"])
def test_unreadable_amounts_say_how_to_write_them(text):
    with pytest.raises(parse.Unreadable, match="90 triệu|số âm"):
        parse.amount(text)


def test_names_fold_diacritics_and_tone_placement():
    assert parse.folded("Xã Hoà Phước") == parse.folded("xa hòa phuoc") == "xa hoa phuoc"
    assert parse.folded("Đắc Pring") == "dac pring"
    assert parse.nearest("tra leg", ["Trà Leng", "Trà Dơn", "Phước Chánh"]) == ["Trà Leng"]
    # As the site's search folds them: Ch'ơm, Ch’ơm and Chơm are one name.
    assert parse.folded("xã Ch'ơm") == parse.folded("xa Ch’ơm") == parse.folded("Xã Chơm") == "xa chom"


def test_a_cell_written_is_never_a_formula_even_after_cleaning():
    from generator.intake.cells import put

    sheet = openpyxl.Workbook().active
    for column, text in enumerate(("=1+1", "\x01=HYPERLINK(\"x\")", "@SUM(A1)", "Trà Leng"), 1):
        put(sheet, 1, column, text)
    cells = [sheet.cell(row=1, column=c) for c in range(1, 5)]
    assert [c.value for c in cells] == ["=1+1", "=HYPERLINK(\"x\")", "@SUM(A1)", "Trà Leng"]
    assert [c.data_type for c in cells] == ["s"] * 4
    assert [bool(c.quotePrefix) for c in cells] == [True, True, True, False]


def test_no_traceback_for_files_it_cannot_read(project, tmp_path, capsys):
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"not a zip")
    old = tmp_path / "cu.xls"
    old.write_bytes(b"\xd0\xcf")
    assert main(["-C", str(project.parent), "import", str(bad), str(old)]) == 1
    err = capsys.readouterr().err
    assert "không mở được sổ làm việc" in err and "lưu lại dạng .xlsx" in err


def test_record_text_is_what_new_renders_for_every_shipped_record():
    from generator.intake.text import RecordText
    from generator.loader import load_file
    from generator.records import RECORD_TYPES
    from generator.scaffold import render
    from generator.schema_shape import SchemaShape

    shape = SchemaShape()
    writer = RecordText(shape)
    for path in sorted((PROJECT / "records").rglob("*.yaml")):
        record_type = RECORD_TYPES[path.relative_to(PROJECT / "records").parts[0]]
        if record_type == "vocabulary":
            continue
        depth = len(path.relative_to(PROJECT / "records").parts) - 1
        data = load_file(path, str(path))[0].data
        assert writer.text(record_type, data, depth) == render(record_type, data, depth, shape), path


def test_github_format_writes_the_plan_to_the_job_summary(project, tmp_path, monkeypatch, capsys):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    workbook = staff_workbook(project, tmp_path / "so-ket.xlsx")
    assert main(["-C", str(project.parent), "import", str(workbook), "--format", "github",
                 "--today", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out
    assert "::error file=" in out and "dòng 12" in out
    text = summary.read_text(encoding="utf-8")
    assert "37 hồ sơ sẽ tạo" in text and f"| ` Hoạt động ` | 12 | ` {_letter('activity', 'Ngày')} (Ngày) ` |" in text


def test_partnerships_template_and_import(project, tmp_path):
    book = _template(project, tmp_path / "cap.xlsx", "partnership")
    sheet = book[sheet_title("partnership")]
    at = _header_letters(sheet)
    for header, value in (("Chương trình", "Ke hoach 1100 (Quang Nam, 2020-2025)"), ("Đơn vị kết nghĩa", "So Thu Nghiem; Tam Ky"), ("Địa bàn", "xa A Vuong"),
                          ("Thời gian: Bắt đầu", "1/1/2021"), ("Thời gian: Kết thúc", "31/12/2025"),
                          ("Nguồn: Tiêu đề", "Ky ket giao uoc"), ("Nguồn: Nơi đăng", "Bao Quang Nam"),
                          ("Nguồn: Ngày đăng", "3/2021")):
        sheet.cell(row=2, column=at[header], value=value)
    book.save(tmp_path / "cap.xlsx")
    plan = make_plan(read(tmp_path / "cap.xlsx"), project, TODAY)
    assert [p for p in plan.problems if p.blocking] == []
    [planned] = plan.of_state(NEW)
    assert planned.data["sponsors"] == ["don-vi-a", "don-vi-b"] and planned.data["locality"] == "xa-a-vuong"
    assert planned.data["programme"] == "qd-1100-2020-2025"
    assert planned.data["period"] == {"start": "2021-01-01", "end": "2025-12-31"}


def test_odd_cells_give_problems_never_a_traceback(project, tmp_path):
    book = _template(project, tmp_path / "la.xlsx")
    sheet = book[sheet_title("activity")]
    at = _header_letters(sheet)
    odd = [datetime.time(12, 30), True, 1e30, -5, "=HYPERLINK(\"x\")", "  ", 3.5, "null", "'", "- x", "#"]
    for row, value in enumerate(odd, start=2):
        for header in ("Cặp kết nghĩa", "Ngày", "Nội dung hỗ trợ", "Tên hoạt động", "Giá trị: Tiền mặt",
                       "Người hưởng lợi: Số hộ", "Nguồn: Tiêu đề", "Nguồn: Nơi đăng", "Nguồn: Ngày đăng"):
            sheet.cell(row=row, column=at[header], value=value)
    sheet.cell(row=20, column=60, value="cột thừa")
    book.save(tmp_path / "la.xlsx")
    plan = make_plan(read(tmp_path / "la.xlsx"), project, TODAY)
    assert plan.records == [] and plan.problems
    assert all(str(problem) for problem in plan.problems)
