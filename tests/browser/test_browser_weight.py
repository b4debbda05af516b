"""Page weight: what a visitor's phone downloads.

The server here does not compress, so the bytes counted are the uncompressed bodies: an
upper bound on what a host that gzips (GitHub Pages) really transfers. The measures are
written to test-artifacts/page-weight.json.
"""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import urlsplit

from browser_support import PHONE

KB = 1000
# First view of a commune page: HTML, CSS, JS, fonts, images. Material's own CSS and JS are
# about 265 KB of it; the page itself some 25 KB. A page past 350 KB has grown something
# that does not belong on it (a nav listing every entity did: ~290 KB of HTML per page).
COMMUNE_PAGE_BUDGET = 350 * KB
COMMUNE = "dia-ban/xa-phuoc-chanh/"
# Material's search fetches the whole index on every first page view, in the background
# (then the search worker and its lunr scripts), so it is counted apart from the page.
# Shipped records (some 250 localities, 7 partnerships, 15 activities): ~235 KB. 400 KB
# leaves room for the ledger to grow by several hundred activities (listing pages and tables
# are kept out of the index) while a phone on a slow 3G link still gets it within a few
# seconds, and gzip makes it ~5 times smaller on the wire. Past that, index less
# (generator/site/search_index.py, `data-search-exclude`) rather than raise the budget.
SEARCH_INDEX_BUDGET = 400 * KB
SEARCH_PATHS = ("/search/", "/assets/javascripts/workers/", "/assets/javascripts/lunr/")
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


def test_search_index_stays_within_budget(built_site, base_url):
    """Needs no browser: also checked where Chromium is missing."""
    index = built_site / "search" / "search_index.json"
    size = index.stat().st_size
    assert size <= SEARCH_INDEX_BUDGET, f"search_index.json: {size} bytes > {SEARCH_INDEX_BUDGET}"
    with urllib.request.urlopen(base_url + "search/search_index.json") as response:  # what browsers get, whole
        assert len(response.read()) == size
