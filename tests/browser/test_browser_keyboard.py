"""Keyboard and phone: walking a page with Tab, every focused element is on the screen, visible
and not covered (by the header, the search panel, the menu drawer or its overlay), at a phone's
width and a desktop's; the search panel closes when focus leaves it; the phone's home page has
a search box on its first screen; the site's name is whole on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_support import DESKTOP, PHONE

PAGES = ("", "dia-ban/xa-la-dee/", "hoat-dong/2023/", "kham-pha/")
STEPS = 60  # Tab presses per page: the header, the tabs, the search, the content's first controls

# The focused element, if it cannot be seen: why. Covered means the point at its centre (inside
# the window) belongs to another element than itself, its label or what it contains.
_FOCUS_PROBLEM = """() => {
  document.getAnimations().forEach(a => { try { a.finish(); } catch (e) {} });  // transitions at their end
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const name = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${el.className} "${(el.textContent || el.value || "").trim().slice(0, 30)}"`;
  if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return "hidden: " + name;
  const box = el.getBoundingClientRect();
  if (box.width < 1 || box.height < 1) return "no size: " + name;
  const part = el.getClientRects()[0] || box;  // a link wrapped over two lines: its first line
  const x = Math.min(Math.max(part.left + part.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(part.top + Math.min(part.height / 2, 12), 0), innerHeight - 1);
  if (box.bottom < 0 || box.top > innerHeight || box.right < 0 || box.left > innerWidth) return "off the screen: " + name;
  const top = document.elementFromPoint(x, y);
  if (!top) return "off the screen: " + name;
  const labels = Array.from(el.labels || []);
  if (top === el || el.contains(top) || top.contains(el) && getComputedStyle(top).overflow !== "visible" || labels.some(l => l.contains(top))) return null;
  return `covered by ${top.tagName.toLowerCase()}.${top.className} "${top.textContent.trim().slice(0, 30)}" at ${x},${y} (box ${box.top},${box.height}): ` + name;
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", PAGES)
def test_every_focused_element_is_visible_and_uncovered(site, path, viewport):
    page = site.open(path, viewport)
    page.wait_for_load_state("networkidle")
    problems = []
    for step in range(STEPS):
        page.keyboard.press("Tab")
        problem = page.evaluate(_FOCUS_PROBLEM)
        if problem:
            problems.append(f"Tab {step + 1}: {problem}")
    assert problems == [], "\n".join(problems)


def test_the_search_panel_closes_when_focus_leaves_it(site):
    page = site.open("dia-ban/", DESKTOP)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("chom", delay=10)
    expect(page.locator("ol.md-search-result__list a.md-search-result__link").first).to_be_visible()
    toggle = page.locator("#__search")
    expect(toggle).to_be_checked()
    for _ in range(40):  # past the results, out of the panel
        page.keyboard.press("Tab")
        if not page.evaluate("() => document.querySelector('[data-ketnghia-search]').contains(document.activeElement)"):
            break
    expect(toggle).not_to_be_checked()
    assert page.evaluate(_FOCUS_PROBLEM) is None


def test_the_drawer_takes_no_focus_while_closed_on_a_phone(site):
    page = site.open("dia-ban/", PHONE)
    for _ in range(40):
        page.keyboard.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
        assert not inside, "focus in the closed menu drawer"
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(page.locator(".md-sidebar--primary")).not_to_have_attribute("inert", "")
    page.keyboard.press("Escape")
    expect(page.locator("#__drawer")).not_to_be_checked()


def test_the_phone_home_page_has_a_search_box_on_its_first_screen(site):
    page = site.open("", PHONE)
    field = page.get_by_label("Tìm xã của bạn")
    expect(field).to_be_visible()
    box = field.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"] and box["height"] >= 24
    field.click()
    page.keyboard.type("la dee", delay=20)
    results = page.locator("ol.md-search-result__list a.md-search-result__link")
    expect(results.first).to_have_attribute("href", site.url("dia-ban/xa-la-dee-2025/"))
    expect(page.locator("input.md-search__input")).to_have_value("la dee")


def test_the_site_name_is_whole_on_a_phone(site):
    page = site.open("dia-ban/", PHONE)
    name = page.locator(".md-header__topic").first.locator(".md-ellipsis")
    expect(name).to_be_visible()
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1")
    header = page.locator(".md-header").bounding_box()
    box = name.bounding_box()
    assert header and box and box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"] + 1


def test_a_missing_amount_says_so_on_a_phone_card(site):
    page = site.open("dia-ban/xa-la-dee/", PHONE)
    missing = page.locator("article td.ledger-number[data-sort='-1']").first
    expect(missing).to_be_visible()
    assert missing.evaluate("e => getComputedStyle(e, '::after').content") == '"chưa báo cáo"'


def test_reported_totals_cards_keep_their_period_and_source(site):
    page = site.open("so-lieu-bao-cao/", PHONE)
    for table in page.locator("article .ledger-table table").all():
        rows = table.locator("tbody tr").all()
        for row in rows:
            cells = row.locator("td")
            expect(cells.nth(0)).not_to_have_text("")
            expect(cells.nth(0)).to_be_visible()
            expect(cells.last).to_be_visible()
    # A note heads its table, not the next one.
    assert page.evaluate("""() => Array.from(document.querySelectorAll('article p.ledger-note')).every(p => {
      const next = p.nextElementSibling; return next && next.classList.contains('ledger-table'); })""")
