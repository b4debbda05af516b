"""Địa bàn: a page per district and commune, and the index of all localities."""

from __future__ import annotations

from collections.abc import Iterator

from ...dates import first_day
from ...i18n import _, ngettext
from ...view import formats, urls
from ...view.escape import h, link, md
from ...view.model import COMMUNE_LEVELS, DISTRICT_LEVELS, Record, Site, valid_on
from ...view.scopes import area_activities, area_partnerships, area_totals, offers_workbook, reports_on_its_own
from .. import workbooks
from ..html_table import cell, number_cell, table
from ..slugs import heading_slug
from .activity_rows import latest_table, other_direction_note
from .figures import joint_note, totals_figures
from .links import feed_meta, folder_note, follow, ref, source_note, sources_html, summary_links
from .page import Page, bullets, facts, heading, para, unindexed
from .reported_totals import locality_summary

INDEX = urls.section("locality")
# A paragraph of place names, none broken across lines (docs/stylesheets/ledger.css).
NAMES = "ledger-names"
# Province-level units: their pages point to the indexes.
PROVINCE_LEVELS = {"tinh", "thanh-pho-truc-thuoc-trung-uong"}


def border_text(locality: Record) -> str:
    border = locality.get("land_border")
    if not border:
        return _("chưa có thông tin")
    value = _("có giáp biên giới đất liền") if border["value"] else _("không giáp biên giới đất liền")
    inferred = " " + _("(suy luận, chưa đối chiếu văn bản gốc)") if border.get("inferred") else ""
    return value + inferred + "; " + _("căn cứ: {basis}").format(basis=border["basis"])


# The list in force over most of the plan: what a commune's status is read from.
DISADVANTAGE_LIST = "qd-861-qd-ttg-2021"


def disadvantage_html(site: Site, url: str, locality: Record) -> str:
    """Each status with its list and period; where none is recorded, which list is still to be read."""
    statuses = locality.get("disadvantage", [])
    if not statuses:
        # The same words on a hundred communes: kept out of the search index.
        return unindexed(
            _("chưa có thông tin: danh sách xã khu vực I, II, III theo {document} chưa được đối chiếu").format(
                document=ref(site, url, "document", DISADVANTAGE_LIST)
            )
        )
    parts = []
    for status in statuses:
        label = site.label("disadvantage-statuses", status["status"])
        text = h(_("{status}, giai đoạn {period}").format(status=label, period=status["period"]))
        text += f" ({ref(site, url, 'document', status['document'])})"
        if status.get("inferred"):
            text += " " + h(_("(suy luận, chưa đối chiếu phụ lục)"))
        if status.get("note"):
            text += " – " + h(status["note"])
        parts.append(text)
    return "; ".join(parts)


def border_cell(locality: Record) -> str:
    """For a table column: "không" and "chưa rõ" must not look alike (both blank)."""
    border = locality.get("land_border")
    if not border:
        return _("chưa rõ")
    return (_("có") if border["value"] else _("không")) + (" " + _("(suy luận)") if border.get("inferred") else "")


def partnership_rows(site: Site, url: str, partnership_ids: list[str]) -> list[list[str]]:
    rows = []
    for pid in partnership_ids:
        partnership = site.partnerships[pid]
        totals = site.partnership_totals(pid)
        rows.append(
            [
                cell(ref(site, url, "partnership", pid)),
                cell(h(formats.known_start(partnership["period"])), partnership["period"]["start"]),
                cell(h(site.label("partnership-statuses", partnership["status"]))),
                number_cell(totals.activities),
                number_cell(totals.delivered),
            ]
        )
    return rows


def partnership_headers() -> list[str]:
    """The headers of partnership_rows()."""
    return [_("Cặp kết nghĩa"), _("Từ ngày"), _("Tình trạng"), _("Hoạt động"), _("Đã thực hiện (đồng)")]


