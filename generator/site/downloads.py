"""Open data: every record type as CSV (UTF-8 with BOM, for Excel) and JSON, and a
Frictionless `datapackage.json` describing them. Codes and their labels side by side."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson
from slugify import slugify

from ..facts import Record
from ..registry import TYPES
from ..schema_shape import SchemaShape
from . import urls
from .escape import clean
from .i18n import _
from .model import Site, year_of
from .totals import MONEY_PARTS

FOLDER = urls.OPEN_DATA.rstrip("/")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless: string, integer, boolean
    title: str
    value: Callable[[Record], Any]


def _joined(values) -> str:
    return "; ".join(clean(v) for v in values)


def _text(value) -> str:
    return clean(value) if value else ""


def _locality_columns(site: Site) -> list[Column]:
    def border(d):
        return d.get("land_border") or {}

    return [
        Column("id", "string", _("Mã hồ sơ"), lambda d: d["id"]),
        Column("name", "string", _("Tên"), lambda d: clean(d["name"])),
        Column("level", "string", _("Mã cấp"), lambda d: d["level"]),
        Column("level_label", "string", _("Cấp"), lambda d: site.label("locality-levels", d["level"])),
        Column("code", "string", _("Mã hành chính"), lambda d: d.get("code", "")),
        Column("parent", "string", _("Mã đơn vị cấp trên"), lambda d: d.get("parent", "")),
        Column(
            "parent_name",
            "string",
            _("Đơn vị cấp trên"),
            lambda d: site.locality_name(d["parent"]) if d.get("parent") else "",
        ),
        Column("aliases", "string", _("Tên gọi khác"), lambda d: _joined(d.get("aliases", []))),
        Column("mountainous", "boolean", _("Huyện miền núi"), lambda d: d.get("mountainous")),
        Column("land_border", "boolean", _("Giáp biên giới đất liền"), lambda d: border(d).get("value")),
        Column("land_border_inferred", "boolean", _("Biên giới: suy luận"), lambda d: border(d).get("inferred")),
        Column("land_border_basis", "string", _("Biên giới: căn cứ"), lambda d: _text(border(d).get("basis"))),
        Column(
            "disadvantage",
            "string",
            _("Diện khó khăn: mã, giai đoạn, văn bản"),
            lambda d: "; ".join(f"{s['status']} {s['period']} {s['document']}" for s in d.get("disadvantage", [])),
        ),
        Column(
            "disadvantage_labels",
            "string",
            _("Diện khó khăn"),
            lambda d: "; ".join(
                f"{site.label('disadvantage-statuses', s['status'])} ({s['period']})" for s in d.get("disadvantage", [])
            ),
        ),
        Column("valid_from", "string", _("Có hiệu lực từ"), lambda d: d.get("valid_from", "")),
        Column("valid_to", "string", _("Có hiệu lực đến"), lambda d: d.get("valid_to", "")),
        Column("successor", "string", _("Mã đơn vị kế thừa"), lambda d: d.get("successor", "")),
        Column(
            "successor_name",
            "string",
            _("Đơn vị kế thừa"),
            lambda d: site.locality_name(d["successor"]) if d.get("successor") else "",
        ),
        Column("note", "string", _("Ghi chú"), lambda d: _text(d.get("note"))),
    ]


def _organization_columns(site: Site) -> list[Column]:
    return [
        Column("id", "string", _("Mã hồ sơ"), lambda d: d["id"]),
        Column("name", "string", _("Tên đầy đủ"), lambda d: clean(d["name"])),
        Column("short_name", "string", _("Tên ngắn"), lambda d: _text(d.get("short_name"))),
        Column("kind", "string", _("Mã loại đơn vị"), lambda d: d["kind"]),
        Column("kind_label", "string", _("Loại đơn vị"), lambda d: site.label("organization-kinds", d["kind"])),
        Column("locality", "string", _("Mã địa phương"), lambda d: d.get("locality", "")),
        Column("aliases", "string", _("Tên gọi khác"), lambda d: _joined(d.get("aliases", []))),
        Column("website", "string", _("Trang web"), lambda d: d.get("website", "")),
        Column("note", "string", _("Ghi chú"), lambda d: _text(d.get("note"))),
    ]


def _document_columns(site: Site) -> list[Column]:
    return [
        Column("id", "string", _("Mã hồ sơ"), lambda d: d["id"]),
        Column("number", "string", _("Số hiệu"), lambda d: _text(d.get("number"))),
        Column("kind", "string", _("Mã loại văn bản"), lambda d: d["kind"]),
        Column("kind_label", "string", _("Loại văn bản"), lambda d: site.label("document-kinds", d["kind"])),
        Column("title", "string", _("Trích yếu"), lambda d: clean(d["title"])),
        Column("issuer", "string", _("Cơ quan ban hành"), lambda d: clean(d["issuer"])),
        Column("date", "string", _("Ngày ban hành"), lambda d: d.get("date", "")),
        Column("effective_from", "string", _("Ngày có hiệu lực"), lambda d: d.get("effective_from", "")),
        Column("url", "string", _("Đường dẫn"), lambda d: d.get("url", "")),
        Column("summary", "string", _("Tóm tắt"), lambda d: _text(d.get("summary"))),
    ]


def _partnership_columns(site: Site) -> list[Column]:
    def totals(d):
        return site.partnership_totals(d["id"])

    return [
        Column("id", "string", _("Mã hồ sơ"), lambda d: d["id"]),
        Column("programme", "string", _("Mã chương trình"), lambda d: d["programme"]),
        Column("sponsors", "string", _("Mã đơn vị kết nghĩa"), lambda d: "; ".join(d["sponsors"])),
        Column(
            "sponsor_names",
            "string",
            _("Đơn vị kết nghĩa"),
            lambda d: "; ".join(site.sponsor_name(s) for s in d["sponsors"]),
        ),
        Column("locality", "string", _("Mã địa bàn"), lambda d: d["locality"]),
        Column("locality_name", "string", _("Địa bàn"), lambda d: site.locality_name(d["locality"])),
        Column("localities", "string", _("Mã các xã được nêu tên"), lambda d: "; ".join(d.get("localities", []))),
        Column("basis", "string", _("Mã văn bản căn cứ"), lambda d: "; ".join(d.get("basis", []))),
        Column("agreement_title", "string", _("Giao ước"), lambda d: _text((d.get("agreement") or {}).get("title"))),
        Column("agreement_date", "string", _("Ngày ký giao ước"), lambda d: (d.get("agreement") or {}).get("date", "")),
        Column("period_start", "string", _("Bắt đầu"), lambda d: d["period"]["start"]),
        Column("period_end", "string", _("Kết thúc"), lambda d: d["period"].get("end", "")),
        Column("period_assumed", "string", _("Mốc thời gian giả định (start, end)"),
               lambda d: "; ".join(d["period"].get("assumed", []))),
        Column("twinned_since", "string", _("Kết nghĩa từ năm"), lambda d: d.get("twinned_since", "")),
        Column("status", "string", _("Mã tình trạng"), lambda d: d["status"]),
        Column("status_label", "string", _("Tình trạng"), lambda d: site.label("partnership-statuses", d["status"])),
        Column("activities", "integer", _("Số hoạt động (không tính đã hủy)"), lambda d: totals(d).activities),
        Column("delivered_total", "integer", _("Tổng giá trị đã thực hiện (đồng)"), lambda d: totals(d).delivered),
        Column("description", "string", _("Mô tả"), lambda d: _text(d.get("description"))),
    ]


def _money_part(kind: str, part: str) -> Callable[[Record], int | None]:
    return lambda d: ((d.get("value") or {}).get(kind) or {}).get(part)


def _money_columns(kind: str, title: str, total: Callable[[Record], int | None]) -> list[Column]:
    labels = {"cash": _("tiền mặt"), "in_kind": _("hiện vật"), "mobilised": _("vận động"), "unspecified": _("chưa tách")}
    columns = [
        Column(
            f"{kind}_{part}",
            "integer",
            _("{value}: {part} (đồng)").format(value=title, part=labels[part]),
            _money_part(kind, part),
        )
        for part in MONEY_PARTS
    ]
    columns.append(Column(f"{kind}_total", "integer", _("{value}: tổng (đồng)").format(value=title), total))
    return columns


def _activity_columns(site: Site) -> list[Column]:
    def place(d):  # a joint activity: its communes, separated by "; "
        return "; ".join(site.places(d))

    def category(d):
        return site.vocabulary("support-categories").get(d["category"], {})

    def benefit(d):
        return d.get("beneficiaries") or {}

    def first_source(d):
        return d["sources"][0]

    def figures(d):
        return site.figures[d["id"]]

    return [
        Column("id", "string", _("Mã hồ sơ"), lambda d: d["id"]),
        Column("partnership", "string", _("Mã cặp kết nghĩa"), lambda d: d["partnership"]),
        Column("programme", "string", _("Mã chương trình"), lambda d: site.partnerships[d["partnership"]]["programme"]),
        Column("partnership_name", "string", _("Cặp kết nghĩa"), lambda d: site.partnership_name(d["partnership"])),
        Column("locality", "string", _("Mã địa bàn thực hiện"), place),
        Column("locality_name", "string", _("Địa bàn thực hiện"), lambda d: "; ".join(site.locality_name(p) for p in site.places(d))),
        Column("date", "string", _("Ngày (NNNN, NNNN-TT hoặc NNNN-TT-NN)"), lambda d: d["date"]),
        Column("end_date", "string", _("Ngày kết thúc"), lambda d: d.get("end_date", "")),
        Column("year", "integer", _("Năm"), lambda d: int(year_of(d))),
        Column("category", "string", _("Mã nội dung hỗ trợ"), lambda d: d["category"]),
        Column(
            "category_label", "string", _("Nội dung hỗ trợ"), lambda d: site.label("support-categories", d["category"])
        ),
        Column("category_group", "string", _("Mã nhóm nội dung"), lambda d: category(d).get("group", "")),
        Column(
            "category_group_label", "string", _("Nhóm nội dung"), lambda d: site.groups().get(category(d).get("group"), "")
        ),
        Column("gift", "boolean", _("Tặng quà"), lambda d: category(d).get("gift")),
        Column("training", "boolean", _("Tập huấn"), lambda d: category(d).get("training")),
        Column("tags", "string", _("Thẻ"), lambda d: "; ".join(d.get("tags", []))),
        Column("status", "string", _("Mã tình trạng"), lambda d: d["status"]),
        Column("status_label", "string", _("Tình trạng"), lambda d: site.label("activity-statuses", d["status"])),
        Column("title", "string", _("Tên hoạt động"), lambda d: clean(d["title"])),
        Column("description", "string", _("Mô tả"), lambda d: _text(d.get("description"))),
        *_money_columns("planned", _("Kế hoạch"), lambda d: figures(d).planned),
        *_money_columns("delivered", _("Đã thực hiện"), lambda d: figures(d).delivered),
        Column(
            "mobilised_from", "string", _("Vận động từ"), lambda d: _text((d.get("value") or {}).get("mobilised_from"))
        ),
        Column("households", "integer", _("Số hộ hưởng lợi"), lambda d: benefit(d).get("households")),
        Column("people", "integer", _("Số người hưởng lợi"), lambda d: benefit(d).get("people")),
        Column("beneficiaries_note", "string", _("Ghi chú người hưởng lợi"), lambda d: _text(benefit(d).get("note"))),
        Column("sources", "integer", _("Số nguồn"), lambda d: len(d["sources"])),
        Column("source_title", "string", _("Nguồn thứ nhất: tiêu đề"), lambda d: clean(first_source(d)["title"])),
        Column("source_publisher", "string", _("Nguồn thứ nhất: nơi đăng"), lambda d: clean(first_source(d)["publisher"])),
        Column("source_date", "string", _("Nguồn thứ nhất: ngày"), lambda d: first_source(d)["date"]),
        Column("source_url", "string", _("Nguồn thứ nhất: đường dẫn"), lambda d: first_source(d).get("url", "")),
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
        Column("vocabulary", "string", _("Mã danh mục"), lambda d: d["vocabulary"]),
        Column("code", "string", _("Mã"), lambda d: d["code"]),
        Column("label", "string", _("Nhãn"), lambda d: clean(d["label"])),
        Column("group", "string", _("Mã nhóm"), lambda d: d.get("group", "")),
        Column("group_label", "string", _("Nhóm"), lambda d: _text(d.get("group_label"))),
        Column("gift", "boolean", _("Tặng quà"), lambda d: d.get("gift")),
        Column("training", "boolean", _("Tập huấn"), lambda d: d.get("training")),
        Column("official_code", "string", _("Mã chính thức"), lambda d: d.get("official_code", "")),
        Column("maps_to", "string", _("Thuộc mục"), lambda d: d.get("maps_to", "")),
        Column("inferred", "boolean", _("Suy luận"), lambda d: d.get("inferred")),
        Column("note", "string", _("Ghi chú"), lambda d: _text(d.get("note"))),
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
        Column("targets_count", "integer", _("Số xã được giúp đỡ theo văn bản"), lambda d: targets(d).get("count")),
        Column("targets", "string", _("Mã các xã được giúp đỡ mà sổ biết tên"),
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
    """A column per top-level text, number or true/false field, lists of text joined."""
    shape = SchemaShape()
    schema, base = shape.root(record_type)
    columns = []
    for name, own in schema.get("properties", {}).items():
        field = {**shape.resolve(own, base)[0], **own}  # "$ref" to common.schema.json: its type, own title
        kind = str(field.get("type"))
        items = field.get("items", {}).get("type") if kind == "array" else None
        if kind in _PLAIN_TYPES or items == "string":
            column_type = _PLAIN_TYPES.get(kind, "string")
            columns.append(Column(name, column_type, field.get("title", name), _plain_value(name, kind)))
    return tuple(columns)


def columns_of(site: Site, record_type: str) -> list[Column]:
    made = COLUMNS.get(record_type)
    return made(site) if made else list(_schema_columns(record_type))


# name of the download -> (record type, title), from the registry: the title is a message id, translated where shown
DATASETS = {t.dataset: (t.name, t.dataset_title or t.name) for t in TYPES.values() if t.dataset}


def _rows(site: Site, record_type: str) -> Sequence[Record]:
    if record_type == "vocabulary":
        return _vocabulary_rows(site)
    if record_type == "reported-total":
        return _reported_rows(site)
    records = site.records.get(record_type, {})
    if record_type == "activity":
        return site.in_order  # by date, then id
    return [records[i] for i in sorted(records)]


# A text cell starting with one of these is read by Excel or LibreOffice as a formula
# (=HYPERLINK(…), +cmd|…, @SUM…). OWASP's remedy: a leading single quote makes it text.
_FORMULA_START = frozenset("=+-@\t\r")  # first characters that make Excel read a formula


def _field(value) -> str:
    """One CSV field, quoted as the csv module's Excel dialect quotes (only when it holds a
    comma, a double quote or a line break; quotes doubled). Every cell of every CSV passes
    here, so formulas are neutralised here; numbers stay numbers, the JSON stays exact."""
    if value is None:
        return ""  # not reported: an empty cell, never 0
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        text = "'" + value if value[:1] in _FORMULA_START else value
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


def csv_bytes(columns: list[Column], rows: Sequence[Record]) -> bytes:
    """The same bytes as csv.writer would write (lines end in CRLF), joined here: its
    per-character loop was the slowest step of the activities table (27 MB at province scale)."""
    values = [c.value for c in columns]
    lines = [b"\xef\xbb\xbf" + _line([_field(c.name) for c in columns]).encode("utf-8")]  # the BOM: Excel reads UTF-8
    # Encoded line by line: one joined copy of the whole table instead of three (text, bytes, BOM + bytes).
    lines += [_line([_field(value(row)) for value in values]).encode("utf-8") for row in rows]
    return b"".join(lines)


def json_bytes(rows: Sequence[Record]) -> bytes:
    """Compact, keys sorted, UTF-8: orjson writes the same bytes as the json module four times
    faster (the activities are 27 MB at province scale)."""
    try:
        return orjson.dumps(rows, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        # An absurd amount beyond 64 bits (the validator only warns): the json module writes it.
        return json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8") + b"\n"


def _resource(name: str, title: str, columns: list[Column]) -> list[dict[str, Any]]:
    fields = [{"name": c.name, "type": c.type, "title": c.title} for c in columns]
    return [
        {
            "name": name,
            "title": title,
            "path": f"{name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",
            "schema": {"fields": fields, "missingValues": [""]},
        },
        {
            "name": f"{name}-json",
            "title": _("{dataset} (JSON, đủ các trường của hồ sơ)").format(dataset=title),
            "path": f"{name}.json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        },
    ]


def downloads(site: Site) -> dict[str, bytes]:
    """{path below du-lieu-mo/: bytes}"""
    files, resources = {}, []
    for name, (record_type, title) in DATASETS.items():
        columns = columns_of(site, record_type)
        rows = _rows(site, record_type)
        files[f"{name}.csv"] = csv_bytes(columns, rows)
        # The JSON keeps each record whole; a reported total's CSV has a row per figure.
        whole = [site.reported_totals[i] for i in sorted(site.reported_totals)] if record_type == "reported-total" else rows
        files[f"{name}.json"] = json_bytes(whole)
        resources += _resource(name, _(title), columns)
    package = {
        "name": slugify(site.identity.name),
        "title": site.identity.name,
        "description": _(
            "Dữ liệu mở sinh từ các hồ sơ YAML đã được kiểm tra. "
            "Tiền tính bằng đồng; ô trống là chưa báo cáo, không phải bằng 0."
        ),
        "version": site.newest.isoformat() if site.newest else "",
        "resources": resources,
    }
    files["datapackage.json"] = (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return files


def sizes(site: Site) -> dict[str, int]:
    """Row counts per dataset, for the open-data page."""
    return {name: len(_rows(site, record_type)) for name, (record_type, title) in DATASETS.items()}
