"""Sơ kết: one printable page per year for each programme, each locality that reports on its
own (a district, a commune of a city since 2025, the city: areas.reports_on_its_own) and each
sponsor. What was planned and delivered, by group of the plan, the gift share, the communes
served, every activity with its sources, and what the ledger holds of a reported total; the data
date and the page's address are printed at the top (overrides/main.html prints them on every page)."""

from __future__ import annotations

from collections.abc import Iterator

from ...i18n import _
from ...typed import Activity
from ...view import formats, shares, urls
from ...view.escape import h, link
from ...view.model import COMMUNE_LEVELS, DISTRICT_LEVELS, Site, year_of
from ...view.scopes import area_activities, programme_activities, reporting_units, reports_on_its_own, sponsor_activities
from ...view.totals import Figures, Totals, totals_of
from ..html_table import cell, number_cell, table
from ..reported import years_of
from .activity_rows import date_cell, figure_cells
from .figures import joint_note, totals_figures
from .links import activity_ref, ref, sources_html
from .page import Page, heading, para
from .paging import chunked, pages_nav
from .reported_totals import figures_table


def _by_year(site: Site, activity_ids: list[str]) -> dict[str, list[Activity]]:
    years: dict[str, list[Activity]] = {}
    for aid in activity_ids:
        activity = site.activities[aid]
        years.setdefault(year_of(activity), []).append(activity)
    return years


def _group_table(site: Site, activities: list[Activity], whole: Totals) -> str:
    """By group of the plan, then `whole`: the totals of `activities`."""
    groups = site.groups()
    figures: dict[str, list[Figures]] = {code: [] for code in groups}
    for activity in activities:
        group = site.category_group(activity["category"]) or ""
        figures.setdefault(group, []).append(site.figures[activity["id"]])
    rows = [
        [cell(h(groups.get(code, _("Khác")))), cell(formats.number(t.activities)), number_cell(t.planned),
         number_cell(t.delivered)]
        for code, t in ((code, totals_of(f)) for code, f in figures.items()) if t.activities
    ]
    total_label = _("Cộng")
    rows.append([cell(f"<strong>{total_label}</strong>"), cell(formats.number(whole.activities)),
                 number_cell(whole.planned), number_cell(whole.delivered)])
    return table([_("Nhóm nội dung của Kế hoạch"), _("Số hoạt động"), _("Kế hoạch (đồng)"), _("Đã thực hiện (đồng)")],
                  rows, sortable=False)


def _gift_share(site: Site, activities: list[Activity]) -> str:
    share = shares.share(site, (a["id"] for a in activities))
    if share.every.delivered is None:
        return para(_("Chưa có hoạt động nào báo cáo giá trị đã thực hiện."))
    return para(_("Tặng quà: {gift} trên tổng {whole} đã thực hiện ({share}).").format(
        gift=h(formats.dong(share.value)), whole=h(formats.dong(share.every.delivered)), share=share.by_value))


def _places_table(site: Site, url: str, activities: list[Activity]) -> str:
    figures: dict[str, list[Figures]] = {}
    joint = []
    for activity in activities:
        places = site.places(activity)
        one = site.figures[activity["id"]]
        for place in places:  # a joint activity: in the row of each commune it served
            figures.setdefault(place, []).append(one)
        if len(places) > 1 and one.counted:
            joint.append(activity)
    rows = [
        [cell(ref(site, url, "locality", place)), cell(formats.number(t.activities)), number_cell(t.delivered),
         number_cell(t.households)]
        for place in site.by_name("locality", figures) for t in (totals_of(figures[place]),)
    ]
    return table([_("Địa bàn"), _("Số hoạt động"), _("Đã thực hiện (đồng)"), _("Số hộ")], rows, sortable=False) + \
        joint_note(joint)


def _activity_row(site: Site, url: str, a: Activity) -> list[str]:
    """An activity's row: the same in its district's summary and its sponsors' (pages of one depth);
    the cells without a link to the site the same on every page."""
    key = (url.count("/"), a["id"])
    rows = site.memo.summary_rows
    if key not in rows:
        date, category, delivered, households, sources = _unlinked_cells(site, a)
        rows[key] = [
            date,
            cell(activity_ref(site, url, a) + f"<br><small>{h(site.label('activity-statuses', a['status']))}</small>"),
            cell(", ".join(ref(site, url, "locality", p) for p in site.places(a))),
            category,
            delivered,
            households,
            sources,
        ]
    return rows[key]


def _unlinked_cells(site: Site, a: Activity) -> tuple[str, str, str, str, str]:
    """Date, category, delivered, households and sources: a summary row's cells that link to no page."""
    cells = site.memo.summary_cells
    if a["id"] not in cells:
        cells[a["id"]] = (date_cell(a["date"]), cell(h(site.label("support-categories", a["category"]))),
                          *figure_cells(site, a), cell(f"<small>{sources_html(a['sources'])}</small>"))
    return cells[a["id"]]


def _activities_table(site: Site, url: str, activities: list[Activity]) -> str:
    rows = [_activity_row(site, url, a) for a in activities]
    return table([_("Ngày"), _("Hoạt động"), _("Địa bàn"), _("Nội dung"), _("Đã thực hiện (đồng)"), _("Số hộ"),
                  _("Nguồn")], rows, sortable=False)


