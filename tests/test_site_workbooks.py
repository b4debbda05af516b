"""The site's workbooks: each partnership, sponsor and district page offers its activities,
pre-filled, and the blank templates; read back, they change nothing in the ledger."""
from __future__ import annotations

import copy
import io
import re
import zipfile
import zlib

import openpyxl
import pytest

from generator.intake.columns import columns
from generator.intake.export import DATA_SHEET
from generator.intake.names import written_names
from generator.intake.plan import UNCHANGED, make_plan, read_ledger
from generator.intake.read import read
from generator.intake.template import LISTS, parts_of, sheet_title, template_parts, workbook, zipped
from generator.pipeline import render_site
from generator.validate import validate_tree
from generator.view.config import read_context

from support import PROJECT, TODAY

RECORDS = PROJECT / "records"


@pytest.fixture(scope="module")
def files():
    return render_site(validate_tree(RECORDS, TODAY), read_context(RECORDS.parent))


def _ids_in(path) -> list[str]:
    sheet = openpyxl.load_workbook(path)[sheet_title("activity")]
    column = next(cell.column for cell in sheet[1] if cell.value == "Mã hồ sơ")
    return [sheet.cell(row=r, column=column).value for r in range(2, sheet.max_row + 1)]


def test_pages_offer_their_activities_in_a_workbook(files, tmp_path):
    site = read_ledger(RECORDS, TODAY).site
    pid = next(p for p, data in site.partnerships.items()
               if sum(a["partnership"] == p for a in site.activities.values()) >= 2)
    page = files[f"cap-ket-nghia/{pid}/index.md"].decode()
    [href] = re.findall(r'href="([^"]+\.xlsx)">bảng tính \d+ hoạt động', page)
    assert href == f"../../bang-tinh/cap-ket-nghia/{pid}.xlsx"
    assert '"../../bang-tinh/mau-hoat-dong.xlsx"' in page
    workbook = tmp_path / f"{pid}.xlsx"
    workbook.write_bytes(files[f"bang-tinh/cap-ket-nghia/{pid}.xlsx"])
    expected = sorted((a for a in site.activities.values() if a["partnership"] == pid), key=lambda a: (a["date"], a["id"]))
    assert _ids_in(workbook) == [a["id"] for a in expected]
    # Sponsors and districts have theirs, and the communes of 2025 under no district; a district's
    # commune does not (its district's holds it), nor the province.
    sponsor = site.partnerships[pid]["sponsors"][0]
    assert f"bang-tinh/don-vi/{sponsor}.xlsx" in files
    communes = {n for n in files if n.startswith("bang-tinh/dia-ban/xa-")}
    assert "bang-tinh/dia-ban/huyen-nam-giang.xlsx" in files and communes and all(n.endswith("-2025.xlsx") for n in communes)
    assert not any(n.startswith(("bang-tinh/dia-ban/tinh-", "bang-tinh/dia-ban/thanh-pho-da-nang")) for n in files)
    assert {"bang-tinh/mau-hoat-dong.xlsx", "bang-tinh/mau-cap-ket-nghia.xlsx"} <= set(files)


def test_a_districts_workbook_reads_back_unchanged(files, tmp_path):
    workbook = tmp_path / "nam-giang.xlsx"
    workbook.write_bytes(files["bang-tinh/dia-ban/huyen-nam-giang.xlsx"])
    plan = make_plan(read(workbook), RECORDS, TODAY)
    assert plan.rows > 1 and plan.problems == []
    assert {p.state for p in plan.records} == {UNCHANGED}


def test_the_workbooks_are_the_same_bytes_each_build(files):
    again = render_site(validate_tree(RECORDS, TODAY), read_context(RECORDS.parent))
    assert {n: d for n, d in again.items() if n.startswith("bang-tinh/")} == {
        n: d for n, d in files.items() if n.startswith("bang-tinh/")}


def _deflated(data: bytes, level: int) -> int:
    return len(zlib.compress(data, level)) - 6  # a zip entry holds the raw stream: no zlib header, no checksum


def test_the_workbooks_are_compressed_for_a_weak_connection(files):
    """A workbook's own rows are deflated fast (hundreds of workbooks at province scale), within a
    fifth of the usual level's size; the parts every workbook shares, compressed once, at the best
    level; a blank template all at the best."""
    for name, fast in (("bang-tinh/dia-ban/huyen-nam-giang.xlsx", {DATA_SHEET}), ("bang-tinh/mau-hoat-dong.xlsx", set())):
        archive = zipfile.ZipFile(io.BytesIO(files[name]))
        for entry in archive.infolist():
            data = archive.read(entry)
            assert entry.compress_type == zipfile.ZIP_DEFLATED
            if entry.filename in fast:
                assert entry.compress_size <= 1.2 * _deflated(data, 6), entry.filename
            else:
                assert entry.compress_size == _deflated(data, 9), (name, entry.filename)


def test_a_blank_template_is_made_once_for_the_same_dropdowns():
    """`serve` regenerates on every save: the templates are made again only when a dropdown changed."""
    site = read_ledger(RECORDS, TODAY).site
    first = template_parts(site, "activity")
    assert template_parts(site, "activity") is first
    assert first == tuple(parts_of(workbook(site, "activity")))
    names = {column: written_names(site, column) for column in columns("activity")}
    pairs = next(column for column in names if column.target == "partnership")
    names[pairs] = copy.deepcopy(names[pairs])
    names[pairs].add("cap-moi", "Đơn vị mới – xã Mới")
    changed = template_parts(site, "activity", names)
    assert changed != first
    lists = openpyxl.load_workbook(io.BytesIO(zipped(changed)))[LISTS]
    assert "Đơn vị mới – xã Mới" in {cell.value for row in lists.iter_rows() for cell in row}
    assert template_parts(site, "activity") is first

