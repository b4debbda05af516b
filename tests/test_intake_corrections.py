"""Corrections from a workbook: export, edit in Excel, import again; one workbook, one run."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator.cli import main
from generator.intake.export import Selection, rows, selected
from generator.intake.plan import NEW, UNCHANGED, make_plan, read_ledger, removed
from generator.intake.read import read
from generator.intake.template import sheet_title
from generator.validate import validate_tree

from support import TODAY, build_tree

PAIR = "don-vi-a-xa-ch-om"
# Invented activities of one partnership in 2024 (and one of 2025, which an export of 2024 leaves out).
ACTIVITIES = {
    "2024-03-15-trao-bo-giong": ("2024-03-15", "Trao bò giống cho hộ nghèo", "cash: 90000000", "tham-tang-qua"),
    "2024-05-10-tap-huan-nuoi-heo": ("2024-05-10", "Tập huấn nuôi heo", "cash: 20000000", "tap-huan-lam-an"),
    "2024-08-01-qua-trung-thu": ("2024-08-01", "Tặng quà trung thu", "in_kind: 15000000", "tham-tang-qua"),
    "2024-10-02-sua-nha-van-hoa": ("2024-10-02", "Sửa nhà văn hóa thôn 2", "cash: 50000000", "tham-tang-qua"),
    "2025-02-01-qua-tet": ("2025-02-01", "Quà Tết cho hộ nghèo", "cash: 30000000", "tham-tang-qua"),
}


def _activity(record_id: str, date: str, title: str, amount: str, category: str) -> str:
    return (f"# yaml-language-server: $schema=../../../schemas/activity.schema.json\nid: {record_id}\n"
            f"partnership: {PAIR}\ndate: \"{date}\"\ncategory: {category}\nstatus: hoan-thanh\ntitle: {title}\n"
            "# Số liệu theo báo cáo sơ kết của đơn vị.\n"
            f"value:\n  delivered:\n    {amount}\nsources:\n  - title: Báo cáo thử nghiệm\n"
            f"    publisher: Đơn vị thử nghiệm\n    date: \"{date[:4]}-12-20\"\n  - title: Bài báo thử nghiệm thứ hai\n"
            f"    publisher: Báo thử nghiệm\n    date: \"{date[:4]}-12-21\"\n")


@pytest.fixture
def project(tmp_path):
    records = build_tree(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: thử\n", encoding="utf-8")
    for record_id, (date, title, amount, category) in ACTIVITIES.items():
        folder = records / "activities" / date[:4]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{record_id}.yaml").write_text(_activity(record_id, date, title, amount, category), encoding="utf-8")
    assert [d for d in validate_tree(records, TODAY).diagnostics if d.severity == "error"] == []
    return records


def _tree(records: Path) -> dict[str, bytes]:
    return {str(p.relative_to(records)): p.read_bytes() for p in sorted(records.rglob("*.yaml"))}


def _rows_by_id(sheet) -> tuple[dict[str, int], dict[str, int]]:
    at = {cell.value: cell.column for cell in sheet[1] if cell.value}
    by_id = {sheet.cell(row=r, column=at["Mã hồ sơ"]).value: r for r in range(2, sheet.max_row + 1)
             if sheet.cell(row=r, column=at["Mã hồ sơ"]).value}
    return at, by_id


def test_export_correct_withdraw_and_import_again(project, tmp_path, capsys):
    root, today = str(project.parent), TODAY.isoformat()
    out = tmp_path / "cap-2024.xlsx"
    export = ["-C", root, "export", "activities", str(out), "--partnership", PAIR, "--year", "2024", "--today", today]
    assert main(export) == 0
    assert "Đã xuất 4 hoạt động" in capsys.readouterr().out
    assert main(export) == 2  # never overwritten without --force
    assert "--force" in capsys.readouterr().err

    # Imported unchanged, the export changes nothing.
    before = _tree(project)
    importing = ["-C", root, "import", str(out), "--today", today]
    assert main(importing + ["--write"]) == 0
    assert "4 dòng đã có trong sổ, không đổi" in capsys.readouterr().out
    assert _tree(project) == before

    book = openpyxl.load_workbook(out)
    sheet = book[sheet_title("activity")]
    at, by_id = _rows_by_id(sheet)
    assert list(by_id) == [r for r in ACTIVITIES if r.startswith("2024")]  # in date order, 2025 left out
    assert sheet.cell(row=by_id["2024-03-15-trao-bo-giong"], column=at["Giá trị: Tiền mặt"]).value == 90_000_000
    sheet.cell(row=by_id["2024-03-15-trao-bo-giong"], column=at["Giá trị: Tiền mặt"], value="95.000.000")
    sheet.cell(row=by_id["2024-05-10-tap-huan-nuoi-heo"], column=at["Ngày"], value="2/1/2025")
    sheet.cell(row=by_id["2024-08-01-qua-trung-thu"], column=at["Tên hoạt động"],
               value="Tặng quà trung thu cho 50 em học sinh")
    sheet.cell(row=by_id["2024-10-02-sua-nha-van-hoa"], column=at["Rút lại"], value="x")
    book.save(out)

    assert main(importing) == 0
    plan = capsys.readouterr().out
    assert "dòng 2, Tiền mặt: 90.000.000 → 95.000.000" in plan
    assert "dòng 3, Ngày: 10/5/2024 → 2/1/2025" in plan
    assert "dòng 4, Tên hoạt động: Tặng quà trung thu → Tặng quà trung thu cho 50 em học sinh" in plan
    assert "Sẽ sửa 3 hồ sơ" in plan and "Sẽ rút lại (xoá tệp) 1 hồ sơ" in plan and "Sẽ tạo" not in plan
    assert "trùng" not in plan  # a better title is the same record, not a duplicate
    assert _tree(project) == before  # a plan writes nothing

    planned = make_plan(read(out), project, TODAY)
    assert sorted(str(p.relative_to(project)) for p in removed(planned)) == [
        "activities/2024/2024-05-10-tap-huan-nuoi-heo.yaml", "activities/2024/2024-10-02-sua-nha-van-hoa.yaml"]
    manifest = tmp_path / "manifest.txt"
    assert main(importing + ["--write", "--manifest", str(manifest)]) == 0
    after = _tree(project)
    assert "activities/2024/2024-10-02-sua-nha-van-hoa.yaml" not in after  # withdrawn
    # The writing workflow commits the manifest's paths, a removed file among them: every
    # written, moved and withdrawn file is listed.
    assert sorted(manifest.read_text(encoding="utf-8").split()) == sorted(f"records/{name}" for name in [
        "activities/2024/2024-03-15-trao-bo-giong.yaml", "activities/2024/2024-05-10-tap-huan-nuoi-heo.yaml",
        "activities/2024/2024-08-01-qua-trung-thu.yaml", "activities/2024/2024-10-02-sua-nha-van-hoa.yaml",
        "activities/2025/2024-05-10-tap-huan-nuoi-heo.yaml"])
    # The new date moves the record to its year's folder under the same code: no second record.
    assert "activities/2024/2024-05-10-tap-huan-nuoi-heo.yaml" not in after
    moved = after["activities/2025/2024-05-10-tap-huan-nuoi-heo.yaml"].decode()
    assert 'date: "2025-01-02"' in moved
    corrected = after["activities/2024/2024-03-15-trao-bo-giong.yaml"].decode()
    assert "cash: 95000000" in corrected and "# Số liệu theo báo cáo sơ kết của đơn vị." in corrected
    assert "Bài báo thử nghiệm thứ hai" in corrected  # a second source, which the workbook has no column for, is kept
    retitled = after["activities/2024/2024-08-01-qua-trung-thu.yaml"].decode()
    assert "title: Tặng quà trung thu cho 50 em học sinh" in retitled
    assert sum(1 for name in after if name.startswith("activities/")) == sum(
        1 for name in before if name.startswith("activities/")) - 1
    assert [d for d in validate_tree(project, TODAY).diagnostics if d.severity == "error"] == []
    capsys.readouterr()

    # The same workbook again: nothing left to do.
    assert main(importing + ["--write"]) == 0
    assert "3 dòng đã có trong sổ, không đổi" in capsys.readouterr().out
    assert _tree(project) == after


def test_export_by_sponsor_locality_and_names(project, tmp_path, capsys):
    known = read_ledger(project, TODAY)
    site = known.site
    assert selected(site, "activity", Selection(sponsor="don-vi-a", year="2025")) == ["2025-02-01-qua-tet"]
    # A district holds its communes: xã Ch'ơm is in huyện Tây Giang.
    in_district = selected(site, "activity", Selection(locality="huyen-tay-giang"))
    assert "2024-03-15-trao-bo-giong" in in_district and "2023-05-10-tap-huan" in in_district
    assert selected(site, "partnership", Selection(sponsor="don-vi-b")) == ["don-vi-b-huyen-tay-giang"]
    [(record_id, cells)] = rows(site, "activity", ["2025-02-01-qua-tet"])
    assert record_id == "2025-02-01-qua-tet" and "Sở Thử Nghiệm – xã Ch'ơm" in cells
    out = tmp_path / "x.xlsx"
    assert main(["-C", str(project.parent), "export", "partnerships", str(out), "--sponsor", "So Thu Nghiem",
                 "--today", TODAY.isoformat()]) == 0
    assert "Đã xuất 1 cặp kết nghĩa" in capsys.readouterr().out
    plan = make_plan(read(out), project, TODAY, known)
    assert [p.state for p in plan.records] == [UNCHANGED] and plan.problems == []


def test_a_partnership_withdrawn_with_its_activities_left_is_refused(project, tmp_path, capsys):
    out = tmp_path / "cap.xlsx"
    root = str(project.parent)
    assert main(["-C", root, "export", "partnerships", str(out), "--partnership", PAIR, "--today", TODAY.isoformat()]) == 0
    book = openpyxl.load_workbook(out)
    sheet = book[sheet_title("partnership")]
    at, by_id = _rows_by_id(sheet)
    sheet.cell(row=by_id[PAIR], column=at["Rút lại"], value="x")
    book.save(out)
    before = _tree(project)
    assert main(["-C", root, "import", str(out), "--write", "--today", TODAY.isoformat()]) == 1
    out_text = capsys.readouterr().out
    assert "dòng 2: sau thay đổi của dòng này, 5 lỗi sẽ xuất hiện ở hồ sơ khác" in out_text
    assert "2024-03-15-trao-bo-giong.yaml: không có hồ sơ 'Sở Thử Nghiệm – xã Ch'ơm'" in out_text  # named as staff name it
    assert _tree(project) == before


def test_a_partnership_and_its_activities_in_one_workbook(project, tmp_path):
    """Item 6: the activity rows name a pair that the same workbook creates."""
    from generator.intake.template import workbook, workbook_bytes

    site = read_ledger(project, TODAY).site
    book = workbook(site, "partnership")
    pairs = book[sheet_title("partnership")]
    at = {cell.value: cell.column for cell in pairs[1] if cell.value}
    for header, value in (("Chương trình", "Ke hoach 1100 (Quang Nam, 2020-2025)"), ("Đơn vị kết nghĩa", "Tam Ky"),
                          ("Địa bàn", "xa A Vuong"), ("Thời gian: Bắt đầu", "1/1/2021"),
                          ("Nguồn: Tiêu đề", "Ky ket giao uoc"), ("Nguồn: Nơi đăng", "Bao Quang Nam"),
                          ("Nguồn: Ngày đăng", "3/2021")):
        pairs.cell(row=2, column=at[header], value=value)
    activities_book = workbook(site, "activity")
    source = activities_book[sheet_title("activity")]
    sheet = book.create_sheet(sheet_title("activity"))
    for row in source.iter_rows(min_row=1, max_row=1):
        for cell in row:
            sheet.cell(row=1, column=cell.column, value=cell.value)
    at = {cell.value: cell.column for cell in sheet[1] if cell.value}
    for number, title in ((2, "Trao qua cho xa A Vuong"), (3, "Tap huan cho xa A Vuong")):
        for header, value in (("Cặp kết nghĩa", "Tam Ky - xa A Vuong"), ("Ngày", f"{number}/3/2022"),
                              ("Nội dung hỗ trợ", "tham-tang-qua"), ("Tên hoạt động", title),
                              ("Giá trị: Tiền mặt", "10 triệu"), ("Nguồn: Tiêu đề", "Bao cao"),
                              ("Nguồn: Nơi đăng", "Tam Ky"), ("Nguồn: Ngày đăng", "20/12/2022")):
            sheet.cell(row=number, column=at[header], value=value)
    path = tmp_path / "ca-hai.xlsx"
    path.write_bytes(workbook_bytes(book))
    assert main(["-C", str(project.parent), "import", str(path), "--write", "--today", TODAY.isoformat()]) == 0
    assert (project / "partnerships" / "don-vi-b-xa-a-vuong.yaml").exists()
    written = sorted(p.name for p in (project / "activities" / "2022").glob("*.yaml"))
    assert written == ["2022-03-02-trao-qua-cho-xa-a-vuong.yaml", "2022-03-03-tap-huan-cho-xa-a-vuong.yaml"]
    assert "partnership: don-vi-b-xa-a-vuong" in (project / "activities" / "2022" / written[0]).read_text(encoding="utf-8")
    assert [d for d in validate_tree(project, TODAY).diagnostics if d.severity == "error"] == []
    plan = make_plan(read(path), project, TODAY)
    assert {p.state for p in plan.records} == {UNCHANGED} and NEW not in {p.state for p in plan.records}


def test_workbooks_are_byte_identical(project):
    from generator.intake.export import export_bytes

    site = read_ledger(project, TODAY).site
    first, count = export_bytes(site, "activity", Selection(partnership=PAIR))
    assert count == 5 and export_bytes(site, "activity", Selection(partnership=PAIR))[0] == first
    # Nothing in it says when it was made: openpyxl's time of saving is replaced, every entry dated alike.
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2020, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(created|modified)[^>]*>([^<]*)<", core) == [
        ("created", "2020-01-01T00:00:00Z"), ("modified", "2020-01-01T00:00:00Z")]


@pytest.mark.parametrize("record_type", ["activity", "partnership"])
def test_every_shipped_record_reads_back_unchanged(record_type, tmp_path):
    """The site's pre-filled workbooks hold the shipped records: each row must read back as its
    record (names two units share, as xã La Dêê before and after 2025, are written as codes)."""
    from generator.intake.export import export_bytes

    from support import PROJECT

    known = read_ledger(PROJECT / "records", TODAY)
    data, count = export_bytes(known.site, record_type, Selection())
    assert count == len(known.site.records[record_type]) > 20
    path = tmp_path / "so.xlsx"
    path.write_bytes(data)
    plan = make_plan(read(path), PROJECT / "records", TODAY, known)
    assert plan.problems == []
    assert [p.state for p in plan.records] == [UNCHANGED] * count


def test_a_row_sent_again_with_a_new_amount_updates_what_it_wrote(project, tmp_path, capsys):
    """The trial's complaint: a fixed amount re-sent was 'kept as it was'. A row without a code
    whose record is in the ledger (same day and title) updates it; an empty cell clears nothing."""
    path = tmp_path / "bang.csv"
    header = "Cặp kết nghĩa;Ngày;Nội dung hỗ trợ;Tên hoạt động;Tiền mặt;Số hộ;Nguồn: Tiêu đề;Nguồn: Nơi đăng;Nguồn: Ngày đăng\n"
    path.write_text(header + "So Thu Nghiem - xa Ch'om;3/6/2024;tham-tang-qua;Trao qua he;90 triệu;12;Bao cao;So;20/12/2024\n",
                    encoding="utf-8")
    importing = ["-C", str(project.parent), "import", str(path), "--write", "--today", TODAY.isoformat()]
    assert main(importing) == 0
    written = project / "activities" / "2024" / "2024-06-03-trao-qua-he.yaml"
    assert "cash: 90000000" in written.read_text(encoding="utf-8")
    capsys.readouterr()
    path.write_text(header + "So Thu Nghiem - xa Ch'om;3/6/2024;tham-tang-qua;Trao qua he;95 triệu;;Bao cao;So;20/12/2024\n",
                    encoding="utf-8")
    assert main(importing) == 0
    out = capsys.readouterr().out
    assert "dòng 2, Tiền mặt: 90.000.000 → 95.000.000" in out and "Số hộ" not in out
    text = written.read_text(encoding="utf-8")
    assert "cash: 95000000" in text and "households: 12" in text
    assert len(list((project / "activities" / "2024").glob("*trao-qua-he*"))) == 1


def test_export_by_a_name_two_units_share_answers_with_their_codes(project, tmp_path, capsys):
    base = ["-C", str(project.parent), "export", "activities", str(tmp_path / "x.xlsx"), "--today", TODAY.isoformat()]
    assert main(base + ["--locality", "Nam Giang"]) == 2
    err = capsys.readouterr().err
    assert "huyện Nam Giang (--locality huyen-nam-giang)" in err and "(--locality xa-nam-giang-2025)" in err
    assert not (tmp_path / "x.xlsx").exists()
    assert main(base + ["--locality", "huyen tay giang"]) == 0
    assert "Đã xuất 6 hoạt động" in capsys.readouterr().out  # its communes' too
