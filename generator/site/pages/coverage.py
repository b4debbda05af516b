"""Độ phủ: target communes without a partner, partnerships gone quiet, border communes."""

from __future__ import annotations

import datetime

from ...dates import first_day, last_day
from ...i18n import _, ngettext
from ...view import formats, urls
from ...view.context import QUIET_DAYS
from ...view.escape import h, link, md
from ...view.model import Site, last_activity, valid_on
from ..html_table import cell, number_cell, table
from ..reported import COMMUNES, figure, of_programme, stated_without_partner
from .links import folder_note, ref
from .localities import border_cell
from .page import Page, heading, para
from .reported_totals import anchor, period_text

URL = urls.COVERAGE


def quiet_window(site: Site) -> tuple[datetime.date, datetime.date] | None:
    """(first day, last day) of the window in which a partnership in force should have acted: it ends
    on the plugin's option quiet_until (the Context's), else on the newest record's date; None without either."""
    end = site.context.quiet_until or site.newest
    if end is None:
        return None
    return end - datetime.timedelta(days=site.context.quiet_days), end


def unpartnered(site: Site, programme_id: str, targets: list[str]) -> list[str]:
    """The programme's target communes with no partnership of the programme naming them."""
    return [
        c for c in targets
        if not any(site.partnerships[p]["programme"] == programme_id for p in site.partnerships_of_locality.get(c, []))
    ]


def running_on(site: Site, programme_id: str, day: datetime.date) -> bool:
    """Whether a programme was running on a day: begun, and not ended before it."""
    period = site.programmes[programme_id]["period"]
    return first_day(period["start"]) <= day and (not period.get("end") or day <= last_day(period["end"]))


def quiet_partnerships(site: Site) -> list[tuple[str, str | None]]:
    """Partnerships in force during the whole window (quiet_window: by default the 12 months before
    the newest record), of a programme still running at its end, with no activity in it.

    In force by their period, not by their status today: a partnership that has ended since
    was still expected to act in those months. A pair signed within the window has not had the
    window to act, and a programme that has ended expects nothing more. An activity after the
    window's end does not count."""
    window = quiet_window(site)
    if window is None:
        return []
    since, end = window
    quiet = []
    for pid in site.by_name("partnership", site.partnerships):
        partnership = site.partnerships[pid]
        period = partnership["period"]
        if first_day(period["start"]) > since or (period.get("end") and last_day(period["end"]) < since):
            continue
        if not running_on(site, partnership["programme"], end):
            continue
        last = last_activity(site, pid, end)
        if last is None or last[0] < since:
            quiet.append((pid, last and last[1]))
    return quiet


def border_communes(site: Site) -> list[str]:
    return [c for c in site.by_name("locality", site.localities) if site.is_commune(c) and site.is_border(c)]


def _district_ref(site: Site, url: str, commune: str) -> str:
    district = site.district_of(commune)
    return ref(site, url, "locality", district) if district else ""


def reported_communes(site: Site, url: str, programme_id: str, recorded: int | None) -> str:
    """The number of twinned communes the programme reported, beside the number of its named target
    communes the ledger shows partnered (None: it names none)."""
    reported = []
    for total in of_programme(site, programme_id):
        communes = figure(total, COMMUNES)
        if communes is not None:
            when = link(urls.relative(url, anchor(total["id"])), h(period_text(total)))
            reported.append(_("{count} xã ({when})").format(count=formats.number(communes), when=when))
    if not reported:
        return ""
    if recorded is None:
        text = _("Số xã có đơn vị kết nghĩa theo báo cáo: {reported}.").format(reported=", ".join(reported))
    else:
        text = _("Số xã có đơn vị kết nghĩa theo báo cáo: {reported}; số xã mục tiêu có cặp kết nghĩa trong sổ: "
                 "{recorded}.").format(reported=", ".join(reported), recorded=formats.number(recorded))
    return para(text, "ledger-coverage")


