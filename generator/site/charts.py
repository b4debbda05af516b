"""Bar charts drawn at build time as inline SVG, each followed by the same figures as a table.

No script and no request to another host: the chart is a picture of the table below it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..view.escape import h, link
from .html_table import cell, table

_WIDTH = 360  # drawn 1:1 on a 360 px phone, so its 12 px labels stay readable; ledger.css caps it on wide screens
_BAR = 22
_GAP = 8
_LABEL = 16  # a line for the label, above its bar
_VALUE_ROOM = 110  # the value's text after the longest bar


def bar_chart(title: str, bars: Sequence[tuple[str, float, str]], full: float | None = None) -> str:
    """Horizontal bars, each under its label: (label, value, value as text), to scale of the largest,
    or of `full` (1 for shares: 74,5% must not look like the whole)."""
    top = full or max((v for _, v, _ in bars), default=0) or 1
    step = _LABEL + _BAR + _GAP
    height = len(bars) * step + _GAP
    room = _WIDTH - _VALUE_ROOM
    parts = [
        f'<svg class="ledger-chart ledger-chart--stacked" viewBox="0 0 {_WIDTH} {height}" role="img" '
        f'aria-label="{h(title)}">',
        f"<title>{h(title)}</title>",
    ]
    for i, (label, value, text) in enumerate(bars):
        y = _GAP + i * step
        width = round(room * max(value, 0) / top, 1)
        parts.append(
            f'<text x="0" y="{y + 12}">{h(label)}</text>'
            f'<rect x="0" y="{y + _LABEL}" width="{width:g}" height="{_BAR}" rx="2"></rect>'
            f'<text x="{width + 6:g}" y="{y + _LABEL + 16}">{h(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def chart_with_table(
    title: str, headers: list[str], bars: Sequence[tuple[str, float, str]], rows: list[list[str]], full: float | None = None
) -> str:
    """The chart (hidden from screen readers' duplicate reading by its own label) and its table."""
    svg = bar_chart(title, bars, full)
    return (
        f'\n<figure class="ledger-figure" data-search-exclude>\n{svg}\n<figcaption>{h(title)}</figcaption>\n</figure>\n'
        + table(headers, rows, sortable=False)
    )


def row(label: str, *values: tuple[str, int | None], href: str = "") -> list[str]:
    """A table row: its label (linked to the activities behind it when `href` is given), then its figures."""
    return [cell(link(href, h(label)))] + [cell(text, sort) for text, sort in values]
