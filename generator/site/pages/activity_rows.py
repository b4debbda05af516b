"""Activities as table rows: the row, its folded details, the newest few of a list."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from gettext import NullTranslations
from typing import NamedTuple

from ...facts import amount_parts, to_sponsor
from ...i18n import N_, _, active, around, ngettext
from ...typed import Activity
from ...view import formats, urls
from ...view.escape import clean, h, link
from ...view.model import Site
from ..html_table import cell, number_cell, table
from .links import activity_ref, ref, shared_mark, sources_html
from .page import para

MONEY_LABELS = {
    "cash": N_("tiền mặt"),
    "in_kind": N_("hiện vật"),
    "mobilised": N_("vận động"),
    "unspecified": N_("nguồn không tách tiền mặt, hiện vật"),
}


class _Words(NamedTuple):
    money: dict[str, str]  # MONEY_LABELS, translated
    # (before, after) the one value of each template: see i18n.around
    place: tuple[str, str]
    ended: tuple[str, str]
    delivered: tuple[str, str]
    planned: tuple[str, str]
    mobilised_from: tuple[str, str]
    beneficiaries: tuple[str, str]
    tags: tuple[str, str]
    sources: tuple[str, str]
    record_file: str


@cache
def _words(catalogue: NullTranslations) -> _Words:
    """The words of an activity's details, translated once per catalogue: 20,000 activities at
    province scale would otherwise look each of them up 20,000 times."""
    return _Words(
        {part: _(label) for part, label in MONEY_LABELS.items()},
        around(_("Địa bàn: {place}"), "place"),
        around(_("Kết thúc: {date}"), "date"),
        around(_("Đã thực hiện: {value}"), "value"),
        around(_("Kế hoạch: {value}"), "value"),
        around(_("Vận động từ: {sources}"), "sources"),
        around(_("Hưởng lợi: {beneficiaries}"), "beneficiaries"),
        around(_("Thẻ: {tags}"), "tags"),
        around(_("Nguồn: {sources}"), "sources"),
        _("Tệp dữ liệu"),
    )


def money_detail(activity: Activity, stage: str) -> str:
    """value.planned or value.delivered as '90.000.000 đồng (tiền mặt 60.000.000; hiện vật
    30.000.000)': digits and the site's own words, nothing to escape."""
    parts = amount_parts(activity, stage)
    if not parts:
        return formats.not_reported()
    total = sum(parts.values())
    labels = _words(active()).money
    if len(parts) == 1:
        return f"{formats.dong(total)} ({labels[next(iter(parts))]})"
    detail = "; ".join(f"{labels[p]} {formats.number(v)}" for p, v in parts.items())
    return f"{formats.dong(total)} ({detail})"


def activity_detail(site: Site, page_url: str, activity: Activity) -> str:
    """Everything about one activity besides date, title, category and status: paragraphs."""
    value = activity.get("value") or {}
    places = ", ".join(ref(site, page_url, "locality", p) for p in site.places(activity))
    if len(activity.get("localities", ())) > 1:
        places += " " + h(_("(hoạt động chung; nguồn không tách phần của từng xã, số liệu là của chung các xã)"))
    words = _words(active())
    ended = ""
    if activity.get("end_date"):
        before, after = words.ended
        ended = " · " + h(f"{before}{formats.date(activity['end_date'])}{after}")
    before, after = words.place
    lines = [
        f"<p>{before}{places}{after}{ended}"
        f" · {h(site.label('support-categories', activity['category']))}</p>"
    ]
    before, after = words.delivered
    money = f"{before}{money_detail(activity, 'delivered')}{after}"
    if value.get("planned"):
        before, after = words.planned
        money += f" · {before}{money_detail(activity, 'planned')}{after}"
    if value.get("mobilised_from"):
        before, after = words.mobilised_from
        money += f" · {before}{h(value['mobilised_from'])}{after}"
    lines.append(f"<p>{money}</p>")
    beneficiaries = activity.get("beneficiaries")
    if beneficiaries:
        counts = []
        if "households" in beneficiaries:
            n = beneficiaries["households"]
            counts.append(ngettext("{count} hộ", "{count} hộ", n).format(count=formats.number(n)))
        if "people" in beneficiaries:
            n = beneficiaries["people"]
            counts.append(ngettext("{count} người", "{count} người", n).format(count=formats.number(n)))
        text = ", ".join(counts)
        if beneficiaries.get("note"):
            text = f"{text} ({beneficiaries['note']})" if text else beneficiaries["note"]
        before, after = words.beneficiaries
        lines.append(f"<p>{before}{h(text)}{after}</p>")
    if activity.get("description"):
        lines.append(f"<p>{h(activity['description'])}</p>")
    if activity.get("tags"):
        tags = h("; ".join(site.tag_label(t) for t in activity["tags"]))
        before, after = words.tags
        lines.append(f"<p>{before}{tags}{after}</p>")
    path = site.file_of("activity", activity["id"])
    record = link(urls.yaml_url(site.identity.repository, path), words.record_file, external=True)
    before, after = words.sources
    lines.append(f"<p>{before}{sources_html(activity['sources'])}{after} · {record}</p>")
    return "".join(lines)


def listing_headers() -> list[str]:
    return [
        _("Ngày"),
        _("Hoạt động (bấm để xem chi tiết)"),
        _("Cặp kết nghĩa"),
        _("Tình trạng"),
        _("Đã thực hiện (đồng)"),
        _("Số hộ"),
    ]


def date_cell(date: str) -> str:
    """A date as people read it, sorted as written: the same few thousand dates fill every table."""
    return _date_cell(date, active())


@lru_cache(maxsize=1 << 12)
def _date_cell(date: str, catalogue: NullTranslations) -> str:
    return cell(h(formats.date(date)), date)


def figure_cells(site: Site, activity: Activity) -> tuple[str, str]:
    """The delivered value and the households, last in every row of an activity: made once."""
    cells = site.memo.cells
    if activity["id"] not in cells:
        figures = site.figures[activity["id"]]
        cells[activity["id"]] = number_cell(figures.delivered), number_cell(figures.households)
    return cells[activity["id"]]


def listing_row(site: Site, page_url: str, activity: Activity) -> tuple[str, list[str]]:
    """(anchor, cells) of an activity's own row: the title opens the full record."""
    title = h(activity["title"]) + shared_mark(activity)
    details = (
        f'<details class="ledger-activity"><summary>{title}</summary>'
        f"{activity_detail(site, page_url, activity)}</details>"
    )
    return activity["id"], [
        date_cell(activity["date"]),
        cell(details, clean(activity["title"])),  # cell() escapes the sort key itself
        cell(ref(site, page_url, "partnership", activity["partnership"])),
        cell(h(site.label("activity-statuses", activity["status"]))),
        *figure_cells(site, activity),
    ]


