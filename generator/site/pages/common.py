"""What every page shares: the Page itself, links to records, figures, activity blocks."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .. import formats, urls
from ..escape import clean, external_link, h, link, md, plain
from ..html_table import cell, number_cell, table
from ..model import Site
from ..totals import MONEY_PARTS, Totals

MONEY_LABELS = {
    "cash": "tiền mặt",
    "in_kind": "hiện vật",
    "mobilised": "vận động",
    "unspecified": "nguồn không tách tiền mặt, hiện vật",
}


@dataclass
class Page:
    url: str  # site-relative, "dia-ban/xa-phuoc-chanh/"
    title: str
    body: str  # Markdown, starting below the H1
    source: str | None = None  # repository path of the record behind the page
    search: bool = True  # listing pages stay out of the search index
    extra_meta: dict = field(default_factory=dict)

    @property
    def path(self) -> str:
        return urls.source_file(self.url)

    def text(self) -> str:
        # The home page's title is the site's name: Material would print it twice in <title>.
        meta = {"title": plain(self.title)} if self.url else {}
        if self.source:
            meta["source"] = self.source
        if not self.search:
            meta["search"] = {"exclude": True}
        meta.update(self.extra_meta)
        # JSON is YAML: strings come out quoted, whatever they hold.
        front = "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())
        front = f"---\n{front}---\n\n" if front else ""
        return f"{front}# {md(self.title)}\n\n{self.body.strip()}\n"


def source_note(site: Site, record_type: str, record_id: str) -> str:
    path = site.file_of(record_type, record_id)
    return f'\n\n<p class="ledger-source">Dữ liệu gốc: {link(urls.yaml_url(path), h(path), external=True)}</p>\n'


def folder_note(folder: str) -> str:
    """For pages drawn from many records: the folder of YAML files behind them."""
    path = f"records/{folder}".rstrip("/") + "/"
    return para(f"Dữ liệu gốc: {link(urls.folder_url(path), h(path), external=True)}", "ledger-source")


def ref(site: Site, page_url: str, record_type: str, record_id: str, label: str | None = None) -> str:
    """Link to a record's page, escaped; plain text if the record has no page."""
    if label is not None:
        return _ref(site, page_url, record_type, record_id, label)
    # The same links recur on thousands of rows: one per folder depth is enough.
    key = (page_url.count("/"), record_type, record_id)
    links = site.memo.links
    if key not in links:
        links[key] = _ref(site, page_url, record_type, record_id, None)
    return links[key]


def _ref(site: Site, page_url: str, record_type: str, record_id: str, label: str | None) -> str:
    if label is None:
        label = site.name_of(record_type, record_id)
    if record_id not in site.records.get(record_type, {}):
        return h(label)
    return link(urls.relative(page_url, urls.entity(record_type, record_id)), h(label))


def activity_ref(site: Site, page_url: str, activity: dict) -> str:
    target = f"{site.activity_urls[activity['id']]}#{activity['id']}"
    return link(urls.relative(page_url, target), h(activity["title"]))


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


def money_detail(money: dict | None) -> str:
    """'90.000.000 đồng (tiền mặt 60.000.000; hiện vật 30.000.000)': digits and the site's
    own words, nothing to escape."""
    parts = [(p, money[p]) for p in MONEY_PARTS if p in money] if money else []
    if not parts:
        return formats.NOT_REPORTED
    total = sum(v for _, v in parts)
    if len(parts) == 1:
        return f"{formats.dong(total)} ({MONEY_LABELS[parts[0][0]]})"
    detail = "; ".join(f"{MONEY_LABELS[p]} {formats.number(v)}" for p, v in parts)
    return f"{formats.dong(total)} ({detail})"


def sources_html(sources: list[dict]) -> str:
    items = []
    for source in sources:
        text = external_link(source.get("url"), source["title"])
        extra = [clean(source["publisher"]), formats.date(source["date"])]
        if source.get("identifier"):
            extra.append(clean(source["identifier"]))
        if source.get("note"):
            extra.append(clean(source["note"]))
        items.append(f"{text} ({h(', '.join(extra))})")
    return "; ".join(items)


def period_text(start: str, end: str | None) -> str:
    return f"{formats.date(start)} – {formats.date(end)}" if end else f"từ {formats.date(start)}"


def activity_detail(site: Site, page_url: str, activity: dict) -> str:
    """Everything about one activity besides date, title, category and status: paragraphs."""
    value = activity.get("value") or {}
    place = site.place(activity)
    lines = [
        f"<p>Địa bàn: {ref(site, page_url, 'locality', place)}"
        + (" · " + h(f"Kết thúc: {formats.date(activity['end_date'])}") if activity.get("end_date") else "")
        + f" · {h(site.label('support-categories', activity['category']))}</p>"
    ]
    money = f"Đã thực hiện: {money_detail(value.get('delivered'))}"
    if value.get("planned"):
        money += f" · Kế hoạch: {money_detail(value['planned'])}"
    if value.get("mobilised_from"):
        money += f" · Vận động từ: {h(value['mobilised_from'])}"
    lines.append(f"<p>{money}</p>")
    beneficiaries = activity.get("beneficiaries")
    if beneficiaries:
        counts = [
            f"{formats.number(beneficiaries[k])} {w}"
            for k, w in (("households", "hộ"), ("people", "người"))
            if k in beneficiaries
        ]
        text = ", ".join(counts)
        if beneficiaries.get("note"):
            text = f"{text} ({beneficiaries['note']})" if text else beneficiaries["note"]
        lines.append(f"<p>Hưởng lợi: {h(text)}</p>")
    if activity.get("description"):
        lines.append(f"<p>{h(activity['description'])}</p>")
    if activity.get("tags"):
        lines.append(f"<p>Thẻ: {h('; '.join(site.tag_label(t) for t in activity['tags']))}</p>")
    path = site.file_of("activity", activity["id"])
    lines.append(
        f"<p>Nguồn: {sources_html(activity['sources'])} · {link(urls.yaml_url(path), 'Tệp dữ liệu', external=True)}</p>"
    )
    return "".join(lines)


