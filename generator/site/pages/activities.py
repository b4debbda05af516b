"""Hoạt động: by year and by support category, as sortable tables.

Each activity's full record sits in its own row on the page of its year and category,
under an anchor of its id (the title opens the details); other pages link there.
Splitting by year and category keeps each page to a few hundred rows at province scale.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ...i18n import _, ngettext
from ...typed import Activity
from ...view import formats, urls
from ...view.escape import h, link
from ...view.model import Site, activity_order, listing_url
from ...view.totals import Totals
from ..html_table import cell, number_cell, table
from .activity_rows import activity_headers, activity_row, cancelled_note, listing_headers, listing_row
from .filters import table_attributes
from .links import feed_meta, folder_note, follow, source_note
from .page import Page, heading, para
from .paging import pages_nav

INDEX = urls.ACTIVITY_INDEX
# A year's page also lists every activity while the list stays light to load.
YEAR_TABLE_LIMIT = 300


def summary_headers(first: str) -> list[str]:
    """`first`, the column of what is summed (a year, a category), then the sums."""
    return [first, _("Hoạt động"), _("Đã thực hiện (đồng)"), _("Lượt hộ")]


@dataclass
class Group:
    """The activities of one year and one support category, and the pages they fill."""

    pages: list[list[Activity]]
    totals: Totals

    @property
    def activities(self) -> list[Activity]:
        return [a for page in self.pages for a in page]


Groups = dict[tuple[str, str], Group]  # (year, category) -> Group


def grouped(site: Site) -> Groups:
    """(year, category) -> Group, activities in date order."""
    return {
        key: Group(chunks, site.totals(a for chunk in chunks for a in chunk)) for key, chunks in site.listings.items()
    }


def merged(groups: Groups, keys: Iterable[tuple[str, str]]) -> Totals:
    totals = Totals()
    for key in keys:
        totals.merge(groups[key].totals)
    return totals


def _summary_row(label_html: str, sort: str | int | None, totals: Totals) -> list[str]:
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
    count = len(group.activities)
    body = [
        para(
            link(urls.relative(url, urls.year_page(year)), h(_("Năm {year}").format(year=year)))
            + " · "
            + link(urls.relative(url, urls.category_page(category)), _category_label(site, category))
            + " · "
            + ngettext("{count} hoạt động", "{count} hoạt động", count).format(count=formats.number(count))
            + cancelled_note(site, [a["id"] for a in group.activities])
            + (h(_("; trang này: {first} – {last}").format(first=first, last=last)) if len(group.pages) > 1 else "")
            + ". "
            + _("Bấm vào tên hoạt động để xem chi tiết và nguồn.")
        ),
        pager,
        table(
            listing_headers(),
            [listing_row(site, url, a) for a in activities],
            attributes=table_attributes(site, activities, f"hoat-dong-{year}-{category}-{number}.csv"),
        ),
        pager,
        folder_note(site, f"activities/{year}"),
    ]
    title = _("{category} – năm {year}").format(category=site.label("support-categories", category), year=year)
    if number > 1:
        title += " " + _("(trang {number})").format(number=number)
    return Page(url, title, "".join(body), search=False)


def year_page(site: Site, year: str, groups: Groups) -> Page:
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
    activities = sorted((a for k in keys for a in groups[k].activities), key=activity_order)
    body = [
        para(
            ngettext("{count} hoạt động trong năm {year}", "{count} hoạt động trong năm {year}", len(activities)).format(
                count=formats.number(len(activities)), year=year
            )
            + f"{cancelled_note(site, [a['id'] for a in activities])}."
        ),
        heading(_("Theo nội dung hỗ trợ")),
        table(summary_headers(_("Nội dung")), rows),
    ]
    if len(activities) <= YEAR_TABLE_LIMIT:
        body += [
            heading(_("Danh sách hoạt động")),
            table(
                activity_headers(),
                [activity_row(site, url, a) for a in activities],
                attributes=table_attributes(site, activities, f"hoat-dong-{year}.csv"),
            ),
        ]
    else:
        body.append(para(_("Danh sách đầy đủ nằm ở trang của từng nội dung hỗ trợ trong bảng trên.")))
    body.append(folder_note(site, f"activities/{year}"))
    return Page(url, _("Hoạt động năm {year}").format(year=year), "".join(body), search=False)


def category_page(site: Site, category: str, groups: Groups) -> Page:
    url = urls.category_page(category)
    item = site.vocabulary("support-categories")[category]
    years = sorted(y for (y, c) in groups if c == category)
    rows = [
        _summary_row(link(urls.relative(url, urls.activity_list(y, category)), y), int(y), groups[(y, category)].totals)
        for y in years
    ]
    group = site.groups().get(item.get("group", ""), "")
    flags = [w for k, w in (("gift", _("tặng quà")), ("training", _("tập huấn, nâng cao năng lực"))) if item.get(k)]
    kinds = " · " + h(_("Thuộc loại: {kinds}").format(kinds=", ".join(flags))) if flags else ""
    body = [
        # h() trims its text: the separator's spaces stay outside it.
        para(h(_("Nhóm: {group}").format(group=group)) + kinds),
        table(summary_headers(_("Năm")), rows) if rows else para(_("Chưa có hoạt động nào.")),
        source_note(site, "vocabulary", "support-categories"),
    ]
    return Page(url, site.label("support-categories", category), "".join(body), search=False)


def index_page(site: Site, groups: Groups) -> Page:
    url = INDEX
    years = sorted({y for y, c in groups})
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
    categories = site.vocabulary("support-categories")
    # One row per group of the plan, under an anchor the home page's group table links to,
    # with the categories it holds: a handful of rows whatever the number of activities.
    group_rows: list[tuple[str, list[str]]] = []
    for code, label in site.groups().items():
        members = [c for c in categories if site.category_group(c) == code]
        names = "".join(
            f"<li>{link(urls.relative(url, urls.category_page(c)), _category_label(site, c))}</li>" for c in members
        )
        totals = merged(groups, [k for k in groups if k[1] in members])
        group_rows.append((urls.group_section(code).partition("#")[2],
                           _summary_row(f'<strong>{h(label)}</strong><ul class="ledger-group">{names}</ul>', None, totals)))
    body = [
        para(
            ngettext("{count} hoạt động được ghi nhận", "{count} hoạt động được ghi nhận", len(site.activities)).format(
                count=formats.number(len(site.activities))
            )
            + f"{cancelled_note(site, site.activities)}. "
            + _("Mỗi hoạt động có trang chi tiết theo năm và nội dung hỗ trợ, kèm nguồn. Bấm vào tiêu đề cột để sắp xếp.")
        ),
        heading(_("Theo năm")),
        table(summary_headers(_("Năm")), year_rows),
        heading(_("Theo nội dung hỗ trợ")),
        table(summary_headers(_("Nội dung")), category_rows),
        heading(_("Theo nhóm nội dung")),
        table(summary_headers(_("Nhóm nội dung")), group_rows, sortable=False),
        follow(url, feed_meta(site)),
        folder_note(site, "activities"),
    ]
    return Page(url, _("Hoạt động"), "".join(body), extra_meta=feed_meta(site))


def pages(site: Site) -> Iterator[Page]:
    groups = grouped(site)
    yield index_page(site, groups)
    yield from (year_page(site, y, groups) for y in sorted({y for y, c in groups}))
    yield from (category_page(site, c, groups) for c in site.vocabulary("support-categories"))
    for (year, category), group in groups.items():
        for number in range(1, len(group.pages) + 1):
            yield list_page(site, year, category, group, number)
