"""The yearly sơ kết: the same activities and figures as the site's pages, as .xlsx and .docx."""
from __future__ import annotations

import docx
import openpyxl
import pytest

from generator.cli import main
from generator.intake.plan import ledger_site
from generator.intake.report import COLUMNS, NotFound, build_report
from generator.intake.report_files import TOTAL_NOTE
from generator.site.pages.localities import area_totals
from generator.site.pages.sponsors import sponsor_totals
from generator.view import formats
from generator.view.model import year_of
from generator.view.scopes import programme_activities
from generator.view.totals import Totals

from support import PROJECT, TODAY


@pytest.fixture(scope="module")
def site():
    return ledger_site(PROJECT / "records", TODAY)


def _years(site) -> list[str]:
    return sorted({year_of(a) for a in site.activities.values()})


def _sum_of_years(site, **subject) -> Totals:
    totals = Totals()
    for year in _years(site):
        totals.merge(build_report(site, year, **subject).totals)
    return totals


def test_a_sponsors_years_add_up_to_its_page(site):
    for oid in site.organizations:
        assert _sum_of_years(site, sponsor=oid) == sponsor_totals(site, oid), oid


def test_a_districts_years_add_up_to_its_page(site):
    for lid in site.localities:
        assert _sum_of_years(site, locality=lid) == area_totals(site, lid), lid


def test_gift_share_is_the_delivered_value_of_gift_categories(site):
    oid = next(o for o in site.organizations if sponsor_totals(site, o).delivered)
    year = next(y for y in _years(site) if build_report(site, y, sponsor=oid).totals.delivered)
    report = build_report(site, year, sponsor=oid)
    gifts = sum(site.figures[a].delivered or 0 for a in report.activity_ids
                if site.is_gift(site.activities[a]["category"]) and site.figures[a].counted)
    assert report.gift.value == gifts


def _a_sponsor_year(site) -> tuple[str, str]:
    oid = next(o for o in site.organizations if sponsor_totals(site, o).delivered)
    return oid, next(y for y in _years(site) if build_report(site, y, sponsor=oid).totals.delivered)


def _write(tmp_path, *args: str) -> int:
    return main(["-C", str(PROJECT), "report", *args, "--out", str(tmp_path), "--today", TODAY.isoformat()])


