"""A sponsor's page compares its years: activities, planned and delivered value, and the share
of gifts (by value and by number), the same figures as the open data."""

from __future__ import annotations

import csv
import io
from collections import defaultdict

from playwright.sync_api import expect

from browser_support import PHONE, vi_number

SPONSOR = "ubnd-thanh-pho-tam-ky"
HEADERS = [
    "Năm",
    "Hoạt động",
    "Kế hoạch (đồng)",
    "Đã thực hiện (đồng)",
    "Tặng quà, theo giá trị đã thực hiện",
    "Tặng quà, theo số hoạt động",
]


def _rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _expected(built_site) -> dict[str, list]:
    """Year -> [activities, delivered, gift share by number], from the open data."""
    partnerships = {
        row["id"]
        for row in _rows(built_site / "du-lieu-mo" / "cap-ket-nghia.csv")
        if SPONSOR in row["sponsors"].split("; ")
    }
    years: dict[str, list] = defaultdict(lambda: [0, 0, 0])
    for row in _rows(built_site / "du-lieu-mo" / "hoat-dong.csv"):
        # Cancelled activities and help in the other direction count in no total.
        if row["partnership"] in partnerships and row["status"] != "huy" and row["given_by"] != "dia-ban-ket-nghia":
            year = years[row["year"]]
            year[0] += 1
            year[1] += int(row["delivered_total"] or 0)
            year[2] += row["gift"] == "true"
    return {y: [n, delivered, f"{round(100 * gifts / n)}%"] for y, (n, delivered, gifts) in years.items()}


def test_a_sponsor_page_has_a_year_by_year_table_equal_to_the_open_data(site, built_site):
    page = site.open(f"don-vi/{SPONSOR}/")
    table = page.locator("#theo-nam ~ .ledger-table table").first
    expect(table).to_be_visible()
    assert [h.strip() for h in table.locator("thead th").all_inner_texts()] == HEADERS
    shown = {}
    for row in table.locator("tbody tr").all():
        cells = [c.strip() for c in row.locator("td").all_inner_texts()]
        shown[cells[0]] = [int(vi_number(cells[1])), int(vi_number(cells[3]) or 0), cells[5]]
    expected = _expected(built_site)
    assert len(expected) >= 2, "the records no longer give this sponsor two years: pick another"
    assert shown == expected
    assert list(shown) == sorted(shown)  # oldest first
    # Below it, the share of gifts by value in the first and last years that reported one.
    note = page.locator("#theo-nam ~ .ledger-table + .ledger-note").first
    expect(note).to_contain_text("Tỷ trọng tặng quà theo giá trị:")
    expect(note).to_contain_text("giảm dần việc tặng quà")


def test_the_year_table_fits_a_phone(site):
    page = site.open(f"don-vi/{SPONSOR}/", PHONE)
    cells = page.locator("#theo-nam ~ .ledger-table table").first.locator("td")
    for cell in cells.all():
        if not cell.inner_text().strip():
            continue  # not reported: an empty cell, not shown on a phone
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
