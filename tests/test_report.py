"""The yearly sơ kết: the same activities and figures as the site's pages, as .xlsx and .docx."""
from __future__ import annotations

import docx
import openpyxl
import pytest

from generator.cli import main
from generator.intake.plan import ledger_site
from generator.intake.report import build_report
from generator.site import formats
from generator.site.model import year_of
from generator.site.pages.localities import area_totals
from generator.site.pages.sponsors import sponsor_totals
from generator.site.totals import Totals

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
    assert report.gift == gifts


def test_files_hold_the_sites_figures(site, tmp_path, capsys):
    oid = next(o for o in site.organizations if sponsor_totals(site, o).delivered)
    year = next(y for y in _years(site) if build_report(site, y, sponsor=oid).totals.delivered)
    report = build_report(site, year, sponsor=oid)
    assert main(["-C", str(PROJECT), "report", "--sponsor", oid, "--year", year, "--out", str(tmp_path),
                 "--today", TODAY.isoformat()]) == 0
    book = openpyxl.load_workbook(tmp_path / f"so-ket-{year}-{oid}.xlsx")
    figures = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(min_row=3, max_col=2, values_only=True) if row[0]}
    assert figures["Giá trị đã thực hiện"] == formats.dong(report.totals.delivered)
    assert book["Hoạt động"].max_row == len(report.activity_ids) + 1
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / f"so-ket-{year}-{oid}.docx")).paragraphs)
    assert f"Giá trị đã thực hiện: {formats.dong(report.totals.delivered)}." in text


def test_unknown_sponsor_suggests_the_nearest(capsys):
    assert main(["-C", str(PROJECT), "report", "--sponsor", "bao-quang-na", "--year", "2020"]) == 2
    assert "có phải: bao-quang-nam" in capsys.readouterr().err
