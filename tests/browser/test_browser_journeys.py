"""What a visitor does on the site, in Chromium: read the home page, follow links from a
district down to an activity and back, search, sort a table, download the open data.

Built from the shipped records: the names below are real records (records/…).
"""

from __future__ import annotations

import csv
import io
import json
import re

from playwright.sync_api import expect

from browser_support import heading, vi_number

# District -> commune -> partnership -> activity, as linked on the pages.
DISTRICT = ("dia-ban/huyen-nam-giang/", "huyện Nam Giang")
COMMUNE = ("dia-ban/xa-zuoich/", "xã Zuôich")
PARTNERSHIP = ("cap-ket-nghia/so-ke-hoach-va-dau-tu-xa-zuoich/", "Sở Kế hoạch và Đầu tư – xã Zuôich")
ACTIVITY = (
    "hoat-dong/2022/tham-tang-qua/#2022-01-20-skhdt-tham-tang-qua-tet-xa-zuoich",
    "Thăm, tặng quà Tết Nhâm Dần 2022 cho xã Zuôich",
)


def _csv_rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_home_page_shows_its_figures_and_charts_with_a_text_equivalent(site, built_site):
    page = site.open("")
    assert heading(page) == "Sổ kết nghĩa Quảng Nam – Đà Nẵng"

    # One row of headline figures per programme: together, they are the open data's counts.
    boxes = page.locator(".ledger-figures")
    assert boxes.count() >= 2
    sums: dict[str, int] = {}
    delivered_labels = []
    for box in boxes.all():
        figures = {
            card.locator("span").inner_text().strip(): card.locator("strong").inner_text().strip()
            for card in box.locator("> div").all()
        }
        assert len(figures) >= 4, figures
        for name in ("cặp kết nghĩa", "hoạt động"):
            sums[name] = sums.get(name, 0) + int(figures[name].replace(".", ""))
        label = next(k for k in figures if k.startswith("đã thực hiện"))
        # Value delivered: short for reading, and in full in its label.
        assert re.fullmatch(r"[\d,]+ (tỷ|triệu|nghìn) đồng", figures[label]), figures[label]
        delivered_labels.append(label)
    # An earlier phase (a programme that ended before another of its area began) is listed as history,
    # without figures; help in the other direction counts in no total.
    programmes = _csv_rows(built_site / "du-lieu-mo" / "chuong-trinh.csv")
    earlier = {p["id"] for p in programmes if p["period_end"] and any(
        o["area"] == p["area"] and o["id"] != p["id"] and o["period_start"] >= p["period_end"] for o in programmes)}
    partnerships = [r for r in _csv_rows(built_site / "du-lieu-mo" / "cap-ket-nghia.csv") if r["programme"] not in earlier]
    assert sums["cặp kết nghĩa"] == len(partnerships)
    rows = [r for r in _csv_rows(built_site / "du-lieu-mo" / "hoat-dong.csv")
            if r["programme"] not in earlier and r["given_by"] != "dia-ban-ket-nghia"]
    assert sums["hoạt động"] == len(rows)
    in_full = [int(re.search(r"\(([\d.]+) đồng;", label).group(1).replace(".", "")) for label in delivered_labels]
    total = sum(int(r["delivered_total"]) for r in rows if r["delivered_total"] and r["status"] != "huy")
    assert sum(in_full) == total, delivered_labels

    charts = page.locator("article figure.ledger-figure")
    assert charts.count() >= 2
    for chart in charts.all():
        svg = chart.locator("svg.ledger-chart")  # inline SVG, drawn at build time
        expect(svg).to_be_visible()
        assert svg.get_attribute("role") == "img"
        name = svg.get_attribute("aria-label")
        assert name and svg.locator("title").text_content() == name
        assert chart.locator("figcaption").inner_text().strip() == name
        assert svg.bounding_box()["width"] > 300
        # Text equivalent: the table right after the figure holds the same rows, in order:
        # one bar per row, each row's label drawn in the chart.
        table = chart.locator("xpath=following-sibling::*[1]").locator("table")
        expect(table).to_be_visible()
        first_column = [c.inner_text().strip() for c in table.locator("tbody tr td:first-child").all()]
        assert first_column and svg.locator("rect").count() == len(first_column), name
        drawn = iter(t.strip() for t in svg.locator("text").all_text_contents())
        assert all(label in drawn for label in first_column), f"{name}: {first_column}"


def test_district_to_commune_to_partnership_to_activity_and_back(site):
    page = site.open(DISTRICT[0])
    assert heading(page) == DISTRICT[1]

    for path, name in (COMMUNE, PARTNERSHIP, ACTIVITY):  # each page links to the next
        page.locator("article").get_by_role("link", name=name, exact=True).first.click()
        expect(page).to_have_url(site.url(path))
        if path != ACTIVITY[0]:
            assert heading(page) == name

    # The activity's page lists activities; the link lands on its row, details open.
    assert heading(page).startswith("Thăm hỏi, tặng quà")
    row = page.locator(f"tr[id='{ACTIVITY[0].split('#')[1]}']")
    expect(row.locator("details")).to_have_attribute("open", "")
    expect(row.locator("summary")).to_have_text(ACTIVITY[1])
    expect(row.get_by_role("link", name=COMMUNE[1], exact=True)).to_be_visible()
    expect(row.get_by_role("link", name=PARTNERSHIP[1], exact=True)).to_be_visible()

    for path, name in (PARTNERSHIP, COMMUNE, DISTRICT):
        page.go_back()
        expect(page).to_have_url(site.url(path))
        assert heading(page) == name