def _history(site: Site, url: str, lid: str, locality: Record) -> str:
    items = []
    if locality.get("valid_from"):
        items.append(h(_("Thành lập từ ngày {date}").format(date=formats.date(locality["valid_from"]))))
    for change in locality.get("changes", []):
        document = f" ({ref(site, url, 'document', change['document'])})" if change.get("document") else ""
        items.append(h(f"{formats.date(change['date'])}: {change['description']}") + document)
    if locality.get("valid_to"):
        items.append(h(_("Tồn tại đến hết ngày {date}").format(date=formats.date(locality["valid_to"]))))
    if locality.get("successor"):
        successor = site.localities.get(locality["successor"])
        since = successor.get("valid_from") if successor else None
        when = _("Từ ngày {date}").format(date=formats.date(since)) if since else _("Sau đó")
        successor_link = ref(site, url, "locality", locality["successor"])
        items.append(_("{when}, đơn vị kế thừa: {successor}").format(when=h(when), successor=successor_link))
    predecessors = site.predecessors.get(lid, [])
    if predecessors:
        # "Kế thừa", not "hình thành": a commune that existed already may take in another one.
        units = ", ".join(_until(site, url, p) for p in predecessors)
        items.append(_("Kế thừa địa bàn của: {units}").format(units=units))
    for doc in locality.get("documents", []):
        items.append(_("Văn bản: {document}").format(document=ref(site, url, "document", doc)))
    return bullets(items) if items else para(_("Không có thay đổi được ghi nhận."))


def _until(site: Site, url: str, lid: str) -> str:
    ends = site.localities[lid].get("valid_to")
    until = " " + h(_("(đến hết ngày {date})").format(date=formats.date(ends))) if ends else ""
    return ref(site, url, "locality", lid) + until


def _children_table(site: Site, url: str, lid: str) -> str:
    rows = []
    for child in site.children.get(lid, []):
        data = site.localities[child]
        totals = area_totals(site, child)
        partnerships = len(area_partnerships(site, child))
        start, end = data.get("valid_from"), data.get("valid_to")
        if start:
            period = formats.period(start, end)
        else:
            period = _("đến {date}").format(date=formats.date(end)) if end else ""
        rows.append(
            [
                cell(ref(site, url, "locality", child)),
                cell(h(border_cell(data))),
                cell(h(period)),
                cell(formats.number(partnerships), partnerships),
                number_cell(totals.activities),
                number_cell(totals.delivered),
            ]
        )
    headers = [_("Đơn vị"), _("Biên giới"), _("Thời gian"), _("Cặp kết nghĩa"), _("Hoạt động"), _("Đã thực hiện (đồng)")]
    children = set(site.children.get(lid, []))
    # Only an activity that names several communes can be joint: few, and cheap to tell first.
    joint = [activity for activity in (site.activities[a] for a in area_activities(site, lid))
             if len(activity.get("localities", ())) > 1 and site.figures[activity["id"]].counted
             and len([p for p in site.places(activity) if p in children]) > 1]
    return table(headers, rows) + joint_note(joint) + para(
        _(
            "«Cặp kết nghĩa» gồm các cặp kết nghĩa với chính đơn vị đó và các cặp kết nghĩa với cấp trên có "
            "hoạt động tại đó (trang Độ phủ chỉ tính cặp kết nghĩa trực tiếp với xã). Hoạt động không ghi xã "
            "cụ thể chỉ được tính ở cấp trên, nên tổng của trang này có thể lớn hơn tổng các dòng."
        ),
        "ledger-note",
    )


def _successor_note(site: Site, url: str, locality: Record) -> str:
    """Activities go to the unit their record names: after a merger, those at the new unit
    are counted on its page, not here, and a reader comparing pages must be told."""
    if not locality.get("successor"):
        return ""
    return para(
        _(
            "Hoạt động ghi tại đơn vị kế thừa ({successor}) và các đơn vị trực thuộc đơn vị đó được tính ở trang "
            "của đơn vị kế thừa, không tính ở đây."
        ).format(successor=ref(site, url, "locality", locality["successor"])),
        "ledger-note",
    )


