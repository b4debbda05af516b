"""On a small phone (360×640): the main pages never scroll sideways (wide tables scroll
inside their own box); screenshots of the home page and a commune page are kept in
test-artifacts/ for people to look at."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_support import DESKTOP, PHONE, heading

MAIN_PAGES = [
    "",
    "dia-ban/",
    "dia-ban/huyen-nam-giang/",
    "dia-ban/xa-phuoc-chanh/",
    "don-vi/",
    "don-vi/ban-dan-toc-tinh/",
    "cap-ket-nghia/",
    "cap-ket-nghia/ban-dan-toc-tinh-xa-phuoc-chanh/",
    "hoat-dong/",
    "hoat-dong/2021/mo-hinh-sinh-ke/",
    "van-ban/",
    "do-phu/",
    "chat-luong-du-lieu/",
    "du-lieu-mo/",
    "kham-pha/",
]
SCREENSHOTS = {"": "phone-home.png", "dia-ban/xa-phuoc-chanh/": "phone-xa-phuoc-chanh.png"}


def test_no_horizontal_scrolling_on_a_phone(site, artifacts):
    page = site.new_page(PHONE)
    too_wide = {}
    for path in MAIN_PAGES:
        page.goto(site.url(path))
        assert heading(page), path
        page.locator("details").evaluate_all("ds => ds.forEach(d => d.open = true)")  # activity details too
        widths = page.evaluate(
            "() => ({page: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),"
            " window: window.innerWidth})"
        )
        assert widths["window"] == PHONE["width"]
        if widths["page"] > widths["window"]:
            too_wide[path or "/"] = widths["page"]
        if path in SCREENSHOTS:
            page.screenshot(path=artifacts / SCREENSHOTS[path], full_page=True)
    assert not too_wide, f"wider than the {PHONE['width']} px screen: {too_wide}"


@pytest.mark.parametrize("path", ["", "dia-ban/xa-phuoc-chanh/"])
def test_wide_tables_scroll_in_a_box_that_the_keyboard_can_reach(site, path):
    page = site.open(path, PHONE)
    wraps = page.locator("article .md-typeset__scrollwrap")
    assert wraps.count() > 0
    for wrap in wraps.all():
        scrolls = wrap.evaluate("w => w.scrollWidth > w.clientWidth + 1")
        if scrolls:  # sort-tables.js makes it focusable and names it
            assert wrap.get_attribute("tabindex") == "0"
            assert wrap.get_attribute("role") == "region"
            assert (wrap.get_attribute("aria-label") or "").startswith("Bảng")


# Every figure of a table (amounts, households, counts) whole on the screen, without scrolling
# sideways: [what it says, left, right] of those that are not.
CLIPPED_FIGURES = """() => Array.from(document.querySelectorAll("article td.ledger-number"))
  .filter(td => td.textContent.trim())
  .map(td => [td.textContent.trim(), td.getBoundingClientRect()])
  .filter(([, box]) => box.width < 1 || box.left < 0 || box.right > innerWidth)
  .map(([text, box]) => [text, Math.round(box.left), Math.round(box.right)])"""


def test_no_figure_is_clipped_on_a_phone(site, artifacts):
    page = site.new_page(PHONE)
    clipped, figures = {}, 0
    for path in MAIN_PAGES:
        page.goto(site.url(path))
        page.locator("details").evaluate_all("ds => ds.forEach(d => d.open = true)")
        figures += page.locator("article td.ledger-number").count()
        found = page.evaluate(CLIPPED_FIGURES)
        if found:
            clipped[path or "/"] = found[:5]
        if path == "hoat-dong/2021/mo-hinh-sinh-ke/":
            page.screenshot(path=artifacts / "phone-listing.png", full_page=True)
    assert figures > 50
    assert not clipped, f"figures off the {PHONE['width']} px screen: {clipped}"


def test_a_phone_shows_each_cell_with_its_column_name_and_sorts_by_the_headers(site):
    page = site.open("hoat-dong/2021/mo-hinh-sinh-ke/", PHONE)
    table = page.locator("article table[data-sortable]").first
    households = table.locator("tbody tr").first.locator("td").last
    expect(households).to_have_attribute("data-label", "Số hộ")
    assert page.evaluate("td => getComputedStyle(td, '::before').content", households.element_handle()) == '"Số hộ: "'
    header = table.locator("thead th").first
    header.click()
    expect(header).to_have_attribute("aria-sort", "ascending")


# The most lines of text in a cell of each row of the home page's newest activities.
LINES_PER_ROW = """() => Array.from(document.querySelectorAll("#hoat-dong-moi-nhat ~ .ledger-table tbody tr"))
  .map(row => Math.max(...Array.from(row.cells).map(cell => {
    const style = getComputedStyle(cell);
    const text = cell.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    return Math.round(text / parseFloat(style.lineHeight));
  })))"""


def test_a_desktop_gives_the_tables_the_width(site):
    page = site.open("dia-ban/huyen-nam-giang/", DESKTOP)
    assert page.locator("article").bounding_box()["width"] >= 900
    page.goto(site.url(""))
    lines = page.evaluate(LINES_PER_ROW)
    assert lines and max(lines) <= 4, lines  # 6 to 9 lines in a 700 px column
    # Where the left column lists pages of the section, it stays.
    page.goto(site.url("gioi-thieu/"))
    expect(page.locator(".md-sidebar--primary")).to_be_visible()
