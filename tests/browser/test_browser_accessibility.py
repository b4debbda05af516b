"""axe-core on the main kinds of page, on a desktop and on a phone: no serious or
critical violation (WCAG 2 A/AA and best practices, as axe-core runs them by default).

Fixed for this (outside generator/): the teal palette's contrast (mkdocs.yml, ledger.css),
the search dialog's name (overrides/partials/search.html), links told apart by colour
only (ledger.css), focusable scrolling tables (sort-tables.js).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser_support import DESKTOP, PHONE, Site

PAGES = {
    "home": "",
    "district": "dia-ban/huyen-nam-giang/",
    "commune": "dia-ban/xa-phuoc-chanh/",
    "partnership": "cap-ket-nghia/ban-dan-toc-tinh-xa-phuoc-chanh/",
    "activities": "hoat-dong/",
    "activity-list": "hoat-dong/2021/mo-hinh-sinh-ke/",
    "sponsor": "don-vi/ban-dan-toc-tinh/",
    "explorer": "kham-pha/",
}
BLOCKING = {"serious", "critical"}
AXE = Axe()


def _report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def screen_page(browser, base_url):
    """One page per screen size for the whole module (axe only reads the page)."""
    opened = Site(browser, base_url)
    pages = {"desktop": opened.new_page(DESKTOP), "phone": opened.new_page(PHONE)}
    yield pages, opened
    problems = opened.problems()
    opened.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("screen", ["desktop", "phone"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_accessibility_violation(screen_page, kind, screen):
    pages, opened = screen_page
    page = pages[screen]
    page.goto(opened.url(PAGES[kind]))
    page.wait_for_load_state("networkidle")  # Material's scripts have wrapped the tables
    page.locator("details").evaluate_all("ds => ds.forEach(d => d.open = true)")  # check what they hide too
    results = AXE.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"{kind} ({screen}):\n{_report(blocking)}"


def test_no_serious_accessibility_violation_in_search_results(site):
    page = site.open("")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Phước Chánh", delay=20)
    page.locator("ol.md-search-result__list li").first.wait_for()
    results = AXE.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, _report(blocking)
