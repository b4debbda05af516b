"""Trang chủ: headline figures, charts by year and by category group, gift share, latest activities."""

from __future__ import annotations

from collections.abc import Sequence

from ...i18n import _, ngettext
from ...view import formats, shares, urls
from ...view.escape import h, link, md
from ...view.model import Record, Site, year_of
from ...view.scopes import programme_activities
from ..charts import chart_with_table, row
from ..html_table import table
from ..reported import value_comparison
from .activity_rows import latest_table, other_direction_note
from .figures import figures
from .links import feed_meta, folder_note, follow
from .page import Page, heading, para
from .programmes import (
    PARTNERED,
    SUPPORTED,
    list_id,
    partnered_communes,
    status_text,
    summary_headers,
    summary_rows,
    supported_communes,
)
from .reported_totals import comparison_html

URL = urls.HOME


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
                href=urls.relative(URL, urls.year_page(year)),
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
                href=urls.relative(URL, urls.group_section(code)),
            )
        )
    return chart_with_table(
        _("Giá trị đã thực hiện theo nhóm nội dung"), [_("Nhóm nội dung"), _("Hoạt động"), _("Đã thực hiện")], bars, rows
    )


def gift_share_chart(site: Site, activities: Sequence[Record]) -> str:
    """Share of gift-giving, by number of activities and in delivered value: the plan asks to reduce
    it year by year. Years without any reported value cannot enter the share in value: said in words."""
    years = shares.by_year(site, [a["id"] for a in _live(site, activities)])
    count_bars, count_rows, value_bars, value_rows = [], [], [], []
    for year, share in years.items():
        gifts, count = share.part.activities, share.every.activities
        href = urls.relative(URL, urls.year_page(year))
        # The count beside each share: a share drawn from one or two activities says so.
        count_bars.append((year, gifts / count if count else 0, _("{share} ({part}/{whole})").format(
            share=share.by_number, part=formats.number(gifts), whole=formats.number(count))))
        count_rows.append(
            row(
                year,
                (formats.number(gifts), gifts),
                (formats.number(count), count),
                (share.by_number, None),
                href=href,
            )
        )
        reported = share.every.delivered_reported
        if not reported:
            continue
        gift, total = share.value, share.every.delivered or 0
        value_bars.append((year, share.fraction or 0, _("{share} (từ {count} hoạt động)").format(
            share=share.by_value, count=formats.number(reported))))
        value_rows.append(
            row(
                year,
                (h(formats.dong(gift)), gift),
                (h(formats.dong(total)), total),
                (share.by_value, None),
                href=href,
            )
        )
    unvalued = [year for year, share in years.items() if not share.every.delivered_reported]
    body = [
        chart_with_table(
            _("Tỷ trọng tặng quà theo số hoạt động"),
            [_("Năm"), _("Hoạt động tặng quà"), _("Tổng số hoạt động"), _("Tỷ trọng")],
            count_bars,
            count_rows,
            full=1,
        )
    ]
    if value_rows:
        body.append(
            chart_with_table(
                _("Tỷ trọng tặng quà trong giá trị đã thực hiện"),
                [_("Năm"), _("Tặng quà"), _("Tổng đã thực hiện"), _("Tỷ trọng")],
                value_bars,
                value_rows,
                full=1,
            )
        )
    if unvalued:
        body.append(
            para(
                h(
                    ngettext(
                        "Năm {years} có hoạt động nhưng không hoạt động nào có báo cáo giá trị đã thực hiện: năm "
                        "này không có trong tỷ trọng theo giá trị.",
                        "Các năm {years} có hoạt động nhưng không hoạt động nào có báo cáo giá trị đã thực hiện: "
                        "các năm này không có trong tỷ trọng theo giá trị.",
                        len(unvalued),
                    ).format(years=", ".join(unvalued))
                ),
                "ledger-note",
            )
        )
    return "".join(body)