LISTING_HEADERS = [
    "Ngày",
    "Hoạt động (bấm để xem chi tiết)",
    "Cặp kết nghĩa",
    "Tình trạng",
    "Đã thực hiện (đồng)",
    "Số hộ",
]


@lru_cache(maxsize=1 << 12)
def date_cell(date: str) -> str:
    """A date as people read it, sorted as written: the same few thousand dates fill every table."""
    return cell(h(formats.date(date)), date)


def figure_cells(site: Site, activity: dict) -> tuple[str, str]:
    """The delivered value and the households, last in every row of an activity: made once."""
    cells = site.memo.cells
    if activity["id"] not in cells:
        figures = site.figures[activity["id"]]
        cells[activity["id"]] = number_cell(figures.delivered), number_cell(figures.households)
    return cells[activity["id"]]


def listing_row(site: Site, page_url: str, activity: dict) -> tuple[str, list[str]]:
    """(anchor, cells) of an activity's own row: the title opens the full record."""
    title = h(activity["title"])
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


ACTIVITY_HEADERS = ["Ngày", "Hoạt động", "Cặp kết nghĩa", "Nội dung", "Đã thực hiện (đồng)", "Số hộ"]


def activity_row(
    site: Site, page_url: str, activity: dict, with_partnership: bool = True, with_category: bool = True
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
    left_out = ({"Cặp kết nghĩa"} if not with_partnership else set()) | ({"Nội dung"} if not with_category else set())
    return [x for x in ACTIVITY_HEADERS if x not in left_out]


def para(inner_html: str, css: str | None = None) -> str:
    """A paragraph as an HTML block: record text stays text, Markdown does not touch it."""
    attribute = f' class="{css}"' if css else ""
    return f"\n<p{attribute}>{inner_html}</p>\n"


def unindexed(inner_html: str) -> str:
    """Shown on the page, left out of the search index (Material skips data-search-exclude)."""
    return f"<span data-search-exclude>{inner_html}</span>"


def bullets(items: list[str]) -> str:
    if not items:
        return ""
    return "\n<ul>\n" + "\n".join(f"<li>{i}</li>" for i in items) + "\n</ul>\n"


def facts(rows: list[tuple[str, str]]) -> str:
    """A two-column list of facts (label, escaped value), as a definition list."""
    # A newline between term and value: the search index strips tags and would glue them.
    body = "\n".join(f"<dt>{label}</dt>\n<dd>{value}</dd>" for label, value in rows if value)
    return f'\n<dl class="ledger-facts">\n{body}\n</dl>\n'


def heading(text: str, level: int = 2) -> str:
    """A section heading; `text` is the site's own Vietnamese wording, never record text."""
    return f"\n{'#' * level} {text}\n"


def pages_nav(page_url: str, url_of: Callable[[int], str], count: int, current: int) -> str:
    """"Trang: 1 · 2 · 3" between the pages of one list; nothing when it has one page."""
    if count == 1:
        return ""
    items = [
        f"<strong>{n}</strong>" if n == current else link(urls.relative(page_url, url_of(n)), str(n))
        for n in range(1, count + 1)
    ]
    return para("Trang: " + " · ".join(items))


# Rows per page of a section index: one page at province scale (300 partnerships, 150
# sponsors), pages of a phone-friendly size when the ledger grows past it.
INDEX_PAGE_SIZE = 300


def paged_index(
    url: str, title: str, intro: str, headers: list[str], ids: list[str], rows_of: Callable, note: str
) -> Iterator[Page]:
    """A section index as a sortable table, cut into pages of INDEX_PAGE_SIZE rows.
    `rows_of(page_url, ids)` makes the rows: their links depend on the page they are on."""
    chunks = [ids[i : i + INDEX_PAGE_SIZE] for i in range(0, len(ids), INDEX_PAGE_SIZE)] or [[]]
    for number, chunk in enumerate(chunks, 1):
        page_url = urls.paged(url, number)
        pager = pages_nav(page_url, lambda n: urls.paged(url, n), len(chunks), number)
        body = intro + pager + table(headers, rows_of(page_url, chunk)) + pager + note
        yield Page(page_url, title if number == 1 else f"{title} (trang {number})", body, search=number == 1)


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
        return para("Chưa có hoạt động nào được ghi nhận.")
    text = table(
        activity_headers(with_partnership, with_category),
        [activity_row(site, page_url, a, with_partnership, with_category) for a in chosen],
    )
    if len(activity_ids) > limit:
        whole = formats.number(len(activity_ids)) + cancelled_note(site, activity_ids)
        text += para(f"{limit} hoạt động mới nhất, trên tổng số {whole}. {more_html}", "ledger-note")
    return text


def cancelled_note(site: Site, activity_ids) -> str:
    """' (kể cả 3 hoạt động đã hủy, …)' after a count of recorded activities: the totals beside
    it leave cancelled ones out, and the two counts must not seem to disagree."""
    cancelled = sum(1 for a in activity_ids if not site.figures[a].counted)
    if not cancelled:
        return ""
    return f" (kể cả {formats.number(cancelled)} hoạt động đã hủy, không tính vào các số liệu tổng hợp)"
