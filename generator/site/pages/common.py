"""What every page shares: the Page itself, links to records, figures, activity blocks."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from .. import formats, urls
from ..escape import clean, external_link, h, link, md, plain
from ..html_table import Cell, cell
from ..model import Site, year_of
from ..totals import MONEY_PARTS, Totals, delivered, households

MONEY_LABELS = {"cash": "tiền mặt", "in_kind": "hiện vật", "mobilised": "vận động", "unspecified": "chưa tách"}


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
        meta = {"title": plain(self.title)}
        if self.source:
            meta["source"] = self.source
        if not self.search:
            meta["search"] = {"exclude": True}
        meta.update(self.extra_meta)
        # JSON is YAML: strings come out quoted, whatever they hold.
        front = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items())
        return f"---\n{front}\n---\n\n# {md(self.title)}\n\n{self.body.strip()}\n"


def source_note(site: Site, record_type: str, record_id: str) -> str:
    path = site.file_of(record_type, record_id)
    return f"\n\n<p class=\"ledger-source\">Dữ liệu gốc: {link(urls.yaml_url(path), h(path), external=True)}</p>\n"


def ref(site: Site, page_url: str, record_type: str, record_id: str, label: str | None = None) -> str:
    """Link to a record's page, escaped; plain text if the record has no page."""
    names = {
        "locality": site.locality_name,
        "organization": site.sponsor_name,
        "partnership": site.partnership_name,
        "document": lambda i: clean(site.documents[i].get("number") or site.documents[i]["title"]),
    }
    text = label if label is not None else names[record_type](record_id)
    exists = record_id in site.records.get(record_type, {})
    if not exists:
        return h(text)
    return link(urls.relative(page_url, urls.entity(record_type, record_id)), h(text))


def activity_ref(site: Site, page_url: str, activity: dict) -> str:
    target = urls.activity(year_of(activity), activity["category"], activity["id"])
    return link(urls.relative(page_url, target), h(activity["title"]))


def figures(items: list[tuple[str, str]]) -> str:
    """Headline figures as a row of boxes (value, label), both escaped already."""
    boxes = "".join(f'<div><strong>{value}</strong><span>{label}</span></div>' for value, label in items)
    return f'\n<div class="ledger-figures">{boxes}</div>\n'


def totals_figures(totals: Totals) -> str:
    return figures([
        (formats.number(totals.activities), "hoạt động"),
        (h(formats.dong_short(totals.delivered)), f"đã thực hiện ({totals.delivered_reported} hoạt động có báo cáo giá trị)"),
        (h(formats.dong_short(totals.planned)), f"kế hoạch ({totals.planned_reported} hoạt động)"),
        (h(formats.count(totals.households)), "lượt hộ hưởng lợi"),
    ])


def money_detail(money: dict | None) -> str:
    """'90.000.000 đồng (tiền mặt 60.000.000; hiện vật 30.000.000)', escaped."""
    parts = [(p, money[p]) for p in MONEY_PARTS if money and p in money]
    if not parts:
        return formats.NOT_REPORTED
    total = sum(v for _, v in parts)
    if len(parts) == 1:
        return h(f"{formats.dong(total)} ({MONEY_LABELS[parts[0][0]]})")
    detail = "; ".join(f"{MONEY_LABELS[p]} {formats.number(v)}" for p, v in parts)
    return h(f"{formats.dong(total)} ({detail})")


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


