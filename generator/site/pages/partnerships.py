"""Cặp kết nghĩa: a page per partnership (basis, agreement, period, timeline, totals)."""

from __future__ import annotations

from collections.abc import Iterator

from ...i18n import _, ngettext
from ...typed import Activity
from ...view import formats, urls
from ...view.escape import h, link
from ...view.model import LISTING_PAGE_SIZE, Site, year_of
from .. import workbooks
from ..html_table import cell, number_cell, table
from .activity_rows import activity_headers, activity_row, latest_table, other_direction_note
from .figures import totals_figures
from .filters import table_attributes
from .links import folder_note, ref, source_note, sources_html
from .localities import partnership_headers, partnership_rows
from .page import Page, facts, heading, para
from .paging import chunked, paged_index, pages_nav

INDEX = urls.section("partnership")
# Above this many activities the timeline moves to one page per year, keeping the
# partnership's own page light.
TIMELINE_LIMIT = 100


def by_year(site: Site, pid: str) -> dict[str, list[Activity]]:
    years: dict[str, list[Activity]] = {}
    for a in site.activities_of_partnership.get(pid, []):
        years.setdefault(year_of(site.activities[a]), []).append(site.activities[a])
    return dict(sorted(years.items()))


def _by_year_table(site: Site, pid: str, url: str, years: dict[str, list[Activity]], linked: bool) -> str:
    rows = []
    for year, items in years.items():
        totals = site.totals(items)
        label = link(urls.relative(url, urls.partnership_year(pid, year)), year) if linked else year
        rows.append(
            [cell(label, int(year)), number_cell(totals.activities)]
            + [number_cell(v) for v in (totals.planned, totals.delivered, totals.households)]
        )
    return table([_("Năm"), _("Hoạt động"), _("Kế hoạch (đồng)"), _("Đã thực hiện (đồng)"), _("Lượt hộ")], rows)


def partnership_page(site: Site, pid: str, years: dict[str, list[Activity]]) -> Page:
    """`years`: by_year(site, pid), also the source of the year pages of a long timeline."""
    partnership = site.partnerships[pid]
    url = urls.entity("partnership", pid)
    agreement = partnership.get("agreement")
    agreement_html = ""
    if agreement:
        agreement_html = h(agreement["title"])
        if agreement.get("date"):
            agreement_html += h(f", {formats.date(agreement['date'])}")
        if agreement.get("document"):
            agreement_html += f" ({ref(site, url, 'document', agreement['document'])})"
    rows = [
        (_("Đơn vị kết nghĩa"), ", ".join(ref(site, url, "organization", s) for s in partnership["sponsors"])),
        (_("Địa bàn"), ref(site, url, "locality", partnership["locality"])),
        (_("Căn cứ"), ", ".join(ref(site, url, "document", d) for d in partnership.get("basis", []))),
        (_("Giao ước"), agreement_html),
        (_("Thời gian"), h(formats.known_period(partnership["period"]))),
        (_("Căn cứ thời gian"), h(partnership["period"].get("note", ""))),
        (_("Kết nghĩa từ năm"), h(partnership.get("twinned_since", ""))),
        (_("Tình trạng"), h(site.label("partnership-statuses", partnership["status"]))),
        (_("Mô tả"), h(partnership.get("description", ""))),
        (_("Nguồn"), sources_html(partnership["sources"])),
    ]
    activity_ids = site.activities_of_partnership.get(pid, [])
    activities = [site.activities[a] for a in activity_ids]
    split = len(activities) > TIMELINE_LIMIT
    body = [facts(rows), heading(_("Tổng hợp")), totals_figures(site.partnership_totals(pid)),
            other_direction_note(site, url, site.activities_of_partnership.get(pid, []))]
    if activities:
        body += [
            heading(_("Kế hoạch và thực hiện theo năm")),
            _by_year_table(site, pid, url, years, split),
            heading(_("Dòng thời gian hoạt động")),
        ]
        if split:
            body.append(
                latest_table(
                    site,
                    url,
                    activity_ids,
                    20,
                    _("Bấm vào một năm trong bảng trên để xem đủ các hoạt động."),
                    with_partnership=False,
                    with_category=False,
                )
            )
        else:
            body.append(
                table(
                    activity_headers(False, False),
                    [activity_row(site, url, a, False, False) for a in activities],
                    attributes=table_attributes(site, activities, f"hoat-dong-{pid}.csv"),
                )
            )
    else:
        body.append(para(_("Chưa có hoạt động nào được ghi nhận.")))
    body.append(workbooks.note(site, url, "partnership", pid))
    body.append(source_note(site, "partnership", pid))
    return Page(url, site.partnership_name(pid), "".join(body), source=site.file_of("partnership", pid))


def year_pages(site: Site, pid: str, year: str, activities: list[Activity]) -> Iterator[Page]:
    """One year of a long timeline, in pages of LISTING_PAGE_SIZE rows like the activity
    listings: a year of thousands of activities would otherwise be one page of megabytes."""
    first_url = urls.partnership_year(pid, year)
    chunks = chunked(activities, LISTING_PAGE_SIZE)
    count = ngettext("{count} hoạt động trong năm {year}", "{count} hoạt động trong năm {year}", len(activities))
    for number, chunk in enumerate(chunks, 1):
        url = urls.paged(first_url, number)
        pager = pages_nav(url, lambda n: urls.paged(first_url, n), len(chunks), number)
        span = ""
        if len(chunks) > 1:
            first, last = formats.date(chunk[0]["date"]), formats.date(chunk[-1]["date"])
            span = h(_("; trang này: {first} – {last}").format(first=first, last=last))
        body = [
            para(
                f"{ref(site, url, 'partnership', pid)} · "
                + count.format(count=formats.number(len(activities)), year=year)
                + span
                + "."
            ),
            pager,
            table(activity_headers(False, False), [activity_row(site, url, a, False, False) for a in chunk]),
            pager,
            source_note(site, "partnership", pid),
        ]
        title = _("{partnership} – năm {year}").format(partnership=site.partnership_name(pid), year=year)
        if number > 1:
            title += " " + _("(trang {number})").format(number=number)
        yield Page(url, title, "".join(body), source=site.file_of("partnership", pid), search=False)


def index_pages(site: Site) -> Iterator[Page]:
    ids = site.by_name("partnership", site.partnerships)
    count = ngettext("{count} cặp kết nghĩa.", "{count} cặp kết nghĩa.", len(ids)).format(count=formats.number(len(ids)))
    intro = para(count + " " + _("Bấm vào tiêu đề cột để sắp xếp."))
    yield from paged_index(
        INDEX,
        _("Cặp kết nghĩa"),
        intro,
        partnership_headers(),
        ids,
        lambda url, chunk: partnership_rows(site, url, chunk),
        folder_note(site, "partnerships"),
    )


def pages(site: Site) -> Iterator[Page]:
    yield from index_pages(site)
    for pid in site.partnerships:
        years = by_year(site, pid)
        yield partnership_page(site, pid, years)
        if len(site.activities_of_partnership.get(pid, [])) > TIMELINE_LIMIT:
            for year, items in years.items():
                yield from year_pages(site, pid, year, items)
