"""Open data: every record type as CSV (UTF-8 with BOM, for Excel) and JSON, and a
Frictionless `datapackage.json` describing them. Codes and their labels side by side."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson

from ..facts import MONEY_PARTS, Record, amount_parts
from ..files import Parts
from ..i18n import N_, _
from ..registry import TYPES, Giver
from ..schema_shape import SchemaShape
from ..view import urls
from ..view.escape import clean
from ..view.model import DISTRICT_LEVELS, Site, year_of

FOLDER = urls.OPEN_DATA.rstrip("/")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless: string, integer, boolean
    title: str  # Vietnamese, a message of the site catalogue
    value: Callable[[Record], Any]
    en: str = ""  # the English gloss of the column, for the data dictionary and datapackage.json
    unit: str = ""  # đồng, hộ, người… where the column counts something
    meaning: str = ""  # where the column is not the schema's field of the same name (the dictionary reads the schema)


def _joined(values) -> str:
    return "; ".join(clean(v) for v in values)


def _text(value) -> str:
    return clean(value) if value else ""


def _locality_columns(site: Site) -> list[Column]:
    def border(d):
        return d.get("land_border") or {}

    return [
        Column("id", "string", _("Mã hồ sơ"), lambda d: d["id"], "Record id (the YAML file's name)"),
        Column("name", "string", _("Tên"), lambda d: clean(d["name"]), "Name, without the level"),
        Column("level", "string", _("Mã cấp"), lambda d: d["level"], "Level code (vocabulary locality-levels)"),
        Column("level_label", "string", _("Cấp"), lambda d: site.label("locality-levels", d["level"]),
               "Level: province, district, commune, ward, town…"),
        Column("code", "string", _("Mã hành chính"), lambda d: d.get("code", ""), "Official administrative code (GSO)"),
        Column("parent", "string", _("Mã đơn vị cấp trên"), lambda d: d.get("parent", ""),
               "Record id of the unit one level up"),
        Column(
            "parent_name",
            "string",
            _("Đơn vị cấp trên"),
            lambda d: site.locality_name(d["parent"]) if d.get("parent") else "",
            "Name of the unit one level up",
        ),
        Column("aliases", "string", _("Tên gọi khác"), lambda d: _joined(d.get("aliases", [])),
               "Other names, separated by semicolons"),
        Column("mountainous", "boolean", _("Huyện miền núi"), lambda d: d.get("mountainous"), "Mountainous district"),
        Column("land_border", "boolean", _("Giáp biên giới đất liền"), lambda d: border(d).get("value"),
               "On the land border"),
        Column("land_border_inferred", "boolean", _("Biên giới: suy luận"), lambda d: border(d).get("inferred"),
               "Land-border status inferred, not read from a source"),
        Column("land_border_basis", "string", _("Biên giới: căn cứ"), lambda d: _text(border(d).get("basis")),
               "Basis of the land-border status"),
        Column(
            "disadvantage",
            "string",
            _("Diện khó khăn: mã, giai đoạn, văn bản"),
            lambda d: "; ".join(f"{s['status']} {s['period']} {s['document']}" for s in d.get("disadvantage", [])),
            "Disadvantage status: code, period and document id, separated by semicolons",
        ),
        Column(
            "disadvantage_labels",
            "string",
            _("Diện khó khăn"),
            lambda d: "; ".join(
                f"{site.label('disadvantage-statuses', s['status'])} ({s['period']})" for s in d.get("disadvantage", [])
            ),
            "Disadvantage status (region I, II, III; Programme 135) with its period",
        ),
        Column("valid_from", "string", _("Có hiệu lực từ"), lambda d: d.get("valid_from", ""), "In force from (date)"),
        Column("valid_to", "string", _("Có hiệu lực đến"), lambda d: d.get("valid_to", ""), "In force until (date)"),
        Column("successor", "string", _("Mã đơn vị kế thừa"), lambda d: d.get("successor", ""),
               "Record id of the unit that took this one over"),
        Column(
            "successor_name",
            "string",
            _("Đơn vị kế thừa"),
            lambda d: site.locality_name(d["successor"]) if d.get("successor") else "",
            "Name of the unit that took this one over",
        ),
        Column("note", "string", _("Ghi chú"), lambda d: _text(d.get("note")), "Note"),
    ]


def _organization_columns(site: Site) -> list[Column]:
    return [
        Column("id", "string", _("Mã hồ sơ"), lambda d: d["id"], "Record id (the YAML file's name)"),
        Column("name", "string", _("Tên đầy đủ"), lambda d: clean(d["name"]), "Full name of the sponsor"),
        Column("short_name", "string", _("Tên ngắn"), lambda d: _text(d.get("short_name")), "Short name"),
        Column("kind", "string", _("Mã loại đơn vị"), lambda d: d["kind"], "Kind code (vocabulary organization-kinds)"),
        Column("kind_label", "string", _("Loại đơn vị"), lambda d: site.label("organization-kinds", d["kind"]),
               "Kind: provincial agency, enterprise, armed forces, mass organisation, lowland locality…"),
        Column("locality", "string", _("Mã địa phương"), lambda d: d.get("locality", ""),
               "Record id of the locality the sponsor is (for lowland localities)"),
        Column("aliases", "string", _("Tên gọi khác"), lambda d: _joined(d.get("aliases", [])),
               "Other names, separated by semicolons"),
        Column("website", "string", _("Trang web"), lambda d: d.get("website", ""), "Website"),
        Column("note", "string", _("Ghi chú"), lambda d: _text(d.get("note")), "Note"),
    ]


def _document_columns(site: Site) -> list[Column]:
    return [
        Column("id", "string", _("Mã hồ sơ"), lambda d: d["id"], "Record id (the YAML file's name)"),
        Column("number", "string", _("Số hiệu"), lambda d: _text(d.get("number")), "Document number"),
        Column("kind", "string", _("Mã loại văn bản"), lambda d: d["kind"], "Kind code (vocabulary document-kinds)"),
        Column("kind_label", "string", _("Loại văn bản"), lambda d: site.label("document-kinds", d["kind"]),
               "Kind: decision, plan, directive, report…"),
        Column("title", "string", _("Trích yếu"), lambda d: clean(d["title"]), "Title (subject line)"),
        Column("issuer", "string", _("Cơ quan ban hành"), lambda d: clean(d["issuer"]), "Issuing body"),
        Column("date", "string", _("Ngày ban hành"), lambda d: d.get("date", ""), "Date of issue"),
        Column("effective_from", "string", _("Ngày có hiệu lực"), lambda d: d.get("effective_from", ""),
               "In force from (date)"),
        Column("url", "string", _("Đường dẫn"), lambda d: d.get("url", ""), "Web address of the text"),
        Column("summary", "string", _("Tóm tắt"), lambda d: _text(d.get("summary")), "Summary"),
    ]


def _partnership_columns(site: Site) -> list[Column]:
    def totals(d):
        return site.partnership_totals(d["id"])

    return [
        Column("id", "string", _("Mã hồ sơ"), lambda d: d["id"], "Record id (the YAML file's name)"),
        Column("programme", "string", _("Mã chương trình"), lambda d: d["programme"],
               "Record id of the programme the partnership belongs to"),
        Column("sponsors", "string", _("Mã đơn vị kết nghĩa"), lambda d: "; ".join(d["sponsors"]),
               "Record ids of the sponsors, separated by semicolons"),
        Column(
            "sponsor_names",
            "string",
            _("Đơn vị kết nghĩa"),
            lambda d: "; ".join(site.sponsor_name(s) for s in d["sponsors"]),
            "Names of the sponsors",
        ),
        Column("locality", "string", _("Mã địa bàn"), lambda d: d["locality"], "Record id of the twinned locality"),
        Column("locality_name", "string", _("Địa bàn"), lambda d: site.locality_name(d["locality"]),
               "Name of the twinned locality"),
        Column("localities", "string", _("Mã các xã được nêu tên"), lambda d: "; ".join(d.get("localities", [])),
               "Record ids of the communes the agreement names, separated by semicolons"),
        Column("basis", "string", _("Mã văn bản căn cứ"), lambda d: "; ".join(d.get("basis", [])),
               "Record ids of the documents the partnership rests on"),
        Column("agreement_title", "string", _("Giao ước"), lambda d: _text((d.get("agreement") or {}).get("title")),
               "Title of the twinning agreement"),
        Column("agreement_date", "string", _("Ngày ký giao ước"), lambda d: (d.get("agreement") or {}).get("date", ""),
               "Date the agreement was signed"),
        Column("period_start", "string", _("Bắt đầu"), lambda d: d["period"]["start"], "Start of the partnership (date)"),
        Column("period_end", "string", _("Kết thúc"), lambda d: d["period"].get("end", ""), "End of the partnership (date)"),
        Column("period_assumed", "string", _("Mốc thời gian giả định (start, end)"),
               lambda d: "; ".join(d["period"].get("assumed", [])),
               "Which of start and end no source gives: assumptions, separated by semicolons"),
        Column("twinned_since", "string", _("Kết nghĩa từ năm"), lambda d: d.get("twinned_since", ""),
               "Year the two were first twinned, before this programme"),
        Column("status", "string", _("Mã tình trạng"), lambda d: d["status"], "Status code (vocabulary partnership-statuses)"),
        Column("status_label", "string", _("Tình trạng"), lambda d: site.label("partnership-statuses", d["status"]),
               "Status: active or ended"),
        Column("activities", "integer", _("Số hoạt động (không tính đã hủy, chiều ngược lại)"), lambda d: totals(d).activities,
               "Number of activities, cancelled ones and those in the other direction apart", _("hoạt động")),
        Column("delivered_total", "integer", _("Tổng giá trị đã thực hiện (đồng)"), lambda d: totals(d).delivered,
               "Total value delivered; empty when none was reported", _("đồng")),
        Column("description", "string", _("Mô tả"), lambda d: _text(d.get("description")), "Description"),
    ]


def _parts(kind: str) -> Callable[[Record], dict[str, int]]:
    """amount_parts of a row, read once for the four columns that ask it in turn."""
    last: list[Any] = [None, {}]  # the row last asked, its parts

    def parts(d: Record) -> dict[str, int]:
        if last[0] is not d:
            last[:] = d, amount_parts(d, kind)
        return last[1]

    return parts


def _money_part(parts: Callable[[Record], dict[str, int]], part: str) -> Callable[[Record], int | None]:
    return lambda d: parts(d).get(part)


_PART_EN = {"cash": "cash", "in_kind": "in kind", "mobilised": "mobilised from others", "unspecified": "not split"}


def _money_columns(kind: str, title: str, en: str, total: Callable[[Record], int | None]) -> list[Column]:
    labels = {"cash": _("tiền mặt"), "in_kind": _("hiện vật"), "mobilised": _("vận động"), "unspecified": _("chưa tách")}
    parts = _parts(kind)
    columns = [
        Column(
            f"{kind}_{part}",
            "integer",
            _("{value}: {part} (đồng)").format(value=title, part=labels[part]),
            _money_part(parts, part),
            f"{en}: {_PART_EN[part]}; empty when not reported",
            _("đồng"),
        )
        for part in MONEY_PARTS
    ]
    columns.append(Column(f"{kind}_total", "integer", _("{value}: tổng (đồng)").format(value=title), total,
                          f"{en}: total of the parts reported; empty when none was", _("đồng")))
    return columns


def district_of_place(site: Site, locality_id: str) -> str:
    """The district a place is in: itself when it is one, else its parent when that is a
    district ("" for a province, or a commune directly under a city since 2025)."""
    if site.localities[locality_id]["level"] in DISTRICT_LEVELS:
        return locality_id
    parent = site.district_of(locality_id)
    return parent if parent and site.localities[parent]["level"] in DISTRICT_LEVELS else ""


def _districts(site: Site) -> Callable[[str], str]:
    """district_of_place, read once per locality: the tables ask it for every row."""
    known: dict[str, str] = {}

    def district(locality_id: str) -> str:
        if locality_id not in known:
            known[locality_id] = district_of_place(site, locality_id)
        return known[locality_id]

    return district


def _activity_columns(site: Site) -> list[Column]:
    district_of = _districts(site)

    def place(d):  # one place; a joint activity's are rows of hoat-dong-dia-ban (a key holds one value)
        places = site.places(d)
        return places[0] if len(places) == 1 else ""

    def district(d):  # "" when it took place in no district or in several
        places = site.places(d)
        if len(places) == 1:
            return district_of(places[0])
        districts = {district_of(p) for p in places}
        return districts.pop() if len(districts) == 1 else ""

    def category(d):
        return site.vocabulary("support-categories").get(d["category"], {})

    def benefit(d):
        return d.get("beneficiaries") or {}

    def first_source(d):
        return d["sources"][0]

    def figures(d):
        return site.figures[d["id"]]

    def sponsors(d):
        return site.partnerships[d["partnership"]]["sponsors"]

    return [
        Column("id", "string", _("Mã hồ sơ"), lambda d: d["id"], "Record id (the YAML file's name)"),
        Column("partnership", "string", _("Mã cặp kết nghĩa"), lambda d: d["partnership"],
               "Record id of the partnership"),
        Column("programme", "string", _("Mã chương trình"), lambda d: site.partnerships[d["partnership"]]["programme"],
               "Record id of the partnership's programme"),
        Column("partnership_name", "string", _("Cặp kết nghĩa"), lambda d: site.partnership_name(d["partnership"]),
               "Partnership: sponsors – locality"),
        Column("sponsors", "string", _("Mã đơn vị kết nghĩa"), lambda d: "; ".join(sponsors(d)),
               "Record ids of the partnership's sponsors, separated by semicolons"),
        Column("sponsor_names", "string", _("Đơn vị kết nghĩa"), lambda d: "; ".join(site.sponsor_name(s) for s in sponsors(d)),
               "Names of the partnership's sponsors"),
        Column("programme_name", "string", _("Chương trình"),
               lambda d: site.name_of("programme", site.partnerships[d["partnership"]]["programme"]),
               "Name of the partnership's programme"),
        Column("locality", "string", _("Mã địa bàn thực hiện"), place,
               "Record id of the locality where it took place (its own, else the partnership's); empty for a "
               "joint activity of several communes, whose places are rows of hoat-dong-dia-ban",
               meaning=_("Mã địa bàn nơi thực hiện: địa bàn ghi trong hồ sơ, nếu không có thì địa bàn của cặp kết "
                         "nghĩa. Một hoạt động chung của nhiều xã để trống ô này: mỗi xã là một dòng của bảng "
                         "hoat-dong-dia-ban.")),
        Column("places", "integer", _("Số địa bàn thực hiện"), lambda d: len(site.places(d)),
               "Number of localities where it took place (more than one: a joint activity, counted once)",
               _("địa bàn"), meaning=_("Số địa bàn nơi thực hiện; lớn hơn 1 là hoạt động chung, chỉ tính một lần.")),
        Column("locality_name", "string", _("Địa bàn thực hiện"),
               lambda d: "; ".join(site.locality_name(p) for p in site.places(d)),
               "Names of the localities where it took place, separated by semicolons"),
        Column("district", "string", _("Mã huyện"), district,
               "Record id of the district where it took place; empty when none (a province, a commune under a "
               "city since 2025) or several",
               meaning=_("Mã huyện, thị xã, thành phố nơi thực hiện; trống khi không thuộc huyện nào hoặc thuộc "
                         "nhiều huyện.")),
        Column("district_name", "string", _("Huyện"),
               lambda d: site.locality_name(district(d)) if district(d) else "",
               "Name of that district"),
        Column("date", "string", _("Ngày (NNNN, NNNN-TT hoặc NNNN-TT-NN)"), lambda d: d["date"],
               "Date (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source)"),
        Column("end_date", "string", _("Ngày kết thúc"), lambda d: d.get("end_date", ""), "End date, when it lasted"),
        Column("year", "integer", _("Năm"), lambda d: int(year_of(d)), "Year"),
        Column("category", "string", _("Mã nội dung hỗ trợ"), lambda d: d["category"],
               "Support category code (vocabulary support-categories)"),
        Column(
            "category_label", "string", _("Nội dung hỗ trợ"), lambda d: site.label("support-categories", d["category"]),
            "Support category of the plan",
        ),
        Column("category_group", "string", _("Mã nhóm nội dung"), lambda d: category(d).get("group", ""),
               "Code of the category's group"),
        Column(
            "category_group_label", "string", _("Nhóm nội dung"), lambda d: site.groups().get(category(d).get("group"), ""),
            "Group of the plan the category belongs to",
        ),
        Column("gift", "boolean", _("Tặng quà"), lambda d: category(d).get("gift"), "Gift giving"),
        Column("training", "boolean", _("Tập huấn"), lambda d: category(d).get("training"), "Training"),
        Column("tags", "string", _("Thẻ"), lambda d: "; ".join(d.get("tags", [])),
               "Tags: projects of QĐ 1719, QĐ 90, new-rural criteria"),
        Column("status", "string", _("Mã tình trạng"), lambda d: d["status"], "Status code (vocabulary activity-statuses)"),
        Column("status_label", "string", _("Tình trạng"), lambda d: site.label("activity-statuses", d["status"]),
               "Status: planned, in progress, done, cancelled"),
        Column("given_by", "string", _("Bên trao"), lambda d: d.get("given_by", Giver.SPONSOR),
               "Which side gave (vocabulary support-givers): the sponsor, or the twinned locality in the other "
               "direction, which no total counts",
               meaning=_("Bên trao hỗ trợ: don-vi-ket-nghia (đơn vị kết nghĩa giúp địa bàn; cả khi hồ sơ bỏ trống) "
                         "hoặc dia-ban-ket-nghia (địa bàn gửi tặng đơn vị kết nghĩa, không tính vào tổng hỗ trợ).")),
        Column("title", "string", _("Tên hoạt động"), lambda d: clean(d["title"]), "Title"),
        Column("description", "string", _("Mô tả"), lambda d: _text(d.get("description")), "Description"),
        *_money_columns("planned", _("Kế hoạch"), "Planned value", lambda d: figures(d).planned),
        *_money_columns("delivered", _("Đã thực hiện"), "Delivered value", lambda d: figures(d).delivered),
        Column(
            "mobilised_from", "string", _("Vận động từ"), lambda d: _text((d.get("value") or {}).get("mobilised_from")),
            "Who the mobilised value came from",
        ),
        Column("households", "integer", _("Số hộ hưởng lợi"), lambda d: benefit(d).get("households"),
               "Households that benefited; empty when not reported", _("hộ")),
        Column("people", "integer", _("Số người hưởng lợi"), lambda d: benefit(d).get("people"),
               "People who benefited; empty when not reported", _("người")),
        Column("beneficiaries_note", "string", _("Ghi chú người hưởng lợi"), lambda d: _text(benefit(d).get("note")),
               "Note on the beneficiaries (counts only, never names)"),
        Column("sources", "integer", _("Số nguồn"), lambda d: len(d["sources"]),
               "Number of sources (every one is in nguon.csv)", _("nguồn")),
        Column("source_title", "string", _("Nguồn thứ nhất: tiêu đề"), lambda d: clean(first_source(d)["title"]),
               "First source: title"),
        Column("source_publisher", "string", _("Nguồn thứ nhất: nơi đăng"), lambda d: clean(first_source(d)["publisher"]),
               "First source: publisher"),
        Column("source_date", "string", _("Nguồn thứ nhất: ngày"), lambda d: first_source(d)["date"],
               "First source: date"),
        Column("source_url", "string", _("Nguồn thứ nhất: đường dẫn"), lambda d: first_source(d).get("url", ""),
               "First source: web address"),
    ]


def _vocabulary_rows(site: Site) -> list[Record]:
    rows: list[Record] = []
    for vid, vocabulary in site.records.get("vocabulary", {}).items():
        groups = {g["code"]: g["label"] for g in vocabulary.get("groups", [])}
        for item in vocabulary["items"]:
            rows.append({"vocabulary": vid, **item, "group_label": groups.get(item.get("group"), "")})
    return rows


def _vocabulary_columns(site: Site) -> list[Column]:
    return [
        Column("vocabulary", "string", _("Mã danh mục"), lambda d: d["vocabulary"], "Vocabulary id"),
        Column("code", "string", _("Mã"), lambda d: d["code"], "Code"),
        Column("label", "string", _("Nhãn"), lambda d: clean(d["label"]), "Label (Vietnamese)"),
        Column("group", "string", _("Mã nhóm"), lambda d: d.get("group", ""), "Group code"),
        Column("group_label", "string", _("Nhóm"), lambda d: _text(d.get("group_label")), "Group label"),
        Column("gift", "boolean", _("Tặng quà"), lambda d: d.get("gift"), "A support category that is gift giving"),
        Column("training", "boolean", _("Tập huấn"), lambda d: d.get("training"), "A support category that is training"),
        Column("official_code", "string", _("Mã chính thức"), lambda d: d.get("official_code", ""),
               "Official code (for example of an ethnic group)"),
        Column("maps_to", "string", _("Thuộc mục"), lambda d: d.get("maps_to", ""), "Code of the item this one falls under"),
        Column("inferred", "boolean", _("Suy luận"), lambda d: d.get("inferred"), "Inferred, not read from a source"),
        Column("note", "string", _("Ghi chú"), lambda d: _text(d.get("note")), "Note"),
    ]


def _sources_rows(site: Site) -> list[Record]:
    """One row per source of every record that cites sources, in the registry's order of types."""
    rows: list[Record] = []
    for record_type in SOURCED_TYPES:
        for record in records_in_order(site, record_type):
            for position, source in enumerate(record.get("sources", []), 1):
                rows.append({"record_type": record_type, "record_id": record["id"], "position": position, **source})
    return rows


