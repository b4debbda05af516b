"""Headline figures: a row of boxes, value first, then what it counts."""

from __future__ import annotations

from .. import formats
from ..escape import h
from ..totals import Totals


def figures(items: list[tuple[str, str]]) -> str:
    """Headline figures as a row of boxes (value, label), both escaped already."""
    boxes = "\n".join(f"<div><strong>{value}</strong> <span>{label}</span></div>" for value, label in items)
    return f'\n<div class="ledger-figures" data-search-exclude>\n{boxes}\n</div>\n'


def totals_figures(totals: Totals) -> str:
    """Value first, then what it counts; "chưa báo cáo" stands for a figure no source gave."""
    return figures(
        [
            (formats.number(totals.activities), "hoạt động"),
            (
                h(formats.dong_short(totals.delivered)),
                f"giá trị đã thực hiện ({formats.number(totals.delivered_reported)} hoạt động có báo cáo giá trị)",
            ),
            (
                h(formats.dong_short(totals.planned)),
                f"giá trị kế hoạch ({formats.number(totals.planned_reported)} hoạt động có báo cáo kế hoạch)",
            ),
            (h(formats.count(totals.households)), "lượt hộ hưởng lợi"),
        ]
    )