def activity_row(
    site: Site, page_url: str, activity: Activity, with_partnership: bool = True, with_category: bool = True
) -> list[str]:
    row = [
        date_cell(activity["date"]),
        cell(activity_ref(site, page_url, activity)),
    ]
    if with_partnership:
        row.append(cell(ref(site, page_url, "partnership", activity["partnership"])))
    if with_category:
        row.append(cell(h(site.label("support-categories", activity["category"]))))
    row += figure_cells(site, activity)
    return row


def activity_headers(with_partnership: bool = True, with_category: bool = True) -> list[str]:
    """The headers of activity_row(), the same columns left out."""
    return [
        _("Ngày"),
        _("Hoạt động"),
        *([_("Cặp kết nghĩa")] if with_partnership else []),
        *([_("Nội dung")] if with_category else []),
        _("Đã thực hiện (đồng)"),
        _("Số hộ"),
    ]


def latest_table(
    site: Site,
    page_url: str,
    activity_ids: list[str],
    limit: int,
    more_html: str = "",
    with_partnership: bool = True,
    with_category: bool = True,
) -> str:
    """The newest `limit` activities, newest first, with a pointer to the rest."""
    chosen = [site.activities[a] for a in reversed(activity_ids[-limit:])]
    if not chosen:
        return para(_("Chưa có hoạt động nào được ghi nhận."))
    text = table(
        activity_headers(with_partnership, with_category),
        [activity_row(site, page_url, a, with_partnership, with_category) for a in chosen],
    )
    if len(activity_ids) > limit:
        whole = formats.number(len(activity_ids)) + cancelled_note(site, activity_ids)
        newest = ngettext(
            "{count} hoạt động mới nhất, trên tổng số {whole}.", "{count} hoạt động mới nhất, trên tổng số {whole}.", limit
        ).format(count=limit, whole=whole)
        text += para(f"{newest} {more_html}", "ledger-note")
    return text


def cancelled_note(site: Site, activity_ids: Iterable[str]) -> str:
    """' (kể cả 3 hoạt động đã hủy, …)' after a count of recorded activities: the totals beside
    it leave cancelled ones and help in the other direction out, and the counts must not seem to disagree."""
    left_out = [site.activities[a] for a in activity_ids if not site.figures[a].counted]
    reverse = sum(1 for a in left_out if to_sponsor(a))
    notes = []
    if len(left_out) > reverse:
        notes.append(ngettext(
            "(kể cả {count} hoạt động đã hủy, không tính vào các số liệu tổng hợp)",
            "(kể cả {count} hoạt động đã hủy, không tính vào các số liệu tổng hợp)",
            len(left_out) - reverse,
        ).format(count=formats.number(len(left_out) - reverse)))
    if reverse:
        notes.append(ngettext(
            "(kể cả {count} hoạt động theo chiều ngược lại, địa bàn gửi tặng đơn vị kết nghĩa, không tính vào các số "
            "liệu tổng hợp)",
            "(kể cả {count} hoạt động theo chiều ngược lại, địa bàn gửi tặng đơn vị kết nghĩa, không tính vào các số "
            "liệu tổng hợp)",
            reverse,
        ).format(count=formats.number(reverse)))
    return "".join(" " + note for note in notes)


def other_direction_note(site: Site, page_url: str, activity_ids: Iterable[str]) -> str:
    """The activities in which the twinned locality gave to its sponsor, named apart: the figures
    beside them are of support to the localities and leave them out."""
    other_direction = site.other_direction()
    reverse = [site.activities[a] for a in activity_ids if a in other_direction] if other_direction else []
    if not reverse:
        return ""
    items = ", ".join(
        link(urls.relative(page_url, urls.activity(a["id"], site.activity_urls)), h(a["title"]))
        + " (" + h(formats.date(a["date"])) + ")"
        for a in reverse
    )
    text = ngettext(
        "Hỗ trợ theo chiều ngược lại (địa bàn được giúp đỡ gửi tặng đơn vị kết nghĩa), không tính vào các số liệu "
        "trên: {activities}.",
        "Hỗ trợ theo chiều ngược lại (địa bàn được giúp đỡ gửi tặng đơn vị kết nghĩa), không tính vào các số liệu "
        "trên: {activities}.",
        len(reverse),
    ).format(activities=items)
    return para(text, "ledger-note")