def locality_page(site: Site, lid: str) -> Page:
    locality = site.localities[lid]
    url = urls.entity("locality", lid)
    name = site.locality_name(lid)
    rows = [
        (_("Cấp"), h(site.label("locality-levels", locality["level"]))),
        (_("Trực thuộc"), ref(site, url, "locality", locality["parent"]) if locality.get("parent") else ""),
        (_("Mã hành chính"), h(locality.get("code", ""))),
        (_("Tên gọi khác"), h(", ".join(locality.get("aliases", [])))),
        (_("Huyện miền núi"), _("có") if locality.get("mountainous") else ""),
        (
            _("Biên giới đất liền"),
            h(border_text(locality)) if locality["level"] in COMMUNE_LEVELS | DISTRICT_LEVELS else "",
        ),
        (_("Diện khó khăn"), disadvantage_html(site, url, locality) if locality["level"] in COMMUNE_LEVELS else ""),
        (_("Ghi chú"), h(locality.get("note", ""))),
        (_("Nguồn"), unindexed(sources_html(locality.get("sources", [])))),  # the same catalogue on every page
    ]
    meta = feed_meta(site, "locality", lid)
    # Who helps and what came first, then the facts of the unit: a resident looks for the former.
    body: list[str] = []
    activity_ids = area_activities(site, lid)
    partnerships = area_partnerships(site, lid)
    body.append(heading(_("Đơn vị kết nghĩa")))
    if locality["level"] in PROVINCE_LEVELS:
        # Every sponsor and partnership of the province: the section indexes list them already,
        # and a copy here would grow with the ledger.
        body.append(
            para(
                ngettext(
                    "{count} cặp kết nghĩa trên địa bàn: xem {partnerships} và {sponsors}.",
                    "{count} cặp kết nghĩa trên địa bàn: xem {partnerships} và {sponsors}.",
                    len(partnerships),
                ).format(
                    count=formats.number(len(partnerships)),
                    partnerships=link(urls.relative(url, urls.section("partnership")), _("danh sách cặp kết nghĩa")),
                    sponsors=link(urls.relative(url, urls.section("organization")), _("danh sách đơn vị kết nghĩa")),
                )
            )
        )
    else:
        sponsors = site.by_name("organization", {s for p in partnerships for s in site.partnerships[p]["sponsors"]})
        earlier = _predecessors_help(site, url, lid)
        if sponsors:
            body.append(para(", ".join(ref(site, url, "organization", s) for s in sponsors)))
        elif not earlier:
            body.append(para(_("Chưa có đơn vị kết nghĩa được ghi nhận.")))
        # A unit formed from others leads with the help its predecessors received, said as such.
        body.append(earlier)
        if partnerships:
            body.append(table(partnership_headers(), partnership_rows(site, url, partnerships)))
    if activity_ids or partnerships:
        body += [
            heading(_("Tổng hợp hoạt động")),
            totals_figures(area_totals(site, lid)),
            other_direction_note(site, url, activity_ids),
            summary_links(site, url, "locality", lid, activity_ids) if reports_on_its_own(site, lid) else "",
            follow(url, meta),
            _successor_note(site, url, locality),
            heading(_("Hoạt động gần đây")),
            latest_table(site, url, activity_ids, 20, _("Xem đầy đủ ở trang của từng cặp kết nghĩa.")),
        ]
    if offers_workbook(site, "locality", lid):
        body.append(workbooks.note(site, url, "locality", lid))
    body.append(locality_summary(site, url, lid))
    body.append(_predecessors_history(site, url, lid))
    if site.children.get(lid):
        body += [heading(_("Đơn vị trực thuộc")), _children_table(site, url, lid)]
    body += [heading(_("Thông tin địa bàn")), facts(rows), heading(_("Lịch sử hành chính")),
             _history(site, url, lid, locality)]
    body.append(source_note(site, "locality", lid))
    return Page(url, name, "".join(body), source=site.file_of("locality", lid), extra_meta=meta)


def _predecessors_heading() -> str:
    return _("Kết nghĩa tại các đơn vị tiền thân")


def _predecessors_record(site: Site, lid: str) -> tuple[list[str], list[str]]:
    """(partnerships, activities, in date order) of the units a unit was formed from."""
    predecessors = site.predecessors.get(lid, [])
    partnerships = site.by_name("partnership", {p for old in predecessors for p in area_partnerships(site, old)})
    activity_ids = site.in_date_order({a for old in predecessors for a in area_activities(site, old)})
    return partnerships, activity_ids


def _predecessors_help(site: Site, url: str, lid: str) -> str:
    """One line for the first screen: "Trước {its first day}, tại {predecessors}: {sponsors}; {n} hoạt động…"."""
    partnerships, activity_ids = _predecessors_record(site, lid)
    if not partnerships and not activity_ids:
        return ""
    since = site.localities[lid].get("valid_from")
    sponsors = site.by_name("organization", {s for p in partnerships for s in site.partnerships[p]["sponsors"]})
    units = ", ".join(ref(site, url, "locality", old) for old in site.predecessors.get(lid, []))
    totals = site.totals_of_ids(activity_ids)
    when = _("Trước {date}").format(date=formats.date(since)) if since else _("Trước khi thành lập")
    text = _("{when}, tại {units}: {sponsors}; {activities} ({more}).").format(
        when=h(when),
        units=units,
        sponsors=", ".join(ref(site, url, "organization", s) for s in sponsors) or h(_("chưa rõ đơn vị kết nghĩa")),
        activities=h(ngettext("{count} hoạt động được ghi, giá trị đã thực hiện {value}",
                              "{count} hoạt động được ghi, giá trị đã thực hiện {value}",
                              totals.activities).format(count=formats.number(totals.activities),
                                                        value=formats.dong(totals.delivered))),
        more=link(f"#{heading_slug(_predecessors_heading())}", _("xem chi tiết")),
    )
    return para(text, "ledger-predecessors")