def _sources_columns(site: Site) -> list[Column]:
    return [
        Column("record_type", "string", _("Loại hồ sơ"), lambda d: d["record_type"],
               "Record type: locality, organization, document, partnership, activity"),
        Column("record_id", "string", _("Mã hồ sơ"), lambda d: d["record_id"], "Record id of the record citing the source"),
        Column("position", "integer", _("Thứ tự nguồn"), lambda d: d["position"],
               "Position of the source in the record's list, from 1"),
        Column("title", "string", _("Tiêu đề"), lambda d: clean(d["title"]), "Title of the article or document"),
        Column("publisher", "string", _("Nơi đăng"), lambda d: clean(d["publisher"]), "Publisher"),
        Column("date", "string", _("Ngày đăng"), lambda d: d["date"], "Date published"),
        Column("url", "string", _("Đường dẫn"), lambda d: d.get("url", ""), "Web address"),
        Column("no_url", "string", _("Không có đường dẫn"), lambda d: _text(d.get("no_url")),
               "Why the source has no web address, where it has none"),
        Column("identifier", "string", _("Số hiệu"), lambda d: _text(d.get("identifier")),
               "Number of the article or document, where there is no address"),
        Column("note", "string", _("Ghi chú"), lambda d: _text(d.get("note")), "Note"),
    ]


