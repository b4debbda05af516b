"""Lists too long for one page: the pager and section indexes cut into pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .. import urls
from ..escape import link
from ..html_table import table
from ..i18n import _
from .page import Page, para

# Rows per page of a section index: one page at province scale (300 partnerships, 150
# sponsors), pages of a phone-friendly size when the ledger grows past it.
INDEX_PAGE_SIZE = 300


def pages_nav(page_url: str, url_of: Callable[[int], str], count: int, current: int) -> str:
    """"Trang: 1 · 2 · 3" between the pages of one list; nothing when it has one page."""
    if count == 1:
        return ""
    items = [
        f"<strong>{n}</strong>" if n == current else link(urls.relative(page_url, url_of(n)), str(n))
        for n in range(1, count + 1)
    ]
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
    chunks = [ids[i : i + INDEX_PAGE_SIZE] for i in range(0, len(ids), INDEX_PAGE_SIZE)] or [[]]
    for number, chunk in enumerate(chunks, 1):
        page_url = urls.paged(url, number)
        pager = pages_nav(page_url, lambda n: urls.paged(url, n), len(chunks), number)
        body = intro + pager + table(headers, rows_of(page_url, chunk)) + pager + note
        numbered = title if number == 1 else f"{title} " + _("(trang {number})").format(number=number)
        yield Page(page_url, numbered, body, search=number == 1)