def _predecessors_history(site: Site, url: str, lid: str) -> str:
    """A unit formed from others carries their twinning history: what came before it, shown
    apart from its own figures and counted on the predecessors' pages."""
    predecessors = site.predecessors.get(lid, [])
    partnerships, activity_ids = _predecessors_record(site, lid)
    if not partnerships and not activity_ids:
        return ""
    units = ", ".join(ref(site, url, "locality", old) for old in predecessors)
    body = [
        heading(_predecessors_heading()),
        para(
            _(
                "Hoạt động kết nghĩa trên địa bàn của {units} trước khi sáp nhập. Các số liệu này được tính ở trang "
                "của từng đơn vị tiền thân, không cộng vào số liệu của đơn vị này ở trên."
            ).format(units=units),
            "ledger-note",
        ),
    ]
    if partnerships:
        body.append(table(partnership_headers(), partnership_rows(site, url, partnerships)))
    body += [
        totals_figures(site.totals_of_ids(activity_ids)),
        latest_table(site, url, activity_ids, 20, _("Xem đầy đủ ở trang của từng cặp kết nghĩa.")),
    ]
    return "".join(body)


def index_page(site: Site) -> Page:
    """The localities each programme helps (its districts with their communes, or the communes
    it names), then every other locality: lowland sponsors, provinces, units of later years."""
    url = INDEX
    body = [para(_("Các huyện và xã mục tiêu của từng chương trình, với các đơn vị kế thừa các xã đó, rồi các địa phương khác trong sổ."))]
    listed: set[str] = set()
    for pid in site.programmes_in_order():
        targets = site.programmes[pid].get("targets", {})
        communes = set(site.target_communes(pid))
        counted = [d for d, _count in site.district_counts(pid)]
        if not communes and not counted:
            continue
        body.append(heading(md(site.name_of("programme", pid)), 2))
        if counted:
            body.append(para(_("Nguồn chỉ nêu số xã mục tiêu của từng huyện, không nêu tên: dưới mỗi huyện là mọi xã, "
                               "thị trấn của huyện tại ngày ban hành."), "ledger-note"))
        # A district given only a number of communes: all its communes on the day, which ones are helped unknown.
        on_day = first_day(targets["date"]) if "date" in targets else None
        communes |= {c for d in counted for c in site.children.get(d, [])
                     if site.is_commune(c) and (on_day is None or valid_on(site.localities[c], on_day))}
        for district in site.by_name("locality", [*targets.get("within", []), *counted]):
            children = [c for c in site.children.get(district, []) if c in communes]
            body.append(heading(md(site.locality_name(district)), 3))
            body.append(
                para(
                    ref(site, url, "locality", district, _("Trang của huyện"))
                    + " · "
                    + ", ".join(ref(site, url, "locality", c, site.localities[c]["name"]) for c in children),
                    NAMES,
                )
            )
            listed.update([district, *children])
        named = site.by_name("locality", [c for c in targets.get("localities", []) if c not in listed])
        if named:
            body.append(para(", ".join(ref(site, url, "locality", c) for c in named), NAMES))
            listed.update(named)
        # The units that took over its communes: a reader of today looks for those.
        successors = site.by_name("locality", {site.localities[c]["successor"] for c in communes
                                               if site.localities[c].get("successor") in site.localities})
        if successors:
            body.append(para(_("Các đơn vị kế thừa các xã trên: {units}").format(
                units=", ".join(ref(site, url, "locality", c) for c in successors))))
            listed.update(successors)
    rest = site.by_name("locality", [i for i in site.localities if i not in listed])
    body += [heading(_("Địa phương khác")), para(", ".join(ref(site, url, "locality", i) for i in rest), NAMES)]
    body.append(folder_note(site, "localities"))
    return Page(url, _("Địa bàn"), "".join(body))


def pages(site: Site) -> Iterator[Page]:
    yield index_page(site)
    yield from (locality_page(site, lid) for lid in site.localities)
