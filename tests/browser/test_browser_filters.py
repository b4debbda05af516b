"""The activity listings' filters (docs/javascripts/filter-tables.js): a year's page narrowed to one
sponsor shows exactly that sponsor's activities of the year, as the open data counts them, and
the rows shown are saved as CSV; on a phone the hidden rows take no room. And the home page's
figures lead to what they count: the communes helped, a year's activities."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict

from playwright.sync_api import expect

from browser_support import PHONE, heading

YEAR_TABLE_LIMIT = 300  # generator/site/pages/activities.py: a year's page lists its activities up to this


def _rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _a_year_and_a_sponsor(built_site) -> tuple[str, str, list[str]]:
    """The year with the most activities listed on its page and two sponsors or more; its sponsor
    with the most activities (not all of them); that sponsor's activities of the year."""
    activities = _rows(built_site / "du-lieu-mo" / "hoat-dong.csv")
    by_year: dict[str, list[dict]] = defaultdict(list)
    for row in activities:
        by_year[row["year"]].append(row)
    candidates = []
    for year, rows in by_year.items():
        counts = Counter(s for row in rows for s in row["sponsors"].split("; "))
        if len(rows) <= YEAR_TABLE_LIMIT and len(counts) >= 2:
            sponsor, count = counts.most_common(1)[0]
            if count < len(rows):
                candidates.append((len(rows), year, sponsor))
    assert candidates, "no year of the records has two sponsors: the test needs one"
    _count, year, sponsor = max(candidates)
    return year, sponsor, [row["id"] for row in by_year[year] if sponsor in row["sponsors"].split("; ")]


def test_a_years_page_narrowed_to_a_sponsor_and_saved_as_csv(site, built_site):
    year, sponsor, expected = _a_year_and_a_sponsor(built_site)
    page = site.open(f"hoat-dong/{year}/", accept_downloads=True)
    table = page.locator("table[data-filters]").first
    total = table.locator("tbody tr").count()
    form = page.locator("form.ledger-filters").first
    expect(form).to_be_visible()
    status = form.locator("[role=status]")
    expect(status).to_have_text(f"Đang hiện {total} trên {total} hoạt động.")  # fewer than 1.000: no dot
    select = form.locator("select[name=sponsor]")
    assert select.locator("option").first.inner_text() == "Tất cả"
    select.select_option(sponsor)
    shown = table.locator("tbody tr:visible")
    expect(shown).to_have_count(len(expected))
    # Each row's title links to the activity's own row on its listing: "…/#ID".
    ids = shown.evaluate_all("rows => rows.map(r => r.cells[1].querySelector('a').hash.slice(1))")
    assert sorted(ids) == sorted(expected)
    expect(status).to_contain_text(f"Đang hiện {len(expected)} trên")

    with page.expect_download() as info:
        form.get_by_role("button", name="Tải CSV các dòng đang hiện").click()
    download = info.value
    assert download.suggested_filename == f"hoat-dong-{year}.csv"
    data = download.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data  # opens in Excel as UTF-8
    saved = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, body = saved[0], saved[1:]
    assert header[0] == "Mã hoạt động" and header[-6:] == ["Năm", "Đơn vị kết nghĩa", "Huyện", "Xã", "Nhóm nội dung",
                                                         "Tặng quà"]
    assert [line[0] for line in body] == ids  # the rows shown, in the order shown
    sponsor_name = select.locator("option:checked").inner_text()
    assert all(sponsor_name in line[-5].split("; ") for line in body)
    assert all(line[-6] == year for line in body)

    # Back to every row.
    select.select_option("")
    expect(table.locator("tbody tr:visible")).to_have_count(total)


def test_hidden_rows_take_no_room_on_a_phone(site, built_site):
    year, sponsor, expected = _a_year_and_a_sponsor(built_site)
    page = site.open(f"hoat-dong/{year}/", PHONE)
    page.locator("form.ledger-filters select[name=sponsor]").select_option(sponsor)
    rows = page.locator("table[data-filters] tbody tr")
    heights = rows.evaluate_all("rows => rows.filter(r => r.hidden).map(r => r.getBoundingClientRect().height)")
    assert heights and set(heights) == {0}
    expect(page.locator("table[data-filters] tbody tr:visible")).to_have_count(len(expected))
    # The controls fit the phone's width and are big enough to tap (WCAG 2.2 target size).
    for control in page.locator("form.ledger-filters select, form.ledger-filters button").all():
        box = control.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and box["height"] >= 24


def test_the_home_pages_figures_lead_to_what_they_count(site):
    page = site.open("")
    # "N xã có hỗ trợ được ghi" opens the list of exactly those N communes on the programme's page.
    figure = page.locator(".ledger-figures div", has=page.get_by_role("link", name="xã có hỗ trợ được ghi")).first
    count = int(figure.locator("strong").inner_text())
    figure.get_by_role("link", name="xã có hỗ trợ được ghi").click()
    page.wait_for_url("**/chuong-trinh/**#ds-xa-co-ho-tro-duoc-ghi")
    expect(page.locator("#ds-xa-co-ho-tro-duoc-ghi > li")).to_have_count(count)
    expect(page.locator("#ds-xa-co-ho-tro-duoc-ghi > li a").first).to_have_attribute("href", re.compile(r"dia-ban/"))
    # A year of the programme's table opens that year's activities.
    page.goto(site.url(""))
    link = page.locator("h3#theo-nam ~ .ledger-table").first.locator("tbody tr td:first-child a").first
    year = link.inner_text()
    link.click()
    page.wait_for_url(f"**/hoat-dong/{year}/")
    assert heading(page) == f"Hoạt động năm {year}"
