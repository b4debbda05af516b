"""Hoạt động: by year and by support category, as sortable tables.

Each activity's full record sits in its own row on the page of its year and category,
under an anchor of its id (the title opens the details); other pages link there.
Splitting by year and category keeps each page to a few hundred rows at province scale.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import formats, urls
from ..escape import h, link
from ..html_table import cell, number_cell, table
from ..model import Site, listing_url
from ..totals import Totals
from .activity_rows import LISTING_HEADERS, activity_headers, activity_row, cancelled_note, listing_row
from .links import folder_note, source_note
from .page import Page, heading, para
from .paging import pages_nav

INDEX = f"{urls.ACTIVITIES}/"
# A year's page also lists every activity while the list stays light to load.
YEAR_TABLE_LIMIT = 300
SUMMARY_HEADERS = ["Hoạt động", "Đã thực hiện (đồng)", "Lượt hộ"]


@dataclass
class Group:
    """The activities of one year and one support category, and the pages they fill."""

    pages: list  # [[activity, …], …]
    totals: Totals

    @property
    def activities(self) -> list:
        return [a for page in self.pages for a in page]


def grouped(site: Site) -> dict:
    """(year, category) -> Group, activities in date order."""
    return {
        key: Group(chunks, site.totals(a for chunk in chunks for a in chunk)) for key, chunks in site.listings.items()
    }


def merged(groups: dict, keys) -> Totals:
    totals = Totals()
    for key in keys:
        totals.merge(groups[key].totals)
    return totals


def _summary_row(label_html: str, sort, totals: Totals) -> list:
    return [
        cell(label_html, sort),
        number_cell(totals.activities),
        number_cell(totals.delivered),
        number_cell(totals.households),
    ]


def _category_label(site: Site, category: str) -> str:
    return h(site.label("support-categories", category))


def list_page(site: Site, year: str, category: str, group: Group, number: int) -> Page:
    url = listing_url(year, category, number)
    activities = group.pages[number - 1]
    pager = pages_nav(url, lambda n: listing_url(year, category, n), len(group.pages), number)
    first, last = formats.date(activities[0]["date"]), formats.date(activities[-1]["date"])
    body = [
        para(
            f"{link(urls.relative(url, urls.year_page(year)), h(f'Năm {year}'))} · "
            f"{link(urls.relative(url, urls.category_page(category)), _category_label(site, category))} · "
            f"{formats.number(len(group.activities))} hoạt động"
            + cancelled_note(site, [a["id"] for a in group.activities])
            + (h(f"; trang này: {first} – {last}") if len(group.pages) > 1 else "")
            + ". Bấm vào tên hoạt động để xem chi tiết và nguồn."
        ),
        pager,
        table(LISTING_HEADERS, [listing_row(site, url, a) for a in activities]),
        pager,
        folder_note(f"activities/{year}"),
    ]
    title = f"{site.label('support-categories', category)} – năm {year}"
    if number > 1:
        title += f" (trang {number})"
    return Page(url, title, "".join(body), search=False)


def year_page(site: Site, year: str, groups: dict) -> Page:
    url = urls.year_page(year)
    keys = [k for k in groups if k[0] == year]
    rows = [
        _summary_row(
            link(urls.relative(url, urls.activity_list(year, c)), _category_label(site, c)),
            None,
            groups[(year, c)].totals,
        )
        for c in site.vocabulary("support-categories")
        if (year, c) in groups
    ]
    activities = sorted((a for k in keys for a in groups[k].activities), key=lambda a: (a["date"], a["id"]))
    body = [
        para(
            f"{formats.number(len(activities))} hoạt động trong năm {year}"
            f"{cancelled_note(site, [a['id'] for a in activities])}."
        ),
        heading("Theo nội dung hỗ trợ"),
        table(["Nội dung"] + SUMMARY_HEADERS, rows),
    ]
    if len(activities) <= YEAR_TABLE_LIMIT:
        body += [
            heading("Danh sách hoạt động"),
            table(activity_headers(), [activity_row(site, url, a) for a in activities]),
        ]
    else:
        body.append(para("Danh sách đầy đủ nằm ở trang của từng nội dung hỗ trợ trong bảng trên."))
    body.append(folder_note(f"activities/{year}"))
    return Page(url, f"Hoạt động năm {year}", "".join(body), search=False)


def category_page(site: Site, category: str, groups: dict) -> Page:
    url = urls.category_page(category)
    item = site.vocabulary("support-categories")[category]
    years = sorted(y for (y, c) in groups if c == category)
    rows = [
        _summary_row(link(urls.relative(url, urls.activity_list(y, category)), y), int(y), groups[(y, category)].totals)
        for y in years
    ]
    group = site.groups().get(item.get("group"), "")
    flags = [w for k, w in (("gift", "tặng quà"), ("training", "tập huấn, nâng cao năng lực")) if item.get(k)]
    body = [
        # h() trims its text: the separator's spaces stay outside it.
        para(h(f"Nhóm: {group}") + (" · " + h(f"Thuộc loại: {', '.join(flags)}") if flags else "")),
        table(["Năm"] + SUMMARY_HEADERS, rows) if rows else para("Chưa có hoạt động nào."),
        source_note(site, "vocabulary", "support-categories"),
    ]
    return Page(url, site.label("support-categories", category), "".join(body), search=False)


def index_page(site: Site, groups: dict) -> Page:
    url = INDEX
    years = sorted({y for y, _ in groups})
    year_rows = [
        _summary_row(
            link(urls.relative(url, urls.year_page(y)), y), int(y), merged(groups, [k for k in groups if k[0] == y])
        )
        for y in years
    ]
    category_rows = [
        _summary_row(
            link(urls.relative(url, urls.category_page(code)), _category_label(site, code)),
            None,
            merged(groups, [k for k in groups if k[1] == code]),
        )
        for code in site.vocabulary("support-categories")
    ]
    body = [
        para(
            f"{formats.number(len(site.activities))} hoạt động được ghi nhận"
            f"{cancelled_note(site, site.activities)}. Mỗi hoạt động có trang chi tiết "
            "theo năm và nội dung hỗ trợ, kèm nguồn. Bấm vào tiêu đề cột để sắp xếp."
        ),
        heading("Theo năm"),
        table(["Năm"] + SUMMARY_HEADERS, year_rows),
        heading("Theo nội dung hỗ trợ"),
        table(["Nội dung"] + SUMMARY_HEADERS, category_rows),
        folder_note("activities"),
    ]
    return Page(url, "Hoạt động", "".join(body))


def pages(site: Site) -> Iterator[Page]:
    groups = grouped(site)
    yield index_page(site, groups)
    yield from (year_page(site, y, groups) for y in sorted({y for y, _ in groups}))
    yield from (category_page(site, c, groups) for c in site.vocabulary("support-categories"))
    for (year, category), group in groups.items():
        for number in range(1, len(group.pages) + 1):
            yield list_page(site, year, category, group, number)
