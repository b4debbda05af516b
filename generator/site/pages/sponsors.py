"""Đơn vị kết nghĩa: a page per sponsor and the index of sponsors."""

from __future__ import annotations

from collections.abc import Iterator

from ...i18n import _, ngettext
from ...view import formats, shares, urls
from ...view.escape import external_link, h
from ...view.model import Site
from ...view.scopes import sponsor_activities
from ...view.shares import Share
from ...view.totals import Totals
from .. import workbooks
from ..html_table import cell, number_cell, table
from .activity_rows import latest_table, other_direction_note
from .figures import totals_figures
from .links import feed_meta, folder_note, follow, ref, source_note, sources_html, summary_links
from .localities import partnership_headers, partnership_rows
from .page import Page, facts, heading, para
from .paging import paged_index
from .reorganisation import across_reorganisation

INDEX = urls.section("organization")


def sponsor_totals(site: Site, oid: str) -> Totals:
    totals = Totals()
    for pid in site.partnerships_of_sponsor.get(oid, []):
        totals.merge(site.partnership_totals(pid))
    return totals


def year_headers() -> list[str]:
    return [
        _("Năm"),
        _("Hoạt động"),
        _("Kế hoạch (đồng)"),
        _("Đã thực hiện (đồng)"),
        _("Tặng quà, theo giá trị đã thực hiện"),
        _("Tặng quà, theo số hoạt động"),
    ]


def _share_cell(text: str, part: int | None, whole: int | None) -> str:
    """A share as people read it (`text`), sorted by its value; empty when nothing was reported."""
    if not whole:
        return number_cell(None)
    return cell(text, round(10_000 * (part or 0) / whole))


def year_rows(years: dict[str, Share]) -> list[list[str]]:
    """A row per year: activities, planned and delivered value, and the share of gifts (the plan
    asks for fewer gifts and more lasting help) by value and by number."""
    return [
        [
            cell(h(year), int(year)),
            number_cell(share.every.activities),
            number_cell(share.every.planned),
            number_cell(share.every.delivered),
            _share_cell(share.by_value, share.value, share.every.delivered),
            _share_cell(share.by_number, share.part.activities, share.every.activities),
        ]
        for year, share in years.items()
    ]


def gift_trend(years: dict[str, Share]) -> str:
    """The share of gifts by value in the first and the last year with a reported value, and the
    years without one: the trend rests on the years that reported."""
    valued = [(year, share.by_value) for year, share in years.items() if share.every.delivered]
    sentences = []
    if len(valued) >= 2:
        (first_year, first), (last_year, last) = valued[0], valued[-1]
        sentences.append(
            _("Tỷ trọng tặng quà theo giá trị: {first} năm {first_year}, {last} năm {last_year}.").format(
                first=first, first_year=first_year, last=last, last_year=last_year
            )
        )
    unvalued = [year for year, share in years.items() if not share.every.delivered]
    if unvalued:
        sentences.append(_("Năm chưa có báo cáo giá trị: {years}.").format(years=", ".join(unvalued)))
    return " ".join(sentences)


def year_table(site: Site, activity_ids: list[str]) -> str:
    if not activity_ids:
        return ""
    note = _(
        "Kế hoạch hướng tới giảm dần việc tặng quà, tăng hỗ trợ sinh kế và công trình lâu dài. "
        "Tỷ trọng tặng quà theo giá trị chỉ tính các hoạt động có báo cáo giá trị; ô trống là chưa có báo cáo."
    )
    years = shares.by_year(site, activity_ids)  # grouped once for the table and the trend
    trend = gift_trend(years)
    return table(year_headers(), year_rows(years)) + para(h(f"{trend} {note}".strip()), "ledger-note")


def sponsor_page(site: Site, oid: str) -> Page:
    organization = site.organizations[oid]
    url = urls.entity("organization", oid)
    rows = [
        (_("Tên đầy đủ"), h(organization["name"])),
        (_("Loại đơn vị"), h(site.label("organization-kinds", organization["kind"]))),
        (_("Tên gọi khác"), h(", ".join(organization.get("aliases", [])))),
        (_("Địa phương"), ref(site, url, "locality", organization["locality"]) if organization.get("locality") else ""),
        (
            _("Trang web"),
            external_link(organization.get("website"), organization["website"]) if organization.get("website") else "",
        ),
        (_("Ghi chú"), h(organization.get("note", ""))),
        (_("Nguồn"), sources_html(organization["sources"])),
    ]
    partnerships = site.partnerships_of_sponsor.get(oid, [])
    activity_ids = sponsor_activities(site, oid)
    meta = feed_meta(site, "organization", oid)
    body = [facts(rows), heading(_("Cặp kết nghĩa"))]
    body.append(
        table(partnership_headers(), partnership_rows(site, url, partnerships))
        if partnerships
        else para(_("Chưa có cặp kết nghĩa được ghi nhận."))
    )
    body.append(across_reorganisation(site, url, organization))
    body += [
        heading(_("Tổng hợp hoạt động")),
        totals_figures(sponsor_totals(site, oid)),
        other_direction_note(site, url, activity_ids),
        shared_note(site, url, oid),
        heading(_("Theo năm")),
        year_table(site, activity_ids) or para(_("Chưa có hoạt động nào được ghi nhận.")),
        summary_links(site, url, "organization", oid, activity_ids),
        follow(url, meta),
        heading(_("Hoạt động gần đây")),
        latest_table(site, url, activity_ids, 20, _("Xem đầy đủ ở trang của từng cặp kết nghĩa.")),
        workbooks.note(site, url, "organization", oid),
        source_note(site, "organization", oid),
    ]
    return Page(url, site.sponsor_name(oid), "".join(body), source=site.file_of("organization", oid),
                extra_meta=meta)