def programme_section(site: Site, programme_id: str) -> list[str]:
    """A programme's headline figures, its reported value beside the ledger's, and its charts."""
    partnership_ids = site.partnerships_of_programme(programme_id)
    activities = [site.activities[a] for a in programme_activities(site, programme_id)]
    totals = site.totals(activities)
    sponsors = {s for p in partnership_ids for s in site.partnerships[p]["sponsors"]}
    partnered = partnered_communes(site, partnership_ids)
    supported = supported_communes(site, [a["id"] for a in activities])
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
                # Two kinds of commune, each a word of the methodology page, each opening its list.
                (
                    formats.number(len(partnered)),
                    link(urls.relative(URL, page + "#" + list_id(PARTNERED)),
                         ngettext("xã có cặp kết nghĩa", "xã có cặp kết nghĩa", len(partnered))),
                ),
                (
                    formats.number(len(supported)),
                    link(urls.relative(URL, page + "#" + list_id(SUPPORTED)),
                         ngettext("xã có hỗ trợ được ghi", "xã có hỗ trợ được ghi", len(supported))),
                ),
                (formats.number(totals.activities), h(ngettext("hoạt động", "hoạt động", totals.activities))),
                # Short for reading, in full for checking.
                (h(formats.dong_short(totals.delivered)), h(delivered)),
                (h(formats.count(totals.households)), _("lượt hộ hưởng lợi")),
            ]
        ),
    ]
    body.append(other_direction_note(site, URL, programme_activities(site, programme_id)))
    target = target_text(site, programme_id)
    if target:
        body.append(para(target, "ledger-note"))
    comparison = value_comparison(site, programme["area"], programme_id)
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
                    "Kế hoạch yêu cầu giảm dần việc tặng quà, tập trung hướng dẫn cách làm ăn. Tỷ trọng theo số hoạt "
                    "động tính trên mọi hoạt động; tỷ trọng theo giá trị tính trên các hoạt động có báo cáo giá trị "
                    "đã thực hiện."
                )
            ),
            gift_share_chart(site, activities),
        ]
    return body


def target_text(site: Site, programme_id: str) -> str:
    """The communes a programme helps as its source gives them: a number per district when the
    communes are not named, so that no reader takes a share over communes nobody listed."""
    targets = site.programmes[programme_id].get("targets", {})
    counts = site.district_counts(programme_id)
    if not counts:
        return ""
    districts = ", ".join(f"{site.locality_name(d)} {formats.number(n)}" for d, n in counts)
    text = _("Xã mục tiêu theo văn bản: {count} xã ({districts}); nguồn không công bố tên các xã, nên sổ "
             "không tính tỷ lệ xã chưa có đơn vị kết nghĩa.").format(
        count=formats.number(targets.get("count", sum(n for _d, n in counts))), districts=districts)
    return h(text) + " " + link(urls.relative(URL, urls.COVERAGE), _("Xem độ phủ."))


def history_rows(site: Site) -> str:
    """Earlier phases (a programme ended before another of its area began): one line each, apart
    from the figures of the programmes since."""
    earlier = [pid for pid in site.programmes_in_order() if site.earlier_phase(pid)]
    if not earlier:
        return ""
    items = []
    for pid in earlier:
        partnerships = len(site.partnerships_of_programme(pid))
        count = ngettext("{count} cặp kết nghĩa trong sổ", "{count} cặp kết nghĩa trong sổ", partnerships).format(
            count=formats.number(partnerships))
        page = urls.entity("programme", pid)
        items.append(f"<li>{link(page, h(site.name_of('programme', pid)))}: {h(status_text(site, pid))}; "
                     f"{h(count)}.</li>")
    return (heading(_("Giai đoạn trước"))
            + para(_("Các giai đoạn kết nghĩa trước, ghi lại như lịch sử; số liệu của chúng không nằm trong số liệu "
                     "của các chương trình ở trên."))
            + '\n<ul class="ledger-history">\n' + "\n".join(items) + "\n</ul>\n")


def sentence(text: str) -> str:
    """mkdocs.yml's description as the start of a paragraph: closed by a full stop, then a space."""
    text = h(text.strip())
    if not text:
        return ""
    return f"{text} " if text.endswith((".", "!", "?")) else f"{text}. "


def home_page(site: Site) -> Page:
    meta = feed_meta(site)
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
    if len(site.programmes) > 1:
        # The year and group pages hold every programme's activities: said before a reader follows them.
        body.append(para(_("Trong các bảng theo năm và theo nhóm nội dung dưới đây, mỗi năm, mỗi nhóm dẫn đến trang "
                           "liệt kê hoạt động của mọi chương trình."), "ledger-note"))
    for programme_id in site.programmes_in_order():
        if not site.earlier_phase(programme_id):
            body += programme_section(site, programme_id)
    body.append(history_rows(site))
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
    body.append(follow(URL, meta))
    body.append(folder_note(site, ""))
    return Page(URL, site.identity.name, "".join(body), extra_meta=meta)


def pages(site: Site) -> list[Page]:
    return [home_page(site)]