def _activity_place_rows(site: Site) -> list[Record]:
    """One row per place of every activity: the link table of activities and localities."""
    return [{"activity": a["id"], "position": n, "locality": p}
            for a in site.in_order for n, p in enumerate(site.places(a), 1)]


def _activity_place_columns(site: Site) -> list[Column]:
    district_of = _districts(site)

    def district(d):
        return district_of(d["locality"])

    return [
        Column("activity", "string", _("Mã hoạt động"), lambda d: d["activity"], "Record id of the activity",
               meaning=_("Mã hồ sơ của hoạt động (cột id của hoat-dong).")),
        Column("position", "integer", _("Thứ tự"), lambda d: d["position"],
               "Position of the place in the activity's list, from 1",
               meaning=_("Thứ tự của địa bàn trong hồ sơ hoạt động, từ 1.")),
        Column("locality", "string", _("Mã địa bàn thực hiện"), lambda d: d["locality"],
               "Record id of a locality where the activity took place",
               meaning=_("Mã địa bàn nơi hoạt động diễn ra (cột id của dia-ban). Hoạt động chung của nhiều xã có "
                         "một dòng cho mỗi xã; giá trị của hoạt động chỉ tính một lần, ở bảng hoat-dong.")),
        Column("locality_name", "string", _("Địa bàn thực hiện"), lambda d: site.locality_name(d["locality"]),
               "Name of that locality"),
        Column("district", "string", _("Mã huyện"), district,
               "Record id of the locality's district; empty when none",
               meaning=_("Mã huyện, thị xã, thành phố của địa bàn; trống khi không thuộc huyện nào.")),
        Column("district_name", "string", _("Huyện"), lambda d: site.locality_name(district(d)) if district(d) else "",
               "Name of that district"),
    ]