def shared_note(site: Site, url: str, oid: str) -> str:
    """A partnership of several sponsors counts in full for each: said where its figures are shown."""
    shared = [p for p in site.partnerships_of_sponsor.get(oid, []) if len(site.partnerships[p]["sponsors"]) > 1]
    if not shared:
        return ""
    others = site.by_name("organization", {s for p in shared for s in site.partnerships[p]["sponsors"]} - {oid})
    return para(
        ngettext(
            "Cặp kết nghĩa {partnerships} do nhiều đơn vị cùng nhận (cùng với {others}): hoạt động và giá trị của cặp "
            "được tính trọn ở trang của mỗi đơn vị, không chia cho từng đơn vị; cộng các trang đơn vị sẽ lớn hơn thực tế.",
            "Các cặp kết nghĩa {partnerships} do nhiều đơn vị cùng nhận (cùng với {others}): hoạt động và giá trị của "
            "các cặp được tính trọn ở trang của mỗi đơn vị, không chia cho từng đơn vị; cộng các trang đơn vị sẽ lớn "
            "hơn thực tế.",
            len(shared),
        ).format(partnerships=", ".join(ref(site, url, "partnership", p) for p in shared),
                 others=", ".join(ref(site, url, "organization", o) for o in others)),
        "ledger-note",
    )


def _index_rows(site: Site, url: str, ids: list[str]) -> list[list[str]]:
    rows = []
    for oid in ids:
        organization = site.organizations[oid]
        totals = sponsor_totals(site, oid)
        places = {site.partnerships[p]["locality"] for p in site.partnerships_of_sponsor.get(oid, [])}
        rows.append(
            [
                cell(ref(site, url, "organization", oid)),
                cell(h(site.label("organization-kinds", organization["kind"]))),
                cell(
                    ", ".join(
                        ref(site, url, "locality", lid)
                        for lid in site.by_name("locality", [p for p in places if p in site.localities])
                    )
                ),
                number_cell(totals.activities),
                number_cell(totals.delivered),
            ]
        )
    return rows


def index_pages(site: Site) -> Iterator[Page]:
    ids = site.by_name("organization", site.organizations)
    # The home page counts those in a partnership; the others joined an activity (a co-funder).
    twinned = sum(1 for oid in ids if site.partnerships_of_sponsor.get(oid))
    others = len(ids) - twinned
    intro = para(
        ngettext(
            "{count} cơ quan, đơn vị, doanh nghiệp và địa phương nhận kết nghĩa, giúp đỡ",
            "{count} cơ quan, đơn vị, doanh nghiệp và địa phương nhận kết nghĩa, giúp đỡ",
            twinned,
        ).format(count=formats.number(twinned))
        + (
            "; "
            + ngettext(
                "{count} đơn vị khác chỉ phối hợp hỗ trợ", "{count} đơn vị khác chỉ phối hợp hỗ trợ", others
            ).format(count=formats.number(others))
            if others
            else ""
        )
        + ". "
        + _("Bấm vào tiêu đề cột để sắp xếp.")
        # A partnership of several sponsors counts in full on each sponsor's row.
        + (
            " "
            + _(
                "Một cặp kết nghĩa có nhiều đơn vị cùng nhận được tính trọn cho từng đơn vị, nên cộng các dòng "
                "sẽ lớn hơn tổng của cả tỉnh."
            )
            if any(len(p["sponsors"]) > 1 for p in site.partnerships.values())
            else ""
        )
    )
    yield from paged_index(
        INDEX,
        _("Đơn vị kết nghĩa"),
        intro,
        [_("Đơn vị"), _("Loại"), _("Địa bàn kết nghĩa"), _("Hoạt động"), _("Đã thực hiện (đồng)")],
        ids,
        lambda url, chunk: _index_rows(site, url, chunk),
        folder_note(site, "organizations"),
    )


def pages(site: Site) -> Iterator[Page]:
    yield from index_pages(site)
    yield from (sponsor_page(site, oid) for oid in site.organizations)
