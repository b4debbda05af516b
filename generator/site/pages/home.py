"""Trang chủ: headline figures, charts by year and by category group, gift share, latest activities."""

from __future__ import annotations

from collections.abc import Sequence

from ...facts import localities_of
from .. import formats, urls
from ..charts import chart_with_table, row
from ..escape import h, link, md
from ..html_table import table
from ..i18n import _, ngettext
from ..model import Record, Site, year_of
from ..reported import value_comparison
from .activity_rows import latest_table
from .figures import figures
from .links import feed_meta, folder_note
from .page import Page, heading, para
from .programmes import activities_of, status_text, summary_headers, summary_rows
from .reported_totals import comparison_html

URL = urls.HOME


def communes_reached(site: Site, partnership_ids: list[str]) -> set[str]:
    """Communes that these partnerships twin or where one of their activities took place."""
    places = {place for p in partnership_ids for place in localities_of(site.partnerships[p])}
    places |= {place for p in partnership_ids for a in site.activities_of_partnership.get(p, [])
               for place in site.places(site.activities[a])}
    return {p for p in places if site.is_commune(p)}


def _live(site: Site, activities: Sequence[Record]) -> list[Record]:
    return [a for a in activities if site.figures[a["id"]].counted]


def by_year_chart(site: Site, activities: Sequence[Record]) -> str:
    years: dict[str, list[Record]] = {}
    for activity in _live(site, activities):
        years.setdefault(year_of(activity), []).append(activity)
    bars, rows = [], []
    for year, items in sorted(years.items()):
        totals = site.totals(items)
        value = totals.delivered
        bars.append((year, value or 0, formats.dong_short(value)))
        rows.append(
            row(
                year,
                (formats.number(totals.activities), totals.activities),
                (h(formats.dong(value)), value),
                (formats.number(totals.delivered_reported), None),
            )
        )
    return chart_with_table(
        _("Giá trị đã thực hiện theo năm"),
        [_("Năm"), _("Hoạt động"), _("Đã thực hiện"), _("Hoạt động có báo cáo giá trị")],
        bars,
        rows,
    )


def by_group_chart(site: Site, activities: Sequence[Record]) -> str:
    groups = site.groups()
    items: dict[str | None, list[Record]] = {code: [] for code in groups}
    for activity in _live(site, activities):
        items.setdefault(site.category_group(activity["category"]), []).append(activity)
    bars, rows = [], []
    no_activity = _("không có hoạt động")
    for code, label in groups.items():
        totals = site.totals(items[code])
        # A group without activities delivered nothing; "chưa báo cáo" would suggest a missing report.
        short = formats.dong_short(totals.delivered) if totals.activities else no_activity
        full = h(formats.dong(totals.delivered)) if totals.activities else no_activity
        bars.append((label, totals.delivered or 0, short))
        rows.append(
            row(
                label,
                (formats.number(totals.activities), totals.activities),
                (full, totals.delivered),
            )
        )
    return chart_with_table(
        _("Giá trị đã thực hiện theo nhóm nội dung"), [_("Nhóm nội dung"), _("Hoạt động"), _("Đã thực hiện")], bars, rows
    )


def gift_share_chart(site: Site, activities: Sequence[Record]) -> str:
    """Share of gift-giving in delivered value: the plan asks to reduce it year by year."""
    years: dict[str, tuple[int, int]] = {}  # year -> (gifts, all), delivered
    for activity in _live(site, activities):
        value = site.figures[activity["id"]].delivered
        if value is None:
            continue
        gift, total = years.get(year_of(activity), (0, 0))
        years[year_of(activity)] = (gift + (value if site.is_gift(activity["category"]) else 0), total + value)
    bars, rows = [], []
    for year, (gift, total) in sorted(years.items()):
        bars.append((year, gift / total if total else 0, formats.percent(gift, total)))
        rows.append(
            row(
                year,
                (h(formats.dong(gift)), gift),
                (h(formats.dong(total)), total),
                (formats.percent(gift, total), None),
            )
        )
    return chart_with_table(
        _("Tỷ trọng tặng quà trong giá trị đã thực hiện"),
        [_("Năm"), _("Tặng quà"), _("Tổng đã thực hiện"), _("Tỷ trọng")],
        bars,
        rows,
        full=1,
    )


