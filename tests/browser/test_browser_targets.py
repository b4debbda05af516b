"""Target size (WCAG 2.2, success criterion 2.5.8), on a phone and on a desktop: the links of
the locality index and of the other index pages are at least 24 px tall, and a target
narrower than 24 px (a commune called "Ba") leaves a 24 px circle around its centre free of
any other target. Every target of the page (tabs, navigation, search) meets the criterion:
24 × 24 px, or that spacing."""

from __future__ import annotations

import pytest

from browser_support import DESKTOP, PHONE

INDEX_PAGES = ["dia-ban/", "don-vi/", "cap-ket-nghia/", "hoat-dong/", "van-ban/", "", "do-phu/", "du-lieu-mo/", "kham-pha/"]
MIN = 24

# Each box of every target that can be hit where it is drawn (not covered, not off screen):
# [element number, in the article, left, top, right, bottom, what it says].
TARGETS = """() => {
  const selector = "a[href], button, summary, input:not([type=checkbox]), select, label[for], th[tabindex]";
  const found = [];
  Array.from(document.querySelectorAll(selector)).forEach((element, number) => {
    const style = getComputedStyle(element);
    if (style.visibility === "hidden" || Number(style.opacity) === 0) return;
    for (const box of element.getClientRects()) {
      if (box.width < 1 || box.height < 1 || box.right <= 0 || box.left >= innerWidth) continue;
      const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
      const y = box.top + box.height / 2;
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(element.contains(hit) || hit.contains(element))) continue;  // covered: not a target there
      found.push([number, !!element.closest("article"), box.left, box.top, box.right, box.bottom,
                  element.textContent.trim().slice(0, 30) || element.getAttribute("aria-label") || element.tagName]);
    }
  });
  return found;
}"""


def _too_small(targets: list) -> list[str]:
    """Boxes under 24 × 24 px whose 24 px circle meets another target, or the circle of
    another small one."""

    def small(t) -> bool:
        return t[4] - t[2] < MIN - 0.5 or t[5] - t[3] < MIN - 0.5

    def centre(t) -> tuple[float, float]:
        return (t[2] + t[4]) / 2, (t[3] + t[5]) / 2

    def distance_to_box(x: float, y: float, t) -> float:
        dx = max(t[2] - x, 0, x - t[4])
        dy = max(t[3] - y, 0, y - t[5])
        return (dx * dx + dy * dy) ** 0.5

    failing = []
    for target in filter(small, targets):
        x, y = centre(target)
        for other in targets:
            if other[0] == target[0]:
                continue
            ox, oy = centre(other)
            if distance_to_box(x, y, other) < MIN / 2 or (small(other) and ((x - ox) ** 2 + (y - oy) ** 2) ** 0.5 < MIN):
                width, height = target[4] - target[2], target[5] - target[3]
                failing.append(f"{target[6]!r} {width:.0f}×{height:.0f} px, near {other[6]!r}")
                break
    return failing


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_targets_are_24_px_or_spaced_apart(site, screen):
    page = site.new_page(screen)
    failing = {}
    for path in INDEX_PAGES:
        page.set_viewport_size(screen)
        page.goto(site.url(path))
        # The whole page in view: elementFromPoint only sees what is on the screen.
        height = min(page.evaluate("document.documentElement.scrollHeight"), 12000)
        page.set_viewport_size({"width": screen["width"], "height": height})
        targets = page.evaluate(TARGETS)
        assert targets, path
        short = [f"{t[6]!r} {t[5] - t[3]:.1f} px tall" for t in targets if t[1] and t[5] - t[3] < MIN - 0.5]
        problems = short + _too_small(targets)
        if problems:
            failing[path or "/"] = problems[:8] + [f"… {len(problems)} in all"]
    assert not failing, failing
