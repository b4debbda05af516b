"""Trang chủ: headline figures, charts by year and by category group, gift share, latest activities."""

from __future__ import annotations

from .. import formats, urls
from ..charts import chart_with_table, row
from ..escape import h, link
from ..i18n import _, ngettext
from ..model import Record, Site, year_of
from .activity_rows import latest_table
from .figures import figures
from .links import feed_meta, folder_note
from .page import Page, heading, para

URL = urls.HOME


def communes_reached(site: Site) -> set[str]:
    """Communes that are twinned themselves or where an activity took place."""
    places = {p["locality"] for p in site.partnerships.values()}
    places |= {lid for lid, acts in site.activities_of_locality.items() if acts}
    return {p for p in places if site.is_commune(p)}


def _live(site: Site) -> list[Record]:
    return [a for a in site.activities.values() if site.figures[a["id"]].counted]


def by_year_chart(site: Site) -> str:
    years: dict[str, list[Record]] = {}
    for activity in _live(site):
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


def by_group_chart(site: Site) -> str:
    groups = site.groups()
    items: dict[str | None, list[Record]] = {code: [] for code in groups}
    for activity in _live(site):
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


def gift_share_chart(site: Site) -> str:
    """Share of gift-giving in delivered value: the plan asks to reduce it year by year."""
    years: dict[str, tuple[int, int]] = {}  # year -> (gifts, all), delivered
    for activity in _live(site):
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


def home_page(site: Site) -> Page:
    totals = site.totals(site.activities.values())
    sponsors = {s for p in site.partnerships.values() for s in p["sponsors"]}
    reached = communes_reached(site)
    if site.newest:
        newest = _("Dữ liệu cập nhật đến {date}.").format(date=formats.date(site.newest.isoformat()))
    else:
        newest = _("Chưa có dữ liệu.")
    delivered = ngettext(
        "đã thực hiện ({value}; {count} hoạt động có báo cáo giá trị)",
        "đã thực hiện ({value}; {count} hoạt động có báo cáo giá trị)",
        totals.delivered_reported,
    ).format(value=formats.dong(totals.delivered), count=formats.number(totals.delivered_reported))

    body = [
        para(
            _(
                "Sổ công khai công tác kết nghĩa, giúp đỡ các huyện, xã vùng đồng bào dân tộc thiểu số và miền núi "
                "còn khó khăn, xã biên giới đất liền tỉnh Quảng Nam giai đoạn 2020-2025 (Quyết định 1100/QĐ-UBND "
                "ngày 16/4/2020 của UBND tỉnh Quảng Nam). Mỗi số liệu dẫn về hồ sơ gốc và nguồn công khai."
            )
            + " "
            + h(newest)
        ),
        figures(
            [
                (
                    formats.number(len(site.partnerships)),
                    link(urls.section("partnership"), ngettext("cặp kết nghĩa", "cặp kết nghĩa", len(site.partnerships))),
                ),
                (
                    formats.number(len(sponsors)),
                    link(urls.section("organization"), ngettext("đơn vị kết nghĩa", "đơn vị kết nghĩa", len(sponsors))),
                ),
                (formats.number(len(reached)), link(urls.section("locality"), ngettext("xã được giúp đỡ", "xã được giúp đỡ", len(reached)))),
                (
                    formats.number(totals.activities),
                    link(urls.ACTIVITY_INDEX, ngettext("hoạt động", "hoạt động", totals.activities)),
                ),
                # Short for reading, in full for checking.
                (h(formats.dong_short(totals.delivered)), h(delivered)),
                (h(formats.count(totals.households)), _("lượt hộ hưởng lợi")),
            ]
        ),
        heading(_("Theo năm")),
        by_year_chart(site),
        heading(_("Theo nhóm nội dung")),
        by_group_chart(site),
        heading(_("Tặng quà")),
        para(
            _(
                "Kế hoạch yêu cầu giảm dần việc tặng quà, tập trung hướng dẫn cách làm ăn. Tỷ trọng tính trên các "
                "hoạt động có báo cáo giá trị đã thực hiện."
            )
        ),
        gift_share_chart(site),
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
    return Page(URL, _("Sổ kết nghĩa Quảng Nam 2020-2025"), "".join(body), extra_meta=feed_meta(site))


def pages(site: Site) -> list[Page]:
    return [home_page(site)]
