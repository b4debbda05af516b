"""Lists too long for one page: the pager and section indexes cut into pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from ...i18n import _
from ...view import urls
from ...view.escape import link
from ..html_table import table
from .page import Page, para

# Rows per page of a section index: one page at province scale (300 partnerships, 150
# sponsors), pages of a phone-friendly size when the ledger grows past it.
INDEX_PAGE_SIZE = 300

T = TypeVar("T")


def chunked(items: list[T], size: int) -> list[list[T]]:
    """`items` cut into pages of `size`; one empty page when there is nothing, so that a
    listing always has its first page."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


# The pager names the pages within NEAR of the current one, every tenth page within 10 × NEAR,
# every hundredth within 100 × NEAR and so on, and the first and the last: any page is a few
# clicks away, and a listing of thousands of pages keeps a pager of a few dozen links.
NEAR = 5


def pager_numbers(count: int, current: int) -> list[int]:
    """The page numbers the pager of page `current` of `count` names, in order."""
    shown = {1, count}
    step = 1
    while step < count:
        low = max(1, current - NEAR * step)
        first = -(-low // step) * step  # the first multiple of `step` from `low`
        shown.update(range(first, min(count, current + NEAR * step) + 1, step))
        step *= 10
    return sorted(shown)


def pages_nav(page_url: str, url_of: Callable[[int], str], count: int, current: int) -> str:
    """"Trang: 1 · 2 · 3" between the pages of one list, "…" where pages are left out;
    nothing when it has one page."""
    if count == 1:
        return ""
    items: list[str] = []
    previous = 0
    for n in pager_numbers(count, current):
        if previous and n > previous + 1:
            items.append("…")
        items.append(f"<strong>{n}</strong>" if n == current else link(urls.relative(page_url, url_of(n)), str(n)))
        previous = n
    return para(_("Trang: {pages}").format(pages=" · ".join(items)))


def paged_index(
    url: str,
    title: str,
    intro: str,
    headers: list[str],
    ids: list[str],
    rows_of: Callable[[str, list[str]], list[list[str]]],
    note: str,
) -> Iterator[Page]:
    """A section index as a sortable table, cut into pages of INDEX_PAGE_SIZE rows.
    `rows_of(page_url, ids)` makes the rows: their links depend on the page they are on."""
    chunks = chunked(ids, INDEX_PAGE_SIZE)
    for number, chunk in enumerate(chunks, 1):
        page_url = urls.paged(url, number)
        pager = pages_nav(page_url, lambda n: urls.paged(url, n), len(chunks), number)
        body = intro + pager + table(headers, rows_of(page_url, chunk)) + pager + note
        numbered = title if number == 1 else f"{title} " + _("(trang {number})").format(number=number)
        yield Page(page_url, numbered, body, search=number == 1)
