"""Filters over an activity listing, run in the reader's browser (docs/javascripts/filter-tables.js).

The table carries, in its attributes, what each of its rows is filtered by as record ids and
codes (data-filter-rows: one entry per row, ";" between them, in the rows' order: year, sponsors, districts,
communes, group, gift, id, programme, delivered amount (empty when not reported), 1 when it counts in
totals), the names of those ids and the site's words for the controls (JSON).
The rows themselves stay as every other table's. The data is bounded by the page: a listing holds at
most a page of rows (a year's page, YEAR_TABLE_LIMIT; a category's, the listing's page size).
The script sets every name as text, never as markup, and the narrowed rows can be saved as CSV.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from functools import cache
from gettext import NullTranslations
from typing import NamedTuple

from ...i18n import _, active
from ...typed import Activity
from ...view.model import DISTRICT_LEVELS, Site, year_of

# A row's fields, in the order filter-tables.js reads them (its PLACE): year, sponsor,
# district, commune, group, gift; then the activity's id, its programme, its delivered amount
# and whether it counts in totals (a cancelled one does not).


def districts_of(site: Site, places: Sequence[str]) -> list[str]:
    """The districts of these places (a district itself, or a commune's parent), sorted."""
    found = set()
    for place in places:
        level = site.localities[place]["level"] if place in site.localities else ""
        district = place if level in DISTRICT_LEVELS else site.district_of(place)
        if district and site.localities[district]["level"] in DISTRICT_LEVELS:
            found.add(district)
    return sorted(found)


class _Where(NamedTuple):
    """The filters' fields of the activities of one partnership at the same places in one category:
    shared by many activities (a few thousand such at province scale, against 20,000 activities)."""

    sponsors: list[str]
    districts: list[str]
    communes: list[str]
    group: list[str]
    programme: str
    text: str  # sponsors, districts, communes, group and gift, as a row writes them


def _where(site: Site, activity: Activity) -> _Where:
    places = site.places(activity)
    key = (activity["partnership"], places, activity["category"])
    known = site.memo.filter_fields
    if key not in known:
        partnership = site.partnerships[activity["partnership"]]
        group = site.category_group(activity["category"])
        fields = (
            sorted(partnership["sponsors"]),
            districts_of(site, places),
            sorted(p for p in places if site.is_commune(p)),
            [group] if group else [],
        )
        gift = "1" if site.is_gift(activity["category"]) else "0"
        known[key] = _Where(*fields, partnership["programme"], "|".join([*(" ".join(v) for v in fields), gift]))
    return known[key]


def row_data(site: Site, activity: Activity, where: _Where) -> str:
    """What the filters know of an activity's row (`where`: its _where):
    "2023|so-a so-b|huyen-x|xa-y|an-sinh-xa-hoi|1|2023-01-06-qua|chuong-trinh-a|30000000|1".
    Ids and codes are lowercase words joined by hyphens (schemas/common.schema.json): no
    space, no "|", no ";"."""
    figures = site.figures[activity["id"]]
    delivered = "" if figures.delivered is None else str(figures.delivered)
    return f"{year_of(activity)}|{where.text}|{activity['id']}|{where.programme}|{delivered}|{int(figures.counted)}"


@cache
def _words(catalogue: NullTranslations) -> str:
    """The controls' words as the attribute holds them, once per catalogue (a page per 50 activities)."""
    return _json_attribute({
        "year": _("Năm"),
        "programme": _("Chương trình"),
        "sponsor": _("Đơn vị kết nghĩa"),
        "district": _("Huyện"),
        "commune": _("Xã"),
        "group": _("Nhóm nội dung"),
        "gift": _("Tặng quà"),
        "yes": _("tặng quà"),
        "no": _("không phải tặng quà"),
        "all": _("Tất cả"),
        "legend": _("Lọc danh sách"),
        "shown": _("Đang hiện {shown} trên {total} hoạt động."),
        "totals": _("Các dòng đang hiện: đã thực hiện {delivered} đồng ({reported} hoạt động có báo cáo giá trị)."),
        "csv": _("Tải CSV các dòng đang hiện"),
        "id": _("Mã hoạt động"),
    })


def _json_attribute(value: object) -> str:
    return html.escape(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")), quote=True)


def table_attributes(site: Site, activities: Sequence[Activity], file_name: str) -> str:
    """The <table>'s attributes: its rows' data (row_data, ";" between them, in the order of
    `activities`: the rows' order), the names of the ids they hold, the controls' words, the CSV's name."""
    ids: dict[str, set[str]] = {"programme": set(), "sponsor": set(), "district": set(), "commune": set(), "group": set()}
    wheres = [_where(site, a) for a in activities]
    for where in wheres:
        ids["programme"].add(where.programme)
        ids["sponsor"].update(where.sponsors)
        ids["district"].update(where.districts)
        ids["commune"].update(where.communes)
        ids["group"].update(where.group)
    groups = site.groups()
    # Sorted by json.dumps: the order they are found in does not show.
    names = {
        "programme": {p: site.name_of("programme", p) for p in ids["programme"]},
        "sponsor": {s: site.name_of("organization", s) for s in ids["sponsor"]},
        "district": {d: site.locality_name(d) for d in ids["district"]},
        "commune": {c: site.locality_name(c) for c in ids["commune"]},
        "group": {g: groups.get(g, g) for g in ids["group"]},
    }
    rows = ";".join(row_data(site, a, where) for a, where in zip(activities, wheres, strict=True))
    return (
        f' data-filters="{_words(active())}" data-filter-names="{_json_attribute(names)}"'
        f' data-filter-file="{html.escape(file_name, quote=True)}"'
        f' data-filter-rows="{html.escape(rows, quote=True)}"'
    )
