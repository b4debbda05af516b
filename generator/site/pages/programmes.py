"""Chương trình: the programmes, the live one first, each with its basis, targets and figures."""

from __future__ import annotations

from collections.abc import Iterator

from ...facts import localities_of
from .. import formats, urls
from ..escape import h
from ..html_table import cell, number_cell, table
from ..i18n import _, ngettext
from ..model import Site
from ..reported import of_programme
from .activity_rows import other_direction_note
from .coverage import district_counts_table
from .figures import totals_figures
from .links import folder_note, ref, source_note, sources_html
from .localities import partnership_headers, partnership_rows
from .page import Page, facts, heading, para
from .reported_totals import figures_table

INDEX = urls.section("programme")
REACHED = "xa-trong-so"  # the anchor of the communes the ledger shows the programme reaching


def communes_reached(site: Site, partnership_ids: list[str]) -> set[str]:
    """Communes that these partnerships twin or where one of their activities took place."""
    places = {place for p in partnership_ids for place in localities_of(site.partnerships[p])}
    places |= {place for p in partnership_ids for a in site.activities_of_partnership.get(p, [])
               for place in site.places(site.activities[a])}
    return {p for p in places if site.is_commune(p)}


def activities_of(site: Site, programme_id: str) -> list[str]:
    known = site.memo.programme_activities
    if programme_id not in known:
        partnerships = set(site.partnerships_of_programme(programme_id))
        known[programme_id] = [a["id"] for a in site.in_order if a["partnership"] in partnerships]
    return known[programme_id]


def status_text(site: Site, programme_id: str) -> str:
    period = site.programmes[programme_id]["period"]
    if "end" in period:
        return _("đã kết thúc ({period})").format(period=formats.known_period(period))
    return _("đang thực hiện ({period})").format(period=formats.known_period(period))


def summary_rows(site: Site, url: str) -> list[list[str]]:
    rows = []
    for pid in site.programmes_in_order():
        activity_ids = activities_of(site, pid)
        totals = site.totals_of_ids(activity_ids)
        partnerships = site.partnerships_of_programme(pid)
        rows.append([
            cell(ref(site, url, "programme", pid)),
            cell(h(status_text(site, pid))),
            number_cell(len(partnerships)),
            number_cell(totals.activities),
            number_cell(totals.delivered),
        ])
    return rows


def summary_headers() -> list[str]:
    return [_("Chương trình"), _("Thời gian"), _("Cặp kết nghĩa"), _("Hoạt động"), _("Đã thực hiện (đồng)")]


def programme_page(site: Site, pid: str) -> Page:
    programme = site.programmes[pid]
    url = urls.entity("programme", pid)
    targets = programme.get("targets", {})
    rows = [
        (_("Tên đầy đủ"), h(programme["name"])),
        (_("Thời gian"), h(status_text(site, pid))),
        (_("Địa bàn"), ref(site, url, "locality", programme["area"])),
        (_("Cơ quan thường trực"), ref(site, url, "organization", programme["coordinator"])
         if programme.get("coordinator") else ""),
        (_("Căn cứ"), ", ".join(ref(site, url, "document", d) for d in programme["basis"])),
        (_("Đơn vị kết nghĩa"), h(", ".join(site.label("organization-kinds", k)
                                            for k in programme.get("sponsor_kinds", [])))),
        (_("Mô tả"), h(programme.get("description", ""))),
        (_("Nguồn"), sources_html(programme["sources"])),
    ]
    activity_ids = activities_of(site, pid)
    partnerships = site.partnerships_of_programme(pid)
    communes = site.target_communes(pid)
    body = [facts(rows), heading(_("Tổng hợp hoạt động trong sổ")), totals_figures(site.totals_of_ids(activity_ids)),
            other_direction_note(site, url, activity_ids)]
    reported = of_programme(site, pid)
    if reported:
        body += [heading(_("Số liệu được báo cáo")), figures_table(site, url, reported)]
    body += [heading(_("Các xã được giúp đỡ"))]
    if "count" in targets:
        body.append(para(h(_("Văn bản nêu {count} xã; sổ biết tên {known} xã.").format(
            count=formats.number(targets["count"]), known=formats.number(len(communes))))))
    if targets.get("note"):
        body.append(para(h(targets["note"]), "ledger-note"))
    if site.district_counts(pid):
        body.append(district_counts_table(site, url, pid))
    body.append(para(", ".join(ref(site, url, "locality", c) for c in communes)
                     or h(_("Nguồn không công bố tên các xã được giúp đỡ."))))
    reached = site.by_name("locality", communes_reached(site, partnerships))
    body += [
        heading(_("Các xã trong sổ")),
        para(
            ngettext(
                "{count} xã có cặp kết nghĩa hoặc hoạt động của chương trình được ghi trong sổ:",
                "{count} xã có cặp kết nghĩa hoặc hoạt động của chương trình được ghi trong sổ:",
                len(reached),
            ).format(count=formats.number(len(reached)))
        ),
        f'\n<ul id="{REACHED}" class="ledger-communes">\n'
        + "\n".join(f"<li>{ref(site, url, 'locality', c)}</li>" for c in reached)
        + "\n</ul>\n",
    ]
    body += [heading(_("Cặp kết nghĩa")),
             table(partnership_headers(), partnership_rows(site, url, partnerships)) if partnerships
             else para(_("Chưa có cặp kết nghĩa nào được ghi nhận."))]
    body.append(source_note(site, "programme", pid))
    return Page(url, site.name_of("programme", pid), "".join(body), source=site.file_of("programme", pid))


def index_page(site: Site) -> Page:
    url = INDEX
    body = [
        para(_("Các chương trình kết nghĩa mà sổ ghi nhận; chương trình đang thực hiện đứng trước.")),
        table(summary_headers(), summary_rows(site, url), sortable=False),
        folder_note("programmes"),
    ]
    return Page(url, _("Chương trình"), "".join(body))


def pages(site: Site) -> Iterator[Page]:
    yield index_page(site)
    yield from (programme_page(site, pid) for pid in site.programmes)

