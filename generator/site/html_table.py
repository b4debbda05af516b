"""Tables as HTML blocks: sortable, kept out of the search index, cells already escaped.

Python-Markdown passes an HTML block through as it is, which is both faster than its
table syntax on 20,000 rows and lets a cell carry a sort key (`data-sort`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..view import formats

# A row's cells, or (anchor id, cells) for a row that links can point at.
Row = list[str] | tuple[str, list[str]]


def cell(html_text: str, sort: object = None) -> str:
    """A <td> of escaped HTML, with what the sort script compares when the text is not
    enough; an integer key sorts as a number. Cells are made as text right away: tables
    hold tens of thousands of them."""
    if sort is None:
        return f"<td>{html_text}</td>"
    if isinstance(sort, int):
        return f'<td data-sort="{sort}" class="ledger-number">{html_text}</td>'
    return f'<td data-sort="{html.escape(str(sort))}">{html_text}</td>'


def number_cell(value: int | None) -> str:
    """A count or a sum; empty when not reported, and then sorted below every reported value."""
    if value is None:
        return '<td data-sort="-1" class="ledger-number"></td>'
    return cell(formats.number(value), value)


def _tr(row: Row) -> str:
    if isinstance(row, tuple):
        anchor, cells = row
        return f'<tr id="{html.escape(anchor)}">' + "".join(cells) + "</tr>"
    return "<tr>" + "".join(row) + "</tr>"


def table(
    headers: list[str],
    rows: Sequence[Row],
    sortable: bool = True,
    attributes: str = "",
) -> str:
    """An HTML table in a block of its own (blank lines around it); `attributes` (escaped) go on
    the <table> (the filters' data, generator/site/pages/filters.py)."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "\n".join(_tr(row) for row in rows)
    sort = " data-sortable" if sortable else ""
    return (
        f'\n<div class="ledger-table" data-search-exclude>\n<table{sort}{attributes}>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>\n"
    )