def test_a_merged_commune_links_to_its_successor_and_back(site):
    page = site.open("dia-ban/xa-ch-om/")
    assert heading(page) == "xã Ch'ơm"
    history = page.locator("#lich-su-hanh-chinh + ul")
    expect(history).to_contain_text("đơn vị kế thừa")
    history.get_by_role("link", name="xã Hùng Sơn", exact=True).click()
    expect(page).to_have_url(site.url("dia-ban/xa-hung-son-2025/"))
    assert heading(page) == "xã Hùng Sơn"
    formed_from = page.locator("#lich-su-hanh-chinh + ul li", has_text="Kế thừa địa bàn của")
    formed_from.get_by_role("link", name="xã Ch'ơm", exact=True).click()
    expect(page).to_have_url(site.url("dia-ban/xa-ch-om/"))

    page.goto(site.url("dia-ban/xa-phuoc-chanh/"))
    page.locator("#lich-su-hanh-chinh + ul").get_by_role("link", name="xã Phước Chánh").click()
    expect(page).to_have_url(site.url("dia-ban/xa-phuoc-chanh-2025/"))
    page.locator("#lich-su-hanh-chinh + ul").get_by_role("link", name="xã Phước Chánh").click()
    expect(page).to_have_url(site.url("dia-ban/xa-phuoc-chanh/"))


def _search(page, query: str):
    box = page.locator("input.md-search__input")
    box.click()
    results = page.locator("ol.md-search-result__list a.md-search-result__link")
    box.fill("")
    box.press("Backspace")  # an empty query clears the results: none left from the last query
    expect(results).to_have_count(0)
    box.press_sequentially(query, delay=20)  # Material listens to key presses
    return results


def test_search_finds_a_commune_with_and_without_diacritics_and_a_sponsor_by_short_name(site):
    page = site.open("")
    for query in ("phuoc chanh", "Phước Chánh"):
        results = _search(page, query)
        expect(results.and_(page.locator("a[href*='/dia-ban/xa-phuoc-chanh/']"))).not_to_have_count(0)
    for query, path, name in (  # noqa: B007 -- the last name is checked after the loop
        ("Ban Dân tộc tỉnh", "don-vi/ban-dan-toc-tinh/", "Ban Dân tộc tỉnh"),
        ("Tam Kỳ", "don-vi/ubnd-thanh-pho-tam-ky/", "TP Tam Kỳ"),
    ):
        results = _search(page, query)
        hit = results.and_(page.locator(f"a[href='{site.url(path)}']"))
        expect(hit).to_have_count(1)
    hit.click()  # the last one: open the sponsor's page from the results
    expect(page).to_have_url(site.url(path))
    assert heading(page) == name


def _column(table, index: int) -> list[str]:
    return table.locator(f"tbody tr td:nth-child({index + 1})").all_inner_texts()


def test_a_table_sorts_vietnamese_numbers_as_numbers(site):
    page = site.open("cap-ket-nghia/")
    table = page.locator("table[data-sortable]").first
    headers = table.locator("thead th")
    column = headers.all_inner_texts().index(next(h for h in headers.all_inner_texts() if h.startswith("Đã thực hiện")))
    header = headers.nth(column)

    def numbers() -> list[float]:
        return [n for n in map(vi_number, _column(table, column)) if n is not None]

    shown = [t for t in _column(table, column) if vi_number(t) is not None]
    assert len(set(shown)) >= 3 and sorted(shown) != sorted(shown, key=vi_number), (
        "the records no longer tell a text sort from a numeric one: pick another table"
    )
    header.click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert numbers() == sorted(numbers())
    header.click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert numbers() == sorted(numbers(), reverse=True)

    # Without data-sort (a hand-written table), the text "1.234.567" is read as a number.
    page.reload()
    table.evaluate("t => t.querySelectorAll('[data-sort]').forEach(c => c.removeAttribute('data-sort'))")
    header.press("Enter")  # the keyboard sorts too
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert numbers() == sorted(numbers())
    assert page.evaluate("window.ketnghiaSort.pageNumber('1.234.567')") == 1234567
    assert page.evaluate("window.ketnghiaSort.pageNumber('6,5%')") == 6.5


def test_open_data_csv_downloads_and_parses(site, built_site, tmp_path):
    page = site.open("du-lieu-mo/", accept_downloads=True)
    with page.expect_download() as download:
        page.locator("article a[href$='hoat-dong.csv']").first.click()
    assert download.value.suggested_filename == "hoat-dong.csv"
    saved = tmp_path / "hoat-dong.csv"
    download.value.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, for Excel"
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    rows = list(reader)
    package = json.loads((built_site / "du-lieu-mo" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == "hoat-dong.csv")
    assert reader.fieldnames == [f["name"] for f in resource["schema"]["fields"]]
    for column in ("id", "partnership", "locality", "date", "category", "status", "title", "delivered_total"):
        assert column in reader.fieldnames
    assert rows and all(row["id"] and row["partnership"] for row in rows)
    assert any(row["id"] == ACTIVITY[0].split("#")[1] for row in rows)

    # The other CSV files, as a script would fetch them.
    for resource in package["resources"]:
        if resource["path"].endswith(".csv"):
            response = page.request.get(site.url("du-lieu-mo/" + resource["path"]))
            assert response.ok
            text = response.body().decode("utf-8")
            assert text.startswith("\ufeff")
            header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
            assert header == [f["name"] for f in resource["schema"]["fields"]], resource["path"]