def _programme_columns(site: Site) -> list[Column]:
    def targets(d):
        return d.get("targets") or {}

    return [
        Column("id", "string", _("Mã hồ sơ"), lambda d: d["id"]),
        Column("name", "string", _("Tên"), lambda d: clean(d["name"])),
        Column("short_name", "string", _("Tên ngắn"), lambda d: clean(d["short_name"])),
        Column("basis", "string", _("Mã văn bản căn cứ"), lambda d: "; ".join(d["basis"])),
        Column("coordinator", "string", _("Mã cơ quan thường trực"), lambda d: d.get("coordinator", "")),
        Column("area", "string", _("Mã địa bàn"), lambda d: d["area"]),
        Column("period_start", "string", _("Bắt đầu"), lambda d: d["period"]["start"]),
        Column("period_end", "string", _("Kết thúc"), lambda d: d["period"].get("end", "")),
        Column("targets_count", "integer", _("Số xã mục tiêu theo văn bản"), lambda d: targets(d).get("count")),
        Column("targets_by_district", "string", _("Số xã mục tiêu theo từng huyện"),
               lambda d: "; ".join(f"{c['district']}: {c['count']}" for c in targets(d).get("by_district", [])),
               "Target communes per district, when the source gives a number and no names (district id: count)",
               meaning=_("Số xã mục tiêu của từng huyện khi văn bản chỉ nêu số, không nêu tên xã: mã huyện, số xã; "
                         "cách nhau bởi dấu chấm phẩy.")),
        Column("targets", "string", _("Mã các xã mục tiêu mà sổ biết tên"),
               lambda d: "; ".join(site.target_communes(d["id"]))),
        Column("partnerships", "integer", _("Số cặp kết nghĩa trong sổ"),
               lambda d: len(site.partnerships_of_programme(d["id"]))),
        Column("description", "string", _("Mô tả"), lambda d: _text(d.get("description"))),
    ]


