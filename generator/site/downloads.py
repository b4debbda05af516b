"""Open data: every record type as CSV (UTF-8 with BOM, for Excel) and JSON, and a
Frictionless `datapackage.json` describing them. Codes and their labels side by side."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

import orjson

from .escape import clean
from .model import Site, year_of
from .totals import MONEY_PARTS

FOLDER = "du-lieu-mo"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless: string, integer, boolean
    title: str
    value: Callable


def _joined(values) -> str:
    return "; ".join(clean(v) for v in values)


def _text(value) -> str:
    return clean(value) if value else ""


def _locality_columns(site: Site) -> list[Column]:
    def border(d):
        return d.get("land_border") or {}

    return [
        Column("id", "string", "Mã hồ sơ", lambda d: d["id"]),
        Column("name", "string", "Tên", lambda d: clean(d["name"])),
        Column("level", "string", "Mã cấp", lambda d: d["level"]),
        Column("level_label", "string", "Cấp", lambda d: site.label("locality-levels", d["level"])),
        Column("code", "string", "Mã hành chính", lambda d: d.get("code", "")),
        Column("parent", "string", "Mã đơn vị cấp trên", lambda d: d.get("parent", "")),
        Column(
            "parent_name",
            "string",
            "Đơn vị cấp trên",
            lambda d: site.locality_name(d["parent"]) if d.get("parent") else "",
        ),
        Column("aliases", "string", "Tên gọi khác", lambda d: _joined(d.get("aliases", []))),
        Column("mountainous", "boolean", "Huyện miền núi", lambda d: d.get("mountainous")),
        Column("land_border", "boolean", "Giáp biên giới đất liền", lambda d: border(d).get("value")),
        Column("land_border_inferred", "boolean", "Biên giới: suy luận", lambda d: border(d).get("inferred")),
        Column("land_border_basis", "string", "Biên giới: căn cứ", lambda d: _text(border(d).get("basis"))),
        Column(
            "disadvantage",
            "string",
            "Diện khó khăn: mã, giai đoạn, văn bản",
            lambda d: "; ".join(f"{s['status']} {s['period']} {s['document']}" for s in d.get("disadvantage", [])),
        ),
        Column(
            "disadvantage_labels",
            "string",
            "Diện khó khăn",
            lambda d: "; ".join(
                f"{site.label('disadvantage-statuses', s['status'])} ({s['period']})" for s in d.get("disadvantage", [])
            ),
        ),
        Column("valid_from", "string", "Có hiệu lực từ", lambda d: d.get("valid_from", "")),
        Column("valid_to", "string", "Có hiệu lực đến", lambda d: d.get("valid_to", "")),
        Column("successor", "string", "Mã đơn vị kế thừa", lambda d: d.get("successor", "")),
        Column(
            "successor_name",
            "string",
            "Đơn vị kế thừa",
            lambda d: site.locality_name(d["successor"]) if d.get("successor") else "",
        ),
        Column("note", "string", "Ghi chú", lambda d: _text(d.get("note"))),
    ]


def _organization_columns(site: Site) -> list[Column]:
    return [
        Column("id", "string", "Mã hồ sơ", lambda d: d["id"]),
        Column("name", "string", "Tên đầy đủ", lambda d: clean(d["name"])),
        Column("short_name", "string", "Tên ngắn", lambda d: _text(d.get("short_name"))),
        Column("kind", "string", "Mã loại đơn vị", lambda d: d["kind"]),
        Column("kind_label", "string", "Loại đơn vị", lambda d: site.label("organization-kinds", d["kind"])),
        Column("locality", "string", "Mã địa phương", lambda d: d.get("locality", "")),
        Column("aliases", "string", "Tên gọi khác", lambda d: _joined(d.get("aliases", []))),
        Column("website", "string", "Trang web", lambda d: d.get("website", "")),
        Column("note", "string", "Ghi chú", lambda d: _text(d.get("note"))),
    ]


def _document_columns(site: Site) -> list[Column]:
    return [
        Column("id", "string", "Mã hồ sơ", lambda d: d["id"]),
        Column("number", "string", "Số hiệu", lambda d: _text(d.get("number"))),
        Column("kind", "string", "Mã loại văn bản", lambda d: d["kind"]),
        Column("kind_label", "string", "Loại văn bản", lambda d: site.label("document-kinds", d["kind"])),
        Column("title", "string", "Trích yếu", lambda d: clean(d["title"])),
        Column("issuer", "string", "Cơ quan ban hành", lambda d: clean(d["issuer"])),
        Column("date", "string", "Ngày ban hành", lambda d: d.get("date", "")),
        Column("effective_from", "string", "Ngày có hiệu lực", lambda d: d.get("effective_from", "")),
        Column("url", "string", "Đường dẫn", lambda d: d.get("url", "")),
        Column("summary", "string", "Tóm tắt", lambda d: _text(d.get("summary"))),
    ]


def _partnership_columns(site: Site) -> list[Column]:
    def totals(d):
        return site.partnership_totals(d["id"])

    return [
        Column("id", "string", "Mã hồ sơ", lambda d: d["id"]),
        Column("sponsors", "string", "Mã đơn vị kết nghĩa", lambda d: "; ".join(d["sponsors"])),
        Column(
            "sponsor_names",
            "string",
            "Đơn vị kết nghĩa",
            lambda d: "; ".join(site.sponsor_name(s) for s in d["sponsors"]),
        ),
        Column("locality", "string", "Mã địa bàn", lambda d: d["locality"]),
        Column("locality_name", "string", "Địa bàn", lambda d: site.locality_name(d["locality"])),
        Column("basis", "string", "Mã văn bản căn cứ", lambda d: "; ".join(d.get("basis", []))),
        Column("agreement_title", "string", "Giao ước", lambda d: _text((d.get("agreement") or {}).get("title"))),
        Column("agreement_date", "string", "Ngày ký giao ước", lambda d: (d.get("agreement") or {}).get("date", "")),
        Column("period_start", "string", "Bắt đầu", lambda d: d["period"]["start"]),
        Column("period_end", "string", "Kết thúc", lambda d: d["period"].get("end", "")),
        Column("twinned_since", "string", "Kết nghĩa từ năm", lambda d: d.get("twinned_since", "")),
        Column("status", "string", "Mã tình trạng", lambda d: d["status"]),
        Column("status_label", "string", "Tình trạng", lambda d: site.label("partnership-statuses", d["status"])),
        Column("activities", "integer", "Số hoạt động (không tính đã hủy)", lambda d: totals(d).activities),
        Column("delivered_total", "integer", "Tổng giá trị đã thực hiện (đồng)", lambda d: totals(d).delivered),
        Column("description", "string", "Mô tả", lambda d: _text(d.get("description"))),
    ]


def _money_columns(kind: str, title: str, total: Callable) -> list[Column]:
    labels = {"cash": "tiền mặt", "in_kind": "hiện vật", "mobilised": "vận động", "unspecified": "chưa tách"}
    columns = [
        Column(
            f"{kind}_{part}",
            "integer",
            f"{title}: {labels[part]} (đồng)",
            lambda d, part=part: ((d.get("value") or {}).get(kind) or {}).get(part),
        )
        for part in MONEY_PARTS
    ]
    columns.append(Column(f"{kind}_total", "integer", f"{title}: tổng (đồng)", total))
    return columns


def _activity_columns(site: Site) -> list[Column]:
    def place(d):
        return d.get("locality") or site.partnerships[d["partnership"]]["locality"]

    def category(d):
        return site.vocabulary("support-categories").get(d["category"], {})

    def benefit(d):
        return d.get("beneficiaries") or {}

    def first_source(d):
        return d["sources"][0]

    def figures(d):
        return site.figures[d["id"]]

    return [
        Column("id", "string", "Mã hồ sơ", lambda d: d["id"]),
        Column("partnership", "string", "Mã cặp kết nghĩa", lambda d: d["partnership"]),
        Column("partnership_name", "string", "Cặp kết nghĩa", lambda d: site.partnership_name(d["partnership"])),
        Column("locality", "string", "Mã địa bàn thực hiện", place),
        Column("locality_name", "string", "Địa bàn thực hiện", lambda d: site.locality_name(place(d))),
        Column("date", "string", "Ngày (NNNN, NNNN-TT hoặc NNNN-TT-NN)", lambda d: d["date"]),
        Column("end_date", "string", "Ngày kết thúc", lambda d: d.get("end_date", "")),
        Column("year", "integer", "Năm", lambda d: int(year_of(d))),
        Column("category", "string", "Mã nội dung hỗ trợ", lambda d: d["category"]),
        Column(
            "category_label", "string", "Nội dung hỗ trợ", lambda d: site.label("support-categories", d["category"])
        ),
        Column("category_group", "string", "Mã nhóm nội dung", lambda d: category(d).get("group", "")),
        Column(
            "category_group_label", "string", "Nhóm nội dung", lambda d: site.groups().get(category(d).get("group"), "")
        ),
        Column("gift", "boolean", "Tặng quà", lambda d: category(d).get("gift")),
        Column("training", "boolean", "Tập huấn", lambda d: category(d).get("training")),
        Column("tags", "string", "Thẻ", lambda d: "; ".join(d.get("tags", []))),
        Column("status", "string", "Mã tình trạng", lambda d: d["status"]),
        Column("status_label", "string", "Tình trạng", lambda d: site.label("activity-statuses", d["status"])),
        Column("title", "string", "Tên hoạt động", lambda d: clean(d["title"])),
        Column("description", "string", "Mô tả", lambda d: _text(d.get("description"))),
        *_money_columns("planned", "Kế hoạch", lambda d: figures(d).planned),
        *_money_columns("delivered", "Đã thực hiện", lambda d: figures(d).delivered),
        Column(
            "mobilised_from", "string", "Vận động từ", lambda d: _text((d.get("value") or {}).get("mobilised_from"))
        ),
        Column("households", "integer", "Số hộ hưởng lợi", lambda d: benefit(d).get("households")),
        Column("people", "integer", "Số người hưởng lợi", lambda d: benefit(d).get("people")),
        Column("beneficiaries_note", "string", "Ghi chú người hưởng lợi", lambda d: _text(benefit(d).get("note"))),
        Column("sources", "integer", "Số nguồn", lambda d: len(d["sources"])),
        Column("source_title", "string", "Nguồn thứ nhất: tiêu đề", lambda d: clean(first_source(d)["title"])),
        Column("source_publisher", "string", "Nguồn thứ nhất: nơi đăng", lambda d: clean(first_source(d)["publisher"])),
        Column("source_date", "string", "Nguồn thứ nhất: ngày", lambda d: first_source(d)["date"]),
        Column("source_url", "string", "Nguồn thứ nhất: đường dẫn", lambda d: first_source(d).get("url", "")),
    ]


def _vocabulary_rows(site: Site) -> list[dict]:
    rows = []
    for vid, vocabulary in site.records.get("vocabulary", {}).items():
        groups = {g["code"]: g["label"] for g in vocabulary.get("groups", [])}
        for item in vocabulary["items"]:
            rows.append({"vocabulary": vid, **item, "group_label": groups.get(item.get("group"), "")})
    return rows


def _vocabulary_columns(site: Site) -> list[Column]:
    return [
        Column("vocabulary", "string", "Mã danh mục", lambda d: d["vocabulary"]),
        Column("code", "string", "Mã", lambda d: d["code"]),
        Column("label", "string", "Nhãn", lambda d: clean(d["label"])),
        Column("group", "string", "Mã nhóm", lambda d: d.get("group", "")),
        Column("group_label", "string", "Nhóm", lambda d: _text(d.get("group_label"))),
        Column("gift", "boolean", "Tặng quà", lambda d: d.get("gift")),
        Column("training", "boolean", "Tập huấn", lambda d: d.get("training")),
        Column("official_code", "string", "Mã chính thức", lambda d: d.get("official_code", "")),
        Column("maps_to", "string", "Thuộc mục", lambda d: d.get("maps_to", "")),
        Column("inferred", "boolean", "Suy luận", lambda d: d.get("inferred")),
        Column("note", "string", "Ghi chú", lambda d: _text(d.get("note"))),
    ]


# name of the download -> (record type, Vietnamese title, columns)
DATASETS = {
    "dia-ban": ("locality", "Địa bàn", _locality_columns),
    "don-vi-ket-nghia": ("organization", "Đơn vị kết nghĩa", _organization_columns),
    "van-ban": ("document", "Văn bản", _document_columns),
    "cap-ket-nghia": ("partnership", "Cặp kết nghĩa", _partnership_columns),
    "hoat-dong": ("activity", "Hoạt động", _activity_columns),
    "danh-muc": ("vocabulary", "Danh mục", _vocabulary_columns),
}


def _rows(site: Site, record_type: str) -> list[dict]:
    if record_type == "vocabulary":
        return _vocabulary_rows(site)
    records = site.records.get(record_type, {})
    if record_type == "activity":
        return site.in_order  # by date, then id
    return [records[i] for i in sorted(records)]


# A text cell starting with one of these is read by Excel or LibreOffice as a formula
# (=HYPERLINK(…), +cmd|…, @SUM…). OWASP's remedy: a leading single quote makes it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _field(value) -> str:
    """One CSV field, quoted as the csv module's Excel dialect quotes (only when it holds a
    comma, a double quote or a line break; quotes doubled). Every cell of every CSV passes
    here, so formulas are neutralised here; numbers stay numbers, the JSON stays exact."""
    if value is None:
        return ""  # not reported: an empty cell, never 0
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, str):
        text = "'" + value if value.startswith(_FORMULA_START) else value
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


def csv_bytes(columns: list[Column], rows: list[dict]) -> bytes:
    """The same bytes as csv.writer would write (lines end in CRLF), joined here: its
    per-character loop was the slowest step of the activities table (27 MB at province scale)."""
    values = [c.value for c in columns]
    lines = [b"\xef\xbb\xbf" + _line([_field(c.name) for c in columns]).encode("utf-8")]  # the BOM: Excel reads UTF-8
    # Encoded line by line: one joined copy of the whole table instead of three (text, bytes, BOM + bytes).
    lines += [_line([_field(value(row)) for value in values]).encode("utf-8") for row in rows]
    return b"".join(lines)


def json_bytes(rows: list[dict]) -> bytes:
    """Compact, keys sorted, UTF-8: orjson writes the same bytes as the json module four times
    faster (the activities are 27 MB at province scale)."""
    try:
        return orjson.dumps(rows, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        # An absurd amount beyond 64 bits (the validator only warns): the json module writes it.
        return json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8") + b"\n"


def _resource(name: str, title: str, columns: list[Column]) -> list[dict]:
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
            "title": f"{title} (JSON, đủ các trường của hồ sơ)",
            "path": f"{name}.json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        },
    ]


def downloads(site: Site) -> dict[str, bytes]:
    """{path below du-lieu-mo/: bytes}"""
    files, resources = {}, []
    for name, (record_type, title, columns_of) in DATASETS.items():
        columns = columns_of(site)
        rows = _rows(site, record_type)
        files[f"{name}.csv"] = csv_bytes(columns, rows)
        files[f"{name}.json"] = json_bytes(rows)
        resources += _resource(name, title, columns)
    package = {
        "name": "so-ket-nghia-quang-nam",
        "title": "Sổ kết nghĩa, giúp đỡ vùng đồng bào DTTS và miền núi tỉnh Quảng Nam 2020-2025",
        "description": "Dữ liệu mở sinh từ các hồ sơ YAML đã được kiểm tra. "
        "Tiền tính bằng đồng; ô trống là chưa báo cáo, không phải bằng 0.",
        "version": site.newest.isoformat() if site.newest else "",
        "resources": resources,
    }
    files["datapackage.json"] = (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return files


def sizes(site: Site) -> dict:
    """Row counts per dataset, for the open-data page."""
    return {name: len(_rows(site, record_type)) for name, (record_type, _, _) in DATASETS.items()}
