"""Tables as HTML blocks: sortable, kept out of the search index, cells already escaped.

Python-Markdown passes an HTML block through as it is, which is both faster than its
table syntax on 20,000 rows and lets a cell carry a sort key (`data-sort`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from . import formats

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


def _tr(row: Row, data: str | None = None) -> str:
    """A row; `data`, what the filter script reads of it (data-f, already escaped)."""
    extra = f' data-f="{data}"' if data is not None else ""
    if isinstance(row, tuple):
        anchor, cells = row
        return f'<tr id="{html.escape(anchor)}"{extra}>' + "".join(cells) + "</tr>"
    return f"<tr{extra}>" + "".join(row) + "</tr>"


def table(
    headers: list[str],
    rows: Sequence[Row],
    sortable: bool = True,
    attributes: str = "",
    row_data: Sequence[str] | None = None,
) -> str:
    """An HTML table in a block of its own (blank lines around it). `attributes` (escaped) go on
    the <table>, `row_data` (escaped, one per row) on each row as data-f: the filters' data."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    if row_data is None:
        body = "\n".join(_tr(row) for row in rows)
    else:
        body = "\n".join(_tr(row, data) for row, data in zip(rows, row_data, strict=True))
    sort = " data-sortable" if sortable else ""
    return (
        f'\n<div class="ledger-table" data-search-exclude>\n<table{sort}{attributes}>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>\n"
    )
