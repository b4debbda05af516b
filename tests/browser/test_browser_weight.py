"""Page weight: what a visitor's phone downloads.

The server here does not compress, so the bytes counted are the uncompressed bodies: an
upper bound on what a host that gzips (GitHub Pages) really transfers. The measures are
written to test-artifacts/page-weight.json.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from playwright.sync_api import expect

from browser_support import PHONE

KB = 1000
# First view of a commune page: HTML, CSS, JS, fonts, images. Material's own CSS and JS are
# about 250 KB of it (no palette stylesheet); the page itself some 23 KB (no blank lines of the
# templates): 314 KB on 06/12/2026. A page past 330 KB has grown something that does not belong
# on it (a nav listing every entity did: ~290 KB of HTML per page).
COMMUNE_PAGE_BUDGET = 330 * KB
COMMUNE = "dia-ban/xa-phuoc-chanh/"
# The search index (generator/site/search_index.py) is fetched only when a reader searches,
# in small files: a page view fetches none of it. A first search fetches the list of word
# files and the folding table, the word files of the query and the entries it shows.
# Shipped records: some 30 KB. At province scale (scripts/benchmark.py) the goal is 1 MB.
FIRST_SEARCH_BUDGET = 200 * KB
SEARCH_PATHS = ("/tim-kiem/", "/search/", "/assets/javascripts/workers/", "/assets/javascripts/lunr/")
COUNTED_TYPES = {"document", "stylesheet", "script", "font", "image", "other"}  # "other": the favicon


def _measure(site, path: str) -> dict:
    page = site.new_page(PHONE)  # a fresh context: nothing cached
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(site.url(path))
    page.wait_for_load_state("networkidle")
    counted, search = {}, {}
    for response in responses:
        url_path = urlsplit(response.url).path
        size = len(response.body())
        if url_path.startswith(SEARCH_PATHS):
            search[url_path] = size
        else:
            assert response.request.resource_type in COUNTED_TYPES, (response.request.resource_type, url_path)
            counted[url_path] = size
    return {"page": counted, "search": search}


def test_first_view_of_a_commune_page_stays_within_budget(site, artifacts):
    measured = _measure(site, COMMUNE)
    total = sum(measured["page"].values())
    record = {
        "commune_page": COMMUNE,
        "page_bytes": total,
        "page_budget": COMMUNE_PAGE_BUDGET,
        "page_files": measured["page"],
        "search_bytes_fetched_at_start": sum(measured["search"].values()),
        "search_files": measured["search"],
    }
    (artifacts / "page-weight.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    detail = "\n".join(f"  {size:>8} {path}" for path, size in sorted(measured["page"].items(), key=lambda x: -x[1]))
    assert total <= COMMUNE_PAGE_BUDGET, f"{COMMUNE}: {total} bytes > {COMMUNE_PAGE_BUDGET}\n{detail}"
    assert any(path.endswith((".html", "/")) for path in measured["page"])


def test_a_first_search_fetches_little_and_a_page_view_none_of_the_index(site, artifacts):
    page = site.new_page(PHONE)
    sizes: dict[str, int] = {}
    page.on("response", lambda response: sizes.__setitem__(urlsplit(response.url).path, len(response.body())))
    page.goto(site.url(COMMUNE))
    page.wait_for_load_state("networkidle")
    assert not [path for path in sizes if path.startswith(SEARCH_PATHS)]
    page.evaluate("q => window.ketnghiaSearch.typed(q)", "nha dai doan ket")  # as the box shows it
    expect(page.locator("ol.md-search-result__list a.md-search-result__link").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    fetched = {path: size for path, size in sizes.items() if path.startswith(SEARCH_PATHS)}
    (artifacts / "first-search.json").write_text(json.dumps(fetched, indent=2), encoding="utf-8")
    assert 0 < sum(fetched.values()) <= FIRST_SEARCH_BUDGET, fetched
