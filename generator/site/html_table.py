"""Tables as HTML blocks: sortable, kept out of the search index, cells already escaped.

Python-Markdown passes an HTML block through as it is, which is both faster than its
table syntax on 20,000 rows and lets a cell carry a sort key (`data-sort`).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    html: str  # escaped already
    sort: str | int | None = None  # what the sort script compares, when the text is not enough
    numeric: bool = False


def cell(html: str, sort=None) -> Cell:
    return Cell(html, sort, numeric=isinstance(sort, int))


def _td(c: Cell) -> str:
    attributes = ""
    if c.sort is not None:
        attributes += f' data-sort="{c.sort}"'
    if c.numeric:
        attributes += ' class="ledger-number"'
    return f"<td{attributes}>{c.html}</td>"


def table(headers: list[str], rows: list[list[Cell]], sortable: bool = True, caption: str | None = None) -> str:
    """An HTML table in a block of its own (blank lines around it)."""
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "\n".join("<tr>" + "".join(_td(c) for c in row) + "</tr>" for row in rows)
    sort = " data-sortable" if sortable else ""
    caption_html = f"<caption>{caption}</caption>" if caption else ""
    return (
        f'\n<div class="ledger-table" data-search-exclude>\n<table{sort}>{caption_html}\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>\n"
    )