def programme_section(site: Site, programme_id: str) -> list[str]:
    """A programme's headline figures, its reported value beside the ledger's, and its charts."""
    partnership_ids = site.partnerships_of_programme(programme_id)
    activities = [site.activities[a] for a in activities_of(site, programme_id)]
    totals = site.totals(activities)
    sponsors = {s for p in partnership_ids for s in site.partnerships[p]["sponsors"]}
    reached = communes_reached(site, partnership_ids)
    programme = site.programmes[programme_id]
    delivered = ngettext(
        "đã thực hiện ({value}; {count} hoạt động có báo cáo giá trị)",
        "đã thực hiện ({value}; {count} hoạt động có báo cáo giá trị)",
        totals.delivered_reported,
    ).format(value=formats.dong(totals.delivered), count=formats.number(totals.delivered_reported))
    page = urls.entity("programme", programme_id)
    body = [
        heading(md(site.name_of("programme", programme_id))),
        para(h(status_text(site, programme_id)) + " · " + link(page, _("Trang của chương trình"))),
        figures(
            [
                (formats.number(len(partnership_ids)), link(page, ngettext("cặp kết nghĩa", "cặp kết nghĩa", len(partnership_ids)))),
                (formats.number(len(sponsors)), h(ngettext("đơn vị kết nghĩa", "đơn vị kết nghĩa", len(sponsors)))),
                (formats.number(len(reached)), h(ngettext("xã được giúp đỡ", "xã được giúp đỡ", len(reached)))),
                (formats.number(totals.activities), h(ngettext("hoạt động", "hoạt động", totals.activities))),
                # Short for reading, in full for checking.
                (h(formats.dong_short(totals.delivered)), h(delivered)),
                (h(formats.count(totals.households)), _("lượt hộ hưởng lợi")),
            ]
        ),
    ]
    comparison = value_comparison(site, programme["area"], programme["period"])
    if comparison:
        body.append(comparison_html(site, URL, comparison))
    if activities:
        body += [
            heading(_("Theo năm"), 3),
            by_year_chart(site, activities),
            heading(_("Theo nhóm nội dung"), 3),
            by_group_chart(site, activities),
            heading(_("Tặng quà"), 3),
            para(
                _(
                    "Kế hoạch yêu cầu giảm dần việc tặng quà, tập trung hướng dẫn cách làm ăn. Tỷ trọng tính trên các "
                    "hoạt động có báo cáo giá trị đã thực hiện."
                )
            ),
            gift_share_chart(site, activities),
        ]
    return body


def sentence(text: str) -> str:
    """mkdocs.yml's description as the start of a paragraph: closed by a full stop, then a space."""
    text = h(text.strip())
    if not text:
        return ""
    return f"{text} " if text.endswith((".", "!", "?")) else f"{text}. "


def home_page(site: Site) -> Page:
    if site.newest:
        newest = _("Dữ liệu cập nhật đến {date}.").format(date=formats.date(site.newest.isoformat()))
    else:
        newest = _("Chưa có dữ liệu.")
    body = [
        para(
            sentence(site.identity.description)
            + _("Mỗi số liệu dẫn về hồ sơ gốc và nguồn công khai.")
            + " "
            + h(newest)
        ),
        para(
            _(
                "Sổ ghi chi tiết từng hoạt động mà một nguồn công khai nêu rõ; đây không phải báo cáo của chương "
                "trình, và phần lớn những gì chương trình đã báo cáo chưa có trong sổ. Các số dưới đây là tổng của "
                "sổ, không phải tổng của chương trình."
            ),
            "ledger-coverage",
        ),
        table(summary_headers(), summary_rows(site, URL), sortable=False),
    ]
    if site.reported_totals:
        body.append(para(link(urls.section("reported-total"), _("Xem mọi số liệu được báo cáo."))))
    for programme_id in site.programmes_in_order():
        body += programme_section(site, programme_id)
    body += [
        heading(_("Hoạt động mới nhất")),
        latest_table(
            site,
            URL,
            [a["id"] for a in site.in_order],
            10,
            link(urls.ACTIVITY_INDEX, _("Xem tất cả hoạt động.")),
        ),
    ]
    body.append(folder_note(""))
    return Page(URL, site.identity.name, "".join(body), extra_meta=feed_meta(site))


def pages(site: Site) -> list[Page]:
    return [home_page(site)]
