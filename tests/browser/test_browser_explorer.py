"""The explorer (/kham-pha/) and the listings' filters against the open data of the same build:
each facet chooses exactly the activities the open data gives for it, the totals shown are
theirs, the choice lives in the address (a reload shows the same), the CSV holds the chosen rows
with their sources' addresses, and a first view fetches only the common file and one part.
Partial dates sort in time order."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from generator.registry import ActivityStatus, Giver

from browser_support import PHONE

STATUS = ".ledger-explorer .ledger-filters__status"


def _open_data(built_site) -> list[dict]:
    text = (built_site / "du-lieu-mo" / "hoat-dong.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _counted(row: dict) -> bool:
    """As the site counts (generator/facts.py): not cancelled, not help in the other direction."""
    return row["status"] != ActivityStatus.CANCELLED and row["given_by"] != Giver.LOCALITY


def _totals_text(rows: list[dict]) -> str:
    live = [r for r in rows if _counted(r)]
    valued = [int(r["delivered_total"]) for r in live if r["delivered_total"]]
    return f"{_number(len(live))} hoạt động; đã thực hiện {_number(sum(valued))} đồng ({_number(len(valued))} hoạt động"


def _chosen_ids(page) -> list[str]:
    return sorted(row[0] for row in page.evaluate("() => window.ketnghiaExplorer.rows()"))


def _facets(rows: list[dict]) -> list[tuple[str, str, list[dict]]]:
    """(address parameter, value, the open data's rows for it): the most frequent sponsor,
    commune, programme, year, group, and gifts."""
    def top(values):
        return Counter(values).most_common(1)[0][0]

    sponsor = top(s for r in rows for s in r["sponsors"].split("; "))
    commune = top(p for r in rows for p in r["locality"].split("; ") if p.startswith(("xa-", "phuong-")))
    programme = top(r["programme"] for r in rows)
    year = top(r["year"] for r in rows)
    group = top(r["category_group"] for r in rows)
    return [
        ("don-vi", sponsor, [r for r in rows if sponsor in r["sponsors"].split("; ")]),
        ("xa", commune, [r for r in rows if commune in r["locality"].split("; ")]),
        ("chuong-trinh", programme, [r for r in rows if r["programme"] == programme]),
        ("nam", year, [r for r in rows if r["year"] == year]),
        ("nhom", group, [r for r in rows if r["category_group"] == group]),
        ("qua", "co", [r for r in rows if r["gift"] == "true"]),
    ]


def test_each_facet_chooses_what_the_open_data_gives(site, built_site):
    rows = _open_data(built_site)
    page = site.open("kham-pha/")
    expect(page.locator(STATUS)).to_contain_text(_totals_text(rows))
    for parameter, value, expected in _facets(rows):
        page.goto(site.url(f"kham-pha/?{parameter}={value}"))
        expect(page.locator(STATUS)).to_contain_text(_totals_text(expected))
        assert _chosen_ids(page) == sorted(r["id"] for r in expected), parameter
        expect(page.locator(f"select[name={parameter}]")).to_have_value(value)


def test_the_choice_lives_in_the_address_and_survives_a_reload(site, built_site):
    rows = _open_data(built_site)
    year = Counter(r["year"] for r in rows).most_common(1)[0][0]
    page = site.open("kham-pha/", PHONE)
    page.locator("select[name=nam]").select_option(year)
    expect(page).to_have_url(re.compile(rf"\?nam={year}$"))
    gifts = [r for r in rows if r["year"] == year and r["gift"] == "true"]
    page.locator("select[name=qua]").select_option("co")
    expect(page).to_have_url(re.compile(rf"\?nam={year}&qua=co$"))
    expect(page.locator(STATUS)).to_contain_text(_totals_text(gifts))
    shared = page.url
    page.reload()
    expect(page.locator("select[name=nam]")).to_have_value(year)
    expect(page.locator("select[name=qua]")).to_have_value("co")
    expect(page.locator(STATUS)).to_contain_text(_totals_text(gifts))
    assert page.url == shared
    listed = page.locator(".ledger-explorer tbody tr")
    expect(listed).to_have_count(len(gifts))
    # Each row leads to the activity's own row on its listing page.
    first = listed.first.locator("a")
    href = first.get_attribute("href")
    assert href and urlsplit(href).fragment in {r["id"] for r in gifts}
    page.locator("button", has_text="Bỏ lọc").click()
    expect(page).to_have_url(site.url("kham-pha/"))


def test_the_csv_holds_the_chosen_rows_with_their_sources(site, built_site):
    rows = _open_data(built_site)
    programme = Counter(r["programme"] for r in rows).most_common(1)[0][0]
    expected = {r["id"]: r for r in rows if r["programme"] == programme}
    page = site.open(f"kham-pha/?chuong-trinh={programme}", accept_downloads=True)
    expect(page.locator(STATUS)).to_contain_text(_totals_text(list(expected.values())))
    with page.expect_download() as info:
        page.get_by_role("button", name="Tải CSV các hoạt động đang chọn (kèm địa chỉ nguồn)").click()
    data = info.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    saved = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert sorted(line["Mã hoạt động"] for line in saved) == sorted(expected)
    for line in saved:
        row = expected[line["Mã hoạt động"]]
        assert line["Đã thực hiện (đồng)"] == row["delivered_total"]
        if row["source_url"]:
            assert row["source_url"] in line["Địa chỉ nguồn"].split("; ")
        assert line["Trang"].startswith(site.url("hoat-dong/"))


def test_a_first_view_fetches_the_common_file_and_the_newest_parts_it_lists(site, built_site):
    """Only the parts that fill the first 50 rows (at province scale, one part of 1.000 rows)."""
    parts = json.loads((built_site / "kham-pha" / "du-lieu" / "chung.json").read_text(encoding="utf-8"))["parts"]
    needed, count = [], 0
    for _year, rows, name, _sources in parts:
        if count >= 50:
            break
        needed.append(f"/kham-pha/du-lieu/{name}")
        count += rows
    page = site.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(urlsplit(request.url).path))
    page.goto(site.url("kham-pha/"))
    expect(page.locator(".ledger-explorer tbody tr").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    data = [p for p in fetched if p.startswith("/kham-pha/du-lieu/")]
    assert data == ["/kham-pha/du-lieu/chung.json", *needed], data  # the sources only for the CSV


def test_a_listing_has_the_programme_filter_the_address_and_the_total(site, built_site):
    rows = _open_data(built_site)
    by_year = {y: {r["programme"] for r in rows if r["year"] == y} for y in {r["year"] for r in rows}}
    year = max(y for y, programmes in by_year.items() if len(programmes) > 1)
    programme = sorted(by_year[year])[0]
    expected = [r for r in rows if r["year"] == year and r["programme"] == programme]
    page = site.open(f"hoat-dong/{year}/")
    form = page.locator("form.ledger-filters").first
    form.locator("select[name=programme]").select_option(programme)
    expect(page).to_have_url(re.compile(rf"\?chuong-trinh={programme}$"))
    table = page.locator("table[data-filters]").first
    expect(table.locator("tbody tr:visible")).to_have_count(len(expected))
    live = [r for r in expected if _counted(r) and r["delivered_total"]]
    expect(form.locator(".ledger-filters__totals")).to_have_text(
        f"Các dòng đang hiện: đã thực hiện {_number(sum(int(r['delivered_total']) for r in live))} đồng "
        f"({_number(len(live))} hoạt động có báo cáo giá trị).")
    page.reload()
    expect(form.locator("select[name=programme]")).to_have_value(programme)
    expect(table.locator("tbody tr:visible")).to_have_count(len(expected))


@pytest.mark.parametrize("written", [["2021-05-03", "2021", "2020-12-31", "2021-05", "2022"]])
def test_partial_dates_sort_in_time_order(site, written):
    page = site.open("cap-ket-nghia/")
    ordered = page.evaluate("""dates => dates.map(d => { const td = document.createElement("td");
        td.setAttribute("data-sort", d); return [d, window.ketnghiaSort.key(td)]; })
        .sort((a, b) => window.ketnghiaSort.compare(a[1], b[1])).map(p => p[0])""", written)
    assert ordered == ["2020-12-31", "2021", "2021-05", "2021-05-03", "2022"]