def district_counts_table(site: Site, url: str, programme_id: str) -> str:
    """The number of communes a source assigns in each district, beside the communes of that district
    with a partnership of the programme in the ledger: counts, no share, since the source names none."""
    on_day = site.programmes[programme_id].get("targets", {}).get("date")
    partnered = {c for c in site.partnerships_of_locality
                 if site.is_commune(c) and any(site.partnerships[p]["programme"] == programme_id
                                               for p in site.partnerships_of_locality[c])}
    rows, assigned, recorded = [], 0, 0
    for district, count in site.district_counts(programme_id):
        communes = [c for c in site.children.get(district, []) if c in partnered
                    and (on_day is None or valid_on(site.localities[c], first_day(on_day)))]
        assigned += count
        recorded += len(communes)
        rows.append([
            cell(ref(site, url, "locality", district)),
            number_cell(count),
            number_cell(len(communes)),
            cell(", ".join(ref(site, url, "locality", c) for c in communes)),
        ])
    rows.append([cell(h(_("Cộng"))), number_cell(assigned), number_cell(recorded), cell("")])
    return table([_("Huyện"), _("Số xã mục tiêu theo văn bản"), _("Xã có cặp kết nghĩa trong sổ"),
                  _("Các xã đó")], rows, sortable=False)


def targets_section(site: Site, url: str, programme_id: str) -> str:
    """A programme's target communes: which have a partnership of it in the ledger, which do not yet.
    A share is computed only over communes the sources name; a number given without names is shown
    as the source gives it, by district, and the page says that the communes are not known."""
    programme = site.programmes[programme_id]
    wanted = programme.get("targets", {})
    targets = site.target_communes(programme_id)
    counts = site.district_counts(programme_id)
    body = [heading(md(site.name_of("programme", programme_id)), 3)]
    if not targets and not counts and "count" not in wanted:
        body.append(para(_("Sổ chưa có nguồn nêu các xã mục tiêu của chương trình này.")))
        return "".join(body)
    named = _("Theo {programme}: ").format(programme=ref(site, url, "programme", programme_id))
    if "count" in wanted and not targets:
        named += h(_("văn bản nêu {count} xã mục tiêu.").format(count=formats.number(wanted["count"])))
    elif "count" in wanted:
        named += h(_("văn bản nêu {count} xã mục tiêu; sổ biết tên {known} xã.").format(
            count=formats.number(wanted["count"]), known=formats.number(len(targets))))
    else:
        named += h(_("{known} xã mục tiêu.").format(known=formats.number(len(targets))))
    if wanted.get("note"):
        named += " " + h(wanted["note"])
    body.append(para(named))
    if counts:
        body.append(district_counts_table(site, url, programme_id))
    if not targets:
        body.append(para(_("Nguồn không công bố tên các xã mục tiêu, nên sổ không tính được bao nhiêu xã trong "
                           "số đó chưa có đơn vị kết nghĩa, cũng không tính tỷ lệ."), "ledger-note"))
        body.append(reported_communes(site, url, programme_id, None))
        return "".join(body)
    missing = unpartnered(site, programme_id, targets)
    stated = stated_without_partner(site)
    body += [
        para(
            ngettext(
                "{count} trong số {targets} xã mục tiêu ({share}) chưa có cặp kết nghĩa được ghi trong sổ.",
                "{count} trong số {targets} xã mục tiêu ({share}) chưa có cặp kết nghĩa được ghi trong sổ.",
                len(targets),
            ).format(
                count=formats.number(len(missing)),
                targets=formats.number(len(targets)),
                share=formats.percent(len(missing), len(targets)),
            )
            + " "
            + _(
                "Điều đó không có nghĩa là các xã này không có đơn vị kết nghĩa: phần lớn các cặp kết nghĩa chưa "
                "có nguồn công khai được ghi vào sổ. Cột «Theo nguồn» chỉ ghi «không có đơn vị kết nghĩa» khi một "
                "nguồn nói như vậy."
            )
        ),
        reported_communes(site, url, programme_id, len(targets) - len(missing)),
    ]
    if missing:
        body.append(
            table(
                [_("Xã"), _("Huyện"), _("Biên giới"), _("Theo nguồn")],
                [
                    [
                        cell(ref(site, url, "locality", c)),
                        cell(_district_ref(site, url, c)),
                        cell(h(border_cell(site.localities[c]))),
                        cell(
                            link(urls.relative(url, anchor(stated[c]["id"])), h(_("không có đơn vị kết nghĩa")))
                            if c in stated
                            else h(_("chưa ghi nhận"))
                        ),
                    ]
                    for c in missing
                ],
            )
        )
    return "".join(body)


