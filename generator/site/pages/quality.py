"""Chất lượng dữ liệu: completeness, open warnings by rule, the rule catalogue."""

from __future__ import annotations

from collections import Counter

from ... import catalogue
from ...dates import last_day
from ...i18n import N_, _, ngettext
from ...registry import TYPES
from ...view import formats, urls
from ...view.escape import h, link
from ...view.model import Site
from ..html_table import cell, table
from .links import folder_note, ref
from .page import Page, heading, para

URL = urls.QUALITY
SEVERITY = {"error": N_("lỗi"), "warning": N_("cảnh báo")}
# Warnings are listed one by one up to this many per rule; the rest are counted.
WARNINGS_SHOWN = 50


def completeness(site: Site) -> list[tuple[str, int]]:
    activities = list(site.activities.values())
    figures = list(site.figures.values())
    return [
        (_("Có nguồn"), sum(1 for a in activities if a.get("sources"))),
        (_("Có nguồn kèm đường dẫn"), sum(1 for a in activities if any(s.get("url") for s in a.get("sources", [])))),
        (_("Có giá trị đã thực hiện"), sum(1 for f in figures if f.delivered is not None)),
        (_("Có giá trị kế hoạch"), sum(1 for f in figures if f.planned is not None)),
        (
            _("Có số hộ hoặc số người hưởng lợi"),
            sum(1 for f in figures if f.households is not None or f.people is not None),
        ),
        (_("Có mô tả"), sum(1 for a in activities if a.get("description"))),
    ]


def sources_without_address(site: Site) -> list[tuple[str, int, int, int]]:
    """(record type, sources, sources that say they have no address, sources that give none and do not
    say so) of each type whose records cite sources: the last are addresses still to be found."""
    counts = []
    for record_type, by_id in sorted(site.records.items()):
        sources = [s for data in by_id.values() for s in data.get("sources", ())]
        if sources:
            marked = sum(1 for s in sources if s.get("no_url"))
            counts.append((record_type, len(sources), marked, sum(1 for s in sources if not s.get("url")) - marked))
    return counts


def _sources_table(site: Site) -> str:
    rows = [
        [
            cell(h(_(TYPES[t].dataset_title or t))),
            cell(formats.number(total), total),
            cell(formats.number(marked), marked),
            cell(formats.number(unmarked), unmarked),
        ]
        for t, total, marked, unmarked in sources_without_address(site)
    ]
    return table([_("Loại hồ sơ"), _("Số nguồn"), _("Không có đường dẫn (đã ghi rõ)"), _("Chưa ghi đường dẫn")],
                 rows, sortable=False)


def _warnings(site: Site, url: str) -> str:
    warnings = sorted(d for d in site.diagnostics if d.severity == "warning")
    if not warnings:
        return para(_("Không có cảnh báo nào."))
    counts = Counter(d.code for d in warnings)
    parts = [
        table(
            [_("Mã quy tắc"), _("Nội dung"), _("Số cảnh báo")],
            [
                [
                    cell(link(f"#{code.lower()}", h(code))),
                    cell(h(_(catalogue.RULES[code].title)) if code in catalogue.RULES else ""),
                    cell(formats.number(n), n),
                ]
                for code, n in sorted(counts.items())
            ],
        )
    ]
    for code in sorted(counts):
        items = [d for d in warnings if d.code == code]
        rows = [
            [
                cell(link(urls.yaml_url(site.identity.repository, d.file), h(f"{d.file}:{d.line}"), external=True)),
                cell(h(d.field)),
                cell(h(d.message)),
            ]
            for d in items[:WARNINGS_SHOWN]
        ]
        parts.append(f'\n<h3 id="{code.lower()}">{h(code)}</h3>\n')
        parts.append(table([_("Tệp"), _("Trường"), _("Nội dung")], rows))
        if len(items) > WARNINGS_SHOWN:
            more = len(items) - WARNINGS_SHOWN
            text = ngettext(
                "… và {count} cảnh báo khác; chạy {command} để xem đầy đủ.",
                "… và {count} cảnh báo khác; chạy {command} để xem đầy đủ.",
                more,
            )
            parts.append(para(text.format(count=formats.number(more), command="<code>python -m generator validate</code>")))
    return "".join(parts)