def _reported_rows(site: Site) -> list[Record]:
    """One row per figure: a reported total holds several, each with its own words and precision."""
    rows: list[Record] = []
    for rid in sorted(site.reported_totals):
        total = site.reported_totals[rid]
        for figure in total["figures"]:
            rows.append({"total": total, **figure})
    return rows


def _reported_columns(site: Site) -> list[Column]:
    def total(d):
        return d["total"]

    return [
        Column("id", "string", _("Mã hồ sơ"), lambda d: total(d)["id"]),
        Column("scope_locality", "string", _("Mã địa bàn"), lambda d: total(d)["scope"].get("locality", "")),
        Column("scope_sponsor", "string", _("Mã đơn vị kết nghĩa"), lambda d: total(d)["scope"].get("sponsor", "")),
        Column("period_start", "string", _("Từ"), lambda d: total(d)["period"]["start"]),
        Column("period_end", "string", _("Đến"), lambda d: total(d)["period"]["end"]),
        Column("as_of", "string", _("Ngày báo cáo"), lambda d: total(d).get("as_of", "")),
        Column("measure", "string", _("Mã chỉ tiêu"), lambda d: d["measure"]),
        Column("measure_label", "string", _("Chỉ tiêu"), lambda d: site.label("reported-measures", d["measure"])),
        Column("unit", "string", _("Đơn vị đo"),
               lambda d: site.vocabulary("reported-measures").get(d["measure"], {}).get("unit", "")),
        Column("value", "integer", _("Giá trị"), lambda d: d["value"]),
        Column("as_written", "string", _("Nguồn ghi"), lambda d: clean(d["as_written"])),
        Column("precision", "string", _("Độ chính xác"), lambda d: d["precision"]),
        Column("note", "string", _("Ghi chú"), lambda d: _text(d.get("note"))),
        Column("source_title", "string", _("Nguồn"), lambda d: clean(total(d)["sources"][0]["title"])),
        Column("source_url", "string", _("Đường dẫn nguồn"), lambda d: total(d)["sources"][0].get("url", "")),
    ]