def coverage_page(site: Site) -> Page:
    url = URL
    body = [
        para(
            _(
                "Xã mục tiêu của mỗi chương trình là các xã mà văn bản của chương trình nêu tên, hoặc các xã, thị "
                "trấn của các huyện được giúp đỡ vào ngày ban hành. Khi văn bản chỉ nêu số xã của từng huyện mà không "
                "nêu tên, trang ghi các số đó và không tính tỷ lệ trên các xã chưa rõ tên. Cặp kết nghĩa cấp huyện "
                "chỉ được tính cho những xã mà giao ước nêu tên."
            )
        ),
        heading(_("Xã chưa có cặp kết nghĩa trong sổ")),
    ]
    body += [targets_section(site, url, pid) for pid in site.programmes_in_order()]
    quiet = quiet_partnerships(site)
    none = _("chưa có")
    window = quiet_window(site)
    days = site.context.quiet_days
    if window is None:
        measured = _("Chưa có dữ liệu.")
    else:
        if site.context.quiet_until:
            to = _("ngày chốt do trang đặt; hồ sơ mới nhất: {newest}").format(
                newest=formats.date(site.newest) if site.newest else _("chưa có"))
        else:
            to = _("ngày của hồ sơ mới nhất")
        measured = _("Tính từ {start} đến {end} ({to}), trên các cặp kết nghĩa đã ký từ trước {start} của những "
                     "chương trình còn thực hiện đến {end}.").format(
            start=formats.date(window[0]), end=formats.date(window[1]), to=to)
    body += [
        heading(_("Cặp kết nghĩa không có hoạt động trong 12 tháng gần nhất") if days == QUIET_DAYS
                else ngettext("Cặp kết nghĩa không có hoạt động trong {days} ngày gần nhất",
                              "Cặp kết nghĩa không có hoạt động trong {days} ngày gần nhất", days).format(
                    days=formats.number(days))),
        para(h(measured)),
        table(
            [_("Cặp kết nghĩa"), _("Hoạt động gần nhất")],
            [
                [
                    cell(ref(site, url, "partnership", pid)),
                    cell(h(formats.date(last)) if last else none, last or ""),
                ]
                for pid, last in quiet
            ],
        )
        if quiet
        else para(_("Không có: mọi cặp kết nghĩa còn hiệu lực trong thời gian này đều có hoạt động.")),
    ]
    rows = []
    for c in border_communes(site):
        partnerships = site.partnerships_of_locality.get(c, [])
        district = site.district_of(c)
        district_partnerships = site.partnerships_of_locality.get(district, []) if district else []
        rows.append(
            [
                cell(ref(site, url, "locality", c)),
                cell(", ".join(ref(site, url, "partnership", p) for p in partnerships) or none),
                cell(", ".join(ref(site, url, "partnership", p) for p in district_partnerships)),
                cell(h(_("suy luận") if site.localities[c]["land_border"].get("inferred") else _("có căn cứ"))),
            ]
        )
    body += [
        heading(_("Xã biên giới đất liền và đơn vị kết nghĩa")),
        para(_("Các xã giáp biên giới đất liền, với các cặp kết nghĩa của xã và của huyện.")),
        table([_("Xã"), _("Cặp kết nghĩa của xã"), _("Cặp kết nghĩa của huyện"), _("Căn cứ biên giới")], rows),
    ]
    body.append(folder_note(site, ""))
    return Page(url, _("Độ phủ"), "".join(body))


def pages(site: Site) -> list[Page]:
    return [coverage_page(site)]