def assumed_ends_beyond(site: Site) -> list[tuple[str, str, str]]:
    """(partnership, its assumed end, what that end outlasts): an end no source gives, assumed past
    its programme's end or past the last day of the unit it twins."""
    found = []
    for pid in site.by_name("partnership", site.partnerships):
        partnership = site.partnerships[pid]
        period = partnership["period"]
        if "end" not in period.get("assumed", ()) or not period.get("end"):
            continue
        end = last_day(period["end"])
        beyond = []
        programme = site.programmes.get(partnership["programme"])
        programme_end = programme["period"].get("end") if programme else None
        if programme_end and end > last_day(programme_end):
            beyond.append(_("chương trình kết thúc {date}").format(date=formats.date(programme_end)))
        unit = site.localities.get(partnership["locality"])
        unit_end = unit.get("valid_to") if unit else None
        if unit_end and end > last_day(unit_end):
            beyond.append(_("{unit} tồn tại đến {date}").format(unit=site.locality_name(partnership["locality"]),
                                                                  date=formats.date(unit_end)))
        if beyond:
            found.append((pid, period["end"], "; ".join(beyond)))
    return found


def _assumed_ends(site: Site, url: str) -> str:
    found = assumed_ends_beyond(site)
    if not found:
        return para(_("Không có: mọi mốc kết thúc giả định nằm trong thời gian của chương trình và của địa bàn."))
    note = para(ngettext(
        "{count} cặp kết nghĩa có mốc kết thúc do sổ giả định (không nguồn nào nêu) muộn hơn ngày kết thúc của "
        "chương trình hoặc của địa bàn: cần tìm nguồn, hoặc sửa mốc giả định cho khớp.",
        "{count} cặp kết nghĩa có mốc kết thúc do sổ giả định (không nguồn nào nêu) muộn hơn ngày kết thúc của "
        "chương trình hoặc của địa bàn: cần tìm nguồn, hoặc sửa mốc giả định cho khớp.",
        len(found)).format(count=formats.number(len(found))))
    rows = [[cell(ref(site, url, "partnership", pid)), cell(h(formats.date(end)), end), cell(h(beyond)),
             cell(link(urls.yaml_url(site.identity.repository, site.file_of("partnership", pid)), h(site.file_of("partnership", pid)),
                       external=True))]
            for pid, end, beyond in found]
    return note + table([_("Cặp kết nghĩa"), _("Kết thúc giả định"), _("Muộn hơn"), _("Tệp")], rows)


def quality_page(site: Site) -> Page:
    url = URL
    total = len(site.activities)
    body = [
        para(
            _(
                "Mức đầy đủ của hồ sơ hoạt động, các cảnh báo mà bộ kiểm tra còn ghi nhận, và danh mục quy tắc kiểm tra. "
                "Hồ sơ có lỗi không được đưa lên trang; cảnh báo không chặn việc đăng nhưng cần được xem lại."
            )
        ),
        heading(_("Mức đầy đủ của hồ sơ hoạt động")),
        table(
            [_("Tiêu chí"), _("Số hoạt động"), _("Tỷ lệ")],
            [
                [cell(h(label)), cell(formats.number(n), n), cell(formats.percent(n, total), n)]
                for label, n in completeness(site)
            ],
            sortable=False,
        ),
        para(
            ngettext("Tổng số: {count} hoạt động.", "Tổng số: {count} hoạt động.", total).format(count=formats.number(total))
        ),
        heading(_("Nguồn không có đường dẫn")),
        para(_("Nguồn có đường dẫn là quy tắc, vì người đọc mở lại được. Một nguồn có tiêu đề, nơi đăng, ngày đăng "
               "mà không có đường dẫn (báo in, bản lưu không giữ địa chỉ) vẫn được chấp nhận, ghi rõ là không có "
               "đường dẫn, và trang ghi nó là «không có đường dẫn». Nguồn chưa ghi đường dẫn mà cũng chưa ghi rõ là "
               "không có là nguồn còn cần tìm địa chỉ.")),
        _sources_table(site),
        heading(_("Cảnh báo còn mở")),
        _warnings(site, url),
        heading(_("Mốc kết thúc giả định muộn hơn chương trình hoặc địa bàn")),
        _assumed_ends(site, url),
        heading(_("Danh mục quy tắc kiểm tra")),
        table(
            [_("Mã"), _("Mức"), _("Lớp"), _("Nội dung")],
            [
                [cell(h(r.code)), cell(h(_(SEVERITY.get(r.severity, r.severity)))), cell(h(_(r.layer))), cell(h(_(r.title)))]
                for r in catalogue.RULES.values()
            ],
        ),
    ]
    body.append(folder_note(site, ""))
    return Page(url, _("Chất lượng dữ liệu"), "".join(body))


def pages(site: Site) -> list[Page]:
    return [quality_page(site)]
