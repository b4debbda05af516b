"""Chương trình: the programmes, the live one first, each with its basis, targets and figures."""

from __future__ import annotations

from collections.abc import Iterator

from ...facts import localities_of
from ...i18n import _, ngettext
from ...view import formats, urls
from ...view.escape import h, link
from ...view.model import Site
from ...view.scopes import programme_activities
from ..html_table import cell, number_cell, table
from ..reported import of_programme
from .activity_rows import other_direction_note
from .coverage import district_counts_table
from .figures import totals_figures
from .links import feed_meta, folder_note, follow, ref, source_note, sources_html, summary_links
from .localities import partnership_headers, partnership_rows
from .page import Page, facts, heading, para
from .reported_totals import figures_table

INDEX = urls.section("programme")
# The three kinds of commune a programme speaks of, each defined once on the methodology page
# (docs/phuong-phap.md, a heading each: its anchor) and listed on the programme's page (the list's id).
TARGETS = "xa-muc-tieu"
PARTNERED = "xa-co-cap-ket-nghia"
SUPPORTED = "xa-co-ho-tro-duoc-ghi"
METHODOLOGY = "phuong-phap/"  # the hand-written page that defines them


def list_id(kind: str) -> str:
    """The id of a programme page's list of communes of one kind (its heading holds the kind's slug)."""
    return f"ds-{kind}"


def partnered_communes(site: Site, partnership_ids: list[str]) -> set[str]:
    """Communes twinned by these partnerships: their commune, or the communes their agreement names."""
    return {place for p in partnership_ids for place in localities_of(site.partnerships[p]) if site.is_commune(place)}


def supported_communes(site: Site, activity_ids: list[str]) -> set[str]:
    """Communes where one of these activities took place (cancelled ones count nowhere)."""
    return {place for a in activity_ids if site.figures[a].counted
            for place in site.places(site.activities[a]) if site.is_commune(place)}


def term(page_url: str, kind: str, text: str) -> str:
    """A kind of commune, linked to its definition on the methodology page."""
    return link(urls.relative(page_url, f"{METHODOLOGY}#{kind}"), h(text))


def status_text(site: Site, programme_id: str) -> str:
    period = site.programmes[programme_id]["period"]
    if "end" in period:
        return _("đã kết thúc ({period})").format(period=formats.known_period(period))
    return _("đang thực hiện ({period})").format(period=formats.known_period(period))


def summary_rows(site: Site, url: str) -> list[list[str]]:
    rows = []
    for pid in site.programmes_in_order():
        activity_ids = programme_activities(site, pid)
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
    activity_ids = programme_activities(site, pid)
    partnerships = site.partnerships_of_programme(pid)
    communes = site.target_communes(pid)
    meta = feed_meta(site, "programme", pid)
    body = [facts(rows), heading(_("Tổng hợp hoạt động trong sổ")), totals_figures(site.totals_of_ids(activity_ids)),
            other_direction_note(site, url, activity_ids),
            summary_links(site, url, "programme", pid, activity_ids), follow(url, meta)]
    reported = of_programme(site, pid)
    if reported:
        body += [heading(_("Số liệu được báo cáo")), figures_table(site, url, reported)]
    body += [heading(_("Xã mục tiêu"))]
    if "count" in targets:
        body.append(para(_("Văn bản nêu {count} {targets}; sổ biết tên {known} xã.").format(
            count=formats.number(targets["count"]), targets=term(url, TARGETS, _("xã mục tiêu")),
            known=formats.number(len(communes)))))
    if targets.get("note"):
        body.append(para(h(targets["note"]), "ledger-note"))
    if site.district_counts(pid):
        body.append(district_counts_table(site, url, pid))
    body.append(_communes_list(site, url, TARGETS, communes) if communes
                else para(h(_("Nguồn không công bố tên các xã mục tiêu."))))
    partnered = site.by_name("locality", partnered_communes(site, partnerships))
    supported = site.by_name("locality", supported_communes(site, activity_ids))
    body += [
        heading(_("Xã có cặp kết nghĩa")),
        para(ngettext("{count} {kind} của chương trình được ghi trong sổ:",
                      "{count} {kind} của chương trình được ghi trong sổ:", len(partnered)).format(
            count=formats.number(len(partnered)), kind=term(url, PARTNERED, _("xã có cặp kết nghĩa")))),
        _communes_list(site, url, PARTNERED, partnered),
        heading(_("Xã có hỗ trợ được ghi")),
        para(ngettext("{count} {kind}: xã nơi ít nhất một hoạt động của chương trình đã diễn ra theo sổ:",
                      "{count} {kind}: xã nơi ít nhất một hoạt động của chương trình đã diễn ra theo sổ:",
                      len(supported)).format(
            count=formats.number(len(supported)), kind=term(url, SUPPORTED, _("xã có hỗ trợ được ghi")))),
        _communes_list(site, url, SUPPORTED, supported),
    ]
    body += [heading(_("Cặp kết nghĩa")),
             table(partnership_headers(), partnership_rows(site, url, partnerships)) if partnerships
             else para(_("Chưa có cặp kết nghĩa nào được ghi nhận."))]
    body.append(source_note(site, "programme", pid))
    return Page(url, site.name_of("programme", pid), "".join(body), source=site.file_of("programme", pid),
                extra_meta=meta)


def _communes_list(site: Site, url: str, kind: str, communes: list[str]) -> str:
    return (f'\n<ul id="{list_id(kind)}" class="ledger-communes">\n'
            + "\n".join(f"<li>{ref(site, url, 'locality', c)}</li>" for c in communes) + "\n</ul>\n")


def index_page(site: Site) -> Page:
    url = INDEX
    body = [
        para(_("Các chương trình kết nghĩa mà sổ ghi nhận; chương trình đang thực hiện đứng trước.")),
        table(summary_headers(), summary_rows(site, url), sortable=False),
        folder_note(site, "programmes"),
    ]
    return Page(url, _("Chương trình"), "".join(body))


def pages(site: Site) -> Iterator[Page]:
    yield index_page(site)
    yield from (programme_page(site, pid) for pid in site.programmes)