# Activities per page of a summary: the first page holds the totals and the first rows; a year of
# thousands of activities continues on pages of its own, each a few hundred KB at most.
SUMMARY_PAGE_SIZE = 150


def _reported(site: Site, url: str, record_type: str, record_id: str, year: str, name: str) -> str:
    """The reported totals of the scope whose period holds the year, beside the ledger's own."""
    scope = "sponsor" if record_type == "organization" else "locality"
    if record_type == "programme":  # what was reported for its area
        record_id = site.programmes[record_id]["area"]
    totals = [t for t in site.reported_totals.values()
              if t["scope"].get(scope) == record_id and year in years_of(t)]
    if not totals:
        return para(_("Sổ chưa có số liệu báo cáo tổng hợp của năm {year} cho {name}: các con số trên chỉ gồm những "
                      "hoạt động đã được ghi thành hồ sơ, có nguồn, không phải toàn bộ số liệu báo cáo.").format(
                   year=year, name=h(name)))
    totals.sort(key=lambda t: (t["period"]["start"], t["id"]))
    return para(_("Số liệu do chương trình, địa phương báo cáo cho thời gian có năm {year}, ghi đúng như nguồn; các "
                  "con số trên chỉ gồm những hoạt động đã được ghi thành hồ sơ.").format(year=year)) + figures_table(
        site, url, totals)


def _unit_of(site: Site, place: str) -> str | None:
    """The district or commune whose summary lists what took place at `place`: itself, or its district."""
    if reports_on_its_own(site, place) and site.localities[place]["level"] in DISTRICT_LEVELS | COMMUNE_LEVELS:
        return place
    district = site.district_of(place)
    return district if district and reports_on_its_own(site, district) else None


def _listed_elsewhere(site: Site, url: str, year: str, activities: list[Activity]) -> str:
    """A programme's or a city's activities are listed, with their sources, in the summaries of the
    districts and communes where they took place (and on the year's page): its summary would copy them all."""
    units = site.by_name("locality", {u for a in activities for p in site.places(a) if (u := _unit_of(site, p))})
    links = ", ".join(link(urls.relative(url, urls.summary("locality", u, year)), h(site.locality_name(u)))
                      for u in units)
    return para(_("Từng hoạt động và nguồn của nó có trong sơ kết năm {year} của từng địa bàn: {units}; và ở "
                  "{year_page}.").format(year=year, units=links or h(_("chưa có")),
                                         year_page=link(urls.relative(url, urls.year_page(year)),
                                                        _("trang hoạt động năm {year}").format(year=year))))


def summary_pages(site: Site, record_type: str, record_id: str, year: str, activities: list[Activity]) -> Iterator[Page]:
    url = urls.summary(record_type, record_id, year)
    name = site.name_of(record_type, record_id)
    title = _("Sơ kết năm {year}: {name}").format(year=year, name=name)
    data_date = formats.date(site.newest) if site.newest else _("chưa có")
    # A programme's or a city's summary gives its figures and points to where each activity is
    # listed: the summaries of its districts and communes.
    listed = record_type == "organization" or (
        record_type == "locality" and site.localities[record_id]["level"] in DISTRICT_LEVELS | COMMUNE_LEVELS)
    chunks = chunked(activities, SUMMARY_PAGE_SIZE) if listed else [activities]
    whole = site.totals(activities)
    for number, chunk in enumerate(chunks, 1):
        page_url = urls.paged(url, number)
        pager = pages_nav(page_url, lambda n: urls.paged(url, n), len(chunks), number)
        body = [
            para(_("Sơ kết công tác kết nghĩa năm {year} của {name}, lập từ các hồ sơ của sổ. Số liệu đến ngày {date}. "
                   "Trang chính: {page}.").format(year=year, name=h(name), date=data_date,
                                                 page=ref(site, page_url, record_type, record_id))),
        ]
        if number == 1:
            body += [
                totals_figures(whole),
                heading(_("Kế hoạch và đã thực hiện theo nhóm nội dung")),
                _group_table(site, activities, whole),
                _gift_share(site, activities),
                heading(_("Địa bàn được hỗ trợ")),
                _places_table(site, page_url, activities),
                heading(_("Số liệu báo cáo tổng hợp")),
                _reported(site, page_url, record_type, record_id, year, name),
            ]
        body += [heading(_("Các hoạt động và nguồn")),
                 *((pager, _activities_table(site, page_url, chunk), pager) if listed
                   else (_listed_elsewhere(site, page_url, year, activities),))]
        numbered = title if number == 1 else f"{title} " + _("(trang {number})").format(number=number)
        yield Page(page_url, numbered, "".join(body), search=False)


def pages(site: Site) -> Iterator[Page]:
    for pid in sorted(site.programmes):
        for year, activities in sorted(_by_year(site, programme_activities(site, pid)).items()):
            yield from summary_pages(site, "programme", pid, year, activities)
    for lid in reporting_units(site):
        for year, activities in sorted(_by_year(site, area_activities(site, lid)).items()):
            yield from summary_pages(site, "locality", lid, year, activities)
    for oid in sorted(site.organizations):
        for year, activities in sorted(_by_year(site, sponsor_activities(site, oid)).items()):
            yield from summary_pages(site, "organization", oid, year, activities)
    # No other page shows these rows: what they hold (45 MB at province scale, traced) is free
    # for the pages made after them.
    site.memo.forget_summary_rows()
