"""Số liệu báo cáo: what the programme reported, figure by figure as its sources wrote it,
and beside each area's reported value the share that the ledger itemises."""

from __future__ import annotations

from ...i18n import _
from ...typed import ReportedTotal
from ...view import formats, urls
from ...view.escape import h, link, md
from ...view.model import Site
from ..html_table import cell, table
from ..reported import Comparison, of_locality, value_comparison
from .links import folder_note, ref, sources_html
from .page import Page, heading, para

URL = urls.section("reported-total")


def anchor(total_id: str) -> str:
    return f"{URL}#{total_id}"


def period_text(total: ReportedTotal) -> str:
    """"2022", or "2021 – 2023": a year reported alone is not written as a range."""
    start, end = total["period"]["start"], total["period"]["end"]
    return formats.date(start) if start == end else formats.period(start, end)


def comparison_html(site: Site, page_url: str, comparison: Comparison) -> str:
    """"Sổ ghi chi tiết 356 triệu đồng trên khoảng 55,8 tỷ đồng được báo cáo cho 2022-2023 (0,6%)":
    a reader must not take the ledger's sums for the programme's."""
    about = _("khoảng {value}") if comparison.approximate else "{value}"
    itemised = comparison.itemised.delivered or 0
    sources = ", ".join(
        link(urls.relative(page_url, anchor(t["id"])), h(period_text(t)))
        for t in comparison.totals
    )
    text = _(
        "Sổ ghi chi tiết {itemised} trên {reported} được báo cáo cho {years} ({share}). Phần còn lại chưa được "
        "ghi chi tiết trong sổ. Số liệu báo cáo: {sources}."
    ).format(
        itemised=h(formats.dong_short(itemised)),
        reported=h(about.format(value=formats.dong_short(comparison.reported))),
        years=h(comparison.span),
        share=h(formats.percent(itemised, comparison.reported)),
        sources=sources,
    )
    return para(text, "ledger-coverage")


def locality_summary(site: Site, page_url: str, locality_id: str) -> str:
    """For a locality's page: its reported value beside the ledger's, and every reported total of it."""
    totals = of_locality(site, locality_id)
    if not totals:
        return ""
    comparison = value_comparison(site, locality_id)
    return (
        heading(_("Số liệu được báo cáo"))
        + (comparison_html(site, page_url, comparison) if comparison else "")
        + figures_table(site, page_url, totals)
    )


def figures_table(site: Site, page_url: str, totals: list[ReportedTotal], with_scope: bool = False) -> str:
    rows = []
    for total in totals:
        for index, item in enumerate(total["figures"]):
            first = index == 0
            scope = total["scope"]
            where = ref(site, page_url, "locality", scope["locality"]) if "locality" in scope else (
                ref(site, page_url, "organization", scope["sponsor"]))
            row = [cell(where)] if with_scope else []
            when = period_text(total)
            # Later rows repeat the period and the sources for a phone's cards, where each row
            # stands alone (ledger-repeat: hidden on a wide screen and in print).
            row += [
                cell(h(when) if first else f'<span class="ledger-repeat">{h(when)}</span>', total["period"]["start"]),
                cell(h(site.label("reported-measures", item["measure"]))),
                cell(h(item["as_written"]) + (" – " + h(item["note"]) if item.get("note") else "")),
                cell(h(site.label("figure-precisions", item["precision"]))),
                cell(sources_html(total["sources"]) if first else f'<span class="ledger-repeat">{sources_html(total["sources"])}</span>'),
            ]
            rows.append(row)
    headers = [_("Phạm vi")] if with_scope else []
    headers += [_("Thời gian"), _("Chỉ tiêu"), _("Nguồn ghi"), _("Độ chính xác"), _("Nguồn")]
    return table(headers, rows, sortable=False)


def index_page(site: Site) -> Page:
    url = URL
    body = [
        para(
            _(
                "Các số liệu tổng hợp mà chương trình, các địa phương và đơn vị tự báo cáo, ghi đúng như nguồn viết "
                "(\"gần\", \"khoảng\", \"hơn\" được giữ nguyên). Sổ này chỉ ghi chi tiết những hoạt động có nguồn "
                "công khai nêu rõ, nên tổng của sổ nhỏ hơn nhiều so với số liệu báo cáo; mỗi trang có số liệu báo "
                "cáo cho biết sổ đã ghi chi tiết được bao nhiêu phần."
            )
        )
    ]
    scopes: dict[str, list[ReportedTotal]] = {}
    for total in sorted(site.reported_totals.values(), key=lambda t: (t["period"]["start"], t["id"])):
        scope = total["scope"]
        scopes.setdefault(scope.get("locality") or scope.get("sponsor") or "", []).append(total)
    for scope_id, totals in sorted(scopes.items(), key=lambda item: item[1][0]["period"]["start"]):
        scope = totals[0]["scope"]
        kind = "locality" if "locality" in scope else "organization"
        name = site.name_of(kind, scope_id)
        body.append(heading(md(name[:1].upper() + name[1:])))
        comparison = value_comparison(site, scope_id) if kind == "locality" else None
        if comparison:
            body.append(comparison_html(site, url, comparison))
        for total in totals:
            note = para(h(total["note"]), "ledger-note") if total.get("note") else ""
            body.append(f'\n<div id="{total["id"]}"></div>\n' + note + figures_table(site, url, [total]))
    if not scopes:
        body.append(para(_("Chưa có số liệu báo cáo nào được ghi nhận.")))
    body.append(folder_note(site, "reported-totals"))
    return Page(url, _("Số liệu báo cáo"), "".join(body))


def pages(site: Site) -> list[Page]:
    return [index_page(site)]