def activity_block(site: Site, page_url: str, activity: dict) -> str:
    """Everything about one activity, under an anchor of its id."""
    value = activity.get("value") or {}
    partnership = site.partnerships.get(activity["partnership"], {})
    place = activity.get("locality") or partnership.get("locality")
    when = formats.date(activity["date"])
    if activity.get("end_date"):
        when += f" – {formats.date(activity['end_date'])}"
    lines = [
        f'<div class="ledger-activity" id="{h(activity["id"])}">',
        f"<h3>{h(activity['title'])}</h3>",
        f'<p class="ledger-meta">{h(when)} · {h(site.label("support-categories", activity["category"]))}'
        f' · {h(site.label("activity-statuses", activity["status"]))}</p>',
        f"<p>Cặp kết nghĩa: {ref(site, page_url, 'partnership', activity['partnership'])}"
        + (f" · Địa bàn: {ref(site, page_url, 'locality', place)}" if place else "") + "</p>",
        f"<p>Đã thực hiện: {money_detail(value.get('delivered'))}"
        + (f" · Kế hoạch: {money_detail(value.get('planned'))}" if value.get("planned") else "")
        + (f" · Vận động từ: {h(value['mobilised_from'])}" if value.get("mobilised_from") else "") + "</p>",
    ]
    beneficiaries = activity.get("beneficiaries")
    if beneficiaries:
        counts = [f"{formats.number(beneficiaries[k])} {w}" for k, w in (("households", "hộ"), ("people", "người")) if k in beneficiaries]
        note = f" ({beneficiaries['note']})" if beneficiaries.get("note") else ""
        lines.append(f"<p>Hưởng lợi: {h(', '.join(counts) + note)}</p>")
    if activity.get("description"):
        lines.append(f"<p>{h(activity['description'])}</p>")
    if activity.get("tags"):
        lines.append(f"<p>Thẻ: {h(', '.join(activity['tags']))}</p>")
    path = site.file_of("activity", activity["id"])
    lines.append(f"<p>Nguồn: {sources_html(activity['sources'])} · "
                 f"{link(urls.yaml_url(path), 'Tệp dữ liệu', external=True)}</p>")
    lines.append("</div>")
    return "\n".join(lines)


ACTIVITY_HEADERS = ["Ngày", "Hoạt động", "Cặp kết nghĩa", "Nội dung", "Đã thực hiện (đồng)", "Số hộ"]


def activity_row(site: Site, page_url: str, activity: dict, with_partnership: bool = True) -> list[Cell]:
    value = delivered(activity)
    count = households(activity)
    row = [
        cell(h(formats.date(activity["date"])), activity["date"]),
        cell(activity_ref(site, page_url, activity)),
    ]
    if with_partnership:
        row.append(cell(ref(site, page_url, "partnership", activity["partnership"])))
    row += [
        cell(h(site.label("support-categories", activity["category"]))),
        cell(formats.number(value) if value is not None else "", value if value is not None else -1),
        cell(formats.number(count) if count is not None else "", count if count is not None else -1),
    ]
    return row


def activity_headers(with_partnership: bool = True) -> list[str]:
    return [x for x in ACTIVITY_HEADERS if with_partnership or x != "Cặp kết nghĩa"]


def para(inner_html: str, css: str | None = None) -> str:
    """A paragraph as an HTML block: record text stays text, Markdown does not touch it."""
    attribute = f' class="{css}"' if css else ""
    return f"\n<p{attribute}>{inner_html}</p>\n"


def bullets(items: list[str]) -> str:
    if not items:
        return ""
    return "\n<ul>\n" + "\n".join(f"<li>{i}</li>" for i in items) + "\n</ul>\n"


def facts(rows: list[tuple[str, str]]) -> str:
    """A two-column list of facts (label, escaped value), as a definition list."""
    body = "\n".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows if value)
    return f'\n<dl class="ledger-facts">\n{body}\n</dl>\n'


def heading(text: str, level: int = 2) -> str:
    """A section heading; `text` is the site's own Vietnamese wording, never record text."""
    return f"\n{'#' * level} {text}\n"


def latest_table(site: Site, page_url: str, activity_ids: list[str], limit: int, more_html: str = "",
                 with_partnership: bool = True) -> str:
    """The newest `limit` activities, newest first, with a pointer to the rest."""
    chosen = [site.activities[a] for a in reversed(activity_ids[-limit:])]
    if not chosen:
        return para("Chưa có hoạt động nào được ghi nhận.")
    from ..html_table import table

    text = table(activity_headers(with_partnership), [activity_row(site, page_url, a, with_partnership) for a in chosen])
    if len(activity_ids) > limit:
        text += para(f"Hiển thị {limit} trong số {formats.number(len(activity_ids))} hoạt động mới nhất. {more_html}")
    return text