# The columns of each record type's CSV, where they say more than its fields (labels beside
# codes, totals); a type without an entry here gets one column per plain field of its schema.
COLUMNS: dict[str, Callable[[Site], list[Column]]] = {
    "locality": _locality_columns,
    "organization": _organization_columns,
    "document": _document_columns,
    "partnership": _partnership_columns,
    "activity": _activity_columns,
    "vocabulary": _vocabulary_columns,
    "reported-total": _reported_columns,
    "programme": _programme_columns,
}
_PLAIN_TYPES = {"string": "string", "integer": "integer", "boolean": "boolean"}


def _plain_value(name: str, kind: str) -> Callable[[Record], Any]:
    if kind == "string":
        return lambda d: _text(d.get(name))
    if kind == "array":
        return lambda d: _joined(d.get(name, []))
    return lambda d: d.get(name)


@cache
def _schema_columns(record_type: str) -> tuple[Column, ...]:
    """A column per top-level text, number or true/false field, lists of text joined; its
    English gloss is the schema's annotation `x-en`, where the schema has one."""
    shape = SchemaShape()
    schema, base = shape.root(record_type)
    columns = []
    for name, own in schema.get("properties", {}).items():
        field = {**shape.resolve(own, base)[0], **own}  # "$ref" to common.schema.json: its type, own title
        kind = str(field.get("type"))
        items = field.get("items", {}).get("type") if kind == "array" else None
        if kind in _PLAIN_TYPES or items == "string":
            column_type = _PLAIN_TYPES.get(kind, "string")
            columns.append(Column(name, column_type, field.get("title", name), _plain_value(name, kind),
                                  str(field.get("x-en", ""))))
    return tuple(columns)


