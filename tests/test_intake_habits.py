"""A workbook filled as the district trial filled it: a report copied from Word into Excel, with
its title, its unit note, its column numbers, merged cells, totals and the names typed
without diacritics. Each row's outcome is checked: read as meant, skipped and said, or refused
with the reason."""
from __future__ import annotations

import datetime
import re
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.intake import parse
from generator.intake.plan import NEW, Plan, ledger_site, make_plan
from generator.intake.read import read

from support import PROJECT, TODAY, build_tree

PAIR = "So Thu Nghiem - xa Ch'om"
GIFT = "tham-tang-qua"
# The columns a district office keeps, in its own order: a numbering column first, the amount
# headed without its group ("Tiền mặt"), the source last.
HEADERS = ("STT", "Cặp kết nghĩa", "Ngày", "Ngày kết thúc", "Nội dung hỗ trợ", "Tên hoạt động", "Tiền mặt",
           "Hiện vật (đồng)", "Số hộ", "Nguồn: Tiêu đề", "Nguồn: Nơi đăng", "Nguồn: Ngày đăng")


@pytest.fixture
def project(tmp_path):
    records = build_tree(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: thử\n", encoding="utf-8")
    return records


def _row(title: str, date: object = "15/3/2024", cash: object = None, **more: object) -> dict[str, object]:
    row: dict[str, object] = {"Cặp kết nghĩa": PAIR, "Ngày": date, "Nội dung hỗ trợ": GIFT, "Tên hoạt động": title,
                              "Nguồn: Tiêu đề": "Bao cao so ket", "Nguồn: Nơi đăng": "UBND huyen", "Nguồn: Ngày đăng": "2024"}
    if cash is not None:
        row["Tiền mặt"] = cash
    row.update(more)
    return row


def trial_workbook(path: Path) -> Path:
    """The 'Hoạt động' sheet of the trial: row numbers below are Excel's."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bao cao"
    sheet["A1"] = "BÁO CÁO KẾT QUẢ GIÚP ĐỠ XÃ KẾT NGHĨA NĂM 2024"
    sheet["J2"] = "ĐVT: triệu đồng"
    at = {header: index for index, header in enumerate(HEADERS, start=1)}
    for header, column in at.items():
        sheet.cell(row=3, column=column, value=header)
    for column in at.values():
        sheet.cell(row=4, column=column, value=f"({column})")  # the column-number row
    rows = {
        5: _row("Trao qua Tet", cash=90),  # 90 under "ĐVT: triệu đồng"
        6: _row("Bo giong thon 1", cash=30), 7: _row("Bo giong thon 2"), 8: _row("Bo giong thon 3"),  # merged below
        9: _row("Sach vo nam hoc", date=2024),  # typed 2024 into a dd/mm/yyyy cell
        10: _row("Qua trung thu", date=datetime.datetime(2024, 9, 1), cash="1,5"),  # typed 9/2024: a month
        11: _row("Tap huan", date="15-17/3/2024", cash="-", **{"Hiện vật (đồng)": "không", "Số hộ": "0"}),
        12: _row("Ho tro quy II", date="Quý II/2024", cash=5),
        13: _row("Ngay hoi van hoá, sức khoẻ", date="3/2024", cash=2),
        14: _row("Ao am mua dong", date="20/12/2024", **{"Hiện vật (đồng)": 5000}),
    }
    for number, values in rows.items():
        sheet.cell(row=number, column=at["STT"], value=number - 4)
        for header, value in values.items():
            sheet.cell(row=number, column=at[header], value=value)
    sheet.cell(row=9, column=at["Ngày"]).number_format = "dd/mm/yyyy"
    sheet.cell(row=10, column=at["Ngày"]).number_format = "mm/yyyy"
    sheet.merge_cells(start_row=6, end_row=8, start_column=at["Tiền mặt"], end_column=at["Tiền mặt"])
    sheet.cell(row=15, column=at["Cặp kết nghĩa"], value="Tổng cộng")
    sheet.cell(row=15, column=at["Tiền mặt"], value=128.5)
    book.save(path)
    return path


def _outcomes(plan: Plan) -> dict[int, object]:
    """Each row: its planned record's data, or the messages that keep it out."""
    found: dict[int, object] = {p.row: p.data for p in plan.of_state(NEW)}
    for problem in plan.problems:
        if problem.blocking:
            found.setdefault(problem.row, [])
            if isinstance(found[problem.row], list):
                found[problem.row].append(problem.message)  # type: ignore[union-attr]
    return found


def test_the_trial_workbook_row_by_row(project, tmp_path):
    plan = make_plan(read(trial_workbook(tmp_path / "trial.xlsx")), project, TODAY)
    rows = _outcomes(plan)
    cash = {number: data.get("value", {}).get("delivered", {}).get("cash")
            for number, data in rows.items() if isinstance(data, dict)}
    assert cash[5] == 90_000_000  # the note above the table gives the unit
    for number in (6, 7, 8):  # one amount merged over three rows: asked, never copied three times
        assert isinstance(rows[number], list) and "G6:G8" in rows[number][0] and "của dòng nào" in rows[number][0]
    assert rows[9]["date"] == "2024"
    assert rows[10]["date"] == "2024-09" and cash[10] == 1_500_000
    assert rows[11]["date"] == "2024-03-15" and rows[11]["end_date"] == "2024-03-17"
    assert rows[11]["value"]["delivered"] == {"cash": 0, "in_kind": 0} and rows[11]["beneficiaries"] == {"households": 0}
    assert rows[12] == ["'Quý II/2024' là một quý; sổ ghi ngày, tháng hoặc năm: hãy ghi tháng nếu biết "
                        "(4/2024, 5/2024 hoặc 6/2024), không thì ghi năm (2024)"]
    assert rows[13]["date"] == "2024-03" and rows[13]["title"] == "Ngay hoi van hóa, sức khỏe"
    assert rows[14]["value"]["delivered"] == {"in_kind": 5000}  # "(đồng)" in the header wins over the note
    assert 15 not in rows and 4 not in rows  # the totals row and the column-number row are no records
    warning = next(p for p in plan.problems if p.row == 14 and not p.blocking)
    assert "5000 đồng" in warning.message and "triệu" in warning.message
    assert plan.rows == 10 and plan.rows_in_error() == 4
    notes = list(plan.notes)
    assert "Bao cao: bỏ qua cột A (STT): số thứ tự" in notes
    assert "Bao cao: bỏ qua dòng đánh số cột: dòng 4" in notes and "Bao cao: bỏ qua dòng tổng cộng: dòng 15" in notes
    assert any("dòng 13" in n and "hoá → hóa" in n and "khoẻ → khỏe" in n for n in notes)
    assert not [p for p in plan.problems if p.row == 3]  # every header is known: none ignored


def test_the_trial_plan_as_printed(project, tmp_path, capsys):
    workbook = trial_workbook(tmp_path / "trial.xlsx")
    assert main(["-C", str(project.parent), "import", str(workbook), "--today", TODAY.isoformat()]) == 1
    out = capsys.readouterr().out
    assert "10 dòng số liệu" in out and "Sẽ tạo 6 hồ sơ" in out and "4 dòng có lỗi, không ghi" in out
    assert "Đã tự xử lý: Bao cao: bỏ qua dòng tổng cộng: dòng 15." in out


def test_a_unit_in_the_header_scales_its_column(project, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    headers = ("Cặp kết nghĩa", "Ngày", "Nội dung hỗ trợ", "Tên hoạt động", "Giá trị: Tiền mặt (triệu đồng)",
               "Nguồn: Tiêu đề", "Nguồn: Nơi đăng", "Nguồn: Ngày đăng")
    for column, (header, value) in enumerate(zip(headers, (PAIR, "1/6/2024", GIFT, "Xay nha", "12,35", "Tin", "Bao", "2024"),
                                                 strict=True), start=1):
        sheet.cell(row=1, column=column, value=header)
        sheet.cell(row=2, column=column, value=value)
    book.save(tmp_path / "a.xlsx")
    plan = make_plan(read(tmp_path / "a.xlsx"), project, TODAY)
    [planned] = plan.of_state(NEW)
    assert planned.data["value"]["delivered"]["cash"] == 12_350_000
    assert [p for p in plan.problems if p.blocking] == []


def test_a_money_column_of_no_field_keeps_its_rows_out(project, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    headers = ("Cặp kết nghĩa", "Ngày", "Nội dung hỗ trợ", "Tên hoạt động", "Số tiền hỗ trợ", "Nguồn: Tiêu đề",
               "Nguồn: Nơi đăng", "Nguồn: Ngày đăng")
    for column, (header, value) in enumerate(zip(headers, (PAIR, "1/6/2024", GIFT, "Xay nha", "90.000.000", "Tin", "Bao",
                                                           "2024"), strict=True), start=1):
        sheet.cell(row=1, column=column, value=header)
        sheet.cell(row=2, column=column, value=value)
    book.save(tmp_path / "b.xlsx")
    plan = make_plan(read(tmp_path / "b.xlsx"), project, TODAY)
    assert plan.of_state(NEW) == []  # never written without its amount
    header, row = (p for p in plan.problems if p.blocking)
    assert header.row == 1 and header.column == "E (Số tiền hỗ trợ)" and "'Giá trị: Tiền mặt'" in header.message
    assert row.row == 2 and "90.000.000" in row.message


@pytest.mark.parametrize(("start", "expected"), [("1/3/2024", "xa-tra-leng"), ("1/8/2025", "xa-tra-leng-2025")])
def test_a_commune_is_the_unit_in_force_on_the_row_date(project, tmp_path, start, expected):
    programme = "Ke hoach 1100 (Quang Nam, 2020-2025)" if expected == "xa-tra-leng" else "Ket nghia xa, phuong Da Nang (tu 2025)"
    headers = ("Chương trình", "Đơn vị kết nghĩa", "Địa bàn", "Thời gian: Bắt đầu", "Nguồn: Tiêu đề", "Nguồn: Nơi đăng",
               "Nguồn: Ngày đăng")
    book = openpyxl.Workbook()
    sheet = book.active
    for column, (header, value) in enumerate(zip(headers, (programme, "So Thu Nghiem", "xa Tra Leng", start, "Tin",
                                                           "Bao", start), strict=True), start=1):
        sheet.cell(row=1, column=column, value=header)
        sheet.cell(row=2, column=column, value=value)
    book.save(tmp_path / "c.xlsx")
    plan = make_plan(read(tmp_path / "c.xlsx"), project, TODAY)
    assert [p.message for p in plan.problems if p.blocking] == []
    assert [p.data["locality"] for p in plan.of_state(NEW)] == [expected]


def _same_named(site) -> list[tuple[str, str]]:
    """(old, new) communes of the shipped records whose names fold alike."""
    return sorted((lid, data["successor"]) for lid, data in site.localities.items()
                  if data.get("successor") in site.localities
                  and parse.folded(data["name"]) == parse.folded(site.localities[data["successor"]]["name"]))


def _typed(site, lid: str) -> str:
    return parse.folded(f"{site.label('locality-levels', site.localities[lid]['level'])} {site.localities[lid]['name']}")


def test_every_commune_sharing_its_successor_name_can_be_entered():
    from generator.intake.columns import columns
    from generator.intake.names import names_of

    site = ledger_site(PROJECT / "records", TODAY)
    pairs = _same_named(site)
    assert len(pairs) >= 14
    column = next(c for c in columns("partnership") if c.field.dest == "locality")
    names = names_of(site, column)
    assert names is not None
    before, after = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)
    for old, new in pairs:
        # As typed: no diacritics, the unit's level and name ("xa tra leng"), the same for both
        # units when they share their level too.
        assert names.find(_typed(site, old), "địa bàn", (before, before)) == old
        assert names.find(_typed(site, new), "địa bàn", (after, after)) == new
        # The dropdown says which is which (xã Trà Leng, xã Trà Leng: by district and date; thị trấn
        # and xã Khâm Đức by their level), and each name read back is its own unit.
        if _typed(site, old) == _typed(site, new):
            assert names.shown[old].endswith("30/6/2025)") and names.shown[new].endswith("từ 1/7/2025)")
        assert names.find(names.shown[old], "địa bàn") == old and names.find(names.shown[new], "địa bàn") == new
    assert names.shown["xa-tra-leng"] == "xã Trà Leng (huyện Nam Trà My, đến 30/6/2025)"
    with pytest.raises(parse.Unreadable, match=r"xã Trà Leng \(huyện Nam Trà My, đến 30/6/2025\); xã Trà Leng \(thành"):
        names.find("Tra Leng", "địa bàn", (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)))


def _bad_rows_workbook(path: Path) -> Path:
    """Rows that draw findings from every layer: cells, names, the schema, the ledger's rules."""
    book = openpyxl.Workbook()
    sheets = {
        "Hoạt động": (("Cặp kết nghĩa", "Địa bàn thực hiện", "Ngày", "Nội dung hỗ trợ", "Tên hoạt động", "Giá trị: Tiền mặt",
                       "Nguồn: Tiêu đề", "Nguồn: Nơi đăng", "Nguồn: Ngày đăng", "Nguồn: Đường dẫn", "Tình trạng"), [
            (PAIR, "xa Ch'om", "1/9/2025", GIFT, "Qua sau sap nhap", "1000000", "Tin", "Bao", "2025", "", ""),
            (PAIR, "", "1/9/2019", GIFT, "Qua truoc ket nghia", "1000000", "Tin", "Bao", "2019", "", ""),
            (PAIR, "xa Tra Leng", "1/3/2024", GIFT, "Qua o xa khac", "1000000", "Tin", "Bao", "2024", "ftp://x", ""),
            ("Don vi khong co", "", "Quy 5/2024", "khong biet", "Goi 0905123456", "-5", "Tin", "Bao", "2024", "", "xong"),
            (PAIR, "", "1/3/2030", GIFT, "Tuong lai", "1000000", "Tin", "Bao", "2024", "", "Hoàn thành"),
            ("", "", "", "", "", "", "", "", "", "", "Hoàn thành"),
        ]),
        "Cặp": (("Chương trình", "Đơn vị kết nghĩa", "Địa bàn", "Các xã được nêu tên", "Thời gian: Bắt đầu",
                 "Thời gian: Ngày giả định", "Nguồn: Tiêu đề", "Nguồn: Nơi đăng", "Nguồn: Ngày đăng"), [
            ("Ket nghia xa, phuong Da Nang (tu 2025)", "So Thu Nghiem", "huyen Nam Giang", "xa Tra Leng", "1/1/2024",
             "bắt đầu", "Tin", "Bao", "2024"),
            ("Ke hoach", "So Thu Nghiem", "Tra Leng", "", "2025", "giữa", "Tin", "Bao", "2025"),
        ]),
        "Đơn vị": (("Tên đầy đủ", "Loại đơn vị", "Nguồn: Tiêu đề", "Nguồn: Nơi đăng", "Nguồn: Ngày đăng", "Trang web"), [
            ("Trung tâm Văn hoá huyện", "khong biet", "Tin", "Bao", "2024", "www.x.vn"),
        ]),
    }
    book.remove(book.active)
    for title, (headers, rows) in sheets.items():
        sheet = book.create_sheet(title)
        for number, values in enumerate([headers, *rows], start=1):
            for column, value in enumerate(values, start=1):
                if value:
                    sheet.cell(row=number, column=column, value=value)
    book.save(path)
    return path


def test_every_message_is_in_staff_words(project, tmp_path):
    """No record code, field name, character code or English word reaches a district officer."""
    from generator.intake.columns import columns, importable

    plan = make_plan(read(_bad_rows_workbook(tmp_path / "sai.xlsx")), project, TODAY)
    said = [str(problem) for problem in plan.problems] + list(plan.notes)
    assert len(plan.problems) >= 15
    fields = {key for t in importable() for c in columns(t) for key in c.field.path if isinstance(key, str)}
    for text in said:
        assert not re.search(r"(?<![\w/.:-])[a-z]+\d*(?:-[a-z0-9]+)+(?![\w/-])", text), text  # xa-tra-leng, ke-hoach
        assert "U+" not in text and "hồ sơ đó trước" not in text, text
        english = set(re.findall(r"[A-Za-z_]+", text)) & (fields | {"programme", "aliases", "locality"})
        assert not english, text
    # The cells read in staff words too: "bắt đầu" is the start of the period, and a name with the
    # other tone placement is set right, said once.
    assert not [p for p in plan.problems if p.sheet == "Cặp" and p.row == 2 and "Ngày giả định" in p.column]
    assert "Đơn vị: đặt lại dấu thanh theo cách viết của danh mục hành chính (hoá → hóa): dòng 2" in said


@pytest.mark.parametrize(("text", "scale", "value"), [
    ("90", 1_000_000, 90_000_000), ("1,5", 1_000_000, 1_500_000), ("12,35", 1_000_000, 12_350_000),
    ("1.500", 1_000_000, 1_500_000_000), ("90.000.000 đồng", 1_000_000, 90_000_000), ("2 tỷ", 1_000_000, 2_000_000_000),
    ("500", 1_000, 500_000), ("-", 1, 0), ("–", 1_000_000, 0), ("không", 1, 0), ("0", 1_000_000, 0),
])
def test_amounts_in_a_unit_and_none(text, scale, value):
    assert parse.amount(text, scale) == value


@pytest.mark.parametrize(("header", "unit"), [
    ("Tiền mặt (triệu đồng)", 1_000_000), ("ĐVT: triệu đồng", 1_000_000), ("Đơn vị tính: nghìn đồng", 1_000),
    ("Hiện vật (đồng)", 1), ("Số tiền (tr.đ)", 1_000_000), ("Kinh phí (1.000 đ)", 1_000), ("Giá trị (VNĐ)", 1),
    ("BÁO CÁO NĂM 2024 (ĐVT: tỷ đồng)", 1_000_000_000), ("Cộng đồng", None), ("Tên hoạt động", None), ("Số hộ (hộ)", None),
])
def test_the_unit_a_header_or_a_note_names(header, unit):
    assert parse.unit_of(header) == unit


@pytest.mark.parametrize(("text", "first", "last"), [
    ("15-17/3/2024", "2024-03-15", "2024-03-17"), ("28/2-2/3/2024", "2024-02-28", "2024-03-02"),
    ("15/3/2024 - 17/3/2024", "2024-03-15", "2024-03-17"), ("từ 15/3 đến 17/3/2024", "2024-03-15", "2024-03-17"),
])
def test_a_span_of_days_says_both_ends(text, first, last):
    with pytest.raises(parse.DayRange) as raised:
        parse.date(text)
    assert (raised.value.first, raised.value.last) == (first, last)
    assert parse.date("15-3-2024") == "2024-03-15"  # one day written with dashes stays one day


@pytest.mark.parametrize(("text", "forms"), [
    ("Quý II/2024", "(4/2024, 5/2024 hoặc 6/2024), không thì ghi năm (2024)"),
    ("quy 4 nam 2023", "(10/2023, 11/2023 hoặc 12/2023)"), ("Q1/2025", "(1/2025, 2/2025 hoặc 3/2025)"),
    ("6 tháng đầu năm 2024", "không thì ghi năm (2024)"), ("cuối năm 2023", "không thì ghi năm (2023)"),
])
def test_a_quarter_or_part_of_a_year_is_refused_with_the_forms_to_write(text, forms):
    with pytest.raises(parse.Unreadable, match=re.escape(forms)):
        parse.date(text)


@pytest.mark.parametrize(("value", "number_format", "shown"), [
    (datetime.datetime(2024, 3, 1), "mm/yyyy", "2024-03"), (datetime.datetime(2024, 3, 1), "mmm-yy", "2024-03"),
    (datetime.datetime(2024, 3, 1), '[$-42A]mmmm" năm "yyyy', "2024-03"), (datetime.datetime(2024, 1, 1), "yyyy", "2024"),
    (datetime.datetime(2024, 3, 15), "dd/mm/yyyy", "2024-03-15"), (datetime.datetime(2024, 3, 15, 9, 30), "dd/mm/yyyy hh:mm", "2024-03-15"),
    (datetime.datetime(1905, 7, 16), "dd/mm/yyyy", "2024"),  # 2024 typed into a date cell
])
def test_a_date_cell_at_the_precision_its_format_shows(tmp_path, value, number_format, shown):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"] = "Ngày", value
    sheet["B1"].number_format = number_format
    book.save(tmp_path / "d.xlsx")
    [read_sheet] = read(tmp_path / "d.xlsx")
    assert read_sheet.rows[0].cells["B"] == shown


def test_a_header_of_two_rows_with_its_unit_above(project, tmp_path):
    """A report's table: a group header merged over its columns with the unit, the columns
    below it, the other headers merged down over both rows; a unit note beside the headers."""
    book = openpyxl.Workbook()
    sheet = book.active
    top = ("STT", "Cặp kết nghĩa", "Ngày", "Nội dung hỗ trợ", "Tên hoạt động", "Giá trị hỗ trợ (triệu đồng)", None,
           "Nguồn: Tiêu đề", "Nguồn: Nơi đăng", "Nguồn: Ngày đăng", "ĐVT: đồng")
    for column, text in enumerate(top, start=1):
        if text:
            sheet.cell(row=1, column=column, value=text)
        if column not in (6, 7, 11):
            sheet.merge_cells(start_row=1, end_row=2, start_column=column, end_column=column)
    sheet.merge_cells("F1:G1")
    sheet["F2"], sheet["G2"] = "Tiền mặt", "Hiện vật"
    for column, value in enumerate((1, PAIR, "1/6/2024", GIFT, "Xay nha", "12,5", 3, "Tin", "Bao", "2024"), start=1):
        sheet.cell(row=3, column=column, value=value)
    book.save(tmp_path / "h.xlsx")
    plan = make_plan(read(tmp_path / "h.xlsx"), project, TODAY)
    assert [p for p in plan.problems if p.blocking] == []
    [planned] = plan.of_state(NEW)
    # The group header's unit is the first said above the columns; the note is not a column.
    assert planned.data["value"]["delivered"] == {"cash": 12_500_000, "in_kind": 3_000_000}
