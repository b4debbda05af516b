"""Bar charts drawn at build time as inline SVG, each followed by the same figures as a table.

No script and no request to another host: the chart is a picture of the table below it.
"""

from __future__ import annotations

from .escape import h
from .html_table import cell, table

_WIDTH = 720
_BAR = 22
_GAP = 8
_CHAR = 6.5  # average width of a 12px character, for the room the labels need


def bar_chart(title: str, bars: list[tuple[str, float, str]]) -> str:
    """Horizontal bars: (label, value, value as text). Values are drawn to scale of the largest."""
    top = max((v for _, v, _ in bars), default=0) or 1
    height = len(bars) * (_BAR + _GAP) + _GAP
    label_room = min(330, 12 + _CHAR * max((len(label) for label, _, _ in bars), default=4))
    room = _WIDTH - label_room - 120
    parts = [
        f'<svg class="ledger-chart" viewBox="0 0 {_WIDTH} {height}" role="img" aria-label="{h(title)}">',
        f"<title>{h(title)}</title>",
    ]
    for i, (label, value, text) in enumerate(bars):
        y = _GAP + i * (_BAR + _GAP)
        width = round(room * max(value, 0) / top, 1)
        parts.append(
            f'<text x="{label_room - 8:g}" y="{y + 16}" text-anchor="end">{h(label)}</text>'
            f'<rect x="{label_room:g}" y="{y}" width="{width:g}" height="{_BAR}" rx="2"></rect>'
            f'<text x="{label_room + width + 6:g}" y="{y + 16}">{h(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def chart_with_table(title: str, headers: list[str], bars: list[tuple[str, float, str]], rows: list[list]) -> str:
    """The chart (hidden from screen readers' duplicate reading by its own label) and its table."""
    svg = bar_chart(title, bars)
    return (
        f'\n<figure class="ledger-figure" data-search-exclude>\n{svg}\n<figcaption>{h(title)}</figcaption>\n</figure>\n'
        + table(headers, rows, sortable=False)
    )


def row(label: str, *values: tuple[str, int | None]) -> list:
    return [cell(h(label))] + [cell(text, sort) for text, sort in values]