def columns_of(site: Site, record_type: str) -> list[Column]:
    made = COLUMNS.get(record_type)
    return made(site) if made else list(_schema_columns(record_type))


@dataclass(frozen=True)
class Dataset:
    """One download: a CSV and a JSON of the same rows."""

    name: str  # file name without its extension
    title: str  # a message of the site catalogue, translated where shown
    en: str  # English title
    record_type: str | None  # the record type whose records are the rows; None for a table drawn from several
    primary_key: tuple[str, ...]
    keys: tuple[tuple[str, str], ...] = ()  # a drawn table's foreign keys: (column, dataset whose id it names)


def _sourced_types() -> tuple[str, ...]:
    shape = SchemaShape()
    return tuple(name for name in TYPES if "sources" in shape.root(name)[0].get("properties", {}))


SOURCED_TYPES = _sourced_types()  # record types whose schema has `sources`
SOURCES = Dataset("nguon", N_("Nguồn"), "Sources", None, ("record_type", "record_id", "position"))
# A joint activity's places, a row each: a foreign key holds one value, never "a; b".
ACTIVITY_PLACES = Dataset("hoat-dong-dia-ban", N_("Địa bàn của hoạt động"), "Places of the activities (a row per place)",
                          None, ("activity", "locality"),
                          (("activity", str(TYPES["activity"].dataset)), ("locality", str(TYPES["locality"].dataset)),
                           ("district", str(TYPES["locality"].dataset))))
# The tables drawn from several records: (columns, rows).
_DRAWN: dict[str, tuple[Callable[[Site], list[Column]], Callable[[Site], Sequence[Record]]]] = {
    SOURCES.name: (_sources_columns, _sources_rows),
    ACTIVITY_PLACES.name: (_activity_place_columns, _activity_place_rows),
}
# Keys of a record type's table beyond its references: an activity's district.
_MORE_KEYS = {"activity": (("district", str(TYPES["locality"].dataset)),)}
_FROM_TYPES = {
    t.dataset: Dataset(t.dataset, t.dataset_title or t.name, t.dataset_en or t.name, t.name, t.dataset_key,
                       _MORE_KEYS.get(t.name, ()))
    for t in TYPES.values() if t.dataset
}
# Every download, from the registry (one per record type with a dataset), the activities' places
# after the activities, then the sources.
DATASETS: dict[str, Dataset] = {}
for _name, _dataset in _FROM_TYPES.items():
    DATASETS[_name] = _dataset
    if _dataset.record_type == "activity":
        DATASETS[ACTIVITY_PLACES.name] = ACTIVITY_PLACES
DATASETS[SOURCES.name] = SOURCES
_BY_TYPE = {d.record_type: d for d in DATASETS.values() if d.record_type}


def dataset_columns(site: Site, dataset: Dataset) -> list[Column]:
    return columns_of(site, dataset.record_type) if dataset.record_type else _DRAWN[dataset.name][0](site)


def dataset_rows(site: Site, dataset: Dataset) -> Sequence[Record]:
    return _rows(site, dataset.record_type) if dataset.record_type else _DRAWN[dataset.name][1](site)


def foreign_keys(dataset: Dataset, columns: list[Column]) -> list[tuple[str, Dataset]]:
    """(column, dataset it refers to): the registry's single-valued references that are columns,
    or a drawn table's own keys."""
    own = [(column, DATASETS[target]) for column, target in dataset.keys]
    if not dataset.record_type:
        return own
    names = {c.name for c in columns}
    keys = []
    for reference in TYPES[dataset.record_type].references:
        target = _BY_TYPE.get(reference.target)
        # A column refers to a dataset keyed by one column (a vocabulary's rows are keyed by two).
        if len(reference.path) == 1 and reference.path[0] in names and target and len(target.primary_key) == 1:
            keys.append((reference.path[0], target))
    return keys + own


