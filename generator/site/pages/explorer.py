"""Khám phá: one page over every activity of every year, narrowed in the reader's browser by
programme, year, sponsor, district, commune, group, gift and amount (docs/javascripts/explorer.js).

The page itself is light; its data are files beside it, fetched as the facets need them:
- `du-lieu/chung.json`: the names behind the facets (each list in display order, rows refer to
  them by position), the totals of everything, and the list of parts;
- a part, `du-lieu/p-YEAR-N.json`: up to PART rows of one year, newest first, with the listing
  pages they sit on; and beside it `du-lieu/nguon-YEAR-N.json`, the addresses of each row's
  sources, fetched only to save the rows as CSV.
A first view fetches the common file and the newest part: a fixed few files whatever the size
of the ledger. A year chosen fetches that year's parts; another facet, every part.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ...i18n import _
from ...typed import Activity
from ...view import formats, urls
from ...view.escape import clean, h
from ...view.model import Site, year_of
from ..downloads import json_document
from .filters import districts_of
from .page import Page, para

URL = urls.EXPLORER
DATA = "du-lieu/"  # below URL
COMMON = "chung.json"
PART = 1000  # rows per part: a part is some 100 KB (25 KB gzip) at province scale
# Amount brackets in đồng: the facet "giá trị" offers the ranges between them, and "not reported".
BRACKETS = (10_000_000, 50_000_000, 200_000_000, 1_000_000_000)


def _positions(ids: list[str]) -> dict[str, int]:
    return {record_id: n for n, record_id in enumerate(ids)}


def _bracket_names() -> list[str]:
    bounds = [formats.number(b // 1_000_000) for b in BRACKETS]
    names = [_("dưới {high} triệu đồng").format(high=bounds[0])]
    names += [_("{low} – dưới {high} triệu đồng").format(low=low, high=high) for low, high in zip(bounds, bounds[1:], strict=False)]
    names.append(_("từ {low} triệu đồng").format(low=bounds[-1]))
    return names


def words() -> dict[str, str]:
    """The site's wording of the page's controls, read by explorer.js."""
    return {
        "programme": _("Chương trình"),
        "year": _("Năm"),
        "sponsor": _("Đơn vị kết nghĩa"),
        "district": _("Huyện"),
        "commune": _("Xã"),
        "group": _("Nhóm nội dung"),
        "gift": _("Tặng quà"),
        "amount": _("Giá trị đã thực hiện"),
        "yes": _("tặng quà"),
        "no": _("không phải tặng quà"),
        "all": _("Tất cả"),
        "unreported": _("chưa báo cáo"),
        "legend": _("Lọc hoạt động"),
        "loading": _("Đang tải dữ liệu…"),
        "failed": _("Không tải được dữ liệu: hãy tải lại trang."),
        "totals": _("{count} hoạt động; đã thực hiện {delivered} đồng ({reported} hoạt động có báo cáo giá trị); {households} lượt hộ."),
        "uncounted": _("{count} hoạt động được liệt kê nhưng không tính vào tổng (đã huỷ, hoặc địa bàn giúp lại đơn vị kết nghĩa)."),
        "more": _("Xem thêm hoạt động"),
        "shown": _("Đang liệt kê {shown} trên {count} hoạt động."),
        "csv": _("Tải CSV các hoạt động đang chọn (kèm địa chỉ nguồn)"),
        "reset": _("Bỏ lọc"),
        "date": _("Ngày"),
        "title": _("Hoạt động"),
        "place": _("Địa bàn"),
        "delivered": _("Đã thực hiện (đồng)"),
        "households": _("Lượt hộ"),
        "id": _("Mã hoạt động"),
        "category": _("Nội dung hỗ trợ"),
        "page": _("Trang"),
        "sources": _("Địa chỉ nguồn"),
        "file": "kham-pha.csv",
    }


def _group_position(site: Site, groups: list[str], category: str) -> int:
    group = site.category_group(category)
    return groups.index(group) if group in groups else -1


def _common(site: Site, activities: list[Activity], districts_at: dict[str, list[str]]) -> dict[str, Any]:
    places = {p for a in activities for p in site.places(a)}
    communes = site.by_name("locality", [p for p in places if site.is_commune(p)])
    districts = site.by_name("locality", sorted({d for a in activities for d in districts_at[a["id"]]}))
    pairs = {a["partnership"] for a in activities}
    sponsors = site.by_name("organization", sorted({s for p in pairs for s in site.partnerships[p]["sponsors"]}))
    in_use = {site.partnerships[p]["programme"] for p in pairs}
    programmes = [p for p in site.programmes_in_order() if p in in_use]
    categories = list(site.vocabulary("support-categories"))
    groups = list(site.groups())
    district_at = _positions(districts)
    totals = site.totals(activities)
    return {
        "programmes": [[p, site.name_of("programme", p)] for p in programmes],
        "sponsors": [[s, site.name_of("organization", s)] for s in sponsors],
        "districts": [[d, site.locality_name(d)] for d in districts],
        "communes": [[c, site.locality_name(c), district_at.get(site.district_of(c) or "", -1)] for c in communes],
        "groups": [[g, label] for g, label in site.groups().items()],
        "categories": [
            [c, site.label("support-categories", c), _group_position(site, groups, c), 1 if site.is_gift(c) else 0]
            for c in categories
        ],
        "brackets": [list(BRACKETS), _bracket_names()],
        "totals": {
            "activities": totals.activities,
            "delivered": totals.delivered_sum,
            "reported": totals.delivered_reported,
            "households": totals.households_sum,
            "uncounted": len(activities) - totals.activities,  # cancelled, or help in the other direction
        },
    }


def data_files(site: Site) -> dict[str, bytes]:
    """{path below the generated folder: bytes}: the common file and the parts."""
    activities = sorted(site.activities.values(), key=lambda a: (a["date"], a["id"]), reverse=True)
    districts_at = {a["id"]: districts_of(site, site.places(a)) for a in activities}  # activity id -> its districts
    common = _common(site, activities, districts_at)
    at = {key: _positions([item[0] for item in common[key]]) for key in ("programmes", "sponsors", "districts", "communes", "categories")}
    by_year: dict[str, list[Activity]] = {}
    for activity in activities:
        by_year.setdefault(year_of(activity), []).append(activity)
    files: dict[str, bytes] = {}
    parts = []
    for year, rows in by_year.items():
        for number, start in enumerate(range(0, len(rows), PART), 1):
            chunk = rows[start : start + PART]
            name, sources = f"p-{year}-{number}.json", f"nguon-{year}-{number}.json"
            # Each listing page once; explorer.js adds the row's anchor as urls.activity does: page#id.
            pages = sorted({site.activity_urls[a["id"]] for a in chunk})
            page_at = _positions(pages)
            part_rows = []
            for a in chunk:
                partnership = site.partnerships[a["partnership"]]
                places = site.places(a)
                figures = site.figures[a["id"]]
                part_rows.append([
                    a["id"], a["date"], at["programmes"][partnership["programme"]],
                    [at["sponsors"][s] for s in partnership["sponsors"]],
                    [at["districts"][d] for d in districts_at[a["id"]]],
                    [at["communes"][p] for p in places if p in at["communes"]],
                    at["categories"][a["category"]],
                    figures.delivered, figures.households, 1 if figures.counted else 0,
                    clean(a["title"]), page_at[site.activity_urls[a["id"]]],
                ])
            files[URL + DATA + name] = json_document({"pages": pages, "rows": part_rows}, line=False)
            files[URL + DATA + sources] = json_document([[s.get("url") or "" for s in a.get("sources", ())] for a in chunk], line=False)
            parts.append([year, len(chunk), name, sources])
    common["parts"] = parts
    files[URL + DATA + COMMON] = json_document(common, line=False)
    return files


def page(site: Site) -> Page:
    count = len(site.activities)
    attributes = (
        f' data-explorer="{h(DATA)}" data-words="{h(json.dumps(words(), ensure_ascii=False, sort_keys=True))}"'
    )
    without_script = h(_("Trang này cần JavaScript. Toàn bộ dữ liệu có ở trang Dữ liệu mở."))
    body = [
        para(
            h(_("Mọi hoạt động của mọi năm ({count} hoạt động), lọc theo chương trình, năm, đơn vị kết nghĩa, "
                "huyện, xã, nhóm nội dung, tặng quà và giá trị. Tổng cộng đổi theo lựa chọn; địa chỉ trang giữ "
                "lựa chọn, nên gửi được cho người khác.").format(count=formats.number(count)))
        ),
        f'\n<div class="ledger-explorer"{attributes} data-search-exclude>\n'
        f"<noscript><p>{without_script}</p></noscript>\n</div>\n",
        '\n<script src="../javascripts/explorer.js" defer></script>\n',
    ]
    return Page(URL, _("Khám phá hoạt động"), "".join(body), search=False)


def pages(site: Site) -> Iterator[Page]:
    yield page(site)
