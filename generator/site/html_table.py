"""Tables as HTML blocks: sortable, kept out of the search index, cells already escaped.

Python-Markdown passes an HTML block through as it is, which is both faster than its
table syntax on 20,000 rows and lets a cell carry a sort key (`data-sort`).
"""

from __future__ import annotations

import html
from typing import NamedTuple


class Cell(NamedTuple):  # a tuple: tables hold tens of thousands of cells
    html: str  # escaped already
    sort: str | int | None = None  # what the sort script compares, when the text is not enough
    numeric: bool = False


def cell(html: str, sort=None) -> Cell:
    return Cell(html, sort, numeric=isinstance(sort, int))


def _td(c: Cell) -> str:
    html_text, sort, numeric = c
    if sort is None:
        return f"<td>{html_text}</td>"
    if numeric:
        return f'<td data-sort="{sort}" class="ledger-number">{html_text}</td>'
    return f'<td data-sort="{html.escape(str(sort))}">{html_text}</td>'


def _tr(row) -> str:
    """A row is a list of cells, or (anchor id, cells) for a row that links can point at."""
    if isinstance(row, tuple):
        anchor, cells = row
        return f'<tr id="{html.escape(anchor)}">' + "".join(_td(c) for c in cells) + "</tr>"
    return "<tr>" + "".join(_td(c) for c in row) + "</tr>"


def table(headers: list[str], rows: list, sortable: bool = True) -> str:
    """An HTML table in a block of its own (blank lines around it)."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "\n".join(_tr(row) for row in rows)
    sort = " data-sortable" if sortable else ""
    return (
        f'\n<div class="ledger-table" data-search-exclude>\n<table{sort}>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>\n"
    )