def records_in_order(site: Site, record_type: str) -> Sequence[Record]:
    """A type's records: activities by date, then id; the others by id."""
    if record_type == "activity":
        return site.in_order
    records = site.records.get(record_type, {})
    return [records[i] for i in sorted(records)]


def _rows(site: Site, record_type: str) -> Sequence[Record]:
    """A dataset's rows: a record each, but an item each for vocabularies and a figure each for
    reported totals."""
    if record_type == "vocabulary":
        return _vocabulary_rows(site)
    if record_type == "reported-total":
        return _reported_rows(site)
    return records_in_order(site, record_type)


# A text cell starting with one of these is read by Excel or LibreOffice as a formula
# (=HYPERLINK(…), +cmd|…, @SUM…). OWASP's remedy: a leading single quote makes it text.
_FORMULA_START = frozenset("=+-@\t\r")  # first characters that make Excel read a formula


def _field(value) -> str:
    """One CSV field, quoted as the csv module's Excel dialect quotes (only when it holds a
    comma, a double quote or a line break; quotes doubled). Every cell of every CSV passes
    here, so formulas are neutralised here; numbers stay numbers, the JSON stays exact."""
    if isinstance(value, str):  # most cells: asked first
        text = "'" + value if value[:1] in _FORMULA_START else value
    elif value is None:
        return ""  # not reported: an empty cell, never 0
    elif value is True or value is False:
        return "true" if value else "false"
    else:
        text = str(value)
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text or "\r" in text:
        return f'"{text}"'
    return text


def _line(fields: list[str]) -> str:
    if fields == [""]:
        return '""\r\n'  # as csv.writer: one empty field, not an empty line
    return ",".join(fields) + "\r\n"


# Rows a table's part holds (files.Parts): a few hundred KB, so that the activities' table,
# some 300 MB at ten times province scale, is never held whole, and a part is still worth a call.
ROWS_PER_PART = 1000


def csv_parts(columns: list[Column], rows: Sequence[Record]) -> Iterator[bytes]:
    """The same bytes as csv.writer would write (lines end in CRLF), joined here: its
    per-character loop was the slowest step of the activities table. In parts of ROWS_PER_PART rows."""
    values = [c.value for c in columns]
    yield b"\xef\xbb\xbf" + _line([_field(c.name) for c in columns]).encode("utf-8")  # the BOM: Excel reads UTF-8
    for start in range(0, len(rows), ROWS_PER_PART):
        yield "".join([_line([_field(value(row)) for value in values]) for row in rows[start:start + ROWS_PER_PART]]).encode("utf-8")


def csv_bytes(columns: list[Column], rows: Sequence[Record]) -> bytes:
    return b"".join(csv_parts(columns, rows))


def json_parts(rows: Sequence[Record]) -> Iterator[bytes]:
    """json_bytes(rows), in parts of ROWS_PER_PART rows: a compact array is its items joined by commas."""
    if not rows:
        yield json_document(rows)
        return
    yield b"["
    for start in range(0, len(rows), ROWS_PER_PART):
        items = json_document(list(rows[start:start + ROWS_PER_PART]), line=False)[1:-1]  # without the brackets
        yield b"," + items if start else items
    yield b"]\n"


def json_bytes(rows: Sequence[Record]) -> bytes:
    """Compact, keys sorted, UTF-8: orjson writes the same bytes as the json module four times
    faster (the activities are 27 MB at province scale)."""
    return json_document(rows)


def json_document(value: object, line: bool = True) -> bytes:
    """Any JSON value, written as json_bytes writes the tables; a line of its own unless `line` is False."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS | (orjson.OPT_APPEND_NEWLINE if line else 0))
    except orjson.JSONEncodeError:
        # An absurd amount beyond 64 bits (the validator only warns): the json module writes it.
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return (text + "\n" if line else text).encode("utf-8")


def tables(site: Site) -> Iterator[tuple[str, Parts]]:
    """(file name below du-lieu-mo/, its parts): the CSV and JSON of every dataset, one at a time,
    each in parts (files.Parts) made as the sink writes them: no table is ever held whole."""
    for dataset in DATASETS.values():
        rows = dataset_rows(site, dataset)
        yield f"{dataset.name}.csv", Parts(csv_parts(dataset_columns(site, dataset), rows))
        # The JSON keeps each record whole; a reported total's CSV has a row per figure.
        whole = records_in_order(site, dataset.record_type) if dataset.record_type == "reported-total" else rows
        yield f"{dataset.name}.json", Parts(json_parts(whole))


def sizes(site: Site) -> dict[str, int]:
    """Row counts per dataset, for the open-data page: counted once, though two tables' rows are
    made to be counted (0.06 s at province scale) and the page is made in each language."""
    if site.memo.row_counts is None:
        site.memo.row_counts = {name: len(dataset_rows(site, dataset)) for name, dataset in DATASETS.items()}
    return site.memo.row_counts
