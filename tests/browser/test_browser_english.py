"""The English edition in a browser: from /en/ to a programme, coverage and open data, to the
Vietnamese page and back, with the same figures in both languages."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal

from playwright.sync_api import expect

from browser_support import DESKTOP

# The words of a short sum in each language, and its separators: (group, decimal).
_SCALES = {"en": {"billion": 10**9, "million": 10**6, "thousand": 10**3},
           "vi": {"tỷ": 10**9, "triệu": 10**6, "nghìn": 10**3}}
_SEPARATORS = {"en": (",", "."), "vi": (".", ",")}
_FIGURE = re.compile(r"(\d[\d.,]*)\s*(%|\w+)?")


def value(text: str, language: str) -> Decimal | None:
    """A figure as written in `language` ("55.8 billion đồng", "55,8 tỷ đồng", "1,234", "6.5%"),
    as a number; None for a figure that is no number ("not reported")."""
    found = _FIGURE.search(text)
    if not found:
        return None
    group, decimal = _SEPARATORS[language]
    number = Decimal(found[1].replace(group, "").replace(decimal, "."))
    return number * _SCALES[language].get((found[2] or "").lower(), 1)


def figures(page, language: str) -> list[Decimal | None]:
    """The headline figures and the numbers of the tables, in the page's order."""
    found = page.locator("article .ledger-figures strong, article td.ledger-number")
    found.first.wait_for()  # the page a click led to has loaded
    texts = found.all_inner_texts()
    return [value(text, language) for text in texts]


def switch(page, language: str) -> None:
    """Through the language selector of the header."""
    page.locator(".md-header .md-select").hover()
    page.locator(f'.md-header a.md-select__link[hreflang="{language}"]').click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", language)


def test_a_reader_goes_through_the_english_pages_and_finds_the_figures_of_the_vietnamese_ones(site):
    page = site.new_page(DESKTOP)
    page.goto(site.url("en/"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".ledger-edition-note").first).to_be_visible()
    home = figures(page, "en")
    switch(page, "vi")
    assert site.path(page.url) == ""
    assert figures(page, "vi") == home
    switch(page, "en")
    assert site.path(page.url) == "en/"

    page.locator("article a[href^='chuong-trinh/']").first.click()
    assert re.fullmatch(r"en/chuong-trinh/[a-z0-9-]+/", site.path(page.url))
    programme = site.path(page.url)
    in_english = figures(page, "en")
    switch(page, "vi")
    assert site.path(page.url) == programme[len("en/"):]
    assert figures(page, "vi") == in_english
    # A commune's page is Vietnamese only: the English page links the Vietnamese one.
    switch(page, "en")
    commune = page.locator("article #ds-xa-co-cap-ket-nghia a").first
    assert re.fullmatch(r"(\.\./)+dia-ban/[a-z0-9-]+/", commune.get_attribute("href"))

    for tab, address in (("Coverage", "en/do-phu/"), ("Open data", "en/du-lieu-mo/")):
        page.locator("nav.md-tabs a", has_text=tab).click()
        assert site.path(page.url) == address
        in_english = figures(page, "en")
        switch(page, "vi")
        assert site.path(page.url) == address[len("en/"):]
        assert figures(page, "vi") == in_english
        switch(page, "en")
        assert site.path(page.url) == address


def test_the_offline_copy_carries_both_editions(built_site):
    with zipfile.ZipFile(built_site / "du-lieu-mo" / "so-ket-nghia-ngoai-tuyen.zip") as archive:
        names = set(archive.namelist())
        assert {"so-ket-nghia/en/index.html", "so-ket-nghia/en/do-phu/index.html", "so-ket-nghia/do-phu/index.html",
                "so-ket-nghia/en/gioi-thieu.html"} <= names
        english = archive.read("so-ket-nghia/en/do-phu/index.html").decode()
    # From a disk, the switch names the Vietnamese page's file.
    assert re.search(r'<a href="\.\./\.\./do-phu/index\.html" hreflang="vi"', english)
