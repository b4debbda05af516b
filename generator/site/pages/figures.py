"""Headline figures: a row of boxes, value first, then what it counts."""

from __future__ import annotations

from collections.abc import Sequence

from ...i18n import _, ngettext
from ...view import formats
from ...view.escape import h
from ...view.totals import Totals
from .page import para


def figures(items: list[tuple[str, str]]) -> str:
    """Headline figures as a row of boxes (value, label), both escaped already."""
    boxes = "\n".join(f"<div><strong>{value}</strong> <span>{label}</span></div>" for value, label in items)
    return f'\n<div class="ledger-figures" data-search-exclude>\n{boxes}\n</div>\n'


def totals_figures(totals: Totals) -> str:
    """Value first, then what it counts; "chưa báo cáo" stands for a figure no source gave."""
    delivered = ngettext(
        "giá trị đã thực hiện ({count} hoạt động có báo cáo giá trị)",
        "giá trị đã thực hiện ({count} hoạt động có báo cáo giá trị)",
        totals.delivered_reported,
    )
    planned = ngettext(
        "giá trị kế hoạch ({count} hoạt động có báo cáo kế hoạch)",
        "giá trị kế hoạch ({count} hoạt động có báo cáo kế hoạch)",
        totals.planned_reported,
    )
    return figures(
        [
            (formats.number(totals.activities), ngettext("hoạt động", "hoạt động", totals.activities)),
            (h(formats.dong_short(totals.delivered)), delivered.format(count=formats.number(totals.delivered_reported))),
            (h(formats.dong_short(totals.planned)), planned.format(count=formats.number(totals.planned_reported))),
            (h(formats.count(totals.households)), _("lượt hộ hưởng lợi")),
        ]
    )


def joint_note(joint: Sequence[object]) -> str:
    """Under rows per commune: a joint activity sits in the row of each commune it served."""
    if not joint:
        return ""
    return para(h(ngettext(
        "{count} hoạt động chung của nhiều xã được tính ở dòng của từng xã nó phục vụ, nên cộng các dòng sẽ lớn hơn "
        "tổng ở trên, nơi mỗi hoạt động chỉ tính một lần.",
        "{count} hoạt động chung của nhiều xã được tính ở dòng của từng xã chúng phục vụ, nên cộng các dòng sẽ lớn "
        "hơn tổng ở trên, nơi mỗi hoạt động chỉ tính một lần.",
        len(joint)).format(count=formats.number(len(joint)))), "ledger-note")