def test_the_workbook_keeps_numbers_and_dates_with_a_totals_row(site, tmp_path):
    oid, year = _a_sponsor_year(site)
    report = build_report(site, year, sponsor=oid)
    assert _write(tmp_path, "--sponsor", oid, "--year", year) == 0
    book = openpyxl.load_workbook(tmp_path / f"so-ket-{year}-{oid}.xlsx")
    figures = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(min_row=3, max_col=2, values_only=True) if row[0]}
    assert figures["Giá trị đã thực hiện"] == report.totals.delivered
    assert figures["Số hoạt động"] == report.totals.activities
    assert figures[TOTAL_NOTE] == report.totals.activities  # the groups' totals row
    sheet = book["Hoạt động"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(report.activity_ids) + 1
    *activities, total = rows
    header = [c.value for c in sheet[1]]
    assert total[0] == TOTAL_NOTE
    assert total[header.index("Đã thực hiện (đồng)")] == report.totals.delivered
    assert total[header.index("Kế hoạch (đồng)")] == report.totals.planned
    for row, aid in zip(activities, report.activity_ids, strict=True):
        written = site.activities[aid]["date"]
        if len(written) == 10:
            assert row[0].date().isoformat() == written  # a date, not text
        assert row[header.index("Đã thực hiện (đồng)")] == site.figures[aid].delivered


def _docx_text(path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_document_has_the_administrative_layout(site, tmp_path):
    oid, year = _a_sponsor_year(site)
    assert _write(tmp_path, "--sponsor", oid, "--year", year) == 0
    document = docx.Document(str(tmp_path / f"so-ket-{year}-{oid}.docx"))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt in (13, 14)
    sizes = {run.font.size.pt for p in document.paragraphs for run in p.runs if run.text and run.font.size}
    assert sizes <= {11, 12, 13, 14}
    # No run names another font; no heading style (theme fonts, colours).
    runs = [r for p in document.paragraphs for r in p.runs] + [
        r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    assert {r.font.name for r in runs} <= {None, "Times New Roman"}
    assert not [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    # The fixed blocks: motto, body, number, place and date, title, recipients, signature.
    top = [c.text for c in document.tables[0].rows[0].cells]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" in top[1]
    assert "ngày …… tháng …… năm" in top[1]
    assert "TÊN CƠ QUAN" in top[0] and "Số: …… /BC-" in top[0]
    end = [c.text for c in document.tables[-1].rows[0].cells]
    assert end[0].startswith("Nơi nhận:") and "QUYỀN HẠN, CHỨC VỤ CỦA NGƯỜI KÝ" in end[1] and "Họ và tên" in end[1]
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("BÁO CÁO") + 1] == f"Sơ kết năm {year} công tác kết nghĩa, giúp đỡ của {site.sponsor_name(oid)}"
    # Page numbers from the second page, in the header.
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header.paragraphs[0]._p.xml


def test_the_documents_totals_equal_the_sites(site, tmp_path):
    oid, year = _a_sponsor_year(site)
    report = build_report(site, year, sponsor=oid)
    assert _write(tmp_path, "--sponsor", oid, "--year", year) == 0
    document = docx.Document(str(tmp_path / f"so-ket-{year}-{oid}.docx"))
    text = _docx_text(tmp_path / f"so-ket-{year}-{oid}.docx")
    assert f"Giá trị đã thực hiện: {formats.dong(report.totals.delivered)}" in text
    assert "Tặng quà trong giá trị đã thực hiện: " in text and "%" in text
    groups, activities = document.tables[1], document.tables[2]
    assert [c.text for c in groups.rows[-1].cells] == [
        TOTAL_NOTE, formats.number(report.totals.activities), formats.dong(report.totals.delivered)]
    assert len(activities.rows) == len(report.activity_ids) + 2  # header, the activities, the totals row
    assert formats.number(report.totals.delivered) in [c.text for c in activities.rows[-1].cells]


def test_a_locality_report_speaks_of_help_received(site):
    lid = next(loc for loc in site.localities if area_totals(site, loc).activities)
    report = build_report(site, _years(site)[0], locality=lid)
    assert "hỗ trợ cho" in report.title and "giúp đỡ của" not in report.title


def test_a_name_with_or_without_diacritics_is_accepted(site):
    assert build_report(site, "2022", locality="Nam Giang").subject_id == "huyen-nam-giang"
    assert build_report(site, "2022", locality="huyen nam giang").subject_id == "huyen-nam-giang"
    assert build_report(site, "2022", sponsor="Báo Quảng Nam").subject_id == "bao-quang-nam"


def test_units_sharing_a_name_are_told_apart_by_the_year(site):
    assert build_report(site, "2024", locality="Trà Leng").subject_id == "xa-tra-leng"
    assert build_report(site, "2026", locality="Trà Leng").subject_id == "xa-tra-leng-2025"
    with pytest.raises(NotFound) as both:  # both existed in 2025
        build_report(site, "2025", locality="tra leng")
    assert "đến 30/6/2025): mã xa-tra-leng;" in str(both.value) and "từ 1/7/2025): mã xa-tra-leng-2025" in str(both.value)


def test_a_2025_unit_and_a_programme_have_reports(site):
    for programme in site.programmes:
        activities = programme_activities(site, programme)
        for year in {year_of(site.activities[a]) for a in activities}:
            report = build_report(site, year, programme=programme)
            assert report.totals == site.totals_of_ids(a for a in activities if year_of(site.activities[a]) == year)
    helped = next(lid for lid in site.localities if lid.endswith("-2025") and area_totals(site, lid).activities)
    assert build_report(site, "2025", locality=helped).totals.activities


def test_an_existing_report_is_not_overwritten_without_force(site, tmp_path, capsys):
    oid, year = _a_sponsor_year(site)
    assert _write(tmp_path, "--sponsor", oid, "--year", year) == 0
    docx_path = tmp_path / f"so-ket-{year}-{oid}.docx"
    docx_path.write_bytes(b"the office's own edits")
    assert _write(tmp_path, "--sponsor", oid, "--year", year) == 2
    assert "--force" in capsys.readouterr().err
    assert docx_path.read_bytes() == b"the office's own edits"
    assert _write(tmp_path, "--sponsor", oid, "--year", year, "--force") == 0
    assert docx_path.read_bytes() != b"the office's own edits"


def test_unknown_sponsor_suggests_the_nearest(capsys):
    assert main(["-C", str(PROJECT), "report", "--sponsor", "bao-quang-na", "--year", "2020"]) == 2
    assert "có phải: Báo Quảng Nam: mã bao-quang-nam" in capsys.readouterr().err
    assert main(["-C", str(PROJECT), "report", "--locality", "Nam Giangg", "--year", "2020"]) == 2
    assert "huyện Nam Giang (tỉnh Quảng Nam, đến 30/6/2025): mã huyen-nam-giang" in capsys.readouterr().err


def test_a_report_workbook_sent_back_is_refused_by_name(site, tmp_path, capsys):
    oid, year = _a_sponsor_year(site)
    assert _write(tmp_path, "--sponsor", oid, "--year", year) == 0
    capsys.readouterr()
    report = tmp_path / f"so-ket-{year}-{oid}.xlsx"
    assert main(["-C", str(PROJECT), "import", str(report), "--today", TODAY.isoformat()]) == 1
    said = capsys.readouterr().err
    assert "đây là tệp báo cáo sơ kết" in said and "mau-hoat-dong.xlsx" in said


def test_help_in_the_other_direction_is_named_and_left_out(site):
    from generator.facts import to_sponsor
    from generator.intake.report import OTHER_WAY

    reverse = next(a for a in site.activities.values() if to_sponsor(a))
    oid = site.partnerships[reverse["partnership"]]["sponsors"][0]
    report = build_report(site, year_of(reverse), sponsor=oid)
    row = report.rows[report.activity_ids.index(reverse["id"])]
    assert row[COLUMNS.index("Tên hoạt động")] == f"{reverse['title']} ({OTHER_WAY})"
    assert report.totals == site.totals_of_ids(report.activity_ids)
    assert report.totals.activities == len([a for a in report.activity_ids if site.figures[a].counted])
